"""A scanned QR code checked: the unit's or a trusted unit's signature, and the register of this database."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from desktop.documents.certificates import PayloadError, PayloadFields, parse_payload, verify_payload
from desktop.domain.text import nfc
from desktop.exchange import keys as keymod
from desktop.exchange.importer import current_mode
from desktop.i18n import _
from desktop.ops import rules as rules_ops
from desktop.ops.certificates.papers import paper_name
from desktop.store import Store, unit_repo


def _known_keys(store: Store) -> tuple[dict[str, bytes], dict[str, dict[str, Any]]]:
    """Public signing keys by fingerprint (ours, old ones included, and every trusted peer) and who owns each."""
    unit = unit_repo.get_unit(store) or {}
    keys: dict[str, bytes] = {}
    owners: dict[str, dict[str, Any]] = {}
    for row in store.query("SELECT fingerprint, signing_public, active FROM unit_keys ORDER BY id DESC"):
        try:
            keys[row["fingerprint"]] = keymod.unb64(row["signing_public"], size=32)
        except ValueError:
            continue
        owners[row["fingerprint"]] = {
            "own": True,
            "unit_code": str(unit.get("commune_code") or ""),
            "unit_name": str(unit.get("name") or ""),
        }
    trusted = store.query(
        "SELECT fingerprint, signing_public, unit_code, unit_name FROM trusted_keys WHERE revoked = 0 ORDER BY id"
    )
    for row in trusted:
        if row["fingerprint"] in keys:
            continue
        try:
            keys[row["fingerprint"]] = keymod.unb64(row["signing_public"], size=32)
        except ValueError:
            continue
        owners[row["fingerprint"]] = {"own": False, "unit_code": row["unit_code"], "unit_name": row["unit_name"]}
    return keys, owners


def _earlier_codes(store: Store) -> set[str]:
    """Every commune code this unit had before today's, from the audit log of the unit's record (written by triggers
    and append-only: a code typed at setup and corrected later, or changed by a merger of communes, NĐ 129/2025).

    A certificate is signed with the code the unit had when it was printed (``data._pairs``), so a sheet printed
    before the change carries the old code; neither the decision's issuer block (schema 8) nor the print register
    keeps the code, the audit log does."""
    today = str(store.scalar("SELECT commune_code FROM unit ORDER BY id LIMIT 1") or "")
    codes: set[str] = set()
    for row in store.query(
        "SELECT json_extract(before, '$.commune_code') AS old, json_extract(after, '$.commune_code') AS new "
        "FROM audit_log WHERE table_name = 'unit'"
    ):
        codes.update(str(code) for code in (row["old"], row["new"]) if code)
    codes.discard(today)
    return codes


def read_scan_file(path: Path) -> str:
    """A scanner's output saved to a file: UTF-8, or UTF-16 (with or without BOM) as some Windows scanners write.

    Only the first 64 KB are read: a payload is one line, and a huge file chosen by mistake must not fill memory.
    """
    with Path(path).open("rb") as handle:
        data = handle.read(64 * 1024)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:200]:  # UTF-16 without a BOM: every other byte of ASCII text is NUL
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def extract_payload(text: str) -> str:
    """The certificate payload inside a scanner's output (it may add text around it): from "TDKT" to the line end.

    Normalised to NFC (a scanner or a paste may give decomposed letters: the signature is over the NFC text) and
    cleared of the zero-width characters and BOM some scanners add.
    """
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch for ch in text if ch not in "\ufeff\u200b\u200c\u200d")
    text = text.replace("\r", "\n")
    index = text.find("TDKT")
    if index < 0:
        return text.strip()
    return text[index:].split("\n", 1)[0].strip()


def _match_register(store: Store, fields: PayloadFields) -> dict[str, Any] | None:
    rows = (
        store.query(
            "SELECT a.id AS awardee_id, a.register_no, a.snapshot_name, a.code, d.id AS decision_id, d.number_text, "
            "d.decision_date, d.status FROM decision_awardees a JOIN decisions d ON d.id = a.decision_id "
            "WHERE d.number_text = ? AND d.decision_date = ? AND a.register_no = ?",
            (nfc(fields.decision_number), fields.issued_on.isoformat(), int(fields.register_no)),
        )
        if fields.register_no.isdigit()
        else []
    )
    wanted = nfc(fields.name).casefold()
    for row in rows:
        if nfc(row["snapshot_name"]).casefold() == wanted:
            row["times_printed"] = int(
                store.scalar("SELECT count(*) FROM certificate_prints WHERE awardee_id = ?", (row["awardee_id"],)) or 0
            )
            return row
    return None


def verify(store: Store, *, payload: str) -> dict[str, Any]:
    """Is this QR text genuine, which unit signed it, and does it match a certificate in our register?"""
    text = extract_payload(payload)
    keys, owners = _known_keys(store)
    result = verify_payload(text, keys)
    fields = result.fields
    out: dict[str, Any] = {
        "payload": text,
        "genuine": False,
        "valid": False,  # genuine AND (another unit's, or in our register on a decision still in force)
        "signer": None,
        "fingerprint": result.signer_fingerprint,
        "fields": None,
        "match": None,
        "unit_code_then": "",  # an earlier commune code of this unit, on a sheet printed before the code changed
        "message": result.message,
    }
    if fields is None:
        try:
            parse_payload(text)
        except PayloadError as exc:
            out["message"] = str(exc)
        return out
    out["fields"] = {
        "unit_code": fields.unit_code,
        "decision_number": fields.decision_number,
        "register_no": fields.register_no,
        "name": fields.name,
        "issued_on": fields.issued_on.isoformat(),
        "paper": fields.paper,
    }
    out["paper"] = fields.paper
    paper = paper_name(fields.paper) or _("Giấy chứng nhận")
    out["paper_label"] = paper
    if not result.genuine or result.signer_fingerprint is None:
        out["message"] = _(
            "KHÔNG xác nhận được {paper}: chữ ký không khớp khóa của đơn vị nào đã biết — nội dung mã QR có thể đã "
            "bị sửa, hoặc do một đơn vị chưa được tin cậy cấp."
        ).format(paper=paper.lower())
        return out
    owner = owners[result.signer_fingerprint]
    out["signer"] = {**owner, "fingerprint": result.signer_fingerprint}
    # printed with the unit's own key before its commune code changed: the code it had then (never a foreign key's)
    code_then = ""
    if owner["own"] and fields.unit_code != owner["unit_code"] and fields.unit_code in _earlier_codes(store):
        code_then = out["unit_code_then"] = fields.unit_code
    if owner["unit_code"] and fields.unit_code != owner["unit_code"] and not code_then:
        out["message"] = _(
            "KHÔNG hợp lệ: mã QR ghi mã đơn vị {claimed} nhưng được ký bằng khóa của {unit} (mã {code})."
        ).format(claimed=fields.unit_code, unit=owner["unit_name"], code=owner["unit_code"])
        return out
    own_code = str(store.scalar("SELECT commune_code FROM unit ORDER BY id LIMIT 1") or "")
    if not owner["own"] and own_code and owner["unit_code"] == own_code and current_mode(store) == "unit":
        # a key trusted from a file that claims this unit's own code: this unit signs only with its own keys
        out["message"] = _(
            "KHÔNG hợp lệ: {paper} ghi mã {code} của chính đơn vị này nhưng không được ký bằng khóa của đơn vị; khóa "
            "ký ({fingerprint}) là một khóa ngoài mang mã của đơn vị. Hãy gỡ khóa đó khỏi danh sách tin cậy."
        ).format(paper=paper.lower(), code=own_code, fingerprint=result.signer_fingerprint)
        return out
    out["genuine"] = True
    if not owner["own"]:
        out["valid"] = True
        out["message"] = _(
            "{paper} thật, do {unit} (mã {code}) cấp: Quyết định số {number} ngày {day}, số sổ vàng {register_no}, "
            "{name}. Giấy của đơn vị khác nên không có trong sổ của đơn vị này."
        ).format(
            paper=paper,
            unit=owner["unit_name"],
            code=owner["unit_code"],
            number=fields.decision_number,
            day=fields.issued_on.strftime("%d/%m/%Y"),
            register_no=fields.register_no,
            name=fields.name,
        )
        return out
    match = _match_register(store, fields)
    out["match"] = match
    if match is not None and not fields.paper:  # a version-1 code: the paper of the award in the register
        pack = rules_ops.effective_pack(store)
        on = date.fromisoformat(match["decision_date"])
        found = pack.paper(match["code"], on) if pack.has(match["code"]) else ""
        paper = paper_name(found) or paper
        out["paper"], out["paper_label"] = found, paper
    details = {
        "paper": paper,
        "kind": paper.lower(),
        "unit": owner["unit_name"],
        "number": fields.decision_number,
        "day": fields.issued_on.strftime("%d/%m/%Y"),
        "register_no": fields.register_no,
        "name": fields.name,
    }
    if match is None:
        out["message"] = _(
            "Chữ ký đúng của {unit} nhưng sổ không có {kind} này (Quyết định số {number} ngày {day}, số sổ vàng "
            "{register_no}, {name}): hãy kiểm tra lại."
        ).format(**details)
    elif match["status"] == "revoked":
        out["message"] = _(
            "{paper} thật của {unit} (Quyết định số {number} ngày {day}, số sổ vàng {register_no}, {name}) nhưng "
            "quyết định này ĐÃ BỊ HỦY BỎ, khen thưởng đã bị thu hồi."
        ).format(**details)
    elif match["status"] == "corrected":
        out["message"] = _(
            "{paper} thật của {unit} (Quyết định số {number} ngày {day}, số sổ vàng {register_no}, {name}) nhưng "
            "quyết định này ĐÃ BỊ THAY THẾ bằng quyết định khác."
        ).format(**details)
    else:
        out["valid"] = True
        out["message"] = _(
            "{paper} thật, do {unit} cấp, khớp sổ: Quyết định số {number} ngày {day}, số sổ vàng {register_no}, {name}."
        ).format(**details)
        if not match["times_printed"]:  # the award is real, but no print of its sheet was ever recorded
            out["message"] += " " + _(
                "Lưu ý: sổ theo dõi in chưa ghi lần in nào của tờ này (có thể in từ một tệp PDF đã lưu, hoặc một đợt "
                "in đã hủy): hãy hỏi đơn vị tờ này được in khi nào."
            )
    if code_then and match is not None:
        out["message"] += " " + _(
            "Mã đơn vị {code} trên mã QR là mã của chính đơn vị này khi tờ giấy được in; nay đơn vị mang mã {now}."
        ).format(code=code_then, now=owner["unit_code"])
    out["printed"] = bool(match and match["times_printed"])
    return out
