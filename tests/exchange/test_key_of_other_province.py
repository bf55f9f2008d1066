"""A key whose official code places it in another province is not trusted: the province would count a Hà Nội ward
in Tuyên Quang's summary, and a Hà Nội ward would take Tuyên Quang's decisions and rule packs. Before, both were
trusted as long as the clerk accepted the file."""

from __future__ import annotations

import pytest

from desktop.exchange.format import PackageError
from desktop.ops import exchange as ops
from tests.exchange import make_province, make_unit

BA_DINH = "00004"  # Phường Ba Đình, Thành phố Hà Nội


def _trusted(store) -> list[str]:
    return [k["unit_code"] for k in ops.list_trusted(store)]


def test_a_province_does_not_trust_a_unit_of_another_province(tmp_path):
    prov = make_province(tmp_path)
    far = make_unit(tmp_path, name="Ủy ban nhân dân phường Ba Đình", commune=BA_DINH)
    try:
        path = ops.export_public_key(far, path=tmp_path / "ba-dinh")
        with pytest.raises(PackageError) as refused:
            ops.trust_key(prov, path=path, role="unit")
        message = str(refused.value)
        assert "mã 00004 là của Phường Ba Đình, Thành phố Hà Nội, không thuộc tỉnh Tuyên Quang" in message
        assert _trusted(prov) == []
        # the ward in turn does not take Tuyên Quang's key as its province's
        province_key = ops.export_public_key(prov, path=tmp_path / "tinh")
        with pytest.raises(PackageError, match="mã 08 là của tỉnh Tuyên Quang, không thuộc Thành phố Hà Nội"):
            ops.trust_key(far, path=province_key, role="province")
        assert _trusted(far) == []
    finally:
        prov.close()
        far.close()


def test_a_unit_of_the_province_is_trusted(tmp_path):
    prov = make_province(tmp_path)
    near = make_unit(tmp_path)  # Xã Lũng Cú, Tuyên Quang
    try:
        path = ops.export_public_key(near, path=tmp_path / "lung-cu")
        ops.trust_key(prov, path=path, role="unit")
        assert _trusted(prov) == ["00715"]
    finally:
        prov.close()
        near.close()
