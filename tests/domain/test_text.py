"""Vietnamese text helpers: NFC, accent-free search, name order."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.domain.text import fold, matches, nfc, search_tokens, sort_key, split_name


def test_nfc_normalises_decomposed_text_and_spaces():
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Văn\u00a0Sơn ")
    assert decomposed != "Nguyễn Văn Sơn"
    assert nfc(decomposed) == "Nguyễn Văn Sơn"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn Sơn", "nguyen van son"),
        ("ĐẶNG THỊ NGỌC ÁNH", "dang thi ngoc anh"),
        ("Trương Quốc Hưng", "truong quoc hung"),
        ("Hoàng Thị Thuỳ Dương", "hoang thi thuy duong"),
    ],
)
def test_fold_removes_accents_case_and_d_stroke(text, folded):
    assert fold(text) == folded


def test_search_without_accents_finds_the_name():
    key = fold("Nguyễn Văn Sơn")
    assert matches(search_tokens("nguyen van son"), key)
    assert matches(search_tokens("NGUYEN son"), key)
    assert matches(search_tokens("Sơn"), key)
    assert not matches(search_tokens("nguyen van sen"), key)
    assert matches(search_tokens("d"), fold("Đỗ Hoa"))


def test_split_name_takes_the_last_word_as_given_name():
    assert split_name("Nguyễn Văn Sơn") == ("Nguyễn Văn", "Sơn")
    assert split_name("Sơn") == ("", "Sơn")


def test_sort_order_follows_vietnamese_custom():
    names = ["Nguyễn Văn Sơn", "Trần Thị An", "Lê Văn Ánh", "Phạm Thị Ân", "Đỗ Văn Dũng", "Bùi Thị Anh",
             "Hoàng Đức", "Vũ Văn Ba", "Võ Văn Anh", "Lý Thị Ấn", "Đinh Văn Ă"]
    expected = ["Trần Thị An", "Bùi Thị Anh", "Võ Văn Anh", "Lê Văn Ánh", "Đinh Văn Ă", "Phạm Thị Ân",
                "Lý Thị Ấn", "Vũ Văn Ba", "Đỗ Văn Dũng", "Hoàng Đức", "Nguyễn Văn Sơn"]
    assert sorted(names, key=sort_key) == expected


def test_d_stroke_sorts_after_d_and_before_e():
    assert sorted(["A Em", "A Đào", "A Dung"], key=sort_key) == ["A Dung", "A Đào", "A Em"]


def test_tones_order_ngang_huyen_hoi_nga_sac_nang():
    given = ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
    shuffled = ["Mạ", "Má", "Ma", "Mã", "Mà", "Mả"]
    assert sorted((f"X {g}" for g in shuffled), key=sort_key) == [f"X {g}" for g in given]


def test_sort_key_agrees_whether_input_is_nfc_or_nfd():
    name = "Nguyễn Thị Ánh"
    assert sort_key(name) == sort_key(unicodedata.normalize("NFD", name))


def test_name_key_reads_both_tone_placements_as_one():
    from desktop.domain.text import name_key

    assert name_key("Lò Thị Thuỷ") == name_key("LÒ THỊ THỦY")
    assert name_key("Hoà") == name_key("Hòa") and name_key("khoẻ") == name_key("Khỏe")
    assert name_key("Hùng") != name_key("Hưng") and name_key("Thủy") != name_key("Thúy")
    assert name_key("Nguyễn Văn A") == "nguyễn văn a"
