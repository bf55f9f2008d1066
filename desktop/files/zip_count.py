"""How many entries a zip file can hold at most, read from its raw bytes before ``zipfile`` parses it.

``zipfile`` builds one object per entry of the whole central directory as it opens a file, before any limit of
ours can count them: a hostile package or workbook of millions of empty entries costs gigabytes and minutes first.
Every central-directory entry ``zipfile`` accepts starts with the signature ``PK\\x01\\x02``, so counting that
signature bounds the entries (it occurs by chance in compressed bytes a few times in a billion bytes). No library
offers this bound without parsing the directory, hence this small module.
"""

from __future__ import annotations

from pathlib import Path

CENTRAL_ENTRY = b"PK\x01\x02"
_CHUNK = 4 * 1024 * 1024


def entries_at_most(source: bytes | Path) -> int:
    """An upper bound of the central-directory entries of ``source`` (the file's bytes, or its path, read in chunks)."""
    if isinstance(source, bytes):
        return source.count(CENTRAL_ENTRY)
    found = 0
    tail = b""
    with open(source, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            block = tail + chunk
            found += block.count(CENTRAL_ENTRY)
            # keep the last 3 bytes (no whole signature in them) so one split across chunks is counted once
            tail = block[-(len(CENTRAL_ENTRY) - 1) :]
    return found
