"""NĐ 152/2025 Điều 4 puts a collective with >= 70 % women first among equal totals: printed only on one that
actually comes before another of its tie because of it."""

from __future__ import annotations

from desktop.domain import scoring
from desktop.i18n import N_

PRIORITY = scoring.WomenPriority(70, "NĐ 152/2025 Điều 4")
CRITERIA = [scoring.Criterion("c", "Nhiệm vụ", 100)]


def _tied(shares):
    people = [scoring.Participant("x", "Công an xã", 10.0)]
    people += [scoring.Participant(f"p{i}", f"Tập thể {i}", share) for i, share in enumerate(shares)]
    points = {("x", "c"): 95} | {(f"p{i}", "c"): 90 for i in range(len(shares))}
    result = scoring.rank(CRITERIA, people, points, women_priority=PRIORITY, translate=N_)
    return [r for r in result.results if r.total == 90]


def test_all_favoured_ties_are_not_each_called_preferred():
    tied = _tied([80.0, 100.0])
    assert [r.rank for r in tied] == [2, 2]
    assert not any(r.women_first for r in tied), [(r.name, r.reason) for r in tied]
    assert not any("được ưu tiên" in r.reason for r in tied)


def test_none_favoured_is_no_priority():
    assert not any(r.women_first or r.reason for r in _tied([10.0, 20.0]))


def test_the_favoured_one_of_a_mixed_tie_is_preferred():
    tied = _tied([20.0, 80.0, 75.0])
    preferred = {r.name for r in tied if r.women_first}
    assert preferred == {"Tập thể 1", "Tập thể 2"}
    assert tied[-1].name == "Tập thể 0" and not tied[-1].reason
    assert all("được ưu tiên" in r.reason for r in tied if r.women_first)


def test_all_favoured_tie_for_first_is_left_to_the_vote():
    people = [scoring.Participant("a", "Trạm Y tế xã", 80.0), scoring.Participant("b", "Hội Phụ nữ xã", 100.0)]
    result = scoring.rank(CRITERIA, people, {("a", "c"): 90, ("b", "c"): 90}, women_priority=PRIORITY, translate=N_)
    assert result.leader_key is None and len(result.tied_first) == 2
    assert not any(r.women_first for r in result.results)
