"""The titles and award forms of a person: LĐTT, CSTĐCS, CSTĐ tỉnh, Bằng khen tỉnh, Giấy khen."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain import codes
from desktop.domain.dates import format_date
from desktop.domain.eligibility.facts import (
    RATING_ORDER,
    _apply_gate,
    _at_least,
    _Facts,
    _free_initiatives,
    _level_label,
    _months_text,
    _needs_ballot,
    _notes,
    _rating_label,
    _Rules,
    _run,
    _this_year,
    _upward_note,
    _years_text,
)
from desktop.domain.eligibility.verdicts import _PASSING, Status, Verdict, _Check
from desktop.domain.history import Initiative
from desktop.domain.money import format_number
from desktop.domain.rules import Cited
from desktop.i18n import _


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
    _needs_ballot(check, rules, "LDTT")
    _upward_note(check, rules, "LDTT")
    return _verdict(facts, "LDTT", check)


def _with_initiative(check: _Check, chosen: Initiative, cite: str) -> tuple[str, ...]:
    """The initiative this proposal relies on, said in the reasons; its id, to keep it from other proposals."""
    check.ok(
        _("Có sáng kiến “{title}” được công nhận {level} năm {year}").format(
            title=chosen.title, level=_level_label(chosen.level), year=chosen.recognized_year
        ),
        cite,
    )
    return (chosen.id,)


def _reserving(facts: _Facts, code: str, check: _Check, rules: _Rules, used: tuple[str, ...]) -> Verdict:
    """The verdict, with who decides; when it may pass, the initiatives it relies on back no other proposal."""
    _upward_note(check, rules, code)
    verdict = _verdict(facts, code, check, used)
    if verdict.status in _PASSING:
        facts.reserved.update(used)
    return verdict


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
        used = _with_initiative(check, free[0], rules.cite(rules.need(code, "initiative_levels")))
    else:
        check.fail(
            _("Năm {year} không xếp loại {rating} và không có sáng kiến được công nhận còn dùng được").format(
                year=year, rating=_rating_label(excellent.value)
            ),
            rules.cite(excellent),
        )
    facts.score = (RATING_ORDER.get(rating or "", -1), len(free), 0)
    _needs_ballot(check, rules, code, share=True)
    return _reserving(facts, code, check, rules, used)


def _used_until(check: _Check, facts: _Facts, rules: _Rules, year: int, code: str, run_cite: str) -> int:
    """The first year a new run for ``code`` may count from: after the last year up to this one ``code`` was
    conferred (its run was used for it: one achievement, one award; one the province already conferred for this
    very year used this year's run too), else the discipline floor. Says so when it restarts."""
    conferred = [y for y in facts.awards.get(code, {}) if y <= year]
    if not conferred or max(conferred) < facts.floor_year:
        return facts.floor_year
    check.note(
        _(
            "Đã được {title} năm {year}: các năm đến {year} đã dùng cho khen thưởng đó, chuỗi năm tính lại từ {next}"
        ).format(title=rules.label(code), year=max(conferred), next=max(conferred) + 1),
        run_cite,
    )
    return max(conferred) + 1


def _consecutive(
    check: _Check,
    facts: _Facts,
    rules: _Rules,
    year: int,
    title: str,
    needed: Cited,
    run_cite: str,
    *,
    floor: int | None = None,
) -> bool:
    """Consecutive years of ``title`` ending this year (history incl. awards from above, or this year's proposal),
    none before ``floor`` (default: the discipline floor).

    Returns whether the run is long enough only thanks to this year's proposal still awaiting the council's vote.
    """
    history = facts.awards.get(title, {})
    has_now, pending_vote = _this_year(facts, title, year)
    first = facts.floor_year if floor is None else floor
    years = _run(lambda y: y in history or (y == year and has_now), year, first)
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
    floor = _used_until(check, facts, rules, year, code, rules.cite(needed))
    _consecutive(check, facts, rules, year, title, needed, rules.cite(needed), floor=floor)
    levels_cited = rules.need(code, "initiative_levels")
    levels = tuple(levels_cited.value)
    window = range(year - int(needed.value) + 1, year + 1)
    free = _free_initiatives(facts, rules, window, levels, check)
    used: tuple[str, ...] = ()
    if free:
        used = _with_initiative(check, free[0], rules.cite(levels_cited))
    else:
        check.fail(
            _("Chưa có sáng kiến, đề tài có phạm vi ảnh hưởng {levels} trong {first}–{last} còn dùng được").format(
                levels=", ".join(_level_label(level) for level in levels), first=window[0], last=window[-1]
            ),
            rules.cite(levels_cited),
        )
    _needs_ballot(check, rules, code, share=True)
    return _reserving(facts, code, check, rules, used)


def _bk_tinh(facts: _Facts, year: int, rules: _Rules) -> Verdict:
    code = "BK_TINH"
    check = _Check()
    _apply_gate(check, facts)
    cstdcs_needed = rules.need(code, "consecutive_cstdcs_years")
    floor = _used_until(check, facts, rules, year, code, rules.cite(cstdcs_needed))
    route_a = _Check()
    pending_vote = _consecutive(
        route_a, facts, rules, year, "CSTDCS", cstdcs_needed, rules.cite(cstdcs_needed), floor=floor
    )
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
        years_b = _run(lambda y: ratings.get(y) == excellent.value, year, floor)
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
        # "trong thời gian đó" (Luật 2022 Điều 74.1.d): the initiatives of the whole run, however long it is.
        window = range(min(years_b[0], year - count_b + 1) if years_b else year - count_b + 1, year + 1)
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
    return _reserving(facts, code, check, rules, used)


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
    if months is None and facts.discipline_ended_in_year:
        # achievements count from the end of the discipline (NĐ 152/2025 Điều 4): a yearly Giấy khen rests on the
        # year's work as the LĐTT does, so it needs the same months counted from that day
        months = rules.min_months
        check.reasons.extend(facts.worked_notes)
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
