"""The unit (the commune or agency that runs the program) and its departments/collectives."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any

from desktop.domain.text import fold, nfc, plain_sort_key
from desktop.store.db import Store, new_uuid, now_iso

UNIT_FIELDS = (
    "name",
    "code",
    "province_code",
    "province_name",
    "commune_code",
    "commune_name",
    "unit_kind",
    "parent_body",
    "address",
    "head_title",
    "head_name",
    "place_name",
    "standing_agency",
    "standing_agency_head_title",
    "standing_agency_head_name",
)


def get_unit(store: Store) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM unit ORDER BY id LIMIT 1")


def save_unit(store: Store, values: dict[str, Any]) -> dict[str, Any]:
    """Create the unit row or update it; only known fields are kept."""
    clean = {key: nfc(str(values.get(key) or "")) for key in UNIT_FIELDS if key in values}
    existing = get_unit(store)
    stamp = now_iso()
    if existing is None:
        row = {key: "" for key in UNIT_FIELDS} | clean
        row.setdefault("unit_kind", "ubnd_xa")
        if not row["unit_kind"]:
            row["unit_kind"] = "ubnd_xa"
        row.update(uuid=new_uuid(), created_at=stamp, updated_at=stamp)
        store.insert("unit", row)
    else:
        store.update("unit", existing["id"], clean | {"updated_at": stamp})
    unit = get_unit(store)
    assert unit is not None
    return unit


def list_departments(store: Store, *, include_inactive: bool = False) -> list[dict[str, Any]]:
    where = "" if include_inactive else "WHERE d.active = 1"
    rows = store.query(
        f"SELECT d.*, (SELECT count(*) FROM staff s WHERE s.department_id = d.id AND s.end_date IS NULL) "
        f"AS staff_count FROM departments d {where}"
    )
    return sorted(rows, key=lambda r: plain_sort_key(r["name"]))


def department_name_key(name: str | None) -> str:
    """The form in which two spellings of one department's name are the same name: NFC, runs of spaces one, trimmed,
    case folded in every alphabet ("PHÒNG KINH TẾ" is "Phòng Kinh tế"; accents still count). The rule
    ``desktop.ops.unit.check_department_name`` refuses a second department by."""
    return nfc(name).casefold()


def _trimmed(name: str) -> str:
    return nfc(name).strip(" .,;:-")


def match_department(name: str, departments: list[tuple[int, str]], *, loose: bool = True) -> int | None:
    """The id among ``departments`` ((id, name), oldest first) that ``name`` names, or None.

    The same name by :func:`department_name_key` wins (spelled exactly so first, else the oldest). With ``loose``,
    failing that, the ONE department whose name is the same once full stops and commas at the ends are dropped
    ("Văn phòng." is "Văn phòng"), or the same without accents when one of the two was typed without any ("Van
    phong" finds "Văn phòng", and "Đội dân quân" finds a "Doi dan quan" made first, whichever list came first). Two
    names with accents of their own never match on other accents ("Phòng Kinh tê" is not "Phòng Kinh tế"; "Tô 1"
    finds no department when "To 1" and "Tổ 1" both exist), and two departments that both match are never guessed
    between."""
    name = nfc(name)
    if not name:
        return None
    wanted = department_name_key(name)
    same = [(row_name != name, row_id) for row_id, row_name in departments if department_name_key(row_name) == wanted]
    if same:
        return min(same)[1]
    if not loose:
        return None
    trimmed = department_name_key(_trimmed(name))
    like = [row_id for row_id, row_name in departments if department_name_key(_trimmed(row_name)) == trimmed]
    if not like:
        bare = " ".join(fold(_trimmed(name)).split())
        alike = [
            (row_id, row_name) for row_id, row_name in departments if " ".join(fold(_trimmed(row_name)).split()) == bare
        ]
        if _trimmed(name).isascii() or all(_trimmed(row_name).isascii() for _row_id, row_name in alike):
            like = [row_id for row_id, _row_name in alike]  # an accented name never chooses among accented others
    return like[0] if len(like) == 1 else None


def find_department(store: Store, name: str, *, loose: bool = True) -> int | None:
    """The id of the department named ``name`` (:func:`match_department`), or None. SQLite's ``COLLATE NOCASE``
    folds ASCII letters only, so a list typed in capitals ("PHÒNG KINH TẾ") would not find "Phòng Kinh tế"; the
    names are compared here instead."""
    if not nfc(name):
        return None
    rows = store.query("SELECT id, name FROM departments ORDER BY id")
    return match_department(name, [(int(row["id"]), str(row["name"])) for row in rows], loose=loose)


def get_or_create_department(store: Store, name: str, *, kind: str = "department", loose: bool = True) -> int | None:
    """The department of this name (:func:`find_department`: capitals, Unicode form and spaces do not matter; with
    ``loose`` accents and end punctuation neither, when only one department matches so), made when there is none
    yet; None for an empty name."""
    name = nfc(name)
    if not name:
        return None
    found = find_department(store, name, loose=loose)
    if found is not None:
        return found
    department_id = store.add("departments", {"name": name, "kind": kind})
    store.add("department_names", {"department_id": department_id, "name": name, "valid_from": SINCE_ALWAYS})
    return department_id


# -- the names a department has borne (schema v15) ---------------------------------------------------------------

SINCE_ALWAYS = ""  # ``department_names.valid_from`` of a first name: in force for as long as the department existed


def department_name_on_sql(department: str, day: str) -> str:
    """SQL for the name the department ``department`` (an SQL expression giving its id) bore on ``day`` (an SQL
    expression giving an ISO date): the name of its latest period begun on or before that day, else — a department
    with no periods, or ``day`` NULL — its name now. A decision entered after a rename, for a day before it, names
    the collective as it was called that day, as a person's department is read on that day (moves are dated)."""
    return (
        f"coalesce((SELECT dn.name FROM department_names dn WHERE dn.department_id = {department} "
        f"AND dn.valid_from <= {day} ORDER BY dn.valid_from DESC LIMIT 1), "
        f"(SELECT dx.name FROM departments dx WHERE dx.id = {department}))"
    )


def department_name_on(store: Store, department_id: int, day: date) -> str:
    """The name the department bore on ``day`` (:func:`department_name_on_sql`); "" for no such department."""
    literal = f"'{day.isoformat()}'"  # made of a date: safe as an SQL literal
    return str(store.scalar(f"SELECT {department_name_on_sql(str(int(department_id)), literal)}") or "")


def department_names(store: Store, department_id: int) -> list[dict[str, Any]]:
    """The department's names, oldest first: ``name`` and ``valid_from`` (ISO date, or :data:`SINCE_ALWAYS`)."""
    return store.query(
        "SELECT id, name, valid_from FROM department_names WHERE department_id = ? ORDER BY valid_from",
        (department_id,),
    )


def rename_department(store: Store, department_id: int, name: str, *, valid_from: str) -> None:
    """Name the department ``name`` from ``valid_from`` (ISO date, or :data:`SINCE_ALWAYS`) on: the period begun on
    that day takes the new name, else a new period begins there; a period named as the one before it is dropped (a
    rename undone). ``departments.name`` becomes the latest period's name. The day is the caller's to check."""
    name = nfc(name)
    current = store.query_one("SELECT name FROM departments WHERE id = ?", (department_id,))
    if current is None:
        return
    if not department_names(store, department_id):  # made outside the program's own ways: its name since always
        store.add(
            "department_names", {"department_id": department_id, "name": current["name"], "valid_from": SINCE_ALWAYS}
        )
    same_day = store.scalar(
        "SELECT id FROM department_names WHERE department_id = ? AND valid_from = ?", (department_id, valid_from)
    )
    if same_day is None:
        store.add("department_names", {"department_id": department_id, "name": name, "valid_from": valid_from})
    else:
        store.touch("department_names", int(same_day), {"name": name})
    periods = department_names(store, department_id)
    for before, period in pairwise(periods):
        if period["name"] == before["name"]:
            store.execute("DELETE FROM department_names WHERE id = ?", (period["id"],))
    latest = department_names(store, department_id)[-1]["name"]
    store.update("departments", department_id, {"name": latest, "updated_at": now_iso()})


def set_department_active(store: Store, department_id: int, active: bool, *, on: date) -> None:
    """Stopping keeps the day (``on``), so past years still count the department; using it again clears it."""
    stopped_on = None if active else on.isoformat()
    store.update(
        "departments", department_id, {"active": int(active), "stopped_on": stopped_on, "updated_at": now_iso()}
    )


def existed_at_year_end(alias: str = "", last_day: str = "?") -> str:
    """The SQL condition of a department that was a collective of a year: in use, or stopped after the year's last
    day (the parameter ``last_day`` names, "2025-12-31"; schema v12). A report or an evaluation of
    a past year counts a department stopped since; one stopped during the year or earlier is left out."""
    prefix = f"{alias}." if alias else ""
    return f"({prefix}active = 1 OR {prefix}stopped_on > {last_day})"


def department_existed_on(store: Store, department_id: int, day: date) -> bool:
    """Whether the department existed on ``day`` by :func:`existed_at_year_end`'s rule (in use, or stopped after
    that day): a back-dated registration or covenant asks of its own day, not of today."""
    return bool(
        store.scalar(
            f"SELECT 1 FROM departments WHERE id = ? AND {existed_at_year_end()}", (department_id, day.isoformat())
        )
    )


def get_setting(store: Store, key: str, default: str | None = None) -> str | None:
    value = store.scalar("SELECT value FROM settings WHERE key = ?", (key,))
    return default if value is None else str(value)


def set_setting(store: Store, key: str, value: str) -> None:
    store.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
