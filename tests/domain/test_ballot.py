"""Council secret ballot: the threshold is a share of ALL members (NĐ 98/2023 Điều 30.7, defaults in the pack)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.domain.ballot import BallotError, ballot_passes, ballot_result
from desktop.domain.rules import load_default_pack


@pytest.fixture(scope="module")
def pack():
    return load_default_pack()


# (code, members, agree, disagree, invalid, absent, passed, text start, article)
CASES = [
    ("CSTDCS", 10, 8, 0, 0, 2, True, "8/10 thành viên đồng ý = 80,0% ≥ 80% → đạt", "Đ30.7: exactly 80% of ALL members"),
    ("CSTDCS", 10, 7, 1, 0, 2, False, "7/10 thành viên đồng ý = 70,0% < 80% → không đạt", "Đ30.7: 7 of 8 present"),
    ("CSTDCS", 9, 7, 2, 0, 0, False, "7/9 thành viên đồng ý = 77,7% < 80% → không đạt", "Đ30.7: truncated, not 77,8"),
    ("CO_TINH", 5, 4, 1, 0, 0, True, "4/5 thành viên đồng ý = 80,0% ≥ 80% → đạt", "Đ30.7: Cờ thi đua 80%"),
    ("CSTD_TINH", 10, 9, 1, 0, 0, True, "9/10 thành viên đồng ý = 90,0% ≥ 90% → đạt", "Đ30.7: CSTĐ tỉnh 90%"),
    ("CSTD_TINH", 10, 8, 0, 0, 2, False, "8/10 thành viên đồng ý = 80,0% < 90% → không đạt", "Đ30.7: CSTĐ tỉnh 90%"),
    ("CSTD_TQ", 11, 10, 0, 1, 0, True, "10/11 thành viên đồng ý = 90,9% ≥ 90% → đạt", "Đ30.7: invalid ballot"),
]


@pytest.mark.parametrize(
    ("code", "members", "agree", "disagree", "invalid", "absent", "passed", "text", "article"), CASES
)
def test_ballot(pack, code, members, agree, disagree, invalid, absent, passed, text, article):
    result = ballot_result(
        pack, code, members_total=members, agree=agree, disagree=disagree, invalid=invalid, absent=absent
    )
    assert result.passed is passed, article
    assert result.text.startswith(text), article
    assert "NĐ 98/2023/NĐ-CP, Điều 30.7" in result.cite


def test_absentees_written_votes_count_on_all_members_by_default(pack):
    """NĐ 98/2023 Điều 30.7: an absent member gives a written opinion; the threshold is on ALL members."""
    result = ballot_result(pack, "CSTDCS", members_total=10, agree=7, absent=3, written_agree=1)
    assert result.passed  # 7 at the meeting + 1 in writing = 8/10 = 80 %
    assert result.counted_agree == 8
    assert "vắng 3, trong đó 1 ý kiến đồng ý bằng văn bản được tính" in result.text
    short = ballot_result(pack, "CSTDCS", members_total=10, agree=7, absent=3, written_agree=0)
    assert not short.passed and short.counted_agree == 7
    # The rule of the meeting's date: before 2024 it was NĐ 91/2017's (flagged unconfirmed).
    old = ballot_result(pack, "CSTDCS", members_total=10, agree=7, absent=3, written_agree=1, on=date(2023, 12, 1))
    assert old.passed and "91/2017" in pack.setting_cited("ballot_counts_written_opinions", date(2023, 12, 1)).cite


def test_written_opinions_count_when_the_pack_says_so(tmp_path: Path):
    override = tmp_path / "tinh.toml"
    override.write_text(
        """
[pack]
id = "t"
name = "Tỉnh thử"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-01"
kind = "override"

[settings]
ballot_counts_written_opinions = { value = true, cite = "QĐ 1/2025 tỉnh, Điều 3", from = 2025-01-01 }
""",
        encoding="utf-8",
    )
    pack = load_default_pack([override])
    result = ballot_result(pack, "CSTDCS", members_total=10, agree=7, absent=3, written_agree=1)
    assert result.passed
    assert result.text.startswith("8/10 thành viên đồng ý = 80,0% ≥ 80% → đạt")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(members_total=10, agree=8, disagree=1, absent=2), "Số phiếu bầu (9) nhiều hơn số thành viên có mặt (8"),
        (dict(members_total=10, agree=9, disagree=2), "Số phiếu bầu (11) nhiều hơn tổng số thành viên Hội đồng (10)"),
        (dict(members_total=10, agree=5, absent=11), "Số thành viên vắng mặt (11) nhiều hơn tổng số thành viên"),
        (dict(members_total=10, agree=-1), "phải là số nguyên không âm"),
        (dict(members_total=0, agree=0), "Hội đồng phải có ít nhất một thành viên"),
        (dict(members_total=10, agree=5, absent=1, written_agree=2), "Số ý kiến bằng văn bản (2) nhiều hơn"),
    ],
)
def test_impossible_counts_are_refused(pack, kwargs, message):
    with pytest.raises(BallotError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ballot_result(pack, "CSTDCS", **kwargs)
    assert issubclass(BallotError, ValueError)


def test_titles_without_a_ballot(pack):
    with pytest.raises(BallotError, match="không cần Hội đồng bỏ phiếu kín"):
        ballot_result(pack, "LDTT", members_total=10, agree=10)


def test_explicit_threshold():
    assert ballot_passes(7, 6, 80).passed  # 85,7%
    assert not ballot_passes(7, 5, 80).passed  # 71,4%


def _quorum_province(tmp_path: Path, percent: int) -> object:
    override = tmp_path / "bac_ninh.toml"
    override.write_text(
        f"""
[pack]
id = "bn"
name = "Bắc Ninh (thử)"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-27"
kind = "override"

[settings]
council_quorum_percent = {{ value = {percent}, cite = "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh", from = 2025-08-01 }}
""",
        encoding="utf-8",
    )
    return load_default_pack([override])


def test_no_quorum_nationally_one_member_present_may_vote(pack):
    """Nationally no share must be present (the written opinions make up the rest): 1 present + 7 in writing."""
    result = ballot_result(pack, "CSTDCS", members_total=10, agree=1, absent=9, written_agree=7, on=date(2026, 12, 1))
    assert result.passed and result.counted_agree == 8
    assert pack.setting("council_quorum_percent", date(2026, 12, 1)) == 0


def test_a_province_quorum_refuses_a_meeting_with_too_few_present(tmp_path: Path):
    """Bắc Ninh's rule (80 % present) from its own date: before it, the same meeting may vote."""
    pack = _quorum_province(tmp_path, 80)
    meeting = date(2026, 12, 1)
    with pytest.raises(BallotError) as excinfo:
        ballot_result(pack, "CSTDCS", members_total=10, agree=1, absent=9, written_agree=7, on=meeting)
    assert str(excinfo.value) == (
        "Cuộc họp chỉ có 1/10 thành viên có mặt (10,0%), dưới mức tối thiểu 80% (QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh): "
        "Hội đồng không đủ điều kiện bỏ phiếu. Hãy họp lại khi đủ thành viên."
    )
    with pytest.raises(BallotError, match="7/10 thành viên có mặt"):
        ballot_result(pack, "CSTDCS", members_total=10, agree=7, absent=3, written_agree=1, on=meeting)
    exactly = ballot_result(pack, "CSTDCS", members_total=10, agree=8, absent=2, on=meeting)  # 8/10 present
    assert exactly.passed
    before = ballot_result(pack, "CSTDCS", members_total=10, agree=1, absent=9, written_agree=7, on=date(2025, 7, 31))
    assert before.passed  # the province's rule was not yet in force on that day


def test_a_quorum_above_all_members_is_refused_with_its_key(tmp_path: Path):
    from desktop.domain.rules import RulePackError

    with pytest.raises(RulePackError) as excinfo:
        _quorum_province(tmp_path, 120)
    assert "settings.council_quorum_percent: phải từ 0 đến 100 (0 là không quy định)" in str(excinfo.value)
