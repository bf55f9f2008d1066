"""Certificate operations on the demo commune's 2024 LĐTT decision: data, rendering, the print register, verify.

LĐTT gets no paper by default (money and a line in the decision); the ``ldtt`` fixture turns the optional
"Giấy chứng nhận" on, as a province or a unit may, so a large decision exercises printing.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.documents.certificates import CertificateError, PayloadFields, generate_keypair, sign_payload
from desktop.exchange import keys as keymod
from desktop.ops import certificates as ops
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import NotFoundError, ValidationError
from tests.demo_date import DEMO_TODAY


def _pdf_text(path) -> str:
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _ldtt_2024(store) -> dict:
    found = [d for d in review.list_decisions(store, year=2024) if d["subject"].endswith("Lao động tiên tiến năm 2024")]
    assert len(found) == 1
    return review.get_decision(store, decision_id=found[0]["id"])


@pytest.fixture
def ldtt(demo) -> dict:
    ops.set_optional_certificates(demo, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    return _ldtt_2024(demo)


def test_template_for_each_award():
    assert ops.template_for("LDTT", "individual") == "ldtt_a4"
    assert ops.template_for("CSTDCS", "individual") == "cstdcs_a4"
    assert ops.template_for("GIAY_KHEN", "individual") == "giay_khen_a4"
    assert ops.template_for("GIAY_KHEN", "collective") == "giay_khen_tap_the_a4"
    assert ops.template_for("BK_TINH", "individual") == "bang_khen_400x300"


def test_certificate_data_comes_from_the_frozen_snapshot(demo, ldtt):
    items = ops.certificate_data_for_decision(demo, decision_id=ldtt["id"])
    awardees = ldtt["awardees"]
    assert len(items) == len(awardees) > 10
    assert [int(i.register_no) for i in items] == sorted(a["register_no"] for a in awardees)
    first, person = items[0], awardees[0]
    assert first.recipient_name == person["snapshot_name"]
    assert first.recipient_prefix == {"M": "Ông", "F": "Bà"}[person["snapshot_gender"]]
    assert first.position == person["snapshot_position"]
    assert first.unit_name == person["snapshot_department"]
    assert first.award_name == "LAO ĐỘNG TIÊN TIẾN"
    assert first.decision_number_text == ldtt["number_text"]
    assert first.official_title == "Chủ tịch Ủy ban nhân dân xã Lũng Cú"
    assert first.place_name == "Lũng Cú"
    assert first.signer_name == ldtt["signer_name"]
    payload = first.qr_payload or ""
    assert payload.startswith(
        f"TDKT2|00715|{ldtt['number_text']}|1|{person['snapshot_name']}|{ldtt['decision_date']}|giay_chung_nhan|"
    )
    # only the chosen ones, still in register order
    chosen = [awardees[3]["id"], awardees[1]["id"]]
    picked = ops.certificate_data_for_decision(demo, decision_id=ldtt["id"], awardee_ids=chosen)
    assert [int(p.register_no) for p in picked] == [2, 4]


def test_render_full_and_preprinted_records_every_print(demo, ldtt, tmp_path):
    demo.actor = "clerk"  # the store is opened for this clerk: the audit log names them
    names = [a["snapshot_name"] for a in ldtt["awardees"]]
    [full] = ops.render_decision_certificates(  # a preview: the recorded print is the preprinted one below
        demo, decision_id=ldtt["id"], out=tmp_path / "full.pdf", mode="full", record=False
    )
    reader = PdfReader(str(full))
    assert len(reader.pages) == len(names)
    text = _pdf_text(full)
    assert "LAO ĐỘNG TIÊN TIẾN" in text and names[0] in text and "Số sổ vàng: 1" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text

    ops.save_printer_profile(demo, name="Canon LBP2900", offset_x_mm=1.5, offset_y_mm=-2.0)
    paths = ops.render_decision_certificates(
        demo,
        decision_number=ldtt["number_text"],
        year=2024,
        out=tmp_path / "each",
        mode="preprinted",
        printer="Canon LBP2900",
        per_person=True,
        serial_start="AA000099",
    )
    assert len(paths) == len(names)
    assert paths[0].name.startswith("001 - ")
    pre_text = _pdf_text(paths[0])
    assert names[0] in pre_text and "CỘNG HÒA" not in pre_text  # the form has its own artwork

    register = ops.print_register(demo, decision_id=ldtt["id"])
    assert [r["times_printed"] for r in register] == [1] * len(names)
    assert register[0]["serials"] == ["AA000099"] and register[1]["serials"] == ["AA000100"]
    prints = register[0]["prints"]
    assert prints[0]["printer"] == "Canon LBP2900" and prints[0]["mode"] == "preprinted"
    assert all(p["printed_by"] == "clerk" for p in prints)
    # printing them all again is no second original: refused before drawing (a reprint has its reason)
    with pytest.raises(ValidationError, match="hãy dùng “In lại” và ghi lý do"):
        ops.render_decision_certificates(demo, decision_id=ldtt["id"], out=tmp_path / "again.pdf", mode="full")
    assert not (tmp_path / "again.pdf").exists()
    # one transaction per batch, named for the audit log
    operations = demo.query("SELECT DISTINCT operation FROM audit_log WHERE table_name = 'certificate_prints'")
    assert {r["operation"] for r in operations} == {"certificates.print"}


def test_preview_records_nothing(demo, ldtt, tmp_path):
    ops.render_decision_certificates(demo, decision_id=ldtt["id"], out=tmp_path / "p.pdf", record=False)
    assert demo.scalar("SELECT count(*) FROM certificate_prints") == 0


def test_reprint_with_reason_increments_the_count(demo, ldtt, tmp_path):
    first = ldtt["awardees"][0]
    ops.render_decision_certificates(
        demo, decision_id=ldtt["id"], awardee_ids=[first["id"]], out=tmp_path / "one.pdf", mode="preprinted"
    )
    [entry] = [r for r in ops.print_register(demo, decision_id=ldtt["id"]) if r["awardee_id"] == first["id"]]
    assert entry["times_printed"] == 1
    with pytest.raises(ValidationError):
        ops.record_reprint(demo, print_id=entry["last_print_id"], reason="other")
    with pytest.raises(ValidationError):
        ops.record_reprint(demo, print_id=entry["last_print_id"], reason="lost")
    with pytest.raises(NotFoundError):
        ops.record_reprint(demo, print_id=99999, reason="spoiled")
    new_id = ops.record_reprint(
        demo, print_id=entry["last_print_id"], reason="spoiled", note="kẹt giấy", serial="AB0007"
    )
    [entry] = [r for r in ops.print_register(demo, decision_id=ldtt["id"]) if r["awardee_id"] == first["id"]]
    assert entry["times_printed"] == 2 and entry["reprints"] == 1
    assert entry["serials"] == ["AB0007"]
    assert entry["reprint_reasons"] == ["Hỏng phôi: kẹt giấy"]
    assert entry["prints"][-1]["id"] == new_id and entry["prints"][-1]["reprint_of"] == entry["prints"][0]["id"]
    everything = ops.print_register(demo)
    assert [r["awardee_id"] for r in everything] == [first["id"]]


def test_verify_genuine_tampered_and_unknown(demo, ldtt):
    items = ops.certificate_data_for_decision(demo, decision_id=ldtt["id"])
    payload = items[2].qr_payload or ""
    genuine = ops.verify(demo, payload="quét được: " + payload + "\n")
    assert genuine["genuine"] is True
    assert genuine["signer"]["own"] is True and genuine["signer"]["unit_code"] == "00715"
    assert genuine["match"]["register_no"] == 3 and genuine["match"]["snapshot_name"] == items[2].recipient_name
    assert "khớp sổ" in genuine["message"] and ldtt["number_text"] in genuine["message"]
    # never printed through the register (a saved PDF, a cancelled batch's file): genuine, and the inspector is told
    assert genuine["printed"] is False and "sổ theo dõi in chưa ghi lần in nào của tờ này" in genuine["message"]
    ops.record_batch(demo, ops.prepare_batch(demo, decision_id=ldtt["id"], awardee_ids=[ldtt["awardees"][2]["id"]]))
    printed = ops.verify(demo, payload=payload)
    assert printed["valid"] is True and printed["printed"] is True and "Lưu ý" not in printed["message"]

    parts = payload.split("|")
    parts[4] = parts[4] + " Giả"
    tampered = ops.verify(demo, payload="|".join(parts))
    assert tampered["genuine"] is False and tampered["match"] is None
    assert "KHÔNG" in tampered["message"]

    private_pem, _public = generate_keypair()
    stranger = sign_payload(private_pem, PayloadFields("09999", "7/QĐ-UBND", "1", "Lò Văn Páo", date(2024, 5, 2)))
    unknown = ops.verify(demo, payload=stranger)
    assert unknown["genuine"] is False and unknown["signer"] is None

    garbage = ops.verify(demo, payload="https://example.invalid/abc")
    assert garbage["genuine"] is False and "TDKT" in garbage["message"]


def test_verify_a_trusted_neighbours_certificate(demo):
    neighbour = keymod.generate_unit_keys()
    with demo.transaction(operation="exchange.trust"):
        keymod.add_trusted_key(demo, unit_code="00718", unit_name="UBND xã Ma Lé", role="unit", keys=neighbour.public)
    from cryptography.hazmat.primitives import serialization

    pem = neighbour.signing_private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    payload = sign_payload(pem, PayloadFields("00718", "5/QĐ-UBND", "2", "Giàng Thị Mỷ", date(2024, 12, 20)))
    result = ops.verify(demo, payload=payload)
    assert result["genuine"] is True and result["signer"]["own"] is False
    assert "UBND xã Ma Lé" in result["message"] and result["match"] is None
    lying = sign_payload(pem, PayloadFields("00715", "5/QĐ-UBND", "2", "Giàng Thị Mỷ", date(2024, 12, 20)))
    assert ops.verify(demo, payload=lying)["genuine"] is False


def test_a_monstrous_achievement_names_the_person_and_the_field(demo, ldtt, tmp_path):
    demo.execute("UPDATE decisions SET achievement_text = ? WHERE id = ?", ("Thành tích xuất sắc " * 60, ldtt["id"]))
    with pytest.raises(CertificateError) as caught:
        ops.render_decision_certificates(demo, decision_id=ldtt["id"], out=tmp_path / "x.pdf")
    message = str(caught.value)
    assert ldtt["awardees"][0]["snapshot_name"] in message and "Trường “Thành tích”" in message
    assert "số sổ vàng 1" in message
    assert not (tmp_path / "x.pdf").exists()
    assert demo.scalar("SELECT count(*) FROM certificate_prints") == 0


def test_every_line_that_cannot_be_printed_is_named_at_once(demo, ldtt, tmp_path):
    """Review: a batch with two unprintable lines named only the first; the clerk found the next on the next run."""
    first, second = ldtt["awardees"][0], ldtt["awardees"][-1]
    for awardee, text in ((first, "Chuyên viên ✓"), (second, "Phó Trưởng phòng " * 30)):
        demo.execute("UPDATE decision_awardees SET snapshot_position = ? WHERE id = ?", (text, awardee["id"]))
    with pytest.raises(CertificateError) as caught:
        ops.render_decision_certificates(demo, decision_id=ldtt["id"], out=tmp_path / "x.pdf")
    message = str(caught.value)
    assert message.startswith("Không in được 2 tờ; chưa ghi gì:")
    assert f"{first['snapshot_name']} (số sổ vàng {first['register_no']})" in message and "“✓” (U+2713)" in message
    assert f"{second['snapshot_name']} (số sổ vàng {second['register_no']})" in message
    assert not (tmp_path / "x.pdf").exists()
    assert demo.scalar("SELECT count(*) FROM certificate_prints") == 0


def test_printer_profiles_and_user_templates(demo, tmp_path):
    assert ops.get_printer_profile(demo, "Không có").offset_mm == (0.0, 0.0)
    saved = ops.save_printer_profile(demo, name="HP", offset_x_mm=-0.8, offset_y_mm=1.25, scale=0.995)
    assert (saved.offset_x_mm, saved.offset_y_mm, saved.scale) == (-0.8, 1.25, 0.995)
    ops.save_printer_profile(demo, name="HP", offset_x_mm=0.5, offset_y_mm=0.5)
    assert [p["printer_name"] for p in ops.list_printer_profiles(demo)] == ["HP"]
    with pytest.raises(ValidationError):
        ops.save_printer_profile(demo, name="HP", offset_x_mm=80, offset_y_mm=0)
    with pytest.raises(ValidationError):
        ops.save_printer_profile(demo, name="HP", offset_x_mm=0, offset_y_mm=0, scale=2)

    template = ops.get_template("giay_khen_a4")
    moved = template.with_field("recipient", x_mm=33.0)
    path = ops.save_user_template(moved)
    assert path.parent == ops.user_templates_dir()
    assert ops.get_template("giay_khen_a4").field("recipient").x_mm == 33.0
    from desktop.documents.certificates import bundled_template

    assert bundled_template("giay_khen_a4").field("recipient").x_mm == template.field("recipient").x_mm


def test_revoked_decision_is_refused(demo, ldtt, tmp_path):
    review.revoke_decision(demo, decision_id=ldtt["id"], reason="Sai đối tượng")
    with pytest.raises(ValidationError, match="thu hồi"):
        ops.render_decision_certificates(demo, decision_id=ldtt["id"], out=tmp_path / "r.pdf")


def test_next_serial():
    assert ops.next_serial("AA000099") == "AA000100"
    assert ops.next_serial("12-B") == "13-B"
    assert ops.next_serial("ABC") == "ABC"


def test_the_register_marks_sheets_of_a_revoked_decision_for_recall(demo, ldtt, tmp_path, capsys):
    """Sheets printed before the decision was cancelled stay in the register, marked, so the clerk knows which
    papers to take back; in force, the mark is empty."""
    ops.render_decision_certificates(demo, decision_id=ldtt["id"], out=tmp_path / "a.pdf", mode="full")
    before = ops.print_register(demo, decision_id=ldtt["id"])
    assert {(r["decision_status"], r["decision_status_text"]) for r in before} == {("issued", "")}
    review.revoke_decision(demo, decision_id=ldtt["id"], reason="Sai đối tượng")
    after = ops.print_register(demo)
    mine = [r for r in after if r["decision_id"] == ldtt["id"]]
    assert len(mine) == len(ldtt["awardees"]) and all(r["times_printed"] == 1 for r in mine)
    assert {r["decision_status"] for r in mine} == {"revoked"}
    assert {r["decision_status_text"] for r in mine} == {"Đã hủy bỏ (thu hồi khen thưởng, tiền thưởng)"}

    from desktop.cli import main

    assert main(["--db", str(demo.path), "certificates", "register"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if ldtt["number_text"] in line]
    assert len(lines) == len(mine) and all("Đã hủy bỏ" in line for line in lines)
