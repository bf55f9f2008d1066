"""Movements themselves: recorded, launched, their targets and plan, their status; the year's registrations."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop.domain.dates import DateError, format_date
from desktop.domain.dates import check_year as _domain_check_year
from desktop.domain.text import LONG_TEXT_MAX_LENGTH, NAME_MAX_LENGTH, NOTES_MAX_LENGTH
from desktop.exchange.movement_work import movement_period_text, movement_work_moved_out
from desktop.files.names import fit_path
from desktop.files.problems import os_reason
from desktop.i18n import N_, _, label
from desktop.ops.common import check_year, iso_date
from desktop.ops.movements.common import (
    KINDS,
    PLAN_SUFFIXES,
    STATUSES,
    clean_line,
    covenant_changes,
    final_review,
    get_movement_row,
    open_movement_row,
)
from desktop.ops.movements.registrations import list_registrations
from desktop.paths import user_data_dir
from desktop.store import Store, ValidationError, movements_repo
from desktop.store.audit import record_event

# The text fields of a movement: (label on screen, longest text).
_TEXT_FIELDS: dict[str, tuple[str, int]] = {
    "name": (N_("Tên phong trào"), LONG_TEXT_MAX_LENGTH),
    "theme": (N_("Chủ đề"), LONG_TEXT_MAX_LENGTH),
    "launched_by": (N_("Cơ quan phát động"), NAME_MAX_LENGTH),
    "notes": (N_("Ghi chú"), NOTES_MAX_LENGTH),
}


# The dates of a movement: (label on screen).
_DATE_FIELDS: dict[str, str] = {
    "launch_date": N_("Ngày phát động"),
    "start_date": N_("Ngày bắt đầu"),
    "end_date": N_("Ngày kết thúc"),
}


def _check_dates(values: dict[str, Any], changed: set[str]) -> None:
    """The dates of a movement as they will be stored (``values``, the row with the change), for the fields in
    ``changed``: each within the years the program knows, the end not before the start; a regular (yearly)
    movement's within its year (:func:`_check_regular_year`). Creating and editing check alike (the year itself:
    :func:`_year`)."""
    for key, label_text in _DATE_FIELDS.items():
        day = values.get(key)
        if key in changed and day:
            try:
                _domain_check_year(int(day[:4]), what=f"{_(label_text)} {day[8:10]}/{day[5:7]}/{day[:4]}")
            except DateError as exc:
                raise ValidationError(str(exc), field=key) from None
    start, end = values.get("start_date"), values.get("end_date")
    if changed & {"start_date", "end_date"} and start and end and end < start:
        raise ValidationError(
            _("Ngày kết thúc phong trào ({end}) trước ngày bắt đầu ({start}).").format(
                end=format_date(end), start=format_date(start)
            ),
            field="end_date" if "end_date" in changed else "start_date",
        )
    launched = values.get("launch_date")
    if changed & {"launch_date", "end_date"} and launched and end and launched > end:
        # launched after its end, a movement could register no one: every day would be before the launch or after
        # the end
        raise ValidationError(
            _("Ngày phát động ({launch}) sau ngày kết thúc phong trào ({end}).").format(
                launch=format_date(launched), end=format_date(end)
            ),
            field="launch_date" if "launch_date" in changed else "end_date",
        )
    if changed & {*_DATE_FIELDS, "year", "kind"}:
        _check_regular_year(values)


# A regular movement may be launched from this day of the December before its year (the next year's plan).
_EARLY_LAUNCH = (12, 1)


def _check_regular_year(values: dict[str, Any]) -> None:
    """A regular (thường xuyên, yearly) movement is its year's: its start and end within that year, its launch
    from 1 December of the year before (the plan of the next year is launched in December) to the end of its year.
    Its end, when not given, is 31 December of its year (``domain.movement_period.movement_bounds``)."""
    if values.get("kind") != "regular" or not values.get("year"):
        return
    year = int(values["year"])
    for key, earliest in (
        ("launch_date", date(year - 1, *_EARLY_LAUNCH)),
        ("start_date", date(year, 1, 1)),
        ("end_date", date(year, 1, 1)),
    ):
        day = values.get(key)
        if day and not earliest <= date.fromisoformat(day[:10]) <= date(year, 12, 31):
            raise ValidationError(
                _(
                    "{what} {day} không thuộc năm {year} của phong trào thường xuyên (hằng năm): ngày bắt đầu, kết "
                    "thúc phải trong năm {year}, ngày phát động từ {earliest} đến {last}. Hãy sửa ngày hoặc năm của "
                    "phong trào."
                ).format(
                    what=_(_DATE_FIELDS[key]),
                    day=format_date(day),
                    year=year,
                    earliest=format_date(date(year - 1, *_EARLY_LAUNCH)),
                    last=format_date(date(year, 12, 31)),
                ),
                field=key,
            )


# What bounds the things recorded for a movement (registrations, covenants, reviews, the years of its proposals).
_PERIOD_FIELDS = ("launch_date", "start_date", "end_date", "year")


def _check_work_inside(store: Store, row: dict[str, Any], values: dict[str, Any]) -> None:
    """New dates or year of a movement (``values``) leave inside it everything the unit recorded for it: the same
    list a province package moving the dates meets as a conflict (desktop.exchange.movement_work)."""
    moved_out = movement_work_moved_out(store, row, values)
    if moved_out:
        changed = [key for key in ("start_date", "end_date", "launch_date", "year") if key in values]
        raise ValidationError(
            _(
                "Không đổi được thời gian phong trào “{name}” thành {period}: những việc đã ghi sau đây sẽ nằm ngoài "
                "thời gian phong trào: {items}. Hãy sửa hoặc xóa các việc đó trước, hoặc chọn ngày khác."
            ).format(
                name=row["name"],
                period=movement_period_text({key: row[key] for key in _PERIOD_FIELDS} | values),
                items="; ".join(moved_out),
            ),
            field=changed[0] if changed else "start_date",
        )


def _year(value: object) -> int | None:
    """The year field as typed or passed: empty is None; a number or its digits is checked by :func:`check_year`."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    return check_year(value)


def _text(name: str, value: object) -> str:
    label_text, limit = _TEXT_FIELDS[name]
    return clean_line(value, name, _(label_text), limit)


def _targets(targets: Sequence[str]) -> list[str]:
    return [t for t in (clean_line(x, "targets", _("Mục tiêu")) for x in targets) if t]


def create_movement(
    store: Store,
    *,
    name: str,
    kind: str = "regular",
    theme: str = "",
    launched_by: str = "",
    source: str = "unit",
    launch_date: date | str | None = None,
    start_date: date | str | None = None,
    end_date: date | str | None = None,
    year: int | None = None,
    targets: Sequence[str] = (),
    notes: str = "",
    plan_path: Path | str | None = None,
) -> int:
    """Record a movement (status "planned", or "launched" when a launch date is given), with its plan when
    ``plan_path`` is given: the plan is checked before anything is written and attached in the same transaction,
    so a plan refused leaves no movement behind (a retry made a second one)."""
    name = _text("name", name)
    if not name:
        raise ValidationError(_("Chưa nhập tên phong trào."), field="name")
    texts = {
        key: _text(key, value) for key, value in (("theme", theme), ("launched_by", launched_by), ("notes", notes))
    }
    cleaned_targets = _targets(targets)
    if kind not in KINDS:
        raise ValidationError(_("Loại phong trào “{value}” không hợp lệ.").format(value=kind), field="kind")
    start, end = iso_date(start_date, "start_date"), iso_date(end_date, "end_date")
    launched = iso_date(launch_date, "launch_date")
    if kind == "regular" and year is None:
        year = int((start or launched or date.today().isoformat())[:4])
    year = _year(year)
    _check_dates(
        {"launch_date": launched, "start_date": start, "end_date": end, "kind": kind, "year": year},
        {*_DATE_FIELDS, "year", "kind"},
    )
    plan = _read_plan(plan_path) if plan_path else None
    copied: Path | None = None
    try:
        with store.transaction(operation="movement.create"):
            movement_id = _add_movement(
                store,
                {
                    "kind": kind,
                    "name": name,
                    "theme": texts["theme"],
                    "launched_by": texts["launched_by"],
                    "source": source,
                    "launch_date": launched,
                    "start_date": start,
                    "end_date": end,
                    "year": year,
                    "status": "launched" if launched else "planned",
                    "notes": texts["notes"],
                },
                cleaned_targets,
            )
            if plan is not None:
                copied = _copy_plan(get_movement_row(store, movement_id), plan)
                _record_plan(store, movement_id, plan, copied)
    except BaseException:
        if copied is not None and plan is not None and copied.resolve() != plan[0].resolve():
            copied.unlink(missing_ok=True)  # the plan's copy for a movement that was not recorded
        raise
    return movement_id


def _add_movement(store: Store, values: dict[str, Any], targets: Sequence[str]) -> int:
    movement_id = store.add("movements", values)
    for position, text in enumerate(targets):
        store.add("movement_targets", {"movement_id": movement_id, "position": position, "text": text})
    return movement_id


def update_movement(store: Store, *, movement_id: int, **values: Any) -> None:
    allowed = {"name", "theme", "launched_by", "launch_date", "start_date", "end_date", "year", "notes", "kind"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(_("Không sửa được trường {names}.").format(names=", ".join(sorted(unknown))))
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if key.endswith("_date"):
            clean[key] = iso_date(value, key)
        elif key == "year":
            clean[key] = _year(value)
        elif key == "kind" and value not in KINDS:
            raise ValidationError(_("Loại phong trào “{value}” không hợp lệ.").format(value=value), field="kind")
        else:
            clean[key] = _text(key, value)
    if "name" in clean and not clean["name"]:
        raise ValidationError(_("Chưa nhập tên phong trào."), field="name")
    with store.transaction(operation="movement.update"):
        row = open_movement_row(store, movement_id)  # not closed meanwhile: checked under the write lock
        _check_dates({key: row[key] for key in (*_DATE_FIELDS, "kind", "year")} | clean, set(clean))
        _check_work_inside(store, row, {key: clean[key] for key in _PERIOD_FIELDS if key in clean})
        if clean.get("launch_date") and row["status"] == "planned":
            clean["status"] = "launched"  # a launch date given is a launch, as when created with one
        store.touch("movements", movement_id, clean)


def set_targets(store: Store, *, movement_id: int, targets: Sequence[str]) -> None:
    cleaned = _targets(targets)
    with store.transaction(operation="movement.targets"):
        open_movement_row(store, movement_id)
        store.execute("DELETE FROM movement_targets WHERE movement_id = ?", (movement_id,))
        for position, text in enumerate(cleaned):
            store.add("movement_targets", {"movement_id": movement_id, "position": position, "text": text})


def list_movements(store: Store, *, year: int | None = None, status: str | None = None) -> list[dict[str, Any]]:
    rows = movements_repo.list_movements(store, year=year, status=status)
    for row in rows:
        row["kind_label"] = label(KINDS, row["kind"])
        row["status_label"] = label(STATUSES, row["status"])
        row["period"] = period_text(row)
    return rows


def period_text(row: dict[str, Any]) -> str:
    start, end = row.get("start_date"), row.get("end_date")
    if start and end and start[:4] != end[:4]:
        return f"{start[:4]}–{end[:4]}"
    if row.get("year"):
        return str(row["year"])
    return (start or end or "")[:4]


def get_movement(store: Store, movement_id: int) -> dict[str, Any]:
    """The movement with everything recorded for it (targets, registrations, covenants, criteria, reviews)."""
    row = dict(get_movement_row(store, movement_id))
    row["kind_label"] = label(KINDS, row["kind"])
    row["status_label"] = label(STATUSES, row["status"])
    row["period"] = period_text(row)
    row["targets"] = [t["text"] for t in movements_repo.targets(store, movement_id)]
    row["registrations"] = list_registrations(store, movement_id=movement_id)
    row["covenants"] = movements_repo.covenants(store, movement_id)
    for covenant in row["covenants"]:
        covenant["changed"] = covenant_changes(store, movement_id, covenant)
    row["criteria"] = movements_repo.criteria(store, movement_id)
    row["reviews"] = movements_repo.reviews(store, movement_id)
    return row


def launch(store: Store, *, movement_id: int, launch_date: date | str) -> None:
    day = iso_date(launch_date, "launch_date")
    if not day:
        raise ValidationError(_("Chưa nhập ngày phát động."), field="launch_date")
    with store.transaction(operation="movement.launch"):
        row = open_movement_row(store, movement_id)
        _check_dates(dict(row) | {"launch_date": day}, {"launch_date"})
        _check_work_inside(store, row, {"launch_date": day})
        values: dict[str, Any] = {"launch_date": day}
        if row["status"] == "planned":
            values["status"] = "launched"
        store.touch("movements", movement_id, values)


def set_status(store: Store, *, movement_id: int, status: str, reason: str = "") -> None:
    """Set the movement's status; "closed" is :func:`close_movement` (with its ``reason``)."""
    if status not in STATUSES:
        raise ValidationError(_("Trạng thái “{value}” không hợp lệ.").format(value=status), field="status")
    if status == "closed":
        close_movement(store, movement_id=movement_id, reason=reason)
        return
    with store.transaction(operation="movement.status"):
        open_movement_row(store, movement_id)  # a closed movement is never reopened nor closed twice
        store.touch("movements", movement_id, {"status": status})


def close_movement(store: Store, *, movement_id: int, reason: str = "") -> None:
    """End the movement (kết thúc): nothing of it changes afterwards, and there is no reopening.

    After its tổng kết, closing needs nothing more. Before it, the movement could never hold its tổng kết nor propose
    its awards: refused unless ``reason`` says why it ends so (stopped by the body that launched it, merged into
    another); the reason is added to the movement's notes and kept in the audit log with the close."""
    text = clean_line(reason, "reason", _("Lý do kết thúc"), NOTES_MAX_LENGTH)
    with store.transaction(operation="movement.status"):  # labelled "status" in the audit log
        row = open_movement_row(store, movement_id)  # a closed movement is never reopened nor closed twice
        if final_review(store, movement_id) is not None:
            store.touch("movements", movement_id, {"status": "closed"})
            return
        if not text:
            raise ValidationError(
                _(
                    "Phong trào “{name}” chưa tổng kết: kết thúc bây giờ thì không ghi hội nghị tổng kết, không đề "
                    "nghị khen thưởng được nữa, và không mở lại được. Hãy ghi hội nghị tổng kết trước; nếu phong "
                    "trào dừng không tổng kết, hãy ghi lý do kết thúc."
                ).format(name=row["name"]),
                field="reason",
            )
        note = f"Kết thúc khi chưa tổng kết: {text}"  # the movement's data, in Vietnamese whatever the screen's
        notes = f"{row['notes']}; {note}" if row["notes"] else note
        store.touch("movements", movement_id, {"status": "closed", "notes": notes})
        record_event(
            store,
            table="movements",
            record_uuid=row["uuid"],
            before={"status": row["status"]},
            after={"status": "closed", "reason": text},
        )


# How each kind of plan file begins: a PDF, a .docx (a zip), an old Word .doc (an OLE compound file).
_PLAN_SIGNATURES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04", ".doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}


def _read_plan(path: Path | str) -> tuple[Path, str]:
    """The plan file (kế hoạch) the clerk chose and its SHA-256, checked: a .pdf, .docx or .doc that exists."""
    source = Path(path)
    if source.suffix.lower() not in PLAN_SUFFIXES:
        raise ValidationError(
            _("Tệp kế hoạch {path} phải là .pdf hoặc .docx.").format(path=source.name), field="plan_path"
        )
    if not source.is_file():
        raise ValidationError(_("Không tìm thấy tệp {path}.").format(path=source), field="plan_path")
    try:
        content = source.read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("Không đọc được tệp kế hoạch {path}: {reason}").format(path=source, reason=os_reason(exc)),
            field="plan_path",
        ) from None
    if not content.startswith(_PLAN_SIGNATURES[source.suffix.lower()]):
        # opened later by a double click: a file that only wears the name of a document is not kept
        raise ValidationError(
            _(
                "Tệp kế hoạch {path} không phải tệp {kind} thật (nội dung không đúng định dạng); hãy chọn lại tệp."
            ).format(path=source.name, kind=source.suffix.lower().lstrip(".").upper()),
            field="plan_path",
        )
    return source, hashlib.sha256(content).hexdigest()


def _copy_plan(row: dict[str, Any], plan: tuple[Path, str]) -> Path:
    """Copy the plan into the user's data folder, under the movement's uuid; where it now is."""
    source = plan[0]
    folder = user_data_dir() / "documents" / "movements" / row["uuid"]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = fit_path(folder, source.stem, source.suffix)  # the clerk's name, within Windows' limits
        if source.resolve() != target.resolve():
            shutil.copy2(source, target)
    except OSError as exc:
        raise ValidationError(
            _("Không chép được tệp kế hoạch {path} vào {folder}: {reason}").format(
                path=source.name, folder=folder, reason=os_reason(exc)
            ),
            field="plan_path",
        ) from None
    return target


def _record_plan(store: Store, movement_id: int, plan: tuple[Path, str], target: Path) -> None:
    store.touch("movements", movement_id, {"plan_name": plan[0].name, "plan_path": str(target), "plan_sha256": plan[1]})


def attach_plan(store: Store, *, movement_id: int, path: Path | str) -> dict[str, str]:
    """Copy the plan (kế hoạch) into the user's data folder and keep its path and SHA-256 (not for a closed
    movement: its plan is part of what it was)."""
    row = open_movement_row(store, movement_id)
    plan = _read_plan(path)
    target = _copy_plan(row, plan)
    with store.transaction(operation="movement.attach_plan"):
        open_movement_row(store, movement_id)  # closed meanwhile by another window
        _record_plan(store, movement_id, plan, target)
    return {"path": str(target), "sha256": plan[1]}


def registrations_for_year(store: Store, *, year: int) -> list[dict[str, Any]]:
    """Who registered for what in the year's movements (shown beside the year's review round)."""
    out = []
    for movement in list_movements(store, year=year):
        for row in list_registrations(store, movement_id=movement["id"]):
            out.append(row | {"movement_name": movement["name"]})
    return out
