"""A key file that claims to be this unit, or the province with a commune's code, is not trusted (review K).

A forged file naming the unit's own code was trusted, and every certificate it signed read "Giấy khen thật, do
Ủy ban nhân dân xã Lũng Cú cấp … Giấy của đơn vị khác": a paper of our own unit that our register does not hold.
A province key whose file gives a ward's 5-digit code passed the "another province" check, which reads only 2-digit
codes as provinces, and its movements were imported at the commune.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.documents.certificates.qr import PayloadFields, sign_payload
from desktop.exchange import keys as keymod
from desktop.exchange.format import PackageError
from desktop.ops import exchange as ops
from desktop.ops.certificates.verify import verify
from tests.exchange import LUNG_CU, make_unit


def _key_file(path: Path, keys: keymod.UnitKeys, *, code: str, name: str, role: str) -> Path:
    document = keymod.public_key_document(keys=keys.public, unit_code=code, unit_name=name, role=role)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _forged_payload(keys: keymod.UnitKeys) -> str:
    fields = PayloadFields(
        unit_code=LUNG_CU,
        decision_number="99/QĐ-UBND",
        register_no="1",
        name="Kẻ Giả Mạo",
        issued_on=date(2025, 12, 1),
        paper="giay_khen",
    )
    return sign_payload(keymod._pem(keys.signing_private).encode(), fields)


def test_a_key_file_naming_this_units_own_code_is_refused(tmp_path):
    unit = make_unit(tmp_path)
    try:
        forger = keymod.generate_unit_keys()
        path = _key_file(tmp_path / "gia.tdktkey", forger, code=LUNG_CU, name="Ủy ban nhân dân xã Lũng Cú", role="unit")
        with pytest.raises(PackageError) as refused:
            ops.trust_key(unit, path=path, role="unit")
        assert "ghi mã 00715 của chính đơn vị này nhưng không phải khóa của đơn vị" in refused.value.message
        assert ops.list_trusted(unit) == []
    finally:
        unit.close()


def test_a_certificate_signed_by_an_outside_key_with_our_code_is_not_genuine(tmp_path):
    """A database that trusted such a key before this check (the key put in as it was then)."""
    unit = make_unit(tmp_path)
    try:
        forger = keymod.generate_unit_keys()
        with unit.transaction(operation="test.old_trust"):
            keymod.add_trusted_key(
                unit, unit_code=LUNG_CU, unit_name="Ủy ban nhân dân xã Lũng Cú", role="unit", keys=forger.public
            )
        checked = verify(unit, payload=_forged_payload(forger))
        assert checked["genuine"] is False and checked["valid"] is False
        assert checked["message"].startswith("KHÔNG hợp lệ: giấy khen ghi mã 00715 của chính đơn vị này")
    finally:
        unit.close()


@pytest.mark.parametrize("code", ["00004", "001"])
def test_a_province_key_with_a_code_that_is_not_a_provinces_is_refused(tmp_path, code):
    unit = make_unit(tmp_path)
    try:
        path = _key_file(
            tmp_path / "tinh.tdktkey", keymod.generate_unit_keys(), code=code, name="Sở Nội vụ Hà Nội", role="province"
        )
        with pytest.raises(PackageError) as refused:
            ops.trust_key(unit, path=path, role="province")
        assert f"mã {code} không phải mã tỉnh (2 chữ số, mã của tỉnh Tuyên Quang là 08)" in refused.value.message
        assert ops.list_trusted(unit) == []
    finally:
        unit.close()
