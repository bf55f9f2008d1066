"""Translations: every source string has an English translation with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir

from desktop.i18n import _, load_po_files, set_language

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")
QT_PLACEHOLDER = re.compile(r"%\d+|%n")


def _source_messages() -> dict[str, str]:
    found: dict[str, str] = {}
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    method_map = [("**.py", "python")]
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "desktop"), method_map=method_map, keywords=keywords
    ):
        for text in message if isinstance(message, tuple) else (message,):
            if text:
                found.setdefault(text, f"desktop/{filename}:{lineno}")
    return found


def test_english_catalog_covers_every_source_string():
    singular, plural = load_po_files(ROOT / "i18n" / "en" / "LC_MESSAGES")
    plural_ids = {key for key, _index in plural}
    missing = [f"{where}: {text}" for text, where in _source_messages().items()
               if text not in singular and text not in plural_ids]
    assert not missing, "untranslated strings (add them to i18n/en/LC_MESSAGES/*.po):\n" + "\n".join(missing[:50])


def test_translations_keep_the_placeholders():
    singular, _plural = load_po_files(ROOT / "i18n" / "en" / "LC_MESSAGES")
    wrong = [(source, target) for source, target in singular.items()
             if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target))]
    assert not wrong, wrong[:10]


def test_qt_catalog_keeps_qt_placeholders():
    singular, _plural = load_po_files(ROOT / "i18n" / "vi" / "LC_QT")
    assert singular, "Qt's own strings need a Vietnamese catalog"
    wrong = [
        (s, t) for s, t in singular.items() if sorted(QT_PLACEHOLDER.findall(s)) != sorted(QT_PLACEHOLDER.findall(t))
    ]
    assert not wrong, wrong[:10]


def test_switching_language_translates_and_back():
    try:
        assert set_language("en") == "en"
        assert _("Chưa nhập họ và tên.") != "Chưa nhập họ và tên."
        assert set_language("vi") == "vi"
        assert _("Chưa nhập họ và tên.") == "Chưa nhập họ và tên."
    finally:
        set_language("vi")
