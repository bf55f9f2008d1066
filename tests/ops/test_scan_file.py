"""A scanner's output read from a file: only its beginning is read, whatever the file's size."""

from __future__ import annotations

import tracemalloc

from desktop.ops.certificates.verify import extract_payload, read_scan_file


def test_a_huge_file_chosen_by_mistake_is_not_read_whole(tmp_path):
    scanned = tmp_path / "scan.txt"
    with scanned.open("wb") as handle:
        handle.write(b"TDKT|1|2|3\r\n" + b" " * 300)  # text first, as a scanner writes it
        handle.truncate(200 * 1024 * 1024)  # 200 MB (sparse: quick to make)
    tracemalloc.start()
    try:
        text = read_scan_file(scanned)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024, peak  # the first 64 KB, not 200 MB
    assert len(text) <= 64 * 1024
    assert extract_payload(text) == "TDKT|1|2|3"


def test_utf16_without_a_bom_is_read(tmp_path):
    scanned = tmp_path / "scan.txt"
    scanned.write_bytes("TDKT|Nguyễn|2".encode("utf-16-le"))
    assert extract_payload(read_scan_file(scanned)) == "TDKT|Nguyễn|2"
