"""Checking every sheet of a workbook, row by row, into a :class:`HistoryPreview`; nothing is written here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from desktop.documents.spreadsheet import cell_text
from desktop.domain import codes
from desktop.domain.dates import format_date
from desktop.domain.rules import RulePackError
from desktop.i18n import _
from desktop.ops.collectives import collective_absence_problem
from desktop.ops.history_import.cells import (
    _bool,
    _cell,
    _choices,
    _discipline,
    _is_blank,
    _leave_kind,
    _level,
    _rating,
    _year,
)
from desktop.ops.history_import.checker import _Checker
from desktop.ops.history_import.corrections import settle_record
from desktop.ops.history_import.fields import (
    _NUMBERS,
    _RATING_KINDS,
    _WHO,
    _YEAR_NUMBER,
    KINDS,
    REQUIRED_FIELDS,
    SHEET_FIELDS,
    _key,
    _label,
)
from desktop.ops.history_import.known import (
    _Known,
    award_code,
    award_key,
    award_source,
    decision_identity,
    kind_of_collective_problem,
    law_of_date_problem,
    locked_rating_message,
    own_issuer_problem,
    same_decision,
)
from desktop.ops.history_import.preview import HistoryPreview, HistoryRow, SheetPreview
from desktop.ops.history_import.reading import (
    HistorySource,
    duplicate_columns,
    guess_mapping,
    read_workbook,
    year_columns,
)
from desktop.ops.staff_import import ImportFileError, SourceTable, cell_problem, hidden_columns_message
from desktop.ops.staff_import_table import column_name
from desktop.store import Store, rules_repo


def _check_rating(
    ck: _Checker,
    row: HistoryRow,
    person: dict[str, Any] | None,
    department: dict[str, Any] | None,
    year: int | None,
    raw: object,
    year_label: str | None = None,
) -> None:
    """A person's rating, or a collective's own rating when the row names a collective. ``year_label``: the column
    the year comes from (a wide sheet's year column), named in a problem with the year."""
    ck.after_birth(row, person, "year", year=year, label=year_label)
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
    # a collective stopped on or before 31/12 of the year was no collective of it: the window refuses it the same way
    absent = (
        collective_absence_problem(ck.known.store, department_id=department["id"], year=year)
        if (department is not None and year is not None)
        else ""
    )
    if absent:
        row.add_problem("year", year_label or _label(ck.kind, "year"), absent)
    if (person is None and department is None) or year is None or rating is None or row.problems:
        return
    row.what = f"{year}: {rating}"
    # None without a "Ghi chú" column (the wide layout, a list of ratings alone): the stored notes stay as they are
    notes = row.values.get("notes", "") if "notes" in ck.mapping else None
    if department is not None:
        row.record = {"department_id": department["id"], "year": year, "rating": rating, "notes": notes}
        key: tuple[Any, ...] = ("collective", department["id"], year)
    else:
        assert person is not None
        row.record = {"staff_id": person["id"], "year": year, "rating": rating, "notes": notes}
        key = (person["id"], year)
    row.key = key
    old = ck.known.existing.rating(key)
    lock = ck.known.existing.lock(key) if old is not None and old != rating else None
    if lock is not None:  # a decision in force or a dossier sent up rests on the stored rating
        ck.problem(row, "rating", locked_rating_message(lock, row))
        return
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
            bad = cell_problem(raw, index, number)
            if bad:  # "#N/A" in a year's column: the cell named
                row.add_problem("rating", cell_text(headers[index]), bad)
                rows.append(row)
                continue
            try:  # the column's year, as the long layout's Năm is read: not one to come, not before the first
                _year(year)
            except ValueError as exc:
                row.add_problem("year", cell_text(headers[index]), str(exc))
                rows.append(row)
                continue
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
                _check_rating(ck, row, person, department, year, raw, cell_text(headers[index]))
            rows.append(row)
    return rows


def _check_initiative(ck: _Checker, row: HistoryRow, cells: list[object], person: dict[str, Any] | None) -> None:
    title = row.values.get("title", "")
    if not title:
        ck.problem(row, "title", _("chưa ghi tên sáng kiến."))
    level = ck.coded(row, cells, "level", _level, codes.INITIATIVE_LEVELS, default="co_so")
    recognized = ck.date(row, cells, "recognized_on", past=True)
    ck.after_birth(row, person, "recognized_on", day=recognized)
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
    settle_record(ck, row, "initiatives", key)


def _check_discipline(ck: _Checker, row: HistoryRow, cells: list[object], person: dict[str, Any] | None) -> None:
    missing = _("chưa ghi hình thức kỷ luật.")
    level = ck.coded(row, cells, "level", _discipline, codes.DISCIPLINE_LEVELS, missing=missing)
    start = ck.date(row, cells, "start_date")
    end = ck.date(row, cells, "end_date")
    ck.after_birth(row, person, "start_date", day=start)
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
    ck.end_after_start(row, start, end)
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
    settle_record(ck, row, "discipline", key)


def _check_leave(ck: _Checker, row: HistoryRow, cells: list[object], person: dict[str, Any] | None) -> None:
    kind = ck.coded(row, cells, "kind", _leave_kind, codes.LEAVE_KINDS, missing=_("chưa ghi loại nghỉ."))
    start = ck.date(row, cells, "start_date")
    end = ck.date(row, cells, "end_date")
    for name, value in (("start_date", start), ("end_date", end)):
        if value is None and name not in row.fields:
            ck.problem(row, name, _("chưa ghi ngày."))
    ck.after_birth(row, person, "start_date", day=start)
    ck.end_after_start(row, start, end)
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
    settle_record(ck, row, "leave", key)


def _one_day_per_number(
    ck: _Checker,
    row: HistoryRow,
    numbers: dict[tuple[str, str, int], tuple[str, int]],
    number: int,
    issuer: str,
    day: date | None,
) -> None:
    """One decision number of one issuer and year is one document with one signing day: the same number with
    another day of that year, in this sheet or in the register, is a typing slip the registers would print twice
    over. Numbers start again at 01 every year (NĐ 30/2020/NĐ-CP, Phụ lục I), so "5/QĐ-UBND" of 2023 and of 2024
    are two documents. The issuer and number are compared as :func:`award_key` compares them
    (:func:`decision_identity`): the unit itself however written. The unit's own decision is checked against its
    number book too (:meth:`NumberBook.problem`)."""
    decision_no = row.values.get("decision_no", "")
    if not decision_no or day is None:
        return
    if award_source(ck.known, issuer) == "import" and (taken := ck.known.number_book.problem(decision_no, day)):
        ck.problem(row, "decision_no", taken)
        return
    key = (*decision_identity(issuer, decision_no, ck.known.unit_key), day.year)
    seen = numbers.setdefault(key, (day.isoformat(), number))
    if seen[0] != day.isoformat():
        ck.problem(
            row,
            "decision_date",
            _("quyết định {number} đã ghi ngày {other} ở dòng {row}; một số quyết định chỉ có một ngày ký.").format(
                number=decision_no, other=format_date(seen[0]), row=seen[1]
            ),
        )
        return
    stored = ck.known.decision_days.get(key)
    if stored and stored != day.isoformat():
        ck.problem(
            row,
            "decision_date",
            _(
                "quyết định {number} đã có trong sổ khen thưởng với ngày ký {other}; một số quyết định chỉ có một "
                "ngày ký."
            ).format(number=decision_no, other=format_date(stored)),
        )


def _awards_rows(ck: _Checker, table: SourceTable) -> list[HistoryRow]:
    rows: list[HistoryRow] = []
    numbers: dict[tuple[str, str, int], tuple[str, int]] = {}  # (issuer, number, year) → (day, row) in this sheet
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
                _("{award} không dùng để khen {target}.").format(
                    award=item.label, target=_(codes.TARGET_WORDS[target])
                ),
            )
        decision_date = ck.date(row, cells, "decision_date", past=True)
        ck.after_birth(row, person, "year", year=year)
        ck.after_birth(row, person, "decision_date", day=decision_date)
        if (
            item is not None
            and decision_date is not None
            and (unlawful := law_of_date_problem(ck.known, item.code, decision_date))
        ):
            ck.problem(row, "code", unlawful)
        elif (
            item is not None
            and decision_date is not None
            and award_source(ck.known, row.values.get("issuer", "")) == "import"
            and (not_ours := own_issuer_problem(ck.known, item.code, decision_date))
        ):
            ck.problem(row, "issuer", not_ours)
        if decision_date is not None and year is not None and decision_date.year < year:
            ck.problem(
                row,
                "decision_date",
                _("quyết định ngày {day} có trước năm {year} được khen; hãy xem lại năm hoặc ngày.").format(
                    day=format_date(decision_date), year=year
                ),
            )
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
        if kind_problem := kind_of_collective_problem(ck.known.store, ck.known.pack, row.record):
            ck.problem(row, "collective", kind_problem)  # Thôn văn hóa to an office: never written
        _one_day_per_number(ck, row, numbers, number, issuer, decision_date)
        owner = person["id"] if person else department["id"] if department else None
        number_text = row.values.get("decision_no", "")
        key = award_key(target, owner, item.code, year, category, issuer, number_text, ck.known.unit_key)
        _settle_award(ck, row, key, decision_date)
        rows.append(row)
    return rows


def _settle_award(ck: _Checker, row: HistoryRow, key: tuple[Any, ...], day: date | None = None) -> None:
    """new or unchanged (:func:`award_key`: a title once a year, an award form once a decision). An award form
    without a number is the same as any of its code and year, stored or in the sheet; one with a number may be the
    same as one without a number, stored or an earlier row (each taken once), and one without an issuer is the one
    of its number and day from any issuer (:func:`same_decision`). The order of the rows never changes what is
    written: of two rows of one award form, the one with the number (and the issuer) is the one written."""
    taken_over: HistoryRow | None = None  # an earlier new row of this decision that left the issuer blank
    if len(key) == 6 and key not in ck.seen and not row.problems:
        match = _same_form_in_file(ck, key, day)
        if match is not None and key[4] and not match[0] and match[3].status == "new":
            taken_over = match[3]
        elif match is not None:
            key = match[2]
    found = "" if key in ck.seen or row.problems else ck.known.existing.award_recorded(key, claim=True, day=day)
    ck.settle(row, key, bool(found), key)
    if found == "unnumbered" and row.state == "unchanged":
        row.same_as = _("đã có trong dữ liệu (ghi không có số quyết định)")
    if row.problems:
        return
    if len(key) == 5 and row.state == "new":  # no number, nothing like it yet: a later numbered row may take it
        ck.known.open_unnumbered[key[:4]].append(row)
    if len(key) != 6:
        return
    wildcard = (*key[:4], None)
    if row.state == "new" and taken_over is not None:
        # this row names the issuer the earlier one left blank: it is the one written, as when it comes first
        _becomes_duplicate(ck, taken_over, row, _("trùng dòng {row} của trang này (dòng đó ghi cơ quan ban hành)"))
        ck.seen[wildcard] = (row.row_number, wildcard, ck.sheet)
    elif row.state == "new" and ck.known.open_unnumbered[key[:4]]:
        # an earlier row of this award form without a number is this one: the numbered row is the one written,
        # as when it comes first, and the row without a number becomes its duplicate (each taken once)
        earlier = ck.known.open_unnumbered[key[:4]].pop(0)
        _becomes_duplicate(ck, earlier, row, _("trùng dòng {row} của trang này (dòng đó có số quyết định)"))
        ck.seen[wildcard] = (row.row_number, wildcard, ck.sheet)
    ck.seen.setdefault(wildcard, (row.row_number, wildcard, ck.sheet))  # a later row without a number is this one
    ck.known.file_forms[(*key[:4], key[5])].append((key[4], day.isoformat() if day else "", key, row))


def _becomes_duplicate(ck: _Checker, earlier: HistoryRow, row: HistoryRow, message: str) -> None:
    """An earlier new row is the award of ``row``, which tells more of it: the earlier one is not written, and a
    later row like it is a duplicate of ``row``."""
    earlier.state = "unchanged"
    earlier.same_as = message.format(row=row.row_number)
    ck.seen[earlier.key] = (row.row_number, earlier.key, ck.sheet)


def _same_form_in_file(
    ck: _Checker, key: tuple[Any, ...], day: date | None
) -> tuple[str, str, tuple[Any, ...], HistoryRow] | None:
    """An earlier row of the sheet that is this award form's decision although the issuers are not written alike
    (one of them blank, :func:`same_decision`): (its issuer, day, key, row), or None."""
    for earlier in ck.known.file_forms.get((*key[:4], key[5]), []):
        if same_decision(key[4], day, earlier[0], earlier[1]):
            return earlier
    return None


_ROW_CHECKS: dict[str, Callable[[_Checker, HistoryRow, list[object], dict[str, Any] | None], None]] = {
    "initiatives": _check_initiative,
    "discipline": _check_discipline,
    "leave": _check_leave,
}


def _preview_sheet(known: _Known, kind: str, table: SourceTable, raw_headers: list[object]) -> SheetPreview:
    mapping = guess_mapping(kind, table.headers)
    wide = year_columns(raw_headers) if kind in _RATING_KINDS else {}
    wide = {index: year for index, year in wide.items() if index not in mapping.values()}  # "Ghi chú 2024": notes
    layout = "wide" if wide and "rating" not in mapping else "long"
    if layout == "long":
        wide = {}
    sheet = SheetPreview(kind=kind, table=table, mapping=mapping, rows=[], layout=layout)
    if not table.headers:
        return sheet
    duplicates = duplicate_columns(kind, table.headers)
    if duplicates:
        named = "; ".join(
            _("“{field}” ở {columns}").format(
                field=_label(kind, name),
                columns=_(" và ").join(
                    _("cột {column} ({header})").format(column=column_name(i), header=table.headers[i]) for i in columns
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
    hidden = hidden_columns_message(table, [*mapping.values(), *wide])
    if hidden:
        sheet.problems.append(
            _(
                "Trang “{sheet}”: {columns}; trang này không được nhập. Hãy hiện cột (hoặc xóa cột) trong Excel rồi "
                "nhập lại."
            ).format(sheet=table.sheet, columns=hidden)
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
    unread = _unread_columns(table, {*mapping.values(), *wide}) if kind in _RATING_KINDS else []
    if unread:
        named = ", ".join(
            _("cột {column} ({header})").format(
                column=column_name(i), header=table.headers[i] if i < len(table.headers) else ""
            )
            for i in unread
        )
        sheet.problems.append(
            _(
                "Trang “{sheet}”: {columns} có xếp loại hoặc có năm ở tiêu đề nhưng không đọc được là cột nào (tiêu "
                "đề cột năm phải ghi rõ một năm, ví dụ “2024” hoặc “Năm 2024”); trang này không được nhập, để không "
                "bỏ sót xếp loại nào. Hãy sửa tiêu đề cột hoặc xóa cột rồi nhập lại."
            ).format(sheet=table.sheet, columns=named)
        )
        return sheet
    ck = _Checker(known, kind, table.sheet, mapping, table.hidden_rows, epoch_1904=table.epoch_1904)
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


def _unread_columns(table: SourceTable, used: set[int]) -> list[int]:
    """The visible columns of a ratings sheet read as no field and no year though they hold a rating, or are headed
    with a year ("XL 2023-2024", or "2024" beside "Năm" and "Xếp loại"): their ratings would be left out without a
    word. Other columns the sheet does not use ("TT", "Chức vụ") are left alone."""
    found: list[int] = []
    width = max((len(cells) for _number, cells in table.rows), default=0)
    for index in range(width):
        if index in used or index in table.hidden_columns:
            continue
        values = [
            cells[index]
            for number, cells in table.rows
            if index < len(cells) and cells[index] not in (None, "") and number not in table.hidden_rows
        ]
        header = _key(table.headers[index]) if index < len(table.headers) else ""
        yearly = any(_YEAR_NUMBER.fullmatch(n) for n in _NUMBERS.findall(header))
        if values and (yearly or any(_rating(value) is not None for value in values)):
            found.append(index)
    return found


def _load_pack(store: Store) -> Any:
    """The law of this database: the national pack with the province's and the unit's overrides (a province award
    form, a delegation), as the review uses it."""
    try:
        return rules_repo.effective_pack(store)
    except RulePackError as exc:
        raise ImportFileError(
            _("Không đọc được bộ quy tắc (danh mục danh hiệu): {reason}").format(reason=exc)
        ) from None


def preview_history(store: Store, source: Path | HistorySource, *, pack: Any = None) -> HistoryPreview:
    """Check every sheet against the staff list, the records already there and the rule pack; writes nothing."""
    workbook = source if isinstance(source, HistorySource) else read_workbook(Path(source))
    known = _Known(store, pack if pack is not None else _load_pack(store))
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
