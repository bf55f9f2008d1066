"""A head title that names the body ("Chủ tịch Ủy ban nhân dân", "Chủ tịch UBND xã" — accepted by signing.check as
a longer form of the post) names the body once on the authority line, the certificate's red line, the award
register's issuer, the sentence "của Chủ tịch UBND xã …" and the unit's own tờ trình addressed to the chair."""

from datetime import date

import pytest

from desktop.documents.review_docs.common import _authority, _authority_line
from desktop.domain import signing
from desktop.ops import certificates, review
from desktop.ops.demo import fill_demo
from desktop.ops.setup import update_unit
from tests.demo_date import DEMO_TODAY


@pytest.mark.parametrize("head_title", ["Chủ tịch Ủy ban nhân dân", "Chủ tịch UBND xã", "Chủ tịch UBND xã Lũng Cú"])
def test_the_authority_names_the_body_once(store, head_title):
    fill_demo(store, today=DEMO_TODAY)
    update_unit(store, values={"head_title": head_title})
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:1]
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2025, 12, 30),
        nomination_ids=ldtt,
        signer_title=head_title,
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
    )
    unit = review.decision_doc(store, decision_id=decision_id).unit
    assert _authority_line(unit) == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ"
    assert _authority(unit) == "Chủ tịch UBND xã Lũng Cú"
    issuer = store.scalar("SELECT issuer FROM awards WHERE decision_id = ?", (decision_id,))
    assert issuer == "Chủ tịch Ủy ban nhân dân xã Lũng Cú"
    local = review.proposal_doc(store, round_id=round_id, upward=False, doc_date=date(2025, 12, 20))
    assert local.recipient == "Chủ tịch Ủy ban nhân dân xã Lũng Cú"


def test_the_certificate_line_names_the_body_once(store):
    fill_demo(store, today=DEMO_TODAY)
    update_unit(store, values={"head_title": "Chủ tịch UBND xã"})
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    giay_khen = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "GIAY_KHEN"][:1]
    assert giay_khen
    decision_id = review.issue_decision(
        store,
        round_id=round_id,
        decision_date=date(2025, 12, 30),
        nomination_ids=giay_khen,
        signer_title="Chủ tịch UBND xã",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng Giấy khen năm 2025",
    )
    [first] = certificates.certificate_data_for_decision(store, decision_id=decision_id)
    assert first.official_title == "Chủ tịch Ủy ban nhân dân xã Lũng Cú"


def test_titles_naming_no_unit_or_another_are_kept():
    assert signing.authority("Chủ tịch", "Ủy ban nhân dân xã Lũng Cú") == "Chủ tịch Ủy ban nhân dân xã Lũng Cú"
    assert signing.authority("Chủ tịch xã", "Ủy ban nhân dân xã Lũng Cú") == "Chủ tịch Ủy ban nhân dân xã Lũng Cú"
    assert signing.authority("Hiệu trưởng", "Trường THCS Lũng Cú", "school") == "Hiệu trưởng Trường THCS Lũng Cú"
    assert (
        signing.authority("Hiệu trưởng Trường Trung học cơ sở", "Trường THCS Lũng Cú", "school")
        == "Hiệu trưởng Trường THCS Lũng Cú"
    )
