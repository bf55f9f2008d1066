"""Sơ kết and tổng kết: a frozen copy of the ranking, and the proposed awards put into a review round."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop.domain import scoring
from desktop.domain.dates import format_date
from desktop.domain.movement_period import YEARS_AFTER_END, proposal_years
from desktop.domain.text import NOTES_MAX_LENGTH, name_key, nfc
from desktop.i18n import _
from desktop.ops.common import as_date, clean_text, iso_date
from desktop.ops.movements.common import (
    IN_VIETNAMESE,
    REVIEW_KINDS,
    REVIEW_WORDS,
    clean_line,
    final_review,
    get_movement_row,
    movement_bounds,
    open_movement_row,
    pack_item,
    refuse_planned,
)
from desktop.ops.movements.scores import participants, ranking, ranking_json
from desktop.ops.review import add_nomination, create_round
from desktop.store import Store, ValidationError, unit_repo

REPORT_SUFFIXES = (".pdf", ".docx")


def default_proposals(
    store: Store, *, movement_id: int, result: scoring.Ranking | None = None, named_on: date | None = None
) -> list[dict[str, Any]]:
    """What the review proposes by default: a Giấy khen for the leading department (suy tôn) of each block.

    A movement whose covenant was signed by several blocks (khối/cụm) proposes one per block, each block's own
    leader; one block or none, the one leader. A tie for first place proposes nobody in that block: the block votes
    first. An external unit leading a cluster is not proposed here (it is not this unit's to reward), nor is a leader
    stopped after the movement ended (merged, dissolved: the collective is no more; the ranking's note says so), and
    the runner-up is never proposed in its place: it did not lead. The basis is written as the reason, because the
    award rests on the movement's result rather than on the yearly criteria the engine checks. ``named_on`` (the
    review's day) names each department as it was called then.
    """
    movement = get_movement_row(store, movement_id)
    result = result or ranking(store, movement_id=movement_id, named_on=named_on)
    people = {p["key"]: p for p in participants(store, movement_id=movement_id, named_on=named_on)}
    by_key = result.by_key()
    proposals = []
    for key in result.leader_keys:
        person = people.get(str(key))
        if person is None or not person["department_id"] or person.get("stopped_on"):
            continue
        leader = by_key[key]
        if leader.block:
            basis = "Dẫn đầu {block} trong phong trào “{name}” ({points} điểm)".format(
                block=leader.block, name=movement["name"], points=scoring.format_points(leader.total)
            )
        else:
            basis = "Dẫn đầu khối thi đua trong phong trào “{name}” ({points} điểm)".format(
                name=movement["name"], points=scoring.format_points(leader.total)
            )
        proposals.append(
            {
                "target_kind": "collective",
                "department_id": person["department_id"],
                "name": person["name"],
                "code": "GIAY_KHEN",
                "achievement": basis,
                "override_reason": basis,
            }
        )
    return proposals


def create_review(
    store: Store,
    *,
    movement_id: int,
    kind: str,
    review_date: date | str,
    summary: str = "",
    achievements: str = "",
    proposals: Sequence[dict[str, Any]] | None = None,
    today: date | None = None,
) -> int:
    """Record a sơ kết or tổng kết with a frozen copy of the ranking and the proposed awards; ``today`` (the
    computer's date unless given) bounds the review date.

    A movement has one tổng kết, and its sơ kết come before it (:func:`_check_review_order`): a second tổng kết
    would propose the leader's award again. The frozen ranking's notes and reasons are kept in Vietnamese whatever
    the screen's language: the review's report prints them (one recorded in English by an older version keeps it).
    """
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
        refuse_planned(movement, _("ghi hội nghị {word}").format(word=_review_word(kind)))
        _check_review_date(movement, kind, as_date(day, "review_date"), today or date.today())
        _check_review_order(store, movement, kind, day)
        # the departments named as they were called on the review's day (a rename decided for later is not yet)
        held_on = date.fromisoformat(day[:10])
        result = ranking(store, movement_id=movement_id, translate=IN_VIETNAMESE, named_on=held_on)
        chosen = (
            list(proposals)
            if proposals is not None
            else default_proposals(store, movement_id=movement_id, result=result, named_on=held_on)
        )
        for number, proposal in enumerate(chosen, start=1):
            _check_proposal(store, proposal, number)
            proposal.setdefault("code_name", pack_item(store, proposal["code"]).name)
            if not proposal.get("name"):
                proposal["name"] = _subject_name(store, proposal, held_on)
        review_id = store.add(
            "movement_reviews",
            {
                "movement_id": movement_id,
                "kind": kind,
                "review_date": day,
                "summary": summary,
                "achievements": "\n".join(line for line in (nfc(x) for x in achievements.splitlines()) if line),
                "leading_key": ",".join(str(key) for key in result.leader_keys),
                "leading_name": result.leader_name,
                "ranking": json.dumps(ranking_json(result), ensure_ascii=False),
                "proposals": json.dumps(chosen, ensure_ascii=False),
            },
        )
        if kind == "so_ket" and movement["status"] in ("planned", "launched"):
            store.touch("movements", movement_id, {"status": "mid_reviewed"})
    return review_id


def _review_word(kind: str) -> str:
    """The words "sơ kết" or "tổng kết" in the screen's language, for the middle of a sentence."""
    return _(REVIEW_KINDS[kind]).lower() if kind in REVIEW_KINDS else kind


def _check_review_date(movement: dict[str, Any], kind: str, day: date, today: date) -> None:
    """A sơ kết falls within the movement; a tổng kết not before it begins, and at most until 31 December of the
    year after the one it ends in (a regular movement with no end date ends with its year: ``movement_bounds``);
    neither after today (the conference has met)."""
    first, last = movement_bounds(movement)
    word = _review_word(kind)
    if first is not None and day < first:
        raise ValidationError(
            _(
                "Ngày {word} {date} trước khi phong trào “{name}” bắt đầu (ngày phát động hoặc bắt đầu: {first}); "
                "hãy kiểm tra lại ngày."
            ).format(word=word, date=format_date(day), name=movement["name"], first=format_date(first)),
            field="review_date",
        )
    if last is not None:
        _check_review_end(movement, kind, day, last)
    if day > today:  # a review is recorded once the conference has met: a later date is a slip of the year or month
        raise ValidationError(
            _(
                "Ngày {word} {date} chưa tới (hôm nay là {today}): chỉ ghi hội nghị {word} sau khi đã họp; hãy kiểm "
                "tra lại ngày."
            ).format(word=word, date=format_date(day), today=format_date(today)),
            field="review_date",
        )


def _check_review_end(movement: dict[str, Any], kind: str, day: date, last: date) -> None:
    """A sơ kết not after the movement ends; a tổng kết at most until 31 December of the year after."""
    if kind == "so_ket" and day > last:
        raise ValidationError(
            _(
                "Ngày sơ kết {date} sau ngày kết thúc phong trào “{name}” ({last}): sơ kết phải trong thời gian "
                "phong trào; hội nghị sau khi kết thúc là tổng kết."
            ).format(date=format_date(day), name=movement["name"], last=format_date(last)),
            field="review_date",
        )
    latest = date(last.year + YEARS_AFTER_END, 12, 31)
    if kind == "tong_ket" and day > latest:
        raise ValidationError(
            _(
                "Ngày tổng kết {date} quá muộn: phong trào “{name}” kết thúc ngày {last}, tổng kết muộn nhất "
                "ngày {latest}."
            ).format(date=format_date(day), name=movement["name"], last=format_date(last), latest=format_date(latest)),
            field="review_date",
        )


def _check_review_order(store: Store, movement: dict[str, Any], kind: str, day: str) -> None:
    """One tổng kết a movement, after every sơ kết of it: a second tổng kết is refused naming the first (there is
    no withdrawing a review), and so is a sơ kết not before the tổng kết or a tổng kết not after a sơ kết."""
    final = final_review(store, movement["id"])
    if final is not None and kind == "tong_ket":
        raise ValidationError(
            _(
                "Phong trào “{name}” đã có hội nghị tổng kết ngày {date} (số {id}); mỗi phong trào chỉ tổng kết một "
                "lần, không ghi hội nghị tổng kết thứ hai được."
            ).format(name=movement["name"], date=format_date(final["review_date"]), id=final["id"]),
            field="kind",
        )
    if final is not None and day >= final["review_date"]:
        raise ValidationError(
            _(
                "Ngày sơ kết {date} không trước ngày tổng kết {final} (hội nghị số {id}) của phong trào “{name}”: "
                "sau khi tổng kết thì không sơ kết nữa; hãy kiểm tra lại ngày."
            ).format(
                date=format_date(day), final=format_date(final["review_date"]), id=final["id"], name=movement["name"]
            ),
            field="review_date",
        )
    if kind == "tong_ket":
        later = store.query_one(
            "SELECT id, review_date FROM movement_reviews WHERE movement_id = ? AND kind = 'so_ket' "
            "AND review_date >= ? ORDER BY review_date DESC, id DESC LIMIT 1",
            (movement["id"], day),
        )
        if later is not None:
            raise ValidationError(
                _(
                    "Ngày tổng kết {date} không sau ngày sơ kết {so_ket} (hội nghị số {id}) của phong trào “{name}”: "
                    "tổng kết là hội nghị cuối cùng của phong trào; hãy kiểm tra lại ngày."
                ).format(
                    date=format_date(day),
                    so_ket=format_date(later["review_date"]),
                    id=later["id"],
                    name=movement["name"],
                ),
                field="review_date",
            )


def review_report_path(out: Path | str) -> Path:
    """Where a review's report is to be written, checked before anything is recorded: a .pdf or .docx file in an
    existing folder this program may write to."""
    target = Path(out)
    if target.suffix.lower() not in REPORT_SUFFIXES:
        raise ValidationError(
            _("Không xuất được tệp {path}: hãy chọn đuôi .pdf hoặc .docx.").format(path=target), field="out"
        )
    if target.is_dir():
        raise ValidationError(
            _("{path} là một thư mục; hãy ghi tên tệp báo cáo (.pdf hoặc .docx).").format(path=target), field="out"
        )
    folder = target.parent
    if not folder.is_dir():
        raise ValidationError(
            _("Không có thư mục {folder} để ghi báo cáo {name}; hãy tạo thư mục đó hoặc chọn nơi khác.").format(
                folder=folder, name=target.name
            ),
            field="out",
        )
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ValidationError(
            _("Không ghi được báo cáo {path}: không có quyền ghi vào đó; hãy chọn nơi khác.").format(path=target),
            field="out",
        )
    return target


def _subject_name(store: Store, proposal: dict[str, Any], on: date | None = None) -> str:
    """Who a proposal names: a collective as it was called ``on`` (the review's day) when given, else today."""
    if proposal.get("staff_id"):
        return str(store.scalar("SELECT full_name FROM staff WHERE id = ?", (proposal["staff_id"],)) or "")
    if proposal.get("department_id") and on is not None:
        return unit_repo.department_name_on(store, int(proposal["department_id"]), on)
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
        # every check under the write lock: another window may have proposed the same review meanwhile
        movement = get_movement_row(store, movement_id)
        refuse_planned(movement, _("đề nghị khen thưởng"))
        _check_proposal_year(movement, year)
        word = "tổng kết"
        if review_id is not None:
            review_row = get_review(store, review_id)
            _check_review_unproposed(store, movement, review_row)
            word = REVIEW_WORDS.get(review_row["kind"], word)
        for number, proposal in enumerate(proposals, start=1):
            _refuse_proposed_before(store, movement, proposal, number)
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


def _check_proposal_year(movement: dict[str, Any], year: int) -> None:
    first, last = proposal_years(movement)
    if (first is not None and year < first) or (last is not None and year > last):
        span = "{}–{}".format(*("…" if bound is None else bound for bound in (first, last)))
        raise ValidationError(
            _(
                "Năm {year} không thuộc thời gian của phong trào “{name}”: chỉ đề nghị khen thưởng cho các năm "
                "{span} (từ năm bắt đầu đến năm sau năm kết thúc, khi quyết định được ký sau khi phong trào "
                "kết thúc)."
            ).format(year=year, name=movement["name"], span=span),
            field="year",
        )


def _check_review_unproposed(store: Store, movement: dict[str, Any], review_row: dict[str, Any]) -> None:
    """The review is the movement's own and its proposals have not gone into a round yet."""
    word = _review_word(review_row["kind"])
    if review_row["movement_id"] != movement["id"]:
        other = get_movement_row(store, review_row["movement_id"])
        raise ValidationError(
            _(
                "Hội nghị {word} ngày {date} (số {id}) là của phong trào “{other}”, không phải của phong trào "
                "“{name}”; không đưa đề xuất của nó vào đợt khen thưởng phong trào này được."
            ).format(
                word=word,
                date=format_date(review_row["review_date"]),
                id=review_row["id"],
                other=other["name"],
                name=movement["name"],
            ),
            field="review_id",
        )
    if review_row["round_id"] is not None:
        round_row = store.query_one("SELECT id, name, year FROM review_rounds WHERE id = ?", (review_row["round_id"],))
        round_name = round_row["name"] if round_row else ""
        raise ValidationError(
            _(
                "Đề xuất của hội nghị {word} ngày {date} đã được đưa vào đợt bình xét “{round}” (số {round_id}); "
                "không đưa lại lần nữa được. Cần đề nghị thêm thì thêm trong đợt đó."
            ).format(
                word=word,
                date=format_date(review_row["review_date"]),
                round=round_name,
                round_id=review_row["round_id"],
            ),
            field="review_id",
        )


def _refuse_proposed_before(store: Store, movement: dict[str, Any], proposal: dict[str, Any], number: int) -> None:
    """The same person, collective or household is not proposed twice for the same award of the same movement, in
    whatever year of it (two reviews of one movement proposing the same Giấy khen, the second in January for the
    next year, would be decided and paid twice). Households are the same by :func:`name_key` ("Hộ ông Vàng Seo Páo"
    and "hộ ông  vàng seo páo")."""
    target_kind = proposal.get("target_kind")
    code = nfc(str(proposal.get("code") or "")).upper()
    staff_id = proposal.get("staff_id") if target_kind == "individual" else None
    department_id = proposal.get("department_id") if target_kind == "collective" else None
    household = name_key(str(proposal.get("household_name") or "")) if target_kind == "household" else ""
    earlier = next(
        (
            row
            for row in store.query(
                "SELECT r.id, r.name, r.year, n.household_name FROM nominations n "
                "JOIN review_rounds r ON r.id = n.round_id "
                "WHERE r.kind = 'movement' AND r.movement_id = ? AND n.target_kind = ? AND n.code = ? "
                "AND coalesce(n.staff_id, 0) = ? AND coalesce(n.department_id, 0) = ? "
                "AND n.status != 'removed' ORDER BY r.id, n.id",
                (movement["id"], target_kind, code, staff_id or 0, department_id or 0),
            )
            if name_key(row["household_name"] or "") == household
        ),
        None,
    )
    if earlier is None:
        return
    title = proposal.get("code_name") or pack_item(store, code).name
    raise ValidationError(
        _(
            "Đề xuất thứ {number} ({name}): đã được đề nghị “{title}” năm {year} của phong trào này trong đợt bình "
            "xét “{round}” (số {round_id}); mỗi đối tượng chỉ được đề nghị một hình thức một lần trong một phong "
            "trào, dù cho năm nào; không đề nghị lần thứ hai được."
        ).format(
            number=number,
            name=proposal.get("name") or _subject_name(store, proposal),
            title=title,
            year=earlier["year"],
            round=earlier["name"],
            round_id=earlier["id"],
        ),
        field="proposals",
    )
