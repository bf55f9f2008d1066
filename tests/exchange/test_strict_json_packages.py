"""What arrives from outside is JSON as the standard writes it: no NaN or Infinity, no key named twice in one object.

Python's json module takes both. A record carrying ``NaN`` was kept as the package wrote it and stored at the province
as text SQLite's JSON functions refuse; a key named twice lets two readers see two records behind one signature.
Packages are the exporter's own, changed and signed again with the unit's key (a broken or dishonest program); the
stores are real SQLite files."""

from __future__ import annotations

import json
import uuid

import pytest

from desktop.exchange import keys as keymod
from desktop.exchange.format import PackageError
from desktop.exchange.manifest import canonical_bytes, parse_manifest
from desktop.ops import exchange as ops
from tests.exchange import craft, make_province, own_keys, unpack
from tests.exchange.test_refusals import refused

ENTRY = "data/nominations.json"


def _forged(unit, path, folder, change):
    """The dossier at ``path`` with its first record's text changed by ``change``, signed again by the unit."""
    manifest, entries = unpack(path)
    text = json.dumps(json.loads(entries[ENTRY]), ensure_ascii=False)
    changed = change(text)
    assert changed != text
    entries[ENTRY] = changed.encode("utf-8")
    return craft(folder / "forged.tdkt", own_keys(unit), manifest | {"package_uuid": str(uuid.uuid4())}, entries)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_record_carrying_a_non_json_number_is_refused_and_nothing_is_stored(sent_dossier, tmp_path, constant):
    unit, prov, path = sent_dossier
    forged = _forged(
        unit, path, tmp_path, lambda t: t.replace('"records": [{', f'"records": [{{"x_score": {constant}, ', 1)
    )
    message = refused(prov, forged, "record")
    assert "không phải JSON UTF-8 hợp lệ" in message and ENTRY in message
    assert prov.scalar("SELECT count(*) FROM remote_records") == 0


def test_a_record_naming_a_key_twice_is_refused(sent_dossier, tmp_path):
    unit, prov, path = sent_dossier
    # the same record, its code given a second time: which one a reader keeps is not JSON's to say
    forged = _forged(unit, path, tmp_path, lambda t: t.replace('"records": [{', '"records": [{"code": "CSTĐCS", ', 1))
    message = refused(prov, forged, "record")
    assert "không phải JSON UTF-8 hợp lệ" in message
    assert prov.scalar("SELECT count(*) FROM remote_records") == 0


def test_the_untouched_dossier_is_still_taken(sent_dossier):
    """The stricter reading refuses nothing the program writes itself."""
    _unit, prov, path = sent_dossier
    ops.import_files(prov, files=[path])
    assert prov.scalar("SELECT count(*) FROM remote_records") > 0
    assert prov.scalar("SELECT count(*) FROM remote_records WHERE NOT json_valid(content)") == 0


@pytest.mark.parametrize("raw", [b'{"year": NaN}', b'{"kind": "a", "kind": "b"}'], ids=["nan", "repeated-key"])
def test_a_manifest_that_is_not_standard_json_is_refused(raw):
    with pytest.raises(PackageError) as excinfo:
        parse_manifest(raw)
    assert excinfo.value.code == "manifest" and "không đọc được nội dung JSON" in excinfo.value.message


def test_a_key_file_naming_a_key_twice_is_refused(tmp_path):
    province = make_province(tmp_path)
    try:
        original = ops.export_public_key(province, path=tmp_path / "province-key")
    finally:
        province.close()
    text = original.read_text(encoding="utf-8")
    assert keymod.read_public_key_file(original)["keys"]
    forged = tmp_path / "twice.tdktkey"
    forged.write_text(text.replace("{", '{"format": "khac", ', 1), encoding="utf-8")
    with pytest.raises(PackageError) as excinfo:
        keymod.read_public_key_file(forged)
    assert excinfo.value.code == "key_file" and "không đọc được nội dung JSON" in excinfo.value.message


def test_the_writer_never_writes_a_non_json_number():
    with pytest.raises(ValueError):
        canonical_bytes({"amount": float("nan")})
