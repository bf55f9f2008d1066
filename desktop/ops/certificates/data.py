"""What each certificate of a decision prints, from the decision's frozen snapshot, with its signed QR text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from cryptography.hazmat.primitives import serialization

from desktop.documents.certificates import CertificateData, PayloadFields, sign_payload
from desktop.domain import signing
from desktop.domain.text import nfc
from desktop.exchange import keys as keymod
from desktop.i18n import _
from desktop.ops import review
from desktop.ops import rules as rules_ops
from desktop.ops.certificates.papers import _GIVE_WORDS, no_paper_message
from desktop.ops.review.signatures import decision_issuer, issuer_signing
from desktop.store import NotFoundError, Store, ValidationError, unit_repo


def _signing_pem(store: Store) -> bytes:
    """The unit's Ed25519 private key (PKCS#8 PEM), made on first use if setup did not make it."""
    keys = keymod.load_unit_keys(store)
    if keys is None:
        with store.transaction(operation="exchange.keys"):
            keys = keymod.ensure_unit_keys(store)
    return keys.signing_private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _decision(store: Store, decision_id: int | None, decision_number: str | None, year: int | None) -> dict[str, Any]:
    if decision_id is None and decision_number:
        text = nfc(decision_number)
        matches = [d for d in review.list_decisions(store, year=year) if d["number_text"] == text]
        if not matches:
            raise NotFoundError(_("Không tìm thấy quyết định {number}.").format(number=text))
        if len(matches) > 1:
            raise ValidationError(
                _("Có {n} quyết định số {number} ở các năm khác nhau; hãy chọn năm.").format(
                    n=len(matches), number=text
                ),
                field="year",
            )
        decision_id = int(matches[0]["id"])
    decision = review.get_decision(store, decision_id=decision_id)
    if decision["status"] == "revoked":
        raise ValidationError(
            _(
                "Quyết định số {number} đã bị hủy bỏ, khen thưởng đã bị thu hồi ({reason}); không in giấy khen, "
                "bằng chứng nhận theo quyết định này."
            ).format(number=decision["number_text"], reason=decision["status_reason"]),
            field="decision_id",
        )
    if decision["status"] == "corrected":
        newer = store.scalar("SELECT number_text FROM decisions WHERE replaces_id = ?", (decision["id"],))
        raise ValidationError(
            _("Quyết định số {number} đã bị thay thế bằng Quyết định số {newer}; hãy in theo quyết định mới.").format(
                number=decision["number_text"], newer=newer or ""
            ),
            field="decision_id",
        )
    return decision


def _prefix(awardee: dict[str, Any]) -> str:
    if awardee["target_kind"] != "individual":
        return ""
    gender = str(awardee.get("snapshot_gender") or "").upper()
    return {"M": "Ông", "F": "Bà"}.get(gender, "")  # printed on the certificate: never translated


def _pairs(
    store: Store, decision: dict[str, Any], awardee_ids: Iterable[int] | None
) -> list[tuple[dict[str, Any], CertificateData]]:
    """Each chosen awardee with what its paper prints; refuses an award that gets no paper (LĐTT by default)."""
    unit = unit_repo.get_unit(store) or {}
    # who issued it as it was on the day it was issued: a reprint after the unit was renamed or merged prints that
    issuer = decision_issuer(store, decision)
    kind, unit_name, head = issuer_signing(issuer)
    # the authority line is the head's whoever signs, naming the body once; the block above the name follows the
    # decision
    official = signing.authority(head, unit_name, kind)
    lines = review.signature_lines(store, decision)
    commune = issuer["commune_name"]
    unit_code = str(unit.get("commune_code") or unit.get("code") or "")  # the QR names the unit that signs it now
    issued_on = date.fromisoformat(decision["decision_date"])
    awardees = decision["awardees"]
    if awardee_ids is not None:
        wanted = {int(i) for i in awardee_ids}
        unknown = wanted - {int(a["id"]) for a in awardees}
        if unknown:
            raise NotFoundError(
                _("Quyết định số {number} không có người được khen mã {ids}.").format(
                    number=decision["number_text"], ids=", ".join(str(i) for i in sorted(unknown))
                )
            )
        awardees = [a for a in awardees if int(a["id"]) in wanted]
    else:
        awardees = [a for a in awardees if a["paper"]]  # the whole decision: only the awards that get a paper
    if not awardees:
        if awardee_ids is None and decision["awardees"]:
            first = decision["awardees"][0]
            raise ValidationError(no_paper_message(first["snapshot_name"], first["code_name"]), field="awardee_ids")
        raise ValidationError(_("Chưa chọn người nào để in giấy khen, bằng chứng nhận."), field="awardee_ids")
    for awardee in awardees:
        if not awardee["paper"]:
            raise ValidationError(no_paper_message(awardee["snapshot_name"], awardee["code_name"]), field="awardee_ids")
    awardees = sorted(awardees, key=lambda a: int(a["register_no"]))
    pem = _signing_pem(store)
    out = []
    for awardee in awardees:
        individual = awardee["target_kind"] == "individual"
        paper = awardee["paper"]
        payload = sign_payload(
            pem,
            PayloadFields(
                unit_code=unit_code,
                decision_number=decision["number_text"],
                register_no=str(awardee["register_no"]),
                name=awardee["snapshot_name"],
                issued_on=issued_on,
                paper=paper,
            ),
        )
        title = awardee["category"] == "title"
        data = CertificateData(
            recipient_prefix=_prefix(awardee),
            recipient_name=awardee["snapshot_name"],
            position=awardee["snapshot_position"] if individual else "",
            unit_name=awardee["snapshot_department"] if individual else (awardee["snapshot_department"] or commune),
            achievement=awardee["achievement"],
            award_name=nfc(awardee["code_name"]).upper(),
            give_word=_GIVE_WORDS.get(paper, "TẶNG DANH HIỆU" if title else "TẶNG"),
            decision_number_text=decision["number_text"],
            decision_date=issued_on,
            register_no=awardee["register_no"],
            place_name=issuer["place_name"],
            official_title=official,
            issuing_body=unit_name,
            signer_title=lines[-1],
            signing_line="\n".join(lines[:-1]),  # "TM. ỦY BAN NHÂN DÂN" and "KT. CHỦ TỊCH": every line above
            signer_name=decision["signer_name"],
            qr_payload=payload,
        )
        out.append((awardee, data))
    return out


def certificate_data_for_decision(
    store: Store, *, decision_id: int, awardee_ids: Iterable[int] | None = None
) -> list[CertificateData]:
    """What is printed for each awardee of a decision (or the chosen ones), in register-number order."""
    decision = _decision(store, decision_id, None, None)
    return [data for _awardee, data in _pairs(store, decision, awardee_ids)]


def first_certificate(store: Store, *, decision_id: int | None = None) -> CertificateData | None:
    """The first awardee's certificate of a decision (the latest issued one when none is given): editor preview."""
    if decision_id is None:
        issued = [d for d in review.list_decisions(store) if d["status"] == "issued"]
        if not issued:
            return None
        decision_id = int(issued[0]["id"])
    try:
        decision = _decision(store, decision_id, None, None)
        printable = [a for a in decision["awardees"] if a["paper"]]
        if not printable:
            return None
        return _pairs(store, decision, [printable[0]["id"]])[0][1]
    except (ValidationError, NotFoundError):
        return None


def sample_certificate(store: Store | None = None) -> CertificateData:
    """A made-up certificate for the editor when there is no decision yet."""
    unit = unit_repo.get_unit(store) if store is not None else None
    unit = unit or {}
    name = str(unit.get("name") or "Ủy ban nhân dân xã")
    kind = str(unit.get("unit_kind") or "") or "ubnd_xa"
    return CertificateData(
        recipient_prefix="Bà",
        recipient_name="Nguyễn Thị Minh Khai",
        position="Chuyên viên",
        unit_name="Văn phòng HĐND và UBND",
        achievement="Đã hoàn thành xuất sắc nhiệm vụ năm " + str(date.today().year),
        decision_number_text="1/QĐ-UBND",
        decision_date=date.today(),
        register_no=1,
        place_name=str(unit.get("place_name") or ""),
        official_title=signing.authority(str(unit.get("head_title") or "Chủ tịch"), name, kind),
        issuing_body=name,
        signer_title=str(unit.get("head_title") or "Chủ tịch"),
        signer_name=str(unit.get("head_name") or ""),
        qr_payload="TDKT1|00000|1/QĐ-UBND|1|Nguyễn Thị Minh Khai|2025-01-01|" + "A" * 86,
    )


def decision_summaries(store: Store, *, year: int | None = None) -> list[dict[str, Any]]:
    """Decisions for the page's picker: how many awards, how many of them get a paper, how many were printed."""
    pack = rules_ops.effective_pack(store)
    rows = review.list_decisions(store, year=year)
    counts: dict[int, list[int]] = {}
    for r in store.query(
        "SELECT a.decision_id, a.code, d.decision_date, EXISTS (SELECT 1 FROM certificate_prints p "
        "WHERE p.awardee_id = a.id) AS printed FROM decision_awardees a JOIN decisions d ON d.id = a.decision_id"
    ):
        entry = counts.setdefault(int(r["decision_id"]), [0, 0, 0])
        entry[0] += 1
        entry[1] += int(bool(pack.has(r["code"]) and pack.paper(r["code"], date.fromisoformat(r["decision_date"]))))
        entry[2] += int(r["printed"])
    for row in rows:
        row["awardees_count"], row["papers_count"], row["printed_count"] = counts.get(int(row["id"]), (0, 0, 0))
    return rows
