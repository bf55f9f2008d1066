"""A certificate printed before the unit's commune code changed (a corrected code, or a merger of communes under
NĐ 129/2025) still verifies: its QR carries the code the unit had then, signed with the unit's own key. A code that
was never this unit's, or a foreign key, is still refused."""

from __future__ import annotations

from datetime import date

import pytest
from cryptography.hazmat.primitives import serialization

from desktop.documents.certificates import PayloadFields, sign_payload
from desktop.exchange import keys as keymod
from desktop.ops import certificates as ops
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.setup import init_unit
from tests.conftest import LUNG_CU_CODE, set_up_lung_cu
from tests.demo_date import DEMO_TODAY

NEW_CODE = "00694"  # the code the unit is given afterwards (a corrected code, a merged commune)


@pytest.fixture
def demo(store):
    set_up_lung_cu(store)  # code 00715
    fill_demo(store, today=DEMO_TODAY)
    return store


def _giay_khen_2024(store) -> dict:
    found = [d for d in review.list_decisions(store, year=2024) if d["number_text"] == "2/QĐ-UBND"]
    return review.get_decision(store, decision_id=found[0]["id"])


def _change_code(store, code: str) -> None:
    init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code=code, change_exchange_code=True)
    assert store.scalar("SELECT commune_code FROM unit") == code


def _own_pem(store) -> bytes:
    keys = keymod.load_unit_keys(store)
    assert keys is not None
    return keys.signing_private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def test_a_sheet_printed_under_the_earlier_code_is_still_genuine(demo, tmp_path):
    decision = _giay_khen_2024(demo)
    first = decision["awardees"][0]
    batch = ops.prepare_batch(demo, decision_id=decision["id"], awardee_ids=[first["id"]])
    ops.print_batch(demo, batch, tmp_path / "gk.pdf")
    [(_awardee, data, _template)] = batch.rows
    payload = data.qr_payload or ""
    assert payload.startswith(f"TDKT2|{LUNG_CU_CODE}|2/QĐ-UBND|")
    assert ops.verify(demo, payload=payload)["valid"] is True

    _change_code(demo, NEW_CODE)
    result = ops.verify(demo, payload=payload)
    assert result["genuine"] is True and result["valid"] is True, result["message"]
    assert result["signer"]["own"] is True and result["unit_code_then"] == LUNG_CU_CODE
    assert result["match"]["register_no"] == first["register_no"]
    assert "khớp sổ" in result["message"] and "KHÔNG" not in result["message"]
    assert f"Mã đơn vị {LUNG_CU_CODE} trên mã QR là mã của chính đơn vị này khi tờ giấy được in" in result["message"]
    assert f"nay đơn vị mang mã {NEW_CODE}" in result["message"]

    # a sheet printed now carries today's code, with no note
    fresh = ops.certificate_data_for_decision(demo, decision_id=decision["id"], awardee_ids=[first["id"]])[0]
    assert (fresh.qr_payload or "").startswith(f"TDKT2|{NEW_CODE}|")
    now = ops.verify(demo, payload=fresh.qr_payload or "")
    assert now["valid"] is True and now["unit_code_then"] == "" and "khi tờ giấy được in" not in now["message"]


def test_the_earlier_code_still_needs_the_register(demo):
    """Signed with the unit's key under its earlier code, but no such line in the register: not valid."""
    _change_code(demo, NEW_CODE)
    unknown = sign_payload(
        _own_pem(demo),
        PayloadFields(LUNG_CU_CODE, "2/QĐ-UBND", "1", "Người Không Có", date(2024, 12, 26), "giay_khen"),
    )
    result = ops.verify(demo, payload=unknown)
    assert result["valid"] is False and result["match"] is None
    assert "sổ không có" in result["message"]


def test_a_code_never_this_units_is_still_refused(demo):
    decision = _giay_khen_2024(demo)
    first = decision["awardees"][0]
    _change_code(demo, NEW_CODE)
    fields = PayloadFields(
        "09999",  # never this unit's code
        decision["number_text"],
        str(first["register_no"]),
        first["snapshot_name"],
        date.fromisoformat(decision["decision_date"]),
        "giay_khen",
    )
    result = ops.verify(demo, payload=sign_payload(_own_pem(demo), fields))
    assert result["genuine"] is False and result["valid"] is False
    assert result["message"].startswith("KHÔNG hợp lệ: mã QR ghi mã đơn vị 09999")
    assert result["unit_code_then"] == ""


def test_a_foreign_key_gains_nothing_from_the_units_earlier_code(demo):
    """A trusted neighbour's key signing our earlier code is no sheet of ours; an unknown key is not genuine."""
    decision = _giay_khen_2024(demo)
    first = decision["awardees"][0]
    _change_code(demo, NEW_CODE)
    neighbour = keymod.generate_unit_keys()
    with demo.transaction(operation="exchange.trust"):
        keymod.add_trusted_key(demo, unit_code="00718", unit_name="UBND xã Ma Lé", role="unit", keys=neighbour.public)
    pem = neighbour.signing_private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fields = PayloadFields(
        LUNG_CU_CODE,
        decision["number_text"],
        str(first["register_no"]),
        first["snapshot_name"],
        date.fromisoformat(decision["decision_date"]),
        "giay_khen",
    )
    claimed = ops.verify(demo, payload=sign_payload(pem, fields))
    assert claimed["genuine"] is False and claimed["valid"] is False and claimed["unit_code_then"] == ""
    assert "KHÔNG hợp lệ" in claimed["message"]
    stranger_pem = keymod.generate_unit_keys().signing_private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert ops.verify(demo, payload=sign_payload(stranger_pem, fields))["genuine"] is False
