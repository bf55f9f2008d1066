"""Qt's own strings (standard buttons, wizard, file dialog, edit menus) in Vietnamese.

PySide6 wheels ship no Vietnamese ``qtbase_vi.qm``, and we do not want a compile step, so the plain
``.po`` catalog in ``i18n/vi/LC_QT`` is turned into ``.qm`` bytes in memory at start-up and loaded
with :meth:`QTranslator.load`. Entries carry no context, so one entry serves every dialog that asks
for the same English text.

Why not override ``QTranslator.translate()`` in Python: with PySide6 6.12 on Python 3.11 every call
of that override from C++ releases one reference to ``None`` too many (the null ``disambiguation``
pointer), and Qt translates thousands of strings in a session, so the program would eventually crash.
Lookups inside Qt's own C++ code also cost nothing at paint time.
"""

from __future__ import annotations

import struct
import zlib

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop import __version__
from desktop.i18n import qt_catalog
from desktop.paths import i18n_dir, user_data_dir

# Layout of Qt's .qm format (qtbase/src/corelib/kernel/qtranslator.cpp).
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_SECTION_HASHES = 0x42
_SECTION_MESSAGES = 0x69
_SECTION_LANGUAGE = 0xA7
_TAG_END = 1
_TAG_TRANSLATION = 3
_TAG_SOURCE_TEXT = 6


def strip_accelerator(text: str) -> str:
    """'&Yes' -> 'Yes'; a literal '&&' stays one '&'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def expand_catalog(catalog: dict[str, str]) -> dict[str, str]:
    """Add each entry without its '&' ("&Yes" also answers "Yes"); explicit entries win."""
    expanded = dict(catalog)
    for source, text in catalog.items():
        if "&" in source:
            expanded.setdefault(strip_accelerator(source), strip_accelerator(text))
    return expanded


def _elf_hash(data: bytes) -> int:
    """Qt's hash of the source text (qtranslator.cpp elfHash_continue/elfHash_finish)."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def compile_qm(catalog: dict[str, str], language: str = "vi") -> bytes:
    """A .qm file holding ``catalog`` (English source text -> translation) for any context."""
    messages = bytearray()
    hashes: list[tuple[int, int]] = []
    for source, text in catalog.items():
        if not source or not text:
            continue
        source_bytes = source.encode("utf-8")
        translation = text.encode("utf-16-be")
        hashes.append((_elf_hash(source_bytes), len(messages)))
        messages += struct.pack(">BI", _TAG_TRANSLATION, len(translation)) + translation
        messages += struct.pack(">BI", _TAG_SOURCE_TEXT, len(source_bytes)) + source_bytes
        messages += struct.pack(">B", _TAG_END)
    hashes.sort()
    hash_table = b"".join(struct.pack(">II", h, offset) for h, offset in hashes)
    language_bytes = language.encode("ascii")
    out = bytearray(QM_MAGIC)
    out += struct.pack(">BI", _SECTION_LANGUAGE, len(language_bytes)) + language_bytes
    out += struct.pack(">BI", _SECTION_HASHES, len(hash_table)) + hash_table
    out += struct.pack(">BI", _SECTION_MESSAGES, len(messages)) + messages
    return bytes(out)


class CatalogTranslator(QTranslator):
    """A translator loaded from a ``{English: Vietnamese}`` catalog."""

    def __init__(
        self, catalog: dict[str, str] | None, language: str = "vi", parent=None, *, qm: bytes | None = None
    ) -> None:
        super().__init__(parent)
        # Qt reads the translations straight from this buffer: it must live as long as the translator.
        self._data = qm if qm is not None else compile_qm(expand_catalog(catalog or {}), language)
        if not self.load(self._data):
            raise ValueError("Qt did not accept the compiled translation catalog")


def _checksum(data: bytes) -> int:
    """CRC-32: finds a cache file damaged on disk or a changed key. Not a defence against someone who can write
    the user's folder (they could write any checksum); zlib is loaded already, hashlib would cost 2.5 ms at start."""
    return zlib.crc32(data)


def _cached_qm(language: str, *, fresh: bool = False) -> bytes:
    """The compiled catalog, kept in the user's cache folder between runs.

    Reading the ``.po`` files needs Babel's parser (about 50 ms with its imports) — the largest single cost of
    opening the window. The compiled bytes are cached under a key made of the program's version and the catalog
    files' names, sizes and times, so a changed catalog or a new program compiles again; a cache that cannot be
    written is only slower, and ``fresh`` ignores (and replaces) a cached copy Qt refused.
    """

    folder = i18n_dir() / language / "LC_QT"
    key = f"{__version__}\n"
    for path in sorted(folder.glob("*.po")):
        stat = path.stat()  # one call per catalog: this runs at every start
        key += f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}\n"
    cache = user_data_dir() / "cache" / f"qt-{language}-{_checksum(key.encode()):08x}.qm"
    try:  # the file is the catalog's checksum then the catalog: a damaged copy is compiled again
        stored = cache.read_bytes()
        data = stored[4:]
        if not fresh and data.startswith(QM_MAGIC) and _checksum(data).to_bytes(4, "big") == stored[:4]:
            return data
    except OSError:
        pass

    data = compile_qm(expand_catalog(qt_catalog(language)), language)
    try:
        from desktop.files.replace import write_file

        cache.parent.mkdir(parents=True, exist_ok=True)
        write_file(cache, _checksum(data).to_bytes(4, "big") + data)
        for old in cache.parent.glob(f"qt-{language}-*.qm"):  # a catalog updated since: its old copy
            if old != cache:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return data


def install_qt_translator(app: QCoreApplication, language: str) -> CatalogTranslator | None:
    """Install the Vietnamese catalog when the program runs in Vietnamese; returns it (keep a reference)."""
    if language != "vi":
        return None
    try:
        translator = CatalogTranslator(None, "vi", app, qm=_cached_qm("vi"))
    except ValueError:  # a damaged cached copy: compile the catalog again
        translator = CatalogTranslator(None, "vi", app, qm=_cached_qm("vi", fresh=True))
    app.installTranslator(translator)
    return translator
