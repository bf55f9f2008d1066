"""An issued decision keeps who issued it: the unit's name, the place of its date line, the body above it and the
head's title as they were on the day it was issued. In 2025 communes were merged and renamed; a Giấy khen of 2024
reprinted afterwards, and the decision itself, still print the 2024 commune, while a decision issued after the
change prints the new one."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.documents import review_docs
from desktop.ops import certificates, review
from desktop.ops.demo import fill_demo
from desktop.ops.setup import update_unit
from tests.demo_date import DEMO_TODAY

OLD_NAME = "Ủy ban nhân dân xã Lũng Cú"
NEW_NAME = "Ủy ban nhân dân phường Hà Giang 1"


@pytest.fixture
def renamed(store):
    """The demo commune with its 2024 Giấy khen decision, then merged into a ward with a new head's title."""
    fill_demo(store, today=DEMO_TODAY)
    giay_khen = next(
        d["id"]
        for d in review.list_decisions(store, year=2024)
        if {a["code"] for a in review.get_decision(store, decision_id=d["id"])["awardees"]} == {"GIAY_KHEN"}
    )
    update_unit(
        store,
        values={
            "name": NEW_NAME,
            "commune_code": "00694",
            "place_name": "Hà Giang",
            "head_title": "Chủ tịch Ủy ban nhân dân",
            "parent_body": "Ủy ban nhân dân tỉnh Tuyên Quang (mới)",
        },
    )
    return store, giay_khen


def _pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def test_a_reprinted_certificate_shows_the_unit_as_it_was_at_issue(renamed, tmp_path):
    store, decision_id = renamed
    stored = store.query_one(
        "SELECT issuer_unit_name, issuer_place_name, issuer_head_title, issuer_commune_name, issuer_parent_body "
        "FROM decisions WHERE id = ?",
        (decision_id,),
    )
    assert stored == {
        "issuer_unit_name": OLD_NAME,
        "issuer_place_name": "Lũng Cú",
        "issuer_head_title": "Chủ tịch",
        "issuer_commune_name": "Xã Lũng Cú",
        "issuer_parent_body": "Ủy ban nhân dân tỉnh Tuyên Quang",
    }
    [first, *_rest] = certificates.certificate_data_for_decision(store, decision_id=decision_id)
    assert first.issuing_body == OLD_NAME
    assert first.official_title == f"Chủ tịch {OLD_NAME}"
    assert first.place_name == "Lũng Cú"
    assert first.signer_title == "CHỦ TỊCH" and first.signing_line == ""

    [pdf] = certificates.render_decision_certificates(
        store, decision_id=decision_id, out=tmp_path / "giay-khen.pdf", record=False
    )
    text = _pdf_text(pdf)
    assert "LŨNG CÚ" in text.upper() and "Lũng Cú, ngày" in text
    assert "HÀ GIANG" not in text.upper()


def test_the_decision_document_shows_the_unit_as_it_was_at_issue(renamed, tmp_path):
    store, decision_id = renamed
    doc = review.decision_doc(store, decision_id=decision_id)
    assert doc.unit.name == OLD_NAME.upper()
    assert doc.unit.place_name == "Lũng Cú"
    assert doc.unit.head_title == "Chủ tịch"
    assert doc.unit.parent_body == "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG"
    assert doc.unit.signature == ("CHỦ TỊCH",)
    assert review.payment_doc(store, decision_id=decision_id).unit.name == OLD_NAME.upper()

    text = _pdf_text(review_docs.render("decision", doc, tmp_path / "quyet-dinh.pdf"))
    assert "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" in text and "Lũng Cú, ngày" in text
    assert "HÀ GIANG" not in text.upper() and "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG" not in text


def test_a_decision_issued_after_the_change_shows_the_new_unit(renamed):
    store, _old = renamed
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:1]
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2025, 12, 30),
        nomination_ids=ldtt,
        signer_title="Chủ tịch Ủy ban nhân dân",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
    )
    doc = review.decision_doc(store, decision_id=decision_id)
    assert doc.unit.name == NEW_NAME.upper() and doc.unit.place_name == "Hà Giang"
    assert doc.unit.head_title == "Chủ tịch Ủy ban nhân dân"
    issuer = store.scalar("SELECT issuer FROM awards WHERE decision_id = ?", (decision_id,))
    assert issuer == f"Chủ tịch {NEW_NAME}"  # the head's title already names the body: named once
    # renaming again later leaves this one as it was issued too
    update_unit(store, values={"name": "Ủy ban nhân dân phường Hà Giang 2", "place_name": "Hà Giang 2"})
    assert review.decision_doc(store, decision_id=decision_id).unit.name == NEW_NAME.upper()
