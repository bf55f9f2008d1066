"""Import staff from the clerk's own .xlsx/.csv list, and export the staff list to .xlsx.

Reading, checking and writing are separate steps so the window can show a preview and let the
clerk fix the column mapping before anything is written. Only rows without problems are inserted,
all in one transaction; rows with problems and duplicates are reported with the file's row number.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.documents import spreadsheet
from desktop.documents.spreadsheet import SpreadsheetError, cell_text, yes_or_no
from desktop.documents.xlsx_reader import BadCell, column_letters
from desktop.domain import codes
from desktop.domain.dates import DateError, format_date, parse_date
from desktop.domain.staff import StaffDraft, category_for, ethnic_code_for, gender_for, validate_staff
from desktop.domain.text import (
    TEXT_MAX_LENGTH,
    InputTextError,
    clean_input,
    fold,
    name_key,
    nfc,
    visible_text,
)
from desktop.i18n import _
from desktop.ops.errors import Cancelled
from desktop.ops.staff_import_table import (
    BIRTH_BY_GENDER_FIELDS,
    DATE_FIELDS,
    FIELDS,
    NAME_FIELDS,
    NAME_PART_FIELDS,
    NAME_PARTS,
    REQUIRED_FIELDS,
    TEXT_LIMITS,
    ImportFileError,
    SourceTable,
    column_name,
    duplicate_columns,
    duplicate_message,
    field_label,
    guess_mapping,
    read_table,
)
from desktop.ops.staff_same_people import CodeHolder, SamePeople, same_person_note
from desktop.store import Store, staff_repo, unit_repo
from desktop.store.audit import record_event
from desktop.store.faults import pause_point

_FIELD_ORDER = (*FIELDS, *NAME_PART_FIELDS, *BIRTH_BY_GENDER_FIELDS)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
_YEAR = re.compile(r"\d{4}")
_LEADER_YES = ("lanh dao", "ld", "phai")  # "Lãnh đạo", "LĐ", "Phải" in the "Lãnh đạo" column


class ImportCancelled(Cancelled):
    """The clerk stopped the import; the transaction was rolled back."""


@dataclass(slots=True)
class PreviewRow:
    row_number: int
    values: dict[str, str]
    draft: StaffDraft | None
    problems: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    birth_year_only: bool = False  # the birth date is a year alone ("Năm sinh"), read as its 1 January

    @property
    def status(self) -> str:
        if self.problems or self.draft is None:
            return "error"
        if self.duplicate_of:
            return "duplicate"
        return "ok"


@dataclass
class ImportPreview:
    table: SourceTable
    mapping: dict[str, int]
    rows: list[PreviewRow]
    department_notes: list[str] = field(default_factory=list)  # departments to make, names read as another's
    # department name in the file -> the id of the existing department it goes to (None: one the import makes)
    department_targets: dict[str, int | None] = field(default_factory=dict)

    @property
    def notes(self) -> list[str]:
        """What the clerk should know before writing: how the header was read, which departments are new."""
        return [*self.table.notes, *self.department_notes]

    @property
    def counts(self) -> dict[str, int]:
        result = {"ok": 0, "error": 0, "duplicate": 0, "total": len(self.rows)}
        for row in self.rows:
            result[row.status] += 1
        return result

    def good_rows(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.status == "ok"]


# -- checking -----------------------------------------------------------------------------------------


def _existing_people(store: Store) -> tuple[SamePeople[str], dict[str, CodeHolder]]:
    """The people already recorded by name and birth date, and by code: each as "CODE Name", in one query."""
    by_name: SamePeople[str] = SamePeople()
    by_code: dict[str, CodeHolder] = {}
    for row in store.query("SELECT staff_code, full_name, birth_date FROM staff ORDER BY id"):
        label = f"{row['staff_code']} {row['full_name']}"
        keys = SamePeople.keys(row["full_name"])
        by_name.add(keys, row["birth_date"] or "", label)
        by_code[str(row["staff_code"]).upper()] = CodeHolder(label, row["full_name"], keys, row["birth_date"] or "")
    return by_name, by_code


def _code_clash(holder: CodeHolder | None, row: PreviewRow) -> str | None:
    """The problem of a row whose staff code ``holder`` has, in the database or on an earlier row, when the row is
    another person (another name, or the same name born on another day): no duplicate to pass over."""
    assert row.draft is not None
    birth = row.draft.birth_date.isoformat() if row.draft.birth_date else ""
    if holder is None or holder.is_person(row.draft.full_name, birth, row.birth_year_only):
        return None
    message = holder.clash(row.draft.staff_code, row.draft.full_name, birth, row.birth_year_only)
    return _("{field}: {message}").format(field=field_label("staff_code"), message=message)


def _already_there(by_name: SamePeople[str], by_code: dict[str, CodeHolder], row: PreviewRow) -> str | None:
    """Who of the database a checked row is, asked the same way by the preview and the write transaction; a row
    whose code is another person's is :func:`_code_clash`, asked first."""
    assert row.draft is not None
    code = row.draft.staff_code
    if code and code in by_code:
        return by_code[code].label
    birth = row.draft.birth_date.isoformat() if row.draft.birth_date else ""
    found = by_name.find(SamePeople.keys(row.draft.full_name), birth, row.birth_year_only)
    return same_person_note(found[1], found[0], birth, row.birth_year_only) if found else None


_BIRTH_FIELDS = frozenset(("birth_date", *BIRTH_BY_GENDER_FIELDS))
_BIRTH_COLUMNS = {"M": "birth_date_male", "F": "birth_date_female"}  # the official form's birth date by gender


def _year_alone(value: object) -> bool:
    """Whether a birth cell holds a year alone (1990, "1990"): the day is unknown, people are compared by the year."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value).is_integer() and 1900 <= value <= 2100
    return isinstance(value, str) and _YEAR.fullmatch(value.strip()) is not None


def _parse_date_cell(value: object, *, year_only: bool, epoch_1904: bool = False) -> date | None:
    """A date cell; with ``year_only`` (a birth date: "Năm sinh" columns hold a year alone) a year is its 1 January.
    A start or leaving date written as a year alone is refused: 01/01 would count a year worked that was not, or a
    person who left in December as gone all year."""
    number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
    if year_only and number is not None and number.is_integer() and 1900 <= number <= 2100:
        return date(int(number), 1, 1)  # "Năm sinh": a year typed as a number
    return parse_date(value, allow_year_only=year_only, epoch_1904=epoch_1904)


_SUSPECT = (BadCell, bool)  # the types of cell value :func:`cell_problem` may refuse, besides "#…" text
# What Excel shows for a formula error. Typed or pasted as text, or exported to CSV, it is still no value: a
# position "#N/A" or a name "#REF!" is never imported.
EXCEL_ERROR_TEXTS = frozenset(
    (
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
    )
)


def hidden_row_problem() -> str:
    """The problem of a row hidden in Excel: what the clerk does not see is never written, as for hidden sheets."""
    return _("dòng đang bị ẩn trong bảng tính: hãy hiện dòng hoặc xóa dòng rồi nhập lại.")


def cell_problem(value: object, column: int, row: int, *, yes_no: bool = False) -> str | None:
    """Why a cell cannot be read at all, or None: an Excel error (#N/A), a formula never calculated, a damaged cell
    (:class:`BadCell`), or TRUE/FALSE where text is expected (``yes_no`` fields take it as yes/no)."""
    if type(value) is BadCell:
        return value.problem
    if type(value) is bool and not yes_no:
        return _("ô {cell} là giá trị đúng/sai ({value}), không phải chữ; hãy ghi chữ vào ô.").format(
            cell=f"{column_letters(column + 1)}{row}", value="TRUE" if value else "FALSE"
        )
    if type(value) is str and value.strip().upper() in EXCEL_ERROR_TEXTS:
        return _(
            "ô {cell} ghi “{value}”, là chữ báo lỗi công thức của Excel chứ không phải dữ liệu; hãy sửa công thức "
            "trong tệp gốc hoặc ghi giá trị thật vào ô."
        ).format(cell=f"{column_letters(column + 1)}{row}", value=value.strip())
    return None


def _parse_leader(text: str) -> bool | None:
    return yes_or_no(fold(text), _LEADER_YES)


def _build_row(
    number: int,
    cells: list[object],
    mapping: dict[str, int],
    cleaned: dict[tuple[str, str], str] | None = None,
    *,
    today: date | None = None,
    parsed: dict[tuple[bool, type, object], date] | None = None,
    order: tuple[tuple[str, int], ...] | None = None,
    epoch_1904: bool = False,
) -> PreviewRow:
    """One row checked. ``cleaned`` remembers texts already cleaned for a field (a list repeats its departments,
    positions and many names) and ``parsed`` the dates read from cell values, so each distinct value is read once
    and stored once. ``order``: the mapped fields in display order (:func:`_mapped_order`), made once per file;
    ``epoch_1904``: the file counts day numbers from 1904."""

    def raw(name: str) -> object:
        index = mapping.get(name)
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        return None if value == "" else value

    # Only the cells that hold something (fewer keys: a smaller dict for each of 100,000 rows).
    width = len(cells)
    values = {
        name: text
        for name, index in (order if order is not None else _mapped_order(mapping))
        if index < width and (text := cell_text(cells[index]))
    }
    problems: list[str] = []
    for name, index in mapping.items():  # #N/A, TRUE, a formula never calculated: the cell named, the row refused
        # Only values of a suspect type, or text starting with "#", are looked at: this runs for every mapped cell.
        if index < width and (
            (kind := type(value := cells[index])) in _SUSPECT or (kind is str and str(value)[:1] == "#")
        ):
            unreadable = cell_problem(value, index, number, yes_no=name == "is_leader")
            if unreadable:
                problems.append(_("{field}: {message}").format(field=field_label(name), message=unreadable))
    if cleaned is None:
        cleaned = {}
    for name, text in values.items():  # text is clean first, at one place; a row with bad text goes no further
        known = cleaned.get((name, text))
        if known is not None:
            values[name] = known
            continue
        limit, multiline = TEXT_LIMITS.get(name, (TEXT_MAX_LENGTH, False))
        try:
            values[name] = cleaned[name, text] = clean_input(
                text, field=field_label(name), multiline=multiline, max_length=limit
            )
        except InputTextError as exc:
            problems.append(str(exc))
            values[name] = visible_text(text)
    if "full_name" not in mapping and any(part in mapping for part in NAME_PARTS):
        values["full_name"] = joined_name([values.pop(part, "") for part in NAME_PARTS])
    if problems:
        return PreviewRow(row_number=number, values=values, draft=None, problems=problems)

    def problem(name: str, message: str) -> None:
        problems.append(_("{field}: {message}").format(field=field_label(name), message=message))

    dates: dict[str, date | None] = {}
    years_alone: set[str] = set()  # the birth fields given as a year alone
    for name in DATE_FIELDS:
        value = raw(name) if name in mapping else None
        if isinstance(value, str):  # read the text as cleaned above: a zero-width space is no reason to refuse
            value = values.get(name) or None
        if value is None:
            dates[name] = None
            continue
        if isinstance(value, str) and _DIGITS.fullmatch(value.strip()) and not _YEAR.fullmatch(value.strip()):
            # Only an .xlsx number cell is an Excel serial date; "12" typed in a CSV or a text cell is no date.
            dates[name] = None
            problem(
                name,
                _(
                    "cột {column}: “{value}” là một con số, không phải ngày; "
                    "hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1980."
                ).format(column=column_name(mapping[name]), value=value.strip()),
            )
            continue
        year_only = name in _BIRTH_FIELDS
        if year_only and _year_alone(value):
            years_alone.add(name)
        known_date = parsed.get((year_only, type(value), value)) if parsed is not None else None
        if known_date is not None:
            dates[name] = known_date
            continue
        try:
            dates[name] = found = _parse_date_cell(value, year_only=year_only, epoch_1904=epoch_1904)
        except DateError as exc:
            dates[name] = None
            problem(name, str(exc))
        else:
            if parsed is not None and found is not None:
                parsed[year_only, type(value), value] = found
    gender = gender_for(values.get("gender", ""))
    if gender is None:
        problem("gender", _("“{value}” không hiểu; ghi Nam hoặc Nữ.").format(value=values["gender"]))
    by_column = _birth_by_gender(dates, values, mapping, problem)
    birth_field = "birth_date" if "birth_date" in mapping else _BIRTH_COLUMNS.get(by_column or "", "")
    if by_column is not None and gender is not None:
        if gender and gender != by_column:
            problem(
                "gender",
                _("ghi “{value}” nhưng ngày sinh lại ghi ở cột {column}; hãy sửa một trong hai.").format(
                    value=values["gender"], column=_("Nam") if by_column == "M" else _("Nữ")
                ),
            )
        gender = by_column
    ethnic = ethnic_code_for(values.get("ethnic", "")) if values.get("ethnic") else codes.MAJORITY_ETHNIC_CODE
    if ethnic is None:
        problem("ethnic", _("“{value}” không có trong danh mục 54 dân tộc.").format(value=values["ethnic"]))
    category = category_for(values.get("category", ""))
    if category is None:
        choices = ", ".join(_(label) for label in codes.STAFF_CATEGORIES.values())
        problem(
            "category",
            _("“{value}” không hợp lệ; chọn một trong: {choices}.").format(value=values["category"], choices=choices),
        )
    leader = _parse_leader(values.get("is_leader", ""))
    if leader is None:
        problem(
            "is_leader",
            _("“{value}” không hiểu; ghi “x” nếu là lãnh đạo, để trống nếu không.").format(value=values["is_leader"]),
        )
    staff_code = values.get("staff_code", "")
    draft = StaffDraft(
        full_name=values.get("full_name", ""),
        staff_code=staff_code,
        gender=gender or "",
        birth_date=dates["birth_date"],
        ethnic_code=ethnic or codes.MAJORITY_ETHNIC_CODE,
        position=values.get("position", ""),
        is_leader=bool(leader),
        department=values.get("department", ""),
        category=category or "cong_chuc",
        start_date=dates["start_date"],
        end_date=dates["end_date"],
        notes=values.get("notes", ""),
        left_reason=values.get("left_reason", ""),
    ).normalised()
    if draft.left_reason and draft.end_date is None:
        problem(
            "left_reason",
            _("có lý do thôi công tác nhưng không có ngày thôi công tác; hãy ghi ngày hoặc xóa lý do."),
        )
    already = {p.split(":", 1)[0] for p in problems}
    for name, message in validate_staff(draft, today=today, texts_clean=True).items():  # cleaned just above
        key = "ethnic" if name == "ethnic_code" else name
        if field_label(key) not in already:
            problem(key, message)
    return PreviewRow(
        row_number=number,
        values=values,
        draft=None if problems else draft,
        problems=problems,
        birth_year_only=birth_field in years_alone,
    )


def _mapped_order(mapping: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """(field, column) of the mapped fields in display order: the order a row's problems are listed in."""
    return tuple((name, mapping[name]) for name in _FIELD_ORDER if name in mapping)


def _birth_by_gender(
    dates: dict[str, date | None],
    values: dict[str, str],
    mapping: dict[str, int],
    problem: Callable[[str, str], None],
) -> str | None:
    """The official form's birth date in a "Nam" or a "Nữ" column: the date goes to ``dates["birth_date"]`` and
    the column's gender ("M"/"F") is returned; None when the row has neither (or both, which is a problem)."""
    if "birth_date" in mapping:
        return None
    male, female = dates.pop("birth_date_male", None), dates.pop("birth_date_female", None)
    if male is not None and female is not None:
        problem(
            "birth_date",
            _("ngày sinh ghi ở cả cột Nam ({male}) và cột Nữ ({female}); chỉ ghi ở một cột.").format(
                male=values.get("birth_date_male", ""), female=values.get("birth_date_female", "")
            ),
        )
        return None
    if male is None and female is None:
        return None
    dates["birth_date"] = male or female
    column = "birth_date_male" if male is not None else "birth_date_female"
    values["birth_date"] = values.get(column, "")  # shown in the preview's "Ngày sinh" column
    return "M" if male is not None else "F"


def hidden_columns_message(table: SourceTable, columns: Iterable[int]) -> str:
    """ "cột E (Lãnh đạo) đang bị ẩn trong bảng tính" for the read columns hidden in Excel, or "": what the clerk
    does not see is never imported, as for hidden rows and sheets."""
    hidden = sorted(set(columns) & table.hidden_columns)
    if not hidden:
        return ""
    named = ", ".join(
        _("cột {column} ({header})").format(
            column=column_name(c), header=table.headers[c] if c < len(table.headers) else ""
        )
        for c in hidden
    )
    return _("{columns} đang bị ẩn trong bảng tính").format(columns=named)


# Name column headers as written, accents and all: a name cell saying one of them is a header, not a person. Compared
# with their accents ("Hồ" is a family name, "Họ" a header).
_NAME_HEADERS = frozenset(("họ và tên", "họ tên", "họ, tên", "họ và tên đệm", "họ, tên đệm", "họ tên đệm", "họ đệm",
                           "họ", "tên đệm", "tên", "họ và tên cán bộ"))  # fmt: skip


def _header_text_key(text: str) -> str:
    return " ".join(nfc(text).casefold().split())


def _header_keys(mapping: dict[str, int], headers: list[str]) -> dict[int, tuple[frozenset[str], int, str]]:
    """Name column -> (the texts that make a row in it a repeated header, the longest of them doubled to allow for
    spaces and decomposed accents, their first letters), read once for :func:`_repeated_header`."""
    found: dict[int, tuple[frozenset[str], int, str]] = {}
    for name in NAME_FIELDS:
        index = mapping.get(name)
        if index is not None:
            own = _header_text_key(headers[index]) if index < len(headers) else ""
            texts = _NAME_HEADERS | {own} if own else _NAME_HEADERS
            found[index] = (texts, 2 * max(len(text) for text in texts), "".join({text[0] for text in texts}))
    return found


def _repeated_header(cells: list[object], keys: dict[int, tuple[frozenset[str], int, str]]) -> str:
    """The problem of a row whose name cell is its column's header, or a name column's header ("Họ và tên",
    "Tên"): the header repeated on every printed page, or a second header row not recognised; never a person.
    ``keys``: :func:`_header_keys`. Runs for every row: a long name is passed over before any normalising."""
    width = len(cells)
    for index, (texts, longest, firsts) in keys.items():
        if (
            index < width
            and type(value := cells[index]) is str
            and 0 < len(value) <= longest
            and value.lstrip()[:1].casefold() in firsts
            and _header_text_key(value) in texts
        ):
            return _("dòng này lặp lại tiêu đề (“{text}”), không phải một người; hãy xóa dòng.").format(
                text=cell_text(value)
            )
    return ""


def joined_name(parts: list[str]) -> str:
    """ "Họ và tên đệm" and "Tên" as one name. An old TCVN3 file has no capitals with a tone mark, so "Đặng Thị" |
    "ánh" came out "Đặng Thị ánh" on certificates: a part in lower case after capitalised ones takes their case."""
    words = [word for part in parts for word in nfc(part).split()]
    if any(word[:1].isupper() for word in words) and all(w[:1].isupper() for w in nfc(parts[0]).split()):
        words = [word[:1].upper() + word[1:] if word[:1].islower() else word for word in words]
    return " ".join(words)


def _over_the_name(span: tuple[int, int] | None, mapping: dict[str, int]) -> bool:
    """Whether a cell merged across columns ``span`` covers a name column (a group title, not a person's cell)."""
    return span is not None and any(span[0] <= mapping[n] <= span[1] for n in NAME_FIELDS if n in mapping)


def _is_blank(cells: list[object], mapping: dict[str, int]) -> bool:
    """Rows with no name and at most one other value: blank lines, totals, signatures under the table."""
    name_columns = [mapping[n] for n in NAME_FIELDS if n in mapping]
    if any(i < len(cells) and cells[i] not in (None, "") for i in name_columns):
        return False
    filled = sum(1 for i in mapping.values() if i < len(cells) and cells[i] not in (None, ""))
    return filled <= 1


def preview_import(store: Store, source: Path | SourceTable, mapping: dict[str, int] | None = None) -> ImportPreview:
    """Check every row against the rules and the people already in the database; writes nothing."""
    table = source if isinstance(source, SourceTable) else read_table(Path(source))
    if mapping is None:
        duplicates = duplicate_columns(table.headers)
        if duplicates:
            raise ImportFileError(
                _(
                    "Tệp {path}: dòng tiêu đề (dòng {row}) có hai cột cùng tên: {columns}. Chương trình không tự "
                    "chọn một cột; hãy xóa hoặc đổi tên cột thừa, hoặc chọn cột bằng tay khi nhập trong cửa sổ."
                ).format(path=table.path, row=table.header_row, columns=duplicate_message(table.headers, duplicates))
            )
        mapping = guess_mapping(table.headers)
    if "full_name" not in mapping and not ("family_name" in mapping and "given_name" in mapping):
        raise ImportFileError(
            _(
                "Tệp {path}: không tìm thấy cột “Họ và tên” ở dòng tiêu đề (dòng {row}); "
                "hãy đặt tên cột là “Họ và tên” hoặc chọn cột bằng tay."
            ).format(path=table.path, row=table.header_row)
        )
    hidden = hidden_columns_message(table, mapping.values())
    if hidden:
        raise ImportFileError(
            _("Tệp {path}: {columns}; hãy hiện cột (hoặc xóa cột) trong Excel rồi nhập lại.").format(
                path=table.path, columns=hidden
            )
        )
    by_name, by_code = _existing_people(store)
    seen_names: SamePeople[tuple[int, str]] = SamePeople()  # -> (row, name) of the first row with it
    seen_codes: dict[str, CodeHolder] = {}  # -> the first row with it
    earlier = _("dòng {row} của tệp: {name}")
    rows: list[PreviewRow] = []
    cleaned: dict[tuple[str, str], str] = {}
    parsed: dict[tuple[bool, type, object], date] = {}
    today = date.today()
    header_keys = _header_keys(mapping, table.headers)
    order = _mapped_order(mapping)
    groups = _group_names(store, table, mapping)
    for number, cells in table.rows:
        if _is_blank(cells, mapping):
            continue
        row = _build_row(
            number, cells, mapping, cleaned, today=today, parsed=parsed, order=order, epoch_1904=table.epoch_1904
        )
        if number in table.hidden_rows:
            row.problems.insert(0, hidden_row_problem())
            row.draft = None
        repeated = _repeated_header(cells, header_keys)
        if _over_the_name(table.label_rows.get(number), mapping):
            repeated = _(
                "dòng này là một ô gộp ngang qua bảng (“{text}”), như tên một nhóm hay phòng ban, không phải một "
                "người; nếu là tên phòng ban, hãy ghi vào cột “Phòng ban” của từng người rồi xóa dòng."
            ).format(text=" ".join(text for c in cells if (text := cell_text(c))))
        if not repeated and _is_group_row(row.values, groups):
            repeated = _(
                "dòng này chỉ có “{text}” ở cột họ tên, như tên một nhóm hay phòng ban, không phải một người; nếu "
                "là tên phòng ban, hãy ghi vào cột “Phòng ban” của từng người rồi xóa dòng."
            ).format(text=row.values["full_name"])
        if repeated:
            row.problems.insert(0, repeated)
            row.draft = None
        draft = row.draft
        if draft is not None:
            birth = draft.birth_date.isoformat() if draft.birth_date else ""
            keys = SamePeople.keys(draft.full_name)
            code = draft.staff_code
            first_with_code = seen_codes.get(code) if code else None
            if clash := _code_clash(by_code.get(code), row) or _code_clash(first_with_code, row):
                row.problems.append(clash)
            elif known := _already_there(by_name, by_code, row):
                row.duplicate_of = known
            elif first_with_code is not None:
                row.duplicate_of = first_with_code.label
            elif first := seen_names.find(keys, birth, row.birth_year_only):
                label = earlier.format(row=first[1][0], name=first[1][1])
                row.duplicate_of = same_person_note(label, first[0], birth, row.birth_year_only)
            if not row.problems:  # a row refused for its code is nobody a later row could repeat
                seen_names.add(keys, birth, (number, draft.full_name))
            if code and first_with_code is None and not row.problems:
                label = earlier.format(row=number, name=draft.full_name)
                seen_codes[code] = CodeHolder(label, draft.full_name, keys, birth, row.birth_year_only, number)
        rows.append(row)
    notes, _to_make, targets = _department_plan(store, rows)
    stopped = _stopped_targets(store, targets)
    if stopped:
        for row in rows:
            name = row.draft.department if row.draft is not None and row.status == "ok" else ""
            if name in stopped:
                row.problems.append(stopped[name])
        notes, _to_make, targets = _department_plan(store, rows)  # the plan of the rows still to write
    return ImportPreview(
        table=table, mapping=dict(mapping), rows=rows, department_notes=notes, department_targets=targets
    )


# First words that begin the name of a group, never a person's (no Vietnamese family name is one of them; "Đoàn"
# is, so it is not here, and "Ban" is the Dao family name "Bàn" typed without accents: a "Ban …" group is found as a
# department's name): a list grouped under "Phòng Kinh tế", "Khối Đảng", "Tổ dân phố 3" rows between its people.
_GROUP_WORDS = re.compile(
    r"(phòng|khối|tổ|văn phòng|đội|trạm|chi bộ|đảng uỷ|đảng ủy|uỷ ban|ủy ban|bộ phận|nhóm|trung tâm|thôn|"
    r"hội đồng|công an|hợp tác xã|tổng cộng|cộng)(\s|$)"
)


def _group_names(store: Store, table: SourceTable, mapping: dict[str, int]) -> set[str]:
    """The departments named in the file's department column and in the database, compared by :func:`name_key`."""
    found = {name_key(row["name"]) for row in unit_repo.list_departments(store, include_inactive=True)}
    index = mapping.get("department")
    if index is not None:
        found.update(name_key(cell_text(cells[index])) for _number, cells in table.rows if index < len(cells))
    found.discard("")
    return found


def _is_group_row(values: dict[str, str], groups: set[str]) -> bool:
    """A row with nothing but a name, where the name is a department's or begins like a group's: a heading between
    the people ("II. Phòng Kinh tế" in the STT and name columns), not a person called "Phòng Kinh tế"."""
    name = values.get("full_name", "")
    if not name or set(values) - {"full_name", "family_name", "given_name"}:
        return False
    key = name_key(name)
    return key in groups or _GROUP_WORDS.match(key) is not None


def _stopped_targets(store: Store, targets: dict[str, int | None]) -> dict[str, str]:
    """The department names of the file that go to a department the unit has stopped using, each with the
    problem to show on its rows: a new person put there would sit in a collective no list, review or report of
    this year shows any more."""
    ids = {found for found in targets.values() if found is not None}
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = store.query(f"SELECT id, name, stopped_on FROM departments WHERE active = 0 AND id IN ({marks})", tuple(ids))
    by_id = {int(row["id"]): row for row in rows}
    problems: dict[str, str] = {}
    for name, found in targets.items():
        row = by_id.get(found) if found is not None else None
        if row is None:
            continue
        problems[name] = _(
            "phòng ban “{name}” đã ngừng sử dụng{since}; hãy ghi phòng ban người này đang làm việc, hoặc dùng lại "
            "phòng ban đó ở trang Đơn vị rồi xem trước lại."
        ).format(
            name=row["name"],
            since=_(" từ ngày {date}").format(date=format_date(row["stopped_on"])) if row["stopped_on"] else "",
        )
    return problems


def _department_plan(store: Store, rows: list[PreviewRow]) -> tuple[list[str], list[str], dict[str, int | None]]:
    """(notes, the new departments to make, in order, and each name's existing department or None) for the good
    rows' departments.

    Each name is matched as :func:`~desktop.store.unit_repo.match_department` matches it: one matching an existing
    department only without end punctuation, or without accents, goes to that one (said, with the row). The names
    matching none are made, those written with accents first, so a list that spells one department "Doi dan quan"
    and then "Đội dân quân" makes "Đội dân quân" and puts both rows in it (said too). :func:`apply_import` makes
    them in this order before writing the people, and checks under the write lock that the plan is still this."""
    notes: list[str] = []
    known = [(int(row["id"]), str(row["name"])) for row in store.query("SELECT id, name FROM departments ORDER BY id")]
    names = dict(known)
    targets: dict[str, int | None] = {}
    first_rows: dict[str, int] = {}
    for row in rows:
        name = row.draft.department if row.draft is not None and row.status == "ok" else ""
        if name and name not in first_rows:
            first_rows[name] = row.row_number
    for name in first_rows:
        targets[name] = unit_repo.match_department(name, known)
    # Two names with accents of their own ("Thôn Nà", "Thôn Ná") both found only by a department typed without them
    # ("Thon Na"): which one it is cannot be told, so neither joins it.
    plain_joins: dict[int, list[str]] = {}
    for name, found in targets.items():
        if found is not None and not name.isascii() and names[found].isascii():
            plain_joins.setdefault(found, []).append(name)
    forced: set[str] = set()  # made new, whatever the existing departments
    for joined in plain_joins.values():
        if len({unit_repo.department_name_key(name) for name in joined}) > 1:
            for name in joined:
                targets[name] = None
                forced.add(name)
    missing: list[str] = []
    for name, number in first_rows.items():
        found = targets[name]
        if found is None:
            missing.append(name)
        elif unit_repo.department_name_key(names[found]) != unit_repo.department_name_key(name):
            notes.append(
                _("Phòng ban “{name}” (dòng {row}) được ghi vào phòng ban đã có “{first}”.").format(
                    name=name, row=number, first=names[found]
                )
            )
    new: dict[int, str] = {}  # pseudo id of a department the import makes -> its name
    for name in sorted(missing, key=lambda text: (text.isascii(), first_rows[text])):
        found = unit_repo.match_department(name, [pair for pair in known if pair[0] < 0] if name in forced else known)
        if found is None:
            pseudo = -1 - len(new)
            known.append((pseudo, name))
            names[pseudo] = new[pseudo] = name
            continue
        notes.append(
            _("Phòng ban “{name}” (dòng {row}) được ghi chung vào phòng ban mới “{first}” (dòng {first_row}).").format(
                name=name, row=first_rows[name], first=names[found], first_row=first_rows[names[found]]
            )
        )
    if new:
        made = sorted(new.values(), key=lambda text: first_rows[text])
        listed = ", ".join(_("“{name}” (dòng {row})").format(name=name, row=first_rows[name]) for name in made)
        notes.insert(0, _("Sẽ tạo {n} phòng ban mới: {names}.").format(n=len(new), names=listed))
    return notes, list(new.values()), targets


# -- writing ------------------------------------------------------------------------------------------


def apply_import(
    store: Store,
    preview: ImportPreview,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> int:
    """Insert the rows without problems, all in one transaction; cancelling writes nothing.

    The duplicate check is made again INSIDE the write transaction (``BEGIN IMMEDIATE`` holds the write lock):
    the preview may be minutes old, and another window or process may have imported the same file meanwhile.
    Rows that became duplicates are marked so on the preview and skipped; two identical imports at the same
    moment end exactly as one after the other. The departments are planned again too (:func:`_department_plan`):
    when another clerk has added or renamed one since the preview, so that the rows would go elsewhere than the
    preview said, nothing is written and the clerk is asked to preview again. Returns the number of people inserted.
    """
    with store.transaction(operation="staff.import"), store.larger_cache():
        notes, to_make, targets = _department_plan(store, preview.rows)
        moved = [
            name
            for name, found in preview.department_targets.items()
            if found is not None and targets.get(name) != found
        ]
        if moved:  # a row the preview put in an existing department would now go elsewhere
            raise ImportFileError(
                _(
                    "Danh sách phòng ban đã thay đổi từ lúc xem trước (có người vừa thêm hoặc đổi tên phòng ban): "
                    "{names} không còn vào phòng ban như đã xem trước. Bây giờ: {now} Hãy xem trước lại rồi nhập; "
                    "chưa có cán bộ nào được ghi."
                ).format(names=", ".join(f"“{name}”" for name in moved), now=" ".join(notes))
            )
        stopped = _stopped_targets(store, targets)
        halted = sorted({row.draft.department for row in preview.good_rows() if row.draft} & set(stopped))
        if halted:  # another window stopped a department since the preview
            raise ImportFileError(
                _("Từ lúc xem trước: {problems} Chưa có cán bộ nào được ghi.").format(
                    problems=" ".join(stopped[name] for name in halted)
                )
            )
        preview.department_notes = notes  # a department another clerk has just made is joined, and said so
        by_name, by_code = _existing_people(store)
        for row in preview.good_rows():
            if clash := _code_clash(by_code.get(row.draft.staff_code), row):  # given to another since the preview
                row.problems.append(clash)
            elif found := _already_there(by_name, by_code, row):
                row.duplicate_of = found
        good = preview.good_rows()
        total = len(good)
        used = {str(row["staff_code"]).upper() for row in store.query("SELECT staff_code FROM staff")}
        used |= {row.draft.staff_code for row in good if row.draft and row.draft.staff_code}
        number = _first_free_number(store)
        wanted = {row.draft.department for row in good if row.draft is not None}
        for name in to_make:  # in the plan's order: a spelling with accents names the department
            if name in wanted:
                unit_repo.get_or_create_department(store, name, loose=False)
        batch = staff_repo.StaffBatch(store)
        for done, row in enumerate(good, start=1):
            if done == total // 2 + 1:
                batch.flush()
                pause_point("staff.import")  # test hook: half the rows written, transaction open
            if should_cancel is not None and should_cancel():
                raise ImportCancelled(_("Đã dừng nhập; không có cán bộ nào được ghi."))
            assert row.draft is not None
            draft = row.draft
            if not draft.staff_code:
                while f"CB{number:05d}" in used:
                    number += 1
                draft = dataclasses.replace(draft, staff_code=f"CB{number:05d}")
                used.add(draft.staff_code)
            batch.add(draft, normalised=True)  # the preview's drafts are normalised already
            if progress is not None and (done % 100 == 0 or done == total):
                batch.flush()
                progress(done, total)
        batch.flush()
    return total


def _first_free_number(store: Store) -> int:
    highest = store.scalar(
        "SELECT max(CAST(substr(staff_code, 3) AS INTEGER)) FROM staff "
        "WHERE staff_code GLOB 'CB[0-9][0-9][0-9][0-9][0-9]*'"
    )
    return int(highest or 0) + 1


@dataclass
class ImportReport:
    ok: bool
    dry_run: bool
    inserted: int
    preview: ImportPreview

    def _file_name(self) -> str:
        return self.preview.table.path.name

    def as_json(self) -> dict[str, Any]:
        table = self.preview.table
        return {
            "ok": self.ok,
            "file": str(table.path),
            "sheet": table.sheet,
            "dry_run": self.dry_run,
            "inserted": self.inserted,
            "counts": self.preview.counts,
            "rows": [
                {
                    "row": row.row_number,
                    "status": row.status,
                    "full_name": row.values.get("full_name", ""),
                    "problems": list(row.problems),
                    "duplicate_of": row.duplicate_of,
                }
                for row in self.preview.rows
                if row.status != "ok"
            ],
            "encoding_note": table.encoding_note,
            "notes": self.preview.notes,
        }

    def problem_lines(self) -> list[str]:
        """One line per problem: file, sheet (for .xlsx), row, then "field: message"."""
        lines: list[str] = []
        name = self._file_name()
        sheet = self.preview.table.sheet
        where = _("{file}, trang “{sheet}”, dòng {row}: {message}") if sheet else _("{file}, dòng {row}: {message}")
        lines.extend(f"{name}: {note}" for note in self.preview.notes)  # how the header was read, new departments
        for row in self.preview.rows:
            for message in row.problems:
                lines.append(where.format(file=name, sheet=sheet, row=row.row_number, message=message))
            if row.status == "duplicate":
                message = _("trùng với {other}; bỏ qua.").format(other=row.duplicate_of)
                lines.append(where.format(file=name, sheet=sheet, row=row.row_number, message=message))
        return lines

    def summary(self) -> str:
        counts = self.preview.counts
        note = self.preview.table.encoding_note
        if self.dry_run:
            text = _(
                "Chạy thử tệp {file}: {ok} dòng nhập được, {error} dòng lỗi, {duplicate} dòng trùng; "
                "chưa ghi gì vào cơ sở dữ liệu."
            ).format(file=self._file_name(), **counts)
        else:
            text = _("Đã nhập {n} cán bộ từ tệp {file}; bỏ qua {error} dòng lỗi và {duplicate} dòng trùng.").format(
                n=self.inserted, file=self._file_name(), error=counts["error"], duplicate=counts["duplicate"]
            )
        return f"{text} {note}." if note else text


def import_staff_file(
    store: Store,
    path: Path,
    *,
    dry_run: bool = False,
    mapping: dict[str, int] | None = None,
) -> ImportReport:
    """Read, check and (unless a dry run) insert the good rows. Raises ImportFileError if unreadable."""
    preview = preview_import(store, Path(path), mapping)
    inserted = 0 if dry_run else apply_import(store, preview)
    return ImportReport(ok=True, dry_run=dry_run, inserted=inserted, preview=preview)


# -- export -------------------------------------------------------------------------------------------

EXPORT_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("staff_code", 12, "text"),
    ("full_name", 28, "text"),
    ("gender", 9, "text"),
    ("birth_date", 12, "date"),
    ("ethnic", 12, "text"),
    ("position", 24, "text"),
    ("is_leader", 9, "text"),
    ("department", 24, "text"),
    ("category", 16, "text"),
    ("start_date", 14, "date"),
    ("end_date", 12, "date"),
    ("left_reason", 24, "text"),
    ("notes", 30, "text"),
)


def _as_date(value: str | None) -> datetime | None:
    if not value:
        return None
    day = date.fromisoformat(value[:10])
    return datetime(day.year, day.month, day.day)


def export_staff(store: Store, path: Path, *, include_left: bool = False) -> int:
    """Write the staff list to .xlsx in the layout :func:`read_table` reads back; logged in the audit log."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ImportFileError(_("Tệp xuất {path} phải có đuôi .xlsx.").format(path=path))
    people = staff_repo.list_staff(store, include_left=include_left)
    genders = {code: _(label) for code, label in codes.GENDERS.items()}
    categories = {code: _(label) for code, label in codes.STAFF_CATEGORIES.items()}
    rows = [
        [
            person["staff_code"],
            person["full_name"],
            genders.get(person["gender"], ""),
            _as_date(person["birth_date"]),
            codes.ETHNIC_GROUPS.get(person["ethnic_code"], person["ethnic_code"]),
            person["position"],
            "x" if person["is_leader"] else "",
            person["department"] or "",
            categories.get(person["category"], person["category"]),
            _as_date(person["start_date"]),
            _as_date(person["end_date"]),
            person["left_reason"] or "",
            person["notes"],
        ]
        for person in people
    ]
    columns = [spreadsheet.Column(_(FIELDS[name]), width, kind) for name, width, kind in EXPORT_COLUMNS]
    unit = unit_repo.get_unit(store)
    titles = [_("DANH SÁCH CÁN BỘ")]
    if unit:
        titles.append(_("{unit} — xuất ngày {day}").format(unit=unit["name"], day=format_date(date.today())))
    with store.transaction(operation="staff.export"):
        record_event(
            store,
            table="staff",
            after={"file": str(path), "count": len(rows), "include_left": include_left},
        )
        try:
            spreadsheet.write_table(path, columns=columns, rows=rows, sheet_title=_("Cán bộ"), title_lines=titles)
        except SpreadsheetError as exc:
            raise ImportFileError(str(exc)) from None
    return len(rows)


__all__ = [
    "BIRTH_BY_GENDER_FIELDS",
    "FIELDS",
    "NAME_PART_FIELDS",
    "REQUIRED_FIELDS",
    "TEXT_LIMITS",
    "ImportCancelled",
    "ImportFileError",
    "ImportPreview",
    "ImportReport",
    "PreviewRow",
    "SourceTable",
    "apply_import",
    "duplicate_columns",
    "export_staff",
    "guess_mapping",
    "import_staff_file",
    "preview_import",
    "read_table",
]
