"""NĐ 30/2020/NĐ-CP, Phụ lục I (thể thức chữ ký) on the decision, its payment list and its certificates:

- a deputy signing a decision whose award the law gives to the People's Committee as a body signs
  "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH";
- an acting chair signs "Q. CHỦ TỊCH" ("TM. ỦY BAN NHÂN DÂN" / "Q. CHỦ TỊCH" for the body);
- a decision issued before these forms reprints the lines it was printed with."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.documents.certificates import CertificateData
from desktop.domain import signing
from desktop.ops import certificates, officials, review, rules
from desktop.store import ValidationError
from tests.ops.test_documents_law import (  # noqa: F401  (fixtures)
    AUTHORITY,
    BODY_SIGNS_GIAY_KHEN,
    YEAR,
    demo,
    issue,
    pdf_text,
    render,
    seven_people_two_awards,
    year_round,
)

TM_KT = "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lò Văn Chứ"


def _giay_khen(store, round_id: int) -> list[int]:
    ids = seven_people_two_awards(store, round_id)
    rules.save_override(store, name="Ký Giấy khen", toml_text=BODY_SIGNS_GIAY_KHEN)
    return [
        n["id"] for n in review.get_round(store, round_id)["nominations"] if n["id"] in ids and n["code"] == "GIAY_KHEN"
    ]


ACTING = "Lò Văn Páo"


def _acting_chair_from_december(store) -> None:
    """The elected chair leaves on 30/11; an acting chair leads the commune from 01/12 (the decisions: 20/12)."""
    [chair] = [t for t in officials.list_officials(store) if t["role"] == "head" and t["end_date"] is None]
    officials.end_term(store, official_id=int(chair["id"]), end_date=f"{YEAR}-11-30")
    officials.add_official(store, role="head", title="Quyền Chủ tịch", full_name=ACTING, start_date=f"{YEAR}-12-01")


def _certificate_text(store, decision_id: int, out) -> str:
    [sheet] = certificates.render_decision_certificates(store, decision_id=decision_id, out=out, record=False)
    return pdf_text(sheet)


def _certificate_lines(store, decision_id: int, out) -> list[str]:
    """The first certificate's text lines: the block must stand one title a line, as NĐ 30 sets it."""
    [sheet] = certificates.render_decision_certificates(store, decision_id=decision_id, out=out, record=False)
    return [line.strip() for line in PdfReader(str(sheet)).pages[0].extract_text().splitlines() if line.strip()]


def _png(pdf, out_base) -> None:
    """Page 1 at 60 dpi (looked at by hand when writing the test: nothing clipped)."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(out_base)], check=True)


def test_domain_lines_of_a_deputy_for_the_body_and_of_an_acting_head():
    body = "Ủy ban nhân dân"
    assert signing.signature_lines(
        "deputy", head="Chủ tịch", signer_title="Phó Chủ tịch", body=body, for_body=True
    ) == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )
    # "body" with a deputy's title is the same block; without a body (a school) no "TM." is printed
    assert signing.signature_lines("body", head="Chủ tịch", signer_title="Phó Chủ tịch", body=body)[0] == (
        "TM. ỦY BAN NHÂN DÂN"
    )
    assert signing.signature_lines("deputy", head="Hiệu trưởng", signer_title="", for_body=True) == (
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
    )
    assert signing.signature_lines("chair", head="Giám đốc", signer_title="Q.Giám đốc") == ("Q. GIÁM ĐỐC",)
    assert signing.signature_lines("chair", head="Chủ tịch", signer_title="Quyền Chủ tịch UBND xã Lũng Cú") == (
        "Q. CHỦ TỊCH UBND XÃ LŨNG CÚ",
    )
    commune = {"unit_kind": "ubnd_xa", "unit_name": "Ủy ban nhân dân xã Lũng Cú", "head": "Chủ tịch"}
    signing.check("body", signer_title="Phó Chủ tịch", **commune)  # TM. + KT.
    with pytest.raises(signing.SigningError, match="không phải cấp phó của Chủ tịch"):
        signing.check("body", signer_title="Phó Trưởng phòng", **commune)
    with pytest.raises(signing.SigningError, match="ghi tên một đơn vị khác"):
        signing.check("body", signer_title="Phó Chủ tịch UBND xã Lũng Táo", **commune)
    # the old forms, kept for the decisions issued before
    assert signing.legacy_signature_lines("chair", head="Chủ tịch", signer_title="Quyền Chủ tịch") == (
        "QUYỀN CHỦ TỊCH",
    )


def test_a_certificate_keeps_each_line_of_the_block_above_the_signature():
    data = CertificateData(signing_line="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH")
    values = data.placeholders()
    assert values["signer_title"] == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert values["signing_line"] == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
    assert values["signer_position"] == "PHÓ CHỦ TỊCH"
    assert CertificateData(signing_line="KT.  CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH").placeholders()[
        "signer_title"
    ] == ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")


def test_a_deputy_signing_a_body_power_decision_prints_tm_kt_on_the_decision_list_and_certificate(
    demo,  # noqa: F811
    year_round,  # noqa: F811
    tmp_path,
):
    giay_khen = _giay_khen(demo, year_round)
    decision_id = issue(
        demo, year_round, giay_khen, signing_mode="deputy", signer_title="Phó Chủ tịch", signer_name="Lò Văn Chứ"
    )
    decision = review.get_decision(demo, decision_id=decision_id)
    assert decision["signing_mode"] == "deputy"  # the mode chosen; the block follows the law of the date
    assert decision["on_behalf"] == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"  # kept as issued
    assert review.signature_lines(demo, decision) == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    # the province's rule switched off afterwards: the signed decision still prints the block it was issued with
    [override] = [row for row in rules.list_overrides(demo) if row["name"] == "Ký Giấy khen"]
    rules.set_override_active(demo, override_id=int(override["id"]), active=False)
    decision = review.get_decision(demo, decision_id=decision_id)
    assert review.signature_lines(demo, decision) == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")

    text = render(demo, "decision", decision_id, tmp_path / "qd.pdf")
    assert AUTHORITY in text and TM_KT in text  # the authority line stays the chair's
    _png(tmp_path / "qd.pdf", tmp_path / "qd")
    assert TM_KT in render(demo, "decision", decision_id, tmp_path / "qd.docx")
    assert TM_KT in render(demo, "payment", decision_id, tmp_path / "chi.pdf")
    _png(tmp_path / "chi.pdf", tmp_path / "chi")
    certificate = _certificate_text(demo, decision_id, tmp_path / "gk.pdf")
    assert AUTHORITY in certificate and TM_KT in certificate, certificate
    _png(tmp_path / "gk.pdf", tmp_path / "gk")
    lines = _certificate_lines(demo, decision_id, tmp_path / "gk-lines.pdf")
    at = lines.index("TM. ỦY BAN NHÂN DÂN")
    assert lines[at : at + 4] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lò Văn Chứ"], lines


def test_with_no_mode_a_deputy_signs_tm_kt_and_is_checked_as_a_deputy(demo, year_round, tmp_path):  # noqa: F811
    giay_khen = _giay_khen(demo, year_round)
    on = date(YEAR, 12, 20)
    officials.add_official(demo, role="deputy", title="Phó Chủ tịch", full_name="Lò Văn Chứ", start_date="2025-01-01")
    with pytest.raises(ValidationError, match="không giữ chức vụ này"):  # not a deputy that day
        issue(demo, year_round, giay_khen, signer_title="Phó Chủ tịch", signer_name="Vàng Thị Mai")
    decision_id = issue(demo, year_round, giay_khen, signer_title="Phó Chủ tịch", signer_name="Lò Văn Chứ")
    decision = review.get_decision(demo, decision_id=decision_id)
    assert decision["signing_mode"] == "body" and decision["decision_date"] == on.isoformat()
    assert decision["on_behalf"] == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert TM_KT in render(demo, "decision", decision_id, tmp_path / "qd.pdf")
    assert TM_KT in render(demo, "payment", decision_id, tmp_path / "chi.pdf")
    assert TM_KT in _certificate_text(demo, decision_id, tmp_path / "gk.pdf")


def test_an_acting_chair_signs_q_chu_tich_on_the_decision_list_and_certificate(demo, year_round, tmp_path):  # noqa: F811
    giay_khen = _giay_khen(demo, year_round)
    _acting_chair_from_december(demo)
    decision_id = issue(
        demo, year_round, giay_khen[:2], signing_mode="chair", signer_title="Quyền Chủ tịch", signer_name=ACTING
    )
    decision = review.get_decision(demo, decision_id=decision_id)
    assert decision["signer_title"] == "Quyền Chủ tịch"  # kept as typed; printed with "Q."
    # the law of that day gives the Giấy khen to the body: its head signs for it, "TM." above his title (NĐ 30/2020
    # Phụ lục I: a signature on behalf of a collective body carries "TM." before the body's name), as a deputy does
    assert decision["signing_mode"] == "chair"  # the mode chosen; the block follows the law of the date
    assert review.signature_lines(demo, decision) == ("TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH")
    for kind, name in (("decision", "qd.pdf"), ("payment", "chi.pdf")):
        text = render(demo, kind, decision_id, tmp_path / name)
        assert "TM. ỦY BAN NHÂN DÂN Q. CHỦ TỊCH Lò Văn Páo" in text and "QUYỀN CHỦ TỊCH" not in text, kind
    certificate = _certificate_text(demo, decision_id, tmp_path / "gk.pdf")
    assert "Q. CHỦ TỊCH Lò Văn Páo" in certificate and "QUYỀN CHỦ TỊCH" not in certificate
    assert "TM. ỦY BAN NHÂN DÂN" in certificate

    body = issue(
        demo, year_round, giay_khen[2:4], signing_mode="body", signer_title="Quyền Chủ tịch", signer_name=ACTING
    )
    text = render(demo, "decision", body, tmp_path / "tm.pdf")
    assert "TM. ỦY BAN NHÂN DÂN Q. CHỦ TỊCH Lò Văn Páo" in text


def test_decisions_issued_before_the_new_forms_reprint_as_they_were_issued(demo, year_round, tmp_path):  # noqa: F811
    """What the earlier program stored in ``on_behalf``: the line above the title only ("KT. CHỦ TỊCH", "")."""
    giay_khen = _giay_khen(demo, year_round)
    _acting_chair_from_december(demo)
    acting = issue(
        demo, year_round, giay_khen[:2], signing_mode="chair", signer_title="Quyền Chủ tịch", signer_name=ACTING
    )
    deputy = issue(
        demo, year_round, giay_khen[2:4], signing_mode="deputy", signer_title="Phó Chủ tịch", signer_name="Lò Văn Chứ"
    )
    demo.execute("UPDATE decisions SET on_behalf = '' WHERE id = ?", (acting,))
    demo.execute("UPDATE decisions SET on_behalf = 'KT. CHỦ TỊCH' WHERE id = ?", (deputy,))

    assert review.signature_lines(demo, review.get_decision(demo, decision_id=acting)) == ("QUYỀN CHỦ TỊCH",)
    assert "QUYỀN CHỦ TỊCH Lò Văn Páo" in render(demo, "decision", acting, tmp_path / "a.pdf")
    assert "QUYỀN CHỦ TỊCH Lò Văn Páo" in _certificate_text(demo, acting, tmp_path / "a-gk.pdf")
    old = review.get_decision(demo, decision_id=deputy)
    assert review.signature_lines(demo, old) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    for kind, name in (("decision", "d.pdf"), ("payment", "d-chi.pdf")):
        text = render(demo, kind, deputy, tmp_path / name)
        assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lò Văn Chứ" in text and "TM. ỦY BAN NHÂN DÂN" not in text, kind
    certificate = _certificate_text(demo, deputy, tmp_path / "d-gk.pdf")
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lò Văn Chứ" in certificate and "TM. ỦY BAN" not in certificate


def test_the_chair_signs_tm_for_the_body_only_when_the_law_of_the_date_gives_it_the_award(demo, year_round):  # noqa: F811
    """The chair choosing "chair" for a Giấy khen the province gives to the body signs "TM. ỦY BAN NHÂN DÂN" above
    "CHỦ TỊCH"; once the province's rule is off, the award is the chair's own and no "TM." is printed."""
    giay_khen = _giay_khen(demo, year_round)
    body_power = issue(demo, year_round, giay_khen[:2], signing_mode="chair", signer_title="Chủ tịch")
    assert review.get_decision(demo, decision_id=body_power)["on_behalf"] == "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"
    [override] = [row for row in rules.list_overrides(demo) if row["name"] == "Ký Giấy khen"]
    rules.set_override_active(demo, override_id=int(override["id"]), active=False)
    own = issue(demo, year_round, giay_khen[2:4], signing_mode="chair", signer_title="Chủ tịch")
    assert review.get_decision(demo, decision_id=own)["on_behalf"] == "CHỦ TỊCH"
    # the first decision keeps the block it was issued with
    assert review.get_decision(demo, decision_id=body_power)["on_behalf"] == "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"
