"""Decision numbers: the unit's own series (one counter per series key and year), gaps recorded with a reason.

A number is taken inside the same ``BEGIN IMMEDIATE`` transaction that writes the decision, so two clerks never get
the same number and a number is never reused.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from desktop.domain.decision_number import decision_number_key
from desktop.domain.series_key import series_key, series_look_alike_key
from desktop.domain.text import InputTextError
from desktop.i18n import _
from desktop.ops.common import check_year, require_text
from desktop.ops.review.common import DEFAULT_SERIES
from desktop.store import Store, ValidationError, now_iso
from desktop.store.audit import record_event
from desktop.store.db import Where
from desktop.store.review_repo import HELD_DAY_SQL


def _stored_key(key: str) -> str:
    """A key as stored, read as :func:`clean_series_key` reads what is typed: a version before 10 kept "Qđ-UBND"
    as typed, which is the same book as "QĐ-UBND"."""
    try:
        return clean_series_key(key)
    except ValidationError:
        return key


def _same_series_ids(store: Store, key: str, year: int) -> list[int]:
    """The rows of book ``key`` (cleaned) for ``year``: the one stored so, else those stored as an older version
    typed it (there may be two, "Qđ-UBND" and "QĐ-UBND"); the exact one first."""
    rows = store.query("SELECT id, key FROM number_series WHERE year = ? ORDER BY id", (year,))
    same = [(row["key"] != key, int(row["id"])) for row in rows if _stored_key(str(row["key"])) == key]
    return [row_id for _inexact, row_id in sorted(same)]


def _series_rows(store: Store, key: str, year: int) -> list[int]:
    """The book's rows for ``year`` (:func:`_same_series_ids`), made when there is none; the first is the one new
    numbers and gaps are written to."""
    return _same_series_ids(store, key, year) or [
        store.add("number_series", {"key": key, "year": year, "next_number": 1})
    ]


_NUMBER_AND_BOOK = re.compile(r"^0*(\d+)/(.+)$")


def _imported_decisions(store: Store, key: str, year: int) -> list[dict[str, Any]]:
    """The unit's own decisions of book ``key`` (cleaned) signed in ``year`` that the history import brought in
    (``awards.source = 'import'``: their issuer is the unit): ``number``, ``number_text`` as typed, ``signed``
    (ISO day); highest number first. They were numbered in the same book before the program was used, so a new
    decision must come after them, number and date alike. "01/QD-UBND" and "Số 1/QĐ-UBND" are number 1 of
    "QĐ-UBND" (:func:`decision_number_key`, the book compared as :func:`fold_series_key` does)."""
    rows = store.query(
        "SELECT DISTINCT decision_no, substr(decision_date, 1, 10) AS signed FROM awards "
        "WHERE source = 'import' AND decision_no != '' AND substr(decision_date, 1, 4) = ?",
        (f"{year:04d}",),
    )
    book = fold_series_key(key)
    found: dict[int, dict[str, Any]] = {}
    for row in rows:
        match = _NUMBER_AND_BOOK.match(decision_number_key(row["decision_no"]))
        if match is None or fold_series_key(match.group(2)) != book:
            continue
        number = int(match.group(1))
        if number < 1:
            continue
        seen = found.get(number)
        if seen is None or str(row["signed"]) > seen["signed"]:
            found[number] = {"number": number, "number_text": str(row["decision_no"]), "signed": str(row["signed"])}
    return sorted(found.values(), key=lambda item: -item["number"])


def allocate_number(store: Store, key: str, decision_date: date) -> tuple[int, int]:
    """The next free number of the series for the year of ``decision_date``; call inside the decision's
    transaction (BEGIN IMMEDIATE).

    Only a book the unit has (or its default one) gives numbers: a key that only looks like one of them (QD-UBND
    beside QĐ-UBND) or that the unit has never used ("QĐ-UBNN", a slip) is refused, since the decision would open a
    second book and number 1 again (:func:`_check_series_known`); a new book is opened first, on purpose
    (:func:`set_series_next_number` or :func:`record_number_gap` with ``new_series``). A date earlier than a
    decision already in the book is refused too (:func:`check_number_date`): the raised error rolls the transaction
    back, so the number is not taken. The unit's own decisions of the book brought in by the history import hold
    their numbers too: the new number comes after the highest of them (:func:`_imported_decisions`)."""
    assert store.in_transaction
    _check_series_known(store, key, new_series=False, issuing_in=decision_date.year)
    check_number_date(store, key, decision_date)
    rows = _series_rows(store, key, decision_date.year)  # an older version's "Qđ-UBND" row is the same book
    series_id = rows[0]
    number = _first_free_number(store, rows, key, decision_date.year)
    store.update("number_series", series_id, {"next_number": number + 1, "updated_at": now_iso()})
    return series_id, number


def _first_free_number(store: Store, rows: list[int], key: str, year: int) -> int:
    """The number :func:`allocate_number` gives next in book ``key`` of ``year`` (``rows``: its rows, maybe none):
    the counter, past the imported decisions, skipping gaps and numbers already taken. One reading for issuing and
    for what the window shows (:func:`series_standing`), so the two never disagree."""
    if not rows:
        number = 1
    else:
        marks = ",".join("?" * len(rows))
        number = int(store.scalar(f"SELECT max(next_number) FROM number_series WHERE id IN ({marks})", tuple(rows)))
    imported = _imported_decisions(store, key, year)
    if imported:
        number = max(number, imported[0]["number"] + 1)
    if not rows:
        return number
    while store.scalar(
        f"SELECT 1 FROM number_gaps WHERE series_id IN ({marks}) AND number = ? "
        f"UNION SELECT 1 FROM decisions WHERE series_id IN ({marks}) AND number = ?",
        (*rows, number, *rows, number),
    ):
        number += 1
    return number


def series_standing(store: Store, key: str, year: int) -> dict[str, Any]:
    """Where book ``key`` (cleaned) of ``year`` stands, as issuing reads it: ``next_number`` (what
    :func:`allocate_number` would give now) and ``highest``, the highest number the book holds — a decision
    numbered here (``source`` "decision"), one of the unit's own decisions brought in by the history import
    ("import", with ``signed``) or a number recorded as spoiled or used elsewhere ("gap", with ``reason``) — or
    None. Read only; a clerk choosing the next number must see the numbers issuing will not give again."""
    rows = _same_series_ids(store, key, year)
    found: list[tuple[int, int, dict[str, Any]]] = []  # (number, rank: a decision wins a tie, entry)
    if rows:
        marks = ",".join("?" * len(rows))
        decision = store.query_one(
            "SELECT number, number_text, substr(decision_date, 1, 10) AS signed FROM decisions "
            f"WHERE series_id IN ({marks}) ORDER BY number DESC, id DESC LIMIT 1",
            tuple(rows),
        )
        if decision is not None:
            found.append((int(decision["number"]), 2, dict(decision) | {"source": "decision", "reason": ""}))
        gap = store.query_one(
            f"SELECT number, reason FROM number_gaps WHERE series_id IN ({marks}) ORDER BY number DESC, id LIMIT 1",
            tuple(rows),
        )
        if gap is not None:
            entry = {"number": int(gap["number"]), "number_text": f"{int(gap['number'])}/{key}", "signed": ""}
            found.append((int(gap["number"]), 0, entry | {"source": "gap", "reason": str(gap["reason"])}))
    imported = _imported_decisions(store, key, year)
    if imported:
        found.append((imported[0]["number"], 1, dict(imported[0]) | {"source": "import", "reason": ""}))
    highest = max(found, key=lambda item: item[:2])[2] if found else None
    return {
        "series_key": key,
        "year": year,
        "next_number": _first_free_number(store, rows, key, year),
        "highest": highest,
    }


def check_series_usable(store: Store, key: str, decision_date: date, *, for_window: bool = False) -> str:
    """The book ``key`` (as typed, or already cleaned) as a decision dated ``decision_date`` would take its number
    from, or the refusal issuing would give: a symbol that cannot be a book (:func:`clean_series_key`), one the unit
    has never used or that only looks like one of its books (:func:`_check_series_known`), a date before a decision
    already numbered in it (:func:`check_number_date`). Returns the cleaned key.

    Read only and cheap: the window and the command line ask it before "Ban hành?" and before the backup issuing
    makes, so a refused book leaves no backup behind; :func:`allocate_number` asks again under the write lock
    (another clerk may have opened or used the book meanwhile). ``for_window``: the refusal says how to open a book
    in the window only, without the command a clerk there has no use for."""
    cleaned = clean_series_key(key)
    _check_series_known(store, cleaned, new_series=False, issuing_in=decision_date.year, for_window=for_window)
    check_number_date(store, cleaned, decision_date)
    return cleaned


def check_number_date(store: Store, key: str, decision_date: date) -> None:
    """Refuse a new number of book ``key`` (cleaned) dated before a decision already numbered in it.

    The new number comes after every number of the book, so its date must too: a later number with an earlier
    date reads, to an inspector, as a number taken after the fact (back-dating). Every decision of the book counts
    with its date, a replaced one too (it keeps its number and date). A cancelled one keeps its number (never
    given again) but holds the book back only to the day its number was taken, when its date is later: a date
    typed a month or a year ahead by mistake, then cancelled, must not shut the book until that day. Gaps have no
    date. The unit's own decisions of the book brought in by the history import count with their dates as well
    (:func:`_imported_decisions`). Read only: the caller may ask before its backup, issuing asks again under the
    write lock."""
    _check_imported_dates(store, key, decision_date)
    rows = _same_series_ids(store, key, decision_date.year)
    if not rows:
        return
    marks = ",".join("?" * len(rows))
    latest = store.query_one(
        "SELECT number_text, signed, held FROM (SELECT number, number_text, substr(decision_date, 1, 10) AS signed, "
        f"{HELD_DAY_SQL} AS held FROM decisions WHERE series_id IN ({marks})) "
        "WHERE held > ? ORDER BY held DESC, number DESC LIMIT 1",
        (*rows, decision_date.isoformat()),
    )
    if latest is None:
        return
    signed = date.fromisoformat(str(latest["signed"])).strftime("%d/%m/%Y")
    held = date.fromisoformat(str(latest["held"])).strftime("%d/%m/%Y")
    if latest["held"] != latest["signed"]:  # a cancelled decision, dated after the day its number was taken
        message = _(
            "Ngày ký {date} sớm hơn ngày {held}, ngày đã lấy số cho Quyết định số {number} (ghi ngày ký {signed}, "
            "đã hủy bỏ) trong sổ {key} năm {year}: số mới sẽ đứng sau số đó nên số và ngày ký trong sổ sẽ không "
            "theo thứ tự (dễ bị coi là lấy số lùi ngày). Hãy chọn ngày ký từ {held} trở đi, hoặc lấy số ở sổ văn bản "
            "khác."
        )
    else:
        message = _(
            "Ngày ký {date} sớm hơn ngày ký Quyết định số {number} ngày {signed}, đã lấy số trong sổ {key} năm "
            "{year}: số mới sẽ đứng sau số đó nên số và ngày ký trong sổ sẽ không theo thứ tự (dễ bị coi là lấy số "
            "lùi ngày). Hãy chọn ngày ký từ {signed} trở đi, hoặc lấy số ở sổ văn bản khác."
        )
    raise ValidationError(
        message.format(
            date=decision_date.strftime("%d/%m/%Y"),
            number=latest["number_text"],
            signed=signed,
            held=held,
            key=key,
            year=decision_date.year,
        ),
        field="decision_date",
    )


def _check_imported_dates(store: Store, key: str, decision_date: date) -> None:
    """Refuse a date before one of the unit's own decisions of the book imported from its old register."""
    later = [
        row for row in _imported_decisions(store, key, decision_date.year) if row["signed"] > decision_date.isoformat()
    ]
    if not later:
        return
    latest = max(later, key=lambda row: (row["signed"], row["number"]))
    signed = date.fromisoformat(latest["signed"]).strftime("%d/%m/%Y")
    raise ValidationError(
        _(
            "Ngày ký {date} sớm hơn ngày ký Quyết định số {number} ngày {signed} của đơn vị (nhập từ sổ khen thưởng "
            "cũ) trong sổ {key} năm {year}: số mới sẽ đứng sau số đó nên số và ngày ký trong sổ sẽ không theo thứ tự "
            "(dễ bị coi là lấy số lùi ngày). Hãy chọn ngày ký từ {signed} trở đi, hoặc lấy số ở sổ văn bản khác."
        ).format(
            date=decision_date.strftime("%d/%m/%Y"),
            number=latest["number_text"],
            signed=signed,
            key=key,
            year=decision_date.year,
        ),
        field="decision_date",
    )


def clean_series_key(value: str) -> str:
    """The series symbol as the unit writes it (:func:`desktop.domain.series_key.series_key`: NFKC, no spaces at the
    ends or around "-", a space between words read as "-", dash look-alikes and invisible characters mended,
    capitals: " qđ‑ubnd\u200b " and "QĐ UBND" → "QĐ-UBND"; a letter that is not Vietnamese — a Cyrillic "В" — refused,
    naming it), so one book never becomes two by the way it was typed."""
    label = _("Ký hiệu sổ văn bản")
    try:
        key = series_key(value, label=label)
    except InputTextError as error:
        raise ValidationError(str(error), field="series_key") from error
    if not key or "/" in key:
        raise ValidationError(
            _("Ký hiệu sổ văn bản “{value}” không hợp lệ (ví dụ QĐ-UBND).").format(value=value), field="series_key"
        )
    return key


def fold_series_key(key: str) -> str:
    """The key without its accents, with Đ as D and "." as "-" (and a letter of another script, in a key an older
    version stored, as the Latin one it passes for): "QĐ-UBND", "QD-UBND" and "QĐ.UBND" fold alike
    (:func:`desktop.domain.series_key.series_look_alike_key`)."""
    return series_look_alike_key(key)


def _series_keys(store: Store) -> list[str]:
    """The unit's series (any year), the default one first even before its first decision."""
    keys = [_stored_key(str(row["key"])) for row in store.query("SELECT DISTINCT key FROM number_series ORDER BY key")]
    return list(dict.fromkeys([DEFAULT_SERIES, *keys]))


def _window_way_to_open() -> str:
    """How a clerk opens a new book in the window: the one wording both refusals below use."""
    return _("trang Quyết định, nút “Đặt số tiếp theo…”, đánh dấu “Đây là sổ văn bản mới”")


def check_series_key(store: Store, key: str, *, new_series: bool = False, for_window: bool = False) -> None:
    """Refuse a key that differs from a series of the unit only by Đ/D, accents or "." for "-" (it would print like
    it), unless ``new_series`` says the unit means a new book. ``key`` is already cleaned (:func:`clean_series_key`).
    ``for_window``: say how to open a book in the window, not on the command line."""
    known = _series_keys(store)
    if key in known or new_series:
        return
    folded = fold_series_key(key)
    alike = next((existing for existing in known if fold_series_key(existing) == folded), None)
    if alike is not None:
        how = (
            _window_way_to_open()
            if for_window
            else _(
                "dòng lệnh: tdkt decision series --series {key} --year NĂM --next SỐ_TIẾP_THEO --reason LÝ_DO "
                "--new-series"
            ).format(key=key)
        )
        raise ValidationError(
            _(
                "Ký hiệu sổ văn bản “{key}” chỉ khác sổ đã có “{existing}” ở chữ Đ/D, dấu hoặc dấu “.”/“-”; hãy dùng "
                "sổ “{existing}”. Nếu đây đúng là một sổ văn bản mới, hãy xác nhận mở sổ mới trước ({how})."
            ).format(key=key, existing=alike, how=how),
            field="series_key",
        )


def _check_series_known(
    store: Store, key: str, *, new_series: bool, issuing_in: int | None = None, for_window: bool = False
) -> None:
    """A gap, a next number or a decision's number is only taken in a series the unit already has (or its default
    series), unless ``new_series`` opens a new book: a typing slip must not open one silently. ``issuing_in``: the
    year of the decision being numbered; a decision never opens a book, the message says how to open it first (in
    the window only with ``for_window``; the command line's also names its command)."""
    check_series_key(store, key, new_series=new_series, for_window=for_window)
    if new_series or key in _series_keys(store):
        return
    if issuing_in is not None:  # a decision never opens a book: open it first, then issue
        way = _window_way_to_open()
        if not for_window:
            way = _(
                "{window} (dòng lệnh: tdkt decision series --series {key} --year {year} --next 1 --reason LÝ_DO "
                "--new-series)"
            ).format(window=way, key=key, year=issuing_in)
        how = _("hãy mở sổ trước: {way}, rồi ban hành lại").format(way=way)
    elif for_window:
        how = _("hãy đánh dấu “Đây là sổ văn bản mới (ký hiệu chưa dùng)” rồi bấm lại")
    else:
        how = _("hãy xác nhận mở sổ mới (dòng lệnh: --new-series)")
    raise ValidationError(
        _(
            "Sổ văn bản “{key}” chưa có: đơn vị chưa có quyết định hay số nào trong sổ này (các sổ đã có: {known}). "
            "Hãy kiểm tra ký hiệu; nếu đây đúng là một sổ văn bản mới, {how}."
        ).format(key=key, known=", ".join(_series_keys(store)), how=how),
        field="series_key",
    )


def record_number_gap(
    store: Store,
    *,
    series_key: str,
    year: int,
    number: int,
    reason: str,
    new_series: bool = False,
    for_window: bool = False,
) -> int:
    """Record a number of the series that will never be a decision here (used elsewhere, spoiled), with why.

    The series must be one the unit has, or its default one; ``new_series`` confirms opening another
    (``for_window``: a refusal names the dialog's box, not the command line's option)."""
    key = clean_series_key(series_key)
    text = require_text(reason, "reason", _("Hãy ghi lý do bỏ trống số văn bản này."))
    if not isinstance(number, int) or number < 1:
        raise ValidationError(_("Số văn bản phải là số nguyên dương."), field="number")
    with store.transaction(operation="decision.record_gap"):
        _check_series_known(store, key, new_series=new_series, for_window=for_window)
        rows = _series_rows(store, key, year)
        series_id = rows[0]
        marks = ",".join("?" * len(rows))
        used = store.scalar(
            f"SELECT number_text FROM decisions WHERE series_id IN ({marks}) AND number = ?", (*rows, number)
        )
        if used:
            raise ValidationError(
                _("Số {number} đã dùng cho quyết định {text}; không ghi là số bỏ trống được.").format(
                    number=number, text=used
                ),
                field="number",
            )
        imported = next((row for row in _imported_decisions(store, key, year) if row["number"] == number), None)
        if imported:
            raise ValidationError(
                _(
                    "Số {number} đã dùng cho quyết định {text} của đơn vị (nhập từ sổ khen thưởng cũ); không ghi là "
                    "số bỏ trống được."
                ).format(number=number, text=imported["number_text"]),
                field="number",
            )
        if store.scalar(f"SELECT 1 FROM number_gaps WHERE series_id IN ({marks}) AND number = ?", (*rows, number)):
            raise ValidationError(
                _("Số {number}/{key} năm {year} đã được ghi là số bỏ trống.").format(number=number, key=key, year=year),
                field="number",
            )
        return store.add("number_gaps", {"series_id": series_id, "number": number, "reason": text})


def set_series_next_number(
    store: Store,
    *,
    series_key: str,
    year: int,
    next_number: int,
    reason: str,
    new_series: bool = False,
    for_window: bool = False,
) -> int:
    """Continue the unit's own numbering (a commune already at 125/QĐ-UBND when it starts using the program).

    The number may only move forward past every decision already issued in the series and year (the unit's own
    decisions brought in by the history import too), so a number is never reused; the reason is kept in the audit
    log of the same transaction. Returns the series id.
    The series must be one the unit has, or its default one; ``new_series`` confirms opening another
    (``for_window``: a refusal names the dialog's box, not the command line's option).
    """
    key = clean_series_key(series_key)
    text = require_text(reason, "reason", _("Hãy ghi lý do đặt số tiếp theo của sổ văn bản."))
    if isinstance(next_number, bool) or not isinstance(next_number, int) or next_number < 1:
        raise ValidationError(_("Số tiếp theo phải là số nguyên dương."), field="next_number")
    check_year(year)
    with store.transaction(operation="decision.set_series"):
        _check_series_known(store, key, new_series=new_series, for_window=for_window)
        rows = _series_rows(store, key, year)
        series_id = rows[0]
        series = store.query_one("SELECT uuid, next_number FROM number_series WHERE id = ?", (series_id,))
        assert series is not None
        marks = ",".join("?" * len(rows))
        highest = store.query_one(
            f"SELECT number, number_text FROM decisions WHERE series_id IN ({marks}) ORDER BY number DESC LIMIT 1",
            tuple(rows),
        )
        if highest and next_number <= int(highest["number"]):
            raise ValidationError(
                _(
                    "Sổ {key} năm {year} đã có quyết định số {text}; số tiếp theo phải lớn hơn {number} "
                    "(đang nhập: {value})."
                ).format(key=key, year=year, text=highest["number_text"], number=highest["number"], value=next_number),
                field="next_number",
            )
        imported = _imported_decisions(store, key, year)
        if imported and next_number <= imported[0]["number"]:
            raise ValidationError(
                _(
                    "Sổ {key} năm {year} đã có quyết định số {text} của đơn vị (nhập từ sổ khen thưởng cũ); số tiếp "
                    "theo phải lớn hơn {number} (đang nhập: {value})."
                ).format(
                    key=key, year=year, text=imported[0]["number_text"], number=imported[0]["number"], value=next_number
                ),
                field="next_number",
            )
        store.update("number_series", series_id, {"next_number": next_number, "updated_at": now_iso()})
        record_event(
            store,
            table="number_series",
            record_uuid=series["uuid"],
            before={"key": key, "year": year, "next_number": series["next_number"]},
            after={"key": key, "year": year, "next_number": next_number, "reason": text},
        )
    return series_id


def list_number_series(store: Store, *, year: int | None = None) -> list[dict[str, Any]]:
    """The unit's series with their next number and the highest number they hold, as issuing reads them
    (:func:`series_standing`: imported decisions and gaps count, rows an older version stored as typed are one
    book): ``highest_issued`` is that number, whatever holds it."""
    where = "WHERE year = ?" if year else ""
    books = dict.fromkeys(
        (_stored_key(str(row["key"])), int(row["year"]))
        for row in store.query(f"SELECT key, year FROM number_series {where}", (year,) if year else ())
    )
    listed = []
    for key, book_year in sorted(books, key=lambda book: (-book[1], book[0])):
        standing = series_standing(store, key, book_year)
        highest = standing["highest"]
        listed.append(
            {
                "series_key": key,
                "year": book_year,
                "next_number": standing["next_number"],
                "highest_issued": highest["number"] if highest else None,
            }
        )
    return listed


def list_number_gaps(store: Store, *, series_key: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
    where = Where()
    if series_key:
        where.add("s.key = ?", series_key)
    if year:
        where.add("s.year = ?", year)
    return store.query(
        "SELECT g.number, g.reason, s.key AS series_key, s.year FROM number_gaps g "
        f"JOIN number_series s ON s.id = g.series_id {where} ORDER BY s.key, s.year, g.number",
        where.params,
    )
