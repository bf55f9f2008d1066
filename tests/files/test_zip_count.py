"""The entry bound of a zip read from its raw bytes: from memory and from a file read in chunks, alike."""

from __future__ import annotations

import io
import zipfile

from desktop.files import zip_count
from desktop.files.zip_count import CENTRAL_ENTRY, entries_at_most


def test_a_real_zip_is_bounded_by_its_entries(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(7):
            archive.writestr(f"part/{number}.xml", "<x/>")
    path = tmp_path / "a.zip"
    path.write_bytes(buffer.getvalue())
    assert entries_at_most(buffer.getvalue()) == 7 == entries_at_most(path)


def test_a_signature_split_across_chunks_is_counted_once(tmp_path, monkeypatch):
    monkeypatch.setattr(zip_count, "_CHUNK", 16)
    for cut in range(1, len(CENTRAL_ENTRY)):  # the signature split after each of its first bytes
        data = b"x" * (16 - cut) + CENTRAL_ENTRY + b"y" * 13 + CENTRAL_ENTRY + CENTRAL_ENTRY
        path = tmp_path / f"split-{cut}.bin"
        path.write_bytes(data)
        assert entries_at_most(path) == 3 == entries_at_most(data), cut
