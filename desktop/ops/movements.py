"""Emulation movements (phong trào thi đua): launch, registrations, blocks and covenants, criteria and scores,
ranking, sơ kết / tổng kết with proposals that go straight into a review round, exemplary models, report data.

One keyword-only function per clerk's operation, each change in ONE ``store.transaction`` named ``movement.*``
so the audit log keeps it; the window (``desktop.ui.movements``) and ``tdkt movement|report`` call these.

Participants of the scoring are the members of the blocks that signed the movement's covenant (departments of
this unit or external units of a khối/cụm); a movement without a covenant scores the unit's active departments.
A participant's key is ``"m:<block member id>"`` or ``"d:<department id>"``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop.domain import codes, scoring
from desktop.domain import movement_report as mr
from desktop.domain.text import fold, nfc, search_tokens
from desktop.files.names import fit_path
from desktop.i18n import N_, _
from desktop.store import NotFoundError, Store, ValidationError, movements_repo

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
PLAN_SUFFIXES = (".pdf", ".docx", ".doc")
# Documents and nominations are Vietnamese administrative text, whatever the screen language.
REVIEW_WORDS = {"so_ket": "sơ kết", "tong_ket": "tổng kết"}


def label(mapping: dict[str, str], key: str) -> str:
    """The translated label of a code (a variable, so the extractor does not take the key for text)."""
    text = mapping.get(key, key)
    return _(text)


# -- helpers ---------------------------------------------------------------------------------------------------


def _as_date(value: date | str | None, field: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise ValidationError(
            _("“{value}” không phải ngày hợp lệ (dạng YYYY-MM-DD).").format(value=value), field=field
        ) from None


def _movement(store: Store, movement_id: int) -> dict[str, Any]:
    row = movements_repo.get_movement(store, movement_id)
    if row is None:
        raise NotFoundError(_("Không tìm thấy phong trào số {id}.").format(id=movement_id))
    return row


def _open_movement(store: Store, movement_id: int) -> dict[str, Any]:
    row = _movement(store, movement_id)
    if row["status"] == "closed":
        raise ValidationError(
            _("Phong trào “{name}” đã kết thúc; không sửa được nữa.").format(name=row["name"]), field="status"
        )
    return row


def _pack_item(store: Store, code: str) -> Any:
    from desktop.ops import rules

    pack = rules.effective_pack(store)
    code = nfc(code).upper()
    if not pack.has(code):
        raise ValidationError(
            _("Mã “{code}” không có trong danh mục danh hiệu, hình thức khen thưởng.").format(code=code), field="code"
        )
    return pack.item(code)


# -- movements -------------------------------------------------------------------------------------------------


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
    actor: str = "system",
) -> int:
    """Record a movement (status "planned", or "launched" when a launch date is given)."""
    name = nfc(name)
    if not name:
        raise ValidationError(_("Chưa nhập tên phong trào."), field="name")
    if kind not in KINDS:
        raise ValidationError(_("Loại phong trào “{value}” không hợp lệ.").format(value=kind), field="kind")
    start, end = _as_date(start_date, "start_date"), _as_date(end_date, "end_date")
    launched = _as_date(launch_date, "launch_date")
    if start and end and end < start:
        raise ValidationError(_("Ngày kết thúc phong trào trước ngày bắt đầu."), field="end_date")
    if kind == "regular" and year is None:
        year = int((start or launched or date.today().isoformat())[:4])
    if year is not None and not 1990 <= int(year) <= 2200:
        raise ValidationError(_("Năm {year} không hợp lệ.").format(year=year), field="year")
    with store.transaction(operation="movement.create", actor=actor):
        movement_id = movements_repo.insert(
            store,
            "movements",
            {
                "kind": kind,
                "name": name,
                "theme": nfc(theme),
                "launched_by": nfc(launched_by),
                "source": source,
                "launch_date": launched,
                "start_date": start,
                "end_date": end,
                "year": year,
                "status": "launched" if launched else "planned",
                "notes": nfc(notes),
            },
        )
        for position, text in enumerate(t for t in (nfc(x) for x in targets) if t):
            movements_repo.insert(
                store, "movement_targets", {"movement_id": movement_id, "position": position, "text": text}
            )
    return movement_id


def update_movement(store: Store, *, movement_id: int, actor: str = "system", **values: Any) -> None:
    allowed = {"name", "theme", "launched_by", "launch_date", "start_date", "end_date", "year", "notes", "kind"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(_("Không sửa được trường {names}.").format(names=", ".join(sorted(unknown))))
    _open_movement(store, movement_id)
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if key.endswith("_date"):
            clean[key] = _as_date(value, key)
        elif key == "year":
            clean[key] = int(value) if value not in (None, "") else None
        elif key == "kind" and value not in KINDS:
            raise ValidationError(_("Loại phong trào “{value}” không hợp lệ.").format(value=value), field="kind")
        else:
            clean[key] = nfc(value)
    if "name" in clean and not clean["name"]:
        raise ValidationError(_("Chưa nhập tên phong trào."), field="name")
    with store.transaction(operation="movement.update", actor=actor):
        movements_repo.touch(store, "movements", movement_id, clean)


def set_targets(store: Store, *, movement_id: int, targets: Sequence[str], actor: str = "system") -> None:
    _open_movement(store, movement_id)
    with store.transaction(operation="movement.targets", actor=actor):
        store.execute("DELETE FROM movement_targets WHERE movement_id = ?", (movement_id,))
        for position, text in enumerate(t for t in (nfc(x) for x in targets) if t):
            movements_repo.insert(
                store, "movement_targets", {"movement_id": movement_id, "position": position, "text": text}
            )


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
    row = dict(_movement(store, movement_id))
    row["kind_label"] = label(KINDS, row["kind"])
    row["status_label"] = label(STATUSES, row["status"])
    row["period"] = period_text(row)
    row["targets"] = [t["text"] for t in movements_repo.targets(store, movement_id)]
    row["registrations"] = list_registrations(store, movement_id=movement_id)
    row["covenants"] = movements_repo.covenants(store, movement_id)
    row["criteria"] = movements_repo.criteria(store, movement_id)
    row["reviews"] = movements_repo.reviews(store, movement_id)
    return row


def launch(store: Store, *, movement_id: int, launch_date: date | str, actor: str = "system") -> None:
    row = _open_movement(store, movement_id)
    day = _as_date(launch_date, "launch_date")
    if not day:
        raise ValidationError(_("Chưa nhập ngày phát động."), field="launch_date")
    values: dict[str, Any] = {"launch_date": day}
    if row["status"] == "planned":
        values["status"] = "launched"
    with store.transaction(operation="movement.launch", actor=actor):
        movements_repo.touch(store, "movements", movement_id, values)


def set_status(store: Store, *, movement_id: int, status: str, actor: str = "system") -> None:
    if status not in STATUSES:
        raise ValidationError(_("Trạng thái “{value}” không hợp lệ.").format(value=status), field="status")
    _movement(store, movement_id)
    with store.transaction(operation="movement.status", actor=actor):
        movements_repo.touch(store, "movements", movement_id, {"status": status})


def close_movement(store: Store, *, movement_id: int, actor: str = "system") -> None:
    set_status(store, movement_id=movement_id, status="closed", actor=actor)


def attach_plan(store: Store, *, movement_id: int, path: Path | str, actor: str = "system") -> dict[str, str]:
    """Copy the plan (kế hoạch) into the user's data folder and keep its path and SHA-256."""
    from desktop.paths import user_data_dir

    row = _movement(store, movement_id)
    source = Path(path)
    if source.suffix.lower() not in PLAN_SUFFIXES:
        raise ValidationError(
            _("Tệp kế hoạch {path} phải là .pdf hoặc .docx.").format(path=source.name), field="plan_path"
        )
    if not source.is_file():
        raise ValidationError(_("Không tìm thấy tệp {path}.").format(path=source), field="plan_path")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    folder = user_data_dir() / "documents" / "movements" / row["uuid"]
    folder.mkdir(parents=True, exist_ok=True)
    target = fit_path(folder, source.stem, source.suffix)  # the clerk's name, within Windows' limits
    if source.resolve() != target.resolve():
        shutil.copy2(source, target)
    with store.transaction(operation="movement.attach_plan", actor=actor):
        movements_repo.touch(
            store,
            "movements",
            movement_id,
            {"plan_name": source.name, "plan_path": str(target), "plan_sha256": digest},
        )
    return {"path": str(target), "sha256": digest}


# -- registrations ---------------------------------------------------------------------------------------------


def register(
    store: Store,
    *,
    movement_id: int,
    code: str,
    staff_id: int | None = None,
    department_id: int | None = None,
    registered_on: date | str | None = None,
    notes: str = "",
    actor: str = "system",
) -> int:
    """A person's or a collective's registration (bản đăng ký thi đua) for the title it aims for."""
    movement = _open_movement(store, movement_id)
    item = _pack_item(store, code)
    if (staff_id is None) == (department_id is None):
        raise ValidationError(_("Chọn một cán bộ hoặc một tập thể đăng ký."), field="staff_id")
    target_kind = "individual" if staff_id is not None else "collective"
    if target_kind not in item.targets:
        raise ValidationError(_("“{name}” không xét cho đối tượng này.").format(name=item.name), field="code")
    if staff_id is not None and not store.scalar("SELECT 1 FROM staff WHERE id = ?", (staff_id,)):
        raise ValidationError(_("Không tìm thấy cán bộ số {id}.").format(id=staff_id), field="staff_id")
    if department_id is not None and not store.scalar("SELECT 1 FROM departments WHERE id = ?", (department_id,)):
        raise ValidationError(_("Không tìm thấy tập thể số {id}.").format(id=department_id), field="department_id")
    duplicate = store.scalar(
        "SELECT 1 FROM registrations WHERE movement_id = ? AND coalesce(staff_id, 0) = ? "
        "AND coalesce(department_id, 0) = ?",
        (movement_id, staff_id or 0, department_id or 0),
    )
    if duplicate:
        raise ValidationError(_("Đã có bản đăng ký này trong phong trào “{name}”.").format(name=movement["name"]))
    day = _as_date(registered_on, "registered_on") or date.today().isoformat()
    with store.transaction(operation="movement.register", actor=actor):
        return movements_repo.insert(
            store,
            "registrations",
            {
                "movement_id": movement_id,
                "target_kind": target_kind,
                "staff_id": staff_id,
                "department_id": department_id,
                "code": item.code,
                "registered_on": day,
                "notes": nfc(notes),
            },
        )


def unregister(store: Store, *, registration_id: int, actor: str = "system") -> None:
    row = store.query_one("SELECT * FROM registrations WHERE id = ?", (registration_id,))
    if row is None:
        raise NotFoundError(_("Không tìm thấy bản đăng ký số {id}.").format(id=registration_id))
    _open_movement(store, row["movement_id"])
    with store.transaction(operation="movement.unregister", actor=actor):
        store.execute("DELETE FROM registrations WHERE id = ?", (registration_id,))


def list_registrations(store: Store, *, movement_id: int) -> list[dict[str, Any]]:
    from desktop.ops import rules

    pack = rules.effective_pack(store)
    rows = movements_repo.registrations(store, movement_id)
    for row in rows:
        row["name"] = row["staff_name"] if row["target_kind"] == "individual" else row["department_name"]
        row["department"] = row["staff_department"] if row["target_kind"] == "individual" else ""
        row["code_name"] = pack.item(row["code"]).name if pack.has(row["code"]) else row["code"]
    return rows


def registrations_for_year(store: Store, *, year: int) -> list[dict[str, Any]]:
    """Who registered for what in the year's movements (shown beside the year's review round)."""
    out = []
    for movement in list_movements(store, year=year):
        for row in list_registrations(store, movement_id=movement["id"]):
            out.append(row | {"movement_name": movement["name"]})
    return out


# -- blocks and covenants --------------------------------------------------------------------------------------


def create_block(
    store: Store,
    *,
    name: str,
    kind: str = "internal",
    department_ids: Sequence[int] = (),
    external_names: Sequence[str] = (),
    notes: str = "",
    actor: str = "system",
) -> int:
    """A khối/cụm thi đua: departments of this unit and/or named external units."""
    name = nfc(name)
    if not name:
        raise ValidationError(_("Chưa nhập tên khối/cụm thi đua."), field="name")
    if kind not in BLOCK_KINDS:
        raise ValidationError(_("Loại khối “{value}” không hợp lệ.").format(value=kind), field="kind")
    if store.scalar("SELECT 1 FROM blocks WHERE name = ?", (name,)):
        raise ValidationError(_("Đã có khối/cụm thi đua tên “{name}”.").format(name=name), field="name")
    externals = [n for n in (nfc(x) for x in external_names) if n]
    if not department_ids and not externals:
        raise ValidationError(_("Khối/cụm thi đua phải có ít nhất một thành viên."), field="members")
    for department_id in department_ids:
        if not store.scalar("SELECT 1 FROM departments WHERE id = ?", (department_id,)):
            raise ValidationError(_("Không tìm thấy tập thể số {id}.").format(id=department_id), field="members")
    with store.transaction(operation="movement.create_block", actor=actor):
        block_id = movements_repo.insert(store, "blocks", {"name": name, "kind": kind, "notes": nfc(notes)})
        position = 0
        for department_id in department_ids:
            movements_repo.insert(
                store, "block_members", {"block_id": block_id, "position": position, "department_id": department_id}
            )
            position += 1
        for external in externals:
            movements_repo.insert(
                store, "block_members", {"block_id": block_id, "position": position, "external_name": external}
            )
            position += 1
    return block_id


def list_blocks(store: Store) -> list[dict[str, Any]]:
    return movements_repo.blocks(store)


def block_members(store: Store, *, block_id: int) -> list[dict[str, Any]]:
    return movements_repo.block_members(store, block_id)


def sign_covenant(
    store: Store,
    *,
    movement_id: int,
    block_id: int,
    signed_on: date | str,
    signatories: Sequence[dict[str, str]],
    place: str = "",
    content: str = "",
    actor: str = "system",
) -> int:
    """Record the covenant (giao ước thi đua) of a block for the movement: date and who signed for each member."""
    _open_movement(store, movement_id)
    if not store.scalar("SELECT 1 FROM blocks WHERE id = ?", (block_id,)):
        raise NotFoundError(_("Không tìm thấy khối/cụm thi đua số {id}.").format(id=block_id))
    day = _as_date(signed_on, "signed_on")
    if not day:
        raise ValidationError(_("Chưa nhập ngày ký giao ước."), field="signed_on")
    clean = []
    for number, person in enumerate(signatories, start=1):
        full_name = nfc(person.get("name", ""))
        if not full_name:
            raise ValidationError(
                _("Người ký thứ {number}: chưa nhập họ và tên.").format(number=number), field="signatories"
            )
        clean.append(
            {"name": full_name, "title": nfc(person.get("title", "")), "member": nfc(person.get("member", ""))}
        )
    if not clean:
        raise ValidationError(_("Giao ước phải có ít nhất một người ký."), field="signatories")
    existing = store.scalar("SELECT id FROM covenants WHERE movement_id = ? AND block_id = ?", (movement_id, block_id))
    values = {
        "signed_on": day,
        "place": nfc(place),
        "signatories": json.dumps(clean, ensure_ascii=False),
        "content": nfc(content),
    }
    with store.transaction(operation="movement.sign_covenant", actor=actor):
        if existing:
            movements_repo.touch(store, "covenants", int(existing), values)
            return int(existing)
        return movements_repo.insert(store, "covenants", {"movement_id": movement_id, "block_id": block_id, **values})


# -- criteria and scores ---------------------------------------------------------------------------------------


def _criterion_values(
    name: str, max_points: float, weight: float, mandatory: bool, kind: str, description: str
) -> dict[str, Any]:
    criterion = scoring.Criterion(0, nfc(name), float(max_points), float(weight), bool(mandatory), kind)
    try:
        scoring.validate_criteria([criterion])
    except scoring.ScoringError as exc:
        raise ValidationError(str(exc), field="criteria") from None
    return {
        "name": criterion.name,
        "max_points": criterion.max_points,
        "weight": criterion.weight,
        "mandatory": int(criterion.mandatory),
        "kind": kind,
        "description": nfc(description),
    }


def add_criterion(
    store: Store,
    *,
    movement_id: int,
    name: str,
    max_points: float,
    weight: float = 1.0,
    mandatory: bool = False,
    kind: str = "normal",
    description: str = "",
    actor: str = "system",
) -> int:
    _open_movement(store, movement_id)
    values = _criterion_values(name, max_points, weight, mandatory, kind, description)
    position = int(
        store.scalar("SELECT coalesce(max(position), -1) + 1 FROM criteria WHERE movement_id = ?", (movement_id,))
    )
    with store.transaction(operation="movement.add_criterion", actor=actor):
        return movements_repo.insert(store, "criteria", {"movement_id": movement_id, "position": position, **values})


def update_criterion(store: Store, *, criterion_id: int, actor: str = "system", **changes: Any) -> None:
    row = store.query_one("SELECT * FROM criteria WHERE id = ?", (criterion_id,))
    if row is None:
        raise NotFoundError(_("Không tìm thấy tiêu chí số {id}.").format(id=criterion_id))
    _open_movement(store, row["movement_id"])
    merged = {k: row[k] for k in ("name", "max_points", "weight", "mandatory", "kind", "description")} | changes
    values = _criterion_values(
        merged["name"],
        merged["max_points"],
        merged["weight"],
        merged["mandatory"],
        merged["kind"],
        merged["description"],
    )
    over = store.scalar(
        "SELECT count(*) FROM scores WHERE criterion_id = ? AND points > ?", (criterion_id, values["max_points"])
    )
    if over:
        raise ValidationError(
            _("Đã có {count} điểm chấm vượt quá {max} điểm cho tiêu chí “{name}”; hãy sửa điểm trước.").format(
                count=over, max=scoring.format_points(values["max_points"]), name=values["name"]
            ),
            field="max_points",
        )
    with store.transaction(operation="movement.update_criterion", actor=actor):
        movements_repo.touch(store, "criteria", criterion_id, values)


def delete_criterion(store: Store, *, criterion_id: int, actor: str = "system") -> None:
    """Remove a criterion and the points given on it (the audit log keeps both)."""
    row = store.query_one("SELECT * FROM criteria WHERE id = ?", (criterion_id,))
    if row is None:
        raise NotFoundError(_("Không tìm thấy tiêu chí số {id}.").format(id=criterion_id))
    _open_movement(store, row["movement_id"])
    with store.transaction(operation="movement.delete_criterion", actor=actor):
        store.execute("DELETE FROM scores WHERE criterion_id = ?", (criterion_id,))
        store.execute("DELETE FROM criteria WHERE id = ?", (criterion_id,))


def list_criteria(store: Store, *, movement_id: int) -> list[dict[str, Any]]:
    rows = movements_repo.criteria(store, movement_id)
    for row in rows:
        row["kind_label"] = label(CRITERION_KINDS, row["kind"])
    return rows


def participants(store: Store, *, movement_id: int) -> list[dict[str, Any]]:
    """Who is scored: the members of the blocks that signed a covenant, else the unit's active departments."""
    _movement(store, movement_id)
    found: list[dict[str, Any]] = []
    seen: set[str] = set()
    for covenant in movements_repo.covenants(store, movement_id):
        for member in movements_repo.block_members(store, covenant["block_id"]):
            key = f"m:{member['id']}"
            if key not in seen:
                seen.add(key)
                found.append(
                    {
                        "key": key,
                        "name": member["name"],
                        "member_id": member["id"],
                        "department_id": member["department_id"],
                        "block": covenant["block_name"],
                    }
                )
    if found:
        return found
    from desktop.store import unit_repo

    return [
        {"key": f"d:{d['id']}", "name": d["name"], "member_id": None, "department_id": d["id"], "block": ""}
        for d in unit_repo.list_departments(store)
    ]


def _domain_criteria(rows: Iterable[dict[str, Any]]) -> list[scoring.Criterion]:
    return [
        scoring.Criterion(
            r["id"], r["name"], float(r["max_points"]), float(r["weight"]), bool(r["mandatory"]), r["kind"]
        )
        for r in rows
    ]


def record_scores(store: Store, *, movement_id: int, entries: Sequence[dict[str, Any]], actor: str = "system") -> int:
    """Save a batch of points ({participant, criterion_id, points, note}) in one transaction; None clears a cell.

    Every value is checked first: one wrong value saves nothing, and the message lists every problem.
    """
    _open_movement(store, movement_id)
    criteria = {c.key: c for c in _domain_criteria(movements_repo.criteria(store, movement_id))}
    people = {p["key"]: p for p in participants(store, movement_id=movement_id)}
    problems: list[str] = []
    clean: list[tuple[dict[str, Any], scoring.Criterion, float | None, str]] = []
    for number, entry in enumerate(entries, start=1):
        key = str(entry.get("participant") or entry.get("participant_key") or "")
        person = people.get(key)
        criterion = criteria.get(int(entry.get("criterion_id") or 0))
        if person is None:
            problems.append(_("Dòng {number}: không có đơn vị tham gia “{key}”.").format(number=number, key=key))
            continue
        if criterion is None:
            problems.append(
                _("Dòng {number}: phong trào không có tiêu chí số {id}.").format(
                    number=number, id=entry.get("criterion_id")
                )
            )
            continue
        raw = entry.get("points")
        if raw is None or raw == "":
            clean.append((person, criterion, None, ""))
            continue
        if isinstance(raw, str):
            raw = raw.strip().replace(",", ".")
        problem = scoring.check_points(criterion, raw, person["name"])
        if problem:
            problems.append(problem)
            continue
        clean.append((person, criterion, float(raw), nfc(entry.get("note", ""))))
    if problems:
        raise ValidationError("\n".join(problems), field="points")
    with store.transaction(operation="movement.record_scores", actor=actor):
        for person, criterion, points, note in clean:
            existing = store.scalar(
                "SELECT id FROM scores WHERE movement_id = ? AND participant_key = ? AND criterion_id = ?",
                (movement_id, person["key"], criterion.key),
            )
            if points is None:
                if existing:
                    store.execute("DELETE FROM scores WHERE id = ?", (existing,))
                continue
            if existing:
                movements_repo.touch(store, "scores", int(existing), {"points": points, "note": note})
            else:
                movements_repo.insert(
                    store,
                    "scores",
                    {
                        "movement_id": movement_id,
                        "participant_key": person["key"],
                        "member_id": person["member_id"],
                        "department_id": person["department_id"] if person["member_id"] is None else None,
                        "criterion_id": criterion.key,
                        "points": points,
                        "note": note,
                    },
                )
    return len(clean)


def score_grid(store: Store, *, movement_id: int) -> dict[str, Any]:
    """Participants × criteria with the points given (None where not scored yet)."""
    criteria = list_criteria(store, movement_id=movement_id)
    people = participants(store, movement_id=movement_id)
    points = {(s["participant_key"], s["criterion_id"]): s["points"] for s in movements_repo.scores(store, movement_id)}
    return {"criteria": criteria, "participants": people, "points": points}


def _women_percent(store: Store) -> dict[int, float]:
    """Share of women (percent) among each department's current staff, for the tie rule on collectives."""
    rows = store.query(
        "SELECT department_id, count(*) AS n, sum(gender = 'F') AS women FROM staff "
        "WHERE department_id IS NOT NULL AND end_date IS NULL GROUP BY department_id"
    )
    return {int(r["department_id"]): 100.0 * int(r["women"] or 0) / int(r["n"]) for r in rows if r["n"]}


def _women_priority(store: Store, movement: dict[str, Any]) -> scoring.WomenPriority | None:
    """The pack's "collectives with at least 70 % women first on ties", in force at the movement's end."""
    from desktop.domain.rules import RulePackError
    from desktop.ops import rules

    on = date.fromisoformat(movement["end_date"]) if movement.get("end_date") else date.today()
    try:
        pack = rules.effective_pack(store)
        if not pack.has_setting("women_collective_percent") or not pack.setting("women_first_on_tie", on):
            return None
        cited = pack.setting_cited("women_collective_percent", on)
    except RulePackError:
        return None
    return scoring.WomenPriority(float(cited.value), cited.citation())


def ranking(store: Store, *, movement_id: int) -> scoring.Ranking:
    movement = _movement(store, movement_id)
    grid = score_grid(store, movement_id=movement_id)
    criteria = _domain_criteria(grid["criteria"])
    women = _women_percent(store)
    people = [
        scoring.Participant(
            p["key"], p["name"], women.get(int(p["department_id"])) if p["department_id"] is not None else None
        )
        for p in grid["participants"]
    ]
    keys = {p.key for p in people}
    points = {k: v for k, v in grid["points"].items() if k[0] in keys}
    return scoring.rank(criteria, people, points, validate=False, women_priority=_women_priority(store, movement))


def ranking_json(result: scoring.Ranking) -> dict[str, Any]:
    return {
        "max_total": result.max_total,
        "leader": result.leader_key,
        "leader_name": result.leader_name,
        "note": result.note,
        "tied_first": list(result.tied_first),
        "results": [
            {
                "participant": r.key,
                "name": r.name,
                "total": r.total,
                "base": r.base,
                "bonus": r.bonus,
                "penalty": r.penalty,
                "passed": r.passed,
                "failed_criteria": list(r.failed_criteria),
                "rank": r.rank,
                "tied": r.tied,
                "reason": r.reason,
                "women_first": r.women_first,
            }
            for r in result.results
        ],
    }


# -- reviews (sơ kết / tổng kết) and proposals -----------------------------------------------------------------


def default_proposals(store: Store, *, movement_id: int, result: scoring.Ranking | None = None) -> list[dict[str, Any]]:
    """What the review proposes by default: a Giấy khen for the leading department (suy tôn) of the block.

    A tie for first place proposes nobody: the block votes first. The basis is written as the reason, because the
    award rests on the movement's result rather than on the yearly criteria the engine checks.
    """
    movement = _movement(store, movement_id)
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
    actor: str = "system",
) -> int:
    """Record a sơ kết or tổng kết with a frozen copy of the ranking and the proposed awards."""
    movement = _open_movement(store, movement_id)
    if kind not in REVIEW_KINDS:
        raise ValidationError(_("Loại hội nghị “{value}” không hợp lệ (so_ket, tong_ket).").format(value=kind))
    day = _as_date(review_date, "review_date")
    if not day:
        raise ValidationError(_("Chưa nhập ngày sơ kết, tổng kết."), field="review_date")
    result = ranking(store, movement_id=movement_id)
    chosen = (
        list(proposals) if proposals is not None else default_proposals(store, movement_id=movement_id, result=result)
    )
    for number, proposal in enumerate(chosen, start=1):
        _check_proposal(store, proposal, number)
        proposal.setdefault("code_name", _pack_item(store, proposal["code"]).name)
        if not proposal.get("name"):
            proposal["name"] = _subject_name(store, proposal)
    with store.transaction(operation=f"movement.{kind}", actor=actor):
        review_id = movements_repo.insert(
            store,
            "movement_reviews",
            {
                "movement_id": movement_id,
                "kind": kind,
                "review_date": day,
                "summary": nfc(summary),
                "achievements": "\n".join(line for line in (nfc(x) for x in achievements.splitlines()) if line),
                "leading_key": str(result.leader_key or ""),
                "leading_name": result.leader_name,
                "ranking": json.dumps(ranking_json(result), ensure_ascii=False),
                "proposals": json.dumps(chosen, ensure_ascii=False),
            },
        )
        if kind == "so_ket" and movement["status"] in ("planned", "launched"):
            movements_repo.touch(store, "movements", movement_id, {"status": "mid_reviewed"})
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
    _pack_item(store, proposal["code"])


def get_review(store: Store, review_id: int) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM movement_reviews WHERE id = ?", (review_id,))
    if row is None:
        raise NotFoundError(_("Không tìm thấy hội nghị sơ kết, tổng kết số {id}.").format(id=review_id))
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
    actor: str = "system",
) -> int:
    """Put a review's proposed awards into a new review round of kind "movement"; all or nothing.

    Each proposal is a nomination with the change reason "Đề xuất từ tổng kết phong trào …"; a proposal the rule
    engine would not make needs its own ``override_reason`` (the review.add_nomination rules apply unchanged).
    """
    from desktop.ops import review

    movement = _movement(store, movement_id)
    if not proposals:
        raise ValidationError(_("Chưa có đề xuất khen thưởng nào để đưa vào đợt bình xét."), field="proposals")
    word = "tổng kết"
    if review_id is not None:
        word = REVIEW_WORDS.get(get_review(store, review_id)["kind"], word)
    reason = "Đề xuất từ {word} phong trào “{name}”".format(word=word, name=movement["name"])
    with store.transaction(operation="movement.propose", actor=actor):
        round_id = review.create_round(
            store,
            year=year,
            kind="movement",
            name="Khen thưởng phong trào “{name}” năm {year}".format(name=movement["name"], year=year),
            movement_id=movement_id,
            actor=actor,
        )
        for number, proposal in enumerate(proposals, start=1):
            try:
                review.add_nomination(
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
                    actor=actor,
                )
            except ValidationError as exc:
                raise ValidationError(
                    _("Đề xuất thứ {number} ({name}): {reason}").format(
                        number=number, name=proposal.get("name", ""), reason=exc
                    ),
                    field=exc.field,
                ) from None
        if review_id is not None:
            movements_repo.touch(store, "movement_reviews", review_id, {"round_id": round_id})
    return round_id


# -- exemplary models ------------------------------------------------------------------------------------------


def _model_values(
    store: Store,
    *,
    kind: str,
    name: str,
    achievement: str,
    staff_id: int | None,
    department_id: int | None,
    movement_id: int | None,
    year: int | None,
    tags: str,
) -> dict[str, Any]:
    if kind not in MODEL_KINDS:
        raise ValidationError(_("Loại điển hình “{value}” không hợp lệ.").format(value=kind), field="kind")
    name = nfc(name)
    if not name and staff_id:
        name = str(store.scalar("SELECT full_name FROM staff WHERE id = ?", (staff_id,)) or "")
    if not name and department_id:
        name = str(store.scalar("SELECT name FROM departments WHERE id = ?", (department_id,)) or "")
    if not name:
        raise ValidationError(_("Chưa nhập tên điển hình tiên tiến."), field="name")
    if movement_id is not None:
        _movement(store, movement_id)
    text = nfc(achievement)
    tag_text = ", ".join(t for t in (nfc(x) for x in tags.split(",")) if t)
    return {
        "kind": kind,
        "name": name,
        "staff_id": staff_id,
        "department_id": department_id,
        "achievement": text,
        "movement_id": movement_id,
        "year": year,
        "tags": tag_text,
        "search_key": fold(" ".join([name, text, tag_text])),
    }


def add_model(
    store: Store,
    *,
    name: str = "",
    kind: str = "person",
    achievement: str = "",
    staff_id: int | None = None,
    department_id: int | None = None,
    movement_id: int | None = None,
    year: int | None = None,
    tags: str = "",
    actor: str = "system",
) -> int:
    values = _model_values(
        store,
        kind=kind,
        name=name,
        achievement=achievement,
        staff_id=staff_id,
        department_id=department_id,
        movement_id=movement_id,
        year=year,
        tags=tags,
    )
    with store.transaction(operation="movement.add_model", actor=actor):
        return movements_repo.insert(store, "exemplary_models", values)


def update_model(store: Store, *, model_id: int, actor: str = "system", **changes: Any) -> None:
    row = store.query_one("SELECT * FROM exemplary_models WHERE id = ?", (model_id,))
    if row is None:
        raise NotFoundError(_("Không tìm thấy điển hình số {id}.").format(id=model_id))
    keys = ("kind", "name", "achievement", "staff_id", "department_id", "movement_id", "year", "tags")
    merged = {k: row[k] for k in keys} | {k: v for k, v in changes.items() if k in keys}
    values = _model_values(store, **merged)
    with store.transaction(operation="movement.update_model", actor=actor):
        movements_repo.touch(store, "exemplary_models", model_id, values)


def delete_model(store: Store, *, model_id: int, actor: str = "system") -> None:
    with store.transaction(operation="movement.delete_model", actor=actor):
        store.execute("DELETE FROM exemplary_models WHERE id = ?", (model_id,))


def search_models(
    store: Store,
    *,
    query: str = "",
    movement_id: int | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """Exemplary models whose name, deeds or tags contain every word of ``query``, accents ignored."""
    tokens = search_tokens(query)
    out = []
    for row in movements_repo.exemplary_models(store):
        if movement_id is not None and row["movement_id"] != movement_id:
            continue
        if year is not None and row["year"] != year:
            continue
        if kind and row["kind"] != kind:
            continue
        if tokens and not all(t in row["search_key"] for t in tokens):
            continue
        row["kind_label"] = label(MODEL_KINDS, row["kind"])
        out.append(row)
    return out


# -- report data -----------------------------------------------------------------------------------------------


def report(store: Store, *, year: int, movement_id: int | None = None) -> dict[str, Any]:
    """The reports page's figures: awards of the year (or of one movement's rounds) by title/form and by person.

    ``collective_ratings``: every active collective's own rating of the year, with its members (the input of
    TTLĐTT and TTLĐXS), whatever the movement.
    """
    from desktop.ops import collectives, rules

    movement = _movement(store, movement_id) if movement_id is not None else None
    pack = rules.effective_pack(store)
    facts = [
        mr.AwardFact(
            code=row["code"],
            code_name=pack.item(row["code"]).name if pack.has(row["code"]) else row["code"],
            category=row["category"],
            target_kind=row["target_kind"],
            department=row["department"] or "",
            gender=row["gender"] or "",
            ethnic_code=row["ethnic_code"] or "",
            ethnic_name=codes.ETHNIC_GROUPS.get(row["ethnic_code"] or "", row["ethnic_code"] or ""),
            is_leader=bool(row["is_leader"]),
        )
        for row in movements_repo.award_rows(store, year=year, movement_id=movement_id)
    ]
    data = mr.figures(facts)
    models = search_models(store, year=year, movement_id=movement_id)
    data.update(
        {
            "year": year,
            "movement_id": movement_id,
            "movement_name": movement["name"] if movement else "",
            "movements": [
                {"id": m["id"], "name": m["name"], "kind": m["kind"], "status": m["status"]}
                for m in list_movements(store, year=year)
            ],
            "exemplary_models": [
                {"name": m["name"], "kind": m["kind"], "achievement": m["achievement"], "tags": m["tags"]}
                for m in models
            ],
            "collective_ratings": collectives.year_ratings(store, year=year),
        }
    )
    return data


# -- documents -------------------------------------------------------------------------------------------------


def _unit(store: Store) -> Any:
    from desktop.ops import review

    return review.unit_header(store)


def export_registrations(store: Store, *, movement_id: int, out: Path | str) -> Path:
    from desktop.documents import movement_docs

    movement = get_movement(store, movement_id)
    document = movement_docs.registration_document(_unit(store), movement, movement["registrations"])
    return movement_docs.render(document, out)


def export_covenant(store: Store, *, movement_id: int, out: Path | str, covenant_id: int | None = None) -> Path:
    from desktop.documents import movement_docs

    movement = get_movement(store, movement_id)
    chosen = [c for c in movement["covenants"] if covenant_id is None or c["id"] == covenant_id]
    if not chosen:
        raise ValidationError(
            _("Phong trào “{name}” chưa có giao ước thi đua nào.").format(name=movement["name"]), field="covenant"
        )
    covenant = chosen[0]
    members = movements_repo.block_members(store, covenant["block_id"])
    document = movement_docs.covenant_document(_unit(store), movement, covenant, members, movement["criteria"])
    return movement_docs.render(document, out)


def export_review(store: Store, *, review_id: int, out: Path | str) -> Path:
    from desktop.documents import movement_docs

    review_row = get_review(store, review_id)
    movement = get_movement(store, review_row["movement_id"])
    year = int(str(review_row["review_date"])[:4])
    figures = report(store, year=year, movement_id=movement["id"])
    document = movement_docs.review_document(_unit(store), movement, review_row, figures)
    return movement_docs.render(document, out)


def export_report(store: Store, *, year: int, out: Path | str, movement_id: int | None = None) -> Path:
    """The reports page as .pdf (tables and bar charts) or .xlsx (tables and Excel bar charts)."""
    from desktop.documents import movement_docs

    data = report(store, year=year, movement_id=movement_id)
    target = Path(out)
    if target.suffix.lower() == ".xlsx":
        return movement_docs.report_xlsx(data, target)
    if target.suffix.lower() == ".pdf":
        return movement_docs.report_pdf(_unit(store), data, target)
    raise ValidationError(_("Không xuất được tệp {path}: hãy chọn đuôi .pdf hoặc .xlsx.").format(path=target))


# -- demo ------------------------------------------------------------------------------------------------------

DEMO_REGULAR = "Đoàn kết, kỷ cương, sáng tạo, thi đua thực hiện thắng lợi nhiệm vụ năm 2025"
DEMO_THEMATIC = "Chung sức xây dựng nông thôn mới"
DEMO_BLOCK = "Khối các phòng, ban Ủy ban nhân dân xã"


def fill_demo_movements(store: Store, *, actor: str = "system") -> dict[str, int]:
    """The demo commune's movements: a regular yearly one and a thematic one, with scores (a tie) and a sơ kết."""
    from desktop.store import unit_repo

    departments = unit_repo.list_departments(store)
    if not departments:
        return {"movements": 0}
    with store.transaction(operation="demo.movements", actor=actor):
        regular = create_movement(
            store,
            name=DEMO_REGULAR,
            kind="regular",
            theme="Đoàn kết, kỷ cương, sáng tạo, hiệu quả",
            launched_by="Ủy ban nhân dân xã Lũng Cú",
            launch_date=date(2025, 2, 10),
            start_date=date(2025, 1, 1),
            end_date=date(2025, 12, 31),
            year=2025,
            targets=[
                "100% tập thể, cá nhân đăng ký thi đua",
                "Trên 70% cán bộ, công chức đạt Lao động tiên tiến",
                "Giải quyết hồ sơ hành chính đúng hạn trên 98%",
            ],
            actor=actor,
        )
        thematic = create_movement(
            store,
            name=DEMO_THEMATIC,
            kind="thematic",
            theme="Chung sức xây dựng nông thôn mới giai đoạn 2021–2025",
            launched_by="Ủy ban nhân dân tỉnh Tuyên Quang",
            launch_date=date(2021, 3, 15),
            start_date=date(2021, 1, 1),
            end_date=date(2025, 12, 31),
            targets=["Đạt chuẩn xã nông thôn mới nâng cao", "Thu nhập bình quân đầu người tăng 1,5 lần"],
            actor=actor,
        )
        staff = store.query("SELECT id, department_id FROM staff WHERE end_date IS NULL ORDER BY id")
        for index, person in enumerate(staff):
            register(
                store,
                movement_id=regular,
                code="CSTDCS" if index < 5 else "LDTT",
                staff_id=person["id"],
                registered_on=date(2025, 2, 20),
                actor=actor,
            )
        for department in departments:
            register(
                store,
                movement_id=regular,
                code="TTLDTT",
                department_id=department["id"],
                registered_on=date(2025, 2, 20),
                actor=actor,
            )
        block = create_block(
            store, name=DEMO_BLOCK, kind="internal", department_ids=[d["id"] for d in departments], actor=actor
        )
        heads = store.query(
            "SELECT s.full_name, s.position, d.name AS department FROM staff s JOIN departments d "
            "ON d.id = s.department_id WHERE s.is_leader = 1 ORDER BY s.id"
        )
        first_head: dict[str, dict[str, Any]] = {}
        for head in heads:
            first_head.setdefault(head["department"], head)
        signatories = [
            {"name": h["full_name"], "title": h["position"], "member": name} for name, h in first_head.items()
        ]
        for movement_id, day in ((regular, date(2025, 2, 20)), (thematic, date(2021, 4, 2))):
            sign_covenant(
                store,
                movement_id=movement_id,
                block_id=block,
                signed_on=day,
                place="Hội trường Ủy ban nhân dân xã Lũng Cú",
                signatories=signatories,
                actor=actor,
            )
        criteria_spec = [
            ("Hoàn thành chỉ tiêu, nhiệm vụ được giao", 40, 1.0, True, "normal"),
            ("Cải cách hành chính, chuyển đổi số", 20, 1.0, False, "normal"),
            ("Tổ chức phong trào thi đua, khen thưởng", 20, 1.0, False, "normal"),
            ("Xây dựng Đảng, đoàn thể trong sạch, vững mạnh", 20, 1.0, False, "normal"),
            ("Sáng kiến, mô hình mới được công nhận", 5, 1.0, False, "bonus"),
            ("Vi phạm kỷ luật, kỷ cương hành chính", 10, 1.0, False, "penalty"),
        ]
        thematic_spec = [
            ("Hạ tầng giao thông nông thôn", 30, 1.0, True, "normal"),
            ("Phát triển sản xuất, nâng cao thu nhập", 40, 1.5, False, "normal"),
            ("Môi trường, cảnh quan xanh - sạch - đẹp", 30, 1.0, False, "normal"),
        ]
        # points per department, in DEPARTMENTS order; the 2nd and 3rd tie on 90 in the regular movement
        regular_points = [
            [38, 19, 18, 19, 3, 0],
            [36, 18, 18, 17, 1, 0],
            [37, 18, 17, 18, 0, 0],
            [35, 17, 16, 18, 0, 2],
            [34, 16, 17, 17, 2, 1],
        ]
        thematic_points = [[26, 34, 25], [28, 36, 27], [25, 30, 26], [24, 33, 28], [27, 35, 24]]
        for movement_id, spec, table in (
            (regular, criteria_spec, regular_points),
            (thematic, thematic_spec, thematic_points),
        ):
            ids = [
                add_criterion(
                    store, movement_id=movement_id, name=n, max_points=m, weight=w, mandatory=man, kind=k, actor=actor
                )
                for n, m, w, man, k in spec
            ]
            people = participants(store, movement_id=movement_id)
            entries = []
            for person, values in zip(people, table, strict=False):
                for criterion_id, points in zip(ids, values, strict=True):
                    entries.append({"participant": person["key"], "criterion_id": criterion_id, "points": points})
            record_scores(store, movement_id=movement_id, entries=entries, actor=actor)
        create_review(
            store,
            movement_id=regular,
            kind="so_ket",
            review_date=date(2025, 7, 15),
            summary="Sơ kết 6 tháng đầu năm 2025: các phòng, ban hoàn thành tốt chỉ tiêu đề ra.",
            achievements="Giải quyết 1.245 hồ sơ hành chính, 99,2% đúng hạn; 100% cán bộ đăng ký thi đua.",
            proposals=[],
            actor=actor,
        )
        create_review(
            store,
            movement_id=thematic,
            kind="so_ket",
            review_date=date(2023, 6, 30),
            summary="Sơ kết giữa kỳ phong trào xây dựng nông thôn mới giai đoạn 2021–2025.",
            achievements="Cứng hóa 12 km đường trục thôn; 3 thôn đạt chuẩn nông thôn mới.",
            proposals=[],
            actor=actor,
        )
        first_staff = staff[0]["id"] if staff else None
        add_model(
            store,
            kind="person",
            staff_id=first_staff,
            achievement="Số hóa toàn bộ hồ sơ một cửa, hướng dẫn người dân nộp hồ sơ trực tuyến.",
            movement_id=regular,
            year=2025,
            tags="chuyển đổi số, cải cách hành chính",
            actor=actor,
        )
        add_model(
            store,
            kind="model",
            name="Mô hình trồng chè Shan tuyết hữu cơ thôn Lô Lô Chải",
            achievement="20 hộ tham gia, thu nhập tăng 30% so với trồng ngô.",
            movement_id=thematic,
            year=2024,
            tags="nông thôn mới, sản xuất",
            actor=actor,
        )
        add_model(
            store,
            kind="person",
            name="Giàng Seo Chứ",
            achievement="Người tốt - việc tốt: hiến 500 m² đất làm đường liên thôn.",
            movement_id=thematic,
            year=2023,
            tags="người tốt việc tốt, hiến đất",
            actor=actor,
        )
    return {"movements": 2, "registrations": len(staff) + len(departments)}
