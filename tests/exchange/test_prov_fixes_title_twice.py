"""Two nominations of one person for one title in one year reach the province (a unit's nomination deleted and
made again, or simply filed twice). The province must not record the title awarded twice: the unit's register
refuses the second (awards_repo.held_award, a title once a year)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.exchange.importer import import_file
from desktop.exchange.province import consolidated, record_decisions
from desktop.store.db import new_uuid, now_iso
from desktop.store.rules_repo import effective_pack
from tests.exchange import LUNG_CU, YEAR, seed_dossier

COPIED = ("round_id", "target_kind", "staff_id", "department_id", "code", "category", "engine_reasons",
          "achievement", "status")  # fmt: skip


def _twice(unit, prov, tmp_path):
    """The unit's dossier carrying the first nomination twice (another UUID), imported at the province."""
    first = seed_dossier(unit)[0]  # CSTD_TINH for the first person
    original = unit.query_one("SELECT * FROM nominations WHERE uuid = ?", (first,))
    again = new_uuid()
    stamp = now_iso()
    with unit.transaction(operation="test.seed"):
        unit.insert(
            "nominations", {k: original[k] for k in COPIED} | {"uuid": again, "created_at": stamp, "updated_at": stamp}
        )
    up = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "len.tdkt", with_attachments=False)
    assert import_file(prov, up).status == "applied"
    return first, again


def _decide(prov, nominations, number="12/QĐ-UBND"):
    return record_decisions(
        prov,
        nominations=[(LUNG_CU, n) for n in nominations],
        awarded=True,
        decision_no=number,
        decision_date=date(YEAR + 1, 3, 1),
        issuer="UBND tỉnh",
    )


def test_province_refuses_to_award_one_title_twice_to_one_person(pair, tmp_path):
    unit, prov = pair
    first, again = _twice(unit, prov, tmp_path)
    with pytest.raises(PackageError) as caught:
        _decide(prov, [first, again])
    message = str(caught.value)
    name = unit.scalar(
        "SELECT s.full_name FROM staff s JOIN nominations n ON n.staff_id = s.id WHERE n.uuid = ?", (first,)
    )
    title = effective_pack(prov).item("CSTD_TINH").name
    assert name in message and title in message and str(YEAR) in message
    summary = consolidated(prov, year=YEAR)
    assert summary["totals"]["decided"] == 0


def test_province_refuses_a_second_decision_awarding_an_awarded_title(pair, tmp_path):
    unit, prov = pair
    first, again = _twice(unit, prov, tmp_path)
    _decide(prov, [first])
    with pytest.raises(PackageError, match="12/QĐ-UBND"):
        _decide(prov, [again], number="13/QĐ-UBND")
    assert consolidated(prov, year=YEAR)["totals"]["decided"] == 1
    # deciding the same nomination again (a corrected number) stays allowed: it replaces its own decision
    _decide(prov, [first], number="14/QĐ-UBND")
    # and a refusal (not awarded) of the duplicate is fine
    record_decisions(prov, nominations=[(LUNG_CU, again)], awarded=False)
