"""A province's (or the unit's own) rule pack may add to the law's criteria, never lower them. Before, an override of
``min_rating = "KHTNV"`` for LĐTT went in and eight people rated only "Hoàn thành nhiệm vụ" became Lao động tiên
tiến, against Luật TĐKT 2022, Điều 24; a share of 250 %, -6 months worked, a cap of -20 % (read as no cap) and CSTĐCS
requiring a Giấy khen instead of LĐTT went in too. A stricter criterion, or a value the national pack marks
unconfirmed, is still the province's to set."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.rules import RulePackError
from tests.domain.test_override_fixed_by_law import _pack, _refused


def _param(code: str, name: str, value: str, table: str = "titles") -> str:
    return f'[{table}.{code}.params]\n{name} = {{ value = {value}, cite = "QĐ tỉnh", from = 2026-01-01 }}\n'


@pytest.mark.parametrize(
    ("code", "name", "value", "national"),
    [
        ("LDTT", "min_rating", '"HTNV"', "“HTTNV”"),
        ("LDTT", "min_rating", '"KHTNV"', "“HTTNV”"),
        ("CSTDCS", "requires_title", '"GIAY_KHEN"', "“LDTT”"),
        ("CSTDCS", "excellent_rating", '"HTTNV"', "“HTXSNV”"),
        ("CSTD_TINH", "consecutive_years", "2", "“3”"),
        ("CSTD_TINH", "initiative_levels", '["co_so", "tinh"]', "“('tinh', 'toan_quoc')”"),
        ("TTLDTT", "ldtt_share_more_than_percent", "40", "“50”"),
        ("TTLDXS", "ldtt_share_at_least_percent", "60", "“70”"),
        ("TTLDXS", "members_complete_percent", "90", "“100”"),
        ("TTLDXS", "member_min_rating", '"KHTNV"', "“HTNV”"),
    ],
)
def test_a_criterion_of_the_law_cannot_be_lowered(code, name, value, national):
    said = _refused(_param(code, name, value), "2026-01-01")
    assert f"khóa titles.{code}.params.{name}" in said
    assert "không được hạ tiêu chuẩn này từ ngày 01/01/2026" in said and f"quy định chung cả nước {national}" in said


def test_a_stricter_criterion_is_the_provinces_to_set():
    pack = _pack(
        _param("LDTT", "min_rating", '"HTXSNV"')
        + 'min_months_worked = { value = 10, cite = "QĐ tỉnh", from = 2026-01-01 }\n'
        + _param("TTLDTT", "ldtt_share_more_than_percent", "70")
        + _param("CSTDCS", "cap_percent_of_ldtt", "10")
        + _param("CSTD_TINH", "initiative_levels", '["toan_quoc"]'),
        "2026-01-01",
    )
    assert pack.param("LDTT", "min_rating", date(2026, 3, 1)) == "HTXSNV"
    assert pack.param("LDTT", "min_rating", date(2025, 3, 1)) == "HTTNV"  # the law before the pack: untouched
    assert pack.param("CSTDCS", "cap_percent_of_ldtt", date(2026, 3, 1)) == 10


def test_an_unconfirmed_default_stays_editable_within_sense():
    # LĐTT's months worked and the women's share are editable defaults: lower is allowed, nonsense is not
    pack = _pack(_param("LDTT", "min_months_worked", "4"), "2026-01-01")
    assert pack.param("LDTT", "min_months_worked", date(2026, 3, 1)) == 4
    assert "-6 tháng không hợp lý" in _refused(_param("LDTT", "min_months_worked", "-6"), "2026-01-01")
    assert "100 tháng không hợp lý" in _refused(
        '[settings]\nnew_staff_min_months = { value = 100, cite = "QĐ tỉnh", from = 2026-01-01 }\n', "2026-01-01"
    )
    assert "tỉ lệ 250% không hợp lý" in _refused(
        '[settings]\nwomen_collective_percent = { value = 250, cite = "QĐ tỉnh", from = 2026-01-01 }\n', "2026-01-01"
    )
    assert "tỉ lệ -20% không hợp lý" in _refused(_param("CSTDCS", "cap_percent_of_ldtt", "-20"), "2026-01-01")


def test_the_messages_are_one_error_per_key():
    with pytest.raises(RulePackError) as refused:
        _pack(_param("LDTT", "min_rating", '"KHTNV"') + _param("TTLDTT", "min_rating", '"HTNV"'), "2026-01-01")
    said = str(refused.value)
    assert said.count("không được hạ tiêu chuẩn") == 2


def test_the_floor_is_the_law_not_an_earlier_overrides_stricter_value():
    """The unit's own pack asks more than 70 % of members LĐTT for TTLĐTT; the province's, layered after it, asks more
    than 60 %: above the law's 50 %, so it is the province's to set (it was refused as "lower than the national 70",
    citing the commune's own resolution). Below 50 % is still refused, and the message cites the law."""
    from desktop.domain.rules.pack import load_default_pack
    from tests.domain.test_override_fixed_by_law import HEAD

    own = HEAD.format(valid_from="2026-01-01") + _param("TTLDTT", "ldtt_share_more_than_percent", "70")
    province = HEAD.format(valid_from="2026-01-01") + _param("TTLDTT", "ldtt_share_more_than_percent", "60")
    pack = load_default_pack(texts=[("Quy định của xã", own), ("Quy định của tỉnh", province)])
    assert pack.param("TTLDTT", "ldtt_share_more_than_percent", date(2026, 3, 1)) == 60
    lower = province.replace("value = 60", "value = 45")
    with pytest.raises(RulePackError) as refused:
        load_default_pack(texts=[("Quy định của xã", own), ("Quy định của tỉnh", lower)])
    said = str(refused.value)
    assert "Quy định của tỉnh, khóa titles.TTLDTT.params.ldtt_share_more_than_percent" in said
    assert "“45” thấp hơn quy định chung cả nước “50” (Luật TĐKT 2022, Điều 28" in said
