"""The register of printed sheets and reprints (with their reason), per decision and awardee."""

from __future__ import annotations

from typing import Any

from desktop.domain.text import nfc
from desktop.i18n import N_, _
from desktop.ops import review
from desktop.ops.certificates.papers import paper_name
from desktop.store import NotFoundError, Store, ValidationError, certificates_repo
from desktop.store.certificates_repo import REPRINT_REASONS

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
) -> int:
    """Record that the certificate of print ``print_id`` was printed again, and why; returns the new print id."""
    original = certificates_repo.get_print(store, int(print_id))
    if original is None:
        raise NotFoundError(_("Không có lần in mã {id} trong sổ theo dõi.").format(id=print_id))
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
    serial = (serial or "").strip()
    with store.transaction(operation="certificates.reprint"):
        return certificates_repo.insert_print(
            store,
            awardee_id=int(original["awardee_id"]),
            decision_id=int(original["decision_id"]),
            template_id=original["template_id"],
            mode=original["mode"],
            printer_name=original["printer_name"] if printer is None else printer,
            form_serial=serial,
            printed_by=store.actor,
            qr_payload=original["qr_payload"],
            reprint_of=int(print_id),
            reprint_reason=reason,
            reprint_note=note,
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
            "SELECT a.*, d.number_text, d.decision_date FROM decision_awardees a "
            "JOIN decisions d ON d.id = a.decision_id "
            "WHERE a.decision_id = ? ORDER BY a.register_no",
            (decision_id,),
        )
    else:
        awardees = store.query(
            "SELECT a.*, d.number_text, d.decision_date FROM decision_awardees a "
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
