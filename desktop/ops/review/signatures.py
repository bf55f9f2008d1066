"""How the unit's decisions are signed: by the chair, by a deputy for the chair (KT.) or for the body (TM.).

The signing mode is stored on the decision; its documents, payment list and certificates all follow it. A decision
issued since the "Q." and "TM." + "KT." forms (NĐ 30/2020, Phụ lục I) keeps its whole title block in
``decisions.on_behalf`` ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); one issued before keeps only the line above the title
there ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN" or "") and reprints as it was printed (titles as typed, no "TM." over a
deputy's "KT.").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from desktop.domain import signing
from desktop.domain.rules import RulePack
from desktop.i18n import _
from desktop.store import Store, ValidationError, unit_repo
from desktop.store.review_repo import catalog_name
from desktop.store.rules_repo import effective_pack

ISSUER_FIELDS = ("unit_name", "unit_kind", "parent_body", "commune_name", "place_name", "head_title")


def current_issuer(store: Store) -> dict[str, str]:
    """The unit as its decisions print it today: name, kind, the body above it (as printed, before upper-casing),
    the commune, the place of the date line and the head's title as recorded. :func:`write_decision` stores this
    block on the decision (``decisions.issuer_*``) so that its documents keep it after the unit is renamed."""
    unit = unit_repo.get_unit(store) or {}
    parent = str(unit.get("parent_body") or "") or signing.province_body(str(unit.get("province_name") or ""))
    return {
        "unit_name": str(unit.get("name") or ""),
        "unit_kind": str(unit.get("unit_kind") or "") or "ubnd_xa",
        "parent_body": parent,
        "commune_name": str(unit.get("commune_name") or ""),
        "place_name": str(unit.get("place_name") or ""),
        "head_title": str(unit.get("head_title") or ""),
    }


def decision_issuer(store: Store, decision: dict[str, Any]) -> dict[str, str]:
    """Who issued the decision as it was on the day it was issued (``decisions.issuer_*``); a decision issued
    before the block was stored (schema version 7 and earlier) has it empty and reads the unit as it is today."""
    if str(decision.get("issuer_unit_name") or ""):
        block = {field: str(decision.get(f"issuer_{field}") or "") for field in ISSUER_FIELDS}
        block["unit_kind"] = block["unit_kind"] or "ubnd_xa"
        return block
    return current_issuer(store)


def issuer_signing(issuer: dict[str, str]) -> tuple[str, str, str]:
    """(unit kind, unit name, the head's title) of an issuer block, as :func:`unit_signing` gives them."""
    kind = issuer["unit_kind"] or "ubnd_xa"
    return kind, issuer["unit_name"], signing.head_title(issuer["head_title"], kind)


def unit_signing(store: Store) -> tuple[str, str, str]:
    """(unit kind, unit name, the head's title) — what the signature block of the unit's decisions is made of."""
    unit = unit_repo.get_unit(store) or {}
    kind = str(unit.get("unit_kind") or "") or "ubnd_xa"
    return kind, str(unit.get("name") or ""), signing.head_title(str(unit.get("head_title") or ""), kind)


def default_signing_mode(store: Store, *, codes: Iterable[str], on: date) -> str:
    """How a decision conferring ``codes`` on ``on`` is signed by default: the mode the law gives for those awards
    (``pack.signing_default``; "chair" for every award of the national pack)."""
    pack = effective_pack(store)
    return signing.default_mode(pack.signing_default(code, on) for code in codes if pack.has(code))


def signing_choices(store: Store) -> list[tuple[str, tuple[str, ...]]]:
    """Each signing mode this unit can use, with the lines it prints ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    kind, name, head = unit_signing(store)
    body = signing.body_name(kind, name)
    return [
        (mode, signing.signature_lines(mode, head=head, signer_title="", body=body))
        for mode in signing.SIGNING_MODES
        if mode != "body" or body
    ]


def _body_power(pack: RulePack, codes: Iterable[str], on: date) -> bool:
    """Whether the law on ``on`` gives one of the awards ``codes`` to the collective body (``pack.signing_default``
    "body": a province's rule): only then "TM." is signed, and a deputy signs "TM. ỦY BAN NHÂN DÂN" above "KT."."""
    return any(pack.signing_default(code, on) == "body" for code in codes if pack.has(code))


def check_body_power(store: Store, mode: str, codes: Iterable[str], on: date) -> None:
    """Refuse "TM." (for the body) unless the law on ``on`` gives one of the awards to the body: a Giấy khen or a
    title the chair confers in his own name is never signed "TM. ỦY BAN NHÂN DÂN" (NĐ 30/2020, thể thức ký)."""
    if mode != "body":
        return
    pack = effective_pack(store)
    chosen = [code for code in codes if pack.has(code)]
    if not chosen or _body_power(pack, chosen, on):
        return
    head = unit_signing(store)[2]
    raise ValidationError(
        _(
            "{awards}: theo quy định ngày {date}, thẩm quyền khen thưởng là của {head}, không phải của tập thể nên "
            "không ký “TM.” được. Hãy chọn {head} ký, hoặc cấp phó ký thay (KT.)."
        ).format(
            awards=", ".join(dict.fromkeys(catalog_name(pack, code) for code in chosen)),
            date=on.strftime("%d/%m/%Y"),
            head=head,
        ),
        field="signing_mode",
    )


def checked_signing(
    store: Store, mode: str, signer_title: str, *, codes: Iterable[str] = (), on: date | None = None
) -> str:
    """The whole title block the decision is issued with, kept in ``decisions.on_behalf`` ("KT. CHỦ TỊCH / PHÓ CHỦ
    TỊCH", "Q. CHỦ TỊCH"), after checking the mode fits. With ``codes`` and ``on`` (the decision's awards and date),
    the block of a body's award has "TM. ỦY BAN NHÂN DÂN" on top, whoever signs it: the head (or acting head) signs
    for the body as a deputy does (NĐ 30/2020 Phụ lục I: signing on behalf of a collective body carries "TM." before
    its name). Decided when issuing and kept, so a rule pack received later never changes what a signed decision
    prints."""
    kind, name, head = unit_signing(store)
    try:
        signing.check(mode, unit_kind=kind, unit_name=name, head=head, signer_title=signer_title)
    except signing.SigningError as exc:
        raise ValidationError(str(exc), field="signing_mode") from None
    body = signing.body_name(kind, name)
    for_body = (
        bool(body) and mode in ("deputy", "chair") and on is not None and _body_power(effective_pack(store), codes, on)
    )
    shape = "body" if mode == "chair" and for_body else mode
    lines = signing.signature_lines(shape, head=head, signer_title=signer_title, body=body, for_body=for_body)
    return signing.BLOCK_SEPARATOR.join(lines)


def signature_lines(store: Store, decision: dict[str, Any]) -> tuple[str, ...]:
    """The title lines the decision, its payment list and its certificates print above the signer's name: the
    head's title and the body of the unit as it was when the decision was issued.

    A decision issued with its whole block (:func:`checked_signing`) prints that block as kept. One issued before
    the block was kept prints what it printed then (:func:`desktop.domain.signing.legacy_signature_lines`)."""
    kind, name, head = issuer_signing(decision_issuer(store, decision))
    mode = str(decision.get("signing_mode") or "chair")
    title = str(decision.get("signer_title") or "")
    body = signing.body_name(kind, name)
    stored = tuple(
        part.strip() for part in str(decision.get("on_behalf") or "").split(signing.BLOCK_SEPARATOR) if part.strip()
    )
    current = signing.signature_lines(mode, head=head, signer_title=title, body=body)
    if not stored or stored[-1] != current[-1]:
        # issued before the whole block was kept: the signer's line is not there ("KT. CHỦ TỊCH", "")
        return signing.legacy_signature_lines(mode, head=head, signer_title=title, body=body)
    return stored
