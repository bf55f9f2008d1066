"""What the review's operations share: its codes and statuses, and the check of a decision's date."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from desktop.domain.rules import RulePack, RulePackError
from desktop.i18n import N_, _
from desktop.store import Store, ValidationError

ROUND_KINDS = ("year", "movement", "occasion")
PROPOSED_VERDICTS = ("eligible", "needs_vote")
OVERRIDE_VERDICTS = ("not_eligible", "deferred")
ACTIVE_STATUSES = ("proposed", "passed", "failed")
COUNCIL_ROLES: dict[str, str] = {
    "chair": N_("Chủ tịch Hội đồng"),
    "deputy": N_("Phó Chủ tịch Hội đồng"),
    "member": N_("Ủy viên"),
    "secretary": N_("Thư ký"),
}
NOMINATION_STATUSES: dict[str, str] = {
    "proposed": N_("Đề nghị"),
    "removed": N_("Đã bỏ khỏi danh sách"),
    "passed": N_("Đạt (Hội đồng)"),
    "failed": N_("Không đạt (Hội đồng)"),
    "decided": N_("Đã có quyết định"),
    "sent_up": N_("Đã gửi hồ sơ lên cấp trên"),
}
DECISION_STATUSES: dict[str, str] = {
    "issued": N_("Đã ban hành"),
    "corrected": N_("Đã bị thay thế"),
    "revoked": N_("Đã hủy bỏ (thu hồi khen thưởng, tiền thưởng)"),
}
DEFAULT_SERIES = "QĐ-UBND"

_FUTURE_DAYS = 366  # a decision is signed now, not next year: a date further ahead is a typing slip


def check_law_date(pack: RulePack, when: date, what: str, *, today: date | None = None) -> None:
    """A decision date the law of the pack covers, and not far in the future."""
    try:
        pack.check_date(when, what=what)
    except RulePackError as exc:
        raise ValidationError(str(exc), field="decision_date") from None
    limit = (today or date.today()) + timedelta(days=_FUTURE_DAYS)
    if when > limit:
        raise ValidationError(
            _("{what}: ngày {date} quá xa trong tương lai (sau ngày {limit}); hãy kiểm tra lại ngày ký.").format(
                what=what, date=when.strftime("%d/%m/%Y"), limit=limit.strftime("%d/%m/%Y")
            ),
            field="decision_date",
        )


def round_ballots(store: Store, round_id: int) -> dict[int, dict[str, Any]]:
    """The council's ballots of the round, by nomination id."""
    return {
        int(b["nomination_id"]): b
        for b in store.query(
            "SELECT b.* FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?", (round_id,)
        )
    }
