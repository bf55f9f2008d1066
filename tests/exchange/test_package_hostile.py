"""Hostile packages between a commune and its province: what a trusted but careless (or dishonest) sender may not do.

Each test feeds one crafted package (or key file) to real databases and checks it is refused with a message naming
what is wrong, and that nothing is written.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from desktop.exchange import province
from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.ops import exchange as ops
from desktop.store import new_uuid, now_iso
from tests.exchange import YEAR, craft, link, make_province, make_unit, own_keys, seed_dossier, table_checksum, unpack

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def dossier(tmp_path):
    """A commune with a dossier sent up, and the province trusting it (the package is not imported yet)."""
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    seed_dossier(unit)
    path = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "goc.tdkt", with_attachments=False)
    yield unit, prov, path
    unit.close()
    prov.close()


def _with_attachment(unit, path: Path, out: Path, name: str, content: bytes) -> Path:
    """The unit's dossier again, with one more file attached to its first nomination (re-signed by the unit)."""
    manifest, entries = unpack(path)
    data = json.loads(entries["data/nominations.json"])
    data["records"][0]["attachments"] = [name]
    entries["data/nominations.json"] = json.dumps(data).encode()
    entries[f"attachments/{name}"] = content
    return craft(out, own_keys(unit), manifest | {"package_uuid": new_uuid()}, entries)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao-thanh-tich.pdf.bat", b"@echo off\r\ncalc.exe\r\n"),
        ("bao-cao-thanh-tich.pdf.bat", PDF),  # a PDF header does not make a .bat harmless
        ("bao-cao-thanh-tich.pdf.", PDF),  # Windows drops the trailing dot: "x.pdf." would be saved as what?
        ("bao-cao.exe", PDF),
        ("bao-cao", PDF),
        ("bao-cao.PDF", b"MZ\x90\x00"),  # the right name, a program inside
    ],
)
def test_an_attachment_that_is_not_a_pdf_is_refused_by_verify(dossier, tmp_path, name, content):
    unit, prov, path = dossier
    bad = _with_attachment(unit, path, tmp_path / "kem.tdkt", name, content)
    before = table_checksum(prov)
    with pytest.raises(PackageError) as refused:
        ops.verify_file(prov, path=bad)
    assert name in refused.value.message and "PDF" in refused.value.message
    with pytest.raises(PackageError):
        ops.import_files(prov, files=[bad])
    assert table_checksum(prov) == before


def test_a_real_pdf_with_an_upper_case_suffix_is_kept_and_saved_as_pdf(dossier, tmp_path):
    unit, prov, path = dossier
    good = _with_attachment(unit, path, tmp_path / "kem.tdkt", "Bao-cao.PDF", PDF)
    ops.import_files(prov, files=[good])
    listed = province.list_attachments(prov)
    assert [row["name"] for row in listed] == ["Bao-cao.PDF"]
    saved = province.save_attachment(prov, attachment_id=listed[0]["id"], folder=tmp_path / "mo")
    assert saved.name.endswith(".pdf") and saved.read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content"),
    [("bao-cao-thanh-tich.pdf.bat", b"@echo off\r\ncalc.exe\r\n"), ("bao-cao.pdf", b"@echo off\r\n")],
)
def test_an_attachment_kept_by_an_earlier_version_is_never_saved_as_something_to_run(dossier, tmp_path, name, content):
    """A file received before verify refused such names is still in the database: saving it is refused too."""
    _unit, prov, path = dossier
    ops.import_files(prov, files=[path])
    package_id = prov.scalar("SELECT id FROM packages ORDER BY id DESC LIMIT 1")
    stamp = now_iso()
    with prov.transaction(operation="test.seed"):
        prov.execute(
            "INSERT INTO remote_attachments (uuid, unit_code, package_id, name, size, sha256, content, created_at, "
            "updated_at) VALUES (?, '00715', ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), package_id, name, len(content), hashlib.sha256(content).hexdigest(), content, stamp, stamp),
        )
    attachment_id = province.list_attachments(prov)[0]["id"]
    folder = tmp_path / "mo"
    with pytest.raises(PackageError) as refused:
        province.save_attachment(prov, attachment_id=attachment_id, folder=folder)
    assert name in refused.value.message
    assert not folder.exists() or not any(folder.iterdir())


def test_the_province_window_opens_only_a_pdf(dossier, tmp_path, qtbot, monkeypatch):
    """Even if a file of another kind reached the disk, the window never hands it to the system to open."""
    from PySide6.QtGui import QDesktopServices

    from desktop.ui.context import AppContext
    from desktop.ui.exchange.page import ExchangePage

    unit, prov, path = dossier
    good = _with_attachment(unit, path, tmp_path / "kem.tdkt", "bao-cao.pdf", PDF)
    ops.import_files(prov, files=[good])
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    page = ExchangePage(AppContext(prov, actor="tinh"))
    qtbot.addWidget(page)
    attachment_id = province.list_attachments(prov)[0]["id"]
    assert page.province.open_attachment(attachment_id) is not None
    assert len(opened) == 1 and opened[0].endswith(".pdf")

    script = tmp_path / "00715-bao-cao.pdf.bat"
    script.write_bytes(b"@echo off\r\n")
    monkeypatch.setattr("desktop.ops.province.save_attachment", lambda store, **kwargs: script)
    assert page.province.open_attachment(attachment_id) is None
    assert len(opened) == 1
    assert "không phải PDF" in page.province.folder_message.text()
