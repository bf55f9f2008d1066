"""Amounts in Vietnamese words for money lists ("Bằng chữ: Bảy trăm mười nghìn đồng").

Our own converter rather than num2words: num2words 0.5.14 (``lang='vi'``) drops the "không trăm" of inner
groups (7,020,000 → "bảy triệu hai mươi nghìn" instead of "bảy triệu không trăm hai mươi nghìn";
1,005,000 → "một triệu năm nghìn"), says "lẻ" where the administrative style here uses "linh", and says
"bốn" where money lists write "tư" after "mươi". A financial document must read unambiguously, so the
style below is the one used on Vietnamese payment vouchers:

- "mười" for 10–19, "mươi" for the other tens; "mốt" for 1 after mươi (21 = hai mươi mốt);
- "lăm" for 5 after a ten (15 = mười lăm, 25 = hai mươi lăm); "tư" for 4 after mươi (24 = hai mươi tư);
- "linh" for a zero ten before a unit (105 = một trăm linh năm);
- "không trăm" for a zero hundred in every group after the first (2,015,000 = hai triệu không trăm mười lăm nghìn);
- groups that are all zero are skipped (1,000,000,000 = một tỷ); "nghìn", never "ngàn".

The words are the language of the document itself (Vietnamese law), so they are data, not translatable UI text.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.i18n import _

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu")  # then "tỷ", which repeats: nghìn tỷ, triệu tỷ, tỷ tỷ


def _three(number: int, full: bool) -> list[str]:
    """Words for 0–999; ``full`` reads a zero hundred ("không trăm") as inner groups need."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 4 and tens >= 2:
            words.append("tư")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return words


def _below_billion(number: int, full: bool) -> list[str]:
    words: list[str] = []
    groups = [(number // 1_000_000) % 1000, (number // 1000) % 1000, number % 1000]
    leading = not full
    for index, group in enumerate(groups):
        if group == 0:
            continue
        words += _three(group, full=not leading)
        leading = False
        unit = _GROUPS[2 - index]
        if unit:
            words.append(unit)
    return words


def _words(number: int, full: bool = False) -> list[str]:
    billions, rest = divmod(number, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += _words(billions, full)
        words.append("tỷ")
        if rest:
            words += _below_billion(rest, full=True)
        return words
    return _below_billion(rest, full)


def number_in_words(number: int) -> str:
    """Lower-case Vietnamese words for a whole number ≥ 0 ("bảy trăm mười nghìn")."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise ValueError(_("Số tiền phải là số nguyên, không phải “{value}”.").format(value=number))
    if number < 0:
        raise ValueError(_("Số tiền không được âm: {value}.").format(value=number))
    if number == 0:
        return "không"
    return " ".join(_words(number))


def amount_in_words(amount: int | Decimal, currency: str = "đồng") -> str:
    """The amount as written on a money list: capitalised, ending with the currency ("Bảy trăm mười nghìn đồng")."""
    if isinstance(amount, Decimal):
        if amount != amount.to_integral_value():
            raise ValueError(_("Số tiền phải là số nguyên đồng, không phải “{value}”.").format(value=amount))
        amount = int(amount)
    text = f"{number_in_words(amount)} {currency}".strip()
    return text[0].upper() + text[1:]


__all__ = ["amount_in_words", "number_in_words"]
