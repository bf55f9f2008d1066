"""The council (Hội đồng Thi đua - Khen thưởng): who sits on it, and its secret ballot on each nominee."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.ballot import BallotError, ballot_result
from desktop.domain.dates import format_date
from desktop.domain.rules import RulePackError
from desktop.domain.text import fold, nfc
from desktop.i18n import N_, _, label
from desktop.ops.common import as_date
from desktop.ops.review.common import (
    ACTIVE_STATUSES,
    COUNCIL_ROLES,
    NOMINATION_STATUSES,
    opening_review,
    round_first_day,
)
from desktop.ops.review.dossier_guard import describe, resting_on_cstdcs
from desktop.store import Store, ValidationError, new_uuid, now_iso
from desktop.store.review_repo import catalog_name, get_nomination_row, get_round_row, subject_name
from desktop.store.rules_repo import effective_pack


def set_council(
    store: Store,
    *,
    round_id: int,
    meeting_date: date | str,
    location: str,
    members: list[dict[str, Any]],
    today: date | None = None,
) -> int:
    """Record the council meeting: who sits on it, with which role, who attended, absentees' written opinions.

    Each person sits once (one staff id, one name: a member present and the same member "absent with a written
    opinion" would vote twice); the meeting falls within the round (from 1 January of its year, or the movement's
    start, or the sơ kết / tổng kết that proposed its nominees, to today) and the law of the rule pack; a member
    linked to a staff record worked in the unit on the meeting's day. A round with an issued decision or a dossier
    sent up keeps its council, and so does a council that has voted (nothing undoes a ballot); such a council,
    recorded before these checks, may still be saved again as it voted (its place corrected).
    """
    round_row = get_round_row(store, round_id)
    meeting = as_date(meeting_date, "meeting_date")
    as_voted = _voted_as_recorded(store, round_id, meeting)
    _check_meeting_date(store, round_row, meeting, today or date.today(), as_voted=as_voted is not None)
    if not members:
        raise ValidationError(_("Hội đồng phải có ít nhất một thành viên."), field="members")
    clean: list[dict[str, Any]] = []
    for index, member in enumerate(members, start=1):
        name = nfc(str(member.get("full_name") or ""))
        if not name:
            raise ValidationError(_("Thành viên thứ {n} của Hội đồng chưa có họ tên.").format(n=index), field="members")
        role = str(member.get("role") or "member")
        if role not in COUNCIL_ROLES:
            raise ValidationError(
                _("Vai trò “{role}” của {name} không hợp lệ (chair, deputy, member, secretary).").format(
                    role=role, name=name
                ),
                field="members",
            )
        staff_id = member.get("staff_id")
        if staff_id is not None and not store.scalar("SELECT 1 FROM staff WHERE id = ?", (staff_id,)):
            raise ValidationError(
                _("Không tìm thấy cán bộ số {id} (thành viên {name}).").format(id=staff_id, name=name), field="members"
            )
        clean.append(
            {
                "full_name": name,
                "role": role,
                "staff_id": staff_id,
                "attended": 1 if member.get("attended", True) else 0,
                "written_opinion": nfc(str(member.get("written_opinion") or "")),
            }
        )
    if sum(1 for m in clean if m["role"] == "chair") != 1:
        raise ValidationError(_("Hội đồng phải có đúng một Chủ tịch Hội đồng."), field="members")
    _refuse_meeting_without_presiding(clean)
    _refuse_same_person_twice(clean)
    _refuse_out_of_service(store, meeting, clean, as_voted or set())
    _refuse_changes(store, round_row, meeting, clean)  # early; again under the write lock
    with store.transaction(operation="review.set_council"):
        # another clerk may have recorded a ballot (counted on the old council), issued a decision or sent the
        # dossier up since the checks above, or marked a member as having left
        round_row = get_round_row(store, round_id)
        _refuse_out_of_service(store, meeting, clean, _voted_as_recorded(store, round_id, meeting) or set())
        existing = _refuse_changes(store, round_row, meeting, clean)
        stamp = now_iso()
        if existing:
            council_id = int(existing["id"])
            store.update(
                "councils",
                council_id,
                {"meeting_date": meeting.isoformat(), "location": nfc(location), "updated_at": stamp},
            )
            store.execute("DELETE FROM council_members WHERE council_id = ?", (council_id,))
        else:
            council_id = store.add(
                "councils", {"round_id": round_id, "meeting_date": meeting.isoformat(), "location": nfc(location)}
            )
        for position, member in enumerate(clean, start=1):
            store.insert(
                "council_members",
                member
                | {
                    "uuid": new_uuid(),
                    "council_id": council_id,
                    "position": position,
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
        if round_row["status"] == "draft":
            store.update("review_rounds", round_id, {"status": "council", "updated_at": stamp})
    return council_id


def undecided_council_seats(store: Store, *, staff_id: int | None = None) -> list[dict[str, Any]]:
    """Seats held by staff (``staff_id``'s only, when given) on the council of a round not decided yet (neither
    decided nor closed): the council a leaver may still have to be replaced in, as nothing stops a leaving date
    from being typed after the council was saved. Each with the person's leaving date."""
    where, params = ("AND m.staff_id = ?", (staff_id,)) if staff_id is not None else ("", ())
    rows = store.query(
        "SELECT m.staff_id, s.full_name, s.end_date, m.role, c.meeting_date, r.id AS round_id, "
        "r.name AS round_name, r.year FROM council_members m JOIN councils c ON c.id = m.council_id "
        "JOIN review_rounds r ON r.id = c.round_id JOIN staff s ON s.id = m.staff_id "
        f"WHERE r.status NOT IN ('decided', 'closed') {where} ORDER BY r.year, r.id, m.position, m.id",
        params,
    )
    return [
        {
            "staff_id": int(r["staff_id"]),
            "full_name": str(r["full_name"]),
            "end_date": str(r["end_date"] or "")[:10] or None,
            "role": str(r["role"]),
            "role_label": label(COUNCIL_ROLES, str(r["role"])),
            "meeting_date": str(r["meeting_date"])[:10],
            "round_id": int(r["round_id"]),
            "round_name": str(r["round_name"]),
            "year": int(r["year"]),
            "text": _("“{round}” năm {year} ({role}, họp ngày {meeting})").format(
                round=r["round_name"],
                year=r["year"],
                role=label(COUNCIL_ROLES, str(r["role"])),
                meeting=format_date(str(r["meeting_date"])[:10]),
            ),
        }
        for r in rows
    ]


def _refuse_meeting_without_presiding(members: list[dict[str, Any]]) -> None:
    """A meeting is run by the chair, or in the chair's absence by a deputy chair present, and its minutes are taken
    by a secretary present: both sign the biên bản. Without them there was no meeting to vote by secret ballot (with
    everyone absent, written opinions alone passed a title and a decision paid it), and the minutes would name an
    absent person as having run the meeting and signed."""
    chair = next(m for m in members if m["role"] == "chair")
    if not chair["attended"] and not any(m["role"] == "deputy" and m["attended"] for m in members):
        raise ValidationError(
            _(
                "Chủ tịch Hội đồng {name} vắng mặt và không có Phó Chủ tịch Hội đồng nào có mặt: cuộc họp không có "
                "người chủ trì. Hãy kiểm tra lại danh sách có mặt."
            ).format(name=chair["full_name"]),
            field="members",
        )
    secretaries = [m for m in members if m["role"] == "secretary"]
    if secretaries and not any(m["attended"] for m in secretaries):
        raise ValidationError(
            _(
                "Thư ký Hội đồng {name} vắng mặt: hãy ghi một thành viên có mặt làm thư ký cuộc họp (vai trò Thư ký) "
                "để người ghi và ký biên bản là người dự họp."
            ).format(name=secretaries[0]["full_name"]),
            field="members",
        )


def _voted_as_recorded(store: Store, round_id: int, meeting: date) -> set[int] | None:
    """The staff ids sitting on the round's council when it has voted and is saved again on its recorded date (its
    place corrected), else None. Its ballots stand whatever is now known (nothing undoes a ballot): a council
    recorded before the checks of the meeting's first day and of its members' service is not refused for them."""
    council = store.query_one("SELECT id, meeting_date FROM councils WHERE round_id = ?", (round_id,))
    if council is None or str(council["meeting_date"])[:10] != meeting.isoformat():
        return None
    voted = store.scalar(
        "SELECT count(*) FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?",
        (round_id,),
    )
    if not voted:
        return None
    return {
        int(r["staff_id"])
        for r in store.query(
            "SELECT staff_id FROM council_members WHERE council_id = ? AND staff_id IS NOT NULL", (council["id"],)
        )
    }


def _refuse_out_of_service(store: Store, meeting: date, clean: list[dict[str, Any]], kept: set[int]) -> None:
    """A member linked to a staff record worked in the unit on the meeting's day: one who had left (end date
    before it) or had not joined yet (start date after it) did not sit on the council, and their ballot would count
    in its total and its votes. Members not linked to a staff record (from outside the unit) are not checked, nor
    the seats ``kept`` of a council that already voted (:func:`_voted_as_recorded`)."""
    day = meeting.isoformat()
    for position, member in enumerate(clean, start=1):
        staff_id = member["staff_id"]
        if staff_id is None or int(staff_id) in kept:
            continue
        person = store.query_one("SELECT full_name, start_date, end_date FROM staff WHERE id = ?", (staff_id,))
        if person is None:
            continue  # refused above: no such staff record
        left = str(person["end_date"] or "")[:10]
        joined = str(person["start_date"] or "")[:10]
        message, since = (
            (_LEFT_BEFORE, left)
            if left and left < day
            else (_JOINED_AFTER, joined)
            if joined and joined > day
            else ("", "")
        )
        if message:
            raise ValidationError(
                _(message).format(
                    n=position, name=person["full_name"], day=format_date(since), meeting=format_date(day)
                ),
                field="members",
                row=position,
            )


_LEFT_BEFORE = N_(
    "Thành viên thứ {n} của Hội đồng, cán bộ {name}, đã thôi công tác từ ngày {day}, trước ngày họp Hội đồng "
    "{meeting}; người đã thôi công tác không ngồi trong Hội đồng và không bỏ phiếu. Hãy bỏ người này khỏi danh sách "
    "hoặc kiểm tra lại ngày họp."
)
_JOINED_AFTER = N_(
    "Thành viên thứ {n} của Hội đồng, cán bộ {name}, bắt đầu công tác từ ngày {day}, sau ngày họp Hội đồng "
    "{meeting}; người chưa vào làm không ngồi trong Hội đồng và không bỏ phiếu. Hãy bỏ người này khỏi danh sách hoặc "
    "kiểm tra lại ngày họp hay ngày bắt đầu công tác."
)


def _check_meeting_date(
    store: Store, round_row: dict[str, Any], meeting: date, today: date, *, as_voted: bool = False
) -> None:
    """The meeting of the round's council: not before the round's first day (``round_first_day``: its year began,
    or its movement's contest did, or the sơ kết / tổng kết that proposed its nominees was held), not after today,
    and on a date the rule pack has law for (the ballot's threshold is the pack's on that date). A council that
    voted, saved again on its recorded date (``as_voted``), is not refused for its first day."""
    first, since = round_first_day(store, round_row, council=True)
    day = meeting.strftime("%d/%m/%Y")
    review = opening_review(store, int(round_row["id"])) if meeting < first and not as_voted else None
    if review is not None and review["held"] == first:
        raise ValidationError(
            _(
                "Ngày họp Hội đồng {date} trước ngày hội nghị {word} phong trào “{name}” ({first}). Các đề nghị "
                "của đợt bình xét này do hội nghị đó đề xuất, nên Hội đồng chỉ họp xét từ ngày {first} trở đi; "
                "hãy kiểm tra lại ngày họp."
            ).format(date=day, word=review["word"], name=review["movement_name"], first=first.strftime("%d/%m/%Y")),
            field="meeting_date",
        )
    if meeting < first and not as_voted:
        raise ValidationError(
            _("Ngày họp Hội đồng {date} trước {since} ({first}); hãy kiểm tra lại ngày họp.").format(
                date=day, since=since, first=first.strftime("%d/%m/%Y")
            ),
            field="meeting_date",
        )
    if meeting > today:
        raise ValidationError(
            _(
                "Ngày họp Hội đồng {date} sau ngày hôm nay ({today}); chỉ ghi Hội đồng sau khi đã họp, "
                "hãy kiểm tra lại ngày họp."
            ).format(date=day, today=today.strftime("%d/%m/%Y")),
            field="meeting_date",
        )
    try:
        effective_pack(store).check_date(meeting, what=_("Ngày họp Hội đồng"))
    except RulePackError as exc:
        raise ValidationError(str(exc), field="meeting_date") from None


def _name_key(name: str) -> str:
    """The name as written, case and spacing aside, accents kept."""
    return " ".join(nfc(name).casefold().split())


def _same_name(one: str, other: str) -> bool:
    """The same name, letter by letter, where a letter typed without its marks matches the marked one ("SÙNG MI
    PHAO" is "Sùng Mí Pháo"); two different marks are two names (Hùng and Hưng, Hà and Hạ are two people)."""
    a, b = _name_key(one), _name_key(other)
    if len(a) != len(b):
        return False
    return all(x == y or x == fold(y) or fold(x) == y for x, y in zip(a, b, strict=True))


def _refuse_same_person_twice(clean: list[dict[str, Any]]) -> None:
    """One person, one seat: the same staff id, or the same name not linked to two different staff records, twice
    would let them vote twice (present at the meeting and again "absent with a written opinion")."""
    by_staff: dict[int, int] = {}
    for index, member in enumerate(clean, start=1):
        staff_id = member["staff_id"]
        if staff_id is not None and int(staff_id) in by_staff:
            raise ValidationError(
                _(
                    "Cán bộ số {id} ({name}) có tên hai lần trong Hội đồng (thành viên thứ {first} và thứ {n}); "
                    "mỗi người chỉ ngồi một ghế và bỏ một phiếu."
                ).format(id=staff_id, name=member["full_name"], first=by_staff[int(staff_id)], n=index),
                field="members",
            )
        if staff_id is not None:
            by_staff[int(staff_id)] = index
    for first, one in enumerate(clean, start=1):  # a council has a few dozen members at most
        for index in range(first + 1, len(clean) + 1):
            other = clean[index - 1]
            if one["staff_id"] is not None and other["staff_id"] is not None:
                continue  # two staff records: two people, even with one name
            if _same_name(one["full_name"], other["full_name"]):
                raise ValidationError(
                    _(
                        "“{name}” có tên hai lần trong Hội đồng (thành viên thứ {first} và thứ {n}); mỗi người chỉ "
                        "ngồi một ghế và bỏ một phiếu (người có mặt không gửi thêm ý kiến bằng văn bản). Nếu là hai "
                        "người trùng họ tên, hãy ghi thêm để phân biệt (ví dụ chức vụ)."
                    ).format(name=other["full_name"], first=first, n=index),
                    field="members",
                )


def _refuse_changes(
    store: Store, round_row: dict[str, Any], meeting: date, clean: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The council already recorded (None: the first), after refusing a change the round's decisions, dossier or
    ballots rest on. Saving it again unchanged, or changing only the place, is always allowed."""
    existing = store.query_one("SELECT * FROM councils WHERE round_id = ?", (round_row["id"],))
    if existing is None:
        return None
    changes = _council_changes(store, existing, meeting, clean)
    if changes:
        _refuse_after_decision(store, round_row, date.fromisoformat(str(existing["meeting_date"])[:10]), meeting)
        _refuse_change_after_ballots(store, round_row["id"], existing, meeting, clean, changes)
    return existing


def _refuse_after_decision(store: Store, round_row: dict[str, Any], old: date, new: date) -> None:
    """A round whose decision rests on the council's vote, or whose dossier went up, keeps the council those were
    made on. A decision of titles that needed no vote (LĐTT, Giấy khen) does not rest on it: the council may still
    be corrected, but its meeting does not move across such a decision's date (the minutes keep their order)."""
    for row in store.query(
        "SELECT number_text, decision_date FROM decisions WHERE round_id = ? AND status = 'issued' ORDER BY id",
        (round_row["id"],),
    ):
        signed = date.fromisoformat(str(row["decision_date"])[:10])
        if (old <= signed) != (new <= signed):
            raise ValidationError(
                _(
                    "Đợt “{round}” đã có quyết định {number} ký ngày {signed}; ngày họp Hội đồng không chuyển từ "
                    "{old} sang {new} được vì sẽ đổi thứ tự giữa cuộc họp và quyết định đó."
                ).format(
                    round=round_row["name"],
                    number=row["number_text"],
                    signed=signed.strftime("%d/%m/%Y"),
                    old=old.strftime("%d/%m/%Y"),
                    new=new.strftime("%d/%m/%Y"),
                ),
                field="meeting_date",
            )
    numbers, sent = _minutes_relied_on(store, int(round_row["id"]))
    if numbers:
        raise ValidationError(
            _(
                "Đợt “{round}” đã có quyết định {numbers}; không sửa được Hội đồng đã xét cho quyết định đó "
                "(biên bản họp là căn cứ của quyết định)."
            ).format(round=round_row["name"], numbers=", ".join(numbers)),
            field="round_id",
        )
    if sent:
        raise ValidationError(
            _(
                "Đợt “{round}” đã gửi hồ sơ {n} đề nghị lên cấp trên; không sửa được Hội đồng đã xét cho hồ sơ đó "
                "(biên bản họp nằm trong hồ sơ)."
            ).format(round=round_row["name"], n=sent),
            field="round_id",
        )


def _minutes_relied_on(store: Store, round_id: int) -> tuple[list[str], int]:
    """The round's issued decisions whose awardees the council voted on (their numbers), and how many of its
    nominations were sent up: the minutes of the council meeting (members and ballots) are their basis."""
    numbers = [
        str(r["number_text"])
        for r in store.query(
            "SELECT DISTINCT d.number_text FROM decisions d JOIN decision_awardees a ON a.decision_id = d.id "
            "JOIN ballots b ON b.nomination_id = a.nomination_id "
            "WHERE d.round_id = ? AND d.status = 'issued' ORDER BY d.id",
            (round_id,),
        )
    ]
    sent = int(
        store.scalar("SELECT count(*) FROM nominations WHERE round_id = ? AND status = 'sent_up'", (round_id,)) or 0
    )
    return numbers, sent


_MEMBER_FIELDS = ("full_name", "role", "staff_id", "attended", "written_opinion")


def _council_changes(store: Store, existing: dict[str, Any], meeting: date, clean: list[dict[str, Any]]) -> list[str]:
    """What the new record changes in the council (members, roles, attendance, written opinions, date), in words;
    the place is not counted (a typo in it changes no vote)."""
    old = store.query(
        "SELECT full_name, role, staff_id, attended, written_opinion FROM council_members "
        "WHERE council_id = ? ORDER BY position, id",
        (existing["id"],),
    )

    def seats(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return sorted(
            (
                str(r["full_name"]),
                str(r["role"]),
                int(r["staff_id"] or 0),
                int(r["attended"]),
                str(r["written_opinion"] or ""),
            )
            for r in rows
        )

    changes: list[str] = []
    if len(old) != len(clean) or sum(r["attended"] for r in old) != sum(m["attended"] for m in clean):
        changes.append(
            _("số thành viên {old_total} → {new_total}, số có mặt {old_present} → {new_present}").format(
                old_total=len(old),
                new_total=len(clean),
                old_present=sum(r["attended"] for r in old),
                new_present=sum(m["attended"] for m in clean),
            )
        )
    elif seats(old) != seats(clean):
        before = {s[0]: s for s in seats(old)}
        after = {s[0]: s for s in seats(clean)}
        gone = [name for name in before if name not in after]
        came = [name for name in after if name not in before]
        if gone or came:
            changes.append(
                _("thành viên {gone} thay bằng {came}").format(gone=", ".join(gone) or "—", came=", ".join(came) or "—")
            )
        for name in before:
            if name in after and before[name] != after[name]:
                changes.append(_("vai trò, việc có mặt hoặc ý kiến bằng văn bản của {name}").format(name=name))
    if existing["meeting_date"] != meeting.isoformat():
        changes.append(
            _("ngày họp {old} → {new}").format(
                old=date.fromisoformat(existing["meeting_date"]).strftime("%d/%m/%Y"), new=meeting.strftime("%d/%m/%Y")
            )
        )
    return changes


def _ballots_unchanged(store: Store, round_id: int, meeting: date, clean: list[dict[str, Any]]) -> bool:
    """Whether every ballot recorded for the round counts exactly the same on the corrected council: the same
    totals, written opinions enough for its written votes, and the same threshold, text and result under the law
    of the corrected date. A misspelt name or a mistyped day is then a correction, not a new vote."""
    pack = effective_pack(store)
    total = len(clean)
    present = sum(m["attended"] for m in clean)
    with_opinion = sum(1 for m in clean if not m["attended"] and m["written_opinion"].strip())
    ballots = store.query(
        "SELECT b.*, n.code FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?",
        (round_id,),
    )
    for ballot in ballots:
        if ballot["written_agree"] + ballot["written_disagree"] > with_opinion:
            return False
        try:
            result = ballot_result(
                pack,
                ballot["code"],
                members_total=total,
                agree=ballot["agree"],
                disagree=ballot["disagree"],
                invalid=ballot["invalid"],
                absent=total - present,
                written_agree=ballot["written_agree"],
                written_disagree=ballot["written_disagree"],
                on=meeting,
            )
        except (BallotError, RulePackError):
            return False
        if (int(result.passed), str(result.threshold_percent), result.text) != (
            int(ballot["passed"]),
            str(ballot["threshold"]),
            str(ballot["arithmetic"]),
        ):
            return False
    return True


def _refuse_change_after_ballots(
    store: Store,
    round_id: int,
    existing: dict[str, Any],
    meeting: date,
    clean: list[dict[str, Any]],
    changes: list[str],
) -> None:
    """A council that has voted keeps what its ballots were counted on (members, attendance, written opinions, the
    law of its date). A correction that leaves every ballot exactly as recorded (a misspelt name, a mistyped day
    under the same law) is allowed; anything else is refused, since nothing undoes a ballot."""
    voted = store.scalar(
        "SELECT count(*) FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?",
        (round_id,),
    )
    if not voted or _ballots_unchanged(store, round_id, meeting, clean):
        return
    raise ValidationError(
        _(
            "Hội đồng đã bỏ phiếu cho {n} đề nghị; không đổi được số thành viên, thành phần, việc có mặt, "
            "ý kiến bằng văn bản hay ngày họp vì kết quả bỏ phiếu tính trên Hội đồng đã ghi (muốn đổi: {changes}). "
            "Chương trình không có chức năng xóa phiếu đã ghi, nên Hội đồng không sửa được sau khi đã bỏ phiếu "
            "(chỉ sửa được địa điểm họp)."
        ).format(n=voted, changes="; ".join(changes)),
        field="members",
    )


def record_ballot(
    store: Store,
    *,
    nomination_id: int,
    agree: int,
    disagree: int,
    invalid: int,
    written_agree: int = 0,
    written_disagree: int = 0,
) -> dict[str, Any]:
    """The council's secret ballot for one nominee, checked against the threshold on ALL members.

    ``agree``/``disagree``/``invalid`` are the ballots cast at the meeting; ``written_agree``/``written_disagree``
    the written votes of absent members, kept apart (the minutes show both); whether the written ones count
    toward the threshold is the pack's ``ballot_counts_written_opinions`` on the meeting's date.
    """
    pack = effective_pack(store)
    get_nomination_row(store, nomination_id)
    with store.transaction(operation="review.record_ballot"):
        # read the nominee and the council under the write lock: another window may have decided the nominee
        # or re-recorded the council (its number of members) meanwhile
        return _record_ballot(
            store,
            pack,
            nomination_id,
            agree=agree,
            disagree=disagree,
            invalid=invalid,
            written_agree=written_agree,
            written_disagree=written_disagree,
        )


def _record_ballot(
    store: Store,
    pack: Any,
    nomination_id: int,
    *,
    agree: int,
    disagree: int,
    invalid: int,
    written_agree: int,
    written_disagree: int,
) -> dict[str, Any]:
    row = get_nomination_row(store, nomination_id)
    if row["status"] not in ACTIVE_STATUSES:
        raise ValidationError(
            _("Đề nghị này đang ở trạng thái “{status}”; không ghi kết quả bỏ phiếu được.").format(
                status=label(NOMINATION_STATUSES, row["status"])
            ),
            field="nomination_id",
        )
    council = store.query_one("SELECT * FROM councils WHERE round_id = ?", (row["round_id"],))
    if council is None:
        raise ValidationError(
            _("Chưa ghi thành phần Hội đồng của đợt bình xét này; hãy ghi Hội đồng trước khi ghi phiếu."),
            field="round_id",
        )
    members = store.query(
        "SELECT full_name, role, staff_id, attended, written_opinion FROM council_members "
        "WHERE council_id = ? ORDER BY position, id",
        (council["id"],),
    )
    members_total = len(members)
    present = sum(1 for m in members if m["attended"])
    meeting = date.fromisoformat(council["meeting_date"])
    name = subject_name(store, row["target_kind"], row["staff_id"], row["department_id"], row["household_name"])
    try:
        result = ballot_result(
            pack,
            row["code"],
            members_total=members_total,
            agree=agree,
            disagree=disagree,
            invalid=invalid,
            absent=members_total - present,
            written_agree=written_agree,
            written_disagree=written_disagree,
            on=meeting,
        )
    except BallotError as exc:
        raise ValidationError(
            _("Phiếu bầu cho {name} ({title}): {reason}").format(
                name=name, title=catalog_name(pack, row["code"]), reason=exc
            ),
            field="agree",
        ) from exc
    # NĐ 98 Điều 30.7: an absent member's vote counts only through the written opinion recorded for them (the
    # ballot's own check above already refused more written votes than absent members)
    with_opinion = sum(1 for m in members if not m["attended"] and str(m["written_opinion"] or "").strip())
    if written_agree + written_disagree > with_opinion:
        raise ValidationError(
            _(
                "Phiếu bầu cho {name} ({title}): {written} phiếu bằng văn bản ({agree} đồng ý, {disagree} không "
                "đồng ý) nhưng Hội đồng chỉ ghi {n} thành viên vắng mặt có ý kiến bằng văn bản; hãy ghi ý kiến "
                "bằng văn bản của người vắng mặt trong thành phần Hội đồng trước."
            ).format(
                name=name,
                title=catalog_name(pack, row["code"]),
                written=written_agree + written_disagree,
                agree=written_agree,
                disagree=written_disagree,
                n=with_opinion,
            ),
            field="written_agree",
        )
    counts = {
        "members_total": members_total,
        "present": present,
        "agree": agree,
        "disagree": disagree,
        "invalid": invalid,
        "written_agree": written_agree,
        "written_disagree": written_disagree,
    }
    outcome = {"passed": int(result.passed), "threshold": str(result.threshold_percent), "arithmetic": result.text}
    existing = store.query_one("SELECT * FROM ballots WHERE nomination_id = ?", (nomination_id,))
    unchanged = existing is not None and all(
        str(existing[key]) == str(value) for key, value in (counts | outcome).items()
    )
    if existing is not None and not unchanged:
        if row["status"] == "passed" and row["code"] == "CSTDCS":
            _refuse_revote_under_dossier(store, pack, row, name)  # the more precise: names the dossier's awards
        _refuse_rewrite_of_minutes(store, row, name, catalog_name(pack, row["code"]))
    if not unchanged:
        _refuse_ballot_on_leaver(store, row, meeting, members, name, catalog_name(pack, row["code"]))
        stamp = now_iso()
        values = counts | outcome | {"cite": result.cite, "updated_at": stamp}
        if existing is not None:
            store.update("ballots", int(existing["id"]), values)
        else:
            store.insert("ballots", values | {"uuid": new_uuid(), "nomination_id": nomination_id, "created_at": stamp})
        store.update(
            "nominations", nomination_id, {"status": "passed" if result.passed else "failed", "updated_at": stamp}
        )
    return {
        "nomination_id": nomination_id,
        "name": name,
        "code": row["code"],
        "passed": result.passed,
        "arithmetic": result.text,
        "threshold": str(result.threshold_percent),
        **counts,
        "counted_agree": result.counted_agree,
        "cite": result.cite,
    }


def _refuse_rewrite_of_minutes(store: Store, row: dict[str, Any], name: str, title: str) -> None:
    """A ballot already recorded is part of the minutes of the council meeting; once a decision of the round rests
    on that meeting's votes, or a dossier carrying its minutes was sent up, the ballot keeps what was recorded (the
    minutes printed later must be those the decision was signed on). Recording the same counts again is allowed."""
    numbers, sent = _minutes_relied_on(store, int(row["round_id"]))
    if numbers:
        raise ValidationError(
            _(
                "Phiếu bầu cho {name} ({title}) đã ghi trong biên bản họp Hội đồng; đợt này đã có quyết định "
                "{numbers} căn cứ vào biên bản đó nên không ghi lại được kết quả bỏ phiếu khác với biên bản."
            ).format(name=name, title=title, numbers=", ".join(numbers)),
            field="agree",
            row=int(row["id"]),
        )
    if sent:
        raise ValidationError(
            _(
                "Phiếu bầu cho {name} ({title}) đã ghi trong biên bản họp Hội đồng; đợt này đã gửi hồ sơ {n} đề "
                "nghị lên cấp trên kèm biên bản đó nên không ghi lại được kết quả bỏ phiếu khác với biên bản."
            ).format(name=name, title=title, n=sent),
            field="agree",
            row=int(row["id"]),
        )


def _refuse_ballot_on_leaver(
    store: Store, row: dict[str, Any], meeting: date, members: list[dict[str, Any]], name: str, title: str
) -> None:
    """A ballot is counted on members who worked in the unit on the meeting's day. The leaving of a member is often
    typed in after the council was saved, so the check of :func:`set_council` is made again here: the leaver would
    count in the total and among those present."""
    clean = [{"full_name": m["full_name"], "staff_id": m["staff_id"], "attended": m["attended"]} for m in members]
    try:
        _refuse_out_of_service(store, meeting, clean, kept=set())
    except ValidationError as exc:
        voted = store.scalar(
            "SELECT count(*) FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?",
            (row["round_id"],),
        )
        advice = (
            _(
                "Hội đồng đã bỏ phiếu cho {n} đề nghị nên thành phần Hội đồng không sửa được nữa; hãy kiểm tra lại "
                "ngày bắt đầu, ngày thôi công tác của người này trong danh sách cán bộ."
            ).format(n=voted)
            if voted
            else _("Chưa có phiếu nào tính trên Hội đồng này: hãy sửa thành phần Hội đồng trước, rồi ghi phiếu.")
        )
        raise ValidationError(
            _("Chưa ghi được phiếu bầu cho {name} ({title}): {reason} {advice}").format(
                name=name, title=title, reason=str(exc), advice=advice
            ),
            field="members",
            row=int(row["id"]),
        ) from None


def _refuse_revote_under_dossier(store: Store, pack: Any, row: dict[str, Any], name: str) -> None:
    """A passed CSTĐCS is not voted again once a dossier sent up counts on it
    (:func:`desktop.ops.review.dossier_guard.resting_on_cstdcs`): a failed re-vote would leave the province deciding
    on a title the council took back."""
    year = int(store.scalar("SELECT year FROM review_rounds WHERE id = ?", (row["round_id"],)))
    dependents = resting_on_cstdcs(store, pack, staff_id=int(row["staff_id"]), year=year, skip_id=int(row["id"]))
    if not dependents:
        return
    which, dossiers = describe(store, pack, dependents)
    raise ValidationError(
        _(
            "{name} đã được Hội đồng bỏ phiếu đạt Chiến sĩ thi đua cơ sở năm {year}; hồ sơ đề nghị số {dossiers} "
            "đã gửi lên cấp trên các đề nghị dựa vào danh hiệu này: {which}. Không bỏ phiếu lại được; nếu cần xét "
            "lại, hãy báo cấp trên rút các đề nghị đó trước."
        ).format(name=name, year=year, dossiers=dossiers, which=which),
        field="nomination_id",
        row=int(row["id"]),
    )
