"""A ward of one of the six centrally-run cities ("Thành phố Hà Nội" in the official list) set up by the wizard,
which never asks for the parent body: the body above it is the city's committee, never "tỉnh Thành phố Hà Nội"."""

from desktop.documents.achievement_report import unit_header
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.review.signatures import current_issuer
from desktop.ops.setup import init_unit, update_unit
from tests.demo_date import DEMO_TODAY

BA_DINH = "00004"  # Phường Ba Đình, Thành phố Hà Nội
LUNG_CU = "00715"  # Xã Lũng Cú, tỉnh Tuyên Quang


def _set_up(store, code=BA_DINH, name="Ủy ban nhân dân phường Ba Đình"):
    # exactly what the wizard passes (desktop.ui.wizard.SetupWizard.values): no parent_body
    init_unit(
        store, unit_name=name, commune_code=code, head_title="Chủ tịch", head_name="Nguyễn Văn Hùng", place_name="X"
    )


def test_decision_issuer_block_of_a_hanoi_ward_names_the_city(store):
    _set_up(store)
    assert current_issuer(store)["parent_body"] == "Ủy ban nhân dân Thành phố Hà Nội"


def test_document_header_of_a_hanoi_ward_names_the_city(store):
    _set_up(store)
    assert unit_header(store).parent_body == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"


def test_the_proposal_sent_up_is_addressed_to_the_citys_chair(store):
    fill_demo(store, today=DEMO_TODAY)
    update_unit(store, values={"name": "Ủy ban nhân dân phường Ba Đình", "commune_code": BA_DINH, "parent_body": ""})
    round_id = int(store.scalar("SELECT id FROM review_rounds WHERE year = 2024"))
    doc = review.proposal_doc(store, round_id=round_id, upward=True)
    assert doc.recipient == "Chủ tịch Ủy ban nhân dân Thành phố Hà Nội"


def test_a_provinces_commune_keeps_tinh(store):
    _set_up(store, code=LUNG_CU, name="Ủy ban nhân dân xã Lũng Cú")
    province = str(store.scalar("SELECT province_name FROM unit"))
    assert not province.startswith("Thành phố")
    assert current_issuer(store)["parent_body"] == f"Ủy ban nhân dân tỉnh {province}"
