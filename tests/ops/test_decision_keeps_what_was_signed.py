"""A decision keeps what it was signed with (schema 13): a nomination's own achievement reaches its line, the list
attached to the decision and the certificate, and a replacement keeps it; the "Căn cứ" lines and the award names are
those of the signing day, whatever rule pack arrives afterwards. Before, the achievement typed on a nomination (a
Giấy khen for one deed) was never printed, and a rule pack received later changed the "Căn cứ" of decisions already
signed."""

from __future__ import annotations

from datetime import date

from desktop.ops import certificates, review, rules
from tests.ops.test_documents_law import (  # noqa: F401 (fixtures)
    YEAR,
    demo,
    giay_khen_by_hand,
    issue,
    pdf_text,
    render,
    year_round,
)

DEED = "Hiến 500 m² đất làm đường liên thôn"


def _two_giay_khen(store, round_id: int) -> tuple[int, int]:
    """A Giấy khen for a deed of one person's own, beside a Giấy khen nominated without words."""
    nominations = review.get_round(store, round_id)["nominations"]
    have_gk = {n["staff_id"] for n in nominations if n["code"] == "GIAY_KHEN"}
    staff = store.query("SELECT id FROM staff WHERE end_date IS NULL ORDER BY id")
    people = [row["id"] for row in staff if row["id"] not in have_gk][:2]
    return giay_khen_by_hand(store, round_id, people[0], DEED), giay_khen_by_hand(store, round_id, people[1])


def test_a_nominations_own_achievement_is_printed_on_its_line_and_its_certificate(demo, year_round, tmp_path):  # noqa: F811
    deed_id, plain_id = _two_giay_khen(demo, year_round)
    decision_id = issue(demo, year_round, [deed_id, plain_id], subject="Về việc tặng Giấy khen")
    decision = review.get_decision(demo, decision_id=decision_id)
    assert decision["achievement_text"] == ""  # no one sentence for both
    words = {a["nomination_id"]: a["achievement"] for a in decision["awardees"]}
    assert words[deed_id] == DEED
    assert words[plain_id] == "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025"  # the award's words
    text = render(demo, "decision", decision_id, tmp_path / "qd.pdf")
    assert "Tặng Giấy khen cho 2 cá nhân có tên trong danh sách kèm theo." in text
    assert "Thành tích" in text[text.index("DANH SÁCH") :] and DEED in text  # the list's own column
    sheets = certificates.render_decision_certificates(
        demo, decision_id=decision_id, out=tmp_path / "gk.pdf", record=False
    )
    printed = " ".join(pdf_text(sheet) for sheet in sheets)
    assert DEED in printed
    assert "xuất sắc trong thực hiện nhiệm vụ năm 2025" in printed  # the other person's certificate

    new_id = review.replace_decision(
        demo, decision_id=decision_id, reason="Sai trích yếu", decision_date=date(YEAR, 12, 22), changes={}
    )
    kept = {a["nomination_id"]: a["achievement"] for a in review.get_decision(demo, decision_id=new_id)["awardees"]}
    assert kept == words


def test_a_decision_of_one_award_without_own_words_still_says_them_once(demo, year_round, tmp_path):  # noqa: F811
    ldtt = [n["id"] for n in review.get_round(demo, year_round)["nominations"] if n["code"] == "LDTT"][:3]
    decision_id = issue(demo, year_round, ldtt)
    assert review.get_decision(demo, decision_id=decision_id)["achievement_text"] == (
        "Đã có thành tích hoàn thành tốt nhiệm vụ năm 2025"
    )
    text = render(demo, "decision", decision_id, tmp_path / "qd.pdf")
    assert "Thành tích" not in text[text.index("DANH SÁCH") :]  # Điều 1 says it: no column


# An override dated from 01/07/2025 that gives the decree's "Căn cứ" line other words (the national line of NĐ 152 is
# marked unconfirmed, so a province may correct it); it arrives after the decision of 20/12/2025 was signed.
LATER_BASIS = """
[pack]
id = "tq-basis"
name = "Căn cứ của tỉnh"
version = "2026.1"
valid_from = 2025-07-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[legal_texts.emulation_decree]
value = "Căn cứ Nghị định số 152/2025/NĐ-CP (bản sửa của tỉnh);"
cite = "QĐ thử"
from = 2025-07-01
"""


def test_a_rule_pack_received_later_does_not_change_the_basis_of_a_signed_decision(demo, year_round, tmp_path):  # noqa: F811
    ldtt = [n["id"] for n in review.get_round(demo, year_round)["nominations"] if n["code"] == "LDTT"]
    signed = issue(demo, year_round, ldtt[:2])
    signed_text = render(demo, "decision", signed, tmp_path / "truoc.pdf")
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025" in signed_text
    assert demo.scalar("SELECT code_name FROM decision_awardees WHERE decision_id = ? LIMIT 1", (signed,)) == (
        "Lao động tiên tiến"
    )

    rules.save_override(demo, name="Căn cứ của tỉnh", toml_text=LATER_BASIS)
    again = render(demo, "decision", signed, tmp_path / "sau.pdf")
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025" in again
    assert "bản sửa của tỉnh" not in again
    # a decision signed after the pack arrived cites it
    later = issue(demo, year_round, ldtt[2:4], decision_date=date(YEAR, 12, 21))
    assert "bản sửa của tỉnh" in render(demo, "decision", later, tmp_path / "moi.pdf")
