"""The council (Hội đồng Thi đua - Khen thưởng): who sits on it, and its secret ballot on each nominee."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.ballot import BallotError, ballot_result
from desktop.domain.text import nfc
from desktop.i18n import _, label
from desktop.ops.common import as_date
from desktop.ops.review.common import ACTIVE_STATUSES, COUNCIL_ROLES, NOMINATION_STATUSES
from desktop.store import Store, ValidationError, new_uuid, now_iso
from desktop.store.review_repo import catalog_name, get_nomination_row, get_round_row, subject_name
from desktop.store.rules_repo import effective_pack


def set_council(
    store: Store,
    *,
    round_id: int,
    meeting_date: date | str,
    location: str,
    members: list[dict[str, Any]],
) -> int:
    """Record the council meeting: who sits on it, with which role, who attended, absentees' written opinions."""
    get_round_row(store, round_id)
    meeting = as_date(meeting_date)
    if not members:
        raise ValidationError(_("Hội đồng phải có ít nhất một thành viên."), field="members")
    clean: list[dict[str, Any]] = []
    for index, member in enumerate(members, start=1):
        name = nfc(str(member.get("full_name") or ""))
        if not name:
            raise ValidationError(_("Thành viên thứ {n} của Hội đồng chưa có họ tên.").format(n=index), field="members")
        role = str(member.get("role") or "member")
        if role not in COUNCIL_ROLES:
            raise ValidationError(
                _("Vai trò “{role}” của {name} không hợp lệ (chair, deputy, member, secretary).").format(
                    role=role, name=name
                ),
                field="members",
            )
        staff_id = member.get("staff_id")
        if staff_id is not None and not store.scalar("SELECT 1 FROM staff WHERE id = ?", (staff_id,)):
            raise ValidationError(
                _("Không tìm thấy cán bộ số {id} (thành viên {name}).").format(id=staff_id, name=name), field="members"
            )
        clean.append(
            {
                "full_name": name,
                "role": role,
                "staff_id": staff_id,
                "attended": 1 if member.get("attended", True) else 0,
                "written_opinion": nfc(str(member.get("written_opinion") or "")),
            }
        )
    if sum(1 for m in clean if m["role"] == "chair") != 1:
        raise ValidationError(_("Hội đồng phải có đúng một Chủ tịch Hội đồng."), field="members")
    _refuse_new_counts_after_ballots(store, round_id, clean)  # early; again under the write lock
    with store.transaction(operation="review.set_council"):
        # another clerk may have recorded a ballot (counted on the old council) since the check above
        existing = _refuse_new_counts_after_ballots(store, round_id, clean)
        round_row = get_round_row(store, round_id)
        stamp = now_iso()
        if existing:
            council_id = int(existing["id"])
            store.update(
                "councils",
                council_id,
                {"meeting_date": meeting.isoformat(), "location": nfc(location), "updated_at": stamp},
            )
            store.execute("DELETE FROM council_members WHERE council_id = ?", (council_id,))
        else:
            council_id = store.add(
                "councils", {"round_id": round_id, "meeting_date": meeting.isoformat(), "location": nfc(location)}
            )
        for position, member in enumerate(clean, start=1):
            store.insert(
                "council_members",
                member
                | {
                    "uuid": new_uuid(),
                    "council_id": council_id,
                    "position": position,
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
        if round_row["status"] == "draft":
            store.update("review_rounds", round_id, {"status": "council", "updated_at": stamp})
    return council_id


def _refuse_new_counts_after_ballots(store: Store, round_id: int, clean: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A council that has voted keeps its number of members and of those present (the ballots are counted on
    them); returns the council already recorded, if any."""
    existing = store.query_one("SELECT * FROM councils WHERE round_id = ?", (round_id,))
    if existing:
        old = store.query("SELECT attended FROM council_members WHERE council_id = ?", (existing["id"],))
        voted = store.scalar(
            "SELECT count(*) FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?",
            (round_id,),
        )
        same_counts = len(old) == len(clean) and sum(r["attended"] for r in old) == sum(m["attended"] for m in clean)
        if voted and not same_counts:
            raise ValidationError(
                _(
                    "Hội đồng đã bỏ phiếu cho {n} đề nghị; không đổi được số thành viên hoặc số người có mặt "
                    "vì kết quả bỏ phiếu tính trên số đó."
                ).format(n=voted),
                field="members",
            )
    return existing


def record_ballot(
    store: Store,
    *,
    nomination_id: int,
    agree: int,
    disagree: int,
    invalid: int,
    written_agree: int = 0,
    written_disagree: int = 0,
) -> dict[str, Any]:
    """The council's secret ballot for one nominee, checked against the threshold on ALL members.

    ``agree``/``disagree``/``invalid`` are the ballots cast at the meeting; ``written_agree``/``written_disagree``
    the written votes of absent members, kept apart (the minutes show both); whether the written ones count
    toward the threshold is the pack's ``ballot_counts_written_opinions`` on the meeting's date.
    """
    pack = effective_pack(store)
    get_nomination_row(store, nomination_id)
    with store.transaction(operation="review.record_ballot"):
        # read the nominee and the council under the write lock: another window may have decided the nominee
        # or re-recorded the council (its number of members) meanwhile
        return _record_ballot(
            store,
            pack,
            nomination_id,
            agree=agree,
            disagree=disagree,
            invalid=invalid,
            written_agree=written_agree,
            written_disagree=written_disagree,
        )


def _record_ballot(
    store: Store,
    pack: Any,
    nomination_id: int,
    *,
    agree: int,
    disagree: int,
    invalid: int,
    written_agree: int,
    written_disagree: int,
) -> dict[str, Any]:
    row = get_nomination_row(store, nomination_id)
    if row["status"] not in ACTIVE_STATUSES:
        raise ValidationError(
            _("Đề nghị này đang ở trạng thái “{status}”; không ghi kết quả bỏ phiếu được.").format(
                status=label(NOMINATION_STATUSES, row["status"])
            ),
            field="nomination_id",
        )
    council = store.query_one("SELECT * FROM councils WHERE round_id = ?", (row["round_id"],))
    if council is None:
        raise ValidationError(
            _("Chưa ghi thành phần Hội đồng của đợt bình xét này; hãy ghi Hội đồng trước khi ghi phiếu."),
            field="round_id",
        )
    members = store.query("SELECT attended FROM council_members WHERE council_id = ?", (council["id"],))
    members_total = len(members)
    present = sum(1 for m in members if m["attended"])
    meeting = date.fromisoformat(council["meeting_date"])
    name = subject_name(store, row["target_kind"], row["staff_id"], row["department_id"], row["household_name"])
    try:
        result = ballot_result(
            pack,
            row["code"],
            members_total=members_total,
            agree=agree,
            disagree=disagree,
            invalid=invalid,
            absent=members_total - present,
            written_agree=written_agree,
            written_disagree=written_disagree,
            on=meeting,
        )
    except BallotError as exc:
        raise ValidationError(
            _("Phiếu bầu cho {name} ({title}): {reason}").format(
                name=name, title=catalog_name(pack, row["code"]), reason=exc
            ),
            field="agree",
        ) from exc
    counts = {
        "members_total": members_total,
        "present": present,
        "agree": agree,
        "disagree": disagree,
        "invalid": invalid,
        "written_agree": written_agree,
        "written_disagree": written_disagree,
    }
    stamp = now_iso()
    values = counts | {
        "passed": int(result.passed),
        "threshold": str(result.threshold_percent),
        "arithmetic": result.text,
        "cite": result.cite,
        "updated_at": stamp,
    }
    existing = store.scalar("SELECT id FROM ballots WHERE nomination_id = ?", (nomination_id,))
    if existing:
        store.update("ballots", int(existing), values)
    else:
        store.insert("ballots", values | {"uuid": new_uuid(), "nomination_id": nomination_id, "created_at": stamp})
    store.update("nominations", nomination_id, {"status": "passed" if result.passed else "failed", "updated_at": stamp})
    return {
        "nomination_id": nomination_id,
        "name": name,
        "code": row["code"],
        "passed": result.passed,
        "arithmetic": result.text,
        "threshold": str(result.threshold_percent),
        **counts,
        "counted_agree": result.counted_agree,
        "cite": result.cite,
    }
