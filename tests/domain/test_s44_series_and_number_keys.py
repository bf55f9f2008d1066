"""Series symbols and decision numbers read as one however typed, and a look-alike letter never passing for Latin.

- A series symbol (sổ văn bản) is NFKC, its dashes and a space between words one hyphen ("QĐ UBND", "QĐ–UBND",
  "ＱĐ－ＵＢＮＤ" are QĐ-UBND); a letter of another script drawn like a Latin one (Cyrillic "В", Greek "Β"/"Ν", the
  African "Ɖ") is refused, naming the character and its code point; Vietnamese letters with their marks stay.
- A decision number's identity (:func:`decision_number_key`) reads "12/Qđ-UBND", "12 / QĐ-UBND", "12/QĐ–UBND",
  "12/qđ-ubnd", "Số 12/QD-UBND", a full-width or Cyrillic spelling as 12/QĐ-UBND; an issuer's identity reads
  "UBND tỉnh" as "Ủy ban nhân dân tỉnh".
"""

from __future__ import annotations

import pytest

from desktop.domain.decision_number import decision_key, decision_number_key, issuer_key
from desktop.domain.series_key import is_vietnamese_letter, series_key, series_look_alike_key
from desktop.domain.text import InputTextError

LABEL = "Ký hiệu sổ văn bản"


@pytest.mark.parametrize(
    "typed",
    ["QĐ-UBND", "QĐ UBND", "QĐ  UBND", "QĐ–UBND", "QĐ — UBND", "qđ‐ubnd", " QĐ - UBND ", "ＱĐ－ＵＢＮＤ", "QĐ--UBND"],
)
def test_spaces_dashes_and_width_are_one_book(typed):
    assert series_key(typed, label=LABEL) == "QĐ-UBND"


@pytest.mark.parametrize(
    ("typed", "char", "said"),
    [
        ("QĐ-UВND", "В", "U+0412, chữ Kirin trông như “B”"),  # Cyrillic VE
        ("QĐ-UΒND", "Β", "U+0392, chữ Hy Lạp trông như “B”"),  # Greek BETA
        ("QĐ-UBΝD", "Ν", "U+039D, chữ Hy Lạp trông như “N”"),  # Greek NU
        ("ƉQ-UBND", "Ɖ", "U+0189"),  # African D, printed like Đ
        ("QĐ-UBNĐ\u0302", "\u0302", "U+0302"),  # a stray circumflex: no letter "Đ̂"
        ("QĐ/UBND", "/", "U+002F"),
        ("QĐ_UBND", "_", "U+005F"),
        ("QÑ-UBND", "Ñ", "U+00D1"),
    ],
)
def test_a_character_that_is_not_vietnamese_is_refused_naming_it(typed, char, said):
    with pytest.raises(InputTextError) as refused:
        series_key(typed, label=LABEL)
    message = str(refused.value)
    assert message.startswith(LABEL) and "chữ cái tiếng Việt" in message
    assert f"“{char}” ({said}" in message


def test_vietnamese_letters_with_their_marks_stay():
    assert series_key("qđ-hđtđkt", label=LABEL) == "QĐ-HĐTĐKT"
    assert series_key("QĐ-ỨNG.VP", label=LABEL) == "QĐ-ỨNG.VP"
    assert series_key("kh-ưbnd", label=LABEL) == "KH-ƯBND"
    for letter in "AĂÂĐEÊOÔƠUƯYẤẦẨẪẬỰỲỹđ":
        assert is_vietnamese_letter(letter), letter
    for letter in "ÑÇÅǍÜВΒƉ":
        assert not is_vietnamese_letter(letter), letter


def test_a_dot_for_the_hyphen_and_a_look_alike_letter_fold_alike():
    assert series_look_alike_key("QĐ.UBND") == series_look_alike_key("QD-UBND") == "QD-UBND"
    assert series_look_alike_key("QĐ-UВND") == "QD-UBND"  # a key an older version stored with a Cyrillic В


@pytest.mark.parametrize(
    "spelt",
    [
        "12/QĐ-UBND",
        "12/Qđ-UBND",
        "12 / QĐ-UBND",
        "12/QĐ–UBND",
        "12/qđ-ubnd",
        "12/QD-UBND",
        "Số 12/QĐ-UBND",
        "Số: 12/QĐ - UBND",
        "１２/ＱĐ-ＵＢＮＤ",
        "12/QĐ-UВND",  # Cyrillic В
    ],
)
def test_one_decision_number_however_spelt(spelt):
    assert decision_number_key(spelt) == decision_number_key("12/QĐ-UBND") == "12/QD-UBND"


def test_other_numbers_stay_other():
    assert decision_number_key("112/QĐ-UBND") != decision_number_key("12/QĐ-UBND")
    assert decision_number_key("12/QĐ-CT") != decision_number_key("12/QĐ-UBND")
    assert decision_number_key("") == ""


def test_an_issuer_and_its_short_name_are_one():
    assert issuer_key("UBND tỉnh Tuyên Quang") == issuer_key("Ủy ban nhân dân tỉnh Tuyên Quang")
    assert issuer_key("UBND tỉnh") != issuer_key("UBND huyện Đồng Văn")
    assert decision_key("UBND tỉnh", "12/Qđ-UBND") == decision_key("Ủy ban nhân dân tỉnh", "12/QĐ–UBND")
