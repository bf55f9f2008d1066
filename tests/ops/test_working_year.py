"""Pages open on the year being worked on: the latest open round, else the latest year with data."""

from __future__ import annotations

from datetime import date

from desktop.ops import queries, review
from desktop.ops.demo import fill_demo


def test_an_empty_file_opens_on_the_calendars_year(unit_store):
    assert queries.working_year(unit_store, date(2026, 12, 4)) == 2026
    assert queries.working_year(unit_store, date(2026, 3, 4)) == 2025
    assert queries.years_with_data(unit_store) == []


def test_the_latest_open_round_wins_and_old_data_is_found(unit_store):
    fill_demo(unit_store, today=date(2024, 12, 4))  # ratings up to 2024, decisions in earlier years
    assert queries.working_year(unit_store, date(2026, 12, 4)) == 2024  # not an empty 2026
    assert queries.years_with_data(unit_store)[0] == 2024
    review.create_round(unit_store, year=2025, today=date(2025, 12, 1))
    assert queries.working_year(unit_store, date(2026, 12, 4)) == 2025
