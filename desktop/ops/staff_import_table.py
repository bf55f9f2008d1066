"""Reading the clerk's staff table: which row is the header (one row, or the official form's two), which column
is which field, and the cells under it, before anything is checked (:mod:`desktop.ops.staff_import`).

Also read by the history import: the folded headers of the staff code, the name and the birth date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop.documents import spreadsheet
from desktop.documents.spreadsheet import SpreadsheetError, cell_text
from desktop.documents.xlsx_reader import column_letters
from desktop.domain.text import (
    NAME_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    fold,
)
from desktop.i18n import N_, _

FIELDS: dict[str, str] = {
    "full_name": N_("Họ và tên"),
    "staff_code": N_("Mã cán bộ"),
    "gender": N_("Giới tính"),
    "birth_date": N_("Ngày sinh"),
    "ethnic": N_("Dân tộc"),
    "position": N_("Chức vụ"),
    "is_leader": N_("Lãnh đạo"),
    "department": N_("Phòng ban"),
    "category": N_("Loại cán bộ"),
    "start_date": N_("Ngày bắt đầu công tác"),
    "end_date": N_("Ngày thôi công tác"),
    "left_reason": N_("Lý do thôi công tác"),
    "notes": N_("Ghi chú"),
}
# Names in two or three columns ("Họ và tên đệm" | "Tên", "Họ" | "Tên đệm" | "Tên"); joined into full_name.
NAME_PART_FIELDS: dict[str, str] = {
    "family_name": N_("Họ và tên đệm"),
    "middle_name": N_("Tên đệm"),
    "given_name": N_("Tên"),
}
NAME_PARTS = tuple(NAME_PART_FIELDS)
# The official form's "Ngày, tháng, năm sinh" over two columns "Nam" | "Nữ": the column a date is written in
# gives the gender.
BIRTH_BY_GENDER_FIELDS: dict[str, str] = {
    "birth_date_male": N_("Ngày sinh (cột Nam)"),
    "birth_date_female": N_("Ngày sinh (cột Nữ)"),
}
REQUIRED_FIELDS = ("full_name",)
DATE_FIELDS = ("birth_date", "start_date", "end_date", *BIRTH_BY_GENDER_FIELDS)
# (longest text, several lines allowed) per field; the rest are one line of TEXT_MAX_LENGTH (see clean_input).
TEXT_LIMITS: dict[str, tuple[int, bool]] = {
    "full_name": (NAME_MAX_LENGTH, False),
    "family_name": (NAME_MAX_LENGTH, False),
    "middle_name": (NAME_MAX_LENGTH, False),
    "given_name": (NAME_MAX_LENGTH, False),
    "notes": (NOTES_MAX_LENGTH, True),
}

# Folded headers of the staff code, the name and the birth date, also read by the history import.
STAFF_CODE_ALIASES = (
    "ma can bo",
    "ma cb",
    "ma so",
    "ma",
    "ma cbcc",
    "ma nhan vien",
    "ma nv",
    "ma cong chuc",
    "ma so can bo",
)
FULL_NAME_ALIASES = (
    "ho va ten",
    "ho ten",
    "hoten",
    "ho va ten can bo",
    "ho ten can bo",
    "ho va ten cbcc",
    "ten can bo",
)
BIRTH_DATE_ALIASES = ("ngay sinh", "nam sinh", "ngay thang nam sinh", "ngay thang sinh", "sinh ngay")
# Folded header text -> field. Exact matches win; longer aliases may also start a longer header, except for the
# dates: "Ngày nghỉ phép" (a day of leave) is not "Ngày nghỉ" and "Ngày vào Đảng" is not "Ngày vào".
_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": (*FULL_NAME_ALIASES, "full name", "ho va ten nguoi"),
    # "Họ, tên đệm", "Họ và tên lót", "Họ và chữ đệm": the family and middle names together, never the full name.
    "family_name": (
        "ho",
        "ho dem",
        "ho va dem",
        "ho va ten dem",
        "ho ten dem",
        "ho lot",
        "ho va lot",
        "ho va ten lot",
        "ho ten lot",
        "ho va chu lot",
        "ho chu lot",
        "ho va chu dem",
        "ho chu dem",
    ),
    "middle_name": ("ten dem", "ten lot", "chu dem", "chu lot", "dem", "lot"),
    "given_name": ("ten",),
    # The date columns under "Ngày, tháng, năm sinh" | "Nam" / "Nữ", as :func:`read_table` names them.
    "birth_date_male": tuple(f"{alias} nam" for alias in BIRTH_DATE_ALIASES),
    "birth_date_female": tuple(f"{alias} nu" for alias in BIRTH_DATE_ALIASES),
    "staff_code": (*STAFF_CODE_ALIASES, "so hieu"),
    "gender": ("gioi tinh", "nam nu", "gioi", "phai", "gt"),
    "birth_date": (*BIRTH_DATE_ALIASES, "ns"),
    "ethnic": ("dan toc", "ma dan toc", "dt"),
    "position": ("chuc vu", "chuc danh", "chuc vu chuc danh", "chuc danh chuc vu"),
    "is_leader": ("lanh dao", "la lanh dao", "can bo lanh dao", "ld", "lanh dao quan ly"),
    "department": (
        "phong ban",
        "bo phan",
        "don vi",
        "phong",
        "don vi cong tac",
        "noi cong tac",
        "co quan",
        "to",
        "phong ban bo phan",
    ),
    "category": ("loai", "doi tuong", "loai can bo", "phan loai", "loai cb"),
    "start_date": (
        "ngay vao",
        "ngay bat dau cong tac",
        "ngay bat dau",
        "ngay vao co quan",
        "ngay tuyen dung",
        "ngay vao lam",
        "ngay cong tac",
        "bat dau cong tac",
    ),
    "end_date": ("ngay thoi cong tac", "ngay nghi", "ngay nghi viec", "ngay thoi viec", "ngay nghi huu"),
    "left_reason": ("ly do thoi cong tac", "ly do nghi", "ly do nghi viec", "ly do thoi viec"),
    "notes": ("ghi chu", "note", "chu thich"),
}
_EXACT = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
# A name part only by its exact words: "Họ tên đệm và tên" is the whole name, not "Họ tên đệm".
_PREFIXES = sorted(
    ((a, f) for a, f in _EXACT.items() if " " in a and f not in DATE_FIELDS and f not in NAME_PART_FIELDS),
    key=lambda item: -len(item[0]),
)
_GENDER_WORDS = ("nam", "nu")  # a second header row under "Ngày, tháng, năm sinh"
NAME_FIELDS = ("full_name", *NAME_PARTS)


class ImportFileError(SpreadsheetError):
    """The file cannot be read as a table of staff; nothing is written."""


@dataclass
class SourceTable:
    path: Path
    sheet: str
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[object]]]  # (row number in the file, cell values)
    encoding_note: str = ""
    hidden_rows: set[int] = field(default_factory=set)  # rows hidden in Excel: never imported, always reported
    hidden_columns: set[int] = field(default_factory=set)  # column indexes (from 0) hidden in Excel: never read
    notes: list[str] = field(default_factory=list)  # how the header was read, columns passed over
    # row -> (first, last) column index of a cell merged across three or more columns: a group's title if over the name
    label_rows: dict[int, tuple[int, int]] = field(default_factory=dict)
    epoch_1904: bool = False  # an .xlsx of the 1904 date system: day numbers in date columns count from 1904


# -- reading ------------------------------------------------------------------------------------------


def field_label(name: str) -> str:
    """The label of a field on screen and in messages (a name part and the birth date by gender too)."""
    return _(FIELDS.get(name) or NAME_PART_FIELDS.get(name) or BIRTH_BY_GENDER_FIELDS[name])


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def _match_header(text: str) -> str | None:
    key = _header_key(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    words = len(key.split(" "))
    for alias, name in _PREFIXES:
        # "Họ và tên (ghi đầy đủ)" yes; a title line such as "Đơn vị: UBND xã ..." no.
        if key.startswith(alias + " ") and words <= len(alias.split(" ")) + 3:
            return name
    return None


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Field -> column index from the header texts (accents, case and punctuation ignored).

    When two columns name the same field the first is kept here; :func:`duplicate_columns` lists them, and
    :func:`preview_import` refuses to guess between them.
    """
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = _match_header(str(header or ""))
        if name and name not in mapping:
            mapping[name] = index
    if "full_name" in mapping:
        for part in NAME_PARTS:
            mapping.pop(part, None)
    elif "middle_name" in mapping:
        pass  # "Tên đệm" is never the whole name: without "Họ" and "Tên" the file is refused (no name column)
    elif "given_name" in mapping and "family_name" not in mapping:
        # A lone "Tên" column holds the whole name.
        mapping["full_name"] = mapping.pop("given_name")
    elif "family_name" in mapping and "given_name" not in mapping:
        mapping["full_name"] = mapping.pop("family_name")
    if "birth_date" in mapping:
        for part in BIRTH_BY_GENDER_FIELDS:
            mapping.pop(part, None)
    return mapping


def duplicate_columns(headers: list[str]) -> dict[str, list[int]]:
    """Fields that two or more header cells name (e.g. two “Họ và tên” columns): field -> column indexes."""
    found: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        name = _match_header(str(header or ""))
        if name:
            found.setdefault(name, []).append(index)
    if "full_name" in found:  # "Họ" and "Tên" columns are not read when there is a "Họ và tên" column
        for part in NAME_PARTS:
            found.pop(part, None)
    return {name: columns for name, columns in found.items() if len(columns) > 1}


def column_name(index: int) -> str:
    """ "B" for the column at index 1."""
    return column_letters(index + 1)


def duplicate_message(headers: list[str], duplicates: dict[str, list[int]]) -> str:
    """ "“Họ và tên” ở cột B (Họ và tên) và cột E (Họ tên)" for every field named twice, joined by "; "."""
    parts = []
    for name, columns in duplicates.items():
        where = _(" và ").join(
            _("cột {column} ({header})").format(column=column_name(i), header=headers[i]) for i in columns
        )
        parts.append(_("“{field}” ở {columns}").format(field=field_label(name), columns=where))
    return "; ".join(parts)


def _header_score(cells: list[str]) -> int:
    """Known column names first; among equals, the row with more filled cells (a header, not a title)."""
    known = len(guess_mapping(cells))
    return known * 100 + sum(1 for c in cells if c) if known else 0


def read_table(path: Path, sheet: str | None = None) -> SourceTable:
    """The staff table of a file: header row found below any title rows, text converted to Unicode.

    A header of two rows (the official forms: "Họ và tên" over "Họ đệm" | "Tên", "Ngày, tháng, năm sinh" over
    "Nam" | "Nữ") is read as one row of column names (:func:`_two_row_headers`); a name header merged over two or
    three columns reads them as the parts of the name. A column with data but no name next to the name, or under a
    header merged across it, makes the file refused: its cells would otherwise be dropped without a word.
    """
    path = Path(path)
    try:
        raw = spreadsheet.read_rows(path, sheet)
    except ImportFileError:
        raise
    except SpreadsheetError as exc:
        raise ImportFileError(str(exc)) from None
    if not raw.rows:
        raise ImportFileError(_("Tệp {path} không có dữ liệu.").format(path=path))
    index = spreadsheet.find_header_row(raw.rows, score=_header_score)
    header = _HeaderReader(path, raw)
    index, headers, skip = header.resolve(index)
    header_number = raw.rows[index][0]
    spreadsheet.spread_merged_down(raw, header_number + 1 + skip)  # a department merged down over its people
    body = raw.rows[index + 1 + skip :]
    if body and spreadsheet.is_column_numbering(body[0][1]):
        body = body[1:]
    notes = header.notes + header.unnamed_columns(headers, body, header_number)
    # "I. Lãnh đạo UBND" merged across the table over its people: a group's title, never a person
    labels = {
        top: (column - 1, last - 1)
        for top, column, bottom, last in raw.merged
        if top == bottom and top > header_number and last - column >= 2
    }
    return SourceTable(
        path=path,
        sheet=raw.sheet,
        headers=headers,
        header_row=header_number,
        rows=body,
        encoding_note=spreadsheet.encoding_note(raw.converted),
        hidden_rows=raw.hidden_rows,
        hidden_columns={column - 1 for column in raw.hidden_columns},
        notes=notes,
        label_rows=labels,
        epoch_1904=raw.epoch_1904,
    )


def _sub_field(text: str) -> str | None:
    """What a cell of a second header row names: a field, or "male"/"female" under a birth date."""
    key = _header_key(text)
    if key in _GENDER_WORDS:
        return "male" if key == "nam" else "female"
    return _match_header(text)


class _HeaderReader:
    """Column names from the header row, or from a header of two rows, with notes on how they were read."""

    def __init__(self, path: Path, raw: spreadsheet.RawTable) -> None:
        self.path = path
        self.raw = raw
        self.notes: list[str] = []

    def resolve(self, index: int) -> tuple[int, list[str], int]:
        """(index of the header's first row, column names, 1 when a second header row follows, else 0)."""
        rows = self.raw.rows
        if index > 0 and rows[index - 1][0] == rows[index][0] - 1:  # the best row may be the lower of two
            names = self._two_row_headers(index - 1)
            if names is not None:
                return index - 1, names, 1
        if index + 1 < len(rows) and rows[index + 1][0] == rows[index][0] + 1:
            names = self._two_row_headers(index)
            if names is not None:
                return index, names, 1
        return index, self._one_row_headers(index), 0

    def _spans(self, number: int) -> dict[int, int]:
        """First column -> last column (from 0) of the header cells of row ``number`` merged across columns."""
        return {
            column - 1: last - 1 for top, column, _bottom, last in self.raw.merged if top == number and last > column
        }

    def _one_row_headers(self, index: int) -> list[str]:
        number, cells = self.raw.rows[index]
        headers = [cell_text(c) for c in cells]
        for first, last in self._spans(number).items():
            if first < len(headers) and _match_header(headers[first]) == "full_name" and last > first:
                parts = self._name_parts(number, headers[first], first, last)
                width = last + 1
                headers.extend([""] * (width - len(headers)))
                headers[first:width] = parts
        return headers

    def _name_parts(self, number: int, title: str, first: int, last: int) -> list[str]:
        """A name header merged over two or three columns: the parts of the name in order; refused if wider."""
        count = last - first + 1
        if count > 3:
            raise ImportFileError(
                _(
                    "Tệp {path}, dòng {row}: tiêu đề “{title}” gộp trên {count} cột ({first}–{last}); chương trình chỉ "
                    "đọc họ và tên ghi trong một, hai hoặc ba cột. Hãy đặt tiêu đề riêng cho từng cột: “Họ”, "
                    "“Tên đệm”, “Tên”."
                ).format(
                    path=self.path,
                    row=number,
                    title=title,
                    count=count,
                    first=column_name(first),
                    last=column_name(last),
                )
            )
        # Column names as a Vietnamese file would write them (never translated: guess_mapping reads them).
        parts = [NAME_PART_FIELDS["family_name"], NAME_PART_FIELDS["given_name"]]
        if count == 3:
            parts = ["Họ", NAME_PART_FIELDS["middle_name"], NAME_PART_FIELDS["given_name"]]
        self.notes.append(
            _("Tiêu đề “{title}” gộp trên các cột {first}–{last}: đọc là {parts}, ghép lại thành họ và tên.").format(
                title=title,
                first=column_name(first),
                last=column_name(last),
                parts=" + ".join(f"“{p}”" for p in parts),
            )
        )
        return parts[:count]

    def _two_row_headers(self, index: int) -> list[str] | None:
        """Column names from row ``index`` and the row under it, or None when the lower row is not a second header
        row: every filled cell of it names a field (or Nam/Nữ, or anything under a header merged across columns
        that is not the name or the birth date), and at least one stands under an empty upper cell."""
        top_number, top_cells = self.raw.rows[index]
        sub_number, sub_cells = self.raw.rows[index + 1]
        top_texts = [cell_text(c) for c in top_cells]
        if sum(1 for text in top_texts if text) < 2 or not guess_mapping(top_texts):
            return None  # a title above the header ("Phòng ban: Kế toán" merged across it), not its upper row
        spans = self._spans(top_number)
        width = max(len(top_cells), len(sub_cells), *(last + 1 for last in spans.values()))
        top = [cell_text(c) for c in top_cells] + [""] * (width - len(top_cells))
        sub = [cell_text(c) for c in sub_cells] + [""] * (width - len(sub_cells))
        if any(not isinstance(c, str) for c in sub_cells if c not in (None, "")):
            return None
        # Column -> (first column of its header, last column): merged ranges, else a header followed by empty
        # upper cells over filled lower ones.
        owner: dict[int, tuple[int, int]] = {}
        column = 0
        while column < width:
            last = spans.get(column, column)
            if last == column and top[column]:
                while last + 1 < width and not top[last + 1] and sub[last + 1] and last + 1 not in spans:
                    last += 1
            for inside in range(column, last + 1):
                owner[inside] = (column, last)
            column = last + 1
        if not any(sub[c] and not top[c] for c in range(width)):
            return None
        for c in range(width):
            if not sub[c] or _sub_field(sub[c]):
                continue
            first, last = owner[c]
            merged = first in spans
            if not (merged and last > first and _match_header(top[first]) not in ("full_name", "birth_date")):
                return None
        headers: list[str] = []
        column = 0
        while column < width:
            first, last = owner[column]
            headers.extend(self._group(sub_number, top[first], sub[first : last + 1], first, last))
            column = last + 1
        self.notes.append(
            _("Dòng tiêu đề gồm hai dòng ({top} và {sub}); tên cột đọc được: {names}.").format(
                top=top_number,
                sub=sub_number,
                names=", ".join(f"{column_name(i)}: {h}" for i, h in enumerate(headers) if h),
            )
        )
        return headers

    def _group(self, number: int, title: str, subs: list[str], first: int, last: int) -> list[str]:
        """The column names under one upper header cell spanning ``first``..``last``."""
        field_name = _match_header(title)
        if first == last:
            sub = subs[0]
            if not title or (field_name is None and sub and _match_header(sub)):
                return [sub]
            return [title]
        if field_name == "full_name":
            parts = [_match_header(sub) for sub in subs]
            if all(part in NAME_PARTS for part in parts):
                return list(subs)
            if not any(subs):
                return self._name_parts(number - 1, title, first, last)
            raise ImportFileError(
                _(
                    "Tệp {path}, dòng {row}: dưới tiêu đề “{title}” (cột {first}–{last}) có {subs}; chương trình chỉ "
                    "đọc các phần của tên là “Họ”, “Họ và tên đệm”, “Tên đệm”, “Tên”. Hãy sửa dòng tiêu đề."
                ).format(
                    path=self.path,
                    row=number,
                    title=title,
                    first=column_name(first),
                    last=column_name(last),
                    subs=", ".join(f"“{sub}”" for sub in subs if sub),
                )
            )
        # a lower cell naming a field is that field; any other ("Nam" under the birth date) qualifies the upper one
        names = []
        for offset, sub in enumerate(subs):
            if sub:
                names.append(sub if _match_header(sub) else f"{title} — {sub}")
            else:
                names.append(title if offset == 0 else "")
        return names

    def unnamed_columns(self, headers: list[str], body: list[tuple[int, list[object]]], number: int) -> list[str]:
        """Notes on columns with data but no name (row ``number`` is the header's first row); refused when the
        column follows a name column or lies under a header merged across it (a name or a date split over two
        columns would lose its second part)."""
        notes: list[str] = []
        spans = self._spans(number)
        merged_under = {c: first for first, last in spans.items() for c in range(first + 1, last + 1)}
        width = max((len(cells) for _n, cells in body), default=0)
        for column in range(width):
            if column < len(headers) and headers[column]:
                continue
            example = next(
                ((n, cells[column]) for n, cells in body if column < len(cells) and cells[column] not in (None, "")),
                None,
            )
            if example is None:
                continue
            row, value = example
            left = _match_header(headers[column - 1]) if 0 < column <= len(headers) else None
            if column in merged_under:
                first = merged_under[column]
                raise ImportFileError(
                    _(
                        "Tệp {path}: cột {column} có dữ liệu (dòng {row}: “{value}”) nằm dưới ô tiêu đề “{header}” gộp "
                        "từ cột {first}; chương trình không biết cột {column} là gì. Hãy bỏ gộp ô tiêu đề và đặt tiêu "
                        "đề riêng cho cột {column}."
                    ).format(
                        path=self.path,
                        column=column_name(column),
                        row=row,
                        value=cell_text(value),
                        header=headers[first] if first < len(headers) else "",
                        first=column_name(first),
                    )
                )
            if left in NAME_FIELDS:
                raise ImportFileError(
                    _(
                        "Tệp {path}: cột {column} không có tiêu đề nhưng có dữ liệu (dòng {row}: “{value}”), ngay "
                        "sau cột {left} “{header}”. Nếu họ và tên ghi ở hai cột, hãy gộp ô tiêu đề trên cả hai cột "
                        "hoặc đặt tiêu đề “Họ và tên đệm” và “Tên”; nếu không, hãy đặt tiêu đề cho cột {column}."
                    ).format(
                        path=self.path,
                        column=column_name(column),
                        row=row,
                        value=cell_text(value),
                        left=column_name(column - 1),
                        header=headers[column - 1],
                    )
                )
            notes.append(
                _(
                    "Cột {column} không có tiêu đề nên không được nhập (có dữ liệu, ví dụ dòng {row}: “{value}”)."
                ).format(column=column_name(column), row=row, value=cell_text(value))
            )
        return notes
