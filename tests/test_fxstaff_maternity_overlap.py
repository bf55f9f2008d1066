"""Two overlapping maternity rows (the same leave recorded twice, or a correction added beside the first) were
counted twice in the note "Nghỉ thai sản … ngày được tính là thời gian công tác"; unpaid leave was merged first."""

from __future__ import annotations

from datetime import date

from desktop.domain.eligibility import evaluate
from desktop.domain.history import LeavePeriod, PersonRecord, UnitData
from desktop.domain.rules import load_default_pack

YEAR = 2026


def test_overlapping_maternity_rows_are_counted_once():
    leaves = (
        LeavePeriod("maternity", date(YEAR, 1, 1), date(YEAR, 6, 30)),
        LeavePeriod("maternity", date(YEAR, 3, 1), date(YEAR, 6, 30)),
    )
    someone = PersonRecord(
        id=1, uuid="u1", name="Nguyễn Thị Hoa", start_date=date(2015, 1, 1), ratings={YEAR: "HTTNV"}, leaves=leaves
    )
    (found,) = [
        v for v in evaluate(UnitData([someone]), YEAR, load_default_pack(), today=date(2027, 1, 10)) if v.code == "LDTT"
    ]
    notes = [r.text for r in found.reasons if r.text.startswith("Nghỉ thai sản")]
    assert notes == ["Nghỉ thai sản 181 ngày được tính là thời gian công tác"]
