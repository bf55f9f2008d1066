"""The kinds of collective Thôn, tổ dân phố văn hóa is for are a dated, cited rule of the pack
(``titles.THON_VH.params.collective_kinds``, NĐ 86/2023/NĐ-CP): a thôn or tổ dân phố ("collective"), never an office
("department"). A province's or the unit's own pack may narrow the list, never add a kind to it, and a code outside
desktop.domain.codes.DEPARTMENT_KINDS is refused by name."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.rules import RulePackError, load_default_pack
from desktop.domain.rules.criteria_limits import looser_than
from tests.domain.test_override_fixed_by_law import HEAD


def _kinds(value: str, valid_from: str = "2026-01-01", code: str = "THON_VH") -> str:
    return (
        HEAD.format(valid_from=valid_from)
        + f'[titles.{code}.params]\ncollective_kinds = {{ value = {value}, cite = "QĐ tỉnh", from = {valid_from} }}\n'
    )


def _refused(text: str) -> str:
    with pytest.raises(RulePackError) as refused:
        load_default_pack(texts=[("Quy định tỉnh", text)])
    return str(refused.value)


def test_the_national_pack_gives_thon_van_hoa_to_a_thon_only_with_its_citation():
    pack = load_default_pack()
    law = pack.collective_kinds("THON_VH", date(2025, 12, 4))
    assert law is not None and law.value == ("collective",)
    assert law.cite == "NĐ 86/2023/NĐ-CP (danh hiệu của thôn, tổ dân phố)" and not law.unconfirmed
    earlier = pack.collective_kinds("THON_VH", date(2020, 6, 1))
    assert earlier is not None and earlier.value == ("collective",) and earlier.unconfirmed
    assert pack.collective_kinds("TTLDTT", date(2025, 12, 4)) is None  # no such limit: any collective


@pytest.mark.parametrize("value", ['["collective", "department"]', '["department"]'])
def test_an_override_that_adds_an_office_is_refused(value):
    said = _refused(_kinds(value))
    assert "Quy định tỉnh, khóa titles.THON_VH.params.collective_kinds" in said
    assert "không được mở rộng danh sách này từ ngày 01/01/2026" in said
    assert "quy định chung cả nước “collective” (NĐ 86/2023/NĐ-CP (danh hiệu của thôn, tổ dân phố)" in said
    assert looser_than("collective_kinds", ("collective", "department"), ("collective",))


def test_an_office_is_refused_even_against_the_unconfirmed_value_of_2018():
    said = _refused(_kinds('["collective", "department"]', "2020-01-01"))
    assert "không được mở rộng danh sách này từ ngày 01/01/2020" in said


def test_an_override_narrowing_or_restating_the_list_is_accepted():
    pack = load_default_pack(texts=[("Quy định tỉnh", _kinds('["collective"]'))])
    said = pack.collective_kinds("THON_VH", date(2026, 3, 1))
    assert said is not None and said.value == ("collective",) and said.cite == "QĐ tỉnh"
    assert not looser_than("collective_kinds", ("collective",), ("collective", "department"))


def test_an_unknown_kind_an_empty_list_or_a_single_code_is_refused():
    said = _refused(_kinds('["collective", "thon"]'))
    assert "khóa titles.THON_VH.params.collective_kinds" in said
    assert "giá trị “thon” không có trong danh mục; chỉ dùng: department, collective" in said
    assert "phải nêu ít nhất một loại tập thể được xét" in _refused(_kinds("[]"))
    assert "phải là danh sách" in _refused(_kinds('"collective"'))
