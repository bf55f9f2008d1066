"""Amounts in words for money lists ("Bằng chữ: …"), Vietnamese administrative style."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.amount_words import amount_in_words, number_in_words

CASES = [
    # every amount of the money table (docs/architecture.md, "The domain in brief")
    (710_000, "Bảy trăm mười nghìn đồng"),
    (1_880_000, "Một triệu tám trăm tám mươi nghìn đồng"),
    (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
    (3_510_000, "Ba triệu năm trăm mười nghìn đồng"),
    (4_680_000, "Bốn triệu sáu trăm tám mươi nghìn đồng"),
    (7_020_000, "Bảy triệu không trăm hai mươi nghìn đồng"),
    (8_190_000, "Tám triệu một trăm chín mươi nghìn đồng"),
    (10_530_000, "Mười triệu năm trăm ba mươi nghìn đồng"),
    (18_720_000, "Mười tám triệu bảy trăm hai mươi nghìn đồng"),
    (28_080_000, "Hai mươi tám triệu không trăm tám mươi nghìn đồng"),
    (16_380_000, "Mười sáu triệu ba trăm tám mươi nghìn đồng"),
    (1_410_000, "Một triệu bốn trăm mười nghìn đồng"),
    (1_120_000, "Một triệu một trăm hai mươi nghìn đồng"),
    # the tricky ones
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (2_015_000, "Hai triệu không trăm mười lăm nghìn đồng"),
    (21_000_000, "Hai mươi mốt triệu đồng"),
    (105_000, "Một trăm linh năm nghìn đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (24_000, "Hai mươi tư nghìn đồng"),
    (25_000, "Hai mươi lăm nghìn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (11_000, "Mười một nghìn đồng"),
    (1_000_021, "Một triệu không trăm hai mươi mốt đồng"),
    (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
    (2_500_000_000_000, "Hai nghìn năm trăm tỷ đồng"),
    (0, "Không đồng"),
]


@pytest.mark.parametrize(("amount", "words"), CASES)
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words
    assert amount_in_words(Decimal(amount)) == words


def test_lower_case_number():
    assert number_in_words(105) == "một trăm linh năm"


@pytest.mark.parametrize("bad", [-1, Decimal("1.5"), 2.5, True])
def test_refuses_non_money(bad):
    with pytest.raises(ValueError, match="Số tiền"):
        amount_in_words(bad)
