"""What the movements' operations share: their codes, labels and the movement a change is made to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.domain.dates import format_date
from desktop.domain.movement_period import movement_bounds as movement_bounds  # moved to the domain; kept here
from desktop.domain.text import LONG_TEXT_MAX_LENGTH, nfc
from desktop.i18n import N_, _
from desktop.ops.common import clean_text
from desktop.store import NotFoundError, Store, ValidationError, movements_repo, unit_repo
from desktop.store.rules_repo import effective_pack

KINDS: dict[str, str] = {
    "regular": N_("Thường xuyên"),
    "thematic": N_("Chuyên đề"),
    "campaign": N_("Theo đợt"),
}
STATUSES: dict[str, str] = {
    "planned": N_("Dự kiến"),
    "launched": N_("Đã phát động"),
    "mid_reviewed": N_("Đã sơ kết"),
    "closed": N_("Đã kết thúc"),
}
REVIEW_KINDS: dict[str, str] = {"so_ket": N_("Sơ kết"), "tong_ket": N_("Tổng kết")}
CRITERION_KINDS: dict[str, str] = {"normal": N_("Thường"), "bonus": N_("Điểm cộng"), "penalty": N_("Điểm trừ")}
MODEL_KINDS: dict[str, str] = {"person": N_("Cá nhân"), "collective": N_("Tập thể"), "model": N_("Mô hình")}
BLOCK_KINDS: dict[str, str] = {"internal": N_("Các phòng, ban của đơn vị"), "cluster": N_("Khối/cụm thi đua")}
# What a signed covenant keeps (desktop.store.movements_repo.covenant_terms), named when it has changed since.
COVENANT_PARTS: dict[str, str] = {
    "members": N_("thành viên khối"),
    "targets": N_("mục tiêu, chỉ tiêu"),
    "criteria": N_("tiêu chí, thang điểm"),
}
PLAN_SUFFIXES = (".pdf", ".docx", ".doc")
# Documents and nominations are Vietnamese administrative text, whatever the screen language.
REVIEW_WORDS = {"so_ket": "sơ kết", "tong_ket": "tổng kết"}
# The ``translate`` given to what words a ranking (its notes and reasons) or a report's figures (their sentences,
# the collectives' ratings) for a document or for the record a document is printed from (a review's frozen
# ranking): the Vietnamese source as it is (``N_`` translates nothing), whatever the screen's language. A screen
# words them with ``_``, the default.
IN_VIETNAMESE: Callable[[str], str] = N_


def clean_line(value: object, field: str, label: str, max_length: int = LONG_TEXT_MAX_LENGTH) -> str:
    """Text typed for a movement as it is stored: clean (:func:`desktop.ops.common.clean_text`: NFC, no control or
    hidden direction characters, ``label`` named otherwise), then on one line (line breaks and runs of spaces become
    one space), as these fields have always been kept."""
    return nfc(clean_text(value, field, label, multiline=True, max_length=max_length))


def get_movement_row(store: Store, movement_id: int) -> dict[str, Any]:
    row = movements_repo.get_movement(store, movement_id)
    if row is None:
        raise NotFoundError(_("Không tìm thấy phong trào số {id}.").format(id=movement_id))
    return row


def open_movement_row(store: Store, movement_id: int) -> dict[str, Any]:
    row = get_movement_row(store, movement_id)
    if row["status"] == "closed":
        raise ValidationError(
            _("Phong trào “{name}” đã kết thúc; không sửa được nữa.").format(name=row["name"]), field="status"
        )
    return row


def final_review(store: Store, movement_id: int) -> dict[str, Any] | None:
    """The movement's tổng kết (``id``, ``review_date``), or None before it is held."""
    return store.query_one(
        "SELECT id, review_date FROM movement_reviews WHERE movement_id = ? AND kind = 'tong_ket' ORDER BY id LIMIT 1",
        (movement_id,),
    )


def unreviewed_movement_row(store: Store, movement_id: int) -> dict[str, Any]:
    """The movement whose registrations, covenants, criteria and points may still change: open, and not yet at its
    tổng kết, whose frozen ranking and proposed awards would otherwise no longer match the live ones."""
    row = open_movement_row(store, movement_id)
    final = final_review(store, movement_id)
    if final is not None:
        raise ValidationError(
            _(
                "Phong trào “{name}” đã tổng kết ngày {date}: kết quả đã chốt trong biên bản tổng kết; không sửa "
                "đăng ký, giao ước, tiêu chí, điểm được nữa."
            ).format(name=row["name"], date=format_date(final["review_date"])),
            field="status",
        )
    return row


def refuse_planned(row: dict[str, Any], what: str) -> None:
    """Nothing is done in a movement that was never launched (status "planned", Dự kiến): registrations, covenants,
    points, sơ kết and tổng kết, proposals all answer a phát động. ``what`` names the refused thing on screen."""
    if row["status"] == "planned":
        raise ValidationError(
            _(
                "Phong trào “{name}” chưa phát động (trạng thái Dự kiến): chưa {what} được. Hãy phát động phong "
                "trào trước (ghi ngày phát động, nút “Phát động” ở thẻ Thông tin hoặc lệnh tdkt movement launch)."
            ).format(name=row["name"], what=what),
            field="status",
        )


def launched_movement_row(store: Store, movement_id: int, what: str) -> dict[str, Any]:
    """:func:`unreviewed_movement_row` of a movement already launched (:func:`refuse_planned`)."""
    row = unreviewed_movement_row(store, movement_id)
    refuse_planned(row, what)
    return row


def refuse_department_gone(store: Store, department_id: int, day: str, *, when: str, refused: str, field: str) -> None:
    """Refuse a department that did not exist on ``day`` (ISO; :func:`unit_repo.department_existed_on`: one stopped
    after it did), naming it, the day it stopped and ``day`` (``when``: "ngày đăng ký", …); ``refused`` ends the
    message ("không đăng ký thi đua được"). A back-dated registration or covenant is checked on its own day."""
    department = store.query_one("SELECT name, stopped_on FROM departments WHERE id = ?", (department_id,))
    if department is None or unit_repo.department_existed_on(store, department_id, date.fromisoformat(day[:10])):
        return
    if department["stopped_on"]:
        message = _(
            "Tập thể “{name}” đã ngừng hoạt động từ ngày {stopped}, không còn hoạt động vào {when} {day}; {refused}."
        ).format(
            name=department["name"],
            stopped=format_date(department["stopped_on"]),
            when=when,
            day=format_date(day),
            refused=refused,
        )
    else:  # stopped before the day was kept (schema v12)
        message = _(
            "Tập thể “{name}” đã ngừng hoạt động (không ghi ngày ngừng), nên không biết còn hoạt động vào {when} {day} "
            "hay không; {refused}."
        ).format(name=department["name"], when=when, day=format_date(day), refused=refused)
    raise ValidationError(message, field=field)


def pack_item(store: Store, code: str) -> Any:
    pack = effective_pack(store)
    code = nfc(code).upper()
    if not pack.has(code):
        raise ValidationError(
            _("Mã “{code}” không có trong danh mục danh hiệu, hình thức khen thưởng.").format(code=code), field="code"
        )
    return pack.item(code)


def covenant_changes(store: Store, movement_id: int, covenant: dict[str, Any]) -> list[str]:
    """The parts of the covenant (keys of :data:`COVENANT_PARTS`) that are no longer what was signed: the clerk
    signs again to put them on paper. Empty for a covenant signed before schema 14 (nothing was kept to compare)."""
    signed = covenant.get("terms")
    if not signed:
        return []
    now = movements_repo.covenant_terms(store, movement_id, int(covenant["block_id"]))
    return [part for part in COVENANT_PARTS if signed.get(part) != now[part]]
