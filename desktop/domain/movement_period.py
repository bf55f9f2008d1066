"""The period of a movement (phong trào thi đua), read the same way by every check that dates work against it.

A movement has a launch date (phát động), a start date (bắt đầu), an end date and a year, any of them possibly
unset. Two different first days matter, and each rule names which one it uses:

- ``first_day``: the earlier of launch and start. Registrations, covenants and reviews are done from the launch on
  (the launch asks units to register), even when the contest itself counts from a later start.
- ``contest_start``: the start, else the launch. What a council votes on and a decision rewards is the work done
  in the contest, so a review round of the movement meets and decides from this day on.

The awards a movement proposes may be for the years from the one its contest starts in to the year after its end
(a decision made after the end); a tổng kết may be held until 31 December of that year too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

# A tổng kết may be held after the movement ends (the closing conference is often in the first months after it), and
# the awards it proposes may be for the year after the end year (a decision made after the end): both up to
# 31 December of the year after the end year, no later.
YEARS_AFTER_END = 1


def _day(value: Any) -> date | None:
    """A date given as a date or ISO text ("YYYY-MM-DD…"), None when unset."""
    if not value:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def first_day(movement: Mapping[str, Any]) -> date | None:
    """The earlier of the launch and the start, None when neither is set."""
    days = [d for d in (_day(movement.get("launch_date")), _day(movement.get("start_date"))) if d]
    return min(days) if days else None


def contest_start(movement: Mapping[str, Any]) -> date | None:
    """The day the contest counts from: its start, else its launch; None when neither is set."""
    return _day(movement.get("start_date")) or _day(movement.get("launch_date"))


def movement_period(movement: Mapping[str, Any]) -> tuple[date | None, date | None]:
    """The first (``first_day``) and last day (its end) of a movement, each None when unknown. Only a movement with a
    year and no date at all runs 1 January … 31 December of that year: a movement launched without an end date is
    open-ended, never given an end it does not have (a regular movement launched in December for the next year)."""
    first, last = first_day(movement), _day(movement.get("end_date"))
    if movement.get("year") and first is None and last is None:
        year = int(movement["year"])
        return date(year, 1, 1), date(year, 12, 31)
    return first, last


def movement_bounds(movement: Mapping[str, Any]) -> tuple[date | None, date | None]:
    """The first and last day work of the movement may bear (:func:`movement_period`), where a regular (yearly)
    movement with a year and no end date ends on 31 December of its year: it is that year's movement. The clerk's
    checks and a province package's change of dates both hold work to these bounds."""
    first, last = movement_period(movement)
    if last is None and movement.get("kind") == "regular" and movement.get("year"):
        last = date(int(movement["year"]), 12, 31)
    return first, last


def proposal_years(movement: Mapping[str, Any]) -> tuple[int | None, int | None]:
    """The years a movement's awards may be proposed for, each bound None when unknown: from the year its contest
    starts (else its year) to the year after the one it ends in (else after its year). A regular (yearly) movement
    is its year's work: launched in December for the next year, its awards are still of its own year, never of the
    year it was launched in (they would land in that year's register and report)."""
    begins = contest_start(movement)
    year = int(movement["year"]) if movement.get("year") else None
    first = begins.year if begins else year
    if movement.get("kind") == "regular" and year is not None and first is not None:
        first = max(first, year)
    _first, last = movement_period(movement)
    last_year = last.year if last else year
    return first, (last_year + YEARS_AFTER_END if last_year else None)
