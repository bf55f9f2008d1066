"""A province's rule overrides at a unit: each ``rule_override`` package is a SNAPSHOT of the sender's overrides.

The province sends every override it has in force (docs/package-format.md, sections 5 and 8). At the unit, a package
at least as recent as every ``rule_override`` package received from that province before (whatever its year: the
overrides are not per year) is the truth about that province's law:

- an override that province sent before and that is still in force here but no longer in the package is switched
  off (the province repealed it), in the import's own transaction, so the audit log shows it under
  ``package.import``; its ``exchange_records`` row gets :data:`REPEALED` as its hash and the repealing package, so a
  later package that holds it again switches it back on;
- the unit's own overrides and another province's are never switched off, changed, nor replaced by a record that
  carries their UUID;
- the stack the unit would have afterwards (its overrides in id order, the package's records in place of the
  province's, the new ones after them, the unit's own base-salary table last, as ``rules_repo`` layers them)
  must layer cleanly on the national pack, or the package is refused before anything
  is written — by verify, the dry run and the import alike.

An older package changes nothing the newer one decided: the importer lists what it differs in as conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.exchange.format import PackageError
from desktop.exchange.import_plan import Action, ImportPlan, parse_time
from desktop.exchange.reader import layer_problems
from desktop.exchange.records import received_text
from desktop.i18n import _
from desktop.store.db import Store, now_iso
from desktop.store.rules_repo import is_units_salary_table

# exchange_records.content_sha256 of a province override a newer snapshot repealed (no record hashes to it).
REPEALED = "repealed"


def sender_overrides(store: Store, sender_code: str) -> dict[str, dict[str, Any]]:
    """The overrides this sender's packages brought, by UUID, each with its ``exchange_records`` row (``exchange_id``,
    ``content_sha256``, ``package_created_at``)."""
    rows = store.query(
        "SELECT o.id, o.uuid, o.name, o.active, e.id AS exchange_id, e.content_sha256, e.package_created_at "
        "FROM rule_overrides o JOIN exchange_records e ON e.record_uuid = o.uuid AND e.record_kind = 'rule_override' "
        "WHERE e.sender_code = ? AND o.source = 'province' ORDER BY o.id",
        (sender_code,),
    )
    return {row["uuid"]: row for row in rows}


def newest_snapshot(store: Store, sender_code: str) -> str | None:
    """The creation time (as written) of the newest ``rule_override`` package received from this sender, or None."""
    times = [
        (when, row["package_created_at"])
        for row in store.query(
            "SELECT package_created_at FROM packages WHERE direction = 'received' AND kind = 'rule_override' "
            "AND sender_code = ?",
            (sender_code,),
        )
        if (when := parse_time(row["package_created_at"])) is not None
    ]
    return max(times)[1] if times else None


def repeals(store: Store, plan: ImportPlan, owned: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """This sender's overrides in force here that the (current) package no longer holds: to be switched off."""
    held = {record["uuid"] for record in plan.package.records}
    return [
        {"id": row["id"], "record_uuid": row["uuid"], "label": row["name"], "exchange_id": row["exchange_id"]}
        for row in owned.values()
        if row["active"] and row["uuid"] not in held
    ]


@dataclass
class _Layer:
    name: str
    text: str
    index: int | None  # position of the record in the package, None for an override already here
    last: bool = False  # the unit's own base-salary table, layered after every other override (rules_repo)


def check_stack(store: Store, plan: ImportPlan) -> None:
    """Refuse the package (PackageError ``rule_pack``) when the overrides in force after applying ``plan`` would not
    layer cleanly on the national pack; the message names the record, or the override of this unit, that fails."""
    package = plan.package
    applied: dict[str, Action] = {
        package.records[a.index]["uuid"]: a for a in plan.actions if a.status in ("new", "updated")
    }
    repealed = {row["id"] for row in plan.repealed}
    if not applied and not repealed:
        return  # the overrides in force stay as they are
    layers: list[_Layer] = []
    for row in store.query("SELECT id, uuid, name, source, toml, active FROM rule_overrides ORDER BY id"):
        action = applied.pop(row["uuid"], None)
        if row["id"] in repealed:
            continue
        if action is not None and (row["active"] or action.target.get("activate")):
            record = package.records[action.index]
            layers.append(_Layer(record["name"], record["toml"], action.index))
        elif action is None and row["active"]:
            layers.append(_Layer(row["name"], row["toml"], None, is_units_salary_table(row["name"], row["source"])))
    for action in applied.values():  # new ones, in the package's order
        record = package.records[action.index]
        layers.append(_Layer(record["name"], record["toml"], action.index))
    layers.sort(key=lambda layer: layer.last)  # stable: the order of effective_pack
    failed, problems = layer_problems([(layer.name, layer.text) for layer in layers])
    if failed is None:
        return
    layer = layers[failed]
    if layer.index is not None:
        message = _("Gói {file}: bộ quy tắc “{name}” không hợp lệ: {problems}")
    else:
        message = _(
            "Gói {file}: sau khi nhập, quy định “{name}” đang áp dụng tại đơn vị không dùng được cùng các bộ quy tắc "
            "của gói: {problems}"
        )
    raise PackageError(
        message.format(file=package.file_name, name=layer.name, problems="; ".join(problems[:5])),
        code="rule_pack",
        file=package.file_name,
    )


def apply_repeals(store: Store, plan: ImportPlan, package_id: int) -> None:
    """Switch off the overrides the package repealed; their exchange row remembers which package did it."""
    stamp = now_iso()
    for row in plan.repealed:
        store.update("rule_overrides", int(row["id"]), {"active": 0, "updated_at": stamp})
        store.update(
            "exchange_records",
            int(row["exchange_id"]),
            {
                "content_sha256": REPEALED,
                "package_id": package_id,
                "package_created_at": plan.package.manifest.created_at,
                "updated_at": stamp,
            },
        )


def save(store: Store, record: dict[str, Any], row: dict[str, Any] | None, *, activate: bool) -> None:
    """Write a record of the package as this unit's copy of the province's override, under the record's UUID;
    ``activate`` switches back on one a newer package of the province holds again after repealing it."""
    name = " ".join(received_text(record["name"]).split()) or str(record["uuid"])
    values: dict[str, Any] = {"name": name, "source": "province", "toml": record["toml"]}
    if row is None:
        store.add("rule_overrides", values | {"uuid": record["uuid"], "active": 1})
    else:
        store.touch("rule_overrides", int(row["id"]), values | ({"active": 1} if activate else {}))
