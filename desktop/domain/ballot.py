"""Council secret ballot (bỏ phiếu kín của Hội đồng Thi đua - Khen thưởng).

The threshold is a share of ALL council members, not of those present (last confirmed text NĐ 98/2023
Điều 30.7; defaults 80% / 90% live in the rule pack). An absent member gives a written opinion: the votes cast
at the meeting and the absentees' written votes are kept apart, and whether the written ones count toward the
threshold is a pack setting (default: they count, NĐ 98/2023 Điều 30.7). A province may also require a share of
the members to be present for the meeting to vote at all (``council_quorum_percent``; nationally none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from desktop.domain.money import format_number
from desktop.domain.rules import RulePack, RulePackError
from desktop.i18n import _


class BallotError(ValueError):
    """Ballot numbers that cannot be true (more ballots than members present, negative counts…)."""


@dataclass(frozen=True)
class BallotResult:
    code: str
    members_total: int
    agree: int
    disagree: int
    invalid: int
    absent: int
    written_agree: int
    counted_agree: int
    threshold_percent: Decimal
    percent: Decimal  # counted_agree / members_total × 100, exact
    passed: bool
    text: str  # "8/10 thành viên đồng ý = 80,0% ≥ 80% → đạt"
    cite: str
    written_disagree: int = 0


def _check_counts(
    members_total: int, agree: int, disagree: int, invalid: int, absent: int, written_agree: int, written_disagree: int
) -> None:
    counts = {
        _("tổng số thành viên"): members_total,
        _("số phiếu đồng ý"): agree,
        _("số phiếu không đồng ý"): disagree,
        _("số phiếu không hợp lệ"): invalid,
        _("số thành viên vắng mặt"): absent,
        _("số ý kiến đồng ý bằng văn bản"): written_agree,
        _("số ý kiến không đồng ý bằng văn bản"): written_disagree,
    }
    for label, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise BallotError(
                _("{label} phải là số nguyên không âm, không phải “{value}”.").format(label=label, value=value)
            )
    if members_total == 0:
        raise BallotError(_("Hội đồng phải có ít nhất một thành viên."))
    if absent > members_total:
        raise BallotError(
            _("Số thành viên vắng mặt ({absent}) nhiều hơn tổng số thành viên Hội đồng ({total}).").format(
                absent=absent, total=members_total
            )
        )
    cast = agree + disagree + invalid
    if cast > members_total:
        raise BallotError(
            _("Số phiếu bầu ({cast}) nhiều hơn tổng số thành viên Hội đồng ({total}).").format(
                cast=cast, total=members_total
            )
        )
    present = members_total - absent
    if cast > present:
        raise BallotError(
            _("Số phiếu bầu ({cast}) nhiều hơn số thành viên có mặt ({present} = {total} − {absent} vắng).").format(
                cast=cast, present=present, total=members_total, absent=absent
            )
        )
    if written_agree + written_disagree > absent:
        raise BallotError(
            _("Số ý kiến bằng văn bản ({written}) nhiều hơn số thành viên vắng mặt ({absent}).").format(
                written=written_agree + written_disagree, absent=absent
            )
        )


def _check_quorum(members_total: int, absent: int, quorum_percent: Decimal, quorum_cite: str) -> None:
    """Refuse a vote at a meeting with fewer members present than the province requires: the meeting could not
    vote at all, so no result (passed or not) is recorded; the council meets again."""
    present = members_total - absent
    if quorum_percent <= 0 or Decimal(present) * 100 >= quorum_percent * members_total:
        return
    shown = format_number((Decimal(present) * 100 / members_total).quantize(Decimal("0.1"), rounding=ROUND_DOWN))
    raise BallotError(
        _(
            "Cuộc họp chỉ có {present}/{total} thành viên có mặt ({percent}%), dưới mức tối thiểu {quorum}% "
            "({cite}): Hội đồng không đủ điều kiện bỏ phiếu. Hãy họp lại khi đủ thành viên."
        ).format(
            present=present,
            total=members_total,
            percent=shown,
            quorum=format_number(quorum_percent.normalize()),
            cite=quorum_cite,
        )
    )


def ballot_passes(
    members_total: int,
    agree: int,
    threshold_percent: Decimal | int,
    *,
    disagree: int = 0,
    invalid: int = 0,
    absent: int = 0,
    written_agree: int = 0,
    written_disagree: int = 0,
    count_written: bool = False,
    code: str = "",
    cite: str = "",
    quorum_percent: Decimal | int = 0,
    quorum_cite: str = "",
) -> BallotResult:
    """The ballot arithmetic on its own, with an explicit threshold (percent of all members) and, where the
    province sets one, the share of members who must be present for the meeting to vote."""
    _check_counts(members_total, agree, disagree, invalid, absent, written_agree, written_disagree)
    _check_quorum(members_total, absent, Decimal(quorum_percent), quorum_cite)
    threshold = Decimal(threshold_percent)
    counted = agree + (written_agree if count_written else 0)
    percent = Decimal(counted) * 100 / Decimal(members_total)
    passed = Decimal(counted) * 100 >= threshold * members_total
    # Truncate for display so 79,96% never shows as a passing "80,0%".
    shown = format_number(percent.quantize(Decimal("0.1"), rounding=ROUND_DOWN))
    if passed:
        text = _("{agree}/{total} thành viên đồng ý = {percent}% ≥ {threshold}% → đạt")
    else:
        text = _("{agree}/{total} thành viên đồng ý = {percent}% < {threshold}% → không đạt")
    text = text.format(
        agree=counted, total=members_total, percent=shown, threshold=format_number(threshold.normalize())
    )
    if absent:
        if count_written:
            note = _("vắng {absent}, trong đó {written} ý kiến đồng ý bằng văn bản được tính").format(
                absent=absent, written=written_agree
            )
            if written_disagree:
                note = _("{note}, {against} ý kiến không đồng ý bằng văn bản").format(
                    note=note, against=written_disagree
                )
        else:
            note = _("vắng {absent}; ý kiến bằng văn bản ghi vào biên bản, không tính là phiếu").format(absent=absent)
        text = _("{text} ({note})").format(text=text, note=note)
    return BallotResult(
        code=code,
        members_total=members_total,
        agree=agree,
        disagree=disagree,
        invalid=invalid,
        absent=absent,
        written_agree=written_agree,
        counted_agree=counted,
        threshold_percent=threshold,
        percent=percent,
        passed=passed,
        text=text,
        cite=cite,
        written_disagree=written_disagree,
    )


def ballot_result(
    pack: RulePack,
    code: str,
    *,
    members_total: int,
    agree: int,
    disagree: int = 0,
    invalid: int = 0,
    absent: int = 0,
    written_agree: int = 0,
    written_disagree: int = 0,
    on: date | None = None,
) -> BallotResult:
    """Whether the council's ballot for ``code`` passes, with the threshold and rules from the pack."""
    threshold = pack.ballot_threshold_cited(code, on)
    if threshold is None:
        raise BallotError(
            _("“{name}” không cần Hội đồng bỏ phiếu kín theo bộ quy tắc đang dùng.").format(name=pack.item(code).name)
        )
    written_rule = pack.setting_cited("ballot_counts_written_opinions", on)
    try:
        quorum = pack.setting_cited("council_quorum_percent", on)
    except RulePackError:  # a pack written before the setting existed: no quorum, as before
        quorum = None
    return ballot_passes(
        members_total,
        agree,
        Decimal(threshold.value),
        disagree=disagree,
        invalid=invalid,
        absent=absent,
        written_agree=written_agree,
        written_disagree=written_disagree,
        count_written=bool(written_rule.value),
        code=code,
        cite=threshold.citation(),
        quorum_percent=Decimal(str(quorum.value)) if quorum is not None else 0,
        quorum_cite=quorum.citation() if quorum is not None else "",
    )


__all__ = ["BallotError", "BallotResult", "ballot_passes", "ballot_result"]
