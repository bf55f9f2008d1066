"""The reports page's figures and the movements' documents (đăng ký, giao ước, sơ kết/tổng kết, report).

The documents are Vietnamese whatever the screen's language: their figures are worded with
:data:`~desktop.ops.movements.common.IN_VIETNAMESE` (the screen's reports page words them with ``_``), and a review
prints the ranking it froze in Vietnamese (:func:`~desktop.ops.movements.reviews.create_review`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from desktop.documents import movement_docs
from desktop.documents.achievement_report import unit_header
from desktop.domain import codes
from desktop.domain import movement_report as mr
from desktop.domain.dates import format_date
from desktop.i18n import _
from desktop.ops import officials
from desktop.ops.collectives import year_ratings
from desktop.ops.movements.common import IN_VIETNAMESE, get_movement_row
from desktop.ops.movements.lifecycle import get_movement, list_movements, period_text
from desktop.ops.movements.models import search_models
from desktop.ops.movements.reviews import get_review
from desktop.store import NotFoundError, Store, ValidationError, movements_repo
from desktop.store.rules_repo import effective_pack


def _award_figures(store: Store, rows: list[dict[str, Any]], translate: Callable[[str], str] = _) -> dict[str, Any]:
    """Counts and shares of these awards by title/form, department, gender, ethnicity and position; the sentences
    worded by ``translate``."""
    pack = effective_pack(store)
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
        for row in rows
    ]
    return mr.figures(facts, translate=translate)


def report(
    store: Store, *, year: int, movement_id: int | None = None, translate: Callable[[str], str] = _
) -> dict[str, Any]:
    """The reports page's figures: awards of the year (or of one movement's rounds) by title/form and by person.

    ``collective_ratings``: each collective of the year (one stopped since is kept) with its own rating of it and
    its members (the input of TTLĐTT and TTLĐXS), whatever the movement. The sentences (``highlights``) and the
    ratings' words are worded by ``translate``: the screen's language unless told (:func:`export_report` prints
    them in Vietnamese).
    """
    movement = get_movement_row(store, movement_id) if movement_id is not None else None
    rows = movements_repo.award_rows(store, year=year, movement_id=movement_id)
    data = _award_figures(store, rows, translate)
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
            "collective_ratings": year_ratings(store, year=year, translate=translate),
        }
    )
    return data


def _unit(store: Store) -> Any:
    return unit_header(store)


def export_registrations(store: Store, *, movement_id: int, out: Path | str) -> Path:
    movement = get_movement(store, movement_id)
    document = movement_docs.registration_document(_unit(store), movement, movement["registrations"])
    return movement_docs.render(document, out)


def export_covenant(store: Store, *, movement_id: int, out: Path | str, covenant_id: int | None = None) -> Path:
    """Print the covenant ``covenant_id`` of the movement as it was signed; without ``covenant_id``, its only one (a
    movement whose several blocks signed is refused, naming each covenant's number: the printed one is chosen)."""
    movement = get_movement(store, movement_id)
    covenant = _chosen_covenant(movement, covenant_id)
    # as signed (schema 14); one signed before prints from the movement as it is now
    terms = covenant["terms"] or movements_repo.covenant_terms(store, movement_id, covenant["block_id"])
    unit = _unit(store)
    if terms.get("header"):  # the unit's name and place when it signed (kept since schema 14)
        unit = replace(unit, **terms["header"])
    # the movement's name and period as signed: kept in the terms, else (signed by an older version) as the audit
    # log shows them when the covenant was written
    signed_as = terms.get("movement") or movements_repo.movement_when_written(
        store, movement_id, "covenants", covenant["uuid"]
    )
    document = movement_docs.covenant_document(unit, _movement_as(movement, signed_as), covenant, terms)
    return movement_docs.render(document, out)


def _movement_as(movement: dict[str, Any], signed_as: dict[str, Any] | None) -> dict[str, Any]:
    """``movement`` with the name, kind and period a paper was signed under (``signed_as``: None keeps it)."""
    if not signed_as:
        return movement
    then = {**movement, **signed_as}
    then["period"] = period_text(then)
    return then


def _chosen_covenant(movement: dict[str, Any], covenant_id: int | None) -> dict[str, Any]:
    covenants = movement["covenants"]
    if not covenants:
        raise ValidationError(
            _("Phong trào “{name}” chưa có giao ước thi đua nào.").format(name=movement["name"]), field="covenant"
        )
    listed = "; ".join(
        _("số {id}: {block}, ký ngày {date}").format(
            id=c["id"], block=c["block_name"], date=format_date(c["signed_on"])
        )
        for c in covenants
    )
    if covenant_id is None:
        if len(covenants) == 1:
            return dict(covenants[0])
        raise ValidationError(
            _("Phong trào “{name}” có {count} giao ước thi đua ({covenants}); hãy chọn giao ước cần in.").format(
                name=movement["name"], count=len(covenants), covenants=listed
            ),
            field="covenant",
        )
    for covenant in covenants:
        if covenant["id"] == covenant_id:
            return dict(covenant)
    raise NotFoundError(
        _("Phong trào “{name}” không có giao ước thi đua số {id}; các giao ước của phong trào: {covenants}.").format(
            name=movement["name"], id=covenant_id, covenants=listed
        )
    )


def export_review(store: Store, *, review_id: int, out: Path | str) -> Path:
    review_row = get_review(store, review_id)
    movement = get_movement(store, review_row["movement_id"])
    signed_on = date.fromisoformat(str(review_row["review_date"])[:10])
    # the movement's awards to the review's day, of every year it ran: a tổng kết held in January after the
    # movement ended reported the new year's awards (none, or another movement's share)
    rows = movements_repo.award_rows(store, year=None, movement_id=movement["id"], decided_by=signed_on.isoformat())
    figures = _award_figures(store, rows, IN_VIETNAMESE)
    # the movement's name and period when the review was recorded (the audit log): a rename later is not reprinted
    held_as = movements_repo.movement_when_written(
        store, movement["id"], "movement_reviews", review_row["uuid"], first=True
    )
    document = movement_docs.review_document(
        officials.unit_header_on(store, signed_on), _movement_as(movement, held_as), review_row, figures
    )
    return movement_docs.render(document, out)


def export_report(store: Store, *, year: int, out: Path | str, movement_id: int | None = None) -> Path:
    """The reports page as .pdf (tables and bar charts) or .xlsx (tables and Excel bar charts)."""
    data = report(store, year=year, movement_id=movement_id, translate=IN_VIETNAMESE)
    target = Path(out)
    if target.suffix.lower() == ".xlsx":
        return movement_docs.report_xlsx(data, target)
    if target.suffix.lower() == ".pdf":
        return movement_docs.report_pdf(_unit(store), data, target)
    raise ValidationError(_("Không xuất được tệp {path}: hãy chọn đuôi .pdf hoặc .xlsx.").format(path=target))
