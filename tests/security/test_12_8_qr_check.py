"""Issue 12, point 8 — the QR check says what a clerk needs (``tdkt verify``).

Scanned text is normalised (NFD/NFC) and UTF-16 scanner files are read; a certificate of a revoked or replaced
decision, or an own-unit payload that is not in the register, exits 1 with the reason.

Crafted QR texts and scanner files (marked ``crafted``): each is answered with exit 1 and a Vietnamese reason
("KHÔNG …", or why the text is not a certificate code), never a traceback, and the check writes nothing (every
table hashed before and after).
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import unicodedata

import pytest

from desktop.cli import main
from desktop.documents.certificates.qr import parse_payload, sign_payload
from desktop.ops import certificates, review
from desktop.ops.certificates.data import _signing_pem
from desktop.store import open_store
from tests.security import assert_no_traceback, cases, crafted, database_hash


@pytest.fixture(scope="module")
def _demo_with_certificates(tmp_path_factory):
    """The demo commune with certificates switched on; the QR payloads of its 2024 LĐTT decision."""
    path = tmp_path_factory.mktemp("qr") / "tdkt.sqlite3"
    assert main(["--db", str(path), "demo", "--today", "2025-12-04"]) == 0
    assert (
        main(["--db", str(path), "certificates", "optional", "on", "--cite", "Quyết định 99/2025/QĐ-UBND (ví dụ)"]) == 0
    )
    decision = _ldtt_2024(path)
    store = open_store(path)
    try:
        payloads = [d.qr_payload for d in certificates.certificate_data_for_decision(store, decision_id=decision["id"])]
    finally:
        store.close()
    return path, decision, payloads


@pytest.fixture
def tdkt(_demo_with_certificates, db_path, capsys):
    shutil.copyfile(_demo_with_certificates[0], db_path)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _ldtt_2024(db_path) -> dict:
    store = open_store(db_path)
    try:
        found = [d for d in review.list_decisions(store, year=2024) if d["subject"].endswith("động tiên tiến năm 2024")]
        found = [d for d in found if "Tập thể" not in d["subject"]]
        return review.get_decision(store, decision_id=found[0]["id"])
    finally:
        store.close()


@crafted
def test_verify_reads_what_scanners_write_and_exits_1_for_a_paper_no_longer_good(tdkt, db_path, tmp_path):
    """Issue 12.8: NFD text and UTF-16 scanner files are read; a certificate of a cancelled or replaced decision,
    or an own-unit code that is not in the register, exits 1 with the reason."""
    decision = _ldtt_2024(db_path)
    store = open_store(db_path)
    try:
        payloads = [d.qr_payload for d in certificates.certificate_data_for_decision(store, decision_id=decision["id"])]
    finally:
        store.close()
    decomposed = unicodedata.normalize("NFD", payloads[0])
    assert decomposed != payloads[0]
    code, stdout, _err = tdkt("verify", decomposed)
    assert code == 0 and "khớp sổ" in stdout
    for encoding in ("utf-16", "utf-16-le"):
        scanned = tmp_path / f"scan-{encoding}.txt"
        scanned.write_bytes(("Mã QR: " + payloads[1] + "\r\n").encode(encoding))
        code, stdout, _err = tdkt("verify", str(scanned))
        assert code == 0 and "khớp sổ" in stdout, encoding
    # Our own key, but a certificate the register does not have (its line was removed by a replacement):
    code, _out, err = tdkt(
        "decision", "replace", decision["number_text"], "--year", "2024", "--date", "2025-01-10",
        "--reason", "Bỏ người số 1", "--remove-register-no", "1",
    )  # fmt: skip
    assert code == 0, err
    code, stdout, _err = tdkt("verify", payloads[0], "--json")
    result = json.loads(stdout)
    assert code == 1 and result["genuine"] is True and result["valid"] is False
    assert "THAY THẾ" in result["message"]
    # Signed with our own key, but no such certificate in our register (a forged print, or a wrong database):
    store = open_store(db_path)
    try:
        fields = dataclasses.replace(parse_payload(payloads[1]), decision_number="999/QĐ-UBND")
        forged = sign_payload(_signing_pem(store), fields)
    finally:
        store.close()
    code, stdout, _err = tdkt("verify", forged, "--json")
    result = json.loads(stdout)
    assert code == 1 and result["genuine"] is True and result["valid"] is False
    assert "sổ không có" in result["message"]


# -- crafted QR texts: exit 1 with the reason, nothing written ------------------------------------------------------


QR_TEXTS = {
    "empty": lambda p: "",
    "spaces-only": lambda p: "   ",
    "plain-words": lambda p: "xin chào, đây là giấy khen",
    "url": lambda p: "https://evil.example/giay-khen?id=1",
    "truncated-half": lambda p: p[0][: len(p[0]) // 2],
    "signature-cut": lambda p: p[0].rsplit("|", 1)[0],
    "name-changed": lambda p: p[0].replace(parse_payload(p[0]).name, "Nguyễn Văn Giả"),
    "register-no-changed": lambda p: p[0].replace(f"|{parse_payload(p[0]).register_no}|", "|999|", 1),
    "nul-inside": lambda p: p[0][:10] + "\x00" + p[0][10:],
    "rlo-inside": lambda p: p[0][:10] + "\u202e" + p[0][10:],
    "two-payloads-glued": lambda p: p[0] + p[1],
    "only-prefix": lambda p: "TDKT",
    "many-pipes": lambda p: "TDKT" + "|" * 5000,
    "huge-text": lambda p: "TDKT|" + "A" * 200_000,
}


@pytest.mark.parametrize("make", cases(QR_TEXTS))
def test_a_crafted_qr_text_is_not_accepted(make, tdkt, db_path, _demo_with_certificates):
    payloads = _demo_with_certificates[2]
    text = make(payloads)
    before = database_hash(db_path)
    code, out, err = tdkt("verify", text, "--json")
    assert code == 1, (out[:500], err)
    assert_no_traceback(out, err)
    result = json.loads(out)
    assert result["valid"] is False and result["message"].strip(), result
    assert database_hash(db_path) == before


SCAN_FILES = {
    "binary-png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "utf16-garbage": "khong phai ma QR".encode("utf-16"),
    "latin1-bytes": b"TDKT|\xff\xfe\xfd|1|2",
    "nul-only": b"\x00" * 500,
    "bom-only": b"\xef\xbb\xbf",
}


@pytest.mark.parametrize("data", cases(SCAN_FILES))
def test_a_crafted_scanner_file_is_not_accepted(data, tdkt, db_path, tmp_path):
    scanned = tmp_path / "scan.txt"
    scanned.write_bytes(data)
    before = database_hash(db_path)
    code, out, err = tdkt("verify", str(scanned), "--json")
    assert code == 1, (out[:500], err)
    assert_no_traceback(out, err)
    assert json.loads(out)["valid"] is False
    assert database_hash(db_path) == before


@crafted
def test_a_certificate_of_a_revoked_decision_exits_1_with_the_reason(tdkt, db_path, _demo_with_certificates):
    _path, decision, payloads = _demo_with_certificates
    code, _out, err = tdkt("decision", "revoke", decision["number_text"], "--year", "2024", "--reason", "Sai đối tượng")
    assert code == 0, err
    before = database_hash(db_path)
    code, out, err = tdkt("verify", payloads[0], "--json")
    result = json.loads(out)
    assert code == 1 and result["genuine"] is True and result["valid"] is False, result
    assert "HỦY" in result["message"].upper(), result["message"]
    assert_no_traceback(out, err)
    assert database_hash(db_path) == before


@crafted
def test_a_certificate_signed_by_a_unit_nobody_trusts_exits_1(tdkt, db_path, tmp_path, _demo_with_certificates):
    from tests.exchange import make_unit

    stranger = make_unit(tmp_path / "la", name="Ủy ban nhân dân xã Giả Mạo")
    try:
        forged = sign_payload(_signing_pem(stranger), parse_payload(_demo_with_certificates[2][0]))
    finally:
        stranger.close()
    before = database_hash(db_path)
    code, out, err = tdkt("verify", forged, "--json")
    result = json.loads(out)
    assert code == 1 and result["genuine"] is False and result["valid"] is False, result
    assert "KHÔNG" in result["message"]
    assert_no_traceback(out, err)
    assert database_hash(db_path) == before
