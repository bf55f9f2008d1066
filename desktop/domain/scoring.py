"""Scoring a movement's participants on its criteria and ranking them (thang điểm, xếp hạng, suy tôn).

Pure Python, so the CLI, the window, the review report and the benchmark rank the same way.

- A participant's total = Σ points × weight over normal and bonus criteria − Σ points × weight over penalty
  criteria (a penalty's points are the points taken off, entered as a positive number).
- A mandatory criterion is failed when it has no points or zero points as printed (two decimals: 0,001 stored by
  an older version prints as 0 and fails). A participant who fails one is ranked after every participant who
  passes them all, whatever the total, and the reason names the criterion.
- Points are entered with at most two decimals (what the report prints). Totals are rounded to two decimals,
  half up, before they are compared: two totals the paper prints alike are tied (points stored with more decimals
  by an older version still rank as they are printed).
- Ranks are competition ranks: equal totals share a rank and the next rank skips (1, 2, 2, 4).
- The leading participant (suy tôn) is rank 1 when it is unique and passed; a tie for first place is left to
  the block's vote, and the note says so.
- Equal totals: a collective with at least the rule pack's share of women (70 %, NĐ 152/2025 Điều 4) comes
  first among the tied ones; when exactly one of those tied for first has that share, it leads. Only a collective
  that comes before another of its tie for it is marked so (``women_first``, the reason): when all or none of a tie
  have the share, nobody is.
- Several blocks (khối/cụm thi đua) in one movement (:func:`rank_by_block`): each block is ranked on its own and
  elects its own leading unit; one block, or none, ranks as :func:`rank`.
- The notes and reasons are worded by ``translate``: ``_`` (the screen's language, the default) for what a screen
  shows; a review's frozen ranking, printed in its report, is worded in Vietnamese whatever the screen's language
  (``N_``, which translates nothing).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from desktop.domain.problems import ProblemsError
from desktop.domain.text import plain_sort_key
from desktop.i18n import N_, _

KINDS = ("normal", "bonus", "penalty")
DECIMALS = 2  # points are typed, printed and compared with at most two decimals
_CENT = Decimal(1).scaleb(-DECIMALS)

# What a ranking says (its reasons and notes), worded by the ``translate`` it is given: printed on the review's report
_FAILED = N_("Không đạt tiêu chí bắt buộc: {names}; xếp sau các đơn vị đạt đủ.")
_WOMEN_FIRST = N_("Bằng điểm: tập thể có {share}% nữ (từ {percent}%) được ưu tiên — {cite}")
_NOBODY = N_("Chưa có đơn vị tham gia chấm điểm.")
_NONE_PASSED = N_("Không có đơn vị nào đạt đủ các tiêu chí bắt buộc; chưa suy tôn được đơn vị dẫn đầu.")
_NO_POINTS = N_("Chưa có đơn vị nào có điểm (cao nhất là 0 điểm); chưa suy tôn được đơn vị dẫn đầu.")
_WOMEN_LEAD = N_(
    "{name} bằng điểm với {others} ({points} điểm) và là tập thể có từ {percent}% nữ: được ưu tiên, "
    "đề nghị suy tôn ({cite})."
)
_TIED_FIRST = N_("Đồng hạng nhất ({names}, {points} điểm): khối thi đua cần bỏ phiếu suy tôn đơn vị dẫn đầu.")
_LEADS = N_("{name} dẫn đầu với {points} điểm, được đề nghị suy tôn.")
_BLOCK_NOTE = N_("{block}: {note}")


class ScoringError(ProblemsError):
    """Invalid criteria or points; ``problems`` lists every one, in Vietnamese, naming participant and criterion."""


@dataclass(frozen=True)
class Criterion:
    key: Hashable
    name: str
    max_points: float
    weight: float = 1.0
    mandatory: bool = False
    kind: str = "normal"


@dataclass(frozen=True)
class Participant:
    key: Hashable
    name: str
    women_percent: float | None = None  # share of women among a collective's members; None when unknown


@dataclass(frozen=True)
class WomenPriority:
    """The tie rule for collectives: at least ``percent`` % women comes first among equal totals."""

    percent: float
    cite: str = ""


@dataclass(frozen=True)
class Result:
    key: Hashable
    name: str
    total: float
    base: float  # weighted points of the normal criteria
    bonus: float
    penalty: float  # weighted points taken off (positive)
    passed: bool  # every mandatory criterion met
    failed_criteria: tuple[str, ...]
    rank: int
    tied: bool  # shares its rank with another participant
    reason: str = ""  # why it is ranked after the others (a mandatory criterion failed)
    women_first: bool = False  # a collective with the required share of women, put first among its ties
    block: str = ""  # the block (khối/cụm) it is ranked in, when the movement ranks several blocks apart


@dataclass(frozen=True)
class BlockLeader:
    """One block's outcome when several blocks are ranked apart (:func:`rank_by_block`)."""

    block: str
    leader_key: Hashable | None
    leader_name: str
    note: str
    tied_first: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ranking:
    results: list[Result]
    max_total: float  # Σ max × weight of the normal criteria
    # the leading unit of the one ranking; None when several blocks are ranked apart (each has its own: ``blocks``)
    leader_key: Hashable | None = None
    leader_name: str = ""
    note: str = ""  # how the leading participant was found, or why it was not
    tied_first: tuple[str, ...] = field(default=())
    blocks: tuple[BlockLeader, ...] = ()  # one per block when several are ranked apart, in their order

    def by_key(self) -> dict[Hashable, Result]:
        return {r.key: r for r in self.results}

    @property
    def leader_keys(self) -> tuple[Hashable, ...]:
        """Every leading unit: one per block when blocks are ranked apart, else the one leader (or none)."""
        if self.blocks:
            return tuple(b.leader_key for b in self.blocks if b.leader_key is not None)
        return () if self.leader_key is None else (self.leader_key,)


def round_points(value: float) -> float:
    """``value`` as printed: two decimals, half up (92.125 → 92.13), after the float noise of a sum is dropped
    (0.1 + 0.2 → 0.3). Ranks compare these, so totals the paper prints alike are tied."""
    if not math.isfinite(value) or abs(value) >= 1e15:  # far beyond any maximum (refused); Decimal keeps 28 digits
        return value
    exact = Decimal(repr(round(value, 9)))
    return float(exact.quantize(_CENT, rounding=ROUND_HALF_UP)) + 0.0  # + 0.0: no "-0"


def _number(value: float) -> str:
    text = f"{round_points(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _too_precise(value: float | str) -> bool:
    """More than two decimals: ``value`` rounded to two decimals is not ``value`` itself (89.996, 0.000000001).

    Text as typed is read exactly ("1e-9", "0.001"; "90.000" is 90). A number already read as a float is compared
    with its rounding up to the float's own noise only (0.1 + 0.2 is 0.3), never a fixed tolerance that would let
    a tiny value through."""
    if isinstance(value, str):
        try:
            exact = Decimal(value.strip())
        except InvalidOperation:
            return False  # not a number: refused as such by the caller
        if not exact.is_finite():
            return False
        return exact != exact.quantize(_CENT, rounding=ROUND_HALF_UP) if abs(exact) < Decimal(10) ** 15 else False
    if not math.isfinite(value) or abs(value) >= 1e15:
        return False
    rounded = round_points(value)
    return abs(value - rounded) > 4 * max(math.ulp(value), math.ulp(rounded))  # a few units of the last place


def validate_criteria(criteria: Iterable[Criterion]) -> None:
    problems = []
    for criterion in criteria:
        if not criterion.name.strip():
            problems.append(_("Có tiêu chí chưa có tên."))
        # "not >" also refuses NaN (every comparison with NaN is false) and an infinite value
        if not 0 < criterion.max_points < 1e9:
            problems.append(_("Tiêu chí “{name}”: điểm tối đa phải lớn hơn 0.").format(name=criterion.name))
        if not 0 < criterion.weight < 1e6:
            problems.append(_("Tiêu chí “{name}”: hệ số phải lớn hơn 0.").format(name=criterion.name))
        # the signed covenant and the window print two decimals: a third would be reckoned but never seen
        for value, label in ((criterion.max_points, _("điểm tối đa")), (criterion.weight, _("hệ số"))):
            if math.isfinite(value) and _too_precise(value):
                problems.append(
                    _("Tiêu chí “{name}”: {what} {value} có quá hai chữ số thập phân.").format(
                        name=criterion.name, what=label, value=str(value).replace(".", ",")
                    )
                )
        if criterion.kind not in KINDS:
            problems.append(
                _("Tiêu chí “{name}”: loại “{kind}” không hợp lệ (thường, cộng hoặc trừ điểm).").format(
                    name=criterion.name, kind=criterion.kind
                )
            )
        if criterion.mandatory and criterion.kind != "normal":
            problems.append(
                _("Tiêu chí “{name}”: chỉ tiêu chí thường mới đặt là bắt buộc được.").format(name=criterion.name)
            )
    if problems:
        raise ScoringError(problems)


def check_points(
    criterion: Criterion, points: float | str, participant: str = "", *, entered: bool = True
) -> str | None:
    """The Vietnamese problem with ``points`` (a number, or text as typed in a grid) for ``criterion``, or None.

    ``entered`` (points being typed or saved): more than two decimals is refused, as the report prints two, so
    the paper never hides a difference. Points stored by an older version with more decimals are checked with
    ``entered=False`` and rank as they are printed.
    """
    where = (
        _("“{participant}”, tiêu chí “{criterion}”").format(participant=participant, criterion=criterion.name)
        if participant
        else _("tiêu chí “{criterion}”").format(criterion=criterion.name)
    )
    if isinstance(points, str) and (not points.isascii() or "_" in points):
        # float() reads "5_0" as 50 and Arabic-Indic "٩٠" as 90: a slip on the keyboard, not points
        return _("{where}: “{value}” không phải là số điểm.").format(where=where, value=points)
    try:
        value = float(points)
    except (TypeError, ValueError):
        return _("{where}: “{value}” không phải là số điểm.").format(where=where, value=points)
    if value != value or value in (float("inf"), float("-inf")):  # NaN, infinity
        return _("{where}: “{value}” không phải là số điểm.").format(where=where, value=points)
    if value < 0:
        return _("{where}: điểm không được âm (điểm trừ ghi số dương).").format(where=where)
    if entered and _too_precise(points if isinstance(points, str) else value):
        return _("{where}: “{value}” có quá 2 chữ số thập phân; điểm chỉ ghi đến 2 chữ số sau dấu phẩy.").format(
            where=where, value=str(points).strip().replace(".", ",")
        )
    if value > criterion.max_points + 1e-9:
        return _("{where}: {points} điểm vượt quá điểm tối đa {max}.").format(
            where=where, points=_number(value), max=_number(criterion.max_points)
        )
    return None


def validate_points(
    criteria: Sequence[Criterion],
    participants: Sequence[Participant],
    points: Mapping[tuple[Hashable, Hashable], float],
) -> None:
    """Raise :class:`ScoringError` listing every value out of range or unknown participant/criterion (stored
    points with more than two decimals are not refused: they rank as printed)."""
    by_criterion = {c.key: c for c in criteria}
    names = {p.key: p.name for p in participants}
    problems = []
    for (participant_key, criterion_key), value in points.items():
        criterion = by_criterion.get(criterion_key)
        if criterion is None:
            problems.append(_("Không có tiêu chí mã {key}.").format(key=criterion_key))
            continue
        if participant_key not in names:
            problems.append(_("Không có đơn vị tham gia mã {key}.").format(key=participant_key))
            continue
        problem = check_points(criterion, value, names[participant_key], entered=False)
        if problem:
            problems.append(problem)
    if problems:
        raise ScoringError(problems)


def rank(
    criteria: Sequence[Criterion],
    participants: Sequence[Participant],
    points: Mapping[tuple[Hashable, Hashable], float],
    *,
    validate: bool = True,
    women_priority: WomenPriority | None = None,
    translate: Callable[[str], str] = _,
) -> Ranking:
    """Totals, ranks with ties, and the leading participant. ``points`` maps (participant, criterion) → points.

    With ``women_priority``, a participant whose ``women_percent`` reaches it comes first among equal totals.
    ``translate`` words the reasons and the note (``_``: the screen's language; ``N_``: Vietnamese, for a document).
    """
    if validate:
        validate_criteria(criteria)
        validate_points(criteria, participants, points)
    normal = [c for c in criteria if c.kind == "normal"]
    bonus = [c for c in criteria if c.kind == "bonus"]
    penalty = [c for c in criteria if c.kind == "penalty"]
    mandatory = [c for c in normal if c.mandatory]
    max_total = round_points(sum(c.max_points * c.weight for c in normal))
    get = points.get
    raw: list[tuple[Participant, float, float, float, float, tuple[str, ...]]] = []
    for participant in participants:
        key = participant.key
        base = sum(float(get((key, c.key), 0.0)) * c.weight for c in normal)
        plus = sum(float(get((key, c.key), 0.0)) * c.weight for c in bonus)
        minus = sum(float(get((key, c.key), 0.0)) * c.weight for c in penalty)
        # judged as printed: 0,000000001 prints 0 and fails (a value with more decimals is refused when typed)
        failed = tuple(c.name for c in mandatory if not round_points(float(get((key, c.key), 0.0))) > 0)
        # the parts as printed, and the total made of them: the columns of the printed ranking add up to its total
        # (1,5 × 7,25 + 1,5 × 0,25 prints 10,88 + 0,38 = 11,26, never 11,25); equal on paper is a tie
        base, plus, minus = round_points(base), round_points(plus), round_points(minus)
        total = round_points(base + plus - minus)
        raw.append((participant, total, base, plus, minus, failed))

    def favoured(participant: Participant) -> bool:
        share = participant.women_percent
        return women_priority is not None and share is not None and share >= women_priority.percent

    # passers first, then by total (highest first), collectives with enough women first among ties; the name, in
    # Vietnamese order, only orders the rest for display (and the note naming those tied for first)
    raw.sort(key=lambda item: (bool(item[5]), -item[1], not favoured(item[0]), plain_sort_key(item[0].name)))
    results: list[Result] = []
    previous: tuple[bool, float] | None = None
    current_rank = 0
    group_sizes: dict[tuple[bool, float], int] = {}
    group_favoured: dict[tuple[bool, float], int] = {}  # how many of each tie have the share of women
    for item in raw:
        group = (bool(item[5]), item[1])
        group_sizes[group] = group_sizes.get(group, 0) + 1
        group_favoured[group] = group_favoured.get(group, 0) + favoured(item[0])
    for position, (participant, total, base, plus, minus, failed) in enumerate(raw, start=1):
        group = (bool(failed), total)
        if group != previous:
            current_rank = position
            previous = group
        reason = ""
        tied = group_sizes[group] > 1
        # the priority breaks a tie of achievements, not of none, and only puts a collective before one of its tie
        # that lacks the share: when every one of the tie has it (or none does), the tie stands and nobody is "first"
        first = tied and favoured(participant) and total > 0 and group_favoured[group] < group_sizes[group]
        if failed:
            reason = translate(_FAILED).format(names=", ".join(failed))
        elif first and women_priority is not None:
            reason = translate(_WOMEN_FIRST).format(
                share=_number(float(participant.women_percent or 0)),
                percent=_number(women_priority.percent),
                cite=women_priority.cite,
            )
        results.append(
            Result(
                key=participant.key,
                name=participant.name,
                total=total,
                base=base,
                bonus=plus,
                penalty=minus,
                passed=not failed,
                failed_criteria=failed,
                rank=current_rank,
                tied=tied,
                reason=reason,
                women_first=first,
            )
        )
    return _with_leader(results, max_total, women_priority, translate)


def _with_leader(
    results: list[Result],
    max_total: float,
    women_priority: WomenPriority | None = None,
    translate: Callable[[str], str] = _,
) -> Ranking:
    if not results:
        return Ranking(results, max_total, note=translate(_NOBODY))
    first = [r for r in results if r.rank == 1]
    if not first[0].passed:
        return Ranking(results, max_total, note=translate(_NONE_PASSED))
    if first[0].total <= 0:  # nobody scored yet (or all are at zero): there is no one to lead
        return Ranking(results, max_total, note=translate(_NO_POINTS))
    favoured = [r for r in first if r.women_first]
    if len(first) > 1 and len(favoured) == 1 and women_priority is not None:
        leader = favoured[0]
        others = ", ".join(r.name for r in first if r is not leader)
        return Ranking(
            results,
            max_total,
            leader_key=leader.key,
            leader_name=leader.name,
            note=translate(_WOMEN_LEAD).format(
                name=leader.name,
                others=others,
                points=_number(leader.total),
                percent=_number(women_priority.percent),
                cite=women_priority.cite,
            ),
        )
    if len(first) > 1:
        names = tuple(r.name for r in first)
        return Ranking(
            results,
            max_total,
            note=translate(_TIED_FIRST).format(names=", ".join(names), points=_number(first[0].total)),
            tied_first=names,
        )
    leader = first[0]
    return Ranking(
        results,
        max_total,
        leader_key=leader.key,
        leader_name=leader.name,
        note=translate(_LEADS).format(name=leader.name, points=_number(leader.total)),
    )


def format_points(value: float) -> str:
    """Points as printed: at most two decimals, Vietnamese decimal comma ("92,5")."""
    return _number(value)


def rank_by_block(
    criteria: Sequence[Criterion],
    participants: Sequence[Participant],
    points: Mapping[tuple[Hashable, Hashable], float],
    blocks: Mapping[Hashable, str],
    *,
    validate: bool = True,
    women_priority: WomenPriority | None = None,
    translate: Callable[[str], str] = _,
) -> Ranking:
    """:func:`rank` within each block (khối/cụm thi đua) of the movement: each block elects its own leading unit.

    ``blocks`` maps a participant's key to its block's name (participants are grouped in the order their blocks
    first appear). With one block or none the result is :func:`rank`'s. With several, each block is ranked on its
    own (ranks 1, 2, … in each), every result carries its block, ``blocks`` holds each block's leader and note, the
    note names each block, and the one ``leader_key`` is None (there is no leader of the whole movement)."""
    groups: dict[str, list[Participant]] = {}
    for participant in participants:
        groups.setdefault(blocks.get(participant.key, ""), []).append(participant)
    if len(groups) <= 1:
        return rank(
            criteria, participants, points, validate=validate, women_priority=women_priority, translate=translate
        )
    if validate:
        validate_criteria(criteria)
        validate_points(criteria, participants, points)
    results: list[Result] = []
    leaders: list[BlockLeader] = []
    max_total = 0.0
    for block, members in groups.items():
        ranked = rank(criteria, members, points, validate=False, women_priority=women_priority, translate=translate)
        max_total = ranked.max_total
        results.extend(replace(r, block=block) for r in ranked.results)
        leaders.append(BlockLeader(block, ranked.leader_key, ranked.leader_name, ranked.note, ranked.tied_first))
    names = [f"{b.leader_name} ({b.block})" for b in leaders if b.leader_key is not None]
    return Ranking(
        results,
        max_total,
        leader_name="; ".join(names),
        note="\n".join(translate(_BLOCK_NOTE).format(block=b.block, note=b.note) for b in leaders),
        blocks=tuple(leaders),
    )
