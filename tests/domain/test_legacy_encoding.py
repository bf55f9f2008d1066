"""TCVN3 / VNI detection and conversion: legacy text is repaired, Unicode and ASCII are never touched."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.domain.legacy_encoding import (
    MISREAD_UTF8,
    TCVN3,
    UNICODE,
    VNI,
    detect_encoding,
    fix_text,
    fix_texts,
    from_unicode,
    to_unicode,
)

NAMES = [
    "Nguyễn Văn Sơn",
    "Đặng Thị Ngọc Ánh",
    "Trương Quốc Hưng",
    "Lê Thị Hường",
    "Phạm Đức Toàn",
    "Hoàng Thị Thuỳ Dương",
    "Vũ Đình Khoa",
    "Bùi Thị Nguyệt",
    "Đỗ Quang Huy",
    "Huỳnh Thị Yến",
    "Ngô Bảo Châu",
    "Dương Văn Quyết",
    "Lò Văn Giàng",
    "Mùa A Chứ",
    "Giàng Thị Mỷ",
    "Triệu Tiến Thắng",
    "Võ Thị Sáu",
    "Phan Bội Châu",
    "Lương Thế Vinh",
    "Tạ Quang Bửu",
    "Hồ Xuân Hương",
    "Nguyễn Thị Minh Khai",
    "Kiều Thị Quỳnh Như",
    "Chu Văn An",
    "Lý Thường Kiệt",
    "Trịnh Công Sơn",
]
PHRASES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Họ và tên",
    "Ngày tháng năm sinh",
    "Phó Chủ tịch xã",
    "Văn phòng - Thống kê",
    "Hoàn thành xuất sắc nhiệm vụ",
    "Chiến sĩ thi đua cơ sở",
]


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
@pytest.mark.parametrize("text", NAMES + PHRASES)
def test_round_trip(text: str, encoding: str) -> None:
    legacy = from_unicode(text, encoding)
    assert legacy != text
    assert all(ord(ch) < 0x100 for ch in legacy), "legacy text is Windows-1252 characters only"
    assert detect_encoding(legacy) == encoding
    assert to_unicode(legacy, encoding) == text
    assert fix_text(legacy) == (text, encoding)


def test_known_samples() -> None:
    assert fix_text("NguyÔn V¨n S¬n") == ("Nguyễn Văn Sơn", TCVN3)
    assert fix_text("Nguyeãn Vaên Sôn") == ("Nguyễn Văn Sơn", VNI)
    assert fix_text("Céng hoµ x· héi chñ nghÜa ViÖt Nam")[0] == "Cộng hoà xã hội chủ nghĩa Việt Nam"


def test_tcvn3_capitals_without_codes_are_guessed() -> None:
    # VN3 has no code for a capital Á; "¸nh" in a capitalised name gets its capital back.
    assert from_unicode("Đặng Thị Ngọc Ánh", TCVN3) == "§Æng ThÞ Ngäc ¸nh"
    assert fix_text("§Æng ThÞ Ngäc ¸nh")[0] == "Đặng Thị Ngọc Ánh"
    # .VnTimeH headings are typed with lower-case codes under capital letters.
    assert fix_text("DANH S¸CH C¸N Bé")[0] == "DANH SÁCH CÁN BỘ"
    # An ordinary sentence keeps its lower case.
    assert fix_text("Hä vµ tªn")[0] == "Họ và tên"


def test_vni_upper_case_marks() -> None:
    assert from_unicode("VIỆT NAM", VNI) == "VIEÄT NAM"
    assert fix_text("VIEÄT NAM")[0] == "VIỆT NAM"
    assert fix_text("AÙnh")[0] == "Ánh"
    assert fix_text("Aùnh Nguyeät")[0] == "Ánh Nguyệt"  # mark typed in lower case after a capital


@pytest.mark.parametrize(
    "text",
    [
        *NAMES,
        *PHRASES,
        "Lê Hà",
        "Tô Hoài",
        "Hoà Bình",
        "Ghi chú",
        "José García",
        "Café 50%",
        "",
        "CB00012",
        "Phòng Kinh tế",
        "Nguyễn Văn A",
    ],
)
def test_unicode_and_ascii_are_left_alone(text: str) -> None:
    assert detect_encoding(text) == UNICODE
    assert fix_text(text) == (text, UNICODE)


def test_nfd_input_becomes_nfc() -> None:
    for name in NAMES:
        decomposed = unicodedata.normalize("NFD", name)
        assert decomposed != name
        assert detect_encoding(decomposed) == UNICODE
        assert fix_text(decomposed) == (name, UNICODE)
    assert to_unicode(unicodedata.normalize("NFD", "Ánh"), UNICODE) == "Ánh"


def test_file_hint_settles_short_ambiguous_cells() -> None:
    # "Sôn" alone reads as Unicode; in a file that is otherwise VNI it is VNI's "Sơn".
    cells = [from_unicode(name, VNI) for name in NAMES[:5]] + ["Sôn", "12/05/1980"]
    fixed, counts = fix_texts(cells)
    assert fixed[:5] == NAMES[:5]
    assert fixed[5] == "Sơn"
    assert fixed[6] == "12/05/1980"
    assert counts[VNI] == 6
    # With certain Unicode cells in the file, an ambiguous cell without tell-tale characters is kept.
    fixed, _counts = fix_texts([*cells, "Đặng Thị Ngọc Ánh"])
    assert fixed[5] == "Sôn"
    assert fixed[-1] == "Đặng Thị Ngọc Ánh"


def test_tcvn3_cell_that_also_reads_as_unicode_follows_the_file() -> None:
    # "Vò" (TCVN3 for "Vũ") is also a Unicode syllable; alone it is kept, in a TCVN3 file it is converted.
    assert from_unicode("Vũ", TCVN3) == "Vò"
    assert fix_text("Vò") == ("Vò", UNICODE)
    cells = [from_unicode(name, TCVN3) for name in NAMES[:4]] + ["Vò"]
    fixed, counts = fix_texts(cells)
    assert fixed == [*NAMES[:4], "Vũ"]
    assert counts[TCVN3] == 5


def test_tcvn3_lower_case_is_kept_where_case_cannot_be_known() -> None:
    # "ñy" could be "Ủy" or "ủy": with a lower-case sentence around it, it stays lower case.
    assert fix_text(from_unicode("Phó Chủ tịch Ủy ban nhân dân", TCVN3))[0] == "Phó Chủ tịch ủy ban nhân dân"


def test_unicode_file_is_untouched() -> None:
    fixed, counts = fix_texts(NAMES + PHRASES + ["Lê Hà", "Tô"])
    assert fixed == NAMES + PHRASES + ["Lê Hà", "Tô"]
    assert counts == {TCVN3: 0, VNI: 0, MISREAD_UTF8: 0}


def test_mixed_file_converts_each_cell_by_itself() -> None:
    cells = [from_unicode("Nguyễn Văn Sơn", TCVN3), from_unicode("Trương Quốc Hưng", VNI), "Lê Thị Hường"]
    fixed, counts = fix_texts(cells)
    assert fixed == ["Nguyễn Văn Sơn", "Trương Quốc Hưng", "Lê Thị Hường"]
    assert counts == {TCVN3: 1, VNI: 1, MISREAD_UTF8: 0}


def test_unknown_encoding_is_an_error() -> None:
    with pytest.raises(ValueError):
        to_unicode("abc", "cp437")


def test_utf8_read_as_windows_1252_is_undone() -> None:
    from tests.xlsx_factory import misread_utf8

    for name in [*NAMES, *PHRASES]:
        shown = misread_utf8(name)
        assert shown != name
        assert fix_text(shown) == (name, MISREAD_UTF8)
    assert fix_text("LÃª Anh") == ("Lê Anh", MISREAD_UTF8)
    # in a file of TCVN3 names, a misread cell is still undone, not read as TCVN3
    cells = [from_unicode(name, TCVN3) for name in NAMES[:4]] + [misread_utf8("Nguyễn Văn Sơn")]
    fixed, counts = fix_texts(cells)
    assert fixed == [*NAMES[:4], "Nguyễn Văn Sơn"]
    assert counts == {TCVN3: 4, VNI: 0, MISREAD_UTF8: 1}


@pytest.mark.parametrize("text", ["Â°C", "Ô«", "Giá 5 €", "Café ½ ly", "José García", "UBND XÃ", "NGÃ BA"])
def test_latin1_signs_after_capitals_are_not_taken_for_misread_utf8(text: str) -> None:
    assert fix_text(text) == (text, UNICODE)


def test_a_misread_name_typed_into_the_form_is_refused_with_the_name_meant() -> None:
    from desktop.domain.staff import name_shape_problem

    assert name_shape_problem("LÃª Anh") == (
        "“LÃª Anh” là chữ bị lỗi mã (UTF-8 đọc nhầm), có lẽ là “Lê Anh”; hãy gõ lại tên."
    )
    assert name_shape_problem("Lê Anh") == ""
