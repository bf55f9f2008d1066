"""Who decides a title or award form is the law's, not a province's: an override may hand down what the province
itself confers (TTLĐXS to the unit) but never take up what the law gives another level. Before, a province pack could
have the province decide a Bằng khen of the Prime Minister, or take the commune's LĐTT, and only lowering was
refused."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.rules import RulePackError, load_default_pack

HEAD = """
[pack]
id = "tq"
name = "Quy định tỉnh"
version = "2026.1"
valid_from = 2026-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"
"""


def _pack(body: str):
    return load_default_pack(texts=[("Quy định tỉnh", HEAD + body)])


@pytest.mark.parametrize(
    ("table", "code", "kind", "value", "lawful"),
    [
        ("award_forms", "BK_TTG", "default", "province", "Thủ tướng Chính phủ, Chủ tịch nước quyết định"),
        ("titles", "CSTD_TQ", "ubnd_xa", "province", "Thủ tướng Chính phủ, Chủ tịch nước quyết định"),
        ("titles", "LDTT", "ubnd_xa", "province", "đơn vị quyết định"),
        ("titles", "LDTT", "ubnd_xa", "none", "đơn vị quyết định"),
        ("titles", "CSTDCS", "ubnd_xa", "central", "đơn vị quyết định"),
    ],
)
def test_an_override_does_not_take_up_an_authority_the_law_gives_another_level(table, code, kind, value, lawful):
    body = f'[{table}.{code}.conferred_by]\n{kind} = {{ value = "{value}", cite = "QĐ tỉnh", from = 2026-01-01 }}\n'
    with pytest.raises(RulePackError) as refused:
        _pack(body)
    said = str(refused.value)
    assert f"khóa {table}.{code}.conferred_by.{kind}: giá trị “{value}” không được phép từ ngày 01/01/2026" in said
    assert f"“{code}” do {lawful} (" in said and "không chuyển thẩm quyền này lên cấp cao hơn hay bỏ đi" in said


def test_the_laws_own_authority_and_a_delegation_downwards_still_load():
    pack = _pack(
        '[titles.TTLDXS]\nconferred_by = { value = "unit", cite = "QĐ tỉnh (ủy quyền)", from = 2026-01-01 }\n\n'
        '[titles.LDTT.conferred_by]\nubnd_xa = { value = "unit", cite = "QĐ tỉnh (nhắc lại)", from = 2026-01-01 }\n\n'
        "[titles.TT_DAN_VAN]\n"
        'name = "Tập thể dân vận khéo"\ntarget = ["collective"]\nrank = 5\n'
        'basis = { cite = "QĐ tỉnh", from = 2026-01-01 }\n'
        'conferred_by.default = { value = "province", cite = "QĐ tỉnh", from = 2026-01-01 }\n'
        'ballot_required = { value = false, cite = "QĐ tỉnh", from = 2026-01-01 }\n'
    )
    on = date(2026, 3, 1)
    assert pack.conferred_by("TTLDXS", on, "ubnd_xa") == "unit"
    assert pack.conferred_by("LDTT", on, "ubnd_xa") == "unit"
    assert pack.conferred_by("TT_DAN_VAN", on, "ubnd_xa") == "upward"  # the province's own code: its own say
    # "upward" names no level: a higher level still decides what the law gives the province
    upward = _pack(
        '[titles.CSTD_TINH.conferred_by]\nubnd_xa = { value = "upward", cite = "QĐ tỉnh", from = 2026-01-01 }\n'
    )
    assert upward.conferred_by("CSTD_TINH", on, "ubnd_xa") == "upward"


def test_a_national_authority_marked_unconfirmed_stays_an_editable_default():
    # LĐTT of an agency (not a commune): the national pack's "thủ trưởng cơ quan, đơn vị" is marked unconfirmed
    pack = _pack('[titles.LDTT.conferred_by]\ndefault = { value = "province", cite = "QĐ tỉnh", from = 2026-01-01 }\n')
    assert pack.conferred_by("LDTT", date(2026, 3, 1), "co_quan") == "upward"
