"""Rule packs, eligibility and reward money for the window and ``tdkt evaluate / money / rules``.

Public API (keyword-only; every write is ONE ``store.transaction`` named ``rules.*``, so the audit log
keeps each change)::

    pack = effective_pack(store)                  # national pack + every ACTIVE rule_overrides row (by id)
    verdicts = evaluate_year(store, year=2025, today=None)          # list[eligibility.Verdict]
    verdicts_json(verdicts, pack=None)             # list of dicts, keys below
    result = money(store, code="LDTT", target="individual", decision_date=date(2025, 12, 30))
    money_json(result)                             # dict, keys below
    law_on(store, codes=[...], on=date)            # {code: {conferred_by, authority, ballot_required, law_problem}}
                                                   # conferred_by AUTHORITY_UNKNOWN: the pack cannot tell that day
    rules_summary(store, on=None)                  # JSON-able catalog with every value's citation
    check_override_file(path)                      # [] when valid, else one message per problem
    list_overrides(store)                          # list of dicts (rows of rule_overrides, with ``superseded``)
    superseded_lines(store, override_id)           # what a later override sets aside of this one (Vietnamese)
    set_aside_sentences(row["superseded"])         # the same sentences from a row of list_overrides
    save_override(store, name=..., toml_text=..., source="local", override_id=None) -> id
    set_override_active(store, override_id=..., active=...)
    base_salary_table(store)                       # list of {valid_from (date), amount, cite, unconfirmed, source,
                                                   #          replaces (None | {amount, cite, source})}
    set_base_salary_entries(store, entries=[(date, amount, cite), ...]) -> notes (list of str)
    record_award_from_above(store, staff_id=None, department_id=None, year=..., code=..., decision_no=...,
                            decision_date=..., issuer=..., initiative_id=None, today=None) -> award id

The unit's own base-salary table is layered after every province pack: for a date it has a row for, its row is in
force (why: :mod:`desktop.store.rules_repo`). Overrides are never deleted: deactivate one instead (the audit log
keeps the history anyway). The pack in force, ``save_override`` and ``unit_kind`` are store-level
(:mod:`desktop.store.rules_repo`, which the package importer uses too) and re-exported here.
Invalid packs raise :class:`desktop.domain.rules.RulePackError` (``problems`` in Vietnamese, each naming
the pack and the key) and nothing is saved; bad award entries raise :class:`desktop.store.ValidationError`.

``verdicts_json`` keys: target_kind ("individual" | "collective"), id, uuid, name, code, category
("title" | "award_form"), verdict ("eligible" | "not_eligible" | "needs_vote" | "deferred"), verdict_label,
reasons [{text, citation, met (true | false | null for a note)}], conferred_by ("unit" | "upward"),
rank (null unless a province cap on CSTĐCS applies).

``money_json`` keys: code, target, decision_date, coefficient, multiplier, base_salary, raw_amount, amount,
words, arithmetic, citations.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.domain.amount_words import amount_in_words
from desktop.domain.dates import DateError, check_year, format_date
from desktop.domain.decision_number import decision_number_key
from desktop.domain.eligibility import Verdict, evaluate
from desktop.domain.money import RewardAmount, format_number, reward_amount
from desktop.domain.rules import (
    DEFAULT_UNIT_KIND,
    TARGETS,
    CatalogItem,
    Cited,
    PackMeta,
    RulePack,
    RulePackError,
    check_override,
    load_default_pack,
)
from desktop.domain.rules.values import LEGAL_TEXTS
from desktop.i18n import _
from desktop.ops.common import check_record_year
from desktop.store import NotFoundError, Store, ValidationError, awards_repo, now_iso
from desktop.store.engine_input import load_unit_data
from desktop.store.review_repo import UNKNOWN as AUTHORITY_UNKNOWN
from desktop.store.review_repo import nomination_law
from desktop.store.rules_repo import (
    BASE_SALARY_OVERRIDE_NAME,
    effective_pack,
    forget_pack,
    get_override,
    is_units_salary_table,
    layered_pack,
    pack_under_units_salary_table,
    save_override,
    superseded_overrides,
    unit_kind,
)

BASE_SALARY_PACK_ID = "local-base-salary"


# -- evaluation -------------------------------------------------------------------------------------------


def evaluate_year(store: Store, *, year: int, today: date | None = None, on: date | None = None) -> list[Verdict]:
    """Verdicts for every person employed in ``year`` and every active collective, with the pack in force.

    ``on`` is the date the decision will bear (default 31 December of ``year``): the law of that date decides.
    """
    try:
        check_year(year)
    except DateError as exc:
        raise ValidationError(str(exc), field="year") from None
    return evaluate(load_unit_data(store, year=year), year, effective_pack(store), today=today, on=on)


def _category(pack: RulePack, code: str) -> str:
    return pack.item(code).kind if pack.has(code) else ""


def verdicts_json(
    verdicts: Iterable[Verdict],
    pack: RulePack | None = None,
    *,
    on: date | None = None,
    kind: str = DEFAULT_UNIT_KIND,
) -> list[dict[str, Any]]:
    """Plain dicts for ``tdkt evaluate --json`` and the window; ``pack`` defaults to the bundled national pack.

    Pass ``effective_pack(store)``, the decision date and the unit's kind so ``conferred_by`` ("unit" |
    "upward") is who confers each title for this unit on that date.
    """
    rules = pack or _national()
    out: list[dict[str, Any]] = []
    for verdict in verdicts:
        out.append(
            {
                "target_kind": "individual" if verdict.subject == "person" else "collective",
                "id": verdict.subject_id,
                "uuid": verdict.subject_uuid,
                "name": verdict.subject_name,
                "code": verdict.code,
                "category": _category(rules, verdict.code),
                "verdict": str(verdict.status),
                "verdict_label": verdict.status_label,
                "reasons": [{"text": r.text, "citation": r.cite, "met": r.met} for r in verdict.reasons],
                "conferred_by": rules.conferred_by(verdict.code, on, kind) if rules.has(verdict.code) else "",
                "rank": verdict.rank,
            }
        )
    return out


_national_pack: list[RulePack] = []


def _national() -> RulePack:
    if not _national_pack:
        _national_pack.append(load_default_pack())
    return _national_pack[0]


def pack_json(pack: RulePack) -> dict[str, Any]:
    """The pack's identity for JSON output: id, name, version, valid_from and the overrides layered on it."""
    return {**_meta_json(pack.meta), "overrides": [_meta_json(meta) for meta in pack.overrides]}


def law_on(store: Store, *, codes: Iterable[str], on: date) -> dict[str, dict[str, Any]]:
    """For each code, who confers it for this unit and whether it needs the council's ballot by the law of ``on``
    (:func:`desktop.store.review_repo.nomination_law`): the decision window judges its list by the signing date
    typed, not by the date the round planned."""
    pack = effective_pack(store)
    kind = unit_kind(store)
    return {code: nomination_law(pack, code, on, kind) for code in dict.fromkeys(codes)}


# -- money --------------------------------------------------------------------------------------------------


def money(store: Store, *, code: str, target: str, decision_date: date) -> RewardAmount:
    """The reward for ``code`` to ``target`` by a decision signed on ``decision_date`` (pack in force)."""
    if target not in TARGETS:
        raise RulePackError(
            [
                _("Đối tượng “{target}” không hợp lệ; chỉ dùng: {choices}.").format(
                    target=target, choices=", ".join(TARGETS)
                )
            ]
        )
    return reward_amount(effective_pack(store), code, target, decision_date)


def _number(value: Decimal | int) -> int | float:
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)


def money_json(result: RewardAmount) -> dict[str, Any]:
    return {
        "code": result.code,
        "target": result.target,
        "decision_date": result.decision_date.isoformat(),
        "coefficient": _number(result.coefficient),
        "multiplier": _number(result.multiplier),
        "base_salary": _number(result.base_salary),
        "raw_amount": _number(result.exact),
        "amount": result.amount,
        "words": amount_in_words(result.amount),
        "arithmetic": result.explanation,
        "citations": list(result.citations),
    }


# -- the catalog as shown to the clerk ----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _cited_json(cited: Cited) -> dict[str, Any]:
    return {
        "value": _plain(cited.value),
        "cite": cited.cite,
        "citation": cited.citation(),
        "from": cited.valid_from.isoformat(),
        "unconfirmed": cited.unconfirmed,
        "source": cited.source,
        "note": cited.note,
    }


def _slot_json(pack: RulePack, key: str, on: date) -> dict[str, Any]:
    """The entry in force on ``on``, with every dated entry of the key under ``history``."""
    entries = pack.history(key)
    return {**_cited_json(pack.cited(key, on)), "history": [_cited_json(e) for e in entries]}


def _meta_json(meta: PackMeta) -> dict[str, Any]:
    return {
        "id": meta.id,
        "name": meta.name,
        "version": meta.version,
        "valid_from": meta.valid_from.isoformat(),
        "jurisdiction": meta.jurisdiction,
        "kind": meta.kind,
        "base": meta.base,
        "source": meta.source,
    }


def _item_json(pack: RulePack, keys: set[str], item: CatalogItem, on: date, kind: str) -> dict[str, Any]:
    prefix = f"{item.table}.{item.code}."
    threshold_key = prefix + "ballot_threshold_percent"
    authority = prefix + "conferred_by."
    own = pack.authority_key(item.code, kind, on)
    return {
        "code": item.code,
        "category": item.kind,
        "name": item.name,
        "short": item.short,
        "targets": list(item.targets),
        "rank": item.rank,
        "source": item.source,
        "basis": _slot_json(pack, prefix + "basis", on) if prefix + "basis" in keys else _cited_json(item.basis),
        # who confers it for THIS unit on that date; every kind of unit under conferred_by_kinds
        "conferred_by": _slot_json(pack, own, on),
        "conferred_by_kinds": {
            key[len(authority) :]: _slot_json(pack, key, on)
            for key in sorted(keys)
            if key.startswith(authority) and pack.in_force(key, on)  # a kind a province adds later: not yet
        },
        "certificate": pack.paper(item.code, on),
        "signing": pack.signing_default(item.code, on),
        "ballot_required": _slot_json(pack, prefix + "ballot_required", on),
        "ballot_threshold_percent": _slot_json(pack, threshold_key, on) if threshold_key in keys else None,
        "posting_days": _slot_json(pack, prefix + "posting_days", on) if pack.posting_days(item.code, on) else None,
        "coefficients": {
            target: _slot_json(pack, prefix + f"coefficient.{target}", on)
            for target in item.targets
            if prefix + f"coefficient.{target}" in keys
        },
        "params": {name: _slot_json(pack, prefix + f"params.{name}", on) for name in pack.params(item.code, on)},
    }


def rules_summary(store: Store, *, on: date | None = None) -> dict[str, Any]:
    """Everything the catalog page and ``tdkt rules show`` display; values are those in force on ``on`` (today).

    Titles and award forms are kept in separate lists. Each value is ``{value, cite, citation, from,
    unconfirmed, source, note, history}``; ``source`` names the pack (file or stored override) it came from.
    """
    pack = effective_pack(store)
    day = on or date.today()
    pack.check_date(day)
    kind = unit_kind(store)
    keys = set(pack.value_keys())
    settings = sorted(k for k in keys if k.startswith("settings."))
    texts = [f"legal_texts.{name}" for name in LEGAL_TEXTS if f"legal_texts.{name}" in keys]
    salary = pack.base_salary_entry_on(day)
    return {
        "on": day.isoformat(),
        "unit_kind": kind,
        "pack": _meta_json(pack.meta),
        "sources": [_meta_json(pack.meta), *(_meta_json(m) for m in pack.overrides)],
        "titles": [_item_json(pack, keys, item, day, kind) for item in pack.titles],
        "award_forms": [_item_json(pack, keys, item, day, kind) for item in pack.award_forms],
        "base_salary": [{**_cited_json(entry), "amount": int(entry.value)} for entry in pack.base_salary_table],
        "base_salary_on": {**_cited_json(salary), "amount": int(salary.value)},
        "settings": {key.split(".", 1)[1]: _slot_json(pack, key, day) for key in settings},
        "legal_texts": {key.split(".", 1)[1]: _slot_json(pack, key, day) for key in texts},
    }


def check_override_file(path: Path) -> list[str]:
    """Problems of an override pack file layered on the bundled national pack; [] when it is valid."""
    try:
        check_override(Path(path))
    except RulePackError as exc:
        return list(exc.problems)
    return []


# -- stored overrides -----------------------------------------------------------------------------------------


def _toml_meta(text: str) -> dict[str, str]:
    try:
        meta = tomllib.loads(text).get("pack", {})
    except tomllib.TOMLDecodeError:
        return {"pack_id": "", "pack_version": "", "valid_from": ""}
    if not isinstance(meta, dict):
        meta = {}
    return {
        "pack_id": str(meta.get("id", "")),
        "pack_version": str(meta.get("version", "")),
        "valid_from": str(meta.get("valid_from", "")),
    }


def list_overrides(store: Store) -> list[dict[str, Any]]:
    """Every override row, active or not, oldest first (the order they are layered in).

    ``superseded``: for an active row, the keys a later override sets aside (``{key, by, from, whole}``, ``from``
    as a date): what the clerk must be told, since saving or switching on such a row changes nothing there.
    """
    rows = store.query(
        "SELECT id, uuid, name, source, toml, active, notes, created_at, updated_at FROM rule_overrides ORDER BY id"
    )
    superseded = superseded_overrides(store)
    for row in rows:
        row["active"] = bool(row["active"])
        row["is_base_salary"] = is_units_salary_table(row["name"], row["source"])
        row.update(_toml_meta(row["toml"]))
        row["superseded"] = [
            {"key": hit.key, "by": hit.by, "from": hit.from_date, "whole": hit.whole}
            for hit in superseded.get(int(row["id"]), [])
        ]
    return rows


def set_aside_sentences(superseded: Sequence[dict[str, Any]]) -> list[str]:
    """One sentence per entry of a row's ``superseded`` (:func:`list_overrides`)."""
    lines = []
    for hit in superseded:
        if hit["whole"]:
            text = _("{key}: không áp dụng, vì quy định “{by}” (nhập sau) đặt giá trị khác từ {day}.")
        else:
            text = _("{key}: chỉ áp dụng đến trước {day}; từ ngày đó theo quy định “{by}” (nhập sau).")
        lines.append(text.format(key=hit["key"], by=hit["by"], day=format_date(hit["from"])))
    return lines


def superseded_lines(store: Store, override_id: int) -> list[str]:
    """One sentence per key of this override that a later override sets aside; [] when all of it is in force."""
    row = next((row for row in list_overrides(store) if row["id"] == override_id), None)
    return set_aside_sentences(row["superseded"]) if row else []


def set_override_active(store: Store, *, override_id: int, active: bool) -> None:
    """Switch an override on (after checking it still layers cleanly, under the write lock) or off."""
    with store.transaction(operation="rules.set_override_active"):
        row = get_override(store, override_id)
        if active:  # against the overrides in force now, another window's included
            layered_pack(store, row["name"], row["toml"], override_id, source=row["source"])
        store.update("rule_overrides", override_id, {"active": int(active), "updated_at": now_iso()})
    forget_pack(store)


# -- base salary ------------------------------------------------------------------------------------------------


def base_salary_table(store: Store) -> list[dict[str, Any]]:
    """The dated base-salary table in force: national rows, each replaced by an override's row of the same date.

    The unit's own rows are in force whatever province pack came later (:mod:`desktop.store.rules_repo`); each
    carries ``replaces``: the row of that date it sets aside (``{amount, cite, source}``, a province's or the
    national one), or None. Every other row's ``replaces`` is None.
    """
    table = effective_pack(store).base_salary_table
    under: dict[date, Cited] = {}
    if any(entry.source == BASE_SALARY_OVERRIDE_NAME for entry in table):
        under = {entry.valid_from: entry for entry in pack_under_units_salary_table(store).base_salary_table}
    rows: list[dict[str, Any]] = []
    for entry in table:
        hidden = under.get(entry.valid_from) if entry.source == BASE_SALARY_OVERRIDE_NAME else None
        rows.append(
            {
                "valid_from": entry.valid_from,
                "amount": int(entry.value),
                "cite": entry.cite,
                "unconfirmed": entry.unconfirmed,
                "source": entry.source,
                "replaces": None
                if hidden is None
                else {"amount": int(hidden.value), "cite": hidden.cite, "source": hidden.source},
            }
        )
    return rows


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes), and keeps Vietnamese letters readable.
    return json.dumps(text, ensure_ascii=False)


def _check_entries(entries: Sequence[tuple[date, int, str]]) -> list[str]:
    problems: list[str] = []
    if not entries:
        return [_("Bảng mức lương cơ sở phải có ít nhất một dòng.")]
    seen: dict[date, int] = {}
    for row, (valid_from, amount, cite) in enumerate(entries, start=1):
        if not isinstance(valid_from, date):
            problems.append(_("Dòng {row}: chưa ghi ngày áp dụng.").format(row=row))
        elif valid_from in seen:
            problems.append(
                _("Dòng {row}: ngày áp dụng {date} trùng với dòng {other}.").format(
                    row=row, date=format_date(valid_from), other=seen[valid_from]
                )
            )
        else:
            seen[valid_from] = row
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0 or amount % 1000:
            problems.append(
                _("Dòng {row}: mức lương cơ sở “{amount}” phải là số dương, chẵn nghìn đồng.").format(
                    row=row, amount=amount
                )
            )
        if not isinstance(cite, str) or not cite.strip():
            problems.append(_("Dòng {row}: chưa ghi căn cứ (số văn bản, điều khoản).").format(row=row))
    return problems


def _base_salary_toml(entries: Sequence[tuple[date, int, str]], national: RulePack) -> str:
    known = {(e.valid_from, int(e.value), e.cite): e.unconfirmed for e in national.base_salary_table}
    first = min(valid_from for valid_from, _amount, _cite in entries)
    lines = [
        "# Bảng mức lương cơ sở do đơn vị sửa (tạo bởi chương trình).",
        "[pack]",
        f"id = {_toml_string(BASE_SALARY_PACK_ID)}",
        f"name = {_toml_string(BASE_SALARY_OVERRIDE_NAME)}",
        f"version = {_toml_string(date.today().isoformat())}",
        f"valid_from = {first.isoformat()}",
        f"jurisdiction = {_toml_string('local')}",
        'kind = "override"',
        f"base = {_toml_string(national.meta.id)}",
    ]
    for valid_from, amount, cite in sorted(entries):
        lines += [
            "",
            "[[base_salary]]",
            f"value = {amount}",
            f"cite = {_toml_string(cite.strip())}",
            f"from = {valid_from.isoformat()}",
        ]
        # A national row kept unchanged keeps its "unconfirmed" flag; a row the clerk typed is their own.
        if known.get((valid_from, amount, cite.strip())):
            lines.append("unconfirmed = true")
    return "\n".join(lines) + "\n"


def set_base_salary_entries(store: Store, *, entries: list[tuple[date, int, str]]) -> list[str]:
    """Save the clerk's base-salary table (date, amount, citation) as the one local base-salary override.

    Each row replaces the row of the same date beneath it, the national one or a province pack's, whenever that
    pack was received: the unit's table is layered last (:mod:`desktop.store.rules_repo` says why), so what the
    clerk saves is what the money uses. Every other row stays in force, earlier or later, including a newer one a
    program update or a province pack brings (``desktop.domain.rules.reader.layered``). So saving one row
    (re-citing 1/7/2024) does not hide the national 1/7/2026 row. To correct a row, save a row of the same date.

    Returns one note (Vietnamese) for each province row of a different amount the table now sets aside, naming
    the province's pack, so the clerk knows their row, not the province's, is paid from that date.
    """
    problems = _check_entries(entries)
    if problems:
        raise RulePackError(problems)
    text = _base_salary_toml(entries, _national())
    stamp = now_iso()
    with store.transaction(operation="rules.base_salary"):
        # Read and checked under the write lock: two saves at once make one table, not two, and the check sees the
        # overrides another window saved meanwhile.
        existing = store.scalar(
            "SELECT id FROM rule_overrides WHERE name = ? AND source = 'local' ORDER BY id LIMIT 1",
            (BASE_SALARY_OVERRIDE_NAME,),
        )
        layered_pack(store, BASE_SALARY_OVERRIDE_NAME, text, existing, source="local")
        under = {entry.valid_from: entry for entry in pack_under_units_salary_table(store).base_salary_table}
        if existing is None:
            store.add(
                "rule_overrides", {"name": BASE_SALARY_OVERRIDE_NAME, "source": "local", "toml": text, "active": 1}
            )
        else:
            store.update("rule_overrides", int(existing), {"toml": text, "active": 1, "updated_at": stamp})
    forget_pack(store)
    national = {(entry.valid_from, entry.source) for entry in _national().base_salary_table}
    notes: list[str] = []
    for valid_from, amount, _cite in sorted(entries):
        hidden = under.get(valid_from)
        if hidden is None or int(hidden.value) == amount or (valid_from, hidden.source) in national:
            continue
        notes.append(
            _(
                "Từ ngày {date}: áp dụng mức {amount} đồng của bảng đơn vị, thay cho mức {other} đồng theo “{source}” "
                "({cite})."
            ).format(
                date=format_date(valid_from),
                amount=format_number(amount),
                other=format_number(int(hidden.value)),
                source=hidden.source,
                cite=hidden.cite,
            )
        )
    return notes


def repriced_decisions(store: Store, *, entries: list[tuple[date, int, str]]) -> list[str]:
    """What saving ``entries`` as the unit's base-salary table would change for decisions already issued: one line
    (Vietnamese) for each decision in force whose date now falls under another base salary, for the question
    before the save. The amounts written in those decisions stay as signed; what changes is the law the program
    reads for that date (a difference still owed, a replacement decision's amounts), so the clerk must know.
    A table that does not pass its checks changes nothing here (the save says what is wrong)."""
    if entries and _check_entries(entries):
        return []
    try:
        if entries:
            existing = store.scalar(
                "SELECT id FROM rule_overrides WHERE name = ? AND source = 'local' ORDER BY id LIMIT 1",
                (BASE_SALARY_OVERRIDE_NAME,),
            )
            text = _base_salary_toml(entries, _national())
            after = layered_pack(store, BASE_SALARY_OVERRIDE_NAME, text, existing, source="local")
        else:
            after = pack_under_units_salary_table(store)
        before = effective_pack(store)
    except RulePackError:
        return []
    lines = []
    for row in store.query(  # the day its amounts rest on: a replacement that kept them keeps that day (money_date)
        "SELECT number_text, decision_date, coalesce(money_date, decision_date) AS money_day FROM decisions "
        "WHERE status = 'issued' ORDER BY decision_date, id"
    ):
        signed, on = date.fromisoformat(row["decision_date"][:10]), date.fromisoformat(row["money_day"][:10])
        try:
            old, new = before.base_salary_on(on), after.base_salary_on(on)
        except RulePackError:
            continue
        if old == new:
            continue
        if on == signed:
            line = _("Quyết định số {number} ngày {day}: mức lương cơ sở {old} → {new} đồng")
        else:
            line = _(
                "Quyết định số {number} ngày {day} (tiền thưởng giữ theo ngày {money_day}): mức lương cơ sở {old} → "
                "{new} đồng"
            )
        lines.append(
            line.format(
                number=row["number_text"],
                day=format_date(signed),
                money_day=format_date(on),
                old=format_number(old),
                new=format_number(new),
            )
        )
    return lines


def save_base_salary(store: Store, *, entries: list[tuple[date, int, str]]) -> list[str]:
    """The window's "Lưu": the unit's rows as its base-salary table, or, with no rows left, the national table again.

    Stopping the unit's table switches off every active local base-salary override in one transaction. Returns the
    notes of :func:`set_base_salary_entries` (none when the table is stopped).
    """
    if entries:
        return set_base_salary_entries(store, entries=entries)
    active = [row["id"] for row in list_overrides(store) if row["is_base_salary"] and row["active"]]
    if not active:
        return []
    stamp = now_iso()
    with store.transaction(operation="rules.base_salary"):
        for override_id in active:
            store.update("rule_overrides", int(override_id), {"active": 0, "updated_at": stamp})
    forget_pack(store)
    return []


# -- awards received from above --------------------------------------------------------------------------------


def record_award_from_above(
    store: Store,
    *,
    staff_id: int | None = None,
    department_id: int | None = None,
    year: int,
    code: str,
    decision_no: str,
    decision_date: date | None,
    issuer: str,
    initiative_id: int | None = None,
    today: date | None = None,
) -> int:
    """Enter by hand a title or award form decided above (it counts toward consecutive-year rules).

    ``today`` (default: the real date) is the last day the decision may bear."""
    if (staff_id is None) == (department_id is None):
        raise ValidationError(_("Chọn một cán bộ hoặc một tập thể được khen thưởng."), field="staff_id")
    pack = effective_pack(store)
    if not pack.has(code):
        raise ValidationError(
            _("Mã “{code}” không có trong danh mục danh hiệu, hình thức khen thưởng.").format(code=code),
            field="code",
        )
    item = pack.item(code)
    target = "individual" if staff_id is not None else "collective"
    if target not in item.targets:
        raise ValidationError(
            _("“{name}” không dùng để khen {target}.").format(
                name=item.name, target=_("cá nhân") if target == "individual" else _("tập thể")
            ),
            field="code",
        )
    check_record_year(year, first=1945, today=today)
    _check_above_date(decision_date, year, today or date.today())
    if not decision_no.strip():
        raise ValidationError(_("Chưa ghi số quyết định khen thưởng."), field="decision_no")
    if staff_id is not None and store.scalar("SELECT id FROM staff WHERE id = ?", (staff_id,)) is None:
        raise NotFoundError(_("Không tìm thấy cán bộ có mã số nội bộ {id}.").format(id=staff_id))
    if department_id is not None and store.scalar("SELECT id FROM departments WHERE id = ?", (department_id,)) is None:
        raise NotFoundError(_("Không tìm thấy tập thể có mã số nội bộ {id}.").format(id=department_id))
    if initiative_id is not None:
        owner = store.scalar("SELECT staff_id FROM initiatives WHERE id = ?", (initiative_id,))
        if owner is None or owner != staff_id:
            raise ValidationError(
                _("Sáng kiến số {id} không phải của người được khen thưởng.").format(id=initiative_id),
                field="initiative_id",
            )
    with store.transaction(operation="rules.award_from_above"):  # checked under the write lock, then written
        _refuse_held_twice(store, target, staff_id, department_id, year, item, decision_no.strip())
        return awards_repo.add_award(
            store,
            target_kind=target,
            year=year,
            code=code,
            category=item.kind,
            staff_id=staff_id,
            department_id=department_id,
            source="above",
            decision_no=decision_no.strip(),
            decision_date=decision_date,
            issuer=issuer.strip(),
            initiative_id=initiative_id,
        )


def _check_above_date(decision_date: date | None, year: int, today: date) -> None:
    """A decision for the year ``year`` is signed in that year or after it (early next year, often), and it has been
    signed already: a date before 1 January of the year or after today is a typing slip (2019 for 2025, 2031 for
    2013), as the history import refuses it (``history_import.checking``)."""
    if decision_date is None:
        return
    if decision_date > today:
        raise ValidationError(
            _("Ngày quyết định {day} là ngày chưa đến; hãy xem lại ngày quyết định.").format(
                day=format_date(decision_date)
            ),
            field="decision_date",
        )
    if decision_date.year < year:
        raise ValidationError(
            _(
                "Ngày quyết định {day} có trước năm {year} được khen (quyết định khen năm {year} ký từ ngày "
                "01/01/{year} trở đi); hãy xem lại năm hoặc ngày quyết định."
            ).format(day=format_date(decision_date), year=year),
            field="decision_date",
        )


def _refuse_held_twice(
    store: Store,
    target: str,
    staff_id: int | None,
    department_id: int | None,
    year: int,
    item: Any,
    decision_no: str,
) -> None:
    """A title (danh hiệu) is held once a year, whoever conferred it; an award form may be given again for another
    achievement, but not the same decision twice: its number spelling aside ("12/Qđ-UBND" and "12/QĐ-UBND",
    :func:`desktop.domain.decision_number.decision_number_key`). A second row would count one person twice in the
    yearly report and the award register sent up."""
    column, value = ("staff_id", staff_id) if target == "individual" else ("department_id", department_id)
    rows = store.query(
        f"SELECT decision_no, decision_date, source, category FROM awards WHERE target_kind = ? AND {column} = ? "
        "AND year = ? AND code = ? ORDER BY id",
        (target, value, year, item.code),
    )
    number = decision_number_key(decision_no)  # "12/Qđ-UBND" and "12/QĐ-UBND" are one decision
    title = item.kind == "title"
    same = next(
        (
            row
            for row in rows
            if title or row["category"] == "title" or decision_number_key(row["decision_no"]) == number
        ),
        None,
    )
    if same is None:
        return
    held = _("Quyết định số {number}").format(number=same["decision_no"] or _("(không ghi số)"))
    if same["decision_date"]:
        held += " " + _("ngày {date}").format(date=format_date(same["decision_date"]))
    if item.kind == "title":
        message = _("Danh hiệu “{name}” năm {year} đã có ({held}); mỗi năm một danh hiệu chỉ được tặng một lần.")
    else:
        message = _("“{name}” năm {year} theo {held} đã được ghi; không ghi lại lần thứ hai.")
    raise ValidationError(message.format(name=item.name, year=year, held=held), field="code")


__all__ = [
    "AUTHORITY_UNKNOWN",
    "BASE_SALARY_OVERRIDE_NAME",
    "base_salary_table",
    "check_override_file",
    "effective_pack",
    "evaluate_year",
    "law_on",
    "list_overrides",
    "money",
    "money_json",
    "pack_json",
    "record_award_from_above",
    "repriced_decisions",
    "rules_summary",
    "save_override",
    "set_aside_sentences",
    "set_base_salary_entries",
    "set_override_active",
    "superseded_lines",
    "superseded_overrides",
    "unit_kind",
    "verdicts_json",
]
