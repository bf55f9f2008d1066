"""The titles and award forms of a collective: TTLĐTT, TTLĐXS and Giấy khen, from its own rating and its members'
results (the member lists are notes the clerk can check by hand)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from desktop.domain import codes
from desktop.domain.dates import format_date
from desktop.domain.eligibility.facts import (
    _DISCIPLINE_ORDER,
    _at_least,
    _discipline_text,
    _Facts,
    _facts,
    _months_text,
    _needs_ballot,
    _notes,
    _percent_text,
    _rating_label,
    _Rules,
    _run,
    _this_year,
    _upward_note,
)
from desktop.domain.eligibility.verdicts import _PASSING, Status, Verdict, _Check
from desktop.domain.history import (
    CollectiveRecord,
    PersonRecord,
    UnitData,
)
from desktop.domain.money import format_number
from desktop.domain.rules import Cited, RulePack
from desktop.i18n import _


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
    """Members who are LĐTT this year: in the award history, or meeting the criteria now. A prediction for the
    review screen (the round is made before the LĐTT decision); a decision conferring the collective's title and a
    dossier sending it up count only the members who hold LĐTT (:func:`held_ldtt_share`)."""
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
    for text in _ldtt_member_notes(rules.label("LDTT"), year, total, ldtt, lists.ldtt, lists.not_ldtt):
        check.note(text, cite)


def _ldtt_member_notes(title: str, year: int, total: int, ldtt: int, holders: str, others: str) -> list[str]:
    """Who of a collective's ``total`` members counts as LĐTT (``ldtt`` of them, named in ``holders``) and who not
    (``others``, "" when no one), as the engine's verdict and a decision's count both note it."""
    notes = [
        _("Thành viên đạt {title} năm {year} ({n}/{total}): {names}").format(
            title=title, year=year, n=ldtt, total=total, names=holders
        )
    ]
    if others:
        notes.append(
            _("Thành viên chưa đạt {title} năm {year} ({n}/{total}): {names}").format(
                title=title, year=year, n=total - ldtt, total=total, names=others
            )
        )
    return notes


def _ldtt_share_figure(ldtt: int, total: int, title: str, threshold: Decimal, *, more_than: bool) -> str:
    """ "5/7 thành viên đạt Lao động tiên tiến = 71,4% (cần nhiều hơn 50%)": a collective's share of LĐTT against
    its title's, passed (TTLĐTT) or reached (TTLĐXS), as the engine's verdict and a decision's count both word it."""
    template = (
        _("{n}/{total} thành viên đạt {title} = {percent}% (cần nhiều hơn {threshold}%)")
        if more_than
        else _("{n}/{total} thành viên đạt {title} = {percent}% (cần từ {threshold}%)")
    )
    return template.format(
        n=ldtt,
        total=total,
        title=title,
        percent=_percent_text(ldtt, total),
        threshold=format_number(threshold.normalize()),
    )


def _no_member_disciplined(check: _Check, rules: _Rules, code: str, members: list[_Member], year: int) -> None:
    """No member disciplined in the year at the pack's ``blocking_discipline_level`` of ``code`` or above (every
    member of the year, those who left too: the discipline was in the collective's year). Skipped when the pack
    has no such level for ``code``."""
    blocking = rules.param(code, "blocking_discipline_level")
    if blocking is None:
        return
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


def _share_base(members: list[_Member], year: int, rules: _Rules) -> tuple[list[_Member], str]:
    """The members a collective's shares count: not those who left before 31 December of the year (retired, moved
    away) nor those employed too recently to be considered (``new_staff_short``: not rated for the year). Returns
    them and "; không tính: …" naming who was left out and why ("" when no one was), for the share's reason."""
    year_end = date(year, 12, 31)
    base: list[_Member] = []
    left_out: list[str] = []
    for member in members:
        person = member.person
        if person.end_date is not None and person.end_date < year_end:
            left_out.append(
                _("{name} (thôi công tác tại đơn vị từ {date})").format(
                    name=person.name, date=format_date(person.end_date)
                )
            )
        elif member.facts.new_staff_short:
            left_out.append(
                _("{name} (mới tuyển dụng từ {date}, chưa đủ {months} tháng)").format(
                    name=person.name,
                    date=format_date(person.start_date) if person.start_date else "",
                    months=format_number(Decimal(rules.new_staff_months.value)),
                )
            )
        else:
            base.append(member)
    if not left_out:
        return base, ""
    return base, _("; không tính: {names}").format(names=", ".join(left_out))


def _ttldtt(collective: CollectiveRecord, members: list[_Member], year: int, rules: _Rules) -> Verdict:
    code = "TTLDTT"
    check = _Check()
    _collective_rating(check, rules, collective, year, rules.need(code, "min_rating"), exact=False)
    share = rules.need(code, "ldtt_share_more_than_percent")
    base, left_out = _share_base(members, year, rules)
    total = len(base)
    ldtt = _ldtt_count(base, year)
    threshold = Decimal(share.value)
    check.check(
        total > 0 and Decimal(ldtt) * 100 > threshold * total,
        _ldtt_share_figure(ldtt, total, rules.label("LDTT"), threshold, more_than=True) + left_out,
        rules.cite(share),
    )
    if base:
        _ldtt_notes(check, _member_lists(collective, base, year, rules), year, rules, total, ldtt, rules.cite(share))
    _no_member_disciplined(check, rules, code, members, year)
    _needs_ballot(check, rules, code)
    _upward_note(check, rules, code)
    return _collective_verdict(collective, code, check)


def _ttldxs(collective: CollectiveRecord, members: list[_Member], year: int, rules: _Rules) -> Verdict:
    code = "TTLDXS"
    check = _Check()
    _collective_rating(check, rules, collective, year, rules.need(code, "collective_rating"), exact=True)
    base, left_out = _share_base(members, year, rules)
    total = len(base)
    member_min = rules.need(code, "member_min_rating")
    complete_share = rules.need(code, "members_complete_percent")
    complete = sum(1 for m in base if _at_least(m.person.ratings.get(year), member_min.value))
    check.check(
        total > 0 and Decimal(complete) * 100 >= Decimal(complete_share.value) * total,
        _("{n}/{total} thành viên xếp loại {rating} trở lên = {percent}% (cần từ {needed}%)").format(
            n=complete,
            total=total,
            rating=_rating_label(member_min.value),
            percent=_percent_text(complete, total),
            needed=format_number(Decimal(complete_share.value).normalize()),
        )
        + left_out,
        rules.cite(complete_share),
    )
    lists = _member_lists(collective, base, year, rules) if base else None
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
    ldtt = _ldtt_count(base, year)
    check.check(
        total > 0 and Decimal(ldtt) * 100 >= Decimal(share.value) * total,
        _ldtt_share_figure(ldtt, total, rules.label("LDTT"), Decimal(share.value), more_than=False) + left_out,
        rules.cite(share),
    )
    if lists is not None:
        _ldtt_notes(check, lists, year, rules, total, ldtt, rules.cite(share))
    min_cstdcs = rules.need(code, "min_cstdcs_members")
    confirmed = pending = 0
    for member in base:
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
    _no_member_disciplined(check, rules, code, members, year)
    _needs_ballot(check, rules, code)
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


# -- the share of LĐTT a collective's title is decided on ----------------------------------------------------------

# The pack's parameter of a collective title's LĐTT share, and whether the share must pass it ("more than", TTLĐTT,
# Luật TĐKT 2022 Điều 28) or may equal it ("at least", TTLĐXS, Điều 27).
LDTT_SHARE_PARAMS = (("ldtt_share_more_than_percent", True), ("ldtt_share_at_least_percent", False))


def share_members(
    data: UnitData, year: int, pack: RulePack, *, on: date, collective_ids: Collection[int | str] | None = None
) -> dict[int | str, tuple[list[PersonRecord], str]]:
    """The members each collective's shares count, as :func:`_ttldtt` and :func:`_ttldxs` divide by them (the
    people of the year whose collective of the year it is, less those who left before 31 December and those
    employed too recently; :func:`_share_base`), with "; không tính: …" naming who was left out ("" when no one).
    ``on``: the date whose law applies (the decision's). Only ``collective_ids`` when given; a collective with no
    one is absent."""
    rules = _Rules(pack, on, data.unit_kind)
    by_collective: dict[int | str, list[_Member]] = {}
    for person in data.people:  # a collective's ``member_ids``, kept for a collective stopped since too
        if person.collective_id is None or (collective_ids is not None and person.collective_id not in collective_ids):
            continue
        facts = _facts(person, year, rules, on)
        members = by_collective.setdefault(person.collective_id, [])
        if facts is not None:
            members.append(_Member(person, facts))
    result: dict[int | str, tuple[list[PersonRecord], str]] = {}
    for collective_id, members in by_collective.items():
        base, left_out = _share_base(members, year, rules)
        result[collective_id] = ([member.person for member in base], left_out)
    return result


@dataclass(frozen=True, slots=True)
class HeldShare:
    """A collective's members who hold LĐTT of the year against what its title needs (the pack's share)."""

    code: str
    held: tuple[str, ...]  # the names of the members counted who hold LĐTT
    missing: tuple[str, ...]  # the names of those who do not
    needed: int  # the fewest holders that meet the share
    threshold: Cited  # the share, in percent, with its article
    more_than: bool  # the share must be passed (TTLĐTT), not only reached (TTLĐXS)
    left_out: str = ""  # "; không tính: …" as :func:`share_members` words it

    @property
    def total(self) -> int:
        return len(self.held) + len(self.missing)

    @property
    def met(self) -> bool:
        return self.total > 0 and len(self.held) >= self.needed

    @property
    def percent(self) -> str:
        return _percent_text(len(self.held), self.total)

    def reasons(self, year: int, label: str) -> list[tuple[str, str, bool | None]]:
        """The share as the engine words it (:func:`_ttldtt`, :func:`_ttldxs`), counted on the members who hold
        LĐTT: (text, citation, met) of the figure, then notes of who holds it and who does not. ``label``: LĐTT's."""
        cite = self.threshold.citation()
        held, total = len(self.held), self.total
        figure = _ldtt_share_figure(held, total, label, Decimal(self.threshold.value), more_than=self.more_than)
        decided = _("đã có quyết định")
        holders = ", ".join(f"{name} ({decided})" for name in self.held) or _("không có")
        notes = _ldtt_member_notes(label, year, total, held, holders, "; ".join(self.missing))
        return [(figure + self.left_out, cite, self.met), *((text, cite, None) for text in notes)]

    def rule_text(self) -> str:
        """What the law asks, in words: "nhiều hơn 50%", "từ 70% trở lên"."""
        value = format_number(Decimal(self.threshold.value).normalize())
        if self.more_than:
            return _("nhiều hơn {percent}%").format(percent=value)
        return _("từ {percent}% trở lên").format(percent=value)


def held_ldtt_share(
    code: str, members: list[PersonRecord], holders: Collection[int | str], pack: RulePack, on: date, left_out: str = ""
) -> HeldShare | None:
    """The share of LĐTT a title ``code`` of a collective rests on, counting as LĐTT only the ``members`` in
    ``holders`` (those who hold it: a decision in force, or the one being issued); None when the pack, on ``on``,
    asks no share of LĐTT for ``code``."""
    for name, more_than in LDTT_SHARE_PARAMS:
        if not pack.has_param(code, name, on):
            continue
        threshold = pack.param_cited(code, name, on)
        total = len(members)
        exact = Decimal(threshold.value) * total / 100
        # more than p%: the next whole number above p% of the members; at least p%: p% rounded up
        if more_than:
            needed = int(exact.to_integral_value(ROUND_FLOOR)) + 1
        else:
            needed = int(exact.to_integral_value(ROUND_CEILING))
        return HeldShare(
            code=code,
            held=tuple(person.name for person in members if person.id in holders),
            missing=tuple(person.name for person in members if person.id not in holders),
            needed=needed,
            threshold=threshold,
            more_than=more_than,
            left_out=left_out,
        )
    return None
