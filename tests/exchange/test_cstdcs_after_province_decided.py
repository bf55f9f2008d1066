"""A CSTĐCS the province has already awarded a Chiến sĩ thi đua cấp tỉnh or a Bằng khen tỉnh on.

While the proposal waits at the province, the unit may not take the CSTĐCS back (tests/ops/test_council_truth.py).
Once the province's decision has come down, the unit's decision must still be cancellable (a wrong decision is
cancelled, whatever came after it), but the clerk is told, by name, that the province's award now rests on a title
that is gone and must be reported. Real packages between two real databases.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.importer import import_file
from desktop.exchange.province import record_decisions
from desktop.ops import review
from desktop.ops.demo import DEMO_COMMUNE_CODE
from desktop.ops.exchange import import_files
from tests.exchange import link, make_province
from tests.ops.test_council_truth import _sent_up_on_cstdcs, demo, round_2025

__all__ = ["demo", "round_2025"]


def _province_awards(unit, prov, tmp_path, nomination_id: int) -> str:
    """The dossier goes up; the province awards ``nomination_id`` and refuses every other proposal of it (nothing is
    left waiting there); its decisions come down. The awarded person's name."""
    link(unit, prov, tmp_path)
    up = export_package(unit, kind="nomination_dossier", year=2025, out=tmp_path / "len.tdkt", with_attachments=False)
    import_files(prov, files=[up])
    sent = unit.query(
        "SELECT n.id, n.uuid FROM nominations n JOIN review_rounds r ON r.id = n.round_id "
        "WHERE n.status = 'sent_up' AND r.year = 2025"
    )
    assert nomination_id in [row["id"] for row in sent]
    for awarded in (True, False):
        record_decisions(
            prov,
            nominations=[(DEMO_COMMUNE_CODE, row["uuid"]) for row in sent if (row["id"] == nomination_id) == awarded],
            awarded=awarded,
            decision_no="45/QĐ-UBND",
            decision_date=date(2026, 3, 2),
            issuer="UBND tỉnh",
        )
    down = export_package(
        prov, kind="province_decisions", year=2025, out=tmp_path / "qd.tdkt", receiver=DEMO_COMMUNE_CODE
    )
    import_file(unit, down)
    assert unit.scalar("SELECT status FROM nominations WHERE id = ?", (nomination_id,)) == "decided"
    assert not [r for r in sent if unit.scalar("SELECT status FROM nominations WHERE id = ?", (r["id"],)) == "sent_up"]
    return str(
        unit.scalar(
            "SELECT full_name FROM staff WHERE id = (SELECT staff_id FROM nominations WHERE id = ?)", (nomination_id,)
        )
    )


@pytest.fixture
def awarded(demo, round_2025, tmp_path):
    """A CSTĐCS decision whose person's upward proposal the province awarded: (decision, that proposal, name)."""
    decision, _dossier, leaning = _sent_up_on_cstdcs(demo, round_2025)
    prov = make_province(tmp_path)
    try:
        name = _province_awards(demo, prov, tmp_path, int(leaning["id"]))
    finally:
        prov.close()
    return decision, leaning, name


def test_cancelling_a_cstdcs_the_province_awarded_on_goes_ahead_with_a_named_warning(demo, awarded):
    decision, leaning, name = awarded
    others = [
        n for n in review.get_decision(demo, decision_id=decision)["awardees"] if n["staff_id"] != leaning["staff_id"]
    ]
    notes = review.revoke_decision(demo, decision_id=decision, reason="Quyết định ban hành sai thẩm quyền")
    assert review.get_decision(demo, decision_id=decision)["status"] == "revoked"
    warned = [n for n in notes if "cấp trên đã quyết định khen" in n]
    assert len(warned) == 1, notes  # only the person the province awarded, not every CSTĐCS of the decision
    assert warned[0].startswith(name) and f"đề nghị số {leaning['id']}" in warned[0]
    assert "Chiến sĩ thi đua cơ sở năm 2025" in warned[0] and "báo cấp trên" in warned[0]
    assert not any(o["snapshot_name"] in n for o in others for n in warned)
    # the province's own award stays in the register: only the province can revisit it
    assert demo.scalar("SELECT count(*) FROM awards WHERE source = 'above' AND decision_no = '45/QĐ-UBND'") == 1


def test_a_replacement_dropping_that_cstdcs_says_the_same(demo, awarded):
    decision, leaning, name = awarded
    line = next(
        a for a in review.get_decision(demo, decision_id=decision)["awardees"] if a["staff_id"] == leaning["staff_id"]
    )
    new_id = review.replace_decision(
        demo,
        decision_id=decision,
        reason="Bỏ người không đủ tiêu chuẩn",
        decision_date=date(2025, 12, 27),
        changes={"remove_register_nos": [line["register_no"]]},
    )
    notes = review.replacement_notes(demo, decision_id=new_id)
    assert [n for n in notes if "cấp trên đã quyết định khen" in n and n.startswith(name)], notes
