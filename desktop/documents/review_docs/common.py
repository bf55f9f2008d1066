"""Words and parts every review document shares: the unit in a sentence, the header, the signature lines, the
legal basis, counts of people and awards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.documents import blocks as b
from desktop.documents.review_data import AwardLine, UnitHeader
from desktop.documents.xlsx_lists import ListColumn
from desktop.domain import signing
from desktop.domain.amount_words import amount_in_words
from desktop.domain.codes import TARGET_WORDS
from desktop.domain.text import nfc

PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"


BLANK = "……"  # a gap for the clerk to fill in by hand or in Word


LONG_BLANK = "…………………………………………………"


_NUMBER_GAP = "\u00a0" * 8  # "Số:         /TTr-UBND" before a number is given


_LEVELS = ("đặc khu", "thị trấn", "phường", "xã")


_TARGET_WORDS = TARGET_WORDS  # the documents are Vietnamese: the words untranslated


# "import": the unit's own old decision, taken from its register in Excel (desktop.ops.history_import); an award
# from above, imported or received in a package, is "above".
_SOURCE_WORDS = {"unit": "Đơn vị", "above": "Cấp trên", "import": "Đơn vị (nhập từ Excel)"}


def _one_line(text: str) -> str:
    """A text typed in a field of several lines (an achievement), as it is printed inside a sentence or a cell: line
    breaks and runs of spaces become one space, so a typed line break never starts a new paragraph of a decision
    (as the certificate prints it: ``CertificateData.placeholders``)."""
    return nfc(text)


def _lower_first(text: str) -> str:
    """ "Đã có thành tích …" → "đã có thành tích …", but an acronym ("UBND …") is left alone."""
    text = text.strip()
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _join_and(items: Sequence[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _ordered_unique(values: Sequence[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _is_peoples_committee(unit: UnitHeader) -> bool:
    return unit.name.strip().upper().startswith(PEOPLES_COMMITTEE)


def _place_and_level(unit: UnitHeader) -> tuple[str, str]:
    """("xã", "Lũng Cú") from "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" and the place name; ("xã", place) as a fallback."""
    rest = unit.name.strip()
    if rest.upper().startswith(PEOPLES_COMMITTEE):
        rest = rest[len(PEOPLES_COMMITTEE) :].strip()
    lowered = rest.lower()
    for level in _LEVELS:
        if lowered.startswith(level + " "):
            place = unit.place_name or rest[len(level) :].strip().title()
            return level, place
    return "xã", unit.place_name or rest.title()


def unit_phrase(unit: UnitHeader, *, short: bool = False) -> str:
    """The unit inside a sentence: "Ủy ban nhân dân xã Lũng Cú" (``short``: "UBND xã Lũng Cú")."""
    if _is_peoples_committee(unit):
        level, place = _place_and_level(unit)
        return f"{'UBND' if short else 'Ủy ban nhân dân'} {level} {place}".strip()
    name = unit.name.strip()
    phrase = name[:1].upper() + name[1:].lower()
    if unit.place_name:
        phrase = phrase.replace(unit.place_name.lower(), unit.place_name)
    return phrase


def _level(unit: UnitHeader) -> str:
    return _place_and_level(unit)[0]


def _issuer_parent(unit: UnitHeader) -> str:
    return "" if _is_peoples_committee(unit) else unit.parent_body


def _total_words(words: str, total: int) -> str:
    """The total in words as the document's data gives it, else spelled out from the total."""
    return words or amount_in_words(total)


_ORDER_COLUMN = ListColumn("STT", 6, "int")
# The first two columns of every Excel list of awardees or nominees: the order number, then who.
_LEAD_COLUMNS = (_ORDER_COLUMN, ListColumn("Họ và tên / Tên tập thể", 32))


def unit_document(
    blocks: list[b.Block], unit: UnitHeader, *, title: str, subject: str, landscape: bool = False
) -> b.Document:
    """The document with its properties (title, subject), the unit as its author."""
    return b.Document(blocks, title=title, author=unit_phrase(unit), subject=subject, landscape=landscape)


def _header(unit: UnitHeader, number: str | None, place_date: str) -> b.Header:
    return b.Header(_issuer_parent(unit), unit.name, number, place_date)


def _draft_number(symbol: str, number_text: str) -> str:
    """ "15/TTr-VHXH", or "Số:        /TTr-VHXH" with room to write the number in."""
    if number_text:
        return number_text
    return f"Số:{_NUMBER_GAP}/{symbol}"


def _signer_lines(unit: UnitHeader) -> list[str]:
    """The title lines above the signature: the decision's signing mode ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH",
    "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"), or the head's title alone."""
    return list(unit.signature) or [unit.head_title or "Chủ tịch"]


def _head_title(unit: UnitHeader) -> str:
    return unit.head_title.strip() or ("Chủ tịch" if _is_peoples_committee(unit) else "Thủ trưởng đơn vị")


def _unit_kind(unit: UnitHeader) -> str:
    return "ubnd_xa" if _is_peoples_committee(unit) else "other"


def _authority(unit: UnitHeader) -> str:
    """Whose decision it is, inside a sentence: the head's ("Chủ tịch UBND xã Lũng Cú"), whoever signs it. A head
    title that names the body ("Chủ tịch Ủy ban nhân dân") gives only its post here, the unit following it."""
    post = signing.bare_post(_head_title(unit), unit.name, _unit_kind(unit))
    return f"{post} {unit_phrase(unit, short=True)}"


def _authority_line(unit: UnitHeader) -> str:
    """The line under the title: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" — never changed by the signing mode, and
    naming the body once whatever the head's title repeats of it (:func:`desktop.domain.signing.authority`)."""
    return signing.authority(_head_title(unit), unit.name, _unit_kind(unit)).upper()


def _basis_paragraphs(lines: Sequence[str]) -> list[b.Block]:
    """ "Căn cứ …;" lines in italics, the last one closed with a full stop (NĐ 30: căn cứ ban hành in nghiêng)."""
    cleaned = [line.strip().rstrip(";.").strip() for line in lines if line.strip()]
    out: list[b.Block] = []
    for index, line in enumerate(cleaned):
        end = "." if index == len(cleaned) - 1 else ";"
        out.append(b.Paragraph(line + end, italic=True))
    return out


def _recipient(line: AwardLine) -> str:
    return line.recipient_key or f"{line.target_kind}:{line.name}"


def _target_counts(lines: Sequence[AwardLine]) -> str:
    """ "7 cá nhân và 1 tập thể": each person or collective counted once, however many awards it gets."""
    seen: dict[str, set[str]] = {}
    for line in lines:
        seen.setdefault(line.target_kind, set()).add(_recipient(line))
    return _join_and([f"{len(seen[k])} {_TARGET_WORDS[k]}" for k in _TARGET_WORDS if k in seen])


def _awards_count(lines: Sequence[AwardLine], word: str = "lượt khen thưởng") -> str:
    """ "14 lượt khen thưởng": the number of awards (lines), apart from the number of people."""
    return f"{len(lines)} {word}"


def _has_repeats(lines: Sequence[AwardLine]) -> bool:
    return len({_recipient(line) for line in lines}) < len(lines)


def _target_kinds(lines: Sequence[AwardLine]) -> str:
    """ "cá nhân, tập thể" as in "các cá nhân, tập thể có tên …"."""
    present = [_TARGET_WORDS[k] for k in _TARGET_WORDS if any(line.target_kind == k for line in lines)]
    return ", ".join(present) or "cá nhân"


def _form_text(category: str, code_name: str) -> str:
    """A title is quoted after "danh hiệu" (danh hiệu “Lao động tiên tiến”); an award form stands alone."""
    if category == "title":
        return f"danh hiệu “{code_name}”"
    return code_name


def _forms(lines: Sequence[AwardLine]) -> str:
    return _join_and(_ordered_unique([_form_text(line.category, line.code_name) for line in lines]))


def _name_cell(line: AwardLine) -> str:
    return line.name


def _payee_cell(line: AwardLine) -> str:
    """The name a payee signs against; with its mark when another payee of the list has the same name (a payment
    list has no position column: two "Đỗ Hữu Chứ" of one department would read alike to the cashier)."""
    return f"{line.name} ({line.name_mark})" if line.name_mark else line.name


def _gender_word(gender: str) -> str:
    return {"M": "Nam", "F": "Nữ"}.get(gender, BLANK)
