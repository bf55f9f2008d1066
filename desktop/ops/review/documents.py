"""The data of the review's documents: tờ trình and lists, biên bản, quyết định, payment list, register.

Each ``*_doc`` function fills a plain dataclass of :mod:`desktop.documents.review_data`; their text is the text of
Vietnamese administrative documents (the language of the law), so it is data, not translated UI text. The
achievement report and the unit's header are read below the operations
(:mod:`desktop.documents.achievement_report`), because the dossier package attaches the report.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from desktop.documents.achievement_report import nomination_line, unit_header
from desktop.documents.review_data import (
    AwardLine,
    BallotLine,
    CouncilMemberLine,
    DecisionDoc,
    MinutesDoc,
    PaymentListDoc,
    ProposalDoc,
    RegisterDoc,
    RegisterEntry,
    UnitHeader,
)
from desktop.domain import signing
from desktop.domain.amount_words import amount_in_words
from desktop.domain.rules import RulePackError
from desktop.domain.text import nfc
from desktop.i18n import _
from desktop.ops import officials
from desktop.ops.review.common import basis_lines
from desktop.ops.review.decisions import get_decision
from desktop.ops.review.dossier import proposed_upward_ids
from desktop.ops.review.money_check import unconfirmed_money_notes
from desktop.ops.review.money_lines import OWED_MARK, highest_title, money_day
from desktop.ops.review.register import register_entries
from desktop.ops.review.signatures import decision_issuer, issuer_signing, signature_lines, unit_signing
from desktop.store import NotFoundError, Store, ValidationError, unit_repo
from desktop.store.review_repo import get_round_row, nominations, recipient_key
from desktop.store.rules_repo import effective_pack

# Roles printed on documents; the documents are in Vietnamese whatever the screen language.
_ROLE_TEXT = {
    "chair": "Chủ tịch Hội đồng",
    "deputy": "Phó Chủ tịch Hội đồng",
    "member": "Ủy viên",
    "secretary": "Thư ký",
}


def _council_date(store: Store, round_id: int) -> date | None:
    value = store.scalar("SELECT meeting_date FROM councils WHERE round_id = ?", (round_id,))
    return date.fromisoformat(value) if value else None


def standing_agency_symbol(agency: str) -> str:
    """The abbreviation of the council's standing agency in document numbers: "Phòng Văn hóa - Xã hội" → "VHXH".

    "Phòng" is dropped ("Phòng Kinh tế" → "KT"), "Văn phòng …" is "VP"; words already in capitals ("HĐND") stay
    whole, "Đ" stays (as in "HĐND"), other accents go.
    """
    name = nfc(agency)
    if name.lower().startswith("văn phòng"):
        return "VP"
    if name.lower().startswith("phòng "):
        name = name[len("phòng ") :]
    letters = []
    for word in name.replace("-", " ").replace(",", " ").split():
        if word.lower() in ("và", "của"):
            continue
        if len(word) > 1 and word.isupper():
            letters.append(word)
            continue
        first = word[0].upper()
        if first != "Đ":
            first = "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))
        letters.append(first)
    return nfc("".join(letters))


def _council_chair(store: Store, round_id: int) -> str:
    return str(
        store.scalar(
            "SELECT m.full_name FROM council_members m JOIN councils c ON c.id = m.council_id "
            "WHERE c.round_id = ? AND m.role = 'chair'",
            (round_id,),
        )
        or ""
    )


def proposal_doc(
    store: Store, *, round_id: int, upward: bool, doc_date: date | None = None, dossier_id: int | None = None
) -> ProposalDoc:
    """Tờ trình and danh sách đề nghị: the unit's own list or the list sent up to the province.

    The list sent up is one sending (:func:`proposed_upward_ids`): dossier ``dossier_id``'s nominations when
    given, else the nominations ready that no dossier has taken yet, else the latest dossier's.

    The unit's own list is issued by the council's standing agency (unit setting ``standing_agency``, e.g. "Phòng
    Văn hóa - Xã hội"), addressed to the chair and signed by the agency's head; its number's symbol comes from the
    agency ("TTr-VHXH"), the same on the tờ trình and on its list. Without a standing agency the council itself
    issues it ("TTr-HĐTĐKT"), signed by the council's chair. The list for the province is the unit's, to the
    province's chair, signed by the unit's head.
    """
    if dossier_id is not None and not upward:
        raise ValidationError(
            _("Hồ sơ đề nghị số {id} gửi cấp trên: chỉ in được tờ trình và danh sách đề nghị lên cấp trên.").format(
                id=dossier_id
            ),
            field="dossier_id",
        )
    pack = effective_pack(store)
    round_row = get_round_row(store, round_id)
    unit = unit_repo.get_unit(store) or {}
    year = round_row["year"]
    if upward:
        # What is proposed is what is sent: the next dossier's nominations, or those of a dossier already sent.
        sent = proposed_upward_ids(store, round_id, dossier_id=dossier_id)
        lines = [n for n in nominations(store, pack, round_row) if n["id"] in sent]
    else:
        statuses = ("proposed", "passed", "decided")
        lines = [
            n for n in nominations(store, pack, round_row) if n["conferred_by"] == "unit" and n["status"] in statuses
        ]
    kind, name, head = unit_signing(store)
    peoples_committee = bool(signing.body_name(kind, name))
    level = _level_word(str(unit.get("commune_name") or "")) if kind == "ubnd_xa" else ""
    council = "Hội đồng Thi đua - Khen thưởng" + (f" {level}" if level else "")
    issuer = issuer_role = signer_name = ""
    signer_lines: tuple[str, ...] = ()
    symbol = "TTr-UBND" if peoples_committee else "TTr"
    if upward:
        recipient = f"Chủ tịch {signing.province_body(str(unit.get('province_name') or ''))}".strip()
        subject = f"Về việc đề nghị khen thưởng cấp tỉnh năm {year}"
    else:
        recipient = signing.authority(head, name, kind)
        subject = f"Về việc đề nghị tặng danh hiệu thi đua và hình thức khen thưởng năm {year}"
        agency = nfc(str(unit.get("standing_agency") or ""))
        if agency:
            issuer, issuer_role = agency, f"cơ quan thường trực {council}"
            symbol = f"TTr-{standing_agency_symbol(agency) or 'TĐKT'}"
            title = nfc(str(unit.get("standing_agency_head_title") or "")) or "Thủ trưởng cơ quan"
            signer_lines, signer_name = (title.upper(),), nfc(str(unit.get("standing_agency_head_name") or ""))
        else:
            issuer, symbol = council, "TTr-HĐTĐKT"
            signer_lines, signer_name = ("CHỦ TỊCH HỘI ĐỒNG",), _council_chair(store, round_id)
    doc_date = doc_date or _council_date(store, round_id) or date.today()
    return ProposalDoc(
        unit=officials.unit_header_on(store, doc_date) if upward else unit_header(store),
        number_text="",
        doc_date=doc_date,
        recipient=recipient,
        year=year,
        subject=subject,
        lines=tuple(nomination_line(i, n) for i, n in enumerate(lines, start=1)),
        legal_basis=basis_lines(store, doc_date, organisation_law=False),
        summary=round_row["notes"],
        issuer=issuer,
        issuer_role=issuer_role,
        symbol=symbol,
        signer_lines=signer_lines,
        signer_name=signer_name,
    )


def _level_word(commune_name: str) -> str:
    """ "xã", "phường" or "đặc khu" from the commune's official name ("Xã Lũng Cú" → "xã")."""
    lowered = nfc(commune_name).lower()
    for level in ("đặc khu", "phường", "xã"):
        if lowered.startswith(level + " "):
            return level
    return "xã"


def minutes_doc(store: Store, *, round_id: int) -> MinutesDoc:
    """Biên bản họp Hội đồng with who attended, absentees' written opinions and the ballot table."""
    pack = effective_pack(store)
    round_row = get_round_row(store, round_id)
    council = store.query_one("SELECT * FROM councils WHERE round_id = ?", (round_id,))
    if council is None:
        raise ValidationError(_("Đợt bình xét này chưa ghi cuộc họp Hội đồng."), field="round_id")
    members = store.query("SELECT * FROM council_members WHERE council_id = ? ORDER BY position, id", (council["id"],))
    member_lines = tuple(
        CouncilMemberLine(
            name=m["full_name"],
            role=_ROLE_TEXT[m["role"]],
            attended=bool(m["attended"]),
            written_opinion=m["written_opinion"],
        )
        for m in members
    )
    voted = [n for n in nominations(store, pack, round_row) if n["ballot"] is not None]
    meeting = date.fromisoformat(council["meeting_date"])
    try:
        counts_written = bool(pack.setting("ballot_counts_written_opinions", meeting))
    except RulePackError:
        counts_written = False
    ballot_lines = tuple(
        BallotLine(
            order=i,
            name=n["name"],
            code_name=n["code_name"],
            members_total=n["ballot"]["members_total"],
            agree=n["ballot"]["agree"],
            disagree=n["ballot"]["disagree"],
            invalid=n["ballot"]["invalid"],
            written_agree=n["ballot"]["written_agree"],
            written_disagree=n["ballot"]["written_disagree"],
            present=n["ballot"]["present"],
            counts_written=counts_written,
            passed=n["ballot"]["passed"],
            arithmetic=n["ballot"]["arithmetic"],
        )
        for i, n in enumerate(voted, start=1)
    )
    chair, chair_title = _presiding(members)
    secretary = _first(members, "secretary")
    return MinutesDoc(
        unit=unit_header(store),
        meeting_date=date.fromisoformat(council["meeting_date"]),
        location=council["location"],
        year=round_row["year"],
        members=member_lines,
        ballots=ballot_lines,
        chair_name=chair,
        secretary_name=secretary,
        notes=council["notes"],
        chair_title=chair_title,
    )


def _first(members: list[dict[str, Any]], role: str) -> str:
    """The first member of ``role`` who attended (one recorded absent neither ran the meeting nor signs its minutes),
    else the first of that role at all (a council recorded before absent chairs and secretaries were refused)."""
    present = [m for m in members if m["role"] == role and m["attended"]]
    return next((m["full_name"] for m in present or [m for m in members if m["role"] == role]), "")


def _presiding(members: list[dict[str, Any]]) -> tuple[str, str]:
    """Who presided, with the title the minutes print: the chair, or when the chair was absent a deputy present."""
    chair = next((m for m in members if m["role"] == "chair"), None)
    deputies = [m for m in members if m["role"] == "deputy" and m["attended"]]
    if chair is not None and not chair["attended"] and deputies:
        return deputies[0]["full_name"], _ROLE_TEXT["deputy"]
    return _first(members, "chair"), _ROLE_TEXT["chair"]


def _awardee_line(awardee: dict[str, Any]) -> AwardLine:
    return AwardLine(
        recipient_key=recipient_key(awardee),
        achievement=awardee.get("achievement") or "",
        order=awardee["register_no"],
        target_kind=awardee["target_kind"],
        name=awardee["snapshot_name"],
        position=awardee["snapshot_position"],
        department=awardee["snapshot_department"],
        gender=awardee["snapshot_gender"],
        code=awardee["code"],
        code_name=awardee["code_name"],
        category=awardee["category"],
        amount=int(awardee["amount"] or 0),
        register_no=awardee["register_no"],
        money_note=_money_note(str(awardee.get("arithmetic") or "")),
        name_mark=str(awardee.get("name_mark") or ""),
    )


_DIFFERENCE_MARK = "Chỉ chi phần chênh lệch:"


def _money_note(arithmetic: str) -> str:
    """The part of a line's arithmetic that says the money is what remained after an earlier decision of the year
    (a difference over a lower title, nothing more under a higher one, what is still owed of the highest)."""
    _head, mark, tail = arithmetic.partition(_DIFFERENCE_MARK)
    if mark:
        return tail.strip()
    if OWED_MARK in arithmetic:  # what is still owed of the year's highest title: the whole reason says why
        return arithmetic.strip()
    if arithmetic.startswith("Cùng năm") and "chỉ thưởng tiền cho danh hiệu cao nhất" in arithmetic:
        return arithmetic.strip()
    return ""


def _status_note(store: Store, decision: dict[str, Any]) -> str:
    """What a copy of a decision no longer in force says above its title."""
    if decision["status"] == "revoked":
        return "Quyết định đã bị hủy bỏ; khen thưởng và tiền thưởng đã bị thu hồi. Lý do: {reason}".format(
            reason=decision["status_reason"]
        )
    if decision["status"] == "corrected":
        newer = store.query_one(
            "SELECT number_text, decision_date FROM decisions WHERE replaces_id = ?", (decision["id"],)
        )
        when = f" ngày {date.fromisoformat(newer['decision_date']).strftime('%d/%m/%Y')}" if newer else ""
        return "Quyết định đã bị thay thế bằng Quyết định số {number}{when}. Lý do: {reason}".format(
            number=newer["number_text"] if newer else "", when=when, reason=decision["status_reason"]
        )
    return ""


def _signed_header(store: Store, decision: dict[str, Any]) -> UnitHeader:
    """The unit as the decision's documents print it: the issuer as it was when the decision was issued (its name,
    the body above it, the place and the head's authority line), the decision's signer."""
    issuer = decision_issuer(store, decision)
    _kind, _name, head = issuer_signing(issuer)
    return UnitHeader(
        parent_body=issuer["parent_body"].upper(),
        name=issuer["unit_name"].upper(),
        place_name=issuer["place_name"],
        head_title=head,
        head_name=decision["signer_name"],
        signature=signature_lines(store, decision),
    )


def decision_doc(store: Store, *, decision_id: int) -> DecisionDoc:
    """Quyết định with its attached list: register numbers, frozen snapshots, amounts, total in words.

    A replacing decision cites the old number and date (``replaces_*``); its builder adds the article.
    """
    decision = get_decision(store, decision_id=decision_id)
    lines = tuple(_awardee_line(a) for a in decision["awardees"])
    total = sum(line.amount for line in lines)
    # the lines it was signed with; a decision issued before schema 13 reads them from today's rule pack
    frozen = decision["legal_basis"]
    signed_on = date.fromisoformat(decision["decision_date"])
    basis = list(frozen) if frozen is not None else list(basis_lines(store, signed_on))
    old = (
        store.query_one("SELECT number_text, decision_date FROM decisions WHERE id = ?", (decision["replaces_id"],))
        if decision["replaces_id"]
        else None
    )
    return DecisionDoc(
        unit=_signed_header(store, decision),
        number_text=decision["number_text"],
        decision_date=date.fromisoformat(decision["decision_date"]),
        subject=decision["subject"],
        legal_basis=tuple(basis),
        achievement_text=decision["achievement_text"],
        lines=lines,
        total_amount=total,
        total_in_words=amount_in_words(total),
        status_note=_status_note(store, decision),
        replaces_number=old["number_text"] if old else "",
        replaces_date=date.fromisoformat(old["decision_date"]) if old else None,
    )


def payment_doc(store: Store, *, decision_id: int) -> PaymentListDoc:
    """Danh sách chi tiền thưởng: the paid lines of the decision, the total and the total in words.

    Its approver signs the way the decision was signed (the same mode and signer). While the amounts rest on a
    value (the base salary on the decision date, a coefficient) that the rule pack in force now marks unconfirmed,
    the list says so under its total (``unconfirmed_notes``, read again at every rendering).
    """
    decision = get_decision(store, decision_id=decision_id)
    lines = tuple(_awardee_line(a) for a in decision["awardees"] if a["amount"])
    total = sum(line.amount for line in lines)
    decision_date = date.fromisoformat(decision["decision_date"])
    status = _status_note(store, decision)
    # a list of a decision no longer in force pays nothing: nothing to say about its amounts
    paid = [(line.code, line.target_kind) for line in lines if not _owed_line(line)] if not status else []
    # a replacement that kept the amounts rests on the day they were reckoned, not on its own later date
    notes = unconfirmed_money_notes(store, paid, money_day(decision), decision=decision)
    if not status:
        notes = tuple(dict.fromkeys(notes + _owed_unconfirmed_notes(store, decision_id, lines)))
    return PaymentListDoc(
        unit=_signed_header(store, decision),
        decision_number_text=decision["number_text"],
        decision_date=decision_date,
        lines=lines,
        total_amount=total,
        total_in_words=amount_in_words(total),
        status_note=status,
        unconfirmed_notes=notes,
    )


def _owed_line(line: AwardLine) -> bool:
    """A line paying what is still owed of the year's highest title: reckoned by that title's date, not this
    decision's."""
    return OWED_MARK in line.money_note


def _owed_unconfirmed_notes(store: Store, decision_id: int, lines: tuple[AwardLine, ...]) -> tuple[str, ...]:
    """The unconfirmed-value notes of the lines paying what is still owed: their money is the highest title's, by
    the law of the day that title's amounts rest on (its decision's ``money_date``: a replacement that kept the
    amounts rests on the replaced decision's day, not its own later one, perhaps after a new base salary)."""
    owed = [line for line in lines if _owed_line(line)]
    if not owed:
        return ()
    pack = effective_pack(store)
    year = int(store.scalar("SELECT min(year) FROM awards WHERE decision_id = ?", (decision_id,)) or 0)
    notes: list[str] = []
    for line in owed:
        best = highest_title(store, pack, year, line.recipient_key) if year else None
        if best is None:
            continue
        day = best.get("money_date") or best["decision_date"]
        if not day:
            continue
        when = date.fromisoformat(str(day)[:10])
        notes += unconfirmed_money_notes(store, [(best["code"], best["target_kind"])], when)
    return tuple(notes)


def register_doc(store: Store, *, staff_id: int | None = None, department_id: int | None = None) -> RegisterDoc:
    """Sổ theo dõi khen thưởng of one person or one collective, across years."""
    if (staff_id is None) == (department_id is None):
        raise ValidationError(_("Hãy chọn một cán bộ hoặc một tập thể để in sổ khen thưởng."), field="staff_id")
    details: list[tuple[str, str]] = []
    if staff_id is not None:
        person = store.query_one(
            "SELECT s.*, d.name AS department FROM staff s LEFT JOIN departments d ON d.id = s.department_id "
            "WHERE s.id = ?",
            (staff_id,),
        )
        if person is None:
            raise NotFoundError(_("Không tìm thấy cán bộ có mã số nội bộ {id}.").format(id=staff_id))
        name, kind = person["full_name"], "individual"
        details = [
            ("Mã cán bộ", person["staff_code"]),
            (
                "Ngày sinh",
                date.fromisoformat(person["birth_date"]).strftime("%d/%m/%Y") if person["birth_date"] else "",
            ),
            ("Chức vụ", person["position"]),
            ("Đơn vị", person["department"] or ""),
        ]
    else:
        name = store.scalar("SELECT name FROM departments WHERE id = ?", (department_id,))
        if name is None:
            raise NotFoundError(_("Không tìm thấy tập thể số {id}.").format(id=department_id))
        kind = "collective"
    entries = tuple(
        RegisterEntry(
            year=e["year"],
            code_name=e["code_name"],
            category=e["category"],
            decision_number_text=e["decision_no"],
            decision_date=date.fromisoformat(e["decision_date"]) if e["decision_date"] else None,
            issuer=e["issuer"],
            register_no=e["register_no"],
            amount=int(e["amount"] or 0),
            source=e["source"],
        )
        for e in register_entries(store, staff_id=staff_id, department_id=department_id)
    )
    return RegisterDoc(
        unit=unit_header(store),
        subject_name=str(name),
        subject_kind=kind,
        details=tuple(details),
        entries=entries,
    )
