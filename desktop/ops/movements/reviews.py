"""Sơ kết and tổng kết: a frozen copy of the ranking, and the proposed awards put into a review round."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop.domain import scoring
from desktop.domain.text import NOTES_MAX_LENGTH, nfc
from desktop.i18n import _
from desktop.ops.common import clean_text, iso_date
from desktop.ops.movements.common import (
    REVIEW_KINDS,
    REVIEW_WORDS,
    clean_line,
    get_movement_row,
    open_movement_row,
    pack_item,
)
from desktop.ops.movements.scores import participants, ranking, ranking_json
from desktop.ops.review import add_nomination, create_round
from desktop.store import Store, ValidationError


def default_proposals(store: Store, *, movement_id: int, result: scoring.Ranking | None = None) -> list[dict[str, Any]]:
    """What the review proposes by default: a Giấy khen for the leading department (suy tôn) of the block.

    A tie for first place proposes nobody: the block votes first. The basis is written as the reason, because the
    award rests on the movement's result rather than on the yearly criteria the engine checks.
    """
    movement = get_movement_row(store, movement_id)
    result = result or ranking(store, movement_id=movement_id)
    if result.leader_key is None:
        return []
    person = next((p for p in participants(store, movement_id=movement_id) if p["key"] == result.leader_key), None)
    if person is None or not person["department_id"]:
        return []
    leader = result.by_key()[result.leader_key]
    basis = "Dẫn đầu khối thi đua trong phong trào “{name}” ({points} điểm)".format(
        name=movement["name"], points=scoring.format_points(leader.total)
    )
    return [
        {
            "target_kind": "collective",
            "department_id": person["department_id"],
            "name": person["name"],
            "code": "GIAY_KHEN",
            "achievement": basis,
            "override_reason": basis,
        }
    ]


def create_review(
    store: Store,
    *,
    movement_id: int,
    kind: str,
    review_date: date | str,
    summary: str = "",
    achievements: str = "",
    proposals: Sequence[dict[str, Any]] | None = None,
) -> int:
    """Record a sơ kết or tổng kết with a frozen copy of the ranking and the proposed awards."""
    if kind not in REVIEW_KINDS:
        raise ValidationError(_("Loại hội nghị “{value}” không hợp lệ (so_ket, tong_ket).").format(value=kind))
    day = iso_date(review_date, "review_date")
    if not day:
        raise ValidationError(_("Chưa nhập ngày sơ kết, tổng kết."), field="review_date")
    summary = clean_line(summary, "summary", _("Tóm tắt kết quả"), NOTES_MAX_LENGTH)
    achievements = clean_text(
        achievements, "achievements", _("Thành tích"), multiline=True, max_length=NOTES_MAX_LENGTH
    )
    # The status, the ranking frozen and the status written all under one write lock: no point given meanwhile
    # is missing from the frozen copy, and a movement closed meanwhile is not reviewed.
    with store.transaction(operation=f"movement.{kind}"):
        movement = open_movement_row(store, movement_id)
        result = ranking(store, movement_id=movement_id)
        chosen = (
            list(proposals)
            if proposals is not None
            else default_proposals(store, movement_id=movement_id, result=result)
        )
        for number, proposal in enumerate(chosen, start=1):
            _check_proposal(store, proposal, number)
            proposal.setdefault("code_name", pack_item(store, proposal["code"]).name)
            if not proposal.get("name"):
                proposal["name"] = _subject_name(store, proposal)
        review_id = store.add(
            "movement_reviews",
            {
                "movement_id": movement_id,
                "kind": kind,
                "review_date": day,
                "summary": summary,
                "achievements": "\n".join(line for line in (nfc(x) for x in achievements.splitlines()) if line),
                "leading_key": str(result.leader_key or ""),
                "leading_name": result.leader_name,
                "ranking": json.dumps(ranking_json(result), ensure_ascii=False),
                "proposals": json.dumps(chosen, ensure_ascii=False),
            },
        )
        if kind == "so_ket" and movement["status"] in ("planned", "launched"):
            store.touch("movements", movement_id, {"status": "mid_reviewed"})
    return review_id


def _subject_name(store: Store, proposal: dict[str, Any]) -> str:
    if proposal.get("staff_id"):
        return str(store.scalar("SELECT full_name FROM staff WHERE id = ?", (proposal["staff_id"],)) or "")
    if proposal.get("department_id"):
        return str(store.scalar("SELECT name FROM departments WHERE id = ?", (proposal["department_id"],)) or "")
    return str(proposal.get("household_name") or "")


def _check_proposal(store: Store, proposal: dict[str, Any], number: int) -> None:
    kind = proposal.get("target_kind")
    if kind not in ("individual", "collective", "household"):
        raise ValidationError(_("Đề xuất thứ {number}: đối tượng không hợp lệ.").format(number=number))
    if not proposal.get("code"):
        raise ValidationError(_("Đề xuất thứ {number}: chưa chọn danh hiệu, hình thức.").format(number=number))
    pack_item(store, proposal["code"])


def get_review(store: Store, review_id: int) -> dict[str, Any]:
    row = store.get(
        "movement_reviews", review_id, _("Không tìm thấy hội nghị sơ kết, tổng kết số {id}.").format(id=review_id)
    )
    row["ranking"] = json.loads(row["ranking"] or "{}")
    row["proposals"] = json.loads(row["proposals"] or "[]")
    return row


def propose_to_review(
    store: Store,
    *,
    movement_id: int,
    year: int,
    proposals: Sequence[dict[str, Any]],
    review_id: int | None = None,
) -> int:
    """Put a review's proposed awards into a new review round of kind "movement"; all or nothing.

    Each proposal is a nomination with the change reason "Đề xuất từ tổng kết phong trào …"; a proposal the rule
    engine would not make needs its own ``override_reason`` (the review.add_nomination rules apply unchanged).
    """
    if not proposals:
        raise ValidationError(_("Chưa có đề xuất khen thưởng nào để đưa vào đợt bình xét."), field="proposals")
    with store.transaction(operation="movement.propose"):
        movement = get_movement_row(store, movement_id)
        word = "tổng kết"
        if review_id is not None:
            word = REVIEW_WORDS.get(get_review(store, review_id)["kind"], word)
        reason = "Đề xuất từ {word} phong trào “{name}”".format(word=word, name=movement["name"])
        round_id = create_round(
            store,
            year=year,
            kind="movement",
            name="Khen thưởng phong trào “{name}” năm {year}".format(name=movement["name"], year=year),
            movement_id=movement_id,
        )
        for number, proposal in enumerate(proposals, start=1):
            try:
                add_nomination(
                    store,
                    round_id=round_id,
                    target_kind=proposal["target_kind"],
                    code=proposal["code"],
                    staff_id=proposal.get("staff_id"),
                    department_id=proposal.get("department_id"),
                    household_name=proposal.get("household_name", ""),
                    change_reason=proposal.get("change_reason") or reason,
                    override_reason=proposal.get("override_reason", ""),
                    initiative_id=proposal.get("initiative_id"),
                    achievement=proposal.get("achievement", ""),
                )
            except ValidationError as exc:
                raise ValidationError(
                    _("Đề xuất thứ {number} ({name}): {reason}").format(
                        number=number, name=proposal.get("name", ""), reason=exc
                    ),
                    field=exc.field,
                ) from None
        if review_id is not None:
            store.touch("movement_reviews", review_id, {"round_id": round_id})
    return round_id
