"""The eligibility engine: who may be proposed for which title or award this year, and why.

Public API::

    verdicts = evaluate(data, 2025, pack, today=date(2026, 1, 10))
    for v in verdicts:
        v.subject, v.subject_id, v.subject_name, v.code   # "person"/"collective", id, name, "CSTDCS"
        v.status          # Status.ELIGIBLE / NOT_ELIGIBLE / NEEDS_VOTE / DEFERRED
        v.lines()         # ["Xếp loại năm 2025: … — Luật TĐKT 2022, Điều 24", …]

``data`` is a :class:`desktop.domain.history.UnitData` (people, collectives, their ratings, leave, discipline,
initiatives and award history, including awards received from above). Every threshold comes from the rule
pack; every reason carries the citation of the value it used. Evaluated per person once, then per collective
from the members' results, so a unit of 5,000 staff with 10 years of history takes well under half a second.

Verdicts for people: LDTT, CSTDCS, CSTD_TINH (nomination), BK_TINH (nomination), GIAY_KHEN; for collectives:
TTLDTT, TTLDXS, GIAY_KHEN — each only if the pack's catalog has the code.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import Any

from desktop.domain import codes
from desktop.domain.dates import format_date
from desktop.domain.history import (
    AwardRecord,
    CollectiveRecord,
    DisciplineRecord,
    Initiative,
    PersonRecord,
    UnitData,
)
from desktop.domain.money import format_number
from desktop.domain.rules import DEFAULT_UNIT_KIND, Cited, RulePack
from desktop.domain.text import sort_key
from desktop.i18n import N_, _


class Status(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_VOTE = "needs_vote"
    DEFERRED = "deferred"


STATUS_LABELS: dict[Status, str] = {
    Status.ELIGIBLE: N_("Đủ điều kiện"),
    Status.NOT_ELIGIBLE: N_("Không đủ điều kiện"),
    Status.NEEDS_VOTE: N_("Cần Hội đồng xem xét, bỏ phiếu"),
    Status.DEFERRED: N_("Tạm hoãn xét"),
}

RATING_ORDER = {"KHTNV": 0, "HTNV": 1, "HTTNV": 2, "HTXSNV": 3}
_DISCIPLINE_ORDER = {code: index for index, code in enumerate(codes.DISCIPLINE_LEVELS)}
_LEVEL_ORDER = {code: index for index, code in enumerate(codes.INITIATIVE_LEVELS)}
PERSON_CODES = ("LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH", "GIAY_KHEN")
COLLECTIVE_CODES = ("TTLDTT", "TTLDXS", "GIAY_KHEN")
_PASSING = (Status.ELIGIBLE, Status.NEEDS_VOTE)


@dataclass(frozen=True, slots=True)
class Reason:
    """One criterion checked: the text, the citation of the rule, and whether it was met (None = a note)."""

    text: str
    cite: str
    met: bool | None = None

    def __str__(self) -> str:
        return f"{self.text} — {self.cite}" if self.cite else self.text


@dataclass(slots=True)
class Verdict:
    subject: str  # "person" | "collective"
    subject_id: int | str
    subject_uuid: str
    subject_name: str
    code: str
    status: Status
    reasons: list[Reason]
    initiative_ids: tuple[str, ...] = ()  # initiatives this proposal relies on (one award each)
    rank: int | None = None  # position among CSTĐCS candidates when a province cap applies

    def lines(self) -> list[str]:
        return [str(reason) for reason in self.reasons]

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS[self.status])


class _Check:
    """Collects the reasons of one verdict and derives its status."""

    __slots__ = ("deferred", "failed", "reasons", "vote")

    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.failed = False
        self.deferred = False
        self.vote = False

    def ok(self, text: str, cite: str) -> None:
        self.reasons.append(Reason(text, cite, True))

    def fail(self, text: str, cite: str) -> None:
        self.reasons.append(Reason(text, cite, False))
        self.failed = True

    def defer(self, text: str, cite: str) -> None:
        self.reasons.append(Reason(text, cite, None))
        self.deferred = True

    def note(self, text: str, cite: str) -> None:
        self.reasons.append(Reason(text, cite, None))

    def needs_vote(self, text: str, cite: str) -> None:
        self.reasons.append(Reason(text, cite, None))
        self.vote = True

    def check(self, condition: bool, text: str, cite: str) -> bool:
        (self.ok if condition else self.fail)(text, cite)
        return condition

    def status(self) -> Status:
        if self.failed:
            return Status.NOT_ELIGIBLE
        if self.deferred:
            return Status.DEFERRED
        if self.vote:
            return Status.NEEDS_VOTE
        return Status.ELIGIBLE


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
        key = (code, name)
        if key not in self._params:
            self._params[key] = self.pack.param_cited(code, name, self.on) if self.pack.has_param(code, name) else None
        return self._params[key]

    def need(self, code: str, name: str) -> Cited:
        cited = self._params.get((code, name))
        if cited is None:
            cited = self._params[(code, name)] = self.pack.param_cited(code, name, self.on)
        return cited

    def params(self, code: str) -> tuple[str, ...]:
        result: tuple[str, ...] = self._cached("params", code, "", lambda: self.pack.params(code))
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
            floor_year = max(floor_year, record.end.year)
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
    maternity_days = 0
    study_days = 0
    for leave in person.leaves:
        lo, hi = max(leave.start, counting_start), min(leave.end, end)
        if lo > hi:
            continue
        if leave.kind == "maternity" and leave.counts_as_worked is None:
            counts = bool(rules.maternity.value)
            if counts:
                maternity_days += (hi - lo).days + 1
        elif leave.kind == "study" and leave.counts_as_worked is None and rules.study is not None:
            counts = bool(rules.study.value)
            if counts:
                study_days += (hi - lo).days + 1
        elif leave.counts_as_worked is None:
            counts = codes.LEAVE_COUNTS_AS_WORKED.get(leave.kind, False)
        else:
            counts = leave.counts_as_worked
        if not counts:
            off.append((lo, hi))
    off_days = 0
    if off:
        off.sort()
        cur_lo, cur_hi = off[0]
        for lo, hi in off[1:]:
            if lo <= cur_hi + timedelta(days=1):
                cur_hi = max(cur_hi, hi)
            else:
                off_days += (cur_hi - cur_lo).days + 1
                cur_lo, cur_hi = lo, hi
        off_days += (cur_hi - cur_lo).days + 1
    if maternity_days:
        notes.append(
            Reason(
                _("Nghỉ thai sản {days} ngày được tính là thời gian công tác").format(days=maternity_days),
                rules.cite(rules.maternity),
                None,
            )
        )
    if study_days and rules.study is not None:
        notes.append(
            Reason(
                _("Thời gian đi học {days} ngày được tính là thời gian công tác").format(days=study_days),
                rules.cite(rules.study),
                None,
            )
        )
    if off_days:
        notes.append(
            Reason(
                _("Nghỉ không tính là thời gian công tác: {days} ngày").format(days=off_days),
                rules.cite(rules.maternity),
                None,
            )
        )
    days_in_year = (year_end - year_start).days + 1
    worked_days = max(0, (end - counting_start).days + 1 - off_days) if counting_start <= end else 0
    months = Decimal(worked_days) * 12 / Decimal(days_in_year)

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


# -- people ----------------------------------------------------------------------------------------------------


def _verdict(facts: _Facts, code: str, check: _Check, initiatives: tuple[str, ...] = ()) -> Verdict:
    status = check.status()
    facts.statuses[code] = status
    person = facts.person
    return Verdict("person", person.id, person.uuid, person.name, code, status, check.reasons, initiatives)


def _ldtt(facts: _Facts, year: int, rules: _Rules) -> Verdict:
    check = _Check()
    _apply_gate(check, facts)
    min_rating = rules.need("LDTT", "min_rating")
    rating = facts.person.ratings.get(year)
    check.check(
        _at_least(rating, min_rating.value),
        _("Xếp loại năm {year}: {rating} (cần {minimum} trở lên)").format(
            year=year, rating=_rating_label(rating), minimum=_rating_label(min_rating.value)
        ),
        rules.cite(min_rating),
    )
    if facts.new_staff_short:
        check.fail(
            _("Mới tuyển dụng từ {date}: chưa đủ {months} tháng công tác trong năm, không xét").format(
                date=format_date(facts.person.start_date), months=format_number(Decimal(rules.new_staff_months.value))
            ),
            rules.cite(rules.new_staff_months),
        )
    else:
        check.reasons.extend(facts.worked_notes)
        min_months = rules.need("LDTT", "min_months_worked")
        needed = Decimal(min_months.value)
        check.check(
            facts.months_worked >= needed,
            _("Thời gian công tác tính trong năm: {months} tháng (cần từ {needed} tháng)").format(
                months=_months_text(facts.months_worked), needed=format_number(needed)
            ),
            rules.cite(min_months),
        )
    ballot = rules.ballot("LDTT")
    if ballot is not None and not check.failed:
        check.needs_vote(_("Cần Hội đồng bỏ phiếu kín"), rules.cite(ballot))
    _upward_note(check, rules, "LDTT")
    return _verdict(facts, "LDTT", check)


def _this_year(facts: _Facts, code: str, year: int) -> tuple[bool, bool]:
    """(has it this year, only as a proposal awaiting the council's vote)."""
    if year in facts.awards.get(code, {}):
        return True, False
    status = facts.statuses.get(code)
    return status in _PASSING, status == Status.NEEDS_VOTE


def _requires(check: _Check, facts: _Facts, rules: _Rules, code: str, required: str, year: int) -> bool:
    """The title this one builds on (CSTĐCS needs LĐTT): passes, is deferred, or fails."""
    cite = rules.cite(rules.need(code, "requires_title"))
    has, _pending_vote = _this_year(facts, required, year)
    if has:
        check.ok(_("Đạt điều kiện {title} năm {year}").format(title=rules.label(required), year=year), cite)
        return True
    if facts.statuses.get(required) == Status.DEFERRED:
        check.defer(_("Chờ kết quả xét {title} năm {year}").format(title=rules.label(required), year=year), cite)
        return False
    check.fail(_("Không đạt {title} năm {year}").format(title=rules.label(required), year=year), cite)
    return False


def _cstdcs(facts: _Facts, year: int, rules: _Rules) -> Verdict:
    code = "CSTDCS"
    check = _Check()
    _apply_gate(check, facts)
    _requires(check, facts, rules, code, rules.need(code, "requires_title").value, year)
    excellent = rules.need(code, "excellent_rating")
    suffices = rules.param(code, "excellent_rating_suffices")
    levels = tuple(rules.need(code, "initiative_levels").value)
    rating = facts.person.ratings.get(year)
    used: tuple[str, ...] = ()
    is_excellent = rating == excellent.value and (suffices is None or bool(suffices.value))
    free = _free_initiatives(facts, rules, range(year, year + 1), levels, None if is_excellent else check)
    if is_excellent:
        check.ok(
            _("Xếp loại năm {year}: {rating}").format(year=year, rating=_rating_label(rating)), rules.cite(excellent)
        )
    elif suffices is not None and not suffices.value and not free:
        check.fail(
            _(
                "Năm {year} không có sáng kiến, đề tài được công nhận còn dùng được (bắt buộc theo quy định lúc đó)"
            ).format(year=year),
            rules.cite(suffices),
        )
    elif free:
        chosen = free[0]
        used = (chosen.id,)
        check.ok(
            _("Có sáng kiến “{title}” được công nhận {level} năm {year}").format(
                title=chosen.title, level=_level_label(chosen.level), year=chosen.recognized_year
            ),
            rules.cite(rules.need(code, "initiative_levels")),
        )
    else:
        check.fail(
            _("Năm {year} không xếp loại {rating} và không có sáng kiến được công nhận còn dùng được").format(
                year=year, rating=_rating_label(excellent.value)
            ),
            rules.cite(excellent),
        )
    facts.score = (RATING_ORDER.get(rating or "", -1), len(free), 0)
    ballot = rules.ballot(code)
    if ballot is not None and not check.failed:
        check.needs_vote(
            _("Cần Hội đồng bỏ phiếu kín, đạt từ {percent}% tổng số thành viên").format(
                percent=format_number(Decimal(ballot.value).normalize())
            ),
            rules.cite(ballot),
        )
    _upward_note(check, rules, code)
    verdict = _verdict(facts, code, check, used)
    if verdict.status in _PASSING:
        facts.reserved.update(used)
    return verdict


def _consecutive(
    check: _Check, facts: _Facts, rules: _Rules, year: int, title: str, needed: Cited, run_cite: str
) -> bool:
    """Consecutive years of ``title`` ending this year (history incl. awards from above, or this year's proposal).

    Returns whether the run is long enough only thanks to this year's proposal still awaiting the council's vote.
    """
    history = facts.awards.get(title, {})
    has_now, pending_vote = _this_year(facts, title, year)
    years = _run(lambda y: y in history or (y == year and has_now), year, facts.floor_year)
    count = int(needed.value)
    text_years = _years_text(years, year, history, has_now)
    if len(years) >= count:
        check.ok(
            _("Đạt {title} {n} năm liên tục: {years}").format(title=rules.label(title), n=len(years), years=text_years),
            run_cite,
        )
    else:
        check.fail(
            _("Chưa đủ {n} năm liên tục đạt {title} ({years})").format(
                n=count, title=rules.label(title), years=text_years
            ),
            run_cite,
        )
        if facts.floor_year >= year - count + 1 and facts.floor_year > year - 100:
            check.note(
                _("Sau kỷ luật, thành tích chỉ tính từ năm {year}").format(year=facts.floor_year),
                rules.cite(rules.count_from_end),
            )
    facts.score = (facts.score[0], facts.score[1], len(years))
    return pending_vote and len(years) >= count


_UPWARD_TEXTS = {
    "district": N_("Đơn vị đề nghị, Chủ tịch Ủy ban nhân dân cấp huyện xét quyết định"),
    "province": N_("Đơn vị đề nghị, Chủ tịch Ủy ban nhân dân cấp tỉnh xét quyết định"),
    "central": N_("Đơn vị đề nghị, cấp trung ương xét quyết định"),
}


def _upward_note(check: _Check, rules: _Rules, code: str) -> None:
    """Who decides when it is not the unit, with the law of the date (the district chair before 1/7/2025)."""
    upward = rules.upward(code)
    if upward is not None:
        text = _UPWARD_TEXTS.get(str(upward.value))
        check.note(_(text) if text else _("Đơn vị đề nghị, cấp trên xét quyết định"), rules.cite(upward))


def _cstd_tinh(facts: _Facts, year: int, rules: _Rules) -> Verdict:
    code = "CSTD_TINH"
    check = _Check()
    _apply_gate(check, facts)
    needed = rules.need(code, "consecutive_years")
    title = rules.need(code, "requires_title").value
    if facts.statuses.get(title) == Status.DEFERRED:
        check.defer(
            _("Chờ kết quả xét {title} năm {year}").format(title=rules.label(title), year=year), rules.cite(needed)
        )
    _consecutive(check, facts, rules, year, title, needed, rules.cite(needed))
    levels_cited = rules.need(code, "initiative_levels")
    levels = tuple(levels_cited.value)
    window = range(year - int(needed.value) + 1, year + 1)
    free = _free_initiatives(facts, rules, window, levels, check)
    used: tuple[str, ...] = ()
    if free:
        chosen = free[0]
        used = (chosen.id,)
        check.ok(
            _("Có sáng kiến “{title}” được công nhận {level} năm {year}").format(
                title=chosen.title, level=_level_label(chosen.level), year=chosen.recognized_year
            ),
            rules.cite(levels_cited),
        )
    else:
        check.fail(
            _("Chưa có sáng kiến, đề tài có phạm vi ảnh hưởng {levels} trong {first}–{last} còn dùng được").format(
                levels=", ".join(_level_label(level) for level in levels), first=window[0], last=window[-1]
            ),
            rules.cite(levels_cited),
        )
    ballot = rules.ballot(code)
    if ballot is not None and not check.failed:
        check.needs_vote(
            _("Cần Hội đồng bỏ phiếu kín, đạt từ {percent}% tổng số thành viên").format(
                percent=format_number(Decimal(ballot.value).normalize())
            ),
            rules.cite(ballot),
        )
    _upward_note(check, rules, code)
    verdict = _verdict(facts, code, check, used)
    if verdict.status in _PASSING:
        facts.reserved.update(used)
    return verdict


def _bk_tinh(facts: _Facts, year: int, rules: _Rules) -> Verdict:
    code = "BK_TINH"
    check = _Check()
    _apply_gate(check, facts)
    cstdcs_needed = rules.need(code, "consecutive_cstdcs_years")
    route_a = _Check()
    pending_vote = _consecutive(route_a, facts, rules, year, "CSTDCS", cstdcs_needed, rules.cite(cstdcs_needed))
    used: tuple[str, ...] = ()
    if not route_a.failed:
        check.reasons.extend(route_a.reasons)
        if pending_vote:
            check.needs_vote(
                _("Phụ thuộc kết quả bỏ phiếu {title} năm {year}").format(title=rules.label("CSTDCS"), year=year),
                rules.cite(cstdcs_needed),
            )
    else:
        route_b = _Check()
        excellent = rules.need(code, "excellent_rating")
        excellent_needed = rules.need(code, "consecutive_excellent_years")
        ratings = facts.person.ratings
        years_b = _run(lambda y: ratings.get(y) == excellent.value, year, facts.floor_year)
        count_b = int(excellent_needed.value)
        route_b.check(
            len(years_b) >= count_b,
            _("{rating}: {n} năm liên tục ({years}), cần {needed} năm").format(
                rating=_rating_label(excellent.value),
                n=len(years_b),
                years=", ".join(str(y) for y in years_b) or _("chưa có năm nào"),
                needed=count_b,
            ),
            rules.cite(excellent_needed),
        )
        min_initiatives = rules.need(code, "min_initiatives")
        levels_cited = rules.need(code, "initiative_levels")
        window = range(year - count_b + 1, year + 1)
        free = _free_initiatives(facts, rules, window, tuple(levels_cited.value), route_b)
        wanted = int(min_initiatives.value)
        route_b.check(
            len(free) >= wanted,
            _("Sáng kiến được công nhận trong {first}–{last} còn dùng được: {n} (cần {needed})").format(
                first=window[0], last=window[-1], n=len(free), needed=wanted
            ),
            rules.cite(min_initiatives),
        )
        if route_b.failed:
            both = rules.texts.get("bk_both")
            if both is None:
                both = rules.texts["bk_both"] = _("Không đủ điều kiện theo cả hai cách: {a}; hoặc {b}").format(
                    a=_("{n} năm liên tục đạt {title}").format(n=int(cstdcs_needed.value), title=rules.label("CSTDCS")),
                    b=_("{n} năm liên tục {rating} và {m} sáng kiến").format(
                        n=count_b, rating=_rating_label(excellent.value), m=wanted
                    ),
                )
            check.fail(both, rules.cite(cstdcs_needed))
            check.reasons.extend(route_a.reasons)
        else:
            used = tuple(i.id for i in free[:wanted])
        check.reasons.extend(route_b.reasons)
    _upward_note(check, rules, code)
    verdict = _verdict(facts, code, check, used)
    if verdict.status in _PASSING:
        facts.reserved.update(used)
    return verdict


def _giay_khen_person(facts: _Facts, year: int, rules: _Rules) -> Verdict:
    code = "GIAY_KHEN"
    check = _Check()
    _apply_gate(check, facts)
    ratings = facts.person.ratings
    min_rating = rules.param(code, "min_rating")
    consecutive = rules.param(code, "consecutive_years")
    if min_rating is not None:
        if consecutive is not None and int(consecutive.value) > 1:
            years = _run(lambda y: _at_least(ratings.get(y), min_rating.value), year, facts.floor_year)
            check.check(
                len(years) >= int(consecutive.value),
                _("{rating} trở lên {n} năm liên tục ({years}), cần {needed} năm").format(
                    rating=_rating_label(min_rating.value),
                    n=len(years),
                    years=", ".join(str(y) for y in years) or _("chưa có năm nào"),
                    needed=int(consecutive.value),
                ),
                rules.cite(consecutive),
            )
        else:
            rating = ratings.get(year)
            check.check(
                _at_least(rating, min_rating.value),
                _("Xếp loại năm {year}: {rating} (cần {minimum} trở lên)").format(
                    year=year, rating=_rating_label(rating), minimum=_rating_label(min_rating.value)
                ),
                rules.cite(min_rating),
            )
    months = rules.param(code, "min_months_worked")
    if months is not None:
        check.check(
            facts.months_worked >= Decimal(months.value),
            _("Thời gian công tác tính trong năm: {months} tháng (cần từ {needed} tháng)").format(
                months=_months_text(facts.months_worked), needed=format_number(Decimal(months.value))
            ),
            rules.cite(months),
        )
    requires_ldtt = rules.param(code, "requires_ldtt")
    if requires_ldtt is not None and requires_ldtt.value:
        has, _pending = _this_year(facts, "LDTT", year)
        check.check(
            has, _("Đạt {title} năm {year}").format(title=rules.label("LDTT"), year=year), rules.cite(requires_ldtt)
        )
    min_initiatives = rules.param(code, "min_initiatives")
    used: tuple[str, ...] = ()
    if min_initiatives is not None and int(min_initiatives.value) > 0:
        free = _free_initiatives(facts, rules, range(year, year + 1), tuple(codes.INITIATIVE_LEVELS), check)
        wanted = int(min_initiatives.value)
        if check.check(
            len(free) >= wanted,
            _("Sáng kiến được công nhận năm {year} còn dùng được: {n} (cần {needed})").format(
                year=year, n=len(free), needed=wanted
            ),
            rules.cite(min_initiatives),
        ):
            used = tuple(i.id for i in free[:wanted])
    _notes(check, rules, code)
    _upward_note(check, rules, code)
    return _verdict(facts, code, check, used)


def _notes(check: _Check, rules: _Rules, code: str) -> None:
    for name in rules.params(code):
        if name.startswith("note_"):
            cited = rules.need(code, name)
            check.note(_("Cần kiểm tra: {text}").format(text=cited.value), rules.cite(cited))


# -- collectives ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Member:
    person: PersonRecord
    facts: _Facts


def _collective_verdict(collective: CollectiveRecord, code: str, check: _Check) -> Verdict:
    return Verdict("collective", collective.id, collective.uuid, collective.name, code, check.status(), check.reasons)


def _collective_rating(
    check: _Check, rules: _Rules, collective: CollectiveRecord, year: int, minimum: Cited, exact: bool
) -> None:
    rating = collective.ratings.get(year)
    met = rating == minimum.value if exact else _at_least(rating, minimum.value)
    template = (
        _("Tập thể xếp loại năm {year}: {rating} (cần {minimum})")
        if exact
        else _("Tập thể xếp loại năm {year}: {rating} (cần {minimum} trở lên)")
    )
    check.check(
        met,
        template.format(year=year, rating=_rating_label(rating), minimum=_rating_label(minimum.value)),
        rules.cite(minimum),
    )


def _ldtt_count(members: list[_Member], year: int) -> int:
    """Members who are LĐTT this year: in the award history, or meeting the criteria now."""
    return sum(1 for member in members if _this_year(member.facts, "LDTT", year)[0])


@dataclass(slots=True)
class _MemberLists:
    """Who was counted, in words, so the clerk can check a collective's percentages by hand (notes, not checks)."""

    ldtt: str  # members who are LĐTT this year, and how
    not_ldtt: str  # members who are not, each with the reason in a few words ("" when everyone is)
    complete: str  # members rated at least the TTLĐXS member minimum, with their rating
    incomplete: str  # members below it or not rated ("" when none)
    cstdcs: str  # members who are CSTĐCS this year ("" when none)


def _member_texts(rules: _Rules) -> dict[str, str]:
    """The fixed words of the member lists, translated once per evaluation."""
    texts = rules.texts
    if "m:decided" not in texts:
        texts.update(
            {
                "m:decided": _("đã có quyết định"),
                "m:vote": _("chờ Hội đồng bỏ phiếu"),
                "m:deferred": _("tạm hoãn xét"),
                "m:discipline": _("đang thi hành kỷ luật"),
                "m:unrated": _("chưa có xếp loại"),
                "m:not_rated_short": _("chưa xếp loại"),
                "m:rated": _("xếp loại {rating}"),
                "m:new": _("mới tuyển dụng, chưa đủ {months} tháng"),
                "m:months": _("công tác {months} tháng trong năm"),
                "m:not_evaluated": _("chưa xét"),
                "m:none": _("không có"),
            }
        )
    return texts


def _member_lists(collective: CollectiveRecord, members: list[_Member], year: int, rules: _Rules) -> _MemberLists:
    """The member lists of one collective, built once and shared by its TTLĐTT and TTLĐXS verdicts."""

    def compute() -> _MemberLists:
        texts = _member_texts(rules)
        ldtt_min = rules.param("LDTT", "min_rating")
        months_min = rules.param("LDTT", "min_months_worked")
        needed_months = Decimal(months_min.value) if months_min is not None else None
        member_min = rules.param("TTLDXS", "member_min_rating")
        new_months = format_number(Decimal(rules.new_staff_months.value))
        ldtt: list[str] = []
        not_ldtt: list[str] = []
        complete: list[str] = []
        incomplete: list[str] = []
        cstdcs: list[str] = []
        for member in members:
            facts = member.facts
            name = member.person.name
            rating = member.person.ratings.get(year)
            if year in facts.awards.get("LDTT", {}):
                ldtt.append(f"{name} ({texts['m:decided']})")
            else:
                status = facts.statuses.get("LDTT")
                if status == Status.ELIGIBLE:
                    ldtt.append(name)
                elif status == Status.NEEDS_VOTE:
                    ldtt.append(f"{name} ({texts['m:vote']})")
                else:
                    why: list[str] = []
                    if status is None:
                        why.append(texts["m:not_evaluated"])
                    elif status == Status.DEFERRED:
                        why.append(texts["m:deferred"])
                    elif any(kind == "fail" for kind, _text, _cite in facts.gate):
                        why.append(texts["m:discipline"])
                    if status is not None and ldtt_min is not None and not _at_least(rating, ldtt_min.value):
                        why.append(texts["m:rated"].format(rating=rating) if rating else texts["m:unrated"])
                    if status is not None and facts.new_staff_short:
                        why.append(texts["m:new"].format(months=new_months))
                    elif status is not None and needed_months is not None and facts.months_worked < needed_months:
                        why.append(texts["m:months"].format(months=_months_text(facts.months_worked)))
                    not_ldtt.append(f"{name}: {', '.join(why)}" if why else name)
            if member_min is not None:
                shown = rating or texts["m:not_rated_short"]
                (complete if _at_least(rating, member_min.value) else incomplete).append(f"{name} ({shown})")
            if year in facts.awards.get("CSTDCS", {}):
                cstdcs.append(f"{name} ({texts['m:decided']})")
            elif (cstdcs_status := facts.statuses.get("CSTDCS")) in _PASSING:
                cstdcs.append(f"{name} ({texts['m:vote']})" if cstdcs_status == Status.NEEDS_VOTE else name)
        none = texts["m:none"]
        return _MemberLists(
            ldtt=", ".join(ldtt) or none,
            not_ldtt="; ".join(not_ldtt),
            complete=", ".join(complete) or none,
            incomplete=", ".join(incomplete),
            cstdcs=", ".join(cstdcs),
        )

    result: _MemberLists = rules._cached("members", str(collective.id), str(year), compute)
    return result


def _ldtt_notes(check: _Check, lists: _MemberLists, year: int, rules: _Rules, total: int, ldtt: int, cite: str) -> None:
    title = rules.label("LDTT")
    check.note(
        _("Thành viên đạt {title} năm {year} ({n}/{total}): {names}").format(
            title=title, year=year, n=ldtt, total=total, names=lists.ldtt
        ),
        cite,
    )
    if lists.not_ldtt:
        check.note(
            _("Thành viên chưa đạt {title} năm {year} ({n}/{total}): {names}").format(
                title=title, year=year, n=total - ldtt, total=total, names=lists.not_ldtt
            ),
            cite,
        )


def _ttldtt(collective: CollectiveRecord, members: list[_Member], year: int, rules: _Rules) -> Verdict:
    code = "TTLDTT"
    check = _Check()
    _collective_rating(check, rules, collective, year, rules.need(code, "min_rating"), exact=False)
    share = rules.need(code, "ldtt_share_more_than_percent")
    total = len(members)
    ldtt = _ldtt_count(members, year)
    threshold = Decimal(share.value)
    check.check(
        total > 0 and Decimal(ldtt) * 100 > threshold * total,
        _("{n}/{total} thành viên đạt {title} = {percent}% (cần nhiều hơn {threshold}%)").format(
            n=ldtt,
            total=total,
            title=rules.label("LDTT"),
            percent=_percent_text(ldtt, total),
            threshold=format_number(threshold.normalize()),
        ),
        rules.cite(share),
    )
    if members:
        _ldtt_notes(check, _member_lists(collective, members, year, rules), year, rules, total, ldtt, rules.cite(share))
    blocking = rules.need(code, "blocking_discipline_level")
    limit = _DISCIPLINE_ORDER[blocking.value]
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    offenders = []
    for member in members:
        for record in member.person.disciplines:
            if record.pending or _DISCIPLINE_ORDER.get(record.level, -1) < limit:
                continue
            if record.start <= year_end and (record.end is None or record.end >= year_start):
                offenders.append(_("{name}: {what}").format(name=member.person.name, what=_discipline_text(record)))
                break
    level = _(codes.DISCIPLINE_LEVELS[blocking.value]).lower()
    if offenders:
        check.fail(
            _("Có thành viên bị kỷ luật từ {level} trở lên trong năm: {who}").format(
                level=level, who="; ".join(offenders)
            ),
            rules.cite(blocking),
        )
    else:
        check.ok(
            _("Không có thành viên bị kỷ luật từ {level} trở lên trong năm").format(level=level), rules.cite(blocking)
        )
    ballot = rules.ballot(code)
    if ballot is not None and not check.failed:
        check.needs_vote(_("Cần Hội đồng bỏ phiếu kín"), rules.cite(ballot))
    _upward_note(check, rules, code)
    return _collective_verdict(collective, code, check)


def _ttldxs(collective: CollectiveRecord, members: list[_Member], year: int, rules: _Rules) -> Verdict:
    code = "TTLDXS"
    check = _Check()
    _collective_rating(check, rules, collective, year, rules.need(code, "collective_rating"), exact=True)
    total = len(members)
    member_min = rules.need(code, "member_min_rating")
    complete_share = rules.need(code, "members_complete_percent")
    complete = sum(1 for m in members if _at_least(m.person.ratings.get(year), member_min.value))
    check.check(
        total > 0 and Decimal(complete) * 100 >= Decimal(complete_share.value) * total,
        _("{n}/{total} thành viên xếp loại {rating} trở lên = {percent}% (cần từ {needed}%)").format(
            n=complete,
            total=total,
            rating=_rating_label(member_min.value),
            percent=_percent_text(complete, total),
            needed=format_number(Decimal(complete_share.value).normalize()),
        ),
        rules.cite(complete_share),
    )
    lists = _member_lists(collective, members, year, rules) if members else None
    if lists is not None:
        check.note(
            _("Thành viên xếp loại {rating} trở lên năm {year} ({n}/{total}): {names}").format(
                rating=member_min.value, year=year, n=complete, total=total, names=lists.complete
            ),
            rules.cite(complete_share),
        )
        if lists.incomplete:
            check.note(
                _("Thành viên dưới mức đó hoặc chưa xếp loại ({n}/{total}): {names}").format(
                    n=total - complete, total=total, names=lists.incomplete
                ),
                rules.cite(complete_share),
            )
    share = rules.need(code, "ldtt_share_at_least_percent")
    ldtt = _ldtt_count(members, year)
    check.check(
        total > 0 and Decimal(ldtt) * 100 >= Decimal(share.value) * total,
        _("{n}/{total} thành viên đạt {title} = {percent}% (cần từ {threshold}%)").format(
            n=ldtt,
            total=total,
            title=rules.label("LDTT"),
            percent=_percent_text(ldtt, total),
            threshold=format_number(Decimal(share.value).normalize()),
        ),
        rules.cite(share),
    )
    if lists is not None:
        _ldtt_notes(check, lists, year, rules, total, ldtt, rules.cite(share))
    min_cstdcs = rules.need(code, "min_cstdcs_members")
    confirmed = pending = 0
    for member in members:
        has, awaiting = _this_year(member.facts, "CSTDCS", year)
        if has:
            confirmed += not awaiting
            pending += awaiting
    wanted = int(min_cstdcs.value)
    check.check(
        confirmed + pending >= wanted,
        _("Thành viên đạt {title}: {n} (cần ít nhất {needed})").format(
            title=rules.label("CSTDCS"), n=confirmed + pending, needed=wanted
        ),
        rules.cite(min_cstdcs),
    )
    if lists is not None and lists.cstdcs:
        check.note(
            _("Thành viên đạt {title} năm {year}: {names}").format(
                title=rules.label("CSTDCS"), year=year, names=lists.cstdcs
            ),
            rules.cite(min_cstdcs),
        )
    if confirmed < wanted <= confirmed + pending:
        check.needs_vote(
            _("Phụ thuộc kết quả bỏ phiếu {title} của thành viên").format(title=rules.label("CSTDCS")),
            rules.cite(min_cstdcs),
        )
    ballot = rules.ballot(code)
    if ballot is not None and not check.failed:
        check.needs_vote(_("Cần Hội đồng bỏ phiếu kín"), rules.cite(ballot))
    _upward_note(check, rules, code)
    return _collective_verdict(collective, code, check)


def _giay_khen_collective(collective: CollectiveRecord, year: int, rules: _Rules) -> Verdict:
    code = "GIAY_KHEN"
    check = _Check()
    min_rating = rules.param(code, "min_rating")
    consecutive = rules.param(code, "consecutive_years")
    if min_rating is not None:
        if consecutive is not None and int(consecutive.value) > 1:
            years = _run(lambda y: _at_least(collective.ratings.get(y), min_rating.value), year, year - 100)
            check.check(
                len(years) >= int(consecutive.value),
                _("Tập thể {rating} trở lên {n} năm liên tục, cần {needed} năm").format(
                    rating=_rating_label(min_rating.value), n=len(years), needed=int(consecutive.value)
                ),
                rules.cite(consecutive),
            )
        else:
            _collective_rating(check, rules, collective, year, min_rating, exact=False)
    _notes(check, rules, code)
    _upward_note(check, rules, code)
    return _collective_verdict(collective, code, check)


# -- the CSTĐCS cap --------------------------------------------------------------------------------------------


def _apply_cap(verdicts: list[Verdict], facts_by_id: dict[Any, _Facts], rules: _Rules) -> None:
    """When a province caps CSTĐCS at a share of LĐTT, rank the candidates and flag the excess for the council."""
    cap = rules.param("CSTDCS", "cap_percent_of_ldtt")
    if cap is None or Decimal(cap.value) <= 0:
        return
    ldtt = sum(1 for f in facts_by_id.values() if f.statuses.get("LDTT") in _PASSING)
    limit = int((Decimal(ldtt) * Decimal(cap.value) / 100).to_integral_value(rounding=ROUND_FLOOR))
    candidates = [v for v in verdicts if v.code == "CSTDCS" and v.status in _PASSING]
    if len(candidates) <= limit:
        return
    women_first = bool(rules.women_first.value)

    def performance(v: Verdict) -> tuple[int, int, int]:
        score = facts_by_id[v.subject_id].score
        return (-score[0], -score[1], -score[2])

    def key(v: Verdict) -> tuple[tuple[int, int, int], int, str]:
        gender = facts_by_id[v.subject_id].person.gender
        return performance(v), (0 if gender == "F" else 1) if women_first else 0, sort_key(v.subject_name)

    candidates.sort(key=key)
    cap_text = _("Tỉnh giới hạn {title} tối đa {percent}% số {ldtt_title} ({ldtt} người) = {limit} người").format(
        title=rules.label("CSTDCS"),
        percent=format_number(Decimal(cap.value).normalize()),
        ldtt_title=rules.label("LDTT"),
        ldtt=ldtt,
        limit=limit,
    )
    boundary = performance(candidates[limit]) if limit < len(candidates) else None
    tie_at_boundary = limit > 0 and boundary is not None and performance(candidates[limit - 1]) == boundary
    for position, verdict in enumerate(candidates, start=1):
        verdict.rank = position
        if position <= limit:
            verdict.reasons.append(
                Reason(
                    _("{cap}; xếp thứ {rank}/{n}").format(cap=cap_text, rank=position, n=len(candidates)),
                    rules.cite(cap),
                    True,
                )
            )
        else:
            verdict.status = Status.NEEDS_VOTE
            verdict.reasons.append(
                Reason(
                    _("{cap}; xếp thứ {rank}/{n}, vượt tỷ lệ — Hội đồng xem xét").format(
                        cap=cap_text, rank=position, n=len(candidates)
                    ),
                    rules.cite(cap),
                    False,
                )
            )
        if tie_at_boundary and women_first and performance(verdict) == boundary:
            verdict.reasons.append(Reason(_("Khi bằng thành tích, ưu tiên nữ"), rules.cite(rules.women_first), None))


# -- entry point ------------------------------------------------------------------------------------------------


def evaluate(
    data: UnitData, year: int, pack: RulePack, *, today: date | None = None, on: date | None = None
) -> list[Verdict]:
    """Verdicts for every person employed in ``year`` and every collective, in input order.

    ``today`` decides whether a discipline is in force now (a discipline decided after the year still blocks);
    pack values are those in force on ``on``, the date the decision will bear (default: 31 December of
    ``year``): the law of that date says who confers what and which criteria hold. A date before the pack's
    first date raises RulePackError.
    """
    when = on or date(year, 12, 31)
    pack.check_date(when, what=_("Xét năm {year}").format(year=year))
    # Tens of thousands of small objects and no reference cycles: pausing the cyclic GC saves ~15%.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _evaluate(data, year, pack, today or date.today(), when)
    finally:
        if was_enabled:
            gc.enable()


def _evaluate(data: UnitData, year: int, pack: RulePack, today: date, on: date) -> list[Verdict]:
    rules = _Rules(pack, on, data.unit_kind)
    verdicts: list[Verdict] = []
    facts_by_id: dict[Any, _Facts] = {}
    person_steps: list[tuple[str, Callable[[_Facts, int, _Rules], Verdict]]] = [
        ("LDTT", _ldtt),
        ("CSTDCS", _cstdcs),
        ("CSTD_TINH", _cstd_tinh),
        ("BK_TINH", _bk_tinh),
        ("GIAY_KHEN", _giay_khen_person),
    ]
    steps = [(code, step) for code, step in person_steps if code in rules.codes]
    for person in data.people:
        facts = _facts(person, year, rules, today)
        if facts is None:
            continue
        facts_by_id[person.id] = facts
        for _code, step in steps:
            verdicts.append(step(facts, year, rules))
    if "CSTDCS" in rules.codes:
        _apply_cap(verdicts, facts_by_id, rules)
    for collective in data.collectives:
        members = [
            _Member(facts_by_id[mid].person, facts_by_id[mid]) for mid in collective.member_ids if mid in facts_by_id
        ]
        if "TTLDTT" in rules.codes:
            verdicts.append(_ttldtt(collective, members, year, rules))
        if "TTLDXS" in rules.codes:
            verdicts.append(_ttldxs(collective, members, year, rules))
        if "GIAY_KHEN" in rules.codes and "collective" in pack.item("GIAY_KHEN").targets:
            verdicts.append(_giay_khen_collective(collective, year, rules))
    return verdicts


__all__ = ["COLLECTIVE_CODES", "PERSON_CODES", "STATUS_LABELS", "Reason", "Status", "Verdict", "evaluate"]
