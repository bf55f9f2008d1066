"""The SQL of each schema version, ``schema_vN.sql``, read as package data.

These files ARE the shipped migrations: :mod:`desktop.store.migrations` runs version N's file statement by
statement, so a file that has shipped is never edited (a change is a new version with its own file), and what they
create must stay byte for byte what the earlier versions created (tests/store/test_schema_sql.py pins it). They
travel as data files of the ``desktop`` package: in the wheel (hatch ships every file under ``desktop/``) and in
the PyInstaller bundle (``collect_data_files("desktop")`` in installer.spec).
"""

from __future__ import annotations

from importlib.resources import files


def read(name: str) -> str:
    """The text of ``name`` ("schema_v1.sql"), with "\\n" line ends whatever a checkout made of them."""
    return files(__name__).joinpath(name).read_text(encoding="utf-8").replace("\r\n", "\n")


__all__ = ["read"]
