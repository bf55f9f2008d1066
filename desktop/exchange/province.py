"""Province mode: one database receives many units' packages and shows consolidated lists and counts by unit.

The mode is the setting ``exchange.mode`` ("unit" | "province"). The same importer stores what units send in
``remote_records`` (JSON per record) and ``remote_units``. The province's own decisions on those nominations are
kept there too (under the unit's code) until they are sent down in a package; the movements it launches are rows of
its ``movements`` table, sent from there (desktop.exchange.exporter).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from desktop.domain.dates import format_date
from desktop.domain.decision_number import decision_number_key
from desktop.domain.text import (
    LONG_TEXT_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    InputTextError,
    clean_input,
)
from desktop.exchange.format import EXTENSION, MODE_SETTING, MODES, PackageError
from desktop.exchange.importer import (
    apply_import,
    current_mode,
    decision_date_problem,
    derived_uuid,
    own_identity,
    plan_import,
)
from desktop.exchange.keys import load_keyring
from desktop.exchange.manifest import canonical_bytes
from desktop.exchange.province_duplicates import (
    brought_duplicates,
    duplicate_note,
    nomination_duplicates,
    nominee_name,
    package_time,
    package_time_text,
)
from desktop.exchange.reader import VerifiedPackage, attachment_problem, read_package
from desktop.exchange.record_checks import award_subject, not_the_provinces_problem
from desktop.exchange.records import content_sha256, record_problem
from desktop.files.names import fit_path, name_key
from desktop.files.replace import write_file
from desktop.i18n import _
from desktop.store.audit import record_event
from desktop.store.db import Store, new_uuid, now_iso
from desktop.store.errors import StoreError
from desktop.store.rules_repo import effective_pack

Progress = Callable[[int, int, str], None]

get_mode = current_mode


def set_mode(store: Store, *, mode: str) -> None:
    if mode not in MODES:
        raise PackageError(_("Chế độ “{mode}” không hợp lệ; chỉ dùng: unit, province.").format(mode=mode), code="mode")
    with store.transaction(operation="exchange.set_mode"):
        before = current_mode(store)
        store.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (MODE_SETTING, mode),
        )
        # settings rows carry no audit trigger: the switch is logged as an event of its own
        record_event(store, table="settings", before={MODE_SETTING: before}, after={MODE_SETTING: mode})


def _require_province(store: Store) -> None:
    if current_mode(store) != "province":
        raise PackageError(_("Chức năng này chỉ dùng ở chế độ cấp tỉnh."), code="mode")


def _typed(value: str, label: str, *, multiline: bool = False, max_length: int = TEXT_MAX_LENGTH) -> str:
    """Text the province's clerk typed, clean (:func:`clean_input`); a PackageError naming the field otherwise."""
    try:
        return clean_input(value, field=label, multiline=multiline, max_length=max_length)
    except InputTextError as exc:
        raise PackageError(str(exc), code="record") from None


def _put_record(store: Store, *, unit_code: str, record_kind: str, record: dict[str, Any]) -> None:
    problem = record_problem(record_kind, record)
    if problem:
        raise PackageError(
            _("Dữ liệu không hợp lệ, trường “{field}”: {reason}.").format(field=problem[0], reason=problem[1]),
            code="record",
        )
    text = canonical_bytes(record)
    stamp = now_iso()
    row = store.query_one(
        "SELECT id FROM remote_records WHERE unit_code = ? AND record_kind = ? AND record_uuid = ?",
        (unit_code, record_kind, record["uuid"]),
    )
    values = {
        "year": record.get("year") if isinstance(record.get("year"), int) else None,
        "content": text.decode("utf-8"),
        "content_sha256": content_sha256(text),
        "updated_at": stamp,
    }
    if row:
        store.update("remote_records", int(row["id"]), values)
    else:
        store.insert(
            "remote_records",
            values
            | {
                "uuid": new_uuid(),
                "unit_code": unit_code,
                "record_kind": record_kind,
                "record_uuid": record["uuid"],
                "package_created_at": "",
                "created_at": stamp,
            },
        )


def record_decision(
    store: Store,
    *,
    unit_code: str,
    nomination_uuid: str,
    awarded: bool,
    decision_no: str = "",
    decision_date: date | None = None,
    issuer: str = "",
    note: str = "",
) -> str:
    """The province's decision on one nomination a unit sent; deciding again replaces it (same record UUID)."""
    return record_decisions(
        store,
        nominations=[(unit_code, nomination_uuid)],
        awarded=awarded,
        decision_no=decision_no,
        decision_date=decision_date,
        issuer=issuer,
        note=note,
    )[0]


def record_decisions(
    store: Store,
    *,
    nominations: list[tuple[str, str]],
    awarded: bool,
    decision_no: str = "",
    decision_date: date | None = None,
    issuer: str = "",
    note: str = "",
) -> list[str]:
    """One decision of the province on several nominations (``(unit_code, nomination_uuid)`` pairs), as one
    decision lists many people: all recorded in one transaction, or none when one of them is unknown. Deciding
    again replaces the earlier answer. Returns the decision records' UUIDs."""
    _require_province(store)
    decision_no = _typed(decision_no, _("Số quyết định"))
    issuer = _typed(issuer, _("Cơ quan ban hành"))
    note = _typed(note, _("Ghi chú"), multiline=True, max_length=NOTES_MAX_LENGTH)
    if not nominations:
        raise PackageError(_("Chưa chọn đề nghị nào để ghi quyết định."), code="record")
    if awarded and not decision_no:
        raise PackageError(_("Chưa ghi số quyết định khen thưởng."), code="record")
    if awarded and decision_date is None:
        raise PackageError(_("Chưa ghi ngày ký quyết định khen thưởng."), code="record")
    uuids = []
    with store.transaction(operation="province.decision"):
        pack = effective_pack(store)
        if awarded and decision_date is not None:
            _refuse_number_reused(store, decision_no, decision_date)
        chosen: dict[tuple[Any, ...], str] = {}
        for unit_code, nomination_uuid in nominations:
            row = store.query_one(
                "SELECT content FROM remote_records WHERE unit_code = ? AND record_kind = 'nomination' "
                "AND record_uuid = ?",
                (unit_code, nomination_uuid),
            )
            if row is None:
                raise PackageError(
                    _("Không có đề nghị mã {uuid} của đơn vị {code}.").format(uuid=nomination_uuid, code=unit_code),
                    code="not_found",
                )
            nomination = json.loads(row["content"])
            if awarded:
                _refuse_not_the_provinces(pack, nomination, unit_code, decision_date)
                _refuse_awarded_twice(store, pack, unit_code, nomination_uuid, nomination, chosen, nominations)
            problem = decision_date_problem(int(nomination["year"]), decision_date) if decision_date else ""
            if problem:  # the unit would refuse it: said now, to the province's clerk
                raise PackageError(problem[:1].upper() + problem[1:], code="record")
            record = {
                "uuid": derived_uuid("decision", unit_code, nomination_uuid),
                "nomination_uuid": nomination_uuid,
                "unit_code": unit_code,
                "year": nomination["year"],
                "code": nomination["code"],
                "category": nomination["category"],
                "awarded": bool(awarded),
                "decision_no": decision_no,
                "decision_date": decision_date.isoformat() if decision_date else None,
                "issuer": issuer or own_identity(store)[1],
                "note": note,
            }
            _put_record(store, unit_code=unit_code, record_kind="province_decision", record=record)
            uuids.append(str(record["uuid"]))
    return uuids


def _refuse_not_the_provinces(pack: Any, nomination: dict[str, Any], unit_code: str, on: date | None) -> None:
    """Refuse an award the province does not confer (see :func:`not_the_provinces_problem`)."""
    code = str(nomination["code"])
    if not pack.has(code):
        raise PackageError(
            _(
                "Đề nghị của đơn vị {unit} ghi mã “{code}”, không có trong danh mục; không ghi quyết định khen thưởng."
            ).format(unit=unit_code, code=code),
            code="record",
        )
    problem = not_the_provinces_problem(pack, code, on)
    if problem:
        raise PackageError(problem, code="record")


def _refuse_awarded_twice(
    store: Store,
    pack: Any,
    unit_code: str,
    nomination_uuid: str,
    nomination: dict[str, Any],
    chosen: dict[tuple[Any, ...], str],
    nominations: list[tuple[str, str]],
) -> None:
    """Refuse a second award of one code in one year to one subject: among the nominations chosen now (``chosen``,
    filled in as they are checked) or beside the province's award on another nomination of the unit. A unit's
    register holds a code once a year (``awards_repo.held_award``), so the second would never be entered there, yet
    the province's decision would list the person twice and its summary count two awards. A nomination the unit
    deleted and made again stays here beside the new one: only the clerk can tell which one is meant."""
    subject = award_subject(nomination)
    if not any(subject[1:4]):  # no UUID and no name: nothing to compare on
        return
    key = (unit_code, *subject)
    title = pack.item(str(nomination["code"])).name
    who = nominee_name(nomination) or nomination_uuid
    earlier = chosen.setdefault(key, nomination_uuid)
    if earlier != nomination_uuid:
        raise PackageError(
            _(
                "Hai đề nghị đã chọn của đơn vị {unit} cùng đề nghị tặng “{title}” năm {year} cho {name}; mỗi danh "
                "hiệu, hình thức khen thưởng chỉ tặng một lần trong năm cho một đối tượng. Hãy chỉ chọn một đề nghị."
            ).format(unit=unit_code, title=title, year=nomination["year"], name=who),
            code="record",
        )
    deciding = {uuid for code, uuid in nominations if code == unit_code}
    for row in store.query(
        "SELECT d.content AS decision, n.content AS nomination FROM remote_records d "
        "JOIN remote_records n ON n.unit_code = d.unit_code AND n.record_kind = 'nomination' "
        "AND n.record_uuid = json_extract(d.content, '$.nomination_uuid') "
        "WHERE d.unit_code = ? AND d.record_kind = 'province_decision' AND d.withdrawn_at IS NULL "
        "AND json_extract(d.content, '$.awarded') AND json_extract(d.content, '$.code') = ? "
        "AND json_extract(d.content, '$.year') = ? ORDER BY d.id",
        (unit_code, str(nomination["code"]), int(nomination["year"])),
    ):
        other = json.loads(row["nomination"])
        if other.get("uuid") in deciding or award_subject(other) != subject:
            continue
        decision = json.loads(row["decision"])
        raise PackageError(
            _(
                "{name} (đơn vị {unit}) đã được tỉnh ghi tặng “{title}” năm {year} theo Quyết định số {number} "
                "(ngày {date}) trên một đề nghị khác; mỗi danh hiệu, hình thức khen thưởng chỉ tặng một lần trong "
                "năm cho một đối tượng."
            ).format(
                name=who,
                unit=unit_code,
                title=title,
                year=nomination["year"],
                number=decision.get("decision_no") or "—",
                date=format_date(str(decision.get("decision_date") or "")) or "—",
            ),
            code="record",
        )


def _refuse_number_reused(store: Store, decision_no: str, decision_date: date) -> None:
    """One decision number, one signing day in a year: recording 215/QĐ-UBND again with another date would send
    the units two documents under one number. Numbers are compared spelling aside
    (:func:`desktop.domain.decision_number.decision_number_key`: "215/Qđ-UBND", "215 / QĐ–UBND" are 215/QĐ-UBND)."""
    key = decision_number_key(decision_no)
    for other in store.query(
        "SELECT json_extract(content, '$.decision_no') AS number, json_extract(content, '$.decision_date') AS signed "
        "FROM remote_records WHERE record_kind = 'province_decision' AND json_extract(content, '$.awarded') "
        "AND substr(json_extract(content, '$.decision_date'), 1, 4) = ? "
        "AND json_extract(content, '$.decision_date') != ? ORDER BY id",
        (str(decision_date.year), decision_date.isoformat()),
    ):
        if decision_number_key(other["number"]) != key:
            continue
        if other["number"] == decision_no:
            message = _(
                "Số quyết định {number} đã ghi với ngày ký {other}; một số quyết định chỉ là một văn bản. Hãy kiểm "
                "tra lại số hoặc ngày ký."
            )
        else:
            message = _(
                "Số quyết định {number} là số {recorded} đã ghi với ngày ký {other} (chỉ khác cách viết); một số "
                "quyết định chỉ là một văn bản. Hãy kiểm tra lại số hoặc ngày ký."
            )
        raise PackageError(
            message.format(number=decision_no, recorded=other["number"], other=format_date(str(other["signed"]))),
            code="record",
        )


def add_movement(
    store: Store,
    *,
    name: str,
    kind: str = "thematic",
    theme: str = "",
    launched_on: date | None = None,
    period_from: date | None = None,
    period_to: date | None = None,
    description: str = "",
) -> str:
    """A movement kept only as a record to send down. The province's movements are rows of its ``movements`` table
    (``tdkt movement create``, the window), which the movements package carries; a record kept here is sent with
    them (every year) unless a row has its UUID."""
    _require_province(store)
    code, name_of_province = own_identity(store)
    record = {
        "uuid": new_uuid(),
        "name": _typed(name, _("Tên phong trào"), max_length=LONG_TEXT_MAX_LENGTH),
        "kind": kind,
        "theme": _typed(theme, _("Chủ đề"), max_length=LONG_TEXT_MAX_LENGTH),
        "launched_by": name_of_province,
        "launched_on": launched_on.isoformat() if launched_on else None,
        "period_from": period_from.isoformat() if period_from else None,
        "period_to": period_to.isoformat() if period_to else None,
        "description": _typed(description, _("Mô tả"), multiline=True, max_length=NOTES_MAX_LENGTH),
    }
    with store.transaction(operation="province.movement"):
        _put_record(store, unit_code=code, record_kind="movement", record=record)
    return str(record["uuid"])


def consolidated(store: Store, *, year: int) -> dict[str, Any]:
    """Per unit: nominations sent up, awards in the register, the yearly report's figures; plus totals.

    A collective nominee comes with its own yearly ratings (``ratings``) and the yearly report with every collective's
    rating of the year (``collective_ratings``), when the unit's program writes format 1.1. A unit's own file has
    no units below it: asking there is refused, not answered with an empty table that looks like "nothing came".
    """
    _require_province(store)
    units = {
        row["code"]: {
            "code": row["code"],
            "name": row["name"],
            "last_package_at": None,
            "packages": 0,
            "packages_all_years": row["packages_count"],
            "nominations": 0,
            "nominations_by_code": {},
            "decided": 0,
            "awards": 0,
            "awards_by_code": {},
            "yearly_report": None,
        }
        for row in store.query("SELECT * FROM remote_units ORDER BY code")
    }
    _count_packages_of_year(store, units, year)
    nominations: list[dict[str, Any]] = []
    # by (unit, nomination): two units may send the same nomination UUID (a copied database), and one unit's
    # decision must not show on the other's nomination
    decisions = {
        (r["unit_code"], json.loads(r["content"])["nomination_uuid"]): json.loads(r["content"])
        for r in store.query(
            "SELECT unit_code, content FROM remote_records WHERE record_kind = 'province_decision' AND year = ?",
            (year,),
        )
    }
    twins = nomination_duplicates(store, year=year)
    pack = effective_pack(store) if twins else None
    for row in store.query(
        "SELECT unit_code, record_kind, content FROM remote_records WHERE year = ? "
        "AND record_kind IN ('nomination', 'award', 'yearly_report') "
        "AND withdrawn_at IS NULL ORDER BY unit_code, id",  # an award the unit's newer register dropped: not counted
        (year,),
    ):
        unit = units.get(row["unit_code"])
        if unit is None:
            continue
        content = json.loads(row["content"])
        if row["record_kind"] == "nomination":
            unit["nominations"] += 1
            by_code = unit["nominations_by_code"]
            by_code[content["code"]] = by_code.get(content["code"], 0) + 1
            decision = decisions.get((row["unit_code"], content["uuid"]))
            unit["decided"] += decision is not None
            nominations.append(
                {
                    "unit_code": row["unit_code"],
                    "unit_name": unit["name"],
                    "uuid": content["uuid"],
                    "name": nominee_name(content),
                    "target_kind": content["target_kind"],
                    "code": content["code"],
                    "gender": (content.get("person") or {}).get("gender", ""),
                    # a collective's own yearly ratings (format 1.1; [] from a 1.0 package or for a person)
                    "ratings": list((content.get("collective") or {}).get("ratings") or []),
                    "decision": decision,
                    # the unit's other nominations of the same subject, code and year (another UUID)
                    "duplicates": twins.get((row["unit_code"], content["uuid"]), []),
                    "duplicate_note": duplicate_note(pack, content, twins.get((row["unit_code"], content["uuid"]), [])),
                }
            )
        elif row["record_kind"] == "award":
            unit["awards"] += 1
            by_code = unit["awards_by_code"]
            by_code[content["code"]] = by_code.get(content["code"], 0) + 1
        else:
            unit["yearly_report"] = {k: content[k] for k in content if k != "uuid"}
    rows = list(units.values())
    return {
        "year": year,
        "units": rows,
        "nominations": nominations,
        "totals": {
            "units": len(rows),
            "units_with_data": sum(1 for u in rows if u["nominations"] or u["awards"] or u["yearly_report"]),
            "nominations": sum(u["nominations"] for u in rows),
            "decided": sum(u["decided"] for u in rows),
            "awards": sum(u["awards"] for u in rows),
            "duplicates": sum(1 for n in nominations if n["duplicates"]),
        },
    }


def _count_packages_of_year(store: Store, units: dict[str, dict[str, Any]], year: int) -> None:
    """The packages each unit sent for ``year`` and when it made the latest of them: a unit that sent only last
    year's report must not look, in this year's table, as if something had come."""
    rows = store.query(
        "SELECT sender_code, package_created_at FROM packages WHERE direction = 'received' AND status = 'applied' "
        "AND year = ?",
        (year,),
    )
    for row in rows:
        unit = units.get(row["sender_code"])
        if unit is None:
            continue
        unit["packages"] += 1
        latest = unit["last_package_at"]
        if latest is None or package_time(row["package_created_at"]) > package_time(latest):
            unit["last_package_at"] = row["package_created_at"]


def import_folder(
    store: Store,
    folder: Path,
    *,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[dict[str, Any]]:
    """Import every .tdkt file of ``folder`` (sorted by name), each in its own transaction; one summary row each.

    A file not imported does not stop the others: its row carries the reason, with the status ``refused`` (the
    package itself) or ``failed`` (the database busy or the disk full: nothing of that file was written, and it may
    go in when the folder is imported again). Cancelling stops before the next file.
    The next file is verified in a worker thread while the current one is written (verification needs no database:
    the trusted keys are read once here), so checking and writing overlap.
    """
    files = sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() == EXTENSION)
    keyring = load_keyring(store)
    own_code = own_identity(store)[0]
    rows: list[dict[str, Any]] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tdkt-verify") as pool:
        pending: Future[VerifiedPackage] | None = (
            pool.submit(read_package, files[0], keyring, own_code=own_code) if files else None
        )
        for index, path in enumerate(files):
            if should_cancel is not None and should_cancel():
                break
            if progress is not None:
                progress(index, len(files), path.name)
            assert pending is not None
            current = pending
            pending = (
                pool.submit(read_package, files[index + 1], keyring, own_code=own_code)
                if index + 1 < len(files)
                else None
            )
            try:
                plan = plan_import(store, current.result())
                result = apply_import(store, plan)
            except PackageError as exc:
                rows.append(_failed_row(path, "refused", exc.message))
                continue
            except StoreError as exc:
                # the database busy (another window writing) or the disk full: this file is not imported (its
                # transaction rolled back), the files before it stay imported and the next ones are still tried
                reason = _("Chưa nhập tệp {file}: {reason}").format(file=path.name, reason=exc)
                rows.append(_failed_row(path, "failed", reason))
                continue
            # apply_import's message already ends with the warning (duplicates_warning); here they are counted
            twins = brought_duplicates(store, result.package_id, result.sender_code) if result.package_id else []
            rows.append(
                {
                    "file": path.name,
                    "status": result.status,
                    "sender": f"{result.sender_code} {result.sender_name}".strip(),
                    "kind": result.kind,
                    "counts": result.counts,
                    "message": result.message,
                    "duplicates": len(twins),
                }
            )
        if pending is not None:
            pending.cancel()
    if progress is not None:
        progress(len(rows), len(files), "")
    return rows


def _failed_row(path: Path, status: str, message: str) -> dict[str, Any]:
    """The summary row of a file not imported: ``refused`` (the package itself) or ``failed`` (the database or
    the disk; the same file may go in when tried again)."""
    return {
        "file": path.name,
        "status": status,
        "sender": "",
        "kind": "",
        "counts": {},
        "message": message,
        "duplicates": 0,
    }


def list_attachments(store: Store, *, unit_code: str | None = None) -> list[dict[str, Any]]:
    """The files units sent with their packages (achievement reports), no content: the newest package first, by
    the time the unit made it (``package_created_at``, from its manifest), not by when it arrived here — a unit's
    older dossier imported late must not come before its corrected one.

    ``outdated`` is true when a newer package of the same unit carries a file of the same name (the report of the
    same nomination, sent again): that row is an earlier version, kept for the record.
    """
    _require_province(store)
    where, params = ("WHERE a.unit_code = ?", (unit_code,)) if unit_code else ("", ())
    rows = store.query(
        "SELECT a.id, a.unit_code, coalesce(u.name, '') AS unit_name, a.name, a.size, a.sha256, a.created_at, "
        "p.file_name AS package_file, p.package_created_at FROM remote_attachments a "
        "JOIN packages p ON p.id = a.package_id "
        f"LEFT JOIN remote_units u ON u.code = a.unit_code {where}",
        params,
    )
    rows.sort(key=lambda row: (package_time(row["package_created_at"]), row["id"]), reverse=True)
    nominees = _nominees_by_attachment(store, unit_code)
    seen: set[tuple[str, str]] = set()
    for row in rows:
        key = (str(row["unit_code"]), str(row["name"]).lower())
        row["outdated"] = key in seen
        row["nominee"] = nominees.get(key, "")
        seen.add(key)
    return rows


def _nominees_by_attachment(store: Store, unit_code: str | None) -> dict[tuple[str, str], str]:
    """Whose report each file is ("Nguyễn Văn An — CSTĐCS 2026"), from the unit's nominations that name it: the file
    itself is named by the nomination's UUID, which tells the province's clerk nothing."""
    where, params = ("AND unit_code = ?", (unit_code,)) if unit_code else ("", ())
    found: dict[tuple[str, str], str] = {}
    for row in store.query(
        f"SELECT unit_code, content FROM remote_records WHERE record_kind = 'nomination' {where} ORDER BY id", params
    ):
        try:
            content = json.loads(row["content"])
        except ValueError:
            continue
        files = content.get("attachments") if isinstance(content, dict) else None
        if not isinstance(files, list):
            continue
        who = _("{name} — {code} {year}").format(
            name=nominee_name(content), code=content.get("code", ""), year=content.get("year", "")
        )
        for file_name in files:
            found[(str(row["unit_code"]), str(file_name).lower())] = who
    return found


def attachment_label(row: dict[str, Any]) -> str:
    """One line naming a received file (a row of :func:`list_attachments`): unit, file, the package's date, and
    whether a newer package replaced it."""
    time = package_time_text(row["package_created_at"])
    if row.get("nominee"):
        label = _("{code} — {unit} — báo cáo của {nominee} — gói lập lúc {time}").format(
            code=row["unit_code"], unit=row["unit_name"], nominee=row["nominee"], time=time
        )
    else:
        label = _("{code} — {unit} — {name} — gói lập lúc {time}").format(
            code=row["unit_code"], unit=row["unit_name"], name=row["name"], time=time
        )
    if row.get("outdated"):
        label += " " + _("(bản cũ: đơn vị đã gửi bản mới hơn)")
    return label


def save_attachment(store: Store, *, attachment_id: int, folder: Path) -> Path:
    """Write one received file into ``folder`` (under a safe name) and return its path, to open or print."""
    _require_province(store)
    row = store.query_one(
        "SELECT unit_code, name, content, sha256 FROM remote_attachments WHERE id = ?", (attachment_id,)
    )
    if row is None:
        raise PackageError(_("Không có tệp đính kèm số {id}.").format(id=attachment_id), code="attachment")
    content = bytes(row["content"])
    if hashlib.sha256(content).hexdigest() != row["sha256"]:
        raise PackageError(
            _("Tệp đính kèm {name} đã bị hỏng trong cơ sở dữ liệu.").format(name=row["name"]), code="attachment"
        )
    # kept by an earlier version, before verify refused them: never written out under a name the system would run
    problem = attachment_problem(str(row["name"]), content)
    if problem:
        raise PackageError(problem[:1].upper() + problem[1:], code="attachment")
    plain = "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in f"{row['unit_code']}-{row['name']}")
    stem = plain[: -len(".pdf")]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # a name another unit chose: made safe and short enough for Windows, always ending in ".pdf"; a file already
    # there is never overwritten (two versions of one report from two packages): the same content is that file,
    # another content takes the next free name ("… (2).pdf")
    existing = {name_key(path.name): path for path in folder.iterdir()}
    taken: list[str] = []
    while True:
        target = fit_path(folder, stem, ".pdf", taken=taken)
        present = existing.get(name_key(target.name))
        if present is None:
            write_file(target, content)
            return target
        if present.is_file() and _same_content(present, content):
            return present
        taken.append(target.name)


def _same_content(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False
