"""A package damaged on the way (one flipped bit on a USB stick) is refused in the clerk's words: never the name of
the exception the zip or zlib reader raised ("error", "BadZipFile", "EOFError"), which docs/cli.md promises.

Every bit of the first local header and the start of the compressed data is flipped in turn: that is where a flip
changes sizes, lengths and the compression method, so the reader meets each kind of low-level failure."""

from __future__ import annotations

import re

from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.exchange.importer import own_identity
from desktop.exchange.keys import load_keyring
from desktop.exchange.reader import verify_bytes
from tests.exchange import YEAR, link, make_province, make_unit

# A Python exception's name or a bare "error" at the end of a message (before the closing full stop).
_PYTHON_WORDS = re.compile(r"\b(?:[A-Z][a-z]+)+(?:Error|Exception|File)\b|: ?error\b|EOFError|\bzlib\b|\bBad\w+")


def test_every_flipped_bit_at_the_start_of_a_package_is_refused_in_vietnamese(tmp_path):
    unit = make_unit(tmp_path)
    province = make_province(tmp_path)
    link(unit, province, tmp_path)
    package = export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "bao-cao.tdkt")
    data = package.read_bytes()
    keyring, own = load_keyring(province), own_identity(province)[0]
    refused: dict[str, int] = {}
    for offset in range(96):
        for bit in range(8):
            damaged = bytearray(data)
            damaged[offset] ^= 1 << bit
            try:
                verify_bytes(bytes(damaged), "bao-cao.tdkt", keyring, own_code=own)
            except PackageError as exc:
                refused[str(exc)] = refused.get(str(exc), 0) + 1
    assert sum(refused.values()) > 500  # nearly every flip there is refused (a few only touch unsigned header bytes)
    assert any("cấu trúc nén" in message for message in refused)  # the damaged-structure case was reached
    english = [message for message in refused if _PYTHON_WORDS.search(message)]
    assert not english, english
    unit.close()
    province.close()
