"""A person's title that rests on another title of the same year is decided on the title held, not on a forecast.

Chiến sĩ thi đua cơ sở needs the person to *achieve* Lao động tiên tiến that year (Luật TĐKT 2022, Điều 23; the
rule pack's ``requires_title``). The eligibility engine counts a person who meets LĐTT's criteria as LĐTT (its
forecast for the review screen), so a council that took a nominee's LĐTT off could still see the CSTĐCS issued.
Here, as for a collective's share of LĐTT (:mod:`desktop.ops.review.member_titles`):

- issuing a decision that confers the title (:func:`refuse_without_required_title`): the person holds the required
  title of the year by an award in force (a decision not cancelled or replaced, one from above, one recorded from
  the past) or is given it by the same decision; no exception reason lifts this, the law has none;
- cancelling or replacing a decision that takes the required title away from someone who holds the title resting
  on it: a note naming that award (:func:`resting_titles_notes`), not a refusal — a wrong decision must stay
  cancellable, and the title resting on it is then reconsidered by whoever conferred it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.dates import year_end
from desktop.domain.rules import RulePack, RulePackError
from desktop.i18n import N_, _
from desktop.ops.review.rounds import held_text
from desktop.store import Store, ValidationError
from desktop.store.review_repo import catalog_name, subject_name

_REQUIRES = "requires_title"
_NAMES_SHOWN = 5  # the nominees a refusal names; the rest are counted


def title_holders(store: Store, year: int, code: str) -> set[int]:
    """The people who hold the title ``code`` of ``year`` by an award in force: the unit's decisions still issued (a
    cancelled or replaced one's rows have left the history), awards from above and those recorded from the past."""
    return {
        int(r["staff_id"])
        for r in store.query(
            "SELECT DISTINCT a.staff_id FROM awards a LEFT JOIN decisions d ON d.id = a.decision_id "
            "WHERE a.year = ? AND a.code = ? AND a.target_kind = 'individual' AND a.staff_id IS NOT NULL "
            "AND (a.decision_id IS NULL OR d.status = 'issued')",
            (year, code),
        )
    }


def required_title(pack: RulePack, code: str, on: date) -> tuple[str, str] | None:
    """(the title of the same year ``code`` rests on, its citation) on that date, or None when it rests on none."""
    if not pack.has_param(code, _REQUIRES):
        return None
    cited = pack.param_cited(code, _REQUIRES, on)
    required = str(cited.value or "")
    return (required, cited.citation()) if required and pack.has(required) else None


_ISSUE_REFUSED = N_(
    "Danh hiệu “{title}” cần người được tặng đạt danh hiệu “{required}” năm {year} ({law}); chưa có danh hiệu "
    "“{required}” năm {year} (theo quyết định đang có hiệu lực hoặc được tặng trong quyết định này): {names}. Hãy "
    "ra quyết định tặng “{required}” cho những người đủ điều kiện trước (hoặc trong cùng quyết định), hoặc bỏ các "
    "đề nghị này khỏi quyết định."
)


def refuse_without_required_title(
    store: Store, pack: RulePack, rows: list[dict[str, Any]], year: int, when: date
) -> None:
    """Refuse a decision (its nominations ``rows``, signed ``when``) that confers on a person a title resting on
    another of ``year`` the person does not hold (by an award in force, in this transaction too) and is not given
    by this decision. One message names every such nominee of the first title found short."""
    given: dict[str, set[int]] = {}
    for row in rows:
        if row["target_kind"] == "individual" and row["staff_id"] is not None:
            given.setdefault(str(row["code"]), set()).add(int(row["staff_id"]))
    checked: dict[str, set[int]] = {}
    short: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in rows:
        if row["target_kind"] != "individual" or row["staff_id"] is None:
            continue
        try:
            found = required_title(pack, str(row["code"]), when)
        except RulePackError as exc:
            raise ValidationError(str(exc), field="decision_date") from None
        if found is None:
            continue
        required, law = found
        if required not in checked:
            checked[required] = title_holders(store, year, required) | given.get(required, set())
        if int(row["staff_id"]) not in checked[required]:
            short.setdefault((str(row["code"]), required, law), []).append(row)
    for (code, required, law), missing in short.items():
        names = [
            _("{name} (đề nghị số {id})").format(
                name=subject_name(store, "individual", row["staff_id"], None, ""), id=row["id"]
            )
            for row in missing
        ]
        shown = ", ".join(names[:_NAMES_SHOWN])
        if len(names) > _NAMES_SHOWN:
            shown = _("{names} và {n} người khác").format(names=shown, n=len(names) - _NAMES_SHOWN)
        raise ValidationError(
            _(_ISSUE_REFUSED).format(
                title=catalog_name(pack, code),
                required=catalog_name(pack, required),
                year=year,
                law=law,
                names=shown,
            ),
            field="nomination_ids",
            row=int(missing[0]["id"]),
        )


_TAKEN_NOTE = N_(
    "{name} không còn danh hiệu “{required}” năm {year}, nhưng vẫn có danh hiệu “{title}” năm {year} theo "
    "{decision}; danh hiệu “{title}” cần đạt danh hiệu “{required}” ({law}). {then}"
)
_THEN_UNIT = N_("Hãy xem xét thay thế hoặc hủy bỏ quyết định tặng danh hiệu đó.")
_THEN_ABOVE = N_("Hãy báo cấp trên để xem xét lại khen thưởng này.")


def resting_titles_notes(store: Store, pack: RulePack, lines: list[dict[str, Any]], *, year: int) -> list[str]:
    """For each person whose title of ``year`` taken back by ``lines`` (cancelled, or dropped from a replacement;
    read after those awards left the history) another title in force rests on: what the clerk must see to."""
    lost = {
        (int(line["staff_id"]), str(line["code"]))
        for line in lines
        if line["target_kind"] == "individual" and line["staff_id"]
    }
    notes: list[str] = []
    holders = {code: title_holders(store, year, code) for code in {code for _staff, code in lost}}  # one read a title
    for staff_id, code in sorted(lost):
        if staff_id in holders[code]:
            continue  # still held by another award in force
        for award in store.query(
            "SELECT a.code, a.source, a.decision_no AS number_text, a.decision_date FROM awards a "
            "LEFT JOIN decisions d ON d.id = a.decision_id WHERE a.year = ? AND a.target_kind = 'individual' "
            "AND a.staff_id = ? AND (a.decision_id IS NULL OR d.status = 'issued') ORDER BY a.id",
            (year, staff_id),
        ):
            try:
                on = date.fromisoformat(str(award["decision_date"])[:10])
            except ValueError:
                on = year_end(year)
            try:
                found = required_title(pack, str(award["code"]), on)
            except RulePackError:
                continue
            if found is None or found[0] != code:
                continue
            notes.append(
                _(_TAKEN_NOTE).format(
                    name=subject_name(store, "individual", staff_id, None, ""),
                    required=catalog_name(pack, code),
                    title=catalog_name(pack, str(award["code"])),
                    year=year,
                    decision=held_text(award),
                    law=found[1],
                    then=_(_THEN_ABOVE) if award["source"] == "above" else _(_THEN_UNIT),
                )
            )
    return notes
