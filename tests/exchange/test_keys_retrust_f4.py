"""Trusting a key file whose key is already stored never rewrites it: a relabelled copy of the province's key does
not turn the province into a unit, a revoked key does not come back, the identical key again is a no-op; a key file
of JSON nested thousands deep is refused with the usual message (reviewer's t3_keys.sh and t8_keyfile_nested.sh)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.exchange import keys as keymod
from desktop.exchange.format import PackageError
from desktop.ops import exchange as ops
from tests.exchange import make_province, make_unit

ROOT = Path(__file__).resolve().parents[2]


def _rows(store) -> list[tuple]:
    return [
        (r["unit_code"], r["unit_name"], r["role"], r["fingerprint"], r["revoked"], r["updated_at"])
        for r in store.query("SELECT * FROM trusted_keys ORDER BY id")
    ]


def _relabel(source: Path, target: Path, **changes: str) -> Path:
    data = json.loads(source.read_text(encoding="utf-8"))
    data.update(changes)
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


@pytest.fixture
def linked(tmp_path: Path):
    unit = make_unit(tmp_path)
    province = make_province(tmp_path)
    province_file = ops.export_public_key(province, path=tmp_path / "province-key")
    ops.trust_key(unit, path=province_file, role="province")
    yield unit, province, province_file
    unit.close()
    province.close()


def test_the_province_key_relabelled_as_a_unit_is_refused_and_left_as_it_was(linked, tmp_path: Path):
    unit, _province, province_file = linked
    before = _rows(unit)
    audit_before = unit.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'trusted_keys'")
    evil = _relabel(province_file, tmp_path / "evil.tdktkey", role="unit", unit_code="99999", unit_name="Xã Giả Mạo")
    with pytest.raises(PackageError) as excinfo:
        ops.trust_key(unit, path=evil)
    message = excinfo.value.message
    assert excinfo.value.code == "key_relabelled"
    assert "evil.tdktkey" in message and "vai trò cấp tỉnh → đơn vị" in message
    assert "mã " in message and "99999" in message and "Xã Giả Mạo" in message and "--replace" in message
    assert _rows(unit) == before
    assert unit.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'trusted_keys'") == audit_before


def test_only_the_name_differing_is_refused_too(linked, tmp_path: Path):
    unit, _province, province_file = linked
    before = _rows(unit)
    renamed = _relabel(province_file, tmp_path / "renamed.tdktkey", unit_name="Sở Khác")
    with pytest.raises(PackageError) as excinfo:
        ops.trust_key(unit, path=renamed, role="province")
    assert excinfo.value.code == "key_relabelled" and "«Sở Khác»" in excinfo.value.message
    assert _rows(unit) == before


def test_the_identical_key_again_changes_nothing(linked):
    unit, _province, province_file = linked
    before = _rows(unit)
    audit_before = unit.scalar("SELECT count(*) FROM audit_log")
    again = ops.trust_key(unit, path=province_file, role="province")
    assert again["unchanged"] is True and again["role"] == "province"
    assert _rows(unit) == before
    assert unit.scalar("SELECT count(*) FROM audit_log") == audit_before


def test_a_key_revoked_by_replace_never_comes_back(tmp_path: Path):
    unit = make_unit(tmp_path)
    old = make_province(tmp_path)
    new_folder = tmp_path / "new"
    new_folder.mkdir()
    new = make_province(new_folder)
    try:
        old_file = ops.export_public_key(old, path=tmp_path / "old-key")
        new_file = ops.export_public_key(new, path=tmp_path / "new-key")
        old_fp = ops.trust_key(unit, path=old_file, role="province")["fingerprint"]
        ops.trust_key(unit, path=new_file, role="province", replace=old_fp)
        before = _rows(unit)
        as_unit = _relabel(old_file, tmp_path / "old_as_unit.tdktkey", role="unit", unit_code="77777")
        for path, role in ((as_unit, None), (old_file, "province")):
            with pytest.raises(PackageError) as excinfo:
                ops.trust_key(unit, path=path, role=role)
            assert excinfo.value.code == "key_revoked"
            assert "đã bị thu hồi lúc" in excinfo.value.message
            assert "thay bằng một khóa mới" in excinfo.value.message
            assert old_fp in excinfo.value.message
        assert _rows(unit) == before
        assert [k["revoked"] for k in keymod.trusted_keys(unit, include_revoked=True)] == [1, 0]
    finally:
        for store in (unit, old, new):
            store.close()


def test_a_key_revoked_by_hand_says_so(linked):
    unit, _province, province_file = linked
    fingerprint = keymod.read_public_key_file(province_file)["keys"].fingerprint
    ops.revoke_key(unit, fingerprint=fingerprint)
    with pytest.raises(PackageError) as excinfo:
        ops.trust_key(unit, path=province_file, role="province")
    assert excinfo.value.code == "key_revoked" and "do người dùng thu hồi" in excinfo.value.message


def test_the_store_function_itself_never_rewrites_a_stored_key(linked, tmp_path: Path):
    unit, _province, province_file = linked
    found = keymod.read_public_key_file(province_file)
    before = _rows(unit)
    with pytest.raises(PackageError), unit.transaction(operation="t"):
        keymod.add_trusted_key(unit, unit_code="99999", unit_name="Xã Giả Mạo", role="unit", keys=found["keys"])
    assert _rows(unit) == before


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TDKT_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_the_command_line_refuses_the_relabelled_province_key(tmp_path: Path):
    for name in ("unit", "prov"):
        assert _cli(tmp_path, "--db", f"{name}.sqlite3", "demo").returncode == 0
    assert _cli(tmp_path, "--db", "prov.sqlite3", "province", "mode", "province").returncode == 0
    assert _cli(tmp_path, "--db", "prov.sqlite3", "keys", "export-public", "prov.tdktkey").returncode == 0
    assert _cli(tmp_path, "--db", "unit.sqlite3", "keys", "trust", "prov.tdktkey", "--role", "province").returncode == 0
    evil = _relabel(tmp_path / "prov.tdktkey", tmp_path / "evil.tdktkey", role="unit", unit_code="99999")
    result = _cli(tmp_path, "--db", "unit.sqlite3", "keys", "trust", evil.name)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "vai trò cấp tỉnh → đơn vị" in result.stderr
    shown = json.loads(_cli(tmp_path, "--db", "unit.sqlite3", "keys", "show", "--json").stdout)
    assert [(k["role"], k["revoked"]) for k in shown["trusted"]] == [("province", False)]
    again = _cli(tmp_path, "--db", "unit.sqlite3", "keys", "trust", "prov.tdktkey", "--role", "province")
    assert again.returncode == 0 and "không thay đổi gì" in again.stdout


@pytest.mark.parametrize(
    "text", ["[" * 30000 + "]" * 30000, '{"a":' * 10000 + "1" + "}" * 10000], ids=["list", "object"]
)
def test_a_key_file_nested_thousands_deep_is_refused_plainly(tmp_path: Path, text: str):
    path = tmp_path / "deep.tdktkey"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size < 64 * 1024
    with pytest.raises(PackageError) as excinfo:
        keymod.read_public_key_file(path)
    assert excinfo.value.code == "key_file" and "không đọc được nội dung JSON" in excinfo.value.message
    assert _cli(tmp_path, "--db", "db.sqlite3", "demo").returncode == 0
    result = _cli(tmp_path, "--db", "db.sqlite3", "keys", "trust", path.name)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "deep.tdktkey" in result.stderr


def test_a_key_file_saved_again_by_notepad_with_a_utf8_mark_is_the_same_key(tmp_path: Path):
    """Opened and saved in Notepad, the province's key file gains a UTF-8 mark: it is read and trusted as it was."""
    import codecs

    unit = make_unit(tmp_path)
    province = make_province(tmp_path)
    try:
        original = ops.export_public_key(province, path=tmp_path / "province-key")
        marked = tmp_path / "province-notepad.tdktkey"
        marked.write_bytes(codecs.BOM_UTF8 + original.read_bytes())
        assert keymod.read_public_key_file(marked)["keys"] == keymod.read_public_key_file(original)["keys"]
        ops.trust_key(unit, path=marked, role="province")
        assert [row[2] for row in _rows(unit)] == ["province"]
    finally:
        unit.close()
        province.close()
