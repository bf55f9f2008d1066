"""What a unit recorded for a movement, held against the movement's period.

A movement's dates are changed by the province's package (exchange.importer) or by the unit's own edit
(ops.movements.lifecycle); both refuse a change that would leave outside the movement what the unit recorded for it:
a registration, a covenant, a sơ kết or tổng kết, a review round's proposals. One reading, one rule, for both.
Kept below ``ops`` so the importer can use it; the unit's edit loads it only when a period changes. Here too: whether
a movement a province's record describes (alone or merged with the unit's edits) has dates a clerk could have typed
(:func:`movement_problem`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.dates import YEARS, format_date
from desktop.domain.movement_period import YEARS_AFTER_END, first_day, movement_bounds, proposal_years
from desktop.i18n import _
from desktop.store.db import Store

# The fields of a movement that make its period.
MOVEMENT_DATE_FIELDS = ("launch_date", "start_date", "end_date", "year")


def _day(text: str) -> date:
    return date.fromisoformat(str(text)[:10])


def _recorded_work(store: Store, movement_id: int) -> tuple[list[dict[str, Any]], ...]:
    """What the unit recorded for a movement: registrations and covenants with their day, its reviews, the review
    rounds holding its proposals (read once, then judged against any period by :func:`_work_outside`)."""
    dated = store.query(
        "SELECT 'registration' AS what, r.registered_on AS day, coalesce(s.full_name, d.name, '') AS who "
        "FROM registrations r LEFT JOIN staff s ON s.id = r.staff_id LEFT JOIN departments d ON d.id = r.department_id "
        "WHERE r.movement_id = ? UNION ALL SELECT 'covenant', c.signed_on, b.name FROM covenants c "
        "JOIN blocks b ON b.id = c.block_id WHERE c.movement_id = ? AND c.signed_on IS NOT NULL ORDER BY 2, 3",
        (movement_id, movement_id),
    )
    reviews = store.query(
        "SELECT kind, review_date FROM movement_reviews WHERE movement_id = ? ORDER BY review_date, id", (movement_id,)
    )
    rounds = store.query(
        "SELECT name, year FROM review_rounds WHERE kind = 'movement' AND movement_id = ? ORDER BY year, id",
        (movement_id,),
    )
    return dated, reviews, rounds


def _work_outside(work: tuple[list[dict[str, Any]], ...], values: dict[str, Any]) -> list[str]:
    """What of the recorded ``work`` (:func:`_recorded_work`) lies outside a movement whose dates and year are
    ``values``, by the rules the clerk's typing follows (ops.movements, domain.movement_period): a registration, a
    covenant or a sơ kết within the movement (from the launch or start, the earlier, to the end; one with only a year:
    that year), a tổng kết from its first day to 31 December of the year after its end; a review round's awards from
    the start year to the year after the end. Scores carry no date: the sơ kết or tổng kết that froze them stands for
    them."""
    dated, reviews, rounds = work
    period_first, period_last = movement_bounds(values)  # a yearly movement without an end: 31/12 of its year
    out: list[str] = []
    for row in dated:
        day = _day(row["day"])
        if (period_first and day < period_first) or (period_last and day > period_last):
            if row["what"] == "registration":
                text = _("bản đăng ký thi đua của {who} ngày {day}")
            else:
                text = _("giao ước thi đua của khối “{who}” ký ngày {day}")
            out.append(text.format(who=row["who"], day=format_date(row["day"])))
    for row in reviews:
        day = _day(row["review_date"])
        latest = (
            period_last
            if row["kind"] == "so_ket" or period_last is None
            else date(period_last.year + YEARS_AFTER_END, 12, 31)
        )
        if (period_first and day < period_first) or (latest and day > latest):
            text = _("hội nghị sơ kết ngày {day}") if row["kind"] == "so_ket" else _("hội nghị tổng kết ngày {day}")
            out.append(text.format(day=format_date(row["review_date"])))
    first_year, last_year = proposal_years(values)
    for row in rounds:
        if (first_year and row["year"] < first_year) or (last_year and row["year"] > last_year):
            out.append(_("đề nghị khen thưởng năm {year} (đợt “{name}”)").format(year=row["year"], name=row["name"]))
    return out


def movement_period_text(values: dict[str, Any]) -> str:
    """The period of a movement as the clerk reads it: "01/08/2026–30/11/2026" ("…" for a bound not set)."""
    bounds = (first_day(values), values.get("end_date"))
    if not any(bounds) and values.get("year"):
        return _("năm {year}").format(year=values["year"])
    return "–".join(format_date(day) if day else "…" for day in bounds)


def movement_work_moved_out(store: Store, movement: dict[str, Any], values: dict[str, Any]) -> list[str]:
    """What the unit recorded for ``movement`` (its row) that changing its dates or year to ``values`` would leave
    outside it (and was inside before): a registration, a covenant, a sơ kết or tổng kết, a review round's proposals.
    Both the province's package and the unit's own edit are refused on a non-empty list (the period stays)."""
    keys = (*MOVEMENT_DATE_FIELDS, "kind")  # the kind too: a yearly movement ends with its year
    new = {key: movement.get(key) for key in keys} | {key: values[key] for key in keys if key in values}
    if all(new[key] == movement.get(key) for key in keys):
        return []
    work = _recorded_work(store, int(movement["id"]))
    before = set(_work_outside(work, movement))
    return [text for text in _work_outside(work, new) if text not in before]


def movement_problem(values: dict[str, Any]) -> tuple[str, list[str]] | None:
    """Why a movements row could not be stored as ``values`` (the record, or the record merged with the unit's own
    edits), and the fields at fault; None when it can. The same rules as a clerk's typing (ops.movements): dates and
    year within the years the program knows, the end not before the start."""
    for key, what in (
        ("launch_date", _("ngày phát động")),
        ("start_date", _("ngày bắt đầu")),
        ("end_date", _("ngày kết thúc")),
    ):
        day = values.get(key)
        if day and not YEARS[0] <= int(str(day)[:4]) <= YEARS[1]:
            return (
                _("{what} {day} có năm ngoài khoảng {low}–{high}; không nhập phong trào này.").format(
                    what=what, day=f"{str(day)[8:10]}/{str(day)[5:7]}/{str(day)[:4]}", low=YEARS[0], high=YEARS[1]
                ),
                [key],
            )
    year = values.get("year")
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        reason = _("năm {year} ngoài khoảng {low}–{high}; không nhập phong trào này.")
        return reason.format(year=year, low=YEARS[0], high=YEARS[1]), ["year"]
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        return (
            _(
                "ghép thay đổi của tỉnh với dữ liệu của đơn vị thì ngày kết thúc ({end}) trước ngày bắt đầu ({start}); "
                "giữ dữ liệu của đơn vị, cần thống nhất lại ngày với tỉnh."
            ).format(end=format_date(end), start=format_date(start)),
            ["start_date", "end_date"],
        )
    launched = values.get("launch_date")
    if launched and end and launched > end:
        return (
            _(
                "ghép thay đổi của tỉnh với dữ liệu của đơn vị thì ngày phát động ({launch}) sau ngày kết thúc "
                "({end}); giữ dữ liệu của đơn vị, cần thống nhất lại ngày với tỉnh."
            ).format(launch=format_date(launched), end=format_date(end)),
            ["launch_date", "end_date"],
        )
    return None
