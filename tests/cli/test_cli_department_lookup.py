"""A collective named on the command line (`review add --department`, `movement … --department`) is found whatever
its capitals or spacing, Vietnamese letters included: SQLite's COLLATE NOCASE folded ASCII only, so
"PHÒNG KINH TẾ" was "Không có tập thể"."""

from __future__ import annotations

from desktop.cli.common import department_id
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


def test_a_collective_typed_in_capitals_is_found(store):
    fill_demo(store, today=DEMO_TODAY)
    economy = store.scalar("SELECT id FROM departments WHERE name = 'Phòng Kinh tế'")
    assert department_id(store, "PHÒNG  KINH TẾ") == economy
    assert department_id(store, "phòng kinh tế") == economy
