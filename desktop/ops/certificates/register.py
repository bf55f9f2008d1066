"""The register of printed sheets and reprints (with their reason), per decision and awardee."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from desktop.domain.dates import format_date
from desktop.domain.text import nfc
from desktop.i18n import N_, _, label
from desktop.ops import review
from desktop.ops.certificates.papers import paper_name
from desktop.ops.review.decisions import find_decision
from desktop.store import NotFoundError, Store, ValidationError, certificates_repo
from desktop.store.certificates_repo import REPRINT_REASONS, serial_key

REPRINT_LABELS: dict[str, str] = {
    "spoiled": N_("Hỏng phôi"),
    "correction": N_("Sửa nội dung in sai"),
    "other": N_("Lý do khác"),
}


def record_reprint(
    store: Store,
    *,
    print_id: int,
    reason: str,
    note: str = "",
    serial: str = "",
    printer: str | None = None,
    qr_payload: str | None = None,
) -> int:
    """Record that the certificate of print ``print_id`` was printed again, and why; returns the new print id.

    ``qr_payload`` is the QR text on the new sheet: it is signed again when the sheet is drawn (with the unit's key
    of that day, which may have been replaced since the first print), and the register keeps what is on the paper.
    Without it (a sheet recorded without being drawn here) the first print's is kept."""
    original = certificates_repo.get_print(store, int(print_id))
    if original is None:
        raise NotFoundError(_("Không có lần in mã {id} trong sổ theo dõi.").format(id=print_id))
    reason, note = check_reprint_reason(reason, note)
    serial = (serial or "").strip()
    with store.transaction(operation="certificates.reprint"):
        # Read under the write lock: another window may have cancelled or replaced the decision, or recorded this
        # form serial, while the sheet was being printed; the register records only what is still true.
        # (the awardee's row is a foreign key of the print: it is there; whether the decision still lists it is not)
        awardee = store.query_one("SELECT * FROM decision_awardees WHERE id = ?", (int(original["awardee_id"]),)) or {}
        refuse_changed_decision(store, int(original["decision_id"]), [awardee], 1)
        refuse_used_serials(store, [(serial, awardee)])
        return certificates_repo.insert_print(
            store,
            awardee_id=int(original["awardee_id"]),
            decision_id=int(original["decision_id"]),
            template_id=original["template_id"],
            mode=original["mode"],
            printer_name=original["printer_name"] if printer is None else printer,
            form_serial=serial,
            printed_by=store.actor,
            qr_payload=original["qr_payload"] if qr_payload is None else qr_payload,
            reprint_of=int(print_id),
            reprint_reason=reason,
            reprint_note=note,
        )


def check_reprint_reason(reason: str, note: str = "") -> tuple[str, str]:
    """The reprint reason code ("spoiled", "correction", "other") and the note, cleaned; refused when the code is
    unknown, or "other" has no note saying why."""
    reason = (reason or "").strip()
    note = nfc(note or "").strip()
    if reason not in REPRINT_REASONS:
        raise ValidationError(
            _("Lý do in lại “{reason}” không hợp lệ; chỉ nhận: {allowed}.").format(
                reason=reason, allowed=", ".join(_(REPRINT_LABELS[r]) for r in REPRINT_REASONS)
            ),
            field="reason",
        )
    if reason == "other" and not note:
        raise ValidationError(_("Hãy ghi rõ lý do in lại."), field="note")
    return reason, note


def latest_print(store: Store, *, awardee_id: int | None = None, print_id: int | None = None) -> dict[str, Any]:
    """The print a reprint continues: ``print_id`` itself, or the latest print of ``awardee_id``; refused (naming the
    awardee) when it has never been printed."""
    if print_id is not None:
        row = certificates_repo.get_print(store, int(print_id))
        if row is None:
            raise NotFoundError(_("Không có lần in mã {id} trong sổ theo dõi.").format(id=print_id))
        return row
    awardee = store.query_one(
        "SELECT a.id, a.register_no, a.snapshot_name, d.number_text FROM decision_awardees a "
        "JOIN decisions d ON d.id = a.decision_id WHERE a.id = ?",
        (int(awardee_id or 0),),
    )
    if awardee is None:
        raise NotFoundError(_("Không có người được khen mã {id} trong quyết định nào.").format(id=awardee_id))
    rows = certificates_repo.prints_for_awardees(store, [int(awardee["id"])])[int(awardee["id"])]
    if not rows:
        raise ValidationError(
            _(
                "Giấy của {name} (số sổ vàng {register_no}, Quyết định số {number}) chưa in lần nào; hãy in lần "
                "đầu bằng “In” (lệnh “tdkt certificates render”), không phải “In lại”."
            ).format(name=awardee["snapshot_name"], register_no=awardee["register_no"], number=awardee["number_text"]),
            field="awardee_id",
        )
    return rows[-1]


_NAMED = 10  # awardees named in a refusal; the others are counted


def refuse_printed(store: Store, awardees: Sequence[dict[str, Any]]) -> None:
    """Refuse to record a first print (an original) of awardees already printed: a second sheet is a reprint, with
    its reason (“In lại”), so the register shows why two sheets exist. Names every awardee already printed.

    Called before a render (to save the clerk the wait) and inside the recording transaction (the guard)."""
    prints = certificates_repo.prints_for_awardees(store, [int(a["id"]) for a in awardees])
    printed = [(a, prints[int(a["id"])]) for a in awardees if prints.get(int(a["id"]))]
    if not printed:
        return
    which = "; ".join(
        _("{name} (số sổ vàng {register_no}, đã in {times} lần, lần cuối ngày {date})").format(
            name=a["snapshot_name"],
            register_no=a["register_no"],
            times=len(rows),
            date=format_date(rows[-1]["printed_at"]),
        )
        for a, rows in printed[:_NAMED]
    )
    if len(printed) > _NAMED:
        which += "; " + _("và {n} người khác").format(n=len(printed) - _NAMED)
    raise ValidationError(
        _(
            "Đã in giấy cho {count} người trong đợt này: {which}. Mỗi giấy khen, bằng chứng nhận chỉ có một bản "
            "gốc; muốn in thêm tờ cho người đã in, hãy dùng “In lại” và ghi lý do (lệnh “tdkt certificates reprint”), "
            "hoặc (trong cửa sổ) bỏ chọn những người đã in. Chưa ghi gì vào sổ theo dõi in."
        ).format(count=len(printed), which=which),
        field="awardee_ids",
        row=int(printed[0][0]["id"]),
    )


def refuse_changed_decision(store: Store, decision_id: int, awardees: Iterable[dict[str, Any]], count: int) -> None:
    """Refuse to record ``count`` printed sheets of ``awardees`` unless their decision is still in force and still
    lists each of them as it was when the sheets were prepared (same line, same register number, same name).

    Called inside the recording transaction (``BEGIN IMMEDIATE``), so what it reads is the last word."""
    decision = find_decision(store, decision_id, None)
    number = decision["number_text"]
    if decision["status"] == "revoked":
        raise ValidationError(
            _(
                "Quyết định số {number} đã bị hủy bỏ, khen thưởng đã bị thu hồi (lý do: {reason}); không ghi {count} "
                "tờ vừa in vào sổ theo dõi in, và không phát các tờ này."
            ).format(number=number, reason=decision["status_reason"], count=count),
            field="decision_id",
        )
    if decision["status"] == "corrected":
        raise ValidationError(
            _(
                "Quyết định số {number} đã bị thay thế bằng Quyết định số {newer} (lý do: {reason}); không ghi "
                "{count} tờ vừa in vào sổ theo dõi in, và không phát các tờ này; hãy in theo quyết định mới."
            ).format(number=number, newer=decision["replaced_by"] or "", reason=decision["status_reason"], count=count),
            field="decision_id",
        )
    if decision["status"] != "issued":
        raise ValidationError(
            _(
                "Quyết định số {number} đang ở trạng thái “{status}”; không ghi {count} tờ vừa in vào sổ theo dõi in."
            ).format(number=number, status=label(review.DECISION_STATUSES, decision["status"]), count=count),
            field="decision_id",
        )
    now = {
        int(a["id"]): a
        for a in store.query(
            "SELECT id, register_no, snapshot_name FROM decision_awardees WHERE decision_id = ?", (decision_id,)
        )
    }
    for awardee in awardees:
        current = now.get(int(awardee.get("id") or 0))
        if current is None or any(current[key] != awardee[key] for key in ("register_no", "snapshot_name")):
            raise ValidationError(
                _(
                    "{name} (số sổ vàng {register_no}) không còn trong Quyết định số {number} như lúc chuẩn bị in; "
                    "không ghi {count} tờ vừa in vào sổ theo dõi in, và không phát các tờ này."
                ).format(
                    name=awardee.get("snapshot_name") or (current or {}).get("snapshot_name") or "",
                    register_no=awardee.get("register_no") or (current or {}).get("register_no") or "",
                    number=number,
                    count=count,
                ),
                field="awardee_ids",
                row=int(awardee.get("id") or 0) or None,
            )


def refuse_used_serials(store: Store, sheets: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Refuse form serials used twice: twice among ``sheets`` (each a serial and the awardee it is printed for),
    already recorded in the register for any print, or spent by a print a restore could not put back in the register
    (named in the restore's audit event). Sheets without a serial are not checked.

    Serials are compared ignoring spaces around them and the case of letters (``certificates_repo.serial_key``).
    Inside the recording transaction this is the guard; before a long render it saves the clerk the wait."""
    first: dict[str, dict[str, Any]] = {}
    for serial, awardee in sheets:
        key = serial_key(serial)
        if not key:
            continue
        if key in first:
            earlier = first[key]
            raise ValidationError(
                _(
                    "Số seri phôi {serial} được dùng hai lần trong cùng đợt in: cho {first} (số sổ vàng {first_no}) "
                    "và cho {second} (số sổ vàng {second_no}). Mỗi tờ phôi mang một số seri riêng; số seri bắt đầu "
                    "cần có phần số (ví dụ AA000001) để các tờ sau được đánh số tiếp. Chưa ghi gì vào sổ theo dõi in."
                ).format(
                    serial=serial.strip(),
                    first=earlier["snapshot_name"],
                    first_no=earlier["register_no"],
                    second=awardee["snapshot_name"],
                    second_no=awardee["register_no"],
                ),
                field="serial",
                row=int(awardee["id"]),
            )
        first[key] = awardee
    used = certificates_repo.prints_with_serials(store, (serial for serial, _awardee in sheets))
    lost = certificates_repo.serials_lost_in_restores(store, (serial for serial, _awardee in sheets))
    for serial, awardee in sheets:
        row = used.get(serial_key(serial))
        if row is None:
            if serial_key(serial) in lost:
                _refuse_lost_serial(lost[serial_key(serial)], awardee)
            continue
        raise ValidationError(
            _(
                "Số seri phôi {serial} đã được ghi trong sổ theo dõi in cho {name} (số sổ vàng {register_no}, "
                "Quyết định số {number}) ngày {date}; mỗi tờ phôi chỉ dùng một lần, nên không ghi được tờ của "
                "{target} với số seri này. Chưa ghi gì vào sổ theo dõi in; hãy kiểm tra lại số seri phôi."
            ).format(
                serial=row["form_serial"],
                name=row["snapshot_name"],
                register_no=row["register_no"],
                number=row["decision_number"],
                date=format_date(row["printed_at"]),
                target=awardee["snapshot_name"],
            ),
            field="serial",
            row=int(awardee["id"]),
        )


def _refuse_lost_serial(lost: dict[str, str], awardee: dict[str, Any]) -> None:
    """Refuse a serial spent by a print made before a restore that could not put the print back in the register
    (``certificates_repo.serials_lost_in_restores``): the sheet was printed and handed out on that form."""
    who = lost["name"] or _("một người không rõ tên")
    if lost["decision"]:
        who = _("{name} (Quyết định số {number})").format(name=who, number=lost["decision"])
    when = (
        _("vào ngày {date}").format(date=format_date(lost["printed_at"]))
        if lost["printed_at"]
        else _("(không rõ ngày in)")
    )
    restored = (
        _("lần khôi phục dữ liệu ngày {date}").format(date=format_date(lost["restored_at"]))
        if lost["restored_at"]
        else _("một lần khôi phục dữ liệu")
    )
    raise ValidationError(
        _(
            "Số seri phôi {serial} đã in cho {who} {when}, trước {restored} từ bản sao lưu; bản sao lưu không có "
            "quyết định đó nên lần in không còn trong sổ theo dõi in, nhưng tờ phôi đã in và giao đi. Mỗi tờ phôi chỉ "
            "dùng một lần, nên không ghi được tờ của {target} với số seri này. Chưa ghi gì vào sổ theo dõi in; hãy "
            "dùng tờ phôi có số seri khác."
        ).format(serial=lost["form_serial"], who=who, when=when, restored=restored, target=awardee["snapshot_name"]),
        field="serial",
        row=int(awardee["id"]),
    )


def _reason_text(row: dict[str, Any]) -> str:
    if not row["reprint_reason"]:
        return ""
    label = _(REPRINT_LABELS.get(row["reprint_reason"], row["reprint_reason"]))
    return f"{label}: {row['reprint_note']}" if row["reprint_note"] else label


def print_register(store: Store, *, decision_id: int | None = None) -> list[dict[str, Any]]:
    """Per certificate: how many times it was printed, the form serials used and why it was reprinted.

    With ``decision_id``: every awardee of that decision (never printed ones too, count 0), register order.
    Without: every certificate printed at least once, by decision then register number.
    """
    if decision_id is not None:
        awardees = store.query(
            "SELECT a.*, d.number_text, d.decision_date, d.status AS decision_status FROM decision_awardees a "
            "JOIN decisions d ON d.id = a.decision_id "
            "WHERE a.decision_id = ? ORDER BY a.register_no",
            (decision_id,),
        )
    else:
        awardees = store.query(
            "SELECT a.*, d.number_text, d.decision_date, d.status AS decision_status FROM decision_awardees a "
            "JOIN decisions d ON d.id = a.decision_id "
            "WHERE a.id IN (SELECT awardee_id FROM certificate_prints) ORDER BY d.decision_date, d.id, a.register_no"
        )
    prints = certificates_repo.prints_for_awardees(store, [a["id"] for a in awardees])
    out = []
    for awardee in awardees:
        rows = prints.get(int(awardee["id"]), [])
        out.append(
            {
                "awardee_id": awardee["id"],
                "decision_id": awardee["decision_id"],
                "decision_number": awardee["number_text"],
                "decision_date": awardee["decision_date"],
                # a sheet printed under a decision since replaced or revoked is to be recalled: the register says so
                "decision_status": awardee["decision_status"],
                "decision_status_text": ""
                if awardee["decision_status"] == "issued"
                else label(review.DECISION_STATUSES, awardee["decision_status"]),
                "register_no": awardee["register_no"],
                "name": awardee["snapshot_name"],
                "code": awardee["code"],
                "target_kind": awardee["target_kind"],
                "times_printed": len(rows),
                "reprints": sum(1 for r in rows if r["reprint_of"]),
                "serials": [r["form_serial"] for r in rows if r["form_serial"]],
                "reprint_reasons": [_reason_text(r) for r in rows if r["reprint_reason"]],
                "last_printed_at": rows[-1]["printed_at"] if rows else None,
                "last_print_id": rows[-1]["id"] if rows else None,
                "prints": [
                    {
                        "id": r["id"],
                        "printed_at": r["printed_at"],
                        "printed_by": r["printed_by"],
                        "printer": r["printer_name"],
                        "mode": r["mode"],
                        "template_id": r["template_id"],
                        "serial": r["form_serial"],
                        "reprint_of": r["reprint_of"],
                        "reason": r["reprint_reason"],
                        "reason_text": _reason_text(r),
                    }
                    for r in rows
                ],
            }
        )
    return out


def decision_awardees(store: Store, *, decision_id: int) -> list[dict[str, Any]]:
    """A decision's awardees in register order with their print counts (for the page's checklist)."""
    register = {r["awardee_id"]: r for r in print_register(store, decision_id=decision_id)}
    rows = review.get_decision(store, decision_id=decision_id)["awardees"]
    for row in rows:
        entry = register.get(row["id"], {})
        row["paper_name"] = paper_name(row["paper"])
        row["times_printed"] = entry.get("times_printed", 0)
        row["serials"] = entry.get("serials", [])
        row["last_print_id"] = entry.get("last_print_id")
    return rows
