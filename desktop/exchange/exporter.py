"""Gather records from the database and write a signed (optionally encrypted) package; record it as sent.

Upward (unit mode): ``nomination_dossier`` (the year's nominations with status ``sent_up`` and, when the
documents module is there, each nominee's achievement report as a PDF), ``yearly_report`` (figures behind the
Home Affairs forms 0601–0605, computed from the award history, and each collective's own rating of the year) and
``award_register`` (the year's awards). A collective travels with its own yearly ratings (format 1.1).
Downward (province mode): ``province_decisions`` for one unit, ``rule_override`` (the province's own active
override packs: a snapshot, see :func:`override_records`) and ``movements`` (the province's own movements of the
year, from its ``movements`` table).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.documents.achievement_report import achievement_report_doc
from desktop.domain.codes import MINORITY_ETHNIC_CODES
from desktop.domain.dates import year_end
from desktop.domain.history import UnitData
from desktop.domain.text import plain_sort_key
from desktop.exchange.format import (
    DOWNWARD_KINDS,
    EXTENSION,
    KIND_ENTRIES,
    KIND_LABELS,
    KINDS,
    UPWARD_KINDS,
    PackageError,
    derived_uuid,
)
from desktop.exchange.importer import current_mode, future_report_problem, own_identity
from desktop.exchange.keys import TrustedKey, ensure_unit_keys, load_keyring, normalise_fingerprint
from desktop.exchange.manifest import Party
from desktop.exchange.records import TEXT_LIMIT, record_problem
from desktop.exchange.writer import build_package, write_package
from desktop.i18n import _
from desktop.store import awards_repo, movements_repo, staff_repo, unit_repo
from desktop.store.db import Store, new_uuid, now_iso
from desktop.store.engine_input import load_unit_data
from desktop.store.rules_repo import BASE_SALARY_OVERRIDE_NAME


def _refuse(message: str) -> PackageError:
    return PackageError(message, code="export")


def _person(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "uuid": row["s_uuid"],
        "name": row["full_name"],
        "gender": row["gender"] or "",
        "birth_date": row["birth_date"],
        "ethnic_code": row["ethnic_code"] or "",
        "position": row["position"] or "",
        "department": row["staff_department"] or "",
        "is_leader": bool(row["is_leader"]),
    }


def _target(row: dict[str, Any], ratings: dict[int, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    collective = None
    if row["target_kind"] == "collective":
        collective = {"uuid": row["d_uuid"], "name": row["department_name"]}
        if ratings is not None:
            collective["ratings"] = ratings.get(int(row["department_id"]), [])
    return {
        "target_kind": row["target_kind"],
        "person": _person(row) if row["target_kind"] == "individual" else None,
        "collective": collective,
        "household_name": row["household_name"] or "",
    }


# A collective travels with its own ratings of the record's year and the years before it (format 1.1).
COLLECTIVE_RATING_YEARS = 5


def _collective_ratings(store: Store, year: int) -> dict[int, list[dict[str, Any]]]:
    return awards_repo.collective_ratings_between(store, first=year - COLLECTIVE_RATING_YEARS + 1, last=year)


_TARGET_JOINS = """
LEFT JOIN staff s ON s.id = x.staff_id
LEFT JOIN departments sd ON sd.id = s.department_id
LEFT JOIN departments d ON d.id = x.department_id
"""
_TARGET_COLUMNS = """
s.uuid AS s_uuid, s.full_name, s.gender, s.birth_date, s.ethnic_code, s.position, s.is_leader,
sd.name AS staff_department, d.uuid AS d_uuid, d.name AS department_name
"""


def _reasons(text: str) -> list[dict[str, Any]]:
    try:
        raw = json.loads(text or "[]")
    except json.JSONDecodeError:
        return []
    out = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            met = item.get("met")
            out.append(
                {
                    "text": _fit(str(item.get("text", ""))),
                    "cite": _fit(str(item.get("cite", item.get("citation", "")))),
                    "met": met if isinstance(met, bool) else None,
                }
            )
    return out


def _fit(text: str) -> str:
    """A reason within the record's text limit: the member list of a large collective is cut with "…"."""
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def dossier_records(store: Store, *, year: int) -> list[dict[str, Any]]:
    rows = store.query(
        f"SELECT x.*, r.uuid AS round_uuid, r.year, {_TARGET_COLUMNS}, b.members_total, b.present, b.agree, "
        "b.disagree, b.invalid, b.passed, b.threshold "
        f"FROM nominations x JOIN review_rounds r ON r.id = x.round_id {_TARGET_JOINS} "
        "LEFT JOIN ballots b ON b.nomination_id = x.id "
        "WHERE r.year = ? AND x.status = 'sent_up' ORDER BY x.id",
        (year,),
    )
    ratings = _collective_ratings(store, year)
    records = []
    for row in rows:
        ballot = None
        if row["members_total"] is not None:
            ballot = {
                "members_total": row["members_total"],
                "present": row["present"],
                "agree": row["agree"],
                "disagree": row["disagree"],
                "invalid": row["invalid"],
                "passed": bool(row["passed"]),
                "threshold": str(row["threshold"] or ""),
            }
        records.append(
            {
                "uuid": row["uuid"],
                "round_uuid": row["round_uuid"],
                "year": row["year"],
                **_target(row, ratings),
                "code": row["code"],
                "category": row["category"],
                "achievement": row["achievement"] or "",
                "engine_verdict": row["engine_verdict"] or "",
                "engine_reasons": _reasons(row["engine_reasons"]),
                "ballot": ballot,
                "attachments": [],
                "_id": row["id"],
            }
        )
    return records


def _render_attachments(store: Store, records: list[dict[str, Any]]) -> dict[str, bytes]:
    """Each nominee's achievement report (Mẫu 05) as PDF (the PDF code is loaded only for a package that has some).

    The unit's data the reports read (the engine's input of the year) is loaded once per year of the package, not
    once per nominee: a package of a whole year's dossiers would read the unit again for every line."""
    from desktop.documents import review_docs

    attachments: dict[str, bytes] = {}
    unit_data: dict[int, UnitData] = {}
    with tempfile.TemporaryDirectory() as folder:
        for record in records:
            name = f"bao-cao-thanh-tich-{record['uuid']}.pdf"
            shared = None
            if record["target_kind"] == "individual":  # only a person's report reads it (their initiatives)
                year = int(record["year"])
                if year not in unit_data:
                    unit_data[year] = load_unit_data(store, year=year)
                shared = unit_data[year]
            report = achievement_report_doc(store, nomination_id=int(record["_id"]), unit_data=shared)
            path = review_docs.render("achievement_report", report, Path(folder) / name)
            attachments[name] = Path(path).read_bytes()
            record["attachments"] = [name]
    return attachments


def yearly_report_records(store: Store, *, year: int, unit_code: str) -> list[dict[str, Any]]:
    """Counts by title/award form and target, with women, leaders/non-leaders and ethnic minorities (0601–0605).

    Minorities are the GSO groups of :data:`MINORITY_ETHNIC_CODES`: a foreign staff member (55) is not one."""
    start, end = f"{year}-01-01", f"{year}-12-31"
    staff = store.query(
        "SELECT gender, is_leader, ethnic_code FROM staff WHERE (start_date IS NULL OR start_date <= ?) "
        "AND (end_date IS NULL OR end_date >= ?)",
        (end, start),
    )
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for award in store.query(
        f"SELECT a.code, a.category, a.target_kind, {awards_repo.AS_DECIDED_COLUMNS} FROM awards a "
        f"{awards_repo.AS_DECIDED_JOINS} WHERE a.year = ? ORDER BY a.code",
        (year,),
    ):
        key = (award["code"], award["category"], award["target_kind"])
        row = rows.setdefault(
            key,
            {
                "code": key[0],
                "category": key[1],
                "target_kind": key[2],
                "total": 0,
                "women": 0,
                "leaders": 0,
                "non_leaders": 0,
                "ethnic_minority": 0,
            },
        )
        row["total"] += 1
        if award["target_kind"] == "individual":
            row["women"] += award["gender"] == "F"
            row["leaders"] += bool(award["is_leader"])
            row["non_leaders"] += not award["is_leader"]
            row["ethnic_minority"] += award["ethnic_code"] in MINORITY_ETHNIC_CODES
    return [
        {
            "uuid": derived_uuid("yearly_report", unit_code, str(year)),
            "year": year,
            "unit_code": unit_code,
            "staff_total": len(staff),
            "women_total": sum(1 for s in staff if s["gender"] == "F"),
            "leaders_total": sum(1 for s in staff if s["is_leader"]),
            "ethnic_minority_total": sum(1 for s in staff if s["ethnic_code"] in MINORITY_ETHNIC_CODES),
            "rows": [rows[key] for key in sorted(rows)],
            "collective_ratings": _year_collective_ratings(store, year),
        }
    ]


def _year_collective_ratings(store: Store, year: int) -> list[dict[str, Any]]:
    """Each collective of ``year`` (in use, or stopped after it) with its own rating of that year ("" when not
    rated) and its members that year, named as on 31/12 of it (the name of that year's decisions and register;
    the uuid is the key across renames)."""
    members = {department: len(people) for department, people in staff_repo.year_members(store, year).items()}
    name = unit_repo.department_name_on_sql("d.id", f"'{year_end(year).isoformat()}'")  # a date: safe literal
    rows = store.query(
        f"SELECT d.id, d.uuid, {name} AS name, r.rating FROM departments d "
        "LEFT JOIN collective_ratings r ON r.department_id = d.id AND r.year = ? "
        f"WHERE {unit_repo.existed_at_year_end('d')}",
        (year, year_end(year).isoformat()),
    )
    rows.sort(key=lambda r: (plain_sort_key(r["name"]), r["id"]))
    return [
        {"uuid": r["uuid"], "name": r["name"], "rating": r["rating"] or "", "members": members.get(int(r["id"]), 0)}
        for r in rows
    ]


def _as_decided(row: dict[str, Any], target: dict[str, Any]) -> dict[str, Any]:
    """The recipient as the decision froze them (name, position, department, gender at signing, and since schema
    v10 ethnic group and leader status), not as today.

    A person renamed, promoted or moved since, or a collective renamed, keeps in the register what the decision
    says; an award not from one of this unit's decisions (from above, imported) has no snapshot and stays as is.
    """
    if row["a_id"] is None:
        return target
    if target["person"] is not None:
        target["person"] |= {
            "name": row["snapshot_name"],
            "position": row["snapshot_position"] or "",
            "department": row["snapshot_department"] or "",
            "gender": row["snapshot_gender"] or target["person"]["gender"],
        }
        if row["snapshot_ethnic_code"] is not None:
            target["person"]["ethnic_code"] = row["snapshot_ethnic_code"]
        if row["snapshot_is_leader"] is not None:
            target["person"]["is_leader"] = bool(row["snapshot_is_leader"])
    if target["collective"] is not None:
        target["collective"]["name"] = row["snapshot_name"]
    return target


def award_records(store: Store, *, year: int) -> list[dict[str, Any]]:
    rows = store.query(
        f"SELECT x.*, {_TARGET_COLUMNS}, a.id AS a_id, a.snapshot_name, a.snapshot_position, a.snapshot_department, "
        "a.snapshot_gender, a.snapshot_ethnic_code, a.snapshot_is_leader "
        f"FROM awards x {_TARGET_JOINS} LEFT JOIN decision_awardees a ON a.id = x.awardee_id "
        "WHERE x.year = ? ORDER BY x.id",
        (year,),
    )
    ratings = _collective_ratings(store, year)
    return [
        {
            "uuid": row["uuid"],
            "year": row["year"],
            **_as_decided(row, _target(row, ratings)),
            "code": row["code"],
            "category": row["category"],
            "source": row["source"],
            "decision_no": row["decision_no"] or "",
            "decision_date": (row["decision_date"] or "")[:10] or None,
            "issuer": row["issuer"] or "",
            "amount": row["amount"],
        }
        for row in rows
    ]


def _remote(store: Store, *, kind: str, unit_code: str, year: int | None) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT content FROM remote_records WHERE record_kind = ? AND unit_code = ? "
        "AND (? IS NULL OR year IS NULL OR year = ?) ORDER BY id",
        (kind, unit_code, year, year),
    )
    return [json.loads(row["content"]) for row in rows]


def movement_records(store: Store, *, year: int, sender_code: str, sender_name: str) -> list[dict[str, Any]]:
    """The province's own launched movements of ``year`` (the rows of its ``movements`` table with a launch date: a
    regular movement of that year, any other whose period touches it), under their UUIDs so a later package updates
    the units' copies; then any movement kept as a record to send (``province.add_movement``) not among them."""
    records = []
    for row in sorted(movements_repo.list_movements(store, year=year), key=lambda r: int(r["id"])):
        if row["status"] == "planned" or not row["launch_date"]:
            continue  # not launched yet: units would start work on a plan the province may still drop
        record = {
            "uuid": row["uuid"],
            "name": row["name"],
            "kind": row["kind"],
            "theme": row["theme"] or "",
            "launched_by": row["launched_by"] or sender_name,
            "launched_on": row["launch_date"],
            "period_from": row["start_date"],
            "period_to": row["end_date"],
            "description": row["notes"] or "",
        }
        if row["kind"] == "regular" and row["year"]:
            record["year"] = int(row["year"])  # launched in December for next year, it is of next year
        if problem := record_problem("movement", record):
            raise _refuse(
                _("Phong trào “{name}” (số {id}) chưa gửi được, trường “{field}”: {reason}.").format(
                    name=row["name"], id=row["id"], field=problem[0], reason=problem[1]
                )
            )
        records.append(record)
    sent = {record["uuid"] for record in records}
    kept = _remote(store, kind="movement", unit_code=sender_code, year=None)
    return records + [record for record in kept if record["uuid"] not in sent]


def override_records(store: Store) -> list[dict[str, Any]]:
    """The province's own overrides in force, in the order they layer: the whole of its law for the units. A unit
    switches off an override of this province that a package no longer holds (desktop.exchange.override_snapshot),
    so a package with none at all repeals every one sent before."""
    rows = store.query(
        "SELECT uuid, name, toml, notes FROM rule_overrides WHERE active = 1 AND source = 'local' AND name != ? "
        "ORDER BY id",
        (BASE_SALARY_OVERRIDE_NAME,),
    )
    return [{"uuid": r["uuid"], "name": r["name"], "toml": r["toml"], "note": r["notes"] or ""} for r in rows]


def _has_own_overrides(store: Store) -> bool:
    """Whether the province has made an override of its own, in force or switched off since (to repeal)."""
    return bool(
        store.scalar(
            "SELECT count(*) FROM rule_overrides WHERE source = 'local' AND name != ?", (BASE_SALARY_OVERRIDE_NAME,)
        )
    )


def _recipient(
    store: Store, encrypt_to: str | None, receiver: str | None, kind: str
) -> tuple[Party, TrustedKey | None]:
    keyring = load_keyring(store)
    if encrypt_to:
        wanted = normalise_fingerprint(encrypt_to)
        key = keyring.trusted.get(wanted)
        if key is None:
            raise _refuse(
                _(
                    "Không có khóa tin cậy nào có dấu vân tay “{fingerprint}”; "
                    "hãy nhập khóa công khai của nơi nhận trước."
                ).format(fingerprint=encrypt_to)
            )
        if receiver and receiver != key.unit_code:
            raise _refuse(
                _("Khóa {fingerprint} là của “{code}”, không phải của nơi nhận “{receiver}”.").format(
                    fingerprint=key.fingerprint, code=key.unit_code, receiver=receiver
                )
            )
        return Party(key.unit_code, key.unit_name), key
    wanted_role = "province" if kind in UPWARD_KINDS else "unit"
    candidates = [k for k in keyring.trusted.values() if k.role == wanted_role]
    if receiver:
        named = [k for k in candidates if k.unit_code == receiver]
        return Party(receiver, named[0].unit_name if named else ""), None
    if len(candidates) == 1:
        return Party(candidates[0].unit_code, candidates[0].unit_name), None
    return Party("", ""), None


@dataclass
class ExportPlan:
    """What a package of ``kind`` for ``year`` would hold and who gets it, checked, before anything is written."""

    kind: str
    year: int
    sender: Party
    receiver: Party
    recipient_key: TrustedKey | None
    records: list[dict[str, Any]]


def plan_export(
    store: Store, *, kind: str, year: int, encrypt_to: str | None = None, receiver: str | None = None
) -> ExportPlan:
    """Every check of :func:`export_package` and the records it would send; writes nothing (PackageError)."""
    if kind not in KINDS:
        raise _refuse(_("Không có loại gói “{kind}”; các loại có: {kinds}.").format(kind=kind, kinds=", ".join(KINDS)))
    mode = current_mode(store)
    allowed = DOWNWARD_KINDS if mode == "province" else UPWARD_KINDS
    if kind not in allowed:
        raise _refuse(
            _("Loại gói “{kind}” không gửi được từ máy ở chế độ {mode}.").format(
                kind=_(KIND_LABELS[kind]), mode=_("cấp tỉnh") if mode == "province" else _("đơn vị")
            )
        )
    code, name = own_identity(store)
    if not code:
        raise _refuse(_("Chưa khai báo mã đơn vị; hãy hoàn tất phần thông tin đơn vị trước khi gửi gói."))
    if kind == "province_decisions" and not receiver and not encrypt_to:
        raise _refuse(_("Gói quyết định phải ghi đơn vị nhận (mã đơn vị) hoặc khóa mã hóa của đơn vị đó."))
    party, recipient_key = _recipient(store, encrypt_to, receiver, kind)
    if kind == "nomination_dossier":
        records = dossier_records(store, year=year)
        if not records:
            raise _refuse(_("Năm {year} chưa có đề nghị nào đã lập hồ sơ gửi cấp trên.").format(year=year))
    elif kind == "yearly_report":
        if future := future_report_problem(year):
            raise _refuse(_("Không lập được gói báo cáo năm: {reason}").format(reason=future))
        records = yearly_report_records(store, year=year, unit_code=code)
    elif kind == "award_register":
        records = award_records(store, year=year)
    elif kind == "province_decisions":
        records = _remote(store, kind="province_decision", unit_code=party.code, year=year)
        if not records:
            raise _refuse(_("Chưa có quyết định nào năm {year} cho đơn vị {code}.").format(year=year, code=party.code))
    elif kind == "rule_override":
        records = override_records(store)
        if not records and not _has_own_overrides(store):
            raise _refuse(_("Chưa có bộ quy tắc riêng nào để gửi."))
    else:
        records = movement_records(store, year=year, sender_code=code, sender_name=name)
        if not records:
            raise _refuse(
                _(
                    "Năm {year} tỉnh chưa có phong trào thi đua nào để gửi xuống đơn vị (phong trào thường xuyên "
                    "của năm {year} hoặc phong trào có thời gian thuộc năm {year}); hãy tạo phong trào trước."
                ).format(year=year)
            )
    return ExportPlan(kind, year, Party(code, name), party, recipient_key, records)


def export_package(
    store: Store,
    *,
    kind: str,
    year: int,
    out: Path,
    encrypt_to: str | None = None,
    receiver: str | None = None,
    with_attachments: bool = True,
) -> Path:
    """Write package ``kind`` for ``year`` to ``out`` (".tdkt" added if missing) and record it as sent."""
    plan = plan_export(store, kind=kind, year=year, encrypt_to=encrypt_to, receiver=receiver)
    code, name = plan.sender.code, plan.sender.name
    party, recipient_key, records = plan.receiver, plan.recipient_key, plan.records
    attachments: dict[str, bytes] = {}
    if kind == "nomination_dossier":
        if with_attachments:
            attachments = _render_attachments(store, records)
        for record in records:
            record.pop("_id", None)
    out = Path(out)
    if out.suffix.lower() != EXTENSION:
        out = out.with_name(out.name + EXTENSION)
    with store.transaction(operation="package.export"):
        keys = ensure_unit_keys(store)
        data, manifest = build_package(
            kind=kind,
            sender=Party(code, name),
            receiver=party,
            records=records,
            keys=keys,
            year=year,
            attachments=attachments,
            encrypt_to=recipient_key.public if recipient_key else None,
        )
        stamp = now_iso()
        store.insert(
            "packages",
            {
                "uuid": new_uuid(),
                "direction": "sent",
                "package_uuid": manifest.package_uuid,
                "kind": kind,
                "sender_code": code,
                "sender_name": name,
                "receiver_code": party.code,
                "receiver_name": party.name,
                "package_created_at": manifest.created_at,
                "year": year,
                "file_name": out.name,
                "file_sha256": hashlib.sha256(data).hexdigest(),
                "encrypted": int(recipient_key is not None),
                "signer_fingerprint": keys.fingerprint,
                "status": "sent",
                "counts": json.dumps({KIND_ENTRIES[kind][1]: len(records)}),
                "message": "",
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        write_package(out, data)  # last: if writing fails, the history row is rolled back too
    return out
