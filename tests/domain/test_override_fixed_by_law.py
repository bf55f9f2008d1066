"""A rule pack of a province (or the unit's own) changes what the province sets, not what the Law and the decree set:
the reward coefficients of NĐ 152/2025 (Điều 50–54), the "Căn cứ" lines of the national laws, and the names, short
names and ranks of the national titles and award forms. Before, a province pack could pay LĐTT 0,6 × the base salary
from a date already decided, print its own decision as the emulation decree, rename LĐTT on every past decision,
and rank CSTĐCS below LĐTT so that a person with both was paid only LĐTT. A value the national pack marks
unconfirmed stays an editable default."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.domain.rules import RulePackError, load_default_pack

HEAD = """
[pack]
id = "tq"
name = "Quy định tỉnh"
version = "2026.1"
valid_from = {valid_from}
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"
"""


def _pack(body: str, valid_from: str = "2024-01-01"):
    return load_default_pack(texts=[("Quy định tỉnh", HEAD.format(valid_from=valid_from) + body)])


def _refused(body: str, valid_from: str = "2024-01-01") -> str:
    with pytest.raises(RulePackError) as refused:
        _pack(body, valid_from)
    return str(refused.value)


def test_a_decree_coefficient_cannot_be_changed():
    said = _refused(
        '[titles.LDTT.coefficient]\nindividual = { value = 0.6, cite = "QĐ tỉnh", from = 2025-07-01 }\n', "2025-07-01"
    )
    assert "khóa titles.LDTT.coefficient.individual" in said
    assert "“0,6” khác quy định chung cả nước “0,3” (NĐ 152/2025/NĐ-CP, Điều 50" in said


def test_an_entry_holds_over_the_national_dates_after_it():
    # 0,35 from 2024 would still hold after 01/07/2025, when NĐ 152's confirmed 0,3 takes over: refused
    said = _refused('[titles.LDTT.coefficient]\nindividual = { value = 0.35, cite = "QĐ tỉnh", from = 2024-01-01 }\n')
    assert "từ ngày 01/01/2024" in said and "áp dụng từ ngày 01/07/2025" in said
    # the same value ended by the decree's own from 01/07/2025: the national value before it is unconfirmed
    pack = _pack(
        "[titles.LDTT.coefficient]\nindividual = [\n"
        '  { value = 0.35, cite = "QĐ tỉnh", from = 2024-01-01 },\n'
        '  { value = 0.3, cite = "NĐ 152/2025/NĐ-CP, Điều 50", from = 2025-07-01 },\n]\n'
    )
    assert pack.coefficient("LDTT", "individual", date(2025, 1, 1)) == Decimal("0.35")
    assert pack.coefficient("LDTT", "individual", date(2026, 1, 1)) == Decimal("0.3")


def test_a_new_code_of_the_province_sets_its_own_coefficient():
    pack = _pack(
        """
[titles.TT_DAN_VAN]
name = "Tập thể dân vận khéo"
target = ["collective"]
rank = 5
basis = { cite = "QĐ tỉnh", from = 2026-01-01 }
conferred_by.default = { value = "unit", cite = "QĐ tỉnh", from = 2026-01-01 }
ballot_required = { value = false, cite = "QĐ tỉnh", from = 2026-01-01 }
coefficient.collective = { value = 0.5, cite = "QĐ tỉnh", from = 2026-01-01 }
""",
        "2026-01-01",
    )
    assert pack.coefficient("TT_DAN_VAN", "collective", date(2026, 6, 1)) == Decimal("0.5")


def test_the_laws_basis_lines_are_the_nations_but_an_unconfirmed_one_may_be_corrected():
    said = _refused(
        '[legal_texts.emulation_decree]\nvalue = "Căn cứ Quyết định số 1/2026/QĐ-UBND của tỉnh;"\n'
        'cite = "QĐ tỉnh"\nfrom = 2025-01-01\n',
        "2025-01-01",
    )
    assert "khóa legal_texts.emulation_decree" in said and "NĐ 98/2023/NĐ-CP" in said
    pack = _pack(
        '[legal_texts.emulation_decree]\nvalue = "Căn cứ Nghị định số 152/2025/NĐ-CP (tên đầy đủ);"\n'
        'cite = "Công báo"\nfrom = 2025-07-01\n',
        "2025-07-01",
    )
    assert pack.legal_text("emulation_decree", date(2026, 1, 1)).value.endswith("(tên đầy đủ);")


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", '"Lao động xuất sắc"'), ("short", '"LĐXS"'), ("rank", "1")],
)
def test_a_national_title_keeps_its_name_short_name_and_rank(field, value):
    said = _refused(f"[titles.CSTDCS]\n{field} = {value}\n")
    assert f"khóa titles.CSTDCS.{field}: không được đổi tên, tên viết tắt hay thứ bậc" in said


def test_restating_the_national_name_is_no_change():
    pack = _pack('[titles.LDTT]\nname = "Lao động tiên tiến"\nrank = 10\n')
    assert pack.item("LDTT").name == "Lao động tiên tiến"


def _stacked(first: str, second: str, valid_from: str = "2025-07-01"):
    """The province's pack, then the unit's own over it (each checked against the national pack)."""
    return load_default_pack(
        texts=[
            ("Quy định tỉnh", HEAD.format(valid_from=valid_from) + first),
            ("Quy định đơn vị", HEAD.format(valid_from=valid_from).replace('id = "tq"', 'id = "dv"') + second),
        ]
    )


def test_an_earlier_layer_marking_the_decree_unconfirmed_does_not_open_it():
    """The province restates LĐTT 0,3 marked unconfirmed (harmless alone); the unit's 0,5 over it is still refused:
    LĐTT would pay 1.170.000 đồng instead of the decree's 710.000."""
    restated = (
        "[titles.LDTT.coefficient]\n"
        'individual = { value = 0.3, cite = "NĐ 152", from = 2025-07-01, unconfirmed = true }\n'
    )
    raised = '[titles.LDTT.coefficient]\nindividual = { value = 0.5, cite = "QĐ đơn vị", from = 2025-07-01 }\n'
    assert _stacked(restated, "").coefficient("LDTT", "individual", date(2026, 1, 1)) == Decimal("0.3")
    with pytest.raises(RulePackError) as refused:
        _stacked(restated, raised)
    assert "khóa titles.LDTT.coefficient.individual" in str(refused.value)
    assert "“0,5” khác quy định chung cả nước “0,3”" in str(refused.value)


def test_an_earlier_layer_marking_a_basis_line_unconfirmed_does_not_open_it():
    national = load_default_pack().legal_text("emulation_decree", date(2025, 3, 1)).value  # NĐ 98/2023, confirmed
    restated = (
        f'[legal_texts.emulation_decree]\nvalue = "{national}"\ncite = "Nhắc lại"\nfrom = 2025-01-01\n'
        "unconfirmed = true\n"
    )
    own = (
        "[legal_texts.emulation_decree]\n"
        'value = "Căn cứ Quyết định số 1/2026/QĐ-UBND;"\ncite = "QĐ"\nfrom = 2025-01-01\n'
    )
    assert _stacked(restated, "", "2025-01-01").legal_text("emulation_decree", date(2025, 3, 1)).value == national
    with pytest.raises(RulePackError) as refused:
        _stacked(restated, own, "2025-01-01")
    assert "khóa legal_texts.emulation_decree" in str(refused.value)
