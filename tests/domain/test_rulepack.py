"""Rule packs: the national catalog, province overrides, and validation messages that name file, key and problem."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain.rules import (
    CANONICAL_AWARD_FORMS,
    CANONICAL_TITLES,
    RulePackError,
    load_default_pack,
    load_pack,
    national_pack_path,
)
from desktop.paths import resource_path

EXAMPLE = resource_path("rulepacks", "examples", "province-override-example.toml")
OVERRIDE_HEAD = """
[pack]
id = "vn-test-province"
name = "Tỉnh thử"
version = "1"
valid_from = 2026-01-01
jurisdiction = "VN-01"
kind = "override"
"""


@pytest.fixture(scope="module")
def pack():
    return load_default_pack()


def test_catalog_keeps_titles_and_award_forms_apart(pack):
    """The canonical codes (docs/architecture.md); titles vs award forms (Luật TĐKT 2022, Điều 7–8)."""
    assert {t.code for t in pack.titles} == CANONICAL_TITLES
    assert {a.code for a in pack.award_forms} == CANONICAL_AWARD_FORMS
    assert all(t.is_title for t in pack.titles)
    assert not any(a.is_title for a in pack.award_forms)
    assert pack.item("GDVH").targets == ("household",)
    assert pack.item("CSTDCS").label == "CSTĐCS"


@pytest.mark.parametrize(
    ("code", "conferred_by", "article"),
    [
        ("LDTT", "unit", "NĐ 129/2025: commune chair confers LĐTT"),
        ("CSTDCS", "unit", "NĐ 129/2025: commune chair confers CSTĐCS"),
        ("TTLDTT", "unit", "NĐ 129/2025: commune chair confers TTLĐTT"),
        ("GIAY_KHEN", "unit", "NĐ 129/2025: commune chair confers Giấy khen"),
        ("GDVH", "unit", "NĐ 129/2025: Gia đình văn hóa"),
        ("THON_VH", "unit", "NĐ 129/2025: thôn văn hóa"),
        ("CSTD_TINH", "upward", "Luật Điều 22: nominated upward"),
        ("BK_TINH", "upward", "Luật Điều 74: nominated upward"),
        ("TTLDXS", "upward", "Luật Điều 27"),
        ("CO_CP", "upward", "Cờ Chính phủ"),
    ],
)
def test_who_confers(pack, code, conferred_by, article):
    assert pack.conferred_by(code) == conferred_by, article


@pytest.mark.parametrize(
    ("code", "required", "threshold", "article"),
    [
        ("CSTDCS", True, Decimal(80), "NĐ98 Đ30.7: CSTĐCS ≥ 80%"),
        ("CO_TINH", True, Decimal(80), "NĐ98 Đ30.7: Cờ thi đua ≥ 80%"),
        ("CO_CP", True, Decimal(80), "NĐ98 Đ30.7: Cờ thi đua ≥ 80%"),
        ("CSTD_TINH", True, Decimal(90), "NĐ98 Đ30.7: CSTĐ tỉnh ≥ 90%"),
        ("CSTD_TQ", True, Decimal(90), "NĐ98 Đ30.7: CSTĐ toàn quốc ≥ 90%"),
        ("LDTT", False, None, "no mandatory ballot for LĐTT"),
        ("TTLDTT", False, None, "no mandatory ballot for TTLĐTT"),
        ("TTLDXS", False, None, "no mandatory ballot for TTLĐXS"),
        ("GIAY_KHEN", False, None, "no mandatory ballot for Giấy khen"),
    ],
)
def test_ballots(pack, code, required, threshold, article):
    assert pack.ballot_required(code) is required, article
    assert pack.ballot_threshold(code) == threshold, article


def test_every_value_is_cited_and_dated(pack):
    for key in pack.value_keys():
        for entry in pack.history(key):
            assert entry.cite, key
            assert isinstance(entry.valid_from, date), key
            assert entry.source == "national.toml"
    for item in (*pack.titles, *pack.award_forms):
        assert item.basis.cite, item.code


@pytest.mark.parametrize(
    ("key", "value", "unconfirmed", "article"),
    [
        ("settings.rounding_step", 10_000, False, "NĐ152 Đ49–54: round up to 10.000"),
        ("settings.household_multiplier", Decimal("1.5"), False, "NĐ152 Đ49–54: household 1,5×"),
        ("settings.new_staff_min_months", 6, True, "TT 01/2024: new staff 6 months (unconfirmed under TT 15/2025)"),
        ("settings.ballot_counts_written_opinions", True, True, "NĐ98 Đ30.7 (replaced): written votes count"),
        ("titles.CSTDCS.params.cap_percent_of_ldtt", 0, False, "no national cap any more (NĐ91/2017 repealed)"),
        ("titles.TTLDTT.params.ldtt_share_more_than_percent", 50, False, "Luật Điều 28: more than 50%"),
        ("titles.TTLDXS.params.ldtt_share_at_least_percent", 70, False, "Luật Điều 27: at least 70%"),
        ("titles.CSTD_TINH.params.consecutive_years", 3, False, "Luật Điều 22: 3 consecutive years"),
        ("titles.TTLDTT.params.blocking_discipline_level", "canh_cao", True, "Luật Điều 28 (unconfirmed)"),
    ],
)
def test_national_values(pack, key, value, unconfirmed, article):
    cited = pack.cited(key)
    assert cited.value == value, article
    assert cited.unconfirmed is unconfirmed, article
    assert ("(chưa xác nhận)" in cited.citation()) is unconfirmed


@pytest.mark.parametrize(
    ("on", "salary", "cite"),
    [
        (date(2023, 7, 1), 1_800_000, "NĐ 24/2023/NĐ-CP"),
        (date(2024, 6, 30), 1_800_000, "NĐ 24/2023/NĐ-CP"),
        (date(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP"),
        (date(2026, 7, 1), 2_530_000, "NĐ 161/2026/NĐ-CP"),
    ],
)
def test_dated_base_salary(pack, on, salary, cite):
    assert pack.base_salary_on(on) == salary
    assert pack.base_salary_entry_on(on).cite.startswith(cite)
    assert pack.base_salary_entry_on(date(2026, 7, 1)).unconfirmed


def test_province_override_changes_values_from_its_date():
    """A province sets its own details (NĐ152 Điều 6.2.c; Luật Điều 24.4, 75.2)."""
    pack = load_default_pack([EXAMPLE])
    assert pack.setting("new_staff_min_months", date(2026, 12, 31)) == 10
    assert pack.setting("new_staff_min_months", date(2025, 12, 31)) == 6  # national value before the override
    assert pack.param("CSTDCS", "cap_percent_of_ldtt", date(2026, 12, 31)) == 30
    assert pack.cited("titles.CSTDCS.params.cap_percent_of_ldtt").source == "province-override-example.toml"
    assert "Điều 7" in pack.citation("titles.CSTDCS.params.cap_percent_of_ldtt")
    assert set(pack.params("GIAY_KHEN")) == {"min_rating", "consecutive_years", "requires_ldtt", "note_movement"}
    assert pack.coefficient("LDTT", "individual") == Decimal("0.3")  # untouched values stay national
    assert [m.id for m in pack.overrides] == ["vn-example-province"]


def _override(tmp_path: Path, body: str, name: str = "tinh.toml") -> Path:
    path = tmp_path / name
    path.write_text(OVERRIDE_HEAD + body, encoding="utf-8")
    return path


def test_override_may_extend_base_salary_and_declare_a_new_code(tmp_path):
    path = _override(
        tmp_path,
        """
[[base_salary]]
value = 2600000
cite = "NĐ thử"
from = 2027-01-01

[titles.TT_DAN_VAN]
name = "Tập thể dân vận khéo"
target = ["collective"]
rank = 12
basis = { cite = "QĐ 1/2026 tỉnh, Điều 2", from = 2026-01-01 }
conferred_by = { value = "unit", cite = "QĐ 1/2026 tỉnh, Điều 2", from = 2026-01-01 }
ballot_required = { value = false, cite = "QĐ 1/2026 tỉnh, Điều 2", from = 2026-01-01 }
coefficient.collective = { value = 0.5, cite = "QĐ 1/2026 tỉnh, Điều 3", from = 2026-01-01 }
""",
    )
    pack = load_default_pack([path])
    assert pack.base_salary_on(date(2026, 1, 1)) == 2_340_000
    assert pack.base_salary_on(date(2027, 1, 1)) == 2_600_000
    assert pack.item("TT_DAN_VAN").is_title
    assert pack.coefficient("TT_DAN_VAN", "collective") == Decimal("0.5")


def _national_with(tmp_path: Path, old: str, new: str) -> Path:
    text = national_pack_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "national.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# (replace this, with this, exact message, case)
MALFORMED_NATIONAL = [
    (
        '  { value = 1.0, cite = "NĐ 152/2025/NĐ-CP, Điều 50", from = 2025-07-01 },',
        '  { value = "một", cite = "NĐ 152/2025/NĐ-CP, Điều 50", from = 2025-07-01 },',
        "national.toml, khóa titles.CSTDCS.coefficient.individual[2]: phải là số, không phải chuỗi “một”",
        "bad type",
    ),
    (
        '  { value = "HTTNV", cite = "Luật TĐKT 2022, Điều 24", from = 2024-01-01 },',
        '  { value = "HTTNV", from = 2024-01-01 },',
        "national.toml, khóa titles.LDTT.params.min_rating[1]: thiếu trích dẫn căn cứ pháp lý (cite)",
        "missing citation",
    ),
    (
        '  { value = "HTTNV", cite = "Luật TĐKT 2022, Điều 24", from = 2024-01-01 },',
        '  { value = "HTTNV", cite = "Luật TĐKT 2022, Điều 24" },',
        "national.toml, khóa titles.LDTT.params.min_rating[1]: thiếu ngày bắt đầu áp dụng (from)",
        "missing date",
    ),
    (
        "[titles.CSTD_TQ]\n",
        "[award_forms.CSTD_TQ]\n",
        "national.toml, khóa award_forms.CSTD_TQ: mã “CSTD_TQ” là danh hiệu thi đua, "
        "không được khai báo là hình thức khen thưởng",
        "a title declared as an award form",
    ),
    (
        '  { value = "HTTNV", cite = "Luật TĐKT 2022, Điều 24", from = 2024-01-01 },',
        '  { value = "GIOI", cite = "Luật TĐKT 2022, Điều 24", from = 2024-01-01 },',
        "national.toml, khóa titles.LDTT.params.min_rating[1]: giá trị “GIOI” không có trong danh mục; "
        "chỉ dùng: HTXSNV, HTTNV, HTNV, KHTNV",
        "unknown rating code",
    ),
    (
        'target = ["household"]',
        'target = ["family"]',
        "national.toml, khóa titles.GDVH.target: đối tượng “family” không có trong danh mục; "
        "chỉ dùng: individual, collective, household",
        "unknown target",
    ),
    (
        "from = 2024-07-01",
        'from = "2024-07-01"',
        "national.toml, khóa base_salary[4].from: phải là ngày dạng 2025-07-01, không phải chuỗi “2024-07-01”",
        "date written as a string",
    ),
]


@pytest.mark.parametrize(("old", "new", "message", "case"), MALFORMED_NATIONAL)
def test_malformed_national_pack(tmp_path, old, new, message, case):
    path = _national_with(tmp_path, old, new)
    if case == "a title declared as an award form":
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("[titles.CSTD_TQ.params]", "[award_forms.CSTD_TQ.params]"), encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_pack(path)
    assert caught.value.problems == [message], case


MALFORMED_OVERRIDES = [
    (
        '[award_forms.LDTT]\nname = "Lao động tiên tiến"\n',
        "tinh.toml, khóa award_forms.LDTT: mã “LDTT” là danh hiệu thi đua, "
        "không được khai báo là hình thức khen thưởng",
        "turning a title into an award form",
    ),
    (
        '[titles.XYZ.coefficient]\nindividual = { value = 0.5, cite = "QĐ 1", from = 2026-01-01 }\n',
        "tinh.toml, khóa titles.XYZ: mã “XYZ” không có trong danh mục quốc gia; muốn thêm mã mới phải khai báo đủ: "
        "name, target, rank, basis, conferred_by, ballot_required",
        "unknown code",
    ),
    (
        '[titles.CSTDCS.params]\ncap_percent_of_ldtt = { value = "ba mươi", cite = "QĐ 1", from = 2026-01-01 }\n',
        "tinh.toml, khóa titles.CSTDCS.params.cap_percent_of_ldtt: phải là số, không phải chuỗi “ba mươi”",
        "bad type in an override",
    ),
    (
        '[titles.CSTDCS.params]\ncap_percent = { value = 30, cite = "QĐ 1", from = 2026-01-01 }\n',
        "tinh.toml, khóa titles.CSTDCS.params.cap_percent: tiêu chí “cap_percent” không có trong bộ quốc gia; "
        "chỉ dùng: requires_title, excellent_rating, excellent_rating_suffices, initiative_levels, cap_percent_of_ldtt",
        "a misspelt criterion",
    ),
    (
        "[settings]\nnew_staff_min_months = { value = 10, from = 2026-01-01 }\n",
        "tinh.toml, khóa settings.new_staff_min_months: thiếu trích dẫn căn cứ pháp lý (cite)",
        "missing citation in an override",
    ),
    (
        '[titles.CSTDCS]\nballot_threshold_percent = { value = 150, cite = "QĐ 1", from = 2026-01-01 }\n',
        "tinh.toml, khóa titles.CSTDCS.ballot_threshold_percent: phải lớn hơn 0 và không quá 100",
        "threshold above 100%",
    ),
    (
        '[titles.GDVH]\nposting_days = { value = 120, cite = "QĐ 1", from = 2026-01-01 }\n',
        "tinh.toml, khóa titles.GDVH.posting_days: phải từ 0 đến 90 ngày (0 là không phải niêm yết)",
        "a posting period of four months",
    ),
    (
        '[titles.GDVH]\nposting_days = { value = 7.5, cite = "QĐ 1", from = 2026-01-01 }\n',
        "tinh.toml, khóa titles.GDVH.posting_days: phải là số nguyên, không phải số 7.5",
        "half a day of posting",
    ),
    (
        '[titles.LDTT]\ntarget = ["collective"]\n',
        "tinh.toml, khóa titles.LDTT.target: không được đổi đối tượng của mã có sẵn trong danh mục quốc gia",
        "changing the target of a national code",
    ),
]


@pytest.mark.parametrize(("body", "message", "case"), MALFORMED_OVERRIDES)
def test_malformed_override(tmp_path, body, message, case):
    with pytest.raises(RulePackError) as caught:
        load_default_pack([_override(tmp_path, body)])
    assert caught.value.problems == [message], case


def test_override_must_say_it_is_an_override(tmp_path):
    path = tmp_path / "tinh.toml"
    path.write_text(OVERRIDE_HEAD.replace('kind = "override"', 'kind = "national"'), encoding="utf-8")
    with pytest.raises(RulePackError, match=r"tinh\.toml, khóa pack\.kind: phải là “override” cho tệp này"):
        load_default_pack([path])


def test_toml_syntax_error_names_the_file(tmp_path):
    path = tmp_path / "hong.toml"
    path.write_text("[pack\n", encoding="utf-8")
    with pytest.raises(RulePackError) as refused:
        load_default_pack([path])
    assert refused.value.problems == ["hong.toml, dòng 1, cột 6: sai cú pháp TOML: tiêu đề bảng thiếu dấu “]”."]


def test_unknown_code_lookup(pack):
    with pytest.raises(RulePackError, match="Mã “NOPE” không có trong danh mục"):
        pack.item("NOPE")


# -- the law as of each date (issue 11) ---------------------------------------------------------------------------


def test_every_national_value_holds_from_the_packs_first_date(pack):
    """Any date since 1/1/2018 gets its own law: no value starts after the pack's first date."""
    assert pack.valid_from == date(2018, 1, 1)
    late = [key for key in pack.value_keys() if pack.history(key)[0].valid_from > pack.valid_from]
    assert late == []


def test_a_date_before_the_pack_is_refused(pack):
    with pytest.raises(RulePackError, match="chỉ có quy định pháp luật từ ngày 01/01/2018"):
        pack.check_date(date(2017, 12, 31))
    with pytest.raises(RulePackError, match="chỉ có từ ngày 01/01/2018"):
        pack.coefficient("LDTT", "individual", date(2017, 6, 1))
    pack.check_date(date(2018, 1, 1))  # the first day is in


@pytest.mark.parametrize(
    ("code", "kind", "on", "who", "cite"),
    [
        # Luật 2022 Điều 80, three levels: the district chair conferred CSTĐCS, TTLĐTT, thôn văn hóa.
        ("CSTDCS", "ubnd_xa", date(2024, 12, 26), "district", "Luật TĐKT 2022, Điều 80"),
        ("TTLDTT", "ubnd_xa", date(2025, 6, 30), "district", "Luật TĐKT 2022, Điều 80"),
        ("THON_VH", "ubnd_xa", date(2024, 12, 26), "district", "Luật TĐKT 2022, Điều 80"),
        ("LDTT", "ubnd_xa", date(2024, 12, 26), "unit", "Luật TĐKT 2022, Điều 80"),
        ("GIAY_KHEN", "ubnd_xa", date(2024, 12, 26), "unit", "Luật TĐKT 2022, Điều 80"),
        ("GDVH", "ubnd_xa", date(2024, 12, 26), "unit", "Luật TĐKT 2022, Điều 80"),
        # From 1/7/2025 (NĐ 129/2025): the commune chair.
        ("CSTDCS", "ubnd_xa", date(2025, 7, 1), "unit", "NĐ 129/2025/NĐ-CP"),
        ("TTLDTT", "ubnd_xa", date(2025, 12, 26), "unit", "NĐ 129/2025/NĐ-CP"),
        ("THON_VH", "ubnd_xa", date(2025, 12, 26), "unit", "NĐ 129/2025/NĐ-CP"),
        # Luật 2003 (before 2024), flagged unconfirmed.
        ("CSTDCS", "ubnd_xa", date(2020, 12, 26), "district", "Luật TĐKT 2003"),
        # Always above: TTLĐXS, CSTĐ tỉnh, Bằng khen tỉnh; Bằng khen Thủ tướng is Luật 2022 Điều 80 / Điều 72.
        ("TTLDXS", "ubnd_xa", date(2025, 12, 26), "province", "Luật TĐKT 2022, Điều 80"),
        ("BK_TINH", "ubnd_xa", date(2025, 12, 26), "province", "Luật TĐKT 2022, Điều 80"),
        ("BK_TTG", "ubnd_xa", date(2025, 12, 26), "central", "Luật TĐKT 2022, Điều 80"),
        # A unit that is not a commune keeps its own entries; it cannot confer households' or villages' titles.
        ("CSTDCS", "truong_hoc", date(2024, 12, 26), "unit", "Luật TĐKT 2022, Điều 80"),
        ("GDVH", "co_quan", date(2025, 12, 26), "none", "Chủ tịch UBND xã"),
        ("THON_VH", "don_vi_su_nghiep", date(2025, 12, 26), "none", "thôn, tổ dân phố"),
    ],
)
def test_who_confers_by_date_and_kind_of_unit(pack, code, kind, on, who, cite):
    cited = pack.authority_cited(code, kind, on)
    assert cited.value == who
    assert cite in cited.cite
    assert pack.conferred_by(code, on, kind) == (who if who in ("unit", "none") else "upward")


def test_bang_khen_thu_tuong_is_article_72(pack):
    assert pack.cited("award_forms.BK_TTG.basis", date(2025, 12, 26)).cite == "Luật TĐKT 2022, Điều 72"


def test_cstdcs_cap_no_longer_cites_the_dossier_article(pack):
    for entry in pack.history("titles.CSTDCS.params.cap_percent_of_ldtt"):
        assert "6.2.c" not in entry.cite
    assert pack.param("CSTDCS", "cap_percent_of_ldtt", date(2023, 12, 26)) == 15  # NĐ 91/2017's 15 %
    assert pack.param("CSTDCS", "cap_percent_of_ldtt", date(2024, 12, 26)) == 0


def test_study_leave_is_a_setting_marked_unconfirmed(pack):
    cited = pack.setting_cited("study_leave_counts_as_worked", date(2025, 12, 31))
    assert cited.value is True and cited.unconfirmed and "Không có căn cứ" in cited.cite


@pytest.mark.parametrize(
    ("code", "paper"),
    [
        ("GIAY_KHEN", "giay_khen"),
        ("CSTDCS", "bang_chung_nhan"),
        ("TTLDXS", "bang_chung_nhan"),
        ("LDTT", ""),
        ("TTLDTT", ""),
        ("BK_TINH", "bang_khen"),
    ],
)
def test_which_paper_each_award_gets(pack, code, paper):
    assert pack.paper(code, date(2025, 12, 26)) == paper


def test_optional_certificates_for_line_only_titles_when_turned_on(tmp_path):
    override = _override(
        tmp_path,
        '[settings]\nprint_optional_certificates = { value = true, cite = "QĐ 1/2026 tỉnh", from = 2026-01-01 }\n',
    )
    pack = load_default_pack([override])
    assert pack.paper("LDTT", date(2025, 12, 26)) == ""  # before the province turned it on
    assert pack.paper("LDTT", date(2026, 12, 26)) == "giay_chung_nhan"
    assert pack.paper("CSTDCS", date(2026, 12, 26)) == "bang_chung_nhan"  # its own paper stays


def test_an_override_for_every_kind_of_unit_replaces_each_kinds_value(tmp_path):
    """A province writing conferred_by as one value means it for every kind of unit, from its date on."""
    override = _override(
        tmp_path,
        '[titles.TTLDXS]\nconferred_by = { value = "unit", cite = "QĐ 2/2026 tỉnh (ủy quyền)", from = 2026-01-01 }\n',
    )
    pack = load_default_pack([override])
    assert pack.conferred_by("TTLDXS", date(2026, 3, 1), "ubnd_xa") == "unit"
    assert pack.conferred_by("TTLDXS", date(2026, 3, 1), "truong_hoc") == "unit"
    assert pack.conferred_by("TTLDXS", date(2025, 12, 31), "ubnd_xa") == "upward"  # national before its date


def test_an_unknown_kind_of_unit_in_conferred_by_is_refused(tmp_path):
    override = _override(
        tmp_path, '[titles.LDTT.conferred_by]\nhuyen = { value = "unit", cite = "QĐ 1", from = 2026-01-01 }\n'
    )
    with pytest.raises(RulePackError) as caught:
        load_default_pack([override])
    assert "titles.LDTT.conferred_by.huyen" in caught.value.problems[0] and "loại đơn vị" in caught.value.problems[0]


@pytest.mark.parametrize(
    ("on", "law", "decree"),
    [
        (date(2018, 12, 26), "ngày 26 tháng 11 năm 2003", "91/2017/NĐ-CP"),
        (date(2024, 12, 26), "ngày 15 tháng 6 năm 2022", "98/2023/NĐ-CP"),
        (date(2025, 12, 26), "ngày 15 tháng 6 năm 2022", "152/2025/NĐ-CP"),
    ],
)
def test_legal_texts_by_date(pack, on, law, decree):
    assert law in pack.legal_text("emulation_law", on).value
    assert decree in pack.legal_text("emulation_decree", on).value
    authority = pack.legal_text("authority_decree", on).value
    assert ("129/2025/NĐ-CP" in authority) is (on >= date(2025, 7, 1))


def test_the_legal_basis_document_is_the_pack():
    """docs/legal-basis.md is generated from the pack (make legal-basis): a stale copy fails here."""
    import importlib.util

    from desktop.paths import resource_path

    root = resource_path("rulepacks", "national.toml").resolve().parents[2]
    spec = importlib.util.spec_from_file_location("legal_basis_doc", root / "build" / "legal_basis_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TARGET.read_text(encoding="utf-8") == module.render(), "run `make legal-basis`"


def test_a_key_whose_absence_has_a_meaning_keeps_that_meaning_before_the_province_adds_it(tmp_path):
    """A province that gives the Giấy khen to the body (TM.) and papers to titles without one from 01/07/2026
    changes nothing before that date: the chair signs, no paper. Before, every earlier date
    raised "chưa có giá trị … cho ngày …", so a decision of 06/2026 could not be issued or even opened."""
    path = _override(
        tmp_path,
        """
[award_forms.GIAY_KHEN]
signing = { value = "body", cite = "Quyết định ví dụ của tỉnh", from = 2026-07-01 }

[titles.LDTT]
certificate = { value = "giay_chung_nhan", cite = "Quyết định ví dụ của tỉnh", from = 2026-07-01 }

[settings]
print_optional_certificates = { value = true, cite = "Quyết định ví dụ của tỉnh", from = 2026-07-01 }
""",
    )
    pack = load_default_pack([path])
    before, after = date(2026, 6, 20), date(2026, 7, 20)
    assert pack.signing_default("GIAY_KHEN", before) == "chair"
    assert pack.signing_default("GIAY_KHEN", after) == "body"
    assert pack.paper("LDTT", before) == ""
    assert pack.paper("LDTT", after) == "giay_chung_nhan"
    assert pack.paper("TTLDTT", before) == ""  # the optional-certificate switch is off before its date too
    assert pack.paper("TTLDTT", after) == "giay_chung_nhan"
