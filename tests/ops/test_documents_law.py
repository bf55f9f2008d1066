"""The words of the law on the demo commune (issue 11, points 6–8), read back from real PDFs and .docx files.

Signing modes (the chair, KT. for a deputy, TM. for the body) on the decision, its payment list and its
certificates; the paper each award gets; replaced (thay thế) and cancelled (hủy bỏ) decisions; the tờ trình of
the council's standing agency; people counted apart from awards; the achievement that follows the award.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import docx
import pytest
from pypdf import PdfReader

from desktop.documents.certificates import PayloadFields, parse_payload, sign_payload
from desktop.ops import certificates, documents, review
from desktop.ops.certificates.data import _signing_pem
from desktop.ops.demo import fill_demo
from desktop.ops.setup import update_unit
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY
from tests.ops.cstdcs_flow import decide_ldtt_of

YEAR = 2025
COUNCIL = [
    {"full_name": "Sùng Mí Pháo", "role": "chair"},
    {"full_name": "Lò Văn Chứ", "role": "deputy"},
    {"full_name": "Hoàng Thị Mai", "role": "member"},
    {"full_name": "Vàng Thị Dở", "role": "secretary"},
]
AUTHORITY = "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ"


def pdf_text(path) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def docx_text(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", " ".join(parts)))


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


@pytest.fixture
def year_round(demo) -> int:
    """The 2025 round with its council; the CSTĐCS nominees the commune confers passed their ballot."""
    round_id = review.create_round(demo, year=YEAR, today=DEMO_TODAY)
    review.set_council(demo, round_id=round_id, meeting_date=date(YEAR, 12, 15), location="Hội trường", members=COUNCIL)
    for nomination in review.get_round(demo, round_id)["nominations"]:
        if nomination["code"] == "CSTDCS" and nomination["conferred_by"] == "unit":
            review.record_ballot(demo, nomination_id=nomination["id"], agree=4, disagree=0, invalid=0)
    return round_id


def giay_khen_by_hand(store, round_id: int, staff_id: int, achievement: str = "") -> int:
    """A Giấy khen the council adds by hand for a deed (the engine does not propose it)."""
    return review.add_nomination(
        store,
        round_id=round_id,
        target_kind="individual",
        code="GIAY_KHEN",
        staff_id=staff_id,
        change_reason="Thành tích đột xuất",
        override_reason="Hội đồng đề nghị",
        achievement=achievement,
    )


def seven_people_two_awards(store, round_id: int) -> list[int]:
    """Seven people each nominated for LĐTT and for a Giấy khen: 14 nominations."""
    nominations = review.get_round(store, round_id)["nominations"]
    people = [n["staff_id"] for n in nominations if n["code"] == "LDTT"][:7]
    have_gk = {n["staff_id"] for n in nominations if n["code"] == "GIAY_KHEN"}
    for staff_id in people:
        if staff_id not in have_gk:
            giay_khen_by_hand(store, round_id, staff_id)
    nominations = review.get_round(store, round_id)["nominations"]
    chosen = [n["id"] for n in nominations if n["staff_id"] in people and n["code"] in ("LDTT", "GIAY_KHEN")]
    assert len(chosen) == 14
    return chosen


def issue(store, round_id: int, ids: list[int], **header) -> int:
    values = {
        "decision_date": date(YEAR, 12, 20),
        "signer_title": "Chủ tịch",
        "signer_name": "Sùng Mí Pháo",
        "subject": f"Về việc khen thưởng năm {YEAR}",
    } | header
    return review.issue_decision(store, round_id=round_id, nomination_ids=ids, **values)


def render(store, kind: str, decision_id: int, out) -> str:
    decision = review.get_decision(store, decision_id=decision_id)
    path = documents.render_document(
        store, kind=kind, decision_number=decision["number_text"], decision_year=YEAR, out=out
    )
    return pdf_text(path) if out.suffix == ".pdf" else docx_text(path)


# -- 6. signature blocks ------------------------------------------------------------------------------------------


def test_kt_decision_prints_kt_chu_tich_under_the_unchanged_authority_line_and_its_payment_list_and_certificate_follow(
    demo, year_round, tmp_path
):
    ids = seven_people_two_awards(demo, year_round)
    decision_id = issue(
        demo, year_round, ids, signing_mode="deputy", signer_title="Phó Chủ tịch", signer_name="Lò Văn Chứ"
    )
    decision = review.get_decision(demo, decision_id=decision_id)
    assert decision["signing_mode"] == "deputy" and decision["on_behalf"] == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"

    text = render(demo, "decision", decision_id, tmp_path / "qd.pdf")
    assert f"QUYẾT ĐỊNH Về việc khen thưởng năm {YEAR} {AUTHORITY} Căn cứ" in text  # the chair's, whoever signs
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lò Văn Chứ" in text
    assert "TM. ỦY BAN NHÂN DÂN" not in text
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lò Văn Chứ" in render(demo, "decision", decision_id, tmp_path / "qd.docx")

    payment = render(demo, "payment", decision_id, tmp_path / "chi.pdf")
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lò Văn Chứ" in payment

    [sheet] = certificates.render_decision_certificates(
        demo, decision_id=decision_id, out=tmp_path / "gk.pdf", record=False
    )
    certificate = pdf_text(sheet)
    assert AUTHORITY in certificate  # the official's title line stays the chair's
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lò Văn Chứ" in certificate


# A province rule that gives the Giấy khen to the People's Committee as a body (the national law gives it to the chair).
BODY_SIGNS_GIAY_KHEN = """
[pack]
id = "vn-tinh-tm"
name = "Ví dụ"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[award_forms.GIAY_KHEN]
signing = { value = "body", cite = "Quyết định ví dụ của tỉnh", from = 2025-01-01 }
"""


def test_body_signing_prints_tm_uy_ban_nhan_dan_above_chu_tich_and_is_kept_by_a_replacement(demo, year_round, tmp_path):
    ids = seven_people_two_awards(demo, year_round)
    before = demo.scalar("SELECT count(*) FROM decisions")
    # The national law gives LĐTT and the Giấy khen to the chair himself: "TM." is refused.
    with pytest.raises(ValidationError, match=r"thẩm quyền khen thưởng là của Chủ tịch, không phải của tập thể") as no:
        issue(demo, year_round, ids, signing_mode="body")
    assert no.value.field == "signing_mode" and "Lao động tiên tiến, Giấy khen" in str(no.value)
    assert demo.scalar("SELECT count(*) FROM decisions") == before
    from desktop.ops import rules

    rules.save_override(demo, name="Ký Giấy khen", toml_text=BODY_SIGNS_GIAY_KHEN)  # a province that gives it
    decision_id = issue(demo, year_round, ids, signing_mode="body")
    text = render(demo, "decision", decision_id, tmp_path / "qd.pdf")
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Sùng Mí Pháo" in text and AUTHORITY in text
    replacing = review.replace_decision(
        demo, decision_id=decision_id, reason="Sai trích yếu", decision_date=date(YEAR, 12, 22), changes={}
    )
    assert review.get_decision(demo, decision_id=replacing)["signing_mode"] == "body"
    changed = review.replace_decision(
        demo,
        decision_id=replacing,
        reason="Chủ tịch đi công tác",
        decision_date=date(YEAR, 12, 23),
        changes={"signing_mode": "deputy", "signer_title": "Phó Chủ tịch", "signer_name": "Lò Văn Chứ"},
    )
    assert review.get_decision(demo, decision_id=changed)["signing_mode"] == "deputy"


def test_default_signing_follows_the_rule_pack_and_a_deputys_title(demo, year_round):
    ids = seven_people_two_awards(demo, year_round)
    by_default = review.get_decision(demo, decision_id=issue(demo, year_round, ids[:2]))
    assert by_default["signing_mode"] == "chair"  # the national pack: every award is the chair's own power
    assert review.default_signing_mode(demo, codes=["LDTT", "GIAY_KHEN"], on=date(YEAR, 12, 20)) == "chair"
    deputy = review.get_decision(
        demo, decision_id=issue(demo, year_round, ids[2:4], signer_title="Phó Chủ tịch", signer_name="Lò Văn Chứ")
    )
    assert deputy["signing_mode"] == "deputy"
    from desktop.ops import rules

    override = """
[pack]
id = "vn-tinh-vi-du"
name = "Ví dụ"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[titles.GDVH]
signing = { value = "body", cite = "Quyết định ví dụ của tỉnh", from = 2025-01-01 }
"""
    rules.save_override(demo, name="Ký Gia đình văn hóa", toml_text=override)
    assert review.default_signing_mode(demo, codes=["GDVH", "GIAY_KHEN"], on=date(YEAR, 12, 20)) == "body"


def test_mismatched_signing_is_refused_with_the_mode_to_choose(demo, year_round):
    ids = seven_people_two_awards(demo, year_round)
    with pytest.raises(ValidationError, match=r"KT\. CHỦ TỊCH") as caught:
        issue(demo, year_round, ids, signing_mode="chair", signer_title="Phó Chủ tịch")
    assert caught.value.field == "signing_mode"
    with pytest.raises(ValidationError, match="“Phó Chủ tịch”"):
        issue(demo, year_round, ids, signing_mode="deputy", signer_title="Chủ tịch")


def test_a_school_signs_kt_hieu_truong_and_cannot_sign_tm(demo, year_round, tmp_path):
    update_unit(
        demo,
        values={"name": "Trường Tiểu học Lũng Cú", "unit_kind": "truong_hoc", "head_title": "Hiệu trưởng"},
    )
    ids = [n["id"] for n in review.get_round(demo, year_round)["nominations"] if n["code"] == "LDTT"][:3]
    with pytest.raises(ValidationError, match=r"không ký “TM\.” được") as caught:
        issue(demo, year_round, ids, signing_mode="body", signer_title="Hiệu trưởng")
    assert "Trường Tiểu học Lũng Cú" in str(caught.value)
    assert [mode for mode, _lines in review.signing_choices(demo)] == ["chair", "deputy"]
    decision_id = issue(
        demo, year_round, ids, signing_mode="deputy", signer_title="Phó Hiệu trưởng", signer_name="Lý Thị Mai"
    )
    text = render(demo, "decision", decision_id, tmp_path / "qd.pdf")
    assert "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC LŨNG CÚ" in text
    assert "KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG Lý Thị Mai" in text


# -- 8. words of the law: counts, achievements ----------------------------------------------------------------------


def test_seven_people_with_ldtt_and_giay_khen_are_seven_people_and_fourteen_awards(demo, year_round, tmp_path):
    decision_id = issue(demo, year_round, seven_people_two_awards(demo, year_round))
    text = render(demo, "decision", decision_id, tmp_path / "qd.pdf")
    assert "cho 7 cá nhân (14 lượt khen thưởng) có tên trong danh sách kèm theo" in text
    assert "14 cá nhân" not in text
    # each award with the words of that award
    assert "- Danh hiệu “Lao động tiên tiến”: 7 cá nhân, đã có thành tích hoàn thành tốt nhiệm vụ năm 2025;" in text
    assert "- Giấy khen: 7 cá nhân, đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025." in text
    [listed] = [d for d in review.list_decisions(demo, year=YEAR) if d["id"] == decision_id]
    assert (listed["recipients_count"], listed["awardees_count"]) == (7, 14)
    assert review.get_decision(demo, decision_id=decision_id)["achievement_text"] == ""  # each line keeps its own


def test_a_cstdcs_decision_does_not_say_hoan_thanh_tot_nhiem_vu(demo, year_round, tmp_path):
    passed = [
        n["id"]
        for n in review.get_round(demo, year_round)["nominations"]
        if n["code"] == "CSTDCS" and n["status"] == "passed"
    ]
    assert passed
    decide_ldtt_of(demo, year_round, passed[:2], date(YEAR, 12, 20))  # the LĐTT their CSTĐCS rests on, first
    decision_id = issue(demo, year_round, passed[:2], subject="Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở")
    decision = review.get_decision(demo, decision_id=decision_id)
    assert decision["achievement_text"] == "Đã có thành tích tiêu biểu, xuất sắc trong phong trào thi đua năm 2025"
    text = render(demo, "decision", decision_id, tmp_path / "qd.pdf")
    assert "Tặng danh hiệu “Chiến sĩ thi đua cơ sở” cho 2 cá nhân" in text
    assert "tiêu biểu, xuất sắc trong phong trào thi đua năm 2025" in text
    assert "hoàn thành tốt nhiệm vụ" not in text
    [sheet] = certificates.render_decision_certificates(
        demo, decision_id=decision_id, out=tmp_path / "b.pdf", record=False
    )
    certificate = pdf_text(sheet)
    assert "hoàn thành tốt nhiệm vụ" not in certificate and "tiêu biểu, xuất sắc" in certificate


# -- 8. replacing and cancelling ------------------------------------------------------------------------------------


def test_a_replacing_decision_cites_the_old_number_and_date_and_has_its_own_article(demo, year_round, tmp_path):
    ids = seven_people_two_awards(demo, year_round)
    old_id = issue(demo, year_round, ids)
    old = review.get_decision(demo, decision_id=old_id)
    new_id = review.replace_decision(
        demo, decision_id=old_id, reason="Sai trích yếu", decision_date=date(YEAR, 12, 22), changes={}
    )
    new = review.get_decision(demo, decision_id=new_id)
    cited = f"Quyết định số {old['number_text']} ngày 20 tháng 12 năm 2025"
    text = render(demo, "decision", new_id, tmp_path / "moi.pdf")
    assert f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã về việc thay thế {cited}" in text
    assert f"Điều 3. Quyết định này thay thế {cited} của Chủ tịch UBND xã Lũng Cú." in text
    assert "Điều 4. Quyết định này có hiệu lực kể từ ngày ký." in text and "Như Điều 4;" in text
    assert "đính chính" not in text.lower()
    old_copy = render(demo, "decision", old_id, tmp_path / "cu.pdf")
    assert f"Quyết định đã bị thay thế bằng Quyết định số {new['number_text']} ngày 22/12/2025" in old_copy
    assert review.DECISION_STATUSES[review.get_decision(demo, decision_id=old_id)["status"]] == "Đã bị thay thế"


def test_a_cancelled_decision_withdraws_its_awards_and_money_and_says_so(demo, year_round, tmp_path):
    decision_id = issue(demo, year_round, seven_people_two_awards(demo, year_round))
    assert demo.scalar("SELECT count(*) FROM awards WHERE decision_id = ?", (decision_id,)) == 14
    review.cancel_decision(demo, decision_id=decision_id, reason="Sai thẩm quyền")
    assert demo.scalar("SELECT count(*) FROM awards WHERE decision_id = ?", (decision_id,)) == 0
    decision = review.get_decision(demo, decision_id=decision_id)
    assert review.DECISION_STATUSES[decision["status"]].startswith("Đã hủy bỏ")
    text = render(demo, "decision", decision_id, tmp_path / "qd.pdf")
    assert "Quyết định đã bị hủy bỏ; khen thưởng và tiền thưởng đã bị thu hồi. Lý do: Sai thẩm quyền" in text
    with pytest.raises(ValidationError, match="hủy bỏ"):
        certificates.render_decision_certificates(demo, decision_id=decision_id, out=tmp_path / "x.pdf")


# -- 8. the tờ trình and the achievement report ---------------------------------------------------------------------


def test_the_to_trinh_is_the_standing_agencys_to_the_chair_with_the_symbol_of_its_list(demo, year_round, tmp_path):
    path = documents.render_document(demo, kind="proposal", round_id=year_round, out=tmp_path / "tt.pdf")
    text = pdf_text(path)
    assert "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ PHÒNG VĂN HÓA - XÃ HỘI" in text
    assert "/TTr-VHXH" in text and "TTr-UBND" not in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân xã Lũng Cú" in text
    assert "Phòng Văn hóa - Xã hội (cơ quan thường trực Hội đồng Thi đua - Khen thưởng xã) kính trình" in text
    assert "TRƯỞNG PHÒNG Hoàng Thị Mai" in text
    assert "(Kèm theo Tờ trình số /TTr-VHXH ngày 15 tháng 12 năm 2025 của Phòng Văn hóa - Xã hội)" in text
    doc = review.proposal_doc(demo, round_id=year_round, upward=False)
    people = len({line.recipient_key for line in doc.lines})
    assert people < len(doc.lines)  # several awards for some people: counted apart
    assert f"({len(doc.lines)} lượt đề nghị)" in text
    assert review.standing_agency_symbol("Phòng Kinh tế") == "KT"
    assert review.standing_agency_symbol("Văn phòng HĐND và UBND") == "VP"
    assert review.standing_agency_symbol("Ban Chỉ huy Quân sự") == "BCHQS"


def test_without_a_standing_agency_the_council_issues_the_to_trinh(demo, year_round, tmp_path):
    update_unit(demo, values={"standing_agency": "", "standing_agency_head_name": ""})
    text = pdf_text(documents.render_document(demo, kind="proposal", round_id=year_round, out=tmp_path / "t.pdf"))
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text and "/TTr-HĐTĐKT" in text
    assert "CHỦ TỊCH HỘI ĐỒNG Sùng Mí Pháo" in text


def test_the_achievement_report_lists_each_past_award_with_its_decision_and_issuer(demo, year_round, tmp_path):
    target = next(
        n for n in review.get_round(demo, year_round)["nominations"] if n["code"] == "CSTD_TINH" and n["staff_id"] == 3
    )
    path = documents.render_document(
        demo, kind="achievement_report", nomination_id=target["id"], out=tmp_path / "bc.pdf"
    )
    text = pdf_text(path)
    above = demo.query_one(
        "SELECT decision_no, decision_date FROM awards WHERE staff_id = 3 AND year = 2024 AND code = 'CSTDCS'"
    )
    when = date.fromisoformat(above["decision_date"]).strftime("%d/%m/%Y")
    assert f"Quyết định số {above['decision_no']} ngày {when} của Chủ tịch Ủy ban nhân dân huyện Đồng Văn" in text


# -- 7. which paper each award gets ---------------------------------------------------------------------------------


def test_printing_ldtt_is_refused_by_default_and_allowed_labelled_giay_chung_nhan_when_turned_on(
    demo, year_round, tmp_path
):
    ldtt = [n["id"] for n in review.get_round(demo, year_round)["nominations"] if n["code"] == "LDTT"][:3]
    decision_id = issue(demo, year_round, ldtt)
    awardees = review.get_decision(demo, decision_id=decision_id)["awardees"]
    assert {a["paper"] for a in awardees} == {""}
    with pytest.raises(ValidationError) as caught:
        certificates.render_decision_certificates(demo, decision_id=decision_id, out=tmp_path / "x.pdf")
    message = str(caught.value)
    assert "tiền thưởng và một dòng trong quyết định" in message and "tdkt certificates optional on" in message
    assert not (tmp_path / "x.pdf").exists()

    certificates.set_optional_certificates(demo, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    assert certificates.optional_certificates_on(demo)
    batch = certificates.prepare_batch(demo, decision_id=decision_id)
    assert {a["paper"] for a, _d in batch.groups[0].rows} == {"giay_chung_nhan"}
    assert batch.groups[0].template.id == "ldtt_a4" and "Giấy chứng nhận" in batch.groups[0].template.name
    assert certificates.paper_name("giay_chung_nhan") == "Giấy chứng nhận"
    [path] = certificates.write_batch(batch, tmp_path / "ldtt.pdf")
    text = pdf_text(path)
    assert "TẶNG DANH HIỆU LAO ĐỘNG TIÊN TIẾN" in text and "GIẤY KHEN" not in text


def test_a_mixed_decision_prints_giay_khen_only_and_lists_what_it_left_out(demo, year_round, tmp_path):
    decision_id = issue(demo, year_round, seven_people_two_awards(demo, year_round))
    batch = certificates.prepare_batch(demo, decision_id=decision_id)
    assert batch.count == 7 and len(batch.skipped) == 7
    assert {t.id for t in (g.template for g in batch.groups)} == {"giay_khen_a4"}
    assert {a["code"] for a in batch.skipped} == {"LDTT"}


def test_the_certificate_text_follows_the_award_and_the_template_the_paper(demo, year_round, tmp_path):
    cstdcs = [
        n["id"]
        for n in review.get_round(demo, year_round)["nominations"]
        if n["code"] == "CSTDCS" and n["status"] == "passed"
    ][:1]
    gk = [n["id"] for n in review.get_round(demo, year_round)["nominations"] if n["code"] == "GIAY_KHEN"][:1]
    decide_ldtt_of(demo, year_round, cstdcs, date(YEAR, 12, 20))  # the LĐTT the CSTĐCS rests on, first
    decision_id = issue(demo, year_round, cstdcs + gk)
    batch = certificates.prepare_batch(demo, decision_id=decision_id)
    by_code = {a["code"]: (data, group.template.id) for group in batch.groups for a, data in group.rows}
    title, title_template = by_code["CSTDCS"]
    form, form_template = by_code["GIAY_KHEN"]
    assert (title.give_word, title.award_name, title_template) == (
        "TẶNG DANH HIỆU",
        "CHIẾN SĨ THI ĐUA CƠ SỞ",
        "cstdcs_a4",
    )
    assert (form.give_word, form.award_name, form_template) == ("TẶNG", "GIẤY KHEN", "giay_khen_a4")
    assert certificates.template_for("TTLDXS", "collective", "bang_chung_nhan") == "bang_chung_nhan_tap_the_a4"
    assert certificates.template_for("TTLDTT", "collective", "giay_chung_nhan") == "giay_chung_nhan_tap_the_a4"
    assert certificates.template_for("GDVH", "household", "giay_cong_nhan") == "giay_cong_nhan_a4"


def test_the_qr_check_names_the_paper(demo, year_round, tmp_path):
    cstdcs = [
        n["id"]
        for n in review.get_round(demo, year_round)["nominations"]
        if n["code"] == "CSTDCS" and n["status"] == "passed"
    ][:1]
    gk = [n["id"] for n in review.get_round(demo, year_round)["nominations"] if n["code"] == "GIAY_KHEN"][:1]
    decide_ldtt_of(demo, year_round, cstdcs, date(YEAR, 12, 20))  # the LĐTT the CSTĐCS rests on, first
    decision_id = issue(demo, year_round, cstdcs + gk)
    items = {a["code"]: data for a, data, _template in certificates.prepare_batch(demo, decision_id=decision_id).rows}
    gk_payload = items["GIAY_KHEN"].qr_payload or ""
    assert parse_payload(gk_payload).paper == "giay_khen" and gk_payload.startswith("TDKT2|")
    result = certificates.verify(demo, payload=gk_payload)
    assert result["genuine"] and result["paper"] == "giay_khen" and result["paper_label"] == "Giấy khen"
    assert result["message"].startswith("Giấy khen thật, do Ủy ban nhân dân xã Lũng Cú cấp, khớp sổ")
    title = certificates.verify(demo, payload=items["CSTDCS"].qr_payload or "")
    assert title["message"].startswith("Bằng chứng nhận thật") and title["fields"]["paper"] == "bang_chung_nhan"
    # a code printed before version 2 (no paper in it): the paper is read from the register
    decision = review.get_decision(demo, decision_id=decision_id)
    awardee = next(a for a in decision["awardees"] if a["code"] == "CSTDCS")
    pem = _signing_pem(demo)
    old = sign_payload(
        pem,
        PayloadFields(
            "00715", decision["number_text"], str(awardee["register_no"]), awardee["snapshot_name"], date(YEAR, 12, 20)
        ),
    )
    assert old.startswith("TDKT1|")
    assert certificates.verify(demo, payload=old)["message"].startswith("Bằng chứng nhận thật")
