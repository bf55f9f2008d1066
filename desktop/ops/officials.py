"""Who held the unit's head and deputy posts, from which day to which: the people who may sign its decisions.

The unit row keeps only today's head (``unit.head_name``). A decision dated in the past is signed by whoever was in
office on its date, so the terms of office are kept here (``unit_officials``, schema version 10). Once any term is
recorded for a role, a decision signed in that role (the chair and "TM." by the head, "KT." by a deputy) must name
one of the people in office on its date (:func:`check_signer`); with none recorded nothing is checked, as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from desktop.documents.achievement_report import unit_header
from desktop.documents.review_data import UnitHeader
from desktop.domain.dates import format_date
from desktop.domain.signing import is_acting_title, is_deputy_title, signed_title
from desktop.domain.staff import name_shape_problem
from desktop.domain.text import name_key
from desktop.i18n import N_, _
from desktop.ops.common import as_date, clean_text
from desktop.store import Store, ValidationError
from desktop.store.db import new_uuid, now_iso

ROLES: dict[str, str] = {"head": N_("Người đứng đầu"), "deputy": N_("Cấp phó")}
# The role whose terms bind each signing mode: the chair and "TM." are signed by the head, "KT." by a deputy.
SIGNING_ROLES = {"chair": "head", "body": "head", "deputy": "deputy"}
_ROLE_PHRASES = {"head": N_("người đứng đầu"), "deputy": N_("cấp phó")}


def term_end_text(value: str | None) -> str:
    """A term's last day as written on screen and in the command line: dd/mm/yyyy, or "nay" while it runs."""
    return format_date(value) if value else _("nay")


def _role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(
            _("Chức vụ “{role}” không có; chọn người đứng đầu (head) hoặc cấp phó (deputy).").format(role=role),
            field="role",
        )
    return role


def get_official(store: Store, official_id: int) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM unit_officials WHERE id = ?", (int(official_id),))
    if row is None:
        raise ValidationError(
            _("Không có nhiệm kỳ số {id} trong danh sách người ký quyết định.").format(id=official_id), field="id"
        )
    return row


def _check_order(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise ValidationError(
            _("Ngày kết thúc nhiệm kỳ ({end}) trước ngày bắt đầu ({start}).").format(
                end=format_date(end), start=format_date(start)
            ),
            field="end_date",
        )


def _clashing_terms(
    terms: list[dict[str, Any]], role: str, full_name: str, start: date, end: date | None, *, skip: int | None = None
) -> Iterator[tuple[dict[str, Any], bool]]:
    """The ``terms`` that a term (``role``, ``full_name``, ``start``–``end``) may not overlap, each with whether it
    is the same person's. The same person holds one term at a time, as head or as deputy, and the unit has one head
    at a time (deputies may be several). Two heads at once would let a chair whose term was never closed go on
    signing after the new one took office; a deputy made head whose deputy term was left open could sign "KT." for
    himself."""
    key = name_key(full_name)
    for row in terms:
        same_person = name_key(row["full_name"]) == key
        if row["id"] == skip or not (same_person or (role == "head" and row["role"] == "head")):
            continue
        other_start = date.fromisoformat(row["start_date"])
        other_end = date.fromisoformat(row["end_date"]) if row["end_date"] else None
        if (end is None or other_start <= end) and (other_end is None or start <= other_end):
            yield row, same_person


def _clash_message(row: dict[str, Any], same_person: bool) -> str:
    message = (
        _(
            "{name} đã có nhiệm kỳ {role} từ {start} đến {end} (dòng số {id}), trùng với nhiệm kỳ đang nhập; "
            "hãy sửa ngày hoặc kết thúc nhiệm kỳ cũ."
        )
        if same_person
        else _(
            "{name} giữ chức người đứng đầu từ {start} đến {end} (dòng số {id}), trùng với nhiệm kỳ đang "
            "nhập; đơn vị chỉ có một người đứng đầu mỗi lúc. Hãy ghi ngày kết thúc nhiệm kỳ của {name} "
            "trước, hoặc sửa ngày."
        )
    )
    return message.format(
        name=row["full_name"],
        role=_(_ROLE_PHRASES[row["role"]]),
        start=format_date(row["start_date"]),
        end=term_end_text(row["end_date"]),
        id=row["id"],
    )


def _check_overlap(
    store: Store, role: str, full_name: str, start: date, end: date | None, *, skip: int | None = None
) -> None:
    """Refuse a term that overlaps one it may not (:func:`_clashing_terms`), naming the first."""
    terms = store.query("SELECT * FROM unit_officials ORDER BY start_date, id")
    for clash in _clashing_terms(terms, role, full_name, start, end, skip=skip):
        raise ValidationError(_clash_message(*clash), field="start_date")


def overlapping_terms(store: Store) -> list[dict[str, Any]]:
    """Pairs of recorded terms that overlap as entering them now refuses (``tdkt check``): recorded before the
    program refused them, or written into the file by another tool. Each pair is listed once, by its later term."""
    terms = store.query("SELECT * FROM unit_officials ORDER BY start_date, id")
    found: list[dict[str, Any]] = []
    for index, term in enumerate(terms):
        start = date.fromisoformat(term["start_date"])
        end = date.fromisoformat(term["end_date"]) if term["end_date"] else None
        for other, same_person in _clashing_terms(terms[:index], term["role"], term["full_name"], start, end):
            found.append(
                {
                    "official_id": term["id"],
                    "role": term["role"],
                    "full_name": term["full_name"],
                    "start_date": term["start_date"],
                    "end_date": term["end_date"],
                    "other_id": other["id"],
                    "same_person": same_person,
                    "message": _(
                        "{name}, {role} từ {start} đến {end} (dòng số {id}): trùng với dòng số {other}"
                    ).format(
                        name=term["full_name"],
                        role=_(_ROLE_PHRASES[term["role"]]),
                        start=format_date(term["start_date"]),
                        end=term_end_text(term["end_date"]),
                        id=term["id"],
                        other=other["id"],
                    ),
                }
            )
    return found


def add_official(
    store: Store,
    *,
    role: str,
    title: str,
    full_name: str,
    start_date: date | str,
    end_date: date | str | None = None,
) -> int:
    """Record a term of office (``role``: "head" or "deputy"); returns its id."""
    role = _role(role)
    clean_title = clean_text(title, "title", _("Chức vụ"))
    if not clean_title:
        raise ValidationError(_("Chưa nhập chức vụ (ví dụ: Chủ tịch, Phó Chủ tịch)."), field="title")
    name = clean_text(full_name, "full_name", _("Họ tên"))
    if not name:
        raise ValidationError(_("Chưa nhập họ tên người giữ chức vụ."), field="full_name")
    if problem := name_shape_problem(name):  # the name printed under the signature
        raise ValidationError(problem, field="full_name")
    start = as_date(start_date, "start_date")
    end = as_date(end_date, "end_date") if end_date not in (None, "") else None
    _check_order(start, end)
    if start > date.today() + timedelta(days=366):  # a mistyped year would switch the signer check on for nobody
        raise ValidationError(
            _("Ngày bắt đầu nhiệm kỳ {date} quá xa trong tương lai.").format(date=format_date(start)),
            field="start_date",
        )
    with store.transaction(operation="unit.official_add"):
        _check_overlap(store, role, name, start, end)
        before = _out_of_office_ids(store)
        stamp = now_iso()
        official_id = store.insert(
            "unit_officials",
            {
                "uuid": new_uuid(),
                "role": role,
                "title": clean_title,
                "full_name": name,
                "start_date": start.isoformat(),
                "end_date": end.isoformat() if end else None,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        _refuse_added_term(store, before, get_official(store, official_id))
        return official_id


def end_term(store: Store, *, official_id: int, end_date: date | str) -> None:
    """Close a term on ``end_date`` (its last day in office)."""
    end = as_date(end_date, "end_date")
    with store.transaction(operation="unit.official_end"):
        row = get_official(store, official_id)
        start = date.fromisoformat(row["start_date"])
        _check_order(start, end)
        _check_overlap(store, row["role"], row["full_name"], start, end, skip=int(row["id"]))
        before = _out_of_office_ids(store)
        store.update("unit_officials", int(row["id"]), {"end_date": end.isoformat(), "updated_at": now_iso()})
        _refuse_contradicted_decisions(store, before, row)


def remove_official(store: Store, *, official_id: int) -> None:
    """Delete a term typed by mistake (the audit log keeps it)."""
    with store.transaction(operation="unit.official_remove"):
        row = get_official(store, official_id)
        before = _out_of_office_ids(store)
        store.execute("DELETE FROM unit_officials WHERE id = ?", (int(row["id"]),))
        _refuse_contradicted_decisions(store, before, row)


def _out_of_office_ids(store: Store) -> set[int]:
    return {int(found["decision_id"]) for found in signers_out_of_office(store)}


def _refuse_contradicted_decisions(store: Store, before: set[int], term: dict[str, Any]) -> None:
    """Inside the transaction that changed ``term``: refuse (and so undo) the change when an issued decision that
    was signed in office by the terms recorded is no longer — a signed decision is not changed by editing the
    list of terms afterwards, the list must keep agreeing with it."""
    newly = [found for found in signers_out_of_office(store) if int(found["decision_id"]) not in before]
    if not newly:
        return
    named = "; ".join(
        _("{number} ngày {date}").format(number=found["number_text"], date=format_date(found["decision_date"]))
        for found in newly[:5]
    )
    more = len(newly) - 5
    raise ValidationError(
        _(
            "Không sửa được nhiệm kỳ của {name} ({title}): quyết định đã ban hành {decisions}{more} do người giữ chức "
            "vụ này ký trong nhiệm kỳ đã ghi; sửa nhiệm kỳ thì quyết định đó thành ký sai người. Nếu quyết định "
            "thật sự ký sai người, hãy thay thế hoặc hủy bỏ quyết định đó trước (trang Quyết định)."
        ).format(
            name=term["full_name"],
            title=term["title"],
            decisions=named,
            more=_(" và {count} quyết định khác").format(count=more) if more > 0 else "",
        ),
        field="end_date",
    )


def _refuse_added_term(store: Store, before: set[int], term: dict[str, Any]) -> None:
    """Inside the transaction that recorded ``term``: refuse (and so undo) it when issued decisions that agreed with
    the terms recorded no longer do. The first term of a role switches the signer check on for every date, so
    recording only today's chair would make every earlier decision "signed out of office" (``tdkt check``)
    without a word to the clerk; the earlier terms are to be recorded first. Decisions dated after a closed term
    are not counted: the clerk entering terms oldest first records their signer's term next, and ``tdkt check``
    lists them until then."""
    last = term["end_date"] or "9999-12-31"
    newly = [
        found
        for found in signers_out_of_office(store)
        if int(found["decision_id"]) not in before and found["decision_date"] <= last
    ]
    if not newly:
        return
    first = newly[0]
    more = len(newly) - 1
    raise ValidationError(
        _(
            "Không ghi được nhiệm kỳ {role} của {name} ({title}) từ {start} đến {end}: quyết định đã ban hành số "
            "{number} ngày {date} do “{signer}” ký sẽ thành ký khi không giữ chức vụ{more}. Hãy ghi trước các "
            "nhiệm kỳ trước đó, của người đã ký quyết định vào ngày ký, rồi ghi nhiệm kỳ này; nếu nhiệm kỳ đang "
            "nhập ghi sai người hoặc sai ngày, hãy sửa lại."
        ).format(
            role=_(_ROLE_PHRASES[term["role"]]),
            name=term["full_name"],
            title=term["title"],
            start=format_date(term["start_date"]),
            end=term_end_text(term["end_date"]),
            number=first["number_text"],
            date=format_date(first["decision_date"]),
            signer=first["signer_name"],
            more=_(" (và {count} quyết định khác)").format(count=more) if more > 0 else "",
        ),
        field="start_date",
    )


def list_officials(store: Store) -> list[dict[str, Any]]:
    """Every term: the heads first, then the deputies, each by start date."""
    return store.query("SELECT * FROM unit_officials ORDER BY CASE role WHEN 'head' THEN 0 ELSE 1 END, start_date, id")


def officials_on(store: Store, *, role: str, day: date | str) -> list[dict[str, Any]]:
    """The people in office in ``role`` on ``day`` (the latest started first)."""
    iso = as_date(day).isoformat()
    return store.query(
        "SELECT * FROM unit_officials WHERE role = ? AND start_date <= ? AND (end_date IS NULL OR end_date >= ?) "
        "ORDER BY start_date DESC, id DESC",
        (_role(role), iso, iso),
    )


def proposed_signer(store: Store, *, mode: str, day: date) -> dict[str, Any] | None:
    """The term whose holder signs a decision in ``mode`` on ``day`` by default (the latest started), or None."""
    role = SIGNING_ROLES.get(mode or "chair", "head")
    found = officials_on(store, role=role, day=day)
    return found[0] if found else None


def unit_header_on(store: Store, day: date) -> UnitHeader:
    """The unit's header with the head in office on ``day`` by the recorded terms: a paper of a past date printed
    again (a tờ trình, a movement's review report) is signed by whoever was head that day, not by today's head (the
    unit row keeps only today's). Name and title both come from the term: an acting chair of that day signs as
    "Q. CHỦ TỊCH" (NĐ 30/2020, Phụ lục I), never under today's "CHỦ TỊCH" (:func:`signer_problem` refuses the same
    on a decision). With no term recorded for that day, today's head as before.

    The unit's name, the body above it and the place line are today's, unless a decision dated on or after ``day``
    keeps another (:func:`_issuer_known_on`): the unit had that name then, as the round's decision shows it."""
    header = _issuer_known_on(store, day, unit_header(store))
    term = proposed_signer(store, mode="chair", day=day)
    if not term:
        return header
    title = term["title"] or header.head_title
    signature = (signed_title(title),) if is_acting_title(title) else header.signature
    return replace(header, head_name=term["full_name"], head_title=title, signature=signature)


def _issuer_known_on(store: Store, day: date, header: UnitHeader) -> UnitHeader:
    """``header`` (today's unit) with the name, body above, place line and head's title the unit's decisions kept
    (``decisions.issuer_*``) when they show it was another unit on ``day``: the earliest decision dated on or after
    ``day`` was issued under that name, so a tờ trình of 15/12/2024 reprinted after the 2025 merger prints the
    commune the round's decision of 30/12/2024 names, not today's ward. Units are renamed forward only, so the
    name a later decision kept held on ``day`` too.

    The unit has no dated history of its names: a paper dated after the last decision under the old name is
    printed under today's name, as it was before, even if the change came later than its date."""
    row = store.query_one(
        "SELECT issuer_unit_name, issuer_parent_body, issuer_place_name, issuer_head_title FROM decisions "
        "WHERE decision_date >= ? AND issuer_unit_name != '' ORDER BY decision_date, id LIMIT 1",
        (day.isoformat(),),
    )
    if row is None:
        return header
    kept = replace(
        header,
        name=str(row["issuer_unit_name"]).upper(),
        parent_body=str(row["issuer_parent_body"] or "").upper(),
        place_name=str(row["issuer_place_name"] or ""),
    )
    if (kept.name, kept.parent_body, kept.place_name) == (header.name, header.parent_body, header.place_name):
        return header
    return replace(kept, head_title=str(row["issuer_head_title"] or "") or header.head_title)


def signer_problem(
    store: Store,
    *,
    mode: str,
    signer_name: str,
    day: date,
    terms: list[dict[str, Any]] | None = None,
    signer_title: str | None = None,
) -> str | None:
    """Why ``signer_name`` cannot sign in ``mode`` on ``day`` by the terms recorded, or None (also when no term is
    recorded for the role). ``terms``: :func:`list_officials` when the caller checks many decisions.
    ``signer_title``, when given, must agree with the head's term on being acting: an acting chair ("Quyền Chủ
    tịch") printed as "CHỦ TỊCH" claims a post the terms say he did not hold, and the other way round."""
    role = SIGNING_ROLES.get(mode or "chair", "head")
    if mode == "body" and signer_title and is_deputy_title(signer_title):
        role = "deputy"  # a deputy signing "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"
    every = list_officials(store) if terms is None else terms
    of_role = [row for row in every if row["role"] == role]
    iso = day.isoformat()
    crossed = _holds_only_the_other_role(every, role=role, signer_name=signer_name, iso=iso)
    if crossed:
        return _(
            "Ngày {date}, “{name}” là {other} ({title}) theo nhiệm kỳ đã ghi, không ký với tư cách {role}."
        ).format(
            date=format_date(day),
            name=signer_name,
            other=_(_ROLE_PHRASES[crossed["role"]]),
            title=crossed["title"],
            role=_(_ROLE_PHRASES[role]),
        )
    if not of_role:
        return _former_head_as_deputy(every, role=role, signer_name=signer_name, day=day)
    found = sorted(  # in office that day, the latest started first (as officials_on)
        (row for row in of_role if _in_office(row, iso)),
        key=lambda row: (row["start_date"], row["id"]),
        reverse=True,
    )
    held_by_signer = [row for row in found if name_key(row["full_name"]) == name_key(signer_name)]
    if held_by_signer:
        return _acting_mismatch(held_by_signer[0], role=role, signer_title=signer_title, day=day)
    if found:
        held = ", ".join(f"{row['full_name']} ({row['title']})" for row in found)
        return _(
            "Ngày {date}, {role} theo nhiệm kỳ đã ghi là {held}; “{name}” không giữ chức vụ này vào ngày đó."
        ).format(date=format_date(day), role=_(_ROLE_PHRASES[role]), held=held, name=signer_name)
    return _("Ngày {date} chưa ghi ai là {role} theo nhiệm kỳ; “{name}” không có nhiệm kỳ vào ngày đó.").format(
        date=format_date(day), role=_(_ROLE_PHRASES[role]), name=signer_name
    )


def _acting_mismatch(term: dict[str, Any], *, role: str, signer_title: str | None, day: date) -> str | None:
    """The head's term and the title typed on the decision disagree on "Quyền" (acting), or None. Only the head's
    post has an acting form; a deputy's title is checked against the unit by :func:`desktop.domain.signing.check`."""
    if role != "head" or not signer_title or not signer_title.strip():
        return None
    if is_acting_title(term["title"]) == is_acting_title(signer_title):
        return None
    return _(
        "Ngày {date}, “{name}” giữ chức “{held}” theo nhiệm kỳ đã ghi; quyết định ghi chức vụ người ký là "
        "“{title}”. Người được giao quyền ghi chức vụ “Quyền …” (in “Q. …”), người đứng đầu chính thức ghi chức vụ "
        "không có chữ “Quyền”, “Q.”."
    ).format(date=format_date(day), name=term["full_name"], held=term["title"], title=signer_title.strip())


def _in_office(row: dict[str, Any], iso: str) -> bool:
    """Whether a recorded term runs on the day ``iso`` (its first and last days included)."""
    return row["start_date"] <= iso and (row["end_date"] is None or row["end_date"] >= iso)


def _holds_only_the_other_role(
    terms: list[dict[str, Any]], *, role: str, signer_name: str, iso: str
) -> dict[str, Any] | None:
    """The signer's term of the other role in office that day, when none of ``role`` is: the chair in office
    signing "KT. CHỦ TỊCH" as his own deputy, or a recorded deputy signing "CHỦ TỊCH" while no head term is
    recorded — either would print a signature the terms contradict."""
    key = name_key(signer_name)
    in_office = [row for row in terms if name_key(row["full_name"]) == key and _in_office(row, iso)]
    if any(row["role"] == role for row in in_office):
        return None
    return next((row for row in in_office if row["role"] != role), None)


def _former_head_as_deputy(terms: list[dict[str, Any]], *, role: str, signer_name: str, day: date) -> str | None:
    """With no deputy term recorded, a deputy cannot be checked, except for one case the terms do tell: the signer
    is a head whose every head term had ended before ``day``. An old chair signing "KT." after leaving office is
    what an inspector would find; recording the deputy term lets a real deputy sign. A head whose term begins later
    may well have been the deputy before: not flagged."""
    if role != "deputy":
        return None
    iso = day.isoformat()
    held = [row for row in terms if row["role"] == "head" and name_key(row["full_name"]) == name_key(signer_name)]
    if not held or not all(row["end_date"] is not None and row["end_date"] < iso for row in held):
        return None
    last = max(held, key=lambda row: row["start_date"])
    return _(
        "“{name}” là {title} từ {start} đến {end} theo nhiệm kỳ đã ghi, không còn giữ chức vào ngày {date}; chưa ghi "
        "nhiệm kỳ cấp phó nào nên không biết người này có là cấp phó vào ngày đó."
    ).format(
        name=signer_name,
        title=last["title"],
        start=format_date(date.fromisoformat(last["start_date"])),
        end=term_end_text(last["end_date"]),
        date=format_date(day),
    )


def check_signer(store: Store, *, mode: str, signer_name: str, day: date, signer_title: str | None = None) -> None:
    """Refuse a signer not in office on the decision's date when terms are recorded for the mode's role, or one
    whose title claims or drops "Quyền" against the head's term."""
    problem = signer_problem(store, mode=mode, signer_name=signer_name, day=day, signer_title=signer_title)
    if problem:
        raise ValidationError(
            problem
            + " "
            + _(
                "Hãy sửa họ tên người ký, hoặc ghi nhiệm kỳ của người ký ở trang Đơn vị (“Người ký quyết định theo "
                "nhiệm kỳ”)."
            ),
            field="signer_name",
        )


def signers_out_of_office(store: Store) -> list[dict[str, Any]]:
    """Issued decisions whose signer was not in office on their date by the terms recorded (``tdkt check``)."""
    found: list[dict[str, Any]] = []
    rows = store.query(
        "SELECT id, number_text, decision_date, signing_mode, signer_name, signer_title FROM decisions "
        "WHERE status = 'issued' "
        "ORDER BY decision_date, id"
    )
    terms = list_officials(store)  # read once for every decision
    for row in rows:
        day = date.fromisoformat(row["decision_date"])
        mode = str(row["signing_mode"] or "chair")
        problem = signer_problem(
            store,
            mode=mode,
            signer_name=str(row["signer_name"] or ""),
            day=day,
            terms=terms,
            signer_title=str(row["signer_title"] or ""),
        )
        if problem:
            found.append(
                {
                    "decision_id": row["id"],
                    "number_text": row["number_text"],
                    "decision_date": row["decision_date"],
                    "signing_mode": mode,
                    "signer_name": row["signer_name"],
                    "message": _("{number} ngày {date}: {problem}").format(
                        number=row["number_text"], date=format_date(day), problem=problem
                    ),
                }
            )
    return found
