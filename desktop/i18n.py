"""Translations: ``_``, ``N_`` and ``ngettext`` for the whole program.

Source strings are written in Vietnamese, the language of every user, so a string that nobody has
translated yet still reads correctly on the default screen. English is a catalog in
``i18n/en/LC_MESSAGES/*.po``; every ``.po`` file of a language is merged, so each area of the program
can keep its own file. Catalogs are read with Babel at start-up; no compile step is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.paths import i18n_dir

SOURCE_LANGUAGE = "vi"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

_catalog: dict[str, str] = {}
_plural_catalog: dict[tuple[str, int], str] = {}
_plural_rule: Callable[[int], int] = lambda n: 0 if n == 1 else 1  # noqa: E731
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _catalog.get(message, message) if _catalog else message


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (module-level constants)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    if _plural_catalog:
        found = _plural_catalog.get((singular, _plural_rule(n)))
        if found:
            return found
    return singular if n == 1 else plural


def label(mapping: dict[str, str], key: str) -> str:
    """The translated label of a code: ``mapping`` holds ``N_`` strings; a code it lacks stands for itself."""
    text = mapping.get(key, key)
    return _(text)


def current_language() -> str:
    return _language


def load_po_files(directory: Path) -> tuple[dict[str, str], dict[tuple[str, int], str]]:
    """Read every ``*.po`` in ``directory`` (a ``LC_MESSAGES`` folder) into lookup tables."""
    from babel.messages.pofile import read_po

    singular: dict[str, str] = {}
    plural: dict[tuple[str, int], str] = {}
    if not directory.is_dir():
        return singular, plural
    for po_path in sorted(directory.glob("*.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id or not message.string or message.fuzzy:
                continue
            if isinstance(message.id, tuple | list):
                strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
                for index, text in enumerate(strings):
                    if text:
                        plural[(message.id[0], index)] = text
            else:
                singular[message.id] = str(message.string)
    return singular, plural


def set_language(language: str) -> str:
    """Switch the program's language; returns the language actually in force."""
    global _catalog, _plural_catalog, _language
    if language not in LANGUAGES:
        language = SOURCE_LANGUAGE
    _language = language
    if language == SOURCE_LANGUAGE:
        _catalog, _plural_catalog = {}, {}
    else:
        _catalog, _plural_catalog = load_po_files(i18n_dir() / language / "LC_MESSAGES")
    return language


def qt_catalog(language: str) -> dict[str, str]:
    """Translations of Qt's own strings (standard buttons, file dialogs) from ``qt-*.po`` files."""
    singular, _plural = load_po_files(i18n_dir() / language / "LC_QT")
    return singular


__all__ = ["LANGUAGES", "N_", "_", "current_language", "label", "ngettext", "qt_catalog", "set_language"]
