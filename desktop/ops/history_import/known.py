"""The data already in the database that rows are checked against, and the award catalog lookups."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from desktop.domain import codes
from desktop.domain.dates import format_date, year_end
from desktop.domain.decision_number import decision_key, decision_number_key, issuer_key
from desktop.domain.rules import RulePackError
from desktop.domain.text import fold
from desktop.i18n import _
from desktop.ops.collectives import member_lock_message, rating_lock_message, rating_locks
from desktop.ops.history_import.fields import _OWN_ISSUERS, _key
from desktop.ops.history_import.preview import HistoryRow
from desktop.ops.review.collective_kinds import collective_kind_problem
from desktop.ops.review.common import DECISION_STATUSES
from desktop.ops.review.numbering import _NUMBER_AND_BOOK, fold_series_key
from desktop.store import Store, rules_repo, staff_repo, unit_repo


class Existing:
    """The records already in the database, each under the key that makes two rows one record (``HistoryRow.key``).

    Read once for the preview, and read AGAIN inside the write transaction (:func:`apply_history`): the check that
    decides whether a row is written must see what another clerk has written since the preview.
    """

    def __init__(self, store: Store) -> None:
        self.ratings: dict[tuple[Any, ...], str] = {
            (r["staff_id"], r["year"]): r["rating"] for r in store.query("SELECT staff_id, year, rating FROM ratings")
        }
        self.ratings.update(
            (("collective", r["department_id"], r["year"]), r["rating"])
            for r in store.query("SELECT department_id, year, rating FROM collective_ratings")
        )
        # What rests on a rating (a decision in force, a dossier sent up): such a rating is not overwritten.
        self.locks: dict[tuple[Any, ...], dict[str, Any]] = {}
        collective_locks: list[dict[str, Any]] = []
        for lock in rating_locks(store):
            if lock["target_kind"] == "collective":
                key: tuple[Any, ...] = ("collective", lock["department_id"], lock["year"])
                collective_locks.append(lock)
            else:
                key = (lock["staff_id"], lock["year"])
            self.locks.setdefault(key, lock)
        # A collective's title rests on its members' ratings of the year too (their share of LĐTT): each member's
        # rating is locked by it, after any title of their own (``collectives.collective_lock_of_member``).
        members: dict[int, dict[int, list[int]]] = {}
        names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM departments")}
        for lock in collective_locks:
            year = int(lock["year"])
            if year not in members:
                members[year] = staff_repo.year_members(store, year)
            for staff_id in members[year].get(int(lock["department_id"]), []):
                self.locks.setdefault((staff_id, year), {**lock, "collective": names.get(lock["department_id"], "")})
        # Each record under its key, the stored row with it (the first of two stored under one key): a row of the
        # file that names a stored record with other values corrects it (``corrections.settle_record``).
        self.records: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {kind: {} for kind in _RECORD_SQL}
        for kind, sql in _RECORD_SQL.items():
            for r in store.query(sql + " ORDER BY id"):
                self.records[kind].setdefault(_record_key(kind, r), r)
        self._by_id = {(kind, int(r["id"])): r for kind, rows in self.records.items() for r in rows.values()}
        # initiative id → (award code, year) of the first award resting on it (CSTĐCS and up need one)
        self.initiatives_used: dict[int, tuple[str, int]] = {}
        for r in store.query(
            "SELECT initiative_id, code, year FROM awards WHERE initiative_id IS NOT NULL ORDER BY id"
        ):
            self.initiatives_used.setdefault(int(r["initiative_id"]), (str(r["code"]), int(r["year"])))
        # Awards under their keys (:func:`award_key`): titles, and award forms by their decisions; the award forms
        # recorded without a decision number counted by (target, owner, code, year).
        unit_key = issuer_key((unit_repo.get_unit(store) or {}).get("name", ""))
        self.awards: set[tuple[Any, ...]] = set()
        self.unnumbered_forms: Counter[tuple[Any, ...]] = Counter()
        # (target, owner, code, year, number) → (issuer, signing day) of the award forms with a number: a row or a
        # record without an issuer is the one of its number whatever issuer the other names (:func:`same_decision`)
        self.numbered_forms: dict[tuple[Any, ...], list[tuple[str, str]]] = defaultdict(list)
        for r in store.query(
            "SELECT target_kind, staff_id, department_id, household_name, code, year, category, decision_no, issuer, "
            "decision_date FROM awards"
        ):
            owner = r["staff_id"] or r["department_id"] or r["household_name"]
            what = (r["code"], r["year"], r["category"], r["issuer"], r["decision_no"])
            key = award_key(r["target_kind"], owner, *what, unit_key)
            self.awards.update((key[:4], key))
            if key[4:] == (None,):
                self.unnumbered_forms[key[:4]] += 1
            elif len(key) == 6:
                self.numbered_forms[(*key[:4], key[5])].append((key[4], _day_text(r["decision_date"])))

    def rating(self, key: tuple[Any, ...]) -> str | None:
        """The rating stored under a ratings key: (staff id, year) or ("collective", department id, year)."""
        return self.ratings.get(key)

    def lock(self, key: tuple[Any, ...]) -> dict[str, Any] | None:
        """The decision or dossier resting on the rating under this key (see :func:`rating_locks`), or None."""
        return self.locks.get(key)

    def has(self, kind: str, key: tuple[Any, ...], day: object = None) -> bool:
        """Whether a record of this kind (initiatives, discipline, leave, awards) is stored under this key (an
        award: ``day``, its signing day, tells a decision of a row without an issuer, :meth:`award_recorded`)."""
        if kind == "awards":
            return bool(self.award_recorded(key, day=day))
        return key in self.records[kind]

    def award_recorded(self, key: tuple[Any, ...], *, claim: bool = False, day: object = None) -> str:
        """How the award under ``key`` (:func:`award_key`) is stored: "same" (a title of that year, an award form of
        that decision, or, for an award form without a number, any of its code and year), "unnumbered", or "" (not
        stored). An award form whose issuer is blank, in the row or in the record, is the one of its number from any
        issuer, signed on ``day`` when both give a day (a register without a "Cơ quan ban hành" column re-importing
        the unit's own Giấy khen). "unnumbered", only with ``claim``: an award form of a decision not stored is the
        one of its code and year recorded without a number (an earlier import of the register before the numbers
        were written in), each such record taken by one row only."""
        if key in self.awards:
            return "same"
        base = key[:4]
        if len(key) > 4 and key[4] is None:
            return "same" if base in self.awards else ""
        if len(key) == 6 and any(
            same_decision(key[4], day, who, stored_day)
            for who, stored_day in self.numbered_forms.get((*base, key[5]), [])
        ):
            return "same"
        if claim and len(key) > 4 and self.unnumbered_forms[base] > 0:
            self.unnumbered_forms[base] -= 1
            return "unnumbered"
        return ""

    def stored(self, kind: str, key: tuple[Any, ...]) -> dict[str, Any] | None:
        """The stored initiative, discipline or leave row under this key, or None."""
        return self.records[kind].get(key)

    def by_id(self, kind: str, record_id: int) -> dict[str, Any] | None:
        """The stored initiative, discipline or leave row with this id, or None (deleted since)."""
        return self._by_id.get((kind, record_id))

    def undated_pending(self, staff_id: int, level: str) -> dict[str, Any] | None:
        """A person's discipline of this level still being considered, with no start date: the row that records
        the decision on it, with its start date, corrects it rather than adding a second."""
        found = self.records["discipline"].get((staff_id, level, ""))
        return found if found is not None and found["pending"] else None


# The stored rows of the sheets whose rows can correct them, with every field a row may change.
_RECORD_SQL = {
    "initiatives": "SELECT id, staff_id, title, level, recognized_on, decision_no, notes FROM initiatives",
    "discipline": (
        "SELECT id, staff_id, level, start_date, end_date, reason, decision_no, pending, notes FROM discipline"
    ),
    "leave": "SELECT id, staff_id, kind, start_date, end_date, notes FROM leave_periods",
}


def _record_key(kind: str, row: dict[str, Any]) -> tuple[Any, ...]:
    """The key of a stored row, as the checks build it from a row of the file (``HistoryRow.key``)."""
    if kind == "initiatives":
        return (row["staff_id"], _key(row["title"]))
    if kind == "discipline":
        return (row["staff_id"], row["level"], row["start_date"] or "")
    return (row["staff_id"], row["kind"], row["start_date"])


def locked_rating_message(lock: dict[str, Any], row: Any) -> str:
    """Why a ratings row (a ``HistoryRow``) may not overwrite the stored rating: the decision or dossier resting on
    it (a row of :func:`rating_locks`), naming the collective or person of the row."""
    who = row.person or ""
    if lock["target_kind"] == "collective" and "collective" in lock:  # a member's rating under its collective's title
        return member_lock_message(lock, who=who, action="change")
    if lock["target_kind"] == "collective":
        who = _("tập thể “{name}”").format(name=who)
    return rating_lock_message(lock, who=who, action="change")


def _day_text(day: object) -> str:
    """A signing day as its ISO text ("" for none): stored text and a date compare alike."""
    return str(day)[:10] if day else ""


def same_decision(who: str, day: object, other_who: str, other_day: object) -> bool:
    """Whether two award forms of one owner, code, year and number are one decision although their issuers are
    not written alike: one names no issuer (a register without that column), and their days agree when both have one.
    Two issuers both written and different are two decisions (:func:`award_key`)."""
    if who and other_who:
        return False
    first, second = _day_text(day), _day_text(other_day)
    return not first or not second or first == second


def decision_identity(issuer: object, number: object, unit_key: str) -> tuple[str, str]:
    """:func:`desktop.domain.decision_number.decision_key` (the one key the province and the packages' checks compare
    numbers by too) with the unit itself as one issuer however written ("UBND xã Lũng Cú", "Chủ tịch Ủy ban
    nhân dân xã Lũng Cú"): what :func:`award_key` and the one-signing-day check both call one decision."""
    who, text = decision_key(issuer, number)
    return (_OWN if _own_issuer(unit_key, who) else who), text


def _own_issuer(unit_key: str, key: str) -> bool:
    """Whether an issuer (as :func:`issuer_key`) is the unit itself: its name in it, or "xã", "UBND xã"…"""
    return bool(key) and ((bool(unit_key) and unit_key in key) or key in _OWN_ISSUERS)


_OWN = "@"  # the issuer part of an award's key when the unit itself issued it, however the issuer was written


def award_key(
    target: str,
    owner: Any,
    code: str,
    year: int,
    category: str,
    issuer: object,
    number: object,
    unit_key: str,
) -> tuple[Any, ...]:
    """What makes two awards one record. A title: (target, owner, code, year): it is held once a year. An award form
    (two Giấy khen of a year, from two decisions, are two awards) also by its decision: + (issuer, number) as
    :func:`decision_key` names them, the unit itself however written ("UBND xã", "Chủ tịch UBND xã Lũng Cú"); one
    without a number, which nothing tells apart from another of its code and year, + (None,)."""
    base = (target, owner, code, year)
    if category == "title":
        return base
    who, text = decision_identity(issuer, number, unit_key)
    return (*base, who, text) if text else (*base, None)


class _Known:
    """Staff, departments and existing records, read once for the whole workbook."""

    def __init__(self, store: Store, pack: Any) -> None:
        self.store = store  # the departments' kinds are read as a row names one (:func:`collective_kind_problem`)
        self.pack = pack
        self.staff = store.query("SELECT id, staff_code, full_name, search_key, birth_date, end_date FROM staff")
        self.by_code = {str(p["staff_code"]).upper(): p for p in self.staff}
        self.by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for person in self.staff:  # folded again, not the stored search_key: an "Ð" stored before it read as "Đ"
            self.by_name[fold(person["full_name"])].append(person)
        # Oldest first, as unit_repo.match_department wants: an exact name wins, accents alone never choose
        # between two departments ("Thôn Nà" and "Thôn Ná" are two collectives, not one).
        self.departments = [
            (int(d["id"]), str(d["name"])) for d in store.query("SELECT id, name FROM departments ORDER BY id")
        ]
        self.existing = Existing(store)
        # Records seen so far in each group of sheets: a collective rated in both ratings sheets is one record.
        self.seen: dict[str, dict[tuple[Any, ...], tuple[int, Any, str]]] = {}
        # (kind, id) of the stored records a row of the workbook corrects already: one row each
        self.corrected: set[tuple[str, int]] = set()
        unit = unit_repo.get_unit(store) or {}
        self.unit_key = issuer_key(unit.get("name", ""))
        self.unit_kind = rules_repo.unit_kind(store)
        # (issuer, number, year) → signing day of the decisions already in the register: one number is one document
        # of its year (numbers start again at 01 each year, NĐ 30/2020/NĐ-CP Phụ lục I)
        self.decision_days: dict[tuple[str, str, int], str] = {
            (*decision_identity(r["issuer"], r["decision_no"], self.unit_key), int(str(r["decision_date"])[:4])): str(
                r["decision_date"]
            )[:10]
            for r in store.query(
                "SELECT issuer, decision_no, decision_date FROM awards WHERE decision_no != '' "
                "AND decision_date IS NOT NULL ORDER BY id"
            )
        }
        # The unit's own number books (spoiled numbers, the program's decisions): an imported decision of the unit
        # may not take a number the book holds for another document (:meth:`NumberBook.problem`).
        self.number_book = NumberBook(store)
        # The award forms of the awards sheet so far, for rows the exact key does not join (checking._settle_award):
        # (target, owner, code, year, number) → (issuer, day, key, row) of each numbered one; (target, owner, code,
        # year) → the new rows without a number that no numbered row has taken yet.
        self.file_forms: dict[tuple[Any, ...], list[tuple[str, str, tuple[Any, ...], HistoryRow]]] = defaultdict(list)
        self.open_unnumbered: dict[tuple[Any, ...], list[HistoryRow]] = defaultdict(list)
        self.award_names: dict[str, str] = {}
        for item in (*pack.titles, *pack.award_forms):
            for text in (item.code, item.name, item.short):
                if _key(text):
                    self.award_names.setdefault(_key(text), item.code)
        self.award_prefixes = sorted(self.award_names.items(), key=lambda pair: -len(pair[0]))
        # code → the pack's keys of who confers it, one per kind of unit (:func:`law_of_date_problem`)
        self.authority_keys: dict[str, list[str]] = defaultdict(list)
        for key in pack.value_keys():
            parts = key.split(".")
            if len(parts) == 4 and parts[2] == "conferred_by":
                self.authority_keys[parts[1]].append(key)

    @property
    def department_names(self) -> list[str]:
        return [name for _id, name in self.departments]

    def department(self, name: str) -> dict[str, Any] | None:
        """The department (collective) ``name`` names, as the Unit page and ``tdkt collective`` match it."""
        found = unit_repo.match_department(name, self.departments)
        return next(({"id": d_id, "name": d_name} for d_id, d_name in self.departments if d_id == found), None)


class NumberBook:
    """The numbers the unit's own books hold, by (book folded as :func:`fold_series_key`, year, number): those
    recorded as spoiled or used for another document (``number_gaps``), and the program's decisions of any status
    (a revoked or replaced decision keeps its number)."""

    def __init__(self, store: Store) -> None:
        self.gaps: dict[tuple[str, int, int], dict[str, Any]] = {}
        for r in store.query(
            "SELECT g.number, g.reason, s.key, s.year FROM number_gaps g JOIN number_series s ON s.id = g.series_id "
            "ORDER BY g.id"
        ):
            self.gaps.setdefault((fold_series_key(str(r["key"])), int(r["year"]), int(r["number"])), r)
        self.decisions: dict[tuple[str, int, int], list[dict[str, Any]]] = defaultdict(list)
        for r in store.query(
            "SELECT d.number, d.number_text, substr(d.decision_date, 1, 10) AS signed, d.status, s.key, s.year "
            "FROM decisions d JOIN number_series s ON s.id = d.series_id ORDER BY d.id"
        ):
            self.decisions[(fold_series_key(str(r["key"])), int(r["year"]), int(r["number"]))].append(r)

    def problem(self, decision_no: str, day: date) -> str:
        """Why the unit's own decision ``decision_no`` signed on ``day`` cannot be: its book records that number of
        that year as spoiled or used elsewhere, or holds another decision of that number signed another day; "".
        The number is read as the numbering reads an imported one ("01/QD-UBND" is number 1 of "QĐ-UBND")."""
        match = _NUMBER_AND_BOOK.match(decision_number_key(decision_no))
        if match is None or int(match.group(1)) < 1:
            return ""
        key = (fold_series_key(match.group(2)), day.year, int(match.group(1)))
        gap = self.gaps.get(key)
        if gap is not None:
            return _(
                "số {number} năm {year} của sổ {book} đã được ghi là số bỏ trống ({reason}), không phải quyết định "
                "khen thưởng của đơn vị; hãy xem lại số hoặc ngày quyết định."
            ).format(number=key[2], year=key[1], book=gap["key"], reason=gap["reason"])
        other = next((d for d in self.decisions.get(key, []) if d["signed"] != day.isoformat()), None)
        if other is not None:
            return _(
                "số {number} năm {year} của sổ {book} là quyết định {text} ngày {day} ({status}) đã ghi trong chương "
                "trình; một số chỉ dùng cho một quyết định. Hãy xem lại số hoặc ngày quyết định."
            ).format(
                number=key[2],
                year=key[1],
                book=other["key"],
                text=other["number_text"],
                day=format_date(other["signed"]),
                status=_(DECISION_STATUSES.get(str(other["status"]), str(other["status"]))).lower(),
            )
        return ""


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
    return "import" if _own_issuer(known.unit_key, issuer_key(issuer)) else "above"


def law_of_date_problem(known: _Known, code: str, on: date) -> str:
    """Why the rule pack says ``code`` did not exist on ``on``: no kind of unit could confer or propose it then
    (every ``conferred_by`` entry "none", as "Xã tiêu biểu" before Luật TĐKT 2022), cited from the pack; "" when it
    existed, or when the pack holds no law for that date (history older than the pack is not judged by it)."""
    keys = known.authority_keys.get(code, [])
    try:
        if not keys or any(known.pack.cited(key, on).value != "none" for key in keys):
            return ""
        basis = known.pack.cited(f"{known.pack.item(code).table}.{code}.basis", on).citation()
    except RulePackError:
        return ""
    later = [e.valid_from for key in keys for e in known.pack.history(key) if e.value != "none" and e.valid_from > on]
    return _(
        "{award} chưa có vào ngày quyết định {day} theo bộ quy tắc ({basis}){since}; hãy xem lại danh hiệu, hình thức "
        "khen thưởng hoặc ngày quyết định."
    ).format(
        award=known.pack.item(code).label,
        day=format_date(on),
        basis=basis,
        since=_(", chỉ có từ ngày {first}").format(first=format_date(min(later))) if later else "",
    )


def kind_of_collective_problem(store: Store, pack: Any, record: dict[str, Any]) -> str:
    """Why an award row's collective is not of a kind its title is for on the decision's date (Thôn, tổ dân phố văn
    hóa to an office), or "": the review's own check, read on 31/12 of the award's year when no date is written."""
    if record.get("target_kind") != "collective" or record.get("department_id") is None:
        return ""
    on = record.get("decision_date") or year_end(int(record["year"]))
    return collective_kind_problem(store, str(record["code"]), int(record["department_id"]), on, pack=pack)


def own_issuer_problem(known: _Known, code: str, on: date) -> str:
    """Why the unit itself could not have signed ``code`` on ``on``: the rule pack gives it to another level then
    (a commune's own CSTĐCS of 2020, which the district chair conferred until NĐ 129/2025), cited. "" when the unit
    conferred it, or when the pack holds no law for that date (history older than the pack is not judged by it)."""
    try:
        cited = known.pack.authority_cited(code, known.unit_kind, on)
    except RulePackError:
        return ""
    if cited.value == "unit":
        return ""
    return _(
        "{award}: cột Cơ quan ban hành ghi chính đơn vị, nhưng vào ngày quyết định {day} {authority} ({basis}); hãy "
        "ghi đúng cơ quan đã ký quyết định."
    ).format(
        award=known.pack.item(code).label,
        day=format_date(on),
        authority=_(codes.AUTHORITY_LABELS.get(str(cited.value), codes.AUTHORITY_LABELS["upward"])),
        basis=cited.citation(),
    )
