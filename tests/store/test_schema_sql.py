"""The schema's SQL lives in data files (desktop/store/sql/schema_vN.sql): what they create is what the shipped
versions created, byte for byte, and the files travel in the wheel and the bundle.

The pin is the fixture database of the latest version (tests/fixtures/schema_vN.sqlite3, written once by the code
of its day and never again): every table, index and guard trigger of a new file has exactly its ``sqlite_master``
text. The audit triggers are left out of that comparison: they are not in the SQL files, :mod:`desktop.store.audit`
writes them from the live schema after each migration; they are compared apart.
"""

from __future__ import annotations

import ast
import sqlite3
import zipfile
from pathlib import Path

import pytest

from desktop.store import audit, migrations, open_store
from desktop.store.sql import read
from tests.test_packaging import ROOT, source_copy, spec_tree, wheel  # noqa: F401 (fixtures used below)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SQL_FOLDER = ROOT / "desktop" / "store" / "sql"
VERSIONS = range(1, migrations.LATEST_VERSION + 1)


def _schema(path: Path, leave_out: set[str]) -> list[tuple[str, str, str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        conn.close()
    # sqlite_stat1 is written by ANALYZE when ``PRAGMA optimize`` (run as a file is closed) finds the queries of that
    # session worth it: statistics of the data and the queries run, not part of the schema.
    return [row for row in rows if row[1] not in leave_out and not row[1].startswith("sqlite_stat")]


def test_a_new_file_has_exactly_the_schema_of_the_latest_fixture(db_path):
    store = open_store(db_path)
    actions = ("insert", "update", "delete")
    generated = {f"audit_{table}_{action}" for table in audit.audited_tables(store) for action in actions}
    store.close()
    fixture = FIXTURES / f"schema_v{migrations.LATEST_VERSION}.sqlite3"

    new = _schema(db_path, generated)
    pinned = _schema(fixture, generated)

    assert len(new) > 100  # every table, index and guard trigger of every version
    assert new == pinned
    assert ("trigger", "audit_log_no_update", "audit_log") in [row[:3] for row in new]


def test_the_audit_triggers_are_written_as_the_fixture_has_them(db_path):
    """The triggers :mod:`desktop.store.audit` generates (columns read through sqlite-utils) are, to the letter, the
    fixture's; the unit's private keys are hidden in the audit log, never copied into it."""
    open_store(db_path).close()
    fixture = FIXTURES / f"schema_v{migrations.LATEST_VERSION}.sqlite3"
    new = {row[1]: row for row in _schema(db_path, set()) if row[0] == "trigger"}
    pinned = {row[1]: row for row in _schema(fixture, set()) if row[0] == "trigger"}
    assert new == pinned and len(new) > 60
    for action in ("insert", "update", "delete"):
        text = str(new[f"audit_unit_keys_{action}"][3])
        assert "'signing_private_pem', '[đã ẩn]'" in text and '."signing_private_pem"' not in text


def test_a_decision_keeps_its_issuer_and_the_audit_log_records_it(db_path):
    """Version 8: who issued a decision is kept on it (empty for the decisions of older files), and audited."""
    store = open_store(db_path)
    try:
        columns = {row["name"]: row for row in store.query("PRAGMA table_info(decisions)")}
        trigger = str(store.scalar("SELECT sql FROM sqlite_master WHERE name = 'audit_decisions_update'"))
    finally:
        store.close()
    for name in ("unit_name", "unit_kind", "parent_body", "commune_name", "place_name", "head_title"):
        column = columns[f"issuer_{name}"]
        assert (column["type"], column["notnull"], column["dflt_value"]) == ("TEXT", 1, "''")
        assert f"'issuer_{name}'" in trigger
    assert read("schema_v8.sql").count("ALTER TABLE decisions ADD COLUMN issuer_") == 6


def test_every_version_reads_its_own_file_and_every_file_is_a_version():
    import importlib

    assert sorted(path.name for path in SQL_FOLDER.glob("*.sql")) == sorted(f"schema_v{v}.sql" for v in VERSIONS)
    for version in VERSIONS:
        module = importlib.import_module(f"desktop.store.schema_v{version}")
        text = read(f"schema_v{version}.sql")
        assert text == module.SQL
        assert module.SQL.lstrip().startswith(("CREATE", "ALTER"))
        assert "\r" not in module.SQL


def test_windows_line_ends_in_a_checkout_change_nothing(tmp_path, monkeypatch):
    """git may check the files out with CRLF on Windows: the statements (and so the schema) stay the same."""
    import desktop.store.sql as sql_package

    crlf = tmp_path / "schema_v1.sql"
    crlf.write_bytes(read("schema_v1.sql").replace("\n", "\r\n").encode("utf-8"))
    monkeypatch.setattr(sql_package, "files", lambda _name: tmp_path)
    assert sql_package.read("schema_v1.sql") == (SQL_FOLDER / "schema_v1.sql").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_wheel_carries_the_sql_files(wheel: Path) -> None:  # noqa: F811 (the fixture of tests.test_packaging)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for version in VERSIONS:
            name = f"desktop/store/sql/schema_v{version}.sql"
            assert name in names
            assert archive.read(name).decode("utf-8") == read(f"schema_v{version}.sql")
    assert "desktop/store/sql/__init__.py" in names


def test_the_bundle_collects_the_sql_files_where_the_package_reads_them() -> None:
    from PyInstaller.utils.hooks import collect_data_files

    calls = [
        node
        for node in ast.walk(spec_tree())
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "collect_data_files"
    ]
    assert "desktop" in [ast.literal_eval(call.args[0]) for call in calls]
    collected = {(Path(target) / Path(source).name).as_posix() for source, target in collect_data_files("desktop")}
    assert {f"desktop/store/sql/schema_v{v}.sql" for v in VERSIONS} <= collected
