"""Per-user preferences of the window (language, geometry, last database) in a small JSON file.

They belong to the person at this computer, not to the unit's data, so they live beside the database
in the user folder rather than in it. Defaults are declared once; keys this version does not know are
kept untouched so an older and a newer version can share the file.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from desktop.files.replace import write_file
from desktop.paths import user_data_dir

DEFAULTS: dict[str, Any] = {
    "language": "vi",
    "window_geometry": "",  # base64 of QWidget.saveGeometry()
    "last_db_path": "",
    "last_page": "unit",
}


def preferences_path() -> Path:
    return user_data_dir() / "preferences.json"


class Preferences:
    """Read once at start-up, written on every change (the file is tiny)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or preferences_path()
        self._values: dict[str, Any] = dict(DEFAULTS)
        self._values.update(self._read())

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        # A value of the wrong type (hand-edited file) falls back to the default.
        return {
            key: value for key, value in data.items() if key not in DEFAULTS or isinstance(value, type(DEFAULTS[key]))
        }

    def get(self, key: str) -> Any:
        return self._values.get(key, DEFAULTS.get(key))

    def set(self, key: str, value: Any) -> None:
        if key in self._values and self._values[key] == value:
            return  # unchanged (the last page, the same file at each start): the disk is not touched
        self._values[key] = value
        self.save()

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def save(self) -> None:
        """Write atomically so a crash never leaves half a file; a read-only folder is not fatal."""
        with contextlib.suppress(OSError):  # retried while an antivirus holds the file, no temporary file left
            write_file(self.path, json.dumps(self._values, ensure_ascii=False, indent=2).encode("utf-8"))


_shared: Preferences | None = None


def preferences() -> Preferences:
    """The preferences of this process (re-read when the user folder changes, as in tests)."""
    global _shared
    if _shared is None or _shared.path != preferences_path():
        _shared = Preferences()
    return _shared
