"""Checking one row: its text, who it is about (a person or a collective), and duplicates within the file."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from datetime import date as Day  # the type, in the class whose method date() reads one
from typing import Any

from desktop.documents.spreadsheet import cell_text
from desktop.domain.dates import DateError, format_date, parse_date
from desktop.domain.text import TEXT_MAX_LENGTH, InputTextError, clean_input, fold, name_key, nfc, visible_text
from desktop.i18n import _
from desktop.ops.history_import.cells import _cell, _choices
from desktop.ops.history_import.fields import (
    _RATING_KINDS,
    COMMON_FIELDS,
    FIRST_YEAR,
    SHEET_FIELDS,
    TEXT_LIMITS,
    _label,
)
from desktop.ops.history_import.known import _Known
from desktop.ops.history_import.preview import HistoryRow
from desktop.ops.staff_import import cell_problem, hidden_row_problem
from desktop.ops.staff_same_people import born_as_written as born_the_same


def _same_name(written: str, person: dict[str, Any]) -> bool:
    """Whether a name written in the file is this person's: letter for letter with its marks (case ignored), or,
    for a name written wholly without marks ("DO HUU CHU", an old register typed without accents), letter for
    letter once the marks are taken off the stored name too. The old and new placement of a tone mark ("Thuỷ",
    "Thủy"; "Hoà", "Hòa") is one name; a name with marks that differ otherwise is another name."""
    text = nfc(written)
    if text.isascii():
        return fold(text) == fold(person["full_name"])
    return name_key(text) == name_key(person["full_name"])  # "Thuỷ" is "Thủy", as the staff import holds


class _Checker:
    def __init__(
        self,
        known: _Known,
        kind: str,
        sheet: str,
        mapping: dict[str, int],
        hidden_rows: set[int] | None = None,
        *,
        epoch_1904: bool = False,
    ) -> None:
        self.known = known
        self.epoch_1904 = epoch_1904
        self.hidden_rows = hidden_rows or set()
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
        if number in self.hidden_rows:  # what the clerk does not see is never written, as for hidden sheets
            row.problems.append(hidden_row_problem())
        for name, index in self.mapping.items():  # #N/A, TRUE, a formula never calculated: the cell named
            if index < len(cells) and (found := cell_problem(cells[index], index, number, yes_no=name == "pending")):
                row.add_problem(name, _label(self.kind, name), found)
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

    def date(self, row: HistoryRow, cells: list[object], name: str, *, past: bool = False) -> date | None:
        """The date of a cell; with ``past``, a date after today is a problem (a decision or a recognition in
        the history has happened already: a later one is a typing slip, e.g. 2031 for 2013). A date before
        :data:`FIRST_YEAR` is refused as its years are: the history begins then (a leave from 1950 is a slip)."""
        try:
            value = parse_date(_cell(cells, self.mapping, name), epoch_1904=self.epoch_1904)
        except DateError as exc:
            self.problem(row, name, str(exc))
            return None
        if value is not None and value.year < FIRST_YEAR:
            self.problem(
                row,
                name,
                _("ngày {day} có trước năm {first}, năm đầu tiên của lịch sử thi đua; hãy xem lại ngày.").format(
                    day=format_date(value), first=FIRST_YEAR
                ),
            )
            return None
        if past and value is not None and value > date.today():
            self.problem(row, name, _("{day} là ngày chưa đến.").format(day=format_date(value)))
            return None
        return value

    def coded(
        self,
        row: HistoryRow,
        cells: list[object],
        name: str,
        parse: Callable[[object], str | None],
        choices: dict[str, str],
        *,
        missing: str = "",
        default: str | None = None,
    ) -> str | None:
        """The code a cell names: ``default`` for an empty cell (with the problem ``missing`` when one is given),
        None with the problem "not understood, choose one of …" for a value ``parse`` does not know."""
        raw = _cell(cells, self.mapping, name)
        if raw is None:
            if missing:
                self.problem(row, name, missing)
            return default
        code = parse(raw)
        if code is None:
            self.problem(
                row,
                name,
                _("“{value}” không hiểu; chọn một trong: {choices}.").format(
                    value=cell_text(raw), choices=_choices(choices)
                ),
            )
        return code

    def after_birth(
        self,
        row: HistoryRow,
        person: dict[str, Any] | None,
        name: str,
        *,
        year: int | None = None,
        day: Day | None = None,
        label: str | None = None,
    ) -> None:
        """A person's record dated before the person was born (a year before the birth year, a date before the
        birth date) is a typing slip in the year or date, or another person's row: the field named, with the birth
        date recorded."""
        if person is None or not person["birth_date"]:
            return
        birth = Day.fromisoformat(str(person["birth_date"])[:10])
        if year is not None and year < birth.year:
            message = _("năm {year} có trước năm sinh của {name} (sinh ngày {birth}); hãy xem lại năm.")
        elif day is not None and day < birth:
            message = _("ngày {day} có trước ngày sinh của {name} (sinh ngày {birth}); hãy xem lại ngày.")
        else:
            return
        text = message.format(
            year=year, day=format_date(day) if day else "", name=person["full_name"], birth=format_date(birth)
        )
        row.add_problem(name, label or _label(self.kind, name), text)

    def end_after_start(self, row: HistoryRow, start: Day | None, end: Day | None) -> None:
        if start and end and end < start:
            self.problem(
                row,
                "end_date",
                _("{end} trước ngày bắt đầu {start}.").format(end=format_date(end), start=format_date(start)),
            )

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
                    parsed = parse_date(birth_raw, epoch_1904=self.epoch_1904)
                    birth_iso = parsed.isoformat() if parsed else ""
                except DateError as exc:
                    self.problem(row, "birth_date", str(exc))
                    return None

        def born_as_written(person: dict[str, Any]) -> bool:
            return born_the_same(person["birth_date"] or "", birth_iso or birth_year, year_only=not birth_iso)

        if code:
            person = self.known.by_code.get(code)
            if person is None:
                self.problem(row, "staff_code", _("“{code}” không có trong danh sách cán bộ.").format(code=code))
                return None
            if name and not _same_name(name, person):
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
        alike = self.known.by_name.get(fold(name), [])
        same_name = [p for p in alike if _same_name(name, p)]
        if alike and not same_name:  # "Đỗ Thị Hồng Anh" is not "Đỗ Thị Hồng Ánh": never a rating for the other one
            others = ", ".join(f"“{p['full_name']}” ({p['staff_code']})" for p in alike)
            self.problem(
                row,
                "full_name",
                _(
                    "không có cán bộ “{name}”; chỉ có {others}, khác dấu. Nếu đúng là người đó, hãy sửa tên "
                    "trong tệp cho đúng dấu."
                ).format(name=name, others=others),
            )
            return None
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
                _("“{name}” đã thôi công tác; cần thêm ngày sinh hoặc mã cán bộ để chắc đúng người.").format(name=name),
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
            department = self.known.department(collective_name)
            alike = [] if department else [n for n in self.known.department_names if fold(n) == fold(collective_name)]
            if len(alike) > 1:
                names = ", ".join(f"“{name}”" for name in alike)
                self.problem(
                    row,
                    "collective",
                    _("“{name}” bỏ dấu thì giống tên {count} tập thể ({names}); hãy ghi đúng dấu.").format(
                        name=collective_name, count=len(alike), names=names
                    ),
                )
                return None, None
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
        row.key = key
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
