"""Import the history the engine reads: yearly ratings, initiatives, discipline, leave and awards received.

Collectives have rows too: in "Xếp loại" and "Khen thưởng" a row whose "Tập thể" cell names a department (and no
person) is that collective's own rating or award (:meth:`_Checker.subject` decides who a row is about, for every
sheet that has the column); the optional "Xếp loại tập thể" sheet holds collectives' ratings only.

Clerks keep these in old Excel registers, one sheet per kind. One workbook is read, every sheet it
has is checked against the staff list and the rule pack, and the clerk sees a preview (new, update,
unchanged, error) before anything is written. The good rows of all sheets then go into the database
in ONE transaction; rows with problems are reported with sheet, row and field and never written.

The reading, the preview objects and the cancel/progress contract mirror :mod:`desktop.ops.staff_import`.

Award source rule: an award whose issuer ("Cơ quan ban hành") is the unit itself (the issuer text,
ignoring accents, case and "UBND" abbreviations, contains the unit's name, or is just "đơn vị", "xã"
or "UBND xã") is stored with source ``"import"``; every other award, including one with no issuer
written, came from above (``"above"``), which is what old registers mostly hold.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.documents import spreadsheet
from desktop.documents.spreadsheet import SpreadsheetError, cell_text
from desktop.domain import codes
from desktop.domain import legacy_encoding as enc
from desktop.domain.dates import DateError, format_date, parse_date
from desktop.domain.text import (
    LONG_TEXT_MAX_LENGTH,
    NAME_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    InputTextError,
    clean_input,
    fold,
    nfc,
    visible_text,
)
from desktop.i18n import N_, _
from desktop.ops.staff_import import ImportCancelled, ImportFileError, SourceTable
from desktop.store import Store
from desktop.store.faults import pause_point

KINDS = ("ratings", "collective_ratings", "initiatives", "discipline", "leave", "awards")
# Collectives' ratings may also sit in the "Xếp loại" sheet, so a workbook without this sheet misses nothing.
OPTIONAL_KINDS = ("collective_ratings",)
SHEET_LABELS: dict[str, str] = {
    "ratings": N_("Xếp loại"),
    "collective_ratings": N_("Xếp loại tập thể"),
    "initiatives": N_("Sáng kiến"),
    "discipline": N_("Kỷ luật"),
    "leave": N_("Nghỉ dài ngày"),
    "awards": N_("Khen thưởng"),
}
# Folded sheet names recognised for each kind (the sheet name may also start with one of them).
_SHEET_ALIASES: dict[str, tuple[str, ...]] = {
    "ratings": ("xep loai", "xep loai chat luong", "danh gia xep loai", "danh gia", "ket qua xep loai"),
    "collective_ratings": (
        "xep loai tap the",
        "xep loai chat luong tap the",
        "danh gia xep loai tap the",
        "danh gia tap the",
        "ket qua xep loai tap the",
    ),
    "initiatives": ("sang kien", "sang kien kinh nghiem", "de tai sang kien"),
    "discipline": ("ky luat", "xu ly ky luat"),
    "leave": ("nghi dai ngay", "nghi", "nghi thai san", "thoi gian nghi"),
    "awards": ("khen thuong", "danh hieu", "thi dua khen thuong", "danh hieu khen thuong", "so khen thuong"),
}

COMMON_FIELDS: dict[str, str] = {
    "staff_code": N_("Mã cán bộ"),
    "full_name": N_("Họ và tên"),
    "birth_date": N_("Ngày sinh"),
}
SHEET_FIELDS: dict[str, dict[str, str]] = {
    "ratings": {"year": N_("Năm"), "rating": N_("Xếp loại"), "collective": N_("Tập thể"), "notes": N_("Ghi chú")},
    "collective_ratings": {
        "year": N_("Năm"),
        "rating": N_("Xếp loại"),
        "collective": N_("Tập thể"),
        "notes": N_("Ghi chú"),
    },
    "initiatives": {
        "title": N_("Tên sáng kiến"),
        "level": N_("Cấp công nhận"),
        "recognized_on": N_("Ngày công nhận"),
        "decision_no": N_("Số quyết định"),
        "notes": N_("Ghi chú"),
    },
    "discipline": {
        "level": N_("Hình thức"),
        "start_date": N_("Từ ngày"),
        "end_date": N_("Đến ngày"),
        "reason": N_("Lý do"),
        "decision_no": N_("Số quyết định"),
        "pending": N_("Đang xem xét"),
        "notes": N_("Ghi chú"),
    },
    "leave": {
        "kind": N_("Loại nghỉ"),
        "start_date": N_("Từ ngày"),
        "end_date": N_("Đến ngày"),
        "notes": N_("Ghi chú"),
    },
    "awards": {
        "year": N_("Năm"),
        "code": N_("Danh hiệu/hình thức"),
        "decision_no": N_("Số quyết định"),
        "decision_date": N_("Ngày quyết định"),
        "issuer": N_("Cơ quan ban hành"),
        "collective": N_("Tập thể"),
        "notes": N_("Ghi chú"),
    },
}
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "ratings": ("year", "rating"),  # or one column per year (wide layout)
    "collective_ratings": ("year", "rating"),
    "initiatives": ("title",),
    "discipline": ("level",),
    "leave": ("kind", "start_date", "end_date"),
    "awards": ("year", "code"),
}

_COMMON_ALIASES: dict[str, tuple[str, ...]] = {
    "staff_code": (
        "ma can bo",
        "ma cb",
        "ma so",
        "ma",
        "ma cbcc",
        "ma nhan vien",
        "ma nv",
        "ma cong chuc",
        "ma so can bo",
    ),
    "full_name": (
        "ho va ten",
        "ho ten",
        "hoten",
        "ho va ten can bo",
        "ho ten can bo",
        "ten can bo",
        "ho va ten cbcc",
        "ca nhan",
        "ho va ten ca nhan",
    ),
    "birth_date": ("ngay sinh", "nam sinh", "ngay thang nam sinh", "ngay thang sinh", "sinh ngay"),
}
_NOTES = ("ghi chu", "chu thich")
_DECISION_NO = ("so quyet dinh", "so qd", "quyet dinh so", "so hieu quyet dinh", "quyet dinh")
# A "Tập thể" column names a collective instead of a person (the awards and ratings sheets).
_COLLECTIVE = ("tap the", "ten tap the", "don vi tap the")
# Where only collectives are rated, the department column may also be headed like this.
_COLLECTIVE_ONLY = (*_COLLECTIVE, "phong ban", "ten phong ban", "bo phan", "ten bo phan", "don vi", "ten don vi")
_RATING = (
    "xep loai",
    "muc xep loai",
    "ket qua xep loai",
    "xep loai chat luong",
    "danh gia",
    "ket qua danh gia",
    "muc do hoan thanh nhiem vu",
    "ket qua",
)
_START = ("tu ngay", "ngay bat dau", "bat dau", "ngay hieu luc", "thoi gian tu")
_END = ("den ngay", "ngay ket thuc", "ket thuc", "het hieu luc", "ngay het hieu luc", "thoi gian den")
_SHEET_ALIASES_BY_FIELD: dict[str, dict[str, tuple[str, ...]]] = {
    "ratings": {
        "year": ("nam", "nam danh gia", "nam xep loai"),
        "rating": _RATING,
        "collective": _COLLECTIVE,
        "notes": _NOTES,
    },
    "collective_ratings": {
        "year": ("nam", "nam danh gia", "nam xep loai"),
        "rating": (*_RATING, "xep loai tap the"),
        "collective": _COLLECTIVE_ONLY,
        "notes": _NOTES,
    },
    "initiatives": {
        "title": ("ten sang kien", "sang kien", "ten de tai", "ten sang kien de tai", "noi dung sang kien"),
        "level": ("cap cong nhan", "cap", "pham vi", "pham vi anh huong", "cap cong nhan sang kien", "hieu qua"),
        "recognized_on": ("ngay cong nhan", "ngay quyet dinh", "ngay qd", "ngay"),
        "decision_no": _DECISION_NO,
        "notes": _NOTES,
    },
    "discipline": {
        "level": ("hinh thuc", "hinh thuc ky luat", "muc ky luat", "ky luat"),
        "start_date": _START,
        "end_date": _END,
        "reason": ("ly do", "noi dung vi pham", "hanh vi vi pham", "ly do ky luat"),
        "decision_no": _DECISION_NO,
        "pending": ("dang xem xet", "dang xu ly", "chua quyet dinh", "dang xem xet xu ly"),
        "notes": _NOTES,
    },
    "leave": {
        "kind": ("loai nghi", "loai", "hinh thuc nghi", "ly do nghi", "loai nghi dai ngay"),
        "start_date": _START,
        "end_date": _END,
        "notes": _NOTES,
    },
    "awards": {
        "year": ("nam", "nam khen thuong", "nam dat", "nam danh hieu"),
        "code": (
            "danh hieu hinh thuc",
            "danh hieu hinh thuc khen thuong",
            "danh hieu",
            "hinh thuc",
            "hinh thuc khen thuong",
            "ma danh hieu",
            "khen thuong",
            "danh hieu thi dua",
        ),
        "decision_no": _DECISION_NO,
        "decision_date": ("ngay quyet dinh", "ngay qd", "ngay ky", "ngay ky quyet dinh", "ngay"),
        "issuer": ("co quan ban hanh", "cap khen", "noi ban hanh", "co quan quyet dinh", "nguoi ky", "cap quyet dinh"),
        "collective": (*_COLLECTIVE, "tap the duoc khen"),
        "notes": _NOTES,
    },
}

# (longest text, several lines allowed) per field; the rest are one line of TEXT_MAX_LENGTH (see clean_input).
TEXT_LIMITS: dict[str, tuple[int, bool]] = {
    "full_name": (NAME_MAX_LENGTH, False),
    "collective": (NAME_MAX_LENGTH, False),
    "title": (LONG_TEXT_MAX_LENGTH, False),
    "issuer": (TEXT_MAX_LENGTH, False),
    "reason": (NOTES_MAX_LENGTH, True),
    "notes": (NOTES_MAX_LENGTH, True),
}

_TRUE = {"x", "co", "1", "yes", "y", "true", "v", "dang xem xet", "dung"}
_FALSE = {"", "0", "khong", "no", "n", "false", "-"}
_LEVEL_ALIASES = {"co so": "co_so", "tinh": "tinh", "cap bo": "tinh", "toan quoc": "toan_quoc", "quoc gia": "toan_quoc"}
_LEAVE_ALIASES = {
    "thai san": "maternity",
    "om": "sick",
    "om dai ngay": "sick",
    "nghi om": "sick",
    "khong luong": "unpaid",
    "hoc": "study",
    "di hoc": "study",
    "dao tao": "study",
    "boi duong": "study",
}
_TARGET_LABELS = {"individual": N_("cá nhân"), "collective": N_("tập thể"), "household": N_("hộ gia đình")}
_OWN_ISSUERS = {"don vi", "co quan", "xa", "uy ban nhan dan xa", "chu tich uy ban nhan dan xa"}
_RATING_KINDS = ("ratings", "collective_ratings")
# The columns that say who a row is about; "collective" only in the sheets that accept collectives.
_WHO = ("staff_code", "full_name", "collective")
_YEAR_HEADER = re.compile(r"^(?:nam\s*)?((?:19|20)\d\d)$")
FIRST_YEAR = 1975


def _key(text: object) -> str:
    """Folded words only: accents, case and punctuation ignored."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).split())


def _expand(text: str) -> str:
    return re.sub(r"\bubnd\b", "uy ban nhan dan", text)


# -- reading ------------------------------------------------------------------------------------------


def sheet_kind(name: str) -> str | None:
    """Which kind of history a sheet holds, from its name (accents and case ignored), or None."""
    key = _key(enc.fix_text(name)[0])
    if not key:
        return None
    best: tuple[int, str] | None = None
    for kind, aliases in _SHEET_ALIASES.items():
        for alias in aliases:
            matched = key == alias or key.startswith(alias + " ")
            if matched and (best is None or len(alias) > best[0]):
                best = (len(alias), kind)
    return best[1] if best else None


def _field_tables(kind: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {}
    for name, aliases in (*_COMMON_ALIASES.items(), *_SHEET_ALIASES_BY_FIELD[kind].items()):
        for alias in aliases:
            exact.setdefault(alias, name)
    prefixes = sorted(((a, f) for a, f in exact.items() if " " in a), key=lambda item: -len(item[0]))
    return exact, prefixes


def year_of_header(value: object) -> int | None:
    """2022 for a header cell "2022", "Năm 2022" or the number 2022; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        number = int(value)
        return number if 1900 <= number <= 2100 else None
    match = _YEAR_HEADER.match(_key(value))
    return int(match.group(1)) if match else None


def _header_fields(kind: str, headers: list[str]) -> list[tuple[int, str]]:
    """(column index, field) for every header cell that names a field of this kind of sheet."""
    exact, prefixes = _field_tables(kind)
    found: list[tuple[int, str]] = []
    for index, header in enumerate(headers):
        key = _key(header)
        if not key or year_of_header(header) is not None:
            continue
        name = exact.get(key)
        if name is None:
            words = len(key.split(" "))
            for alias, candidate in prefixes:
                if key.startswith(alias + " ") and words <= len(alias.split(" ")) + 3:
                    name = candidate
                    break
        if name:
            found.append((index, name))
    return found


def guess_mapping(kind: str, headers: list[str]) -> dict[str, int]:
    """Field -> column index for one kind of sheet (accents, case and punctuation of headers ignored).

    When two columns name the same field the first is kept here; :func:`duplicate_columns` lists them and the
    sheet is then not imported (never a silent choice of one column).
    """
    mapping: dict[str, int] = {}
    for index, name in _header_fields(kind, headers):
        mapping.setdefault(name, index)
    return mapping


def duplicate_columns(kind: str, headers: list[str]) -> dict[str, list[int]]:
    """Fields that two or more header cells of this kind of sheet name: field -> column indexes."""
    found: dict[str, list[int]] = {}
    for index, name in _header_fields(kind, headers):
        found.setdefault(name, []).append(index)
    return {name: columns for name, columns in found.items() if len(columns) > 1}


def year_columns(headers: list[object]) -> dict[int, int]:
    """Column index -> year for the wide ratings layout ("Họ và tên | 2022 | 2023 | 2024")."""
    return {index: year for index, header in enumerate(headers) if (year := year_of_header(header)) is not None}


def _score(kind: str) -> Callable[[list[str]], int]:
    def score(cells: list[str]) -> int:
        known = len(guess_mapping(kind, cells))
        if kind in _RATING_KINDS:
            known += len(year_columns(list(cells)))
        return known * 100 + sum(1 for c in cells if c) if known else 0

    return score


@dataclass
class HistorySource:
    """The recognised sheets of one workbook, each as a :class:`SourceTable` (header found, text fixed)."""

    path: Path
    tables: dict[str, SourceTable]
    raw_headers: dict[str, list[object]]
    ignored_sheets: list[str] = field(default_factory=list)  # hidden sheets included
    hidden_sheets: list[str] = field(default_factory=list)


def read_workbook(path: Path) -> HistorySource:
    """Every VISIBLE sheet whose name says which history it holds; ImportFileError if none or unreadable.

    Hidden sheets (an old "Xếp loại (cũ)" kept out of sight) are never read: they are listed with the other
    ignored sheets, as are chart sheets and a second sheet of a kind already found.
    """
    path = Path(path)
    expected = ", ".join(f"“{_(label)}”" for label in SHEET_LABELS.values())
    names: list[str] = []
    try:
        if not path.is_file() or path.suffix.lower() not in (".xlsx", ".xlsm"):
            spreadsheet.read_rows(path)  # missing file, folder, .xls, unknown type: its own message
            raise ImportFileError(
                _("Tệp {path}: lịch sử thi đua phải nhập từ tệp Excel .xlsx có các trang {sheets}.").format(
                    path=path, sheets=expected
                )
            )
        tables: dict[str, SourceTable] = {}
        raw_headers: dict[str, list[object]] = {}
        ignored: list[str] = []
        hidden: list[str] = []
        with spreadsheet.open_book(path) as book:
            names = [info.name for info in book.sheets]
            for info in book.sheets:
                kind = sheet_kind(info.name)
                if not info.visible:
                    hidden.append(info.name)
                if kind is None or kind in tables or not info.visible or not info.part:
                    ignored.append(info.name)
                    continue
                raw = book.read(info.name)
                if not raw.rows:
                    tables[kind] = SourceTable(path=path, sheet=info.name, headers=[], header_row=0, rows=[])
                    raw_headers[kind] = []
                    continue
                index = spreadsheet.find_header_row(raw.rows, score=_score(kind))
                header_number, header_cells = raw.rows[index]
                spreadsheet.spread_merged_down(raw, header_number + 1)  # a year or a name merged down its rows
                body = raw.rows[index + 1 :]
                if body and spreadsheet.is_column_numbering(body[0][1]):
                    body = body[1:]
                tables[kind] = SourceTable(
                    path=path,
                    sheet=info.name,
                    headers=[cell_text(c) for c in header_cells],
                    header_row=header_number,
                    rows=body,
                    encoding_note=spreadsheet.encoding_note(raw.converted),
                )
                raw_headers[kind] = list(header_cells)
    except ImportFileError:
        raise
    except SpreadsheetError as exc:
        raise ImportFileError(str(exc)) from None
    if not tables:
        raise ImportFileError(
            _("Tệp {path} không có trang nào tên {sheets} (các trang trong tệp: {names}).").format(
                path=path, sheets=expected, names=", ".join(names) or "—"
            )
            + (" " + _("Các trang bị ẩn không được đọc: {names}.").format(names=", ".join(hidden)) if hidden else "")
        )
    return HistorySource(
        path=path, tables=tables, raw_headers=raw_headers, ignored_sheets=ignored, hidden_sheets=hidden
    )


# -- preview objects ----------------------------------------------------------------------------------


@dataclass
class HistoryRow:
    """One record to write (a wide ratings row gives one per year cell)."""

    kind: str
    sheet: str
    row_number: int
    values: dict[str, str]
    person: str = ""  # "CB00012 Nguyễn Văn Sơn", or the collective's name
    staff_code: str = ""
    what: str = ""  # the record in a few words: "2023: HTXSNV"
    record: dict[str, Any] | None = None
    problems: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # the fields the problems are about
    old: str | None = None  # for an update: the value it replaces
    same_as: str | None = None  # for unchanged: where the same record already is
    state: str = "new"  # new | update | unchanged (before problems are considered)

    @property
    def status(self) -> str:
        if self.problems or self.record is None:
            return "error"
        return self.state

    def add_problem(self, name: str, label: str, message: str) -> None:
        self.problems.append(_("{field}: {message}").format(field=label, message=message))
        if name not in self.fields:
            self.fields.append(name)


def _empty_counts(total: int = 0) -> dict[str, int]:
    return {"total": total, "new": 0, "update": 0, "unchanged": 0, "error": 0}


@dataclass
class SheetPreview:
    kind: str
    table: SourceTable
    mapping: dict[str, int]
    rows: list[HistoryRow]
    layout: str = "long"  # "wide": ratings with one column per year
    problems: list[str] = field(default_factory=list)  # the sheet as a whole (a missing column)

    @property
    def sheet(self) -> str:
        return self.table.sheet

    @property
    def label(self) -> str:
        return _(SHEET_LABELS[self.kind])

    @property
    def counts(self) -> dict[str, int]:
        result = _empty_counts(len(self.rows))
        for row in self.rows:
            result[row.status] += 1
        return result

    def good_rows(self) -> list[HistoryRow]:
        return [row for row in self.rows if row.status in ("new", "update")]


@dataclass
class HistoryPreview:
    path: Path
    sheets: list[SheetPreview]
    ignored_sheets: list[str] = field(default_factory=list)
    hidden_sheets: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        present = {sheet.kind for sheet in self.sheets}
        return [kind for kind in KINDS if kind not in present and kind not in OPTIONAL_KINDS]

    @property
    def rows(self) -> list[HistoryRow]:
        return [row for sheet in self.sheets for row in sheet.rows]

    @property
    def counts(self) -> dict[str, int]:
        result = _empty_counts()
        for sheet in self.sheets:
            for key, value in sheet.counts.items():
                result[key] += value
        return result

    def good_rows(self) -> list[HistoryRow]:
        return [row for sheet in self.sheets for row in sheet.good_rows()]

    def sheet(self, kind: str) -> SheetPreview | None:
        return next((s for s in self.sheets if s.kind == kind), None)

    @property
    def encoding_note(self) -> str:
        notes = [f"{s.sheet}: {s.table.encoding_note}" for s in self.sheets if s.table.encoding_note]
        return "; ".join(notes)


# -- the data already in the database -----------------------------------------------------------------


class _Known:
    """Staff, departments and existing records, read once for the whole workbook."""

    def __init__(self, store: Store, pack: Any) -> None:
        from desktop.store import unit_repo

        self.pack = pack
        self.staff = store.query("SELECT id, staff_code, full_name, search_key, birth_date, end_date FROM staff")
        self.by_code = {str(p["staff_code"]).upper(): p for p in self.staff}
        self.by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for person in self.staff:
            self.by_name[person["search_key"]].append(person)
        self.departments = {_key(d["name"]): d for d in store.query("SELECT id, name FROM departments")}
        self.ratings = {
            (r["staff_id"], r["year"]): r["rating"] for r in store.query("SELECT staff_id, year, rating FROM ratings")
        }
        self.collective_ratings = {
            (r["department_id"], r["year"]): r["rating"]
            for r in store.query("SELECT department_id, year, rating FROM collective_ratings")
        }
        # Records seen so far in each group of sheets: a collective rated in both ratings sheets is one record.
        self.seen: dict[str, dict[tuple[Any, ...], tuple[int, Any, str]]] = {}
        self.initiatives = {
            (r["staff_id"], _key(r["title"])) for r in store.query("SELECT staff_id, title FROM initiatives")
        }
        self.discipline = {
            (r["staff_id"], r["level"], r["start_date"] or "")
            for r in store.query("SELECT staff_id, level, start_date FROM discipline")
        }
        self.leave = {
            (r["staff_id"], r["kind"], r["start_date"])
            for r in store.query("SELECT staff_id, kind, start_date FROM leave_periods")
        }
        self.awards = {
            (r["target_kind"], r["staff_id"] or r["department_id"] or r["household_name"], r["code"], r["year"])
            for r in store.query("SELECT target_kind, staff_id, department_id, household_name, code, year FROM awards")
        }
        unit = unit_repo.get_unit(store) or {}
        self.unit_key = _expand(_key(unit.get("name", "")))
        self.award_names: dict[str, str] = {}
        for item in (*pack.titles, *pack.award_forms):
            for text in (item.code, item.name, item.short):
                if _key(text):
                    self.award_names.setdefault(_key(text), item.code)
        self.award_prefixes = sorted(self.award_names.items(), key=lambda pair: -len(pair[0]))


def _label(kind: str, name: str) -> str:
    return _(COMMON_FIELDS.get(name) or SHEET_FIELDS[kind][name])


# -- reading cells ------------------------------------------------------------------------------------


def _year(value: object) -> int:
    if isinstance(value, datetime | date):
        number = value.year
    elif isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        number = int(value)
    else:
        match = re.fullmatch(r"(?:nam\s*)?(\d{4})", _key(value))
        if not match:
            raise ValueError(_("“{value}” không phải năm; ghi 4 chữ số, ví dụ 2024.").format(value=cell_text(value)))
        number = int(match.group(1))
    last = date.today().year + 1
    if not FIRST_YEAR <= number <= last:
        raise ValueError(
            _("năm {year} không hợp lệ (chỉ nhận từ {first} đến {last}).").format(
                year=number, first=FIRST_YEAR, last=last
            )
        )
    return number


def _choice(value: object, table: dict[str, str], aliases: dict[str, str] | None = None) -> str | None:
    """A code from its code or its Vietnamese label (accents, case ignored); None if unknown."""
    key = _key(value)
    for code, label in table.items():
        if key in (_key(code), _key(label), _key(_(label))):
            return code
    if aliases and key in aliases:
        return aliases[key]
    return None


def _rating(value: object) -> str | None:
    key = _key(value)
    for code, label in codes.RATINGS.items():
        full = _key(label)
        if key in (_key(code), full, _key(_(label)), full.removesuffix(" nhiem vu")):
            return code
    return None


def _bool(value: object) -> bool | None:
    key = _key(value)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def _leave_kind(value: object) -> str | None:
    found = _choice(value, codes.LEAVE_KINDS, _LEAVE_ALIASES)
    if found:
        return found
    key = _key(value).removeprefix("nghi ").strip()
    return _LEAVE_ALIASES.get(key)


def _level(value: object) -> str | None:
    found = _choice(value, codes.INITIATIVE_LEVELS, _LEVEL_ALIASES)
    if found:
        return found
    key = _key(value).removeprefix("cap ").strip()
    return _LEVEL_ALIASES.get(key)


def _discipline(value: object) -> str | None:
    return _choice(value, codes.DISCIPLINE_LEVELS)


def _choices(table: dict[str, str]) -> str:
    return ", ".join(_(label) for label in table.values())


# -- checking rows ------------------------------------------------------------------------------------


def _cell(cells: list[object], mapping: dict[str, int], name: str) -> object:
    index = mapping.get(name)
    if index is None or index >= len(cells):
        return None
    value = cells[index]
    return None if value == "" else value


class _Checker:
    def __init__(self, known: _Known, kind: str, sheet: str, mapping: dict[str, int]) -> None:
        self.known = known
        self.kind = kind
        self.sheet = sheet
        self.mapping = mapping
        # (row, value, sheet) of each record key met so far; both ratings sheets share theirs.
        group = "ratings" if kind in _RATING_KINDS else kind
        self.seen: dict[tuple[Any, ...], tuple[int, Any, str]] = known.seen.setdefault(group, {})

    def new_row(self, number: int, cells: list[object]) -> HistoryRow:
        """The row's text, clean (:func:`clean_input`, per field); a field that is not has its problem already."""
        names = (*COMMON_FIELDS, *SHEET_FIELDS[self.kind])
        row = HistoryRow(kind=self.kind, sheet=self.sheet, row_number=number, values={})
        for name in names:
            if name in self.mapping:
                row.values[name] = self.clean(row, name, cell_text(_cell(cells, self.mapping, name)))
        return row

    def clean(self, row: HistoryRow, name: str, text: str, label: str | None = None) -> str:
        limit, multiline = TEXT_LIMITS.get(name, (TEXT_MAX_LENGTH, False))
        label = label or _label(self.kind, name)
        try:
            return clean_input(text, field=label, multiline=multiline, max_length=limit)
        except InputTextError as exc:
            row.add_problem(name, label, exc.reason)
            return visible_text(text)

    def problem(self, row: HistoryRow, name: str, message: str) -> None:
        row.add_problem(name, _label(self.kind, name), message)

    def date(self, row: HistoryRow, cells: list[object], name: str) -> date | None:
        try:
            return parse_date(_cell(cells, self.mapping, name))
        except DateError as exc:
            self.problem(row, name, str(exc))
            return None

    # -- the person --------------------------------------------------------------------------------
    def person(self, row: HistoryRow, cells: list[object]) -> dict[str, Any] | None:
        code = nfc(cell_text(_cell(cells, self.mapping, "staff_code"))).upper()
        name = row.values.get("full_name", "")
        birth_raw = _cell(cells, self.mapping, "birth_date")
        birth_text = cell_text(birth_raw)
        birth_iso, birth_year = "", ""
        if birth_raw is not None:
            year_only = re.fullmatch(r"\d{4}", birth_text) is not None
            if year_only:
                birth_year = birth_text
            else:
                try:
                    parsed = parse_date(birth_raw)
                    birth_iso = parsed.isoformat() if parsed else ""
                except DateError as exc:
                    self.problem(row, "birth_date", str(exc))
                    return None

        def born_as_written(person: dict[str, Any]) -> bool:
            stored = person["birth_date"] or ""
            if birth_iso:
                return stored == birth_iso
            if birth_year:
                return stored[:4] == birth_year
            return True

        if code:
            person = self.known.by_code.get(code)
            if person is None:
                self.problem(row, "staff_code", _("“{code}” không có trong danh sách cán bộ.").format(code=code))
                return None
            if name and fold(name) != person["search_key"]:
                self.problem(
                    row,
                    "full_name",
                    _("mã {code} là của {other}, không phải “{name}”.").format(
                        code=code, other=person["full_name"], name=name
                    ),
                )
                return None
            if not born_as_written(person):
                self.problem(
                    row,
                    "birth_date",
                    _("{name} (mã {code}) sinh ngày {stored}, không phải {written}.").format(
                        name=person["full_name"],
                        code=code,
                        stored=format_date(person["birth_date"]) or "—",
                        written=birth_text,
                    ),
                )
                return None
            return person
        if not name:
            self.problem(row, "full_name", _("thiếu cả mã cán bộ và họ tên; không biết là của ai."))
            return None
        same_name = self.known.by_name.get(fold(name), [])
        if birth_iso or birth_year:
            found = [p for p in same_name if born_as_written(p)]
            if len(found) == 1:
                return found[0]
            if found:
                self.problem(
                    row,
                    "staff_code",
                    _("có {n} người cùng tên “{name}” và cùng ngày sinh, cần thêm mã cán bộ.").format(
                        n=len(found), name=name
                    ),
                )
            else:
                self.problem(
                    row,
                    "full_name",
                    _("không có cán bộ “{name}” sinh {birth} trong danh sách.").format(name=name, birth=birth_text),
                )
            return None
        active = [p for p in same_name if not p["end_date"]]
        if len(active) == 1:
            return active[0]
        if active:
            self.problem(
                row,
                "full_name",
                _("có {n} người cùng tên “{name}”, cần thêm ngày sinh hoặc mã cán bộ.").format(
                    n=len(active), name=name
                ),
            )
        elif same_name:
            self.problem(
                row,
                "full_name",
                _("“{name}” đã nghỉ việc; cần thêm ngày sinh hoặc mã cán bộ để chắc đúng người.").format(name=name),
            )
        else:
            self.problem(row, "full_name", _("không có cán bộ “{name}” trong danh sách.").format(name=name))
        return None

    def set_person(self, row: HistoryRow, person: dict[str, Any]) -> None:
        row.person = f"{person['staff_code']} {person['full_name']}"
        row.staff_code = str(person["staff_code"])

    def subject(self, row: HistoryRow, cells: list[object]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """Who the row is about: (person, None), or (None, department) when its "Tập thể" cell names a collective.

        A row naming both is an error, and so is a collective that is not in the department list.
        """
        collective_name = row.values.get("collective", "")
        has_person = bool(row.values.get("staff_code") or row.values.get("full_name"))
        if collective_name and has_person:
            self.problem(row, "collective", _("ghi hoặc tên người hoặc tên tập thể, không ghi cả hai trên một dòng."))
            return None, None
        if collective_name:
            department = self.known.departments.get(_key(collective_name))
            if department is None:
                self.problem(
                    row,
                    "collective",
                    _("không có phòng ban, tập thể “{name}”; hãy thêm tập thể này trước rồi nhập lại.").format(
                        name=collective_name
                    ),
                )
                return None, None
            row.person = str(department["name"])
            return None, department
        person = self.person(row, cells)
        if person is not None:
            self.set_person(row, person)
        return person, None

    def _where(self, earlier: tuple[int, Any, str]) -> str:
        if earlier[2] == self.sheet:
            return _("dòng {row} của trang này").format(row=earlier[0])
        return _("dòng {row} của trang “{sheet}”").format(row=earlier[0], sheet=earlier[2])

    # -- duplicates --------------------------------------------------------------------------------
    def settle(self, row: HistoryRow, key: tuple[Any, ...], exists: bool, value: Any = None) -> None:
        """new, unchanged (already there or earlier in the file) or a conflict with an earlier row."""
        if row.problems:
            return
        earlier = self.seen.get(key)
        if earlier is not None:
            if earlier[1] != value:
                if earlier[2] == self.sheet:
                    message = _("mâu thuẫn với dòng {row} của trang này ({other}).").format(
                        row=earlier[0], other=earlier[1]
                    )
                else:
                    message = _("mâu thuẫn với {where} ({other}).").format(where=self._where(earlier), other=earlier[1])
                row.add_problem("record", _("Trùng"), message)
                return
            row.state = "unchanged"
            if earlier[2] == self.sheet:
                row.same_as = _("trùng dòng {row} của trang này").format(row=earlier[0])
            else:
                row.same_as = _("trùng {where}").format(where=self._where(earlier))
            return
        self.seen[key] = (row.row_number, value, self.sheet)
        if exists:
            row.state = "unchanged"
            row.same_as = _("đã có trong dữ liệu")


def _check_rating(
    ck: _Checker,
    row: HistoryRow,
    person: dict[str, Any] | None,
    department: dict[str, Any] | None,
    year: int | None,
    raw: object,
) -> None:
    """A person's rating, or a collective's own rating when the row names a collective."""
    rating = _rating(raw)
    if raw is None:
        ck.problem(row, "rating", _("chưa ghi xếp loại."))
    elif rating is None:
        ck.problem(
            row,
            "rating",
            _("“{value}” không hiểu; ghi HTXSNV, HTTNV, HTNV, KHTNV hoặc {choices}.").format(
                value=cell_text(raw), choices=_choices(codes.RATINGS)
            ),
        )
    if (person is None and department is None) or year is None or rating is None or row.problems:
        return
    row.what = f"{year}: {rating}"
    notes = row.values.get("notes", "")
    if department is not None:
        row.record = {"department_id": department["id"], "year": year, "rating": rating, "notes": notes}
        old = ck.known.collective_ratings.get((department["id"], year))
        key: tuple[Any, ...] = ("collective", department["id"], year)
    else:
        assert person is not None
        row.record = {"staff_id": person["id"], "year": year, "rating": rating, "notes": notes}
        old = ck.known.ratings.get((person["id"], year))
        key = (person["id"], year)
    if old is not None and old != rating and key not in ck.seen:
        ck.seen[key] = (row.row_number, rating, ck.sheet)
        row.state = "update"
        row.old = old
        row.what = f"{year}: {old} → {rating}"
        return
    ck.settle(row, key, old == rating, rating)


def _ratings_rows(ck: _Checker, table: SourceTable, headers: list[object], wide: dict[int, int]) -> list[HistoryRow]:
    rows: list[HistoryRow] = []
    for number, cells in table.rows:
        if _is_blank(cells, ck.mapping, people=_WHO, extra=list(wide)):
            continue
        if not wide:
            row = ck.new_row(number, cells)
            rows.append(row)
            if row.problems:  # text that cannot be stored: nothing else is read from this row
                continue
            person, department = ck.subject(row, cells)
            year: int | None = None
            try:
                year = _year(_cell(cells, ck.mapping, "year"))
            except ValueError as exc:
                ck.problem(
                    row, "year", str(exc) if _cell(cells, ck.mapping, "year") is not None else _("chưa ghi năm.")
                )
            _check_rating(ck, row, person, department, year, _cell(cells, ck.mapping, "rating"))
            continue
        filled = [(i, y) for i, y in wide.items() if i < len(cells) and cells[i] not in (None, "")]
        if not filled:
            continue
        probe = ck.new_row(number, cells)
        if probe.problems:  # text that cannot be stored: nothing else is read from this row
            rows.append(probe)
            continue
        person, department = ck.subject(probe, cells)
        for index, year in sorted(filled, key=lambda pair: pair[1]):
            row = ck.new_row(number, cells)
            row.values["year"] = str(year)
            row.problems, row.fields = list(probe.problems), list(probe.fields)
            row.person, row.staff_code = probe.person, probe.staff_code
            raw = cells[index]
            known = len(row.problems)
            row.values["rating"] = ck.clean(row, "rating", cell_text(raw), cell_text(headers[index]))
            if len(row.problems) > known:  # the cell's text cannot be stored
                rows.append(row)
                continue
            if _rating(raw) is None:
                row.add_problem(
                    "rating",
                    cell_text(headers[index]),
                    _("“{value}” không hiểu; ghi HTXSNV, HTTNV, HTNV, KHTNV hoặc {choices}.").format(
                        value=cell_text(raw), choices=_choices(codes.RATINGS)
                    ),
                )
            else:
                _check_rating(ck, row, person, department, year, raw)
            rows.append(row)
    return rows


def _check_initiative(ck: _Checker, row: HistoryRow, cells: list[object], person: dict[str, Any] | None) -> None:
    title = row.values.get("title", "")
    if not title:
        ck.problem(row, "title", _("chưa ghi tên sáng kiến."))
    raw_level = _cell(cells, ck.mapping, "level")
    level = "co_so" if raw_level is None else _level(raw_level)
    if level is None:
        ck.problem(
            row,
            "level",
            _("“{value}” không hiểu; chọn một trong: {choices}.").format(
                value=cell_text(raw_level), choices=_choices(codes.INITIATIVE_LEVELS)
            ),
        )
    recognized = ck.date(row, cells, "recognized_on")
    if person is None or row.problems or level is None:
        return
    row.what = f"{title} ({_(codes.INITIATIVE_LEVELS[level])})"
    row.record = {
        "staff_id": person["id"],
        "title": title,
        "level": level,
        "recognized_on": recognized,
        "decision_no": row.values.get("decision_no", ""),
        "notes": row.values.get("notes", ""),
    }
    key = (person["id"], _key(title))
    ck.settle(row, key, key in ck.known.initiatives, key)


def _check_discipline(ck: _Checker, row: HistoryRow, cells: list[object], person: dict[str, Any] | None) -> None:
    raw_level = _cell(cells, ck.mapping, "level")
    level = _discipline(raw_level) if raw_level is not None else None
    if raw_level is None:
        ck.problem(row, "level", _("chưa ghi hình thức kỷ luật."))
    elif level is None:
        ck.problem(
            row,
            "level",
            _("“{value}” không hiểu; chọn một trong: {choices}.").format(
                value=cell_text(raw_level), choices=_choices(codes.DISCIPLINE_LEVELS)
            ),
        )
    start = ck.date(row, cells, "start_date")
    end = ck.date(row, cells, "end_date")
    raw_pending = _cell(cells, ck.mapping, "pending")
    pending = _bool(raw_pending)
    if pending is None:
        ck.problem(
            row,
            "pending",
            _("“{value}” không hiểu; ghi “x” nếu đang xem xét, để trống nếu đã quyết định.").format(
                value=cell_text(raw_pending)
            ),
        )
    if start is None and not pending and "start_date" not in row.fields:
        ck.problem(row, "start_date", _("chưa ghi ngày bắt đầu (chỉ được để trống khi đang xem xét)."))
    if start and end and end < start:
        ck.problem(
            row,
            "end_date",
            _("{end} trước ngày bắt đầu {start}.").format(end=format_date(end), start=format_date(start)),
        )
    if person is None or row.problems or level is None:
        return
    period = format_date(start) + (f" – {format_date(end)}" if end else "")
    row.what = f"{_(codes.DISCIPLINE_LEVELS[level])} {period}".strip()
    row.record = {
        "staff_id": person["id"],
        "level": level,
        "start_date": start,
        "end_date": end,
        "reason": row.values.get("reason", ""),
        "decision_no": row.values.get("decision_no", ""),
        "pending": bool(pending),
        "notes": row.values.get("notes", ""),
    }
    key = (person["id"], level, start.isoformat() if start else "")
    ck.settle(row, key, key in ck.known.discipline, key)


def _check_leave(ck: _Checker, row: HistoryRow, cells: list[object], person: dict[str, Any] | None) -> None:
    raw_kind = _cell(cells, ck.mapping, "kind")
    kind = _leave_kind(raw_kind) if raw_kind is not None else None
    if raw_kind is None:
        ck.problem(row, "kind", _("chưa ghi loại nghỉ."))
    elif kind is None:
        ck.problem(
            row,
            "kind",
            _("“{value}” không hiểu; chọn một trong: {choices}.").format(
                value=cell_text(raw_kind), choices=_choices(codes.LEAVE_KINDS)
            ),
        )
    start = ck.date(row, cells, "start_date")
    end = ck.date(row, cells, "end_date")
    for name, value in (("start_date", start), ("end_date", end)):
        if value is None and name not in row.fields:
            ck.problem(row, name, _("chưa ghi ngày."))
    if start and end and end < start:
        ck.problem(
            row,
            "end_date",
            _("{end} trước ngày bắt đầu {start}.").format(end=format_date(end), start=format_date(start)),
        )
    if person is None or row.problems or kind is None or start is None or end is None:
        return
    row.what = f"{_(codes.LEAVE_KINDS[kind])} {format_date(start)} – {format_date(end)}"
    row.record = {
        "staff_id": person["id"],
        "kind": kind,
        "start_date": start,
        "end_date": end,
        "counts_as_worked": codes.LEAVE_COUNTS_AS_WORKED.get(kind, False),
        "notes": row.values.get("notes", ""),
    }
    key = (person["id"], kind, start.isoformat())
    ck.settle(row, key, key in ck.known.leave, key)


def award_code(known: _Known, value: object) -> str | None:
    """The catalog code for a code ("CSTDCS"), a short name ("CSTĐCS") or a name, even with words after it."""
    key = _key(value)
    if not key:
        return None
    if key in known.award_names:
        return known.award_names[key]
    for name, code in known.award_prefixes:
        if " " in name and key.startswith(name + " "):
            return code
    return None


def award_source(known: _Known, issuer: str) -> str:
    """ "import" when the unit itself issued it, "above" otherwise (see the module docstring)."""
    key = _expand(_key(issuer))
    if key and ((known.unit_key and known.unit_key in key) or key in _OWN_ISSUERS):
        return "import"
    return "above"


def _awards_rows(ck: _Checker, table: SourceTable) -> list[HistoryRow]:
    rows: list[HistoryRow] = []
    for number, cells in table.rows:
        if _is_blank(cells, ck.mapping, people=_WHO):
            continue
        row = ck.new_row(number, cells)
        if row.problems:  # text that cannot be stored: nothing else is read from this row
            rows.append(row)
            continue
        collective_name = row.values.get("collective", "")
        person, department = ck.subject(row, cells)
        year: int | None = None
        raw_year = _cell(cells, ck.mapping, "year")
        try:
            year = _year(raw_year)
        except ValueError as exc:
            ck.problem(row, "year", str(exc) if raw_year is not None else _("chưa ghi năm."))
        raw_code = _cell(cells, ck.mapping, "code")
        code = award_code(ck.known, raw_code)
        if raw_code is None:
            ck.problem(row, "code", _("chưa ghi danh hiệu hoặc hình thức khen thưởng."))
        elif code is None:
            ck.problem(
                row,
                "code",
                _(
                    "“{value}” không có trong danh mục danh hiệu, hình thức khen thưởng "
                    "(ví dụ: LĐTT, CSTĐCS, Giấy khen, Bằng khen tỉnh)."
                ).format(value=cell_text(raw_code)),
            )
        target = "collective" if collective_name else "individual"
        item = ck.known.pack.item(code) if code else None
        if item is not None and target not in item.targets:
            ck.problem(
                row,
                "code",
                _("{award} không dùng để khen {target}.").format(award=item.label, target=_(_TARGET_LABELS[target])),
            )
        decision_date = ck.date(row, cells, "decision_date")
        if (person is None and department is None) or row.problems or item is None or year is None:
            rows.append(row)
            continue
        category = "title" if item.is_title else "award_form"
        issuer = row.values.get("issuer", "")
        source = award_source(ck.known, issuer)
        kind_label = _("danh hiệu") if item.is_title else _("hình thức khen thưởng")
        row.what = f"{year}: {item.label} ({kind_label})"
        row.record = {
            "target_kind": target,
            "staff_id": person["id"] if person else None,
            "department_id": department["id"] if department else None,
            "year": year,
            "code": item.code,
            "category": category,
            "source": source,
            "decision_no": row.values.get("decision_no", ""),
            "decision_date": decision_date,
            "issuer": issuer,
            "notes": row.values.get("notes", ""),
        }
        owner = person["id"] if person else department["id"] if department else None
        key = (target, owner, item.code, year)
        ck.settle(row, key, key in ck.known.awards, key)
        rows.append(row)
    return rows


def _is_blank(
    cells: list[object],
    mapping: dict[str, int],
    *,
    people: tuple[str, ...] = ("staff_code", "full_name"),
    extra: list[int] | None = None,
) -> bool:
    """No person and at most one other value: blank lines, totals, signatures under the table."""
    if any(_cell(cells, mapping, name) is not None for name in people):
        return False
    columns = [*mapping.values(), *(extra or [])]
    filled = sum(1 for i in columns if i < len(cells) and cells[i] not in (None, ""))
    return filled <= 1


_ROW_CHECKS: dict[str, Callable[[_Checker, HistoryRow, list[object], dict[str, Any] | None], None]] = {
    "initiatives": _check_initiative,
    "discipline": _check_discipline,
    "leave": _check_leave,
}


def _preview_sheet(known: _Known, kind: str, table: SourceTable, raw_headers: list[object]) -> SheetPreview:
    mapping = guess_mapping(kind, table.headers)
    wide = year_columns(raw_headers) if kind in _RATING_KINDS else {}
    layout = "wide" if wide and "rating" not in mapping else "long"
    if layout == "long":
        wide = {}
    sheet = SheetPreview(kind=kind, table=table, mapping=mapping, rows=[], layout=layout)
    if not table.headers:
        return sheet
    duplicates = duplicate_columns(kind, table.headers)
    if duplicates:
        from desktop.ops.staff_import import column_name

        named = "; ".join(
            _("“{field}” ở {columns}").format(
                field=_label(kind, name),
                columns=_(" và ").join(
                    _("cột {column} ({header})").format(column=column_name(i), header=table.headers[i])
                    for i in columns
                ),
            )
            for name, columns in duplicates.items()
        )
        sheet.problems.append(
            _(
                "Trang “{sheet}”: dòng tiêu đề (dòng {row}) có hai cột cùng tên: {columns}; trang này không được "
                "nhập. Hãy xóa hoặc đổi tên cột thừa."
            ).format(sheet=table.sheet, row=table.header_row, columns=named)
        )
        return sheet
    people = _WHO if "collective" in SHEET_FIELDS[kind] else ("staff_code", "full_name")
    missing = [] if layout == "wide" else [n for n in REQUIRED_FIELDS[kind] if n not in mapping]
    if not any(n in mapping for n in people):
        missing.insert(0, "collective" if kind == "collective_ratings" else "full_name")
    if missing:
        names = ", ".join(f"“{_label(kind, n)}”" for n in missing)
        if kind in _RATING_KINDS and not wide:
            names += " " + _("(hoặc mỗi năm một cột: 2022, 2023, …)")
        sheet.problems.append(
            _(
                "Trang “{sheet}”: không tìm thấy cột {names} ở dòng tiêu đề (dòng {row}); trang này không được nhập."
            ).format(sheet=table.sheet, names=names, row=table.header_row)
        )
        return sheet
    ck = _Checker(known, kind, table.sheet, mapping)
    if kind in _RATING_KINDS:
        sheet.rows = _ratings_rows(ck, table, raw_headers, wide)
    elif kind == "awards":
        sheet.rows = _awards_rows(ck, table)
    else:
        check = _ROW_CHECKS[kind]
        for number, cells in table.rows:
            if _is_blank(cells, mapping):
                continue
            row = ck.new_row(number, cells)
            sheet.rows.append(row)
            if row.problems:  # text that cannot be stored: nothing else is read from this row
                continue
            person = ck.person(row, cells)
            if person is not None:
                ck.set_person(row, person)
            check(ck, row, cells, person)
    return sheet


def _load_pack() -> Any:
    from desktop.domain.rules import RulePackError, load_default_pack

    try:
        return load_default_pack()
    except RulePackError as exc:
        raise ImportFileError(
            _("Không đọc được bộ quy tắc (danh mục danh hiệu): {reason}").format(reason=exc)
        ) from None


def preview_history(store: Store, source: Path | HistorySource, *, pack: Any = None) -> HistoryPreview:
    """Check every sheet against the staff list, the records already there and the rule pack; writes nothing."""
    workbook = source if isinstance(source, HistorySource) else read_workbook(Path(source))
    known = _Known(store, pack if pack is not None else _load_pack())
    sheets = [
        _preview_sheet(known, kind, workbook.tables[kind], workbook.raw_headers.get(kind, []))
        for kind in KINDS
        if kind in workbook.tables
    ]
    return HistoryPreview(
        path=workbook.path,
        sheets=sheets,
        ignored_sheets=list(workbook.ignored_sheets),
        hidden_sheets=list(workbook.hidden_sheets),
    )


# -- writing ------------------------------------------------------------------------------------------


def _write(store: Store, row: HistoryRow) -> None:
    from desktop.store import awards_repo, staff_repo

    record = dict(row.record or {})
    if row.kind in _RATING_KINDS and "department_id" in record:
        awards_repo.set_collective_rating(
            store, record["department_id"], record["year"], record["rating"], record["notes"]
        )
    elif row.kind in _RATING_KINDS:
        staff_repo.set_rating(store, record["staff_id"], record["year"], record["rating"], record["notes"])
    elif row.kind == "initiatives":
        staff_repo.add_initiative(store, record.pop("staff_id"), **record)
    elif row.kind == "discipline":
        staff_repo.add_discipline(store, record.pop("staff_id"), **record)
    elif row.kind == "leave":
        staff_repo.add_leave(store, record.pop("staff_id"), **record)
    elif row.kind == "awards":
        awards_repo.add_award(store, **record)
    else:  # pragma: no cover - kinds are fixed above
        raise ValueError(row.kind)


def apply_history(
    store: Store,
    preview: HistoryPreview,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Write the new and changed rows of every sheet in one transaction; cancelling writes nothing."""
    good = preview.good_rows()
    total = len(good)
    written = {"inserted": 0, "updated": 0}
    with store.transaction(operation="history.import"):
        for done, row in enumerate(good, start=1):
            if done == total // 2 + 1:
                pause_point("history.import")  # test hook: half the rows written, transaction open
            if should_cancel is not None and should_cancel():
                raise ImportCancelled(_("Đã dừng nhập; không có dòng lịch sử nào được ghi."))
            _write(store, row)
            written["updated" if row.status == "update" else "inserted"] += 1
            if progress is not None and (done % 50 == 0 or done == total):
                progress(done, total)
    return written


# -- the report ---------------------------------------------------------------------------------------


@dataclass
class HistoryImportReport:
    ok: bool
    dry_run: bool
    inserted: int
    updated: int
    preview: HistoryPreview

    def as_json(self) -> dict[str, Any]:
        preview = self.preview
        return {
            "ok": self.ok,
            "file": str(preview.path),
            "dry_run": self.dry_run,
            "inserted": self.inserted,
            "updated": self.updated,
            "counts": preview.counts,
            "sheets": [
                {
                    "kind": sheet.kind,
                    "sheet": sheet.sheet,
                    "header_row": sheet.table.header_row,
                    "layout": sheet.layout,
                    "counts": sheet.counts,
                    "problems": list(sheet.problems),
                    "encoding_note": sheet.table.encoding_note,
                }
                for sheet in preview.sheets
            ],
            "missing_sheets": preview.missing,
            "ignored_sheets": list(preview.ignored_sheets),
            "hidden_sheets": list(preview.hidden_sheets),
            "rows": [
                {
                    "kind": row.kind,
                    "sheet": row.sheet,
                    "row": row.row_number,
                    "status": row.status,
                    "person": row.person,
                    "staff_code": row.staff_code,
                    "what": row.what,
                    "old": row.old,
                    "same_as": row.same_as,
                    "problems": list(row.problems),
                    "fields": list(row.fields),
                }
                for row in preview.rows
                if row.status != "new"
            ],
        }

    def problem_lines(self) -> list[str]:
        name = self.preview.path.name
        lines: list[str] = []
        for sheet in self.preview.sheets:
            lines += [_("{file}: {message}").format(file=name, message=m) for m in sheet.problems]
            for row in sheet.rows:
                for message in row.problems:
                    lines.append(
                        _("{file}, trang “{sheet}”, dòng {row}: {message}").format(
                            file=name, sheet=sheet.sheet, row=row.row_number, message=message
                        )
                    )
        return lines

    def summary(self) -> str:
        counts = self.preview.counts
        name = self.preview.path.name
        if self.dry_run:
            text = _(
                "Chạy thử tệp {file}: {new} dòng mới, {update} dòng sửa, {unchanged} dòng đã có, {error} dòng lỗi; "
                "chưa ghi gì vào cơ sở dữ liệu."
            ).format(file=name, **{k: counts[k] for k in ("new", "update", "unchanged", "error")})
        else:
            text = _(
                "Đã nhập lịch sử thi đua từ tệp {file}: thêm {inserted} dòng, sửa {updated} dòng; "
                "bỏ qua {unchanged} dòng đã có và {error} dòng lỗi."
            ).format(
                file=name,
                inserted=self.inserted,
                updated=self.updated,
                unchanged=counts["unchanged"],
                error=counts["error"],
            )
        missing = self.preview.missing
        if missing:
            text += " " + _("Không có trang: {sheets}.").format(sheets=", ".join(_(SHEET_LABELS[k]) for k in missing))
        note = self.preview.encoding_note
        return f"{text} {note}." if note else text


def import_history_file(
    store: Store, path: Path, *, dry_run: bool = False, pack: Any = None
) -> HistoryImportReport:
    """Read, check and (unless a dry run) write the good rows. Raises ImportFileError if unreadable."""
    preview = preview_history(store, Path(path), pack=pack)
    written = {"inserted": 0, "updated": 0} if dry_run else apply_history(store, preview)
    return HistoryImportReport(
        ok=True, dry_run=dry_run, inserted=written["inserted"], updated=written["updated"], preview=preview
    )


__all__ = [
    "KINDS",
    "SHEET_FIELDS",
    "SHEET_LABELS",
    "HistoryImportReport",
    "HistoryPreview",
    "HistoryRow",
    "HistorySource",
    "ImportCancelled",
    "ImportFileError",
    "SheetPreview",
    "apply_history",
    "award_code",
    "award_source",
    "duplicate_columns",
    "guess_mapping",
    "import_history_file",
    "preview_history",
    "read_workbook",
    "sheet_kind",
    "year_columns",
]
