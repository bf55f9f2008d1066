"""Points and totals as the paper prints them: two decimals entered, totals compared as printed (a tie on paper
is a tie in the ranking), and tied names in Vietnamese order."""

from __future__ import annotations

from desktop.domain import scoring
from desktop.domain.scoring import Criterion, Participant, check_points, format_points, rank

RESULT = Criterion("c", "Kết quả", 100)


def test_points_with_more_than_two_decimals_are_refused_naming_value_and_criterion():
    problem = check_points(RESULT, 89.996, "Phòng Kinh tế") or ""
    assert "89,996" in problem and "Kết quả" in problem and "Phòng Kinh tế" in problem
    assert "2 chữ số thập phân" in problem
    assert "90,004" in (check_points(RESULT, "90.004") or "")
    assert "0,001" in (check_points(RESULT, "0.001") or "")
    # two decimals, trailing zeros and float noise are fine
    for fine in (90, 92.5, "92.25", "90.000", 0.1 + 0.2, 33.33):
        assert check_points(RESULT, fine) is None, fine
    # a stored value of an older version is not refused when it is only checked, not entered
    assert check_points(RESULT, 89.996, "Phòng Kinh tế", entered=False) is None


def test_over_the_maximum_by_a_hidden_decimal_names_the_decimals_not_a_rounded_number():
    problem = check_points(RESULT, "100.001") or ""
    assert "100,001" in problem and "thập phân" in problem
    assert "vượt quá điểm tối đa" in (check_points(RESULT, "1e30") or "")  # a huge number: refused, no crash


def test_totals_printed_alike_are_tied():
    people = [Participant("a", "Phòng A"), Participant("b", "Phòng B"), Participant("c", "Phòng C")]
    # averages of judges stored by an older version: all printed "90"
    points = {("a", "c"): 89.996, ("b", "c"): 90.004, ("c", "c"): 90.0}
    result = rank([RESULT], people, points)
    assert [r.rank for r in result.results] == [1, 1, 1]
    assert all(r.tied and r.total == 90.0 for r in result.results)
    assert result.leader_key is None and result.tied_first == ("Phòng A", "Phòng B", "Phòng C")
    assert "Đồng hạng nhất" in result.note and "90 điểm" in result.note
    # a difference the paper shows still ranks
    points[("b", "c")] = 90.01
    result = rank([RESULT], people, points, validate=False)
    assert [(r.key, r.rank) for r in result.results] == [("b", 1), ("a", 2), ("c", 2)]
    assert format_points(result.results[0].total) == "90,01"


def test_totals_round_half_up_as_a_clerk_would():
    assert scoring.round_points(92.125) == 92.13
    assert scoring.round_points(2.675) == 2.68  # 2.67499… in binary: still 2,68 on paper
    assert scoring.round_points(0.1 + 0.2) == 0.3
    assert format_points(2.675) == "2,68"
    assert format_points(-0.001) == "0"
    weighted = Criterion("w", "Cải cách", 30, weight=1.5)
    people = [Participant("a", "Phòng A"), Participant("b", "Phòng B")]
    # 1.75 × 1.5 = 2.625 → 2,63 printed; 2.63 typed → 2,63: tied
    result = rank([weighted], people, {("a", "w"): 1.75, ("b", "w"): 2.63 / 1.5}, validate=False)
    assert [r.total for r in result.results] == [2.63, 2.63] and all(r.tied for r in result.results)


def test_ties_and_the_note_in_vietnamese_order():
    names = ["Ủy ban MTTQ xã", "Xã đoàn", "Hội Nông dân xã", "Đảng ủy xã", "Ấp Bình An", "Cựu chiến binh"]
    people = [Participant(str(i), name) for i, name in enumerate(names)]
    result = rank([RESULT], people, {(p.key, "c"): 80 for p in people})
    expected = ["Ấp Bình An", "Cựu chiến binh", "Đảng ủy xã", "Hội Nông dân xã", "Ủy ban MTTQ xã", "Xã đoàn"]
    assert [r.name for r in result.results] == expected
    assert result.tied_first == tuple(expected)
    assert f"Đồng hạng nhất ({', '.join(expected)}, 80 điểm)" in result.note
