"""Where the program finds its bundled files and keeps the clerk's data.

Resources and translations live in ``desktop/resources`` and ``desktop/i18n`` inside an installed
wheel and the PyInstaller bundle (both copy them there), and beside the package in a checkout.
Every lookup goes through :func:`resource_path` so the three cases behave the same.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _first_existing(name: str) -> Path:
    for candidate in (PACKAGE_DIR / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Không tìm thấy thư mục dữ liệu của chương trình: {name}")


def resources_dir() -> Path:
    return _first_existing("resources")


def i18n_dir() -> Path:
    return _first_existing("i18n")


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource such as ``resource_path("fonts", "LiberationSerif-Regular.ttf")``."""
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """The per-user folder for the database, backups and logs (overridable with TDKT_DATA_DIR)."""
    override = os.environ.get("TDKT_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "TDKT"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "TDKT"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "tdkt"


def default_db_path() -> Path:
    return user_data_dir() / "tdkt.sqlite3"
