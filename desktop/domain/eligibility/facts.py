"""What every verdict of the year reads: the pack's values resolved once, each person's facts, the shared checks.

A person's facts (months worked, discipline in force, leave counted or not, awards by code) are computed once and
shared by all their verdicts; the texts of the reasons are built here so people and collectives word them alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from desktop.domain import codes
from desktop.domain.dates import format_date
from desktop.domain.eligibility.verdicts import _PASSING, Reason, Status, _Check
from desktop.domain.history import (
    AwardRecord,
    DisciplineRecord,
    Initiative,
    PersonRecord,
)
from desktop.domain.money import format_number
from desktop.domain.rules import DEFAULT_UNIT_KIND, Cited, RulePack
from desktop.i18n import N_, _

RATING_ORDER = {"KHTNV": 0, "HTNV": 1, "HTTNV": 2, "HTXSNV": 3}


_DISCIPLINE_ORDER = {code: index for index, code in enumerate(codes.DISCIPLINE_LEVELS)}


_LEVEL_ORDER = {code: index for index, code in enumerate(codes.INITIATIVE_LEVELS)}


PERSON_CODES = ("LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH", "GIAY_KHEN")


COLLECTIVE_CODES = ("TTLDTT", "TTLDXS", "GIAY_KHEN")


def _rating_label(code: str | None) -> str:
    return _(codes.RATINGS[code]) if code in codes.RATINGS else _("chưa có xếp loại")


def _at_least(rating: str | None, minimum: str) -> bool:
    return rating is not None and RATING_ORDER.get(rating, -1) >= RATING_ORDER[minimum]


def _percent_text(part: int, whole: int) -> str:
    if whole == 0:
        return "0"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    return format_number(value)


def _months_text(months: Decimal) -> str:
    return format_number(months.quantize(Decimal("0.1"), rounding=ROUND_DOWN))


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def calendar_months(first: date, last: date) -> Decimal:
    """The months from ``first`` to ``last`` (both included) as a calendar counts them: whole months first
    (01/01–30/06 is 6, not 181 × 12 / 365 = 5,95), then the days left as a share of the month they fall in."""
    after = last + timedelta(days=1)
    whole = (after.year - first.year) * 12 + after.month - first.month
    begun = _add_months(first, whole)
    if begun > after:  # the day of the month not reached yet: one whole month fewer
        whole -= 1
        begun = _add_months(first, whole)
    month_days = (_add_months(first, whole + 1) - begun).days
    return Decimal(whole) + Decimal((after - begun).days) / Decimal(month_days)


class _Rules:
    """The pack's values for one evaluation year, resolved once (with their citations)."""

    def __init__(self, pack: RulePack, on: date, unit_kind: str = DEFAULT_UNIT_KIND) -> None:
        self.pack = pack
        self.on = on
        self.unit_kind = unit_kind
        # A code this kind of unit can neither confer nor propose on that date (Gia đình văn hóa at a school) is
        # not evaluated at all.
        self.codes = {
            code
            for code in (*PERSON_CODES, *COLLECTIVE_CODES)
            if pack.has(code) and pack.conferred_by(code, on, unit_kind) != "none"
        }
        self.new_staff_months = pack.setting_cited("new_staff_min_months", on)
        self.maternity = pack.setting_cited("maternity_counts_as_worked", on)
        self.study = (
            pack.setting_cited("study_leave_counts_as_worked", on)
            if pack.has_setting("study_leave_counts_as_worked")
            else None
        )
        self.defer_pending = pack.setting_cited("defer_while_pending", on)
        self.count_from_end = pack.setting_cited("count_from_discipline_end", on)
        self.single_use = pack.setting_cited("initiative_single_use", on)
        self.women_first = pack.setting_cited("women_first_on_tie", on)
        self.min_months = (
            pack.param_cited("LDTT", "min_months_worked", on)
            if pack.has_param("LDTT", "min_months_worked", on)
            else None
        )

        # Lookups are memoised: the same few values are read for each of thousands of people.
        self._memo: dict[tuple[str, str, str], Any] = {}
        self._cites: dict[int, str] = {}
        self._labels: dict[str, str] = {}
        self.texts: dict[str, str] = {}  # reason texts that are the same for everyone
        self._params: dict[tuple[str, str], Cited | None] = {}

    def _cached(self, kind: str, code: str, name: str, compute: Callable[[], Any]) -> Any:
        key = (kind, code, name)
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def cite(self, cited: Cited) -> str:
        text = self._cites.get(id(cited))
        if text is None:
            text = self._cites[id(cited)] = cited.citation()
        return text

    def label(self, code: str) -> str:
        text = self._labels.get(code)
        if text is None:
            text = self._labels[code] = self.pack.item(code).label if self.pack.has(code) else code
        return text

    def param(self, code: str, name: str) -> Cited | None:
        """A criterion in force on the date judged; None when the pack has none then (one a province adds later)."""
        key = (code, name)
        if key not in self._params:
            has = self.pack.has_param(code, name, self.on)
            self._params[key] = self.pack.param_cited(code, name, self.on) if has else None
        return self._params[key]

    def need(self, code: str, name: str) -> Cited:
        cited = self._params.get((code, name))
        if cited is None:
            cited = self._params[(code, name)] = self.pack.param_cited(code, name, self.on)
        return cited

    def params(self, code: str) -> tuple[str, ...]:
        result: tuple[str, ...] = self._cached("params", code, "", lambda: self.pack.params(code, self.on))
        return result

    def ballot(self, code: str) -> Cited | None:
        result: Cited | None = self._cached("ballot", code, "", lambda: self.pack.ballot_threshold_cited(code, self.on))
        return result

    def upward(self, code: str) -> Cited | None:
        def compute() -> Cited | None:
            cited = self.pack.authority_cited(code, self.unit_kind, self.on)
            return cited if cited.value not in ("unit", "none") else None

        result: Cited | None = self._cached("upward", code, "", compute)
        return result


@dataclass(slots=True)
class _Facts:
    """Everything about one person in the year, computed once and shared by all their verdicts."""

    person: PersonRecord
    awards: dict[str, dict[int, AwardRecord]]
    gate: list[tuple[str, str, str]]  # (kind "fail"/"defer", text, cite) applying to every verdict
    counting_start: date
    floor_year: int
    months_worked: Decimal
    worked_notes: list[Reason]
    new_staff_short: bool
    discipline_ended_in_year: bool = False  # achievements count from the discipline's end, inside the year
    reserved: set[str] = field(default_factory=set)
    statuses: dict[str, Status] = field(default_factory=dict)
    score: tuple[int, int, int] = (0, 0, 0)


def _collect_awards(awards: tuple[AwardRecord, ...]) -> dict[str, dict[int, AwardRecord]]:
    result: dict[str, dict[int, AwardRecord]] = {}
    for award in awards:
        result.setdefault(award.code, {})[award.year] = award
    return result


def _discipline_text(record: DisciplineRecord) -> str:
    level = _(codes.DISCIPLINE_LEVELS.get(record.level, record.level))
    until = format_date(record.end) if record.end else _("chưa hết hạn")
    return _("{level} ({start} – {end})").format(level=level, start=format_date(record.start), end=until)


def _first_countable_year(end: date, rules: _Rules) -> int:
    """The first year a run of years may count from after a discipline that ended on ``end``.

    Achievements count from the day after the end (NĐ 152 Điều 4), so the end's own year counts only when what is
    left of it is long enough to be judged (the months LĐTT needs in a year); a khiển trách over the whole of 2024,
    or a cảnh cáo ending 19/12/2024, made 2024 one of the "2 năm liên tục" of a Bằng khen.
    """
    first_day = end + timedelta(days=1)
    if first_day.year > end.year:
        return first_day.year
    needed = rules.min_months or rules.new_staff_months
    left = calendar_months(first_day, date(end.year, 12, 31))
    return end.year if left >= Decimal(needed.value) else end.year + 1


def _merged_periods(periods: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Periods joined where they overlap or touch: leave recorded twice (or in two overlapping rows) counts once."""
    merged: list[tuple[date, date]] = []
    for lo, hi in sorted(periods):
        if merged and lo <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _facts(person: PersonRecord, year: int, rules: _Rules, today: date) -> _Facts | None:
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    start = max(year_start, person.start_date or year_start)
    end = min(year_end, person.end_date or year_end)
    if start > end:
        return None  # not employed in the year: nothing to propose
    gate: list[tuple[str, str, str]] = []
    counting_start = start
    floor_year = year - 100
    law_cite = rules.cite(rules.count_from_end)
    for record in person.disciplines:
        if record.pending:
            if rules.defer_pending.value:
                gate.append(
                    (
                        "defer",
                        _("Đang xem xét kỷ luật ({level}): tạm hoãn xét khen thưởng").format(
                            level=_(codes.DISCIPLINE_LEVELS.get(record.level, record.level))
                        ),
                        rules.cite(rules.defer_pending),
                    )
                )
            continue
        if record.start > max(year_end, today):
            continue
        in_force_year_end = record.start <= year_end and (record.end is None or record.end >= year_end)
        in_force_today = record.start <= today and (record.end is None or record.end >= today)
        if in_force_year_end or in_force_today:
            gate.append(
                (
                    "fail",
                    _("Đang trong thời gian thi hành kỷ luật: {what}").format(what=_discipline_text(record)),
                    law_cite,
                )
            )
            continue
        if record.end is not None and rules.count_from_end.value:
            floor_year = max(floor_year, _first_countable_year(record.end, rules))
            if record.end >= counting_start:
                counting_start = record.end + timedelta(days=1)
    if person.under_investigation and rules.defer_pending.value:
        gate.append(
            (
                "defer",
                _("Đang bị điều tra, thanh tra, kiểm tra hoặc có khiếu nại chưa giải quyết: tạm hoãn xét khen thưởng"),
                rules.cite(rules.defer_pending),
            )
        )

    notes: list[Reason] = []
    if counting_start > start:
        notes.append(
            Reason(
                _("Hết thời hạn kỷ luật: thành tích tính từ ngày {date}").format(date=format_date(counting_start)),
                law_cite,
                None,
            )
        )
    # Leave that does not count as work is subtracted (merged first so overlaps are not counted twice).
    off: list[tuple[date, date]] = []
    maternity: list[tuple[date, date]] = []
    study: list[tuple[date, date]] = []
    for leave in person.leaves:
        lo, hi = max(leave.start, counting_start), min(leave.end, end)
        if lo > hi:
            continue
        if leave.kind == "maternity" and leave.counts_as_worked is None:
            counts = bool(rules.maternity.value)
            if counts:
                maternity.append((lo, hi))
        elif leave.kind == "study" and leave.counts_as_worked is None and rules.study is not None:
            counts = bool(rules.study.value)
            if counts:
                study.append((lo, hi))
        elif leave.counts_as_worked is None:
            counts = codes.LEAVE_COUNTS_AS_WORKED.get(leave.kind, False)
        else:
            counts = leave.counts_as_worked
        if not counts:
            off.append((lo, hi))
    merged = _merged_periods(off)
    off_days = sum((hi - lo).days + 1 for lo, hi in merged)
    maternity_days = sum((hi - lo).days + 1 for lo, hi in _merged_periods(maternity))
    study_days = sum((hi - lo).days + 1 for lo, hi in _merged_periods(study))
    for days, text, cited in (
        (maternity_days, N_("Nghỉ thai sản {days} ngày được tính là thời gian công tác"), rules.maternity),
        (study_days, N_("Thời gian đi học {days} ngày được tính là thời gian công tác"), rules.study),
        # the measure of the year's working time, not a law on sick or unpaid leave (none is cited for it)
        (off_days, N_("Nghỉ không tính là thời gian công tác: {days} ngày"), rules.min_months),
    ):
        if days and cited is not None:
            notes.append(Reason(_(text).format(days=days), rules.cite(cited), None))
    days_in_year = (year_end - year_start).days + 1
    months = Decimal(0)
    if counting_start <= end:
        months_off = sum((calendar_months(lo, hi) for lo, hi in merged), Decimal(0))
        months = max(Decimal(0), calendar_months(counting_start, end) - months_off)

    new_staff_short = False
    if person.start_date is not None and person.start_date > year_start:
        needed = Decimal(rules.new_staff_months.value)
        if needed == needed.to_integral_value():
            new_staff_short = _add_months(person.start_date, int(needed)) > end + timedelta(days=1)
        else:
            span = (end - person.start_date).days + 1
            new_staff_short = Decimal(span) * 12 / Decimal(days_in_year) < needed

    return _Facts(
        person=person,
        awards=_collect_awards(person.awards),
        gate=gate,
        counting_start=counting_start,
        floor_year=floor_year,
        months_worked=months,
        worked_notes=notes,
        new_staff_short=new_staff_short,
        discipline_ended_in_year=counting_start > start,
    )


def _apply_gate(check: _Check, facts: _Facts) -> None:
    for kind, text, cite in facts.gate:
        if kind == "defer":
            check.defer(text, cite)
        else:
            check.fail(text, cite)


def _free_initiatives(
    facts: _Facts, rules: _Rules, years: range, levels: tuple[str, ...], check: _Check | None
) -> list[Initiative]:
    """Initiatives of the given levels recognised in ``years`` that may still back an award, best first.

    Used ones are reported on ``check`` (one initiative backs one award: Công văn 5007/BNV-TĐKT/2023).
    """
    free: list[Initiative] = []
    for initiative in facts.person.initiatives:
        if initiative.recognized_year not in years or initiative.level not in levels:
            continue
        if rules.single_use.value and (initiative.used_for_award or initiative.id in facts.reserved):
            if check is not None:
                if initiative.used_for_award:
                    text = _("Sáng kiến “{title}” đã dùng làm căn cứ cho khen thưởng khác ({award})").format(
                        title=initiative.title, award=initiative.used_for_award
                    )
                else:
                    text = _("Sáng kiến “{title}” đã dành cho đề nghị khác trong năm nay").format(
                        title=initiative.title
                    )
                check.note(text, rules.cite(rules.single_use))
            continue
        free.append(initiative)
    free.sort(key=lambda i: (_LEVEL_ORDER.get(i.level, 0), i.recognized_year, i.id))
    return free


def _level_label(level: str) -> str:
    return _(codes.INITIATIVE_LEVELS.get(level, level)).lower()


def _run(has: Callable[[int], bool], year: int, floor: int) -> list[int]:
    years: list[int] = []
    current = year
    while current >= floor and has(current):
        years.append(current)
        current -= 1
    return years[::-1]


def _years_text(years: list[int], year: int, history: dict[int, AwardRecord], proposed: bool) -> str:
    if not years:
        return _("chưa có năm nào")
    parts = []
    for y in years:
        record = history.get(y)
        if record is not None and record.source == "above":
            parts.append(_("{year} (cấp trên khen)").format(year=y))
        elif record is None and y == year and proposed:
            parts.append(_("{year} (đề nghị năm nay)").format(year=y))
        else:
            parts.append(str(y))
    return ", ".join(parts)


def _this_year(facts: _Facts, code: str, year: int) -> tuple[bool, bool]:
    """(has it this year, only as a proposal awaiting the council's vote)."""
    if year in facts.awards.get(code, {}):
        return True, False
    status = facts.statuses.get(code)
    return status in _PASSING, status == Status.NEEDS_VOTE


_UPWARD_TEXTS = {
    "district": N_("Đơn vị đề nghị, Chủ tịch Ủy ban nhân dân cấp huyện xét quyết định"),
    "province": N_("Đơn vị đề nghị, Chủ tịch Ủy ban nhân dân cấp tỉnh xét quyết định"),
    "central": N_("Đơn vị đề nghị, cấp trung ương xét quyết định"),
}


def _needs_ballot(check: _Check, rules: _Rules, code: str, *, share: bool = False) -> None:
    """The council's secret ballot, when the pack asks for one and no criterion failed (``share``: say how many
    of all members must agree)."""
    ballot = rules.ballot(code)
    if ballot is None or check.failed:
        return
    text = (
        _("Cần Hội đồng bỏ phiếu kín, đạt từ {percent}% tổng số thành viên").format(
            percent=format_number(Decimal(ballot.value).normalize())
        )
        if share
        else _("Cần Hội đồng bỏ phiếu kín")
    )
    check.needs_vote(text, rules.cite(ballot))


def _upward_note(check: _Check, rules: _Rules, code: str) -> None:
    """Who decides when it is not the unit, with the law of the date (the district chair before 1/7/2025)."""
    upward = rules.upward(code)
    if upward is not None:
        text = _UPWARD_TEXTS.get(str(upward.value))
        check.note(_(text) if text else _("Đơn vị đề nghị, cấp trên xét quyết định"), rules.cite(upward))


def _notes(check: _Check, rules: _Rules, code: str) -> None:
    for name in rules.params(code):
        if name.startswith("note_"):
            cited = rules.need(code, name)
            check.note(_("Cần kiểm tra: {text}").format(text=cited.value), rules.cite(cited))
