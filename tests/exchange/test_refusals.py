"""Every refusal is ONE PackageError with the documented code and message, and the database is unchanged."""

from __future__ import annotations

import json
import stat
import zipfile
from datetime import datetime, timedelta

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import MAX_ENTRY_SIZE, PackageError
from desktop.exchange.keys import generate_unit_keys
from desktop.ops import exchange as ops
from tests.exchange import YEAR, craft, make_unit, own_keys, table_checksum, unpack


@pytest.fixture
def setup(sent_dossier):
    return sent_dossier


def refused(store, path, code):
    """Import must raise PackageError(code) naming the file, and leave every table as it was."""
    before = table_checksum(store)
    with pytest.raises(PackageError) as excinfo:
        ops.import_files(store, files=[path])
    assert excinfo.value.code == code, excinfo.value.message
    assert path.name in excinfo.value.message
    assert table_checksum(store) == before
    with pytest.raises(PackageError):
        ops.verify_file(store, path=path)
    assert table_checksum(store) == before
    return excinfo.value.message


def test_valid_package_is_accepted(setup):
    _unit, prov, path = setup
    assert ops.verify_file(prov, path=path)["counts"] == {"nomination": 3}


def test_tampered_byte_anywhere(setup, tmp_path):
    _unit, prov, path = setup
    data = bytearray(path.read_bytes())
    for offset in (40, len(data) // 2, len(data) - 30):
        bad = tmp_path / f"sua-{offset}.tdkt"
        copy = bytearray(data)
        copy[offset] ^= 0xFF
        bad.write_bytes(bytes(copy))
        before = table_checksum(prov)
        with pytest.raises(PackageError) as excinfo:
            ops.import_files(prov, files=[bad])
        assert bad.name in excinfo.value.message
        assert table_checksum(prov) == before


def test_entry_changed_after_signing_fails_the_checksum(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    name = "data/nominations.json"
    entries[name] = entries[name].replace(b"2025", b"2024")  # same size, different bytes
    bad = craft(tmp_path / "sua-du-lieu.tdkt", own_keys(unit), manifest, entries, fix_checksums=False, sign=False)
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(bad, "a") as archive:
        archive.writestr("signature", original.read("signature"))
    message = refused(prov, bad, "checksum")
    assert "SHA-256" in message and name in message


def test_manifest_changed_after_signing_fails_the_signature(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    with zipfile.ZipFile(path) as original:
        signature = original.read("signature")
    bad = craft(tmp_path / "sua-mo-ta.tdkt", own_keys(unit), manifest | {"year": YEAR - 1}, entries, sign=False)
    with zipfile.ZipFile(bad, "a") as archive:
        archive.writestr("signature", signature)
    assert "chữ ký số không khớp" in refused(prov, bad, "signature")


def test_wrong_key_claiming_a_trusted_fingerprint(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    rogue = generate_unit_keys()
    bad = craft(tmp_path / "gia-mao.tdkt", rogue, manifest, entries, sign=False)
    body = json.loads(zipfile.ZipFile(craft(tmp_path / "tmp.tdkt", rogue, manifest, entries)).read("signature"))
    body["signer_fingerprint"] = own_keys(unit).fingerprint
    with zipfile.ZipFile(bad, "a") as archive:
        archive.writestr("signature", json.dumps(body))
    refused(prov, bad, "signature")


def test_untrusted_key(setup, tmp_path):
    _unit, prov, path = setup
    manifest, entries = unpack(path)
    stranger = generate_unit_keys()
    bad = craft(tmp_path / "la.tdkt", stranger, manifest, entries)
    message = refused(prov, bad, "untrusted")
    assert stranger.fingerprint in message and "chưa được tin cậy" in message


def test_revoked_key_is_no_longer_trusted(setup):
    unit, prov, path = setup
    ops.revoke_key(prov, fingerprint=own_keys(unit).fingerprint)
    refused(prov, path, "untrusted")


def test_encrypted_to_another_unit(setup, tmp_path):
    unit, prov, _path = setup
    other = make_unit(tmp_path, name="Ủy ban nhân dân xã Lâm Bình", commune="02266")
    key_file = ops.export_public_key(other, path=tmp_path / "other-key")
    trusted = ops.trust_key(unit, path=key_file, role="unit")  # a neighbour's key (one province key only)
    path = export_package(
        unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "nham.tdkt", encrypt_to=trusted["fingerprint"],
        receiver="02266", with_attachments=False,
    )  # fmt: skip
    refused(prov, path, "not_for_us")
    other.close()


def test_sender_code_must_match_the_signing_key(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    bad = craft(
        tmp_path / "mao-danh.tdkt", own_keys(unit), manifest | {"sender": {"code": "02266", "name": "X"}}, entries
    )
    refused(prov, bad, "sender_mismatch")


def test_truncated_file(setup, tmp_path):
    _unit, prov, path = setup
    data = path.read_bytes()
    for size in (0, 10, len(data) // 2, len(data) - 1):
        bad = tmp_path / f"cut-{size}.tdkt"
        bad.write_bytes(data[:size])
        assert "bị cắt cụt" in refused(prov, bad, "not_zip")


@pytest.mark.parametrize("name", ["../evil.json", "/etc/passwd", "data\\x.json", "C:/windows/x.json", "data/../x"])
def test_path_tricks(setup, tmp_path, name):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    bad = craft(tmp_path / "duong-dan.tdkt", own_keys(unit), manifest, entries | {name: b"{}"})
    assert "để bảo vệ máy" in refused(prov, bad, "unsafe_name")


def test_symlink_entry(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    bad = craft(tmp_path / "lien-ket.tdkt", own_keys(unit), manifest, entries)
    with zipfile.ZipFile(bad, "a") as archive:
        info = zipfile.ZipInfo("attachments/x.pdf")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    refused(prov, bad, "unsafe_name")


def test_extra_and_missing_entries(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    keys = own_keys(unit)
    extra = craft(tmp_path / "thua.tdkt", keys, manifest, entries)
    with zipfile.ZipFile(extra, "a") as archive:
        archive.writestr("attachments/them.pdf", b"%PDF-1.4")
    assert "attachments/them.pdf" in refused(prov, extra, "extra_entry")
    missing = craft(tmp_path / "thieu.tdkt", keys, manifest, entries, sign=False)
    assert "signature" in refused(prov, missing, "missing_entry")


def test_oversized_entry(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    big = b" " * (MAX_ENTRY_SIZE + 1)
    bad = craft(tmp_path / "qua-lon.tdkt", own_keys(unit), manifest, entries | {"attachments/lon.pdf": big})
    assert "vượt giới hạn" in refused(prov, bad, "too_large")


def test_zip_bomb_ratio(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    bomb = b"\0" * (8 * 1024 * 1024)
    bad = craft(tmp_path / "bom.tdkt", own_keys(unit), manifest, entries | {"attachments/bom.pdf": bomb})
    assert "bom nén" in refused(prov, bad, "zip_bomb")


def test_future_major_version(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    bad = craft(tmp_path / "moi.tdkt", own_keys(unit), manifest | {"format_version": "2.0", "new": 1}, entries)
    message = refused(prov, bad, "future_version")
    assert "Gói được tạo bởi phiên bản mới hơn" in message and "2.0" in message
    # a newer MINOR version with an extra field is read
    fine = craft(tmp_path / "phu.tdkt", own_keys(unit), manifest | {"format_version": "1.7", "note": "x"}, entries)
    assert ops.verify_file(prov, path=fine)["format_version"] == "1.7"


def test_bad_record_names_the_record_and_field(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    body = json.loads(entries["data/nominations.json"])
    body["records"][1]["year"] = "2025"
    entries["data/nominations.json"] = json.dumps(body).encode()
    message = refused(prov, craft(tmp_path / "sai.tdkt", own_keys(unit), manifest, entries), "record")
    assert "bản ghi thứ 2" in message and "“year”" in message


def test_duplicate_uuid_with_different_content_in_one_package(setup, tmp_path):
    unit, prov, path = setup
    manifest, entries = unpack(path)
    body = json.loads(entries["data/nominations.json"])
    twin = dict(body["records"][0], achievement="khác")
    body["records"].append(twin)
    entries["data/nominations.json"] = json.dumps(body).encode()
    manifest["counts"] = {"nomination": 4}
    message = refused(prov, craft(tmp_path / "trung.tdkt", own_keys(unit), manifest, entries), "duplicate_record")
    assert twin["uuid"] in message and "nội dung khác" in message


def test_older_package_with_changed_record_is_a_conflict_and_ours_stays(setup, tmp_path):
    unit, prov, path = setup
    ops.import_files(prov, files=[path])
    manifest, entries = unpack(path)
    body = json.loads(entries["data/nominations.json"])
    body["records"][0]["achievement"] = "Nội dung cũ"
    entries["data/nominations.json"] = json.dumps(body).encode()
    older = (datetime.fromisoformat(manifest["created_at"]) - timedelta(days=3)).isoformat(timespec="seconds")
    manifest |= {"created_at": older, "package_uuid": "00000000-0000-4000-8000-000000000001"}
    stale = craft(tmp_path / "cu.tdkt", own_keys(unit), manifest, entries)
    [plan] = ops.dry_run(prov, files=[stale])
    report = plan.to_json()
    assert report["older_than_imported"] and "CŨ HƠN" in " ".join(report["messages"])
    assert report["counts"]["nomination"] == {"new": 0, "updated": 0, "unchanged": 2, "conflicts": 1}
    [conflict] = report["conflicts"]
    assert {"field": "achievement", "ours": "Hoàn thành xuất sắc nhiệm vụ", "theirs": "Nội dung cũ"} in conflict[
        "fields"
    ]
    ops.import_files(prov, files=[stale])
    content = prov.scalar("SELECT content FROM remote_records WHERE record_uuid = ?", (conflict["record_uuid"],))
    assert json.loads(content)["achievement"] == "Hoàn thành xuất sắc nhiệm vụ"


def test_reimport_changes_nothing_and_says_so(setup):
    _unit, prov, path = setup
    ops.import_files(prov, files=[path])
    before = table_checksum(prov)
    [plan] = ops.dry_run(prov, files=[path])
    assert plan.already_imported and "không có gì để làm" in plan.messages()[0]
    [result] = ops.import_files(prov, files=[path])
    assert result.status == "duplicate" and result.package_id is None
    assert table_checksum(prov) == before


def test_not_a_zip_and_missing_file(setup, tmp_path):
    _unit, prov, _path = setup
    text = tmp_path / "ghi-chu.tdkt"
    text.write_text("không phải gói")
    refused(prov, text, "not_zip")
    with pytest.raises(PackageError) as excinfo:
        ops.import_files(prov, files=[tmp_path / "khong-co.tdkt"])
    assert excinfo.value.code == "not_found"


def test_one_bad_file_stops_the_batch_before_any_write(setup, tmp_path):
    _unit, prov, path = setup
    bad = tmp_path / "hong.tdkt"
    bad.write_bytes(path.read_bytes()[:100])
    before = table_checksum(prov)
    with pytest.raises(PackageError):
        ops.import_files(prov, files=[path, bad])
    assert table_checksum(prov) == before


def test_zip_directory_is_checked_before_decompressing(setup, tmp_path):
    """A lying central directory (declared small, really huge) is caught while reading."""
    unit, prov, path = setup
    manifest, entries = unpack(path)
    data = bytearray(craft(tmp_path / "noi-doi.tdkt", own_keys(unit), manifest, entries).read_bytes())
    refused_path = tmp_path / "noi-doi-2.tdkt"
    central = data.find(b"data/nominations.json", data.find(b"PK\x01\x02"))
    record = data.rfind(b"PK\x01\x02", 0, central)
    data[record + 24 : record + 28] = (10).to_bytes(4, "little")
    refused_path.write_bytes(bytes(data))
    before = table_checksum(prov)
    with pytest.raises(PackageError):
        ops.import_files(prov, files=[refused_path])
    assert table_checksum(prov) == before


def test_the_senders_own_package_checked_at_home_says_so(setup):
    """The clerk who just made a package and opens it on the same PC is told it is the unit's own, to be sent on,
    not that a stranger's key signed it; nothing is written."""
    unit, _prov, path = setup
    before = unit.scalar("SELECT count(*) FROM packages")
    message = refused(unit, path, "own_package")
    assert "chính đơn vị này lập" in message and "chưa được tin cậy" not in message
    assert unit.scalar("SELECT count(*) FROM packages") == before


def test_a_huge_central_directory_is_refused_before_it_is_parsed(setup, tmp_path):
    """Review: the entry limit was counted on the objects zipfile had already built for the whole directory; a
    package of 150,000 empty entries (a 300 MB one holds millions) cost hundreds of megabytes first. It is now
    refused from the raw bytes: the peak memory of the refusal stays near the file's own size."""
    import tracemalloc

    from desktop.exchange.reader import read_header

    unit, prov, path = setup
    manifest, entries = unpack(path)
    crowded = craft(tmp_path / "dong.tdkt", own_keys(unit), manifest, entries)
    with zipfile.ZipFile(crowded, "a", compression=zipfile.ZIP_STORED) as archive:
        for number in range(150_000):
            archive.writestr(zipfile.ZipInfo(f"x/{number}"), b"")
    size = crowded.stat().st_size
    tracemalloc.start()
    try:
        with pytest.raises(PackageError) as header_refused:
            read_header(crowded)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert header_refused.value.code == "too_large" and "vượt giới hạn 2000" in str(header_refused.value)
    assert peak < 3 * size, (peak, size)  # parsed, the directory alone would be ~50 MB of ZipInfo objects
    assert "vượt giới hạn" in refused(prov, crowded, "too_large")
