"""Import a verified package: the DRY RUN (:func:`plan_import`) and the all-or-nothing apply (:func:`apply_import`).

The same code path serves a commune receiving from the province (decisions, rule override packs, movements) and
the province receiving from units (dossiers, yearly reports, award registers). Each record is classified:

- ``new``: never received from this sender;
- ``unchanged``: same SHA-256 of its canonical JSON as the copy already received — nothing to do;
- ``updated``: different content from a package at least as recent as the one that brought the stored copy;
- ``conflict``: different content from an OLDER package, a decision for a nomination this unit does not have,
  an award the register already holds under another entry, a movement the unit edited in a field the province
  changed too (three-way: the copy last received is the common base) or whose new dates would leave the unit's
  registrations, covenants, reviews or proposals for it outside it. Conflicts are listed with the fields side by side
  (ours vs theirs) and are NOT applied: our data stays.

A unit's award register (``award_register``) for a year is the whole of its awards in force that year, so the newest
one received is the truth: an award received before that it no longer holds (its decision replaced or cancelled) is
``withdrawn`` — listed in the dry run, kept for the audit (``remote_records.withdrawn_at``) and left out of every
province count. A register older than the newest one received withdraws nothing, and an award only it holds is a
conflict (the newer register no longer has it).

Applying is one transaction (operation ``package.import``) that re-plans under the write lock, so applying a stale
plan or the same package twice changes nothing; a package whose signing key was revoked since it was verified is
refused there too. A package already imported (same package UUID) is reported as such.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from desktop.domain.dates import format_date
from desktop.exchange import override_snapshot as snapshot
from desktop.exchange.format import (
    DOWNWARD_KINDS,
    KIND_LABELS,
    MODE_SETTING,
    MODES,
    UPWARD_KINDS,
    PackageError,
    derived_uuid,
)
from desktop.exchange.import_plan import (
    Action,
    Conflict,
    FieldDiff,
    ImportPlan,
    ImportResult,
    KindCounts,
    parse_time,
)
from desktop.exchange.keys import load_keyring
from desktop.exchange.movement_work import (
    MOVEMENT_DATE_FIELDS,
    movement_period_text,
    movement_problem,
    movement_work_moved_out,
)
from desktop.exchange.province_duplicates import brought_duplicates, duplicates_warning
from desktop.exchange.reader import VerifiedPackage, read_package
from desktop.exchange.received_attachments import keep_attachments
from desktop.exchange.received_before import received_before, refuse_untrusted_now
from desktop.exchange.record_checks import (
    decided_changed,
    decided_twice,
    not_the_provinces_problem,
    number_reused,
    number_signed_twice,
    remote_record_problem,
    report_problem,
    signed_twice_problem,
)
from desktop.exchange.records import received_text
from desktop.i18n import _
from desktop.store import awards_repo, review_repo
from desktop.store.db import Store, new_uuid, now_iso
from desktop.store.department_kinds import collective_kind_problem
from desktop.store.faults import pause_point
from desktop.store.rules_repo import effective_pack, forget_pack

STATUSES = ("new", "updated", "unchanged", "conflict")
# Fields compared side by side, per record kind (flattened with dots for nested objects).
_AWARD_FIELDS = ("code", "year", "decision_no", "decision_date", "issuer")
# A province decides on a year's nominations within this many years after it (docs/package-format.md, section 8).
_DECISION_YEARS_AFTER = 2
# The columns of a movement a province package sets; everything else on the row is the unit's own work.
_MOVEMENT_FIELDS = ("name", "kind", "theme", "launched_by", "launch_date", "start_date", "end_date", "year", "notes")


def current_mode(store: Store) -> str:
    """'unit' (a commune or agency) or 'province' (receives many units' packages)."""
    value = store.scalar("SELECT value FROM settings WHERE key = ?", (MODE_SETTING,))
    return str(value) if value in MODES else "unit"


def own_identity(store: Store) -> tuple[str, str]:
    """This installation's (code, name) as written in packages: the unit's code, else its commune or province code."""
    unit = store.query_one("SELECT * FROM unit ORDER BY id LIMIT 1") or {}
    mode = current_mode(store)
    code = str(unit.get("code") or "") or str(
        (unit.get("province_code") if mode == "province" else unit.get("commune_code")) or ""
    )
    return code, str(unit.get("name") or "")


# -- planning ----------------------------------------------------------------------------------------------------


def verify(store: Store, path: Path) -> VerifiedPackage:
    """Every check of :mod:`desktop.exchange.reader`, with this database's trusted keys and own keys; at a unit, a
    province's rule overrides must also layer with the overrides in force here, as the dry run checks them."""
    package = _read(store, path)
    if package.record_kind == "rule_override" and current_mode(store) == "unit":
        _plan(store, package)  # refuses (PackageError "rule_pack") what the dry run and the import would refuse
    return package


def _read(store: Store, path: Path) -> VerifiedPackage:
    return read_package(Path(path), load_keyring(store), own_code=own_identity(store)[0])


def plan_import(store: Store, package: VerifiedPackage | Path | str) -> ImportPlan:
    """The DRY RUN: what applying would do, per record kind; writes nothing."""
    if not isinstance(package, VerifiedPackage):
        package = _read(store, Path(package))
    return _plan(store, package)


def _plan(store: Store, package: VerifiedPackage) -> ImportPlan:
    manifest = package.manifest
    mode = current_mode(store)
    accepted = UPWARD_KINDS if mode == "province" else DOWNWARD_KINDS
    if manifest.kind not in accepted:
        where = _("cấp tỉnh") if mode == "province" else _("đơn vị")
        raise PackageError(
            _("Gói {file} là “{kind}”; máy này đang ở chế độ {mode} nên không nhận loại gói này.").format(
                file=package.file_name, kind=_(KIND_LABELS[manifest.kind]), mode=where
            ),
            code="wrong_direction",
            file=package.file_name,
        )
    plan = ImportPlan(package=package, mode=mode, counts={package.record_kind: KindCounts()})
    previous = received_before(store, package)
    if previous:
        plan.already_imported = True
        plan.imported_at = previous["created_at"]
        plan.counts[package.record_kind].unchanged = len(package.records)
        return plan
    created = manifest.created
    # the same sender's packages of this kind FOR THIS YEAR (a rule override package holds every year's overrides)
    same_year = "" if manifest.kind == "rule_override" else " AND year IS ?"
    newer = [
        row["package_created_at"]
        for row in store.query(
            "SELECT package_created_at FROM packages WHERE direction = 'received' AND sender_code = ? AND kind = ?"
            + same_year,
            (manifest.sender.code, manifest.kind, *([] if not same_year else [manifest.year])),
        )
        if (when := parse_time(row["package_created_at"])) is not None and when > created
    ]
    if newer:
        plan.newer_already_imported = max(newer, key=lambda text: parse_time(text) or created)
    if package.record_kind == "province_decision":
        _plan_decisions(store, plan)
    elif package.record_kind == "rule_override":
        _plan_overrides(store, plan)
    elif package.record_kind == "movement" and mode == "unit":
        _plan_movements(store, plan)
    else:
        _plan_remote(store, plan)
    for action in plan.actions:
        counts = plan.counts[package.record_kind]
        if action.status == "new":
            counts.new += 1
        elif action.status == "updated":
            counts.updated += 1
        elif action.status == "unchanged":
            counts.unchanged += 1
        else:
            counts.conflicts += 1
    return plan


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            out.update(_flatten(inner, f"{prefix}{key}."))
        return out
    if isinstance(value, list):
        return {prefix[:-1]: json.dumps(value, ensure_ascii=False, sort_keys=True)}
    return {prefix[:-1]: value}


def _diff(ours: dict[str, Any], theirs: dict[str, Any]) -> list[FieldDiff]:
    left, right = _flatten(ours), _flatten(theirs)
    return [
        FieldDiff(k, left.get(k), right.get(k)) for k in sorted(set(left) | set(right)) if left.get(k) != right.get(k)
    ]


def _label(record: dict[str, Any]) -> str:
    for key in ("name",):
        if record.get(key):
            return str(record[key])
    person = record.get("person") or record.get("collective")
    if isinstance(person, dict) and person.get("name"):
        return f"{person['name']} — {record.get('code', '')}"
    if record.get("household_name"):
        return f"{record['household_name']} — {record.get('code', '')}"
    if record.get("decision_no") or record.get("code"):
        return f"{record.get('code', '')} {record.get('decision_no', '')}".strip()
    return str(record.get("uuid", ""))


def _is_newer_or_same(package: VerifiedPackage, stored_created_at: str) -> bool:
    stored = parse_time(stored_created_at)
    return stored is None or package.manifest.created >= stored


def _conflict(plan: ImportPlan, index: int, reason: str, fields: list[FieldDiff], existing: Any = None) -> None:
    record = plan.package.records[index]
    plan.conflicts.append(Conflict(plan.package.record_kind, record["uuid"], _label(record), reason, fields))
    plan.actions.append(Action("conflict", index, existing))


def _older_reason(stored_created_at: str) -> str:
    return _("gói cũ hơn bản đã nhập (gói tạo lúc {at}); giữ bản đã nhập.").format(at=stored_created_at)


def _by_record_uuid(store: Store, sql: str, package: VerifiedPackage) -> dict[str, dict[str, Any]]:
    """Rows of ``sql`` (parameters: the sender's code, the record kind) by record UUID."""
    rows = store.query(sql, (package.manifest.sender.code, package.record_kind))
    return {row["record_uuid"]: row for row in rows}


def _received(store: Store, package: VerifiedPackage) -> dict[str, dict[str, Any]]:
    """The copies of this sender's records of this kind already received, by record UUID; a withdrawn award with
    when it was withdrawn and the creation time of the register that withdrew it."""
    return _by_record_uuid(
        store,
        "SELECT r.id, r.record_uuid, r.content, r.content_sha256, r.package_created_at, r.withdrawn_at, "
        "w.package_created_at AS withdrawn_by_created_at FROM remote_records r "
        "LEFT JOIN packages w ON w.id = r.withdrawn_package_id WHERE r.unit_code = ? AND r.record_kind = ?",
        package,
    )


def _newest_register(store: Store, package: VerifiedPackage) -> str | None:
    """The creation time of the newest award register already received from this sender for this year, or None."""
    manifest = package.manifest
    times = [
        row["package_created_at"]
        for row in store.query(
            "SELECT package_created_at FROM packages WHERE direction = 'received' AND kind = 'award_register' "
            "AND sender_code = ? AND year IS ?",
            (manifest.sender.code, manifest.year),
        )
        if parse_time(row["package_created_at"]) is not None
    ]
    return max(times, key=lambda text: parse_time(text) or manifest.created) if times else None


def _plan_remote(store: Store, plan: ImportPlan) -> None:
    """Province mode: records kept as JSON in remote_records, keyed by sender.

    An award register is a snapshot of the unit's awards in force for its year (module docstring): the newest one
    withdraws what it no longer holds and brings back a withdrawn award it holds again; an older one adds nothing
    the newer one dropped."""
    package = plan.package
    existing = _received(store, package)
    register = package.manifest.kind == "award_register" and plan.mode == "province"
    newest = _newest_register(store, package) if register else None
    current = newest is None or _is_newer_or_same(package, newest)
    pack = effective_pack(store) if package.record_kind in ("nomination", "award", "yearly_report") else None
    titles_seen: dict[tuple[Any, ...], int] = {}
    for index, record in enumerate(package.records):
        row = existing.get(record["uuid"])
        if package.record_kind == "yearly_report":
            if wrong := future_report_problem(record["year"]) or report_problem(pack, record):
                _conflict(plan, index, wrong, [], row)
                continue
        elif pack is not None and (wrong := remote_record_problem(store, pack, package, index, record, titles_seen)):
            _conflict(plan, index, wrong, [], row)
            continue
        if row is None and register and not current:
            reason = _(
                "gói cũ hơn sổ theo dõi đã nhập (gói tạo lúc {at}); sổ đó không còn khen thưởng này (quyết định đã "
                "được thay thế hoặc bị hủy) nên không nhập."
            ).format(at=newest)
            _conflict(plan, index, reason, [])
        elif row is None:
            plan.actions.append(Action("new", index))
        elif row["withdrawn_at"] and _is_newer_or_same(package, row["withdrawn_by_created_at"] or ""):
            changes = _diff(json.loads(row["content"]), record)
            changes.append(FieldDiff(_("bị rút/thu hồi"), format_date(str(row["withdrawn_at"])[:10]), ""))
            plan.actions.append(Action("updated", index, row, changes=changes))
        elif row["withdrawn_at"] and row["content_sha256"] != package.hashes[index]:
            reason = _(
                "sổ theo dõi mới hơn đã nhập (gói tạo lúc {at}) đã rút khen thưởng này; gói này cũ hơn nên giữ "
                "nguyên là đã rút."
            ).format(at=row["withdrawn_by_created_at"])
            _conflict(plan, index, reason, _diff(json.loads(row["content"]), record), row)
        elif row["content_sha256"] == package.hashes[index]:
            plan.actions.append(Action("unchanged", index, row))
        else:
            changes = _diff(json.loads(row["content"]), record)
            decided = decided_changed(store, package, json.loads(row["content"]), record)
            if decided:
                _conflict(plan, index, decided, changes, row)
            elif _is_newer_or_same(package, row["package_created_at"]):
                plan.actions.append(Action("updated", index, row, changes=changes))
            else:
                _conflict(plan, index, _older_reason(row["package_created_at"]), changes, row)
    if register and current and package.manifest.year is not None:
        held = {record["uuid"] for record in package.records}
        for row in store.query(
            "SELECT id, record_uuid, content FROM remote_records WHERE unit_code = ? AND record_kind = ? "
            "AND year = ? AND withdrawn_at IS NULL ORDER BY id",
            (package.manifest.sender.code, package.record_kind, package.manifest.year),
        ):
            if row["record_uuid"] not in held:
                label = _label(json.loads(row["content"]))
                plan.withdrawn.append({"id": row["id"], "record_uuid": row["record_uuid"], "label": label})


def future_report_problem(year: int, today: date | None = None) -> str:
    """Why a yearly report of ``year`` cannot be sent or received yet (the exporter checks it too), or "".

    A year's figures exist only once the year has begun: a report for a year after the current one is a typo
    (2031 for 2021) or made up, and would sit in the province's summary as a unit's real figures.
    """
    current = (today or date.today()).year
    if year > current:
        return _(
            "báo cáo năm {year} là năm sau năm hiện tại ({current}); chỉ gửi, nhận báo cáo đến năm {current}."
        ).format(year=year, current=current)
    return ""


def _movement_values(package: VerifiedPackage, record: dict[str, Any]) -> dict[str, Any]:
    """The movements row a record describes; the launching body is the province that sent (and signed) it.

    A regular movement's year is the one the record gives (since 1.1); a record without it (an older program) is
    read as of its start (or launch) date's year, else the package's."""
    start, launched = record.get("period_from"), record.get("launched_on")
    first = start or launched
    year = None
    if record["kind"] == "regular" and isinstance(record.get("year"), int):
        year = record["year"]
    elif record["kind"] == "regular":
        year = int(str(first)[:4]) if first else package.manifest.year
    return {
        "name": received_text(record["name"]),
        "kind": record["kind"],
        "theme": received_text(record["theme"]),
        "launched_by": received_text(package.sender_name or record["launched_by"]),
        "launch_date": launched,
        "start_date": start,
        "end_date": record.get("period_to"),
        "year": year,
        "notes": received_text(record["description"]),
    }


def _plan_movements(store: Store, plan: ImportPlan) -> None:
    """Movements from the province at a unit: real ``movements`` rows with the record's UUID.

    The copy last received stays in remote_records as the common base: a field the province changed is applied
    unless the unit changed that same field to something else, which is a conflict (fields side by side). A movement
    the unit has closed is not changed either, neither is one whose dates the change would make impossible (end
    before start, a year outside 1900–2100), nor one whose new dates would leave outside it a registration, a
    covenant, a sơ kết or tổng kết or a review round the unit recorded for it (:func:`movement_work_moved_out`, the
    same list that refuses the unit's own edit): all conflicts too.
    """
    package = plan.package
    received = _received(store, package)
    for index, record in enumerate(package.records):
        theirs = _movement_values(package, record)
        base = received.get(record["uuid"])
        row = store.query_one("SELECT * FROM movements WHERE uuid = ?", (record["uuid"],))
        if row is None:  # never received, or received before movements had tables
            if problem := movement_problem(theirs):
                reason, keys = problem
                _conflict(plan, index, reason, [FieldDiff(key, None, theirs[key]) for key in keys], base)
                continue
            plan.actions.append(Action("new", index, base, {"movement": None, "values": theirs}))
            continue
        ours = {key: row[key] for key in _MOVEMENT_FIELDS}
        if base is None:
            changes = _diff(ours, theirs)
            if changes:
                _conflict(
                    plan,
                    index,
                    _(
                        "đơn vị đã có phong trào cùng mã {uuid} nhưng không do tỉnh gửi; giữ phong trào của đơn vị."
                    ).format(uuid=record["uuid"]),
                    changes,
                )
            else:
                plan.actions.append(Action("unchanged", index, None, {"movement": row}))
            continue
        if base["content_sha256"] == package.hashes[index]:
            plan.actions.append(Action("unchanged", index, base, {"movement": row}))
            continue
        if not _is_newer_or_same(package, base["package_created_at"]):
            _conflict(plan, index, _older_reason(base["package_created_at"]), _diff(ours, theirs), base)
            continue
        before = _movement_values(package, json.loads(base["content"]))
        changed = [key for key in _MOVEMENT_FIELDS if theirs[key] != before[key]]
        clashes = [key for key in changed if ours[key] not in (before[key], theirs[key])]
        if clashes:
            _conflict(
                plan,
                index,
                _("đơn vị đã sửa phong trào này ở những trường tỉnh cũng thay đổi; giữ dữ liệu của đơn vị."),
                [FieldDiff(key, ours[key], theirs[key]) for key in clashes],
                base,
            )
            continue
        changes = [FieldDiff(key, ours[key], theirs[key]) for key in changed if ours[key] != theirs[key]]
        if changes and row["status"] == "closed":
            _conflict(
                plan,
                index,
                _("đơn vị đã kết thúc phong trào này; không áp dụng thay đổi của tỉnh, giữ dữ liệu của đơn vị."),
                changes,
                base,
            )
            continue
        merged = ours | {key: theirs[key] for key in changed}
        if problem := movement_problem(merged):
            reason, keys = problem
            _conflict(plan, index, reason, [FieldDiff(key, ours[key], theirs[key]) for key in keys], base)
            continue
        if moved_out := movement_work_moved_out(store, row, merged):
            _conflict(
                plan,
                index,
                _(
                    "thay đổi của tỉnh đưa thời gian phong trào thành {period}; khi đó những việc đơn vị đã ghi sau "
                    "đây nằm ngoài thời gian phong trào: {items}. Không áp dụng, giữ dữ liệu của đơn vị; cần thống "
                    "nhất lại ngày với tỉnh."
                ).format(period=movement_period_text(merged), items="; ".join(moved_out)),
                [FieldDiff(key, ours[key], theirs[key]) for key in MOVEMENT_DATE_FIELDS if key in changed],
                base,
            )
            continue
        values = {key: theirs[key] for key in changed if ours[key] != theirs[key] or row["status"] != "closed"}
        target = {"movement": row, "values": values}
        plan.actions.append(Action("updated", index, base, target, changes))


def _exchange_rows(store: Store, plan: ImportPlan) -> dict[str, dict[str, Any]]:
    return _by_record_uuid(
        store,
        "SELECT id, record_uuid, content_sha256, package_created_at FROM exchange_records "
        "WHERE sender_code = ? AND record_kind = ?",
        plan.package,
    )


def _award_view(row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None:
        return {"awarded": False}
    return {"awarded": True} | {key: row[key] for key in _AWARD_FIELDS}


def _decision_view(record: dict[str, Any]) -> dict[str, Any]:
    if not record["awarded"]:
        return {"awarded": False}
    text = {"decision_no": received_text(record["decision_no"]), "issuer": received_text(record["issuer"])}
    return {"awarded": True} | {key: record[key] for key in _AWARD_FIELDS} | text


def _plan_decisions(store: Store, plan: ImportPlan) -> None:
    """Province decisions on this unit's nominations: matched by nomination UUID, entered as awards from above."""
    package = plan.package
    pack = effective_pack(store)
    seen = _exchange_rows(store, plan)
    own_code = own_identity(store)[0]
    deciding: dict[str, list[int]] = {}  # nomination UUID -> the records of this package deciding it (1-based)
    for index, record in enumerate(package.records):
        deciding.setdefault(str(record["nomination_uuid"]), []).append(index + 1)
    twice = number_signed_twice(package.records)
    for index, record in enumerate(package.records):
        nomination = store.query_one(
            "SELECT n.id, n.round_id, n.target_kind, n.staff_id, n.department_id, n.household_name, n.code, "
            "n.status, r.year FROM nominations n JOIN review_rounds r ON r.id = n.round_id WHERE n.uuid = ?",
            (record["nomination_uuid"],),
        )
        award_uuid = derived_uuid("award", record["uuid"])
        award = store.query_one("SELECT * FROM awards WHERE uuid = ?", (award_uuid,))
        theirs = _decision_view(record)
        changes = _diff(_award_view(award), theirs)
        if nomination is None:
            _conflict(
                plan,
                index,
                _("không tìm thấy đề nghị có mã {uuid} trong cơ sở dữ liệu này.").format(
                    uuid=record["nomination_uuid"]
                ),
                changes,
            )
            continue
        previous = seen.get(record["uuid"])
        refusal = (
            _decision_mismatch(nomination, record, updating=previous is not None)
            or _decision_implausible(record, own_code)
            or _decided_before_the_vote(store, nomination, record)
            or decided_twice(record, deciding[str(record["nomination_uuid"])])
            or signed_twice_problem(record, twice)
        )
        if refusal:
            _conflict(plan, index, refusal, changes)
            continue
        if record["awarded"] and not pack.has(record["code"]):
            _conflict(
                plan,
                index,
                _("mã “{code}” không có trong danh mục danh hiệu, hình thức khen thưởng.").format(code=record["code"]),
                changes,
            )
            continue
        signed = date.fromisoformat(record["decision_date"]) if record["awarded"] else None
        overstep = not_the_provinces_problem(pack, record["code"], signed) if signed else ""
        if overstep:  # a trusted key does not widen what the province may confer
            _conflict(plan, index, overstep, changes)
            continue
        if signed and nomination["target_kind"] == "collective":  # Thôn văn hóa to an office an older version sent
            wrong_kind = collective_kind_problem(store, record["code"], nomination["department_id"], signed, pack=pack)
            if wrong_kind:
                _conflict(plan, index, wrong_kind, changes)
                continue
        target = {"nomination": nomination, "award": award, "award_uuid": award_uuid}
        if previous is not None and previous["content_sha256"] == package.hashes[index]:
            plan.actions.append(Action("unchanged", index, previous, target))
            continue
        if previous is not None and not _is_newer_or_same(package, previous["package_created_at"]):
            _conflict(plan, index, _older_reason(previous["package_created_at"]), changes, previous)
            continue
        if record["awarded"] and award is None:
            clash = _register_clash(store, nomination, record)
            if clash is not None:
                _conflict(
                    plan,
                    index,
                    _("sổ khen thưởng đã có {code} năm {year} cho đối tượng này (số quyết định {number}).").format(
                        code=clash["code"], year=clash["year"], number=clash["decision_no"] or "—"
                    ),
                    _diff(_award_view(clash), theirs),
                    clash,
                )
                continue
        reused = number_reused(store, record, award_uuid, package.manifest.sender.code) if record["awarded"] else ""
        if reused:
            _conflict(plan, index, reused, changes)
            continue
        status = "new" if previous is None else "updated"
        plan.actions.append(Action(status, index, previous, target, changes if status == "updated" else []))


def _decision_mismatch(nomination: dict[str, Any], record: dict[str, Any], *, updating: bool) -> str:
    """Why a province decision may not touch this nomination, or "".

    A province decides only what the unit sent up to it: the nomination must be ``sent_up`` (waiting for the
    decision; one the province already decided may be updated by a newer package), with the same code and year.
    A trusted province overstepping — deciding a nomination the commune decided itself, another title, another
    year — is a conflict shown in the dry run and never applied.
    """
    allowed = ("sent_up", "decided", "failed") if updating else ("sent_up",)
    if nomination["status"] not in allowed:
        return _(
            "đề nghị này không được đơn vị gửi lên cấp trên chờ quyết định (trạng thái hiện tại: “{status}”); "
            "cấp tỉnh không quyết định thay đơn vị."
        ).format(status=nomination["status"])
    if record["code"] != nomination["code"]:
        return _("đơn vị đề nghị “{sent}”, quyết định của tỉnh lại ghi “{code}”.").format(
            sent=nomination["code"], code=record["code"]
        )
    if record["year"] != nomination["year"]:
        return _("đơn vị đề nghị cho năm {sent}, quyết định của tỉnh lại ghi năm {year}.").format(
            sent=nomination["year"], year=record["year"]
        )
    return ""


def _decision_implausible(record: dict[str, Any], own_code: str) -> str:
    """Why a province decision cannot be this unit's, whatever nomination it names, or "".

    A decision names the unit it is for; and it is signed after the year it rewards, within two years of it, and
    not in the future (a day of grace for clocks and time zones). A decision dated 1901 or 2099 is a typo or a
    forgery, and would sit in the register for ever as an award from above.
    """
    if record["unit_code"] != own_code:
        return _("quyết định này ghi cho đơn vị mã “{code}”, không phải đơn vị này (mã {own}).").format(
            code=record["unit_code"], own=own_code
        )
    if record["awarded"] and not received_text(record.get("decision_no") or ""):
        return _("quyết định khen thưởng không ghi số quyết định: sổ khen thưởng chỉ ghi khen thưởng có văn bản.")
    if record["awarded"] and not record.get("decision_date"):
        return _("quyết định khen thưởng không ghi ngày ký: sổ khen thưởng chỉ ghi khen thưởng có văn bản.")
    if not record.get("decision_date"):
        return ""
    return decision_date_problem(int(record["year"]), date.fromisoformat(record["decision_date"]))


def _decided_before_the_vote(store: Store, nomination: dict[str, Any], record: dict[str, Any]) -> str:
    """Why the province cannot have signed this decision on its date, or "": the unit's council voted to propose
    the nomination on its meeting day, so a decision on it dated earlier answers something not yet asked (a typed
    slip, or a decision meant for another nomination). Nominations sent up without a ballot have no such day."""
    signed = record.get("decision_date")
    if not signed:
        return ""
    voted_on = review_repo.council_meeting(store, int(nomination["round_id"]), [int(nomination["id"])])
    if voted_on is None or date.fromisoformat(str(signed)) >= voted_on:
        return ""
    return _(
        "quyết định của tỉnh ghi ngày {signed}, trước ngày Hội đồng thi đua, khen thưởng của đơn vị họp bỏ phiếu đề "
        "nghị ({voted}): tỉnh không quyết định một đề nghị chưa được gửi lên; hãy hỏi lại tỉnh ngày ký đúng."
    ).format(signed=format_date(str(signed)), voted=format_date(voted_on))


def decision_date_problem(year: int, signed: date) -> str:
    """Why ``signed`` cannot be the date of a decision rewarding ``year`` (the province checks it too), or ""."""
    latest = min(date(year + _DECISION_YEARS_AFTER, 12, 31), date.today() + timedelta(days=1))
    if signed < date(year, 1, 1) or signed > latest:
        return _(
            "ngày quyết định {date} không hợp lý cho khen thưởng năm {year}: phải từ 01/01/{year} đến {latest} "
            "(không trước năm được khen, không quá {n} năm sau, không sau ngày hôm nay)."
        ).format(
            date=signed.strftime("%d/%m/%Y"), year=year, latest=latest.strftime("%d/%m/%Y"), n=_DECISION_YEARS_AFTER
        )
    return ""


def _register_clash(store: Store, nomination: dict[str, Any], record: dict[str, Any]) -> dict[str, Any] | None:
    return awards_repo.held_award(store, nomination, int(record["year"]), str(record["code"]))


def _plan_overrides(store: Store, plan: ImportPlan) -> None:
    """A province's rule override package: the SNAPSHOT of its overrides in force (:mod:`override_snapshot`).

    A current package brings new and changed overrides, switches back on one it had repealed and holds again, and
    repeals (lists in ``plan.repealed``) the sender's overrides in force here it no longer holds; an older package
    only finds its records unchanged or in conflict. A record carrying the UUID of this unit's own override, or of
    another province's, is a conflict. The overrides in force afterwards must layer cleanly, or nothing is written.
    """
    package = plan.package
    seen = _exchange_rows(store, plan)
    owned = snapshot.sender_overrides(store, package.manifest.sender.code)
    newest = snapshot.newest_snapshot(store, package.manifest.sender.code)
    current = newest is None or _is_newer_or_same(package, newest)
    for index, record in enumerate(package.records):
        row = store.query_one("SELECT id, name, toml, active FROM rule_overrides WHERE uuid = ?", (record["uuid"],))
        ours = {"name": row["name"], "toml": row["toml"]} if row else {}
        changes = _diff(ours, {"name": record["name"], "toml": record["toml"]})
        previous = seen.get(record["uuid"])
        target: dict[str, Any] = {"override": row}
        if row is not None and record["uuid"] not in owned:
            reason = _("mã {uuid} là của một quy định riêng của đơn vị hoặc do nơi khác gửi; giữ nguyên quy định đó.")
            _conflict(plan, index, reason.format(uuid=record["uuid"]), changes)
        elif previous is not None and previous["content_sha256"] == package.hashes[index]:
            plan.actions.append(Action("unchanged", index, previous, target))
        elif not current:
            if previous is not None and previous["content_sha256"] == snapshot.REPEALED:
                reason = _("gói mới hơn (tạo lúc {at}) đã bãi bỏ quy định này; gói này cũ hơn nên không áp dụng lại.")
            else:
                reason = _("gói cũ hơn bộ quy tắc đã nhập từ nơi gửi (gói tạo lúc {at}); giữ bản đã nhập.")
            _conflict(plan, index, reason.format(at=newest), changes, previous)
        elif previous is not None and previous["content_sha256"] == snapshot.REPEALED:
            target["activate"] = True
            changes.append(FieldDiff(_("đang áp dụng"), _("không (đã bãi bỏ)"), _("có")))
            plan.actions.append(Action("updated", index, previous, target, changes))
        else:
            status = "new" if row is None else "updated"
            plan.actions.append(Action(status, index, previous, target, changes if status == "updated" else []))
    if current:
        plan.repealed = snapshot.repeals(store, plan, owned)
    snapshot.check_stack(store, plan)


# -- applying ----------------------------------------------------------------------------------------------------


def _result(plan: ImportPlan, status: str, package_id: int | None, message: str) -> ImportResult:
    manifest = plan.package.manifest
    return ImportResult(
        file_name=plan.package.file_name,
        package_uuid=manifest.package_uuid,
        kind=manifest.kind,
        sender_code=manifest.sender.code,
        sender_name=plan.package.sender_name,
        status=status,
        package_id=package_id,
        counts={kind: counts.as_dict() for kind, counts in plan.counts.items()},
        message=message,
    )


def apply_import(store: Store, plan: ImportPlan) -> ImportResult:
    """Apply in ONE transaction (all or nothing); re-plans under the write lock so a stale plan is harmless."""
    if plan.already_imported:
        return _result(plan, "duplicate", None, plan.messages()[0])
    with store.transaction(operation="package.import"):
        refuse_untrusted_now(store, plan.package)
        fresh = _plan(store, plan.package)
        if fresh.already_imported:
            return _result(fresh, "duplicate", None, fresh.messages()[0])
        package_id = _insert_package(store, fresh)
        pause_point("exchange.import")  # test hook: the package row is written, its records not yet
        kind = fresh.package.record_kind
        if kind == "province_decision":
            _apply_decisions(store, fresh, package_id)
        elif kind == "rule_override":
            _apply_overrides(store, fresh, package_id)
        elif kind == "movement" and fresh.mode == "unit":
            _apply_movements(store, fresh, package_id)
        else:
            _apply_remote(store, fresh, package_id)
        _confirm_unchanged(store, fresh)
        if fresh.mode == "province":
            _touch_remote_unit(store, fresh)
    counts = fresh.counts[kind]
    message = _(
        "Đã nhập gói {file}: {new} mới, {updated} cập nhật, {unchanged} không đổi, {conflicts} xung đột."
    ).format(file=fresh.package.file_name, **counts.as_dict())
    if fresh.withdrawn:
        message += " " + _("{n} khen thưởng bị rút/thu hồi (không còn trong sổ theo dõi của đơn vị).").format(
            n=len(fresh.withdrawn)
        )
    if fresh.repealed:
        message += " " + _("{n} quy định riêng của nơi gửi đã ngừng áp dụng (không còn trong gói): {names}.").format(
            n=len(fresh.repealed), names="; ".join(r["label"] for r in fresh.repealed)
        )
    if fresh.mode == "province":
        # received all the same, whichever way the package came in (one file, several, a folder)
        warning = duplicates_warning(brought_duplicates(store, package_id, fresh.package.manifest.sender.code))
        if warning:
            message += " " + warning
    result = _result(fresh, "applied", package_id, message)
    result.withdrawn = len(fresh.withdrawn)
    return result


def _confirm_unchanged(store: Store, plan: ImportPlan) -> None:
    """A newer package sending a record again unchanged confirms the copy kept: it takes that package's time.

    Each record is judged against the time of the copy kept (``_older_reason``). Left at the first package's time,
    a package made between the two and arriving last (P1, P3 taking back P2's change, then P2) was judged newer and
    applied: a movement's mistaken name came back at the unit, a corrected-away dossier or report at the province."""
    table = (
        "exchange_records" if plan.package.record_kind in ("province_decision", "rule_override") else "remote_records"
    )
    created = plan.package.manifest.created_at
    stamp = now_iso()
    for action in plan.actions:
        kept = action.existing
        if action.status != "unchanged" or not kept or "package_created_at" not in kept:
            continue
        if not _is_newer_or_same(plan.package, kept["package_created_at"]) or kept["package_created_at"] == created:
            continue
        store.execute(
            f"UPDATE {table} SET package_created_at = ?, updated_at = ? WHERE id = ?", (created, stamp, kept["id"])
        )


def _insert_package(store: Store, plan: ImportPlan) -> int:
    package = plan.package
    manifest = package.manifest
    stamp = now_iso()
    return store.insert(
        "packages",
        {
            "uuid": new_uuid(),
            "direction": "received",
            "package_uuid": manifest.package_uuid,
            "kind": manifest.kind,
            "sender_code": manifest.sender.code,
            "sender_name": package.sender_name,
            "receiver_code": manifest.receiver.code,
            "receiver_name": manifest.receiver.name,
            "package_created_at": manifest.created_at,
            "year": manifest.year,
            "file_name": package.file_name,
            "file_sha256": package.file_sha256,
            "encrypted": int(package.encrypted),
            "signer_fingerprint": package.signer.fingerprint,
            "status": "applied",
            "counts": json.dumps(
                {kind: counts.as_dict() for kind, counts in plan.counts.items()}, ensure_ascii=False, sort_keys=True
            ),
            "message": " ".join(plan.messages()),
            "created_at": stamp,
            "updated_at": stamp,
        },
    )


def _apply_remote(store: Store, plan: ImportPlan, package_id: int) -> None:
    package = plan.package
    sender = package.manifest.sender.code
    keep_attachments(store, plan, package_id)
    created = package.manifest.created_at
    stamp = now_iso()
    inserts = []
    updates = []
    for action in plan.actions:
        record = package.records[action.index]
        year = record.get("year") if isinstance(record.get("year"), int) else None
        # the columns both statements set, in their order: year, content, its hash, the package, when made/stored
        content = (year, package.canonical[action.index], package.hashes[action.index], package_id, created, stamp)
        if action.status == "new" and action.existing is None:
            inserts.append((new_uuid(), sender, package.record_kind, record["uuid"], *content, stamp))
        elif action.status in ("new", "updated") and action.existing is not None:
            updates.append((*content, action.existing["id"]))
    store.conn.executemany(
        "INSERT INTO remote_records (uuid, unit_code, record_kind, record_uuid, year, content, content_sha256, "
        "package_id, package_created_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        inserts,
    )
    store.conn.executemany(
        "UPDATE remote_records SET year = ?, content = ?, content_sha256 = ?, package_id = ?, "
        "package_created_at = ?, updated_at = ?, withdrawn_at = NULL, withdrawn_package_id = NULL WHERE id = ?",
        updates,
    )
    # an award register's awards the unit no longer holds: kept for the audit, marked withdrawn
    store.conn.executemany(
        "UPDATE remote_records SET withdrawn_at = ?, withdrawn_package_id = ?, updated_at = ? WHERE id = ?",
        [(stamp, package_id, stamp, row["id"]) for row in plan.withdrawn],
    )


def _apply_movements(store: Store, plan: ImportPlan, package_id: int) -> None:
    """Write only the province's fields (the unit's own work on a movement stays), then keep each copy received
    as the common base of the next package."""
    for action in plan.actions:
        if action.status not in ("new", "updated"):
            continue
        record_uuid = plan.package.records[action.index]["uuid"]
        values = dict(action.target["values"])
        row = store.query_one("SELECT id, status FROM movements WHERE uuid = ?", (record_uuid,))
        if row is None:
            status = "launched" if values.get("launch_date") else "planned"
            store.add("movements", values | {"uuid": record_uuid, "source": "province", "status": status})
        elif values:
            if values.get("launch_date") and row["status"] == "planned":
                values["status"] = "launched"
            store.touch("movements", int(row["id"]), values)
    _apply_remote(store, plan, package_id)


def _touch_remote_unit(store: Store, plan: ImportPlan) -> None:
    sender = plan.package.manifest.sender
    sender_name = plan.package.sender_name
    created = plan.package.manifest.created_at
    stamp = now_iso()
    row = store.query_one("SELECT id, last_package_at, packages_count FROM remote_units WHERE code = ?", (sender.code,))
    if row is None:
        store.insert(
            "remote_units",
            {
                "uuid": new_uuid(),
                "code": sender.code,
                "name": sender_name,
                "last_package_at": created,
                "packages_count": 1,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        return
    last = row["last_package_at"]
    newer = last is None or _is_newer_or_same(plan.package, last)
    store.update(
        "remote_units",
        int(row["id"]),
        {
            "name": sender_name if newer else store.scalar("SELECT name FROM remote_units WHERE id = ?", (row["id"],)),
            "last_package_at": created if newer else last,
            "packages_count": int(row["packages_count"]) + 1,
            "updated_at": stamp,
        },
    )


def _remember(store: Store, plan: ImportPlan, action: Action, package_id: int) -> None:
    package = plan.package
    record = package.records[action.index]
    stamp = now_iso()
    values = {
        "package_id": package_id,
        "content_sha256": package.hashes[action.index],
        "package_created_at": package.manifest.created_at,
        "updated_at": stamp,
    }
    if action.existing is not None and "content_sha256" in action.existing and "record_uuid" in action.existing:
        store.update("exchange_records", int(action.existing["id"]), values)
    else:
        store.insert(
            "exchange_records",
            values
            | {
                "uuid": new_uuid(),
                "sender_code": package.manifest.sender.code,
                "record_kind": package.record_kind,
                "record_uuid": record["uuid"],
                "created_at": stamp,
            },
        )


def _apply_decisions(store: Store, plan: ImportPlan, package_id: int) -> None:
    pack = effective_pack(store)
    issuer_default = plan.package.sender_name
    for action in plan.actions:
        if action.status not in ("new", "updated"):
            continue
        record = plan.package.records[action.index]
        nomination = action.target["nomination"]
        award = action.target["award"]
        if record["awarded"]:
            values = {
                "year": record["year"],
                "code": record["code"],
                "category": pack.item(record["code"]).kind,
                "source": "above",
                "decision_no": received_text(record["decision_no"]),
                "decision_date": record["decision_date"],
                "issuer": received_text(record["issuer"]) or received_text(issuer_default),
                "notes": received_text(record["note"], multiline=True),
                "updated_at": now_iso(),
            }
            if award is None:
                store.insert(
                    "awards",
                    values
                    | {
                        "uuid": action.target["award_uuid"],
                        "target_kind": nomination["target_kind"],
                        "staff_id": nomination["staff_id"],
                        "department_id": nomination["department_id"],
                        "household_name": nomination["household_name"] or "",
                        "created_at": values["updated_at"],
                    },
                )
            else:
                store.update("awards", int(award["id"]), values)
        elif award is not None:
            store.execute("DELETE FROM awards WHERE id = ?", (award["id"],))
        # The province's answer closes the nomination sent up: the review shows it decided or failed.
        status = "decided" if record["awarded"] else "failed"
        if nomination["status"] != status:
            store.update("nominations", int(nomination["id"]), {"status": status, "updated_at": now_iso()})
        _remember(store, plan, action, package_id)


def _apply_overrides(store: Store, plan: ImportPlan, package_id: int) -> None:
    """Repeal, then write the new and changed overrides: :func:`_plan_overrides` checked, under this transaction's
    write lock, that the overrides in force afterwards layer cleanly."""
    snapshot.apply_repeals(store, plan, package_id)
    for action in plan.actions:
        if action.status in ("new", "updated"):
            record = plan.package.records[action.index]
            snapshot.save(store, record, action.target["override"], activate=bool(action.target.get("activate")))
            _remember(store, plan, action, package_id)
    forget_pack(store)


def import_file(store: Store, path: Path) -> ImportResult:
    """Verify, plan and apply one file (each file in its own transaction)."""
    return apply_import(store, plan_import(store, Path(path)))
