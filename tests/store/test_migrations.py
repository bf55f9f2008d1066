"""Migrations: every past schema version upgrades, newer files are refused, a copy is made first."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.store import SchemaTooNewError, migrations, open_store, schema_version

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_gets_latest_schema(store):
    assert migrations.current_version(store) == migrations.LATEST_VERSION
    assert store.scalar("PRAGMA user_version") == migrations.LATEST_VERSION
    rows = store.query("SELECT version, app_version FROM schema_version ORDER BY version")
    assert [r["version"] for r in rows] == list(range(1, migrations.LATEST_VERSION + 1))


@pytest.mark.parametrize("version", range(1, migrations.LATEST_VERSION + 1))
def test_every_past_version_fixture_upgrades_and_keeps_data(tmp_path, version):
    fixture = FIXTURES / f"schema_v{version}.sqlite3"
    assert fixture.exists(), f"keep a fixture database for schema version {version}"
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    store = open_store(copy)
    try:
        assert migrations.current_version(store) == migrations.LATEST_VERSION
        assert store.scalar("SELECT count(*) FROM staff") == 40
        assert store.scalar("SELECT name FROM unit") == "Ủy ban nhân dân xã Lũng Cú"
        assert store.scalar("PRAGMA integrity_check") == "ok"
        assert store.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        store.close()


_DECISION_COLUMNS = "id, uuid, number_text, decision_date, signer_title, signer_name, signing_mode, status, round_id"
_ISSUER_COLUMNS = (
    "issuer_unit_name",
    "issuer_unit_kind",
    "issuer_parent_body",
    "issuer_commune_name",
    "issuer_place_name",
    "issuer_head_title",
)


def test_version_7_decisions_are_kept_and_read_the_unit_as_it_is_today(tmp_path):
    """Version 8 keeps who issued each decision (``decisions.issuer_*``). A version 7 file's decisions keep every
    row and value; their block stays empty, since nothing recorded what the unit was called then, so their documents
    go on reading the unit as it is today, as they did before."""
    from desktop.ops import review
    from desktop.ops.setup import update_unit

    copy = tmp_path / "v7.sqlite3"
    shutil.copy(FIXTURES / "schema_v7.sqlite3", copy)
    old = sqlite3.connect(copy)
    try:
        before = old.execute(f"SELECT {_DECISION_COLUMNS} FROM decisions ORDER BY id").fetchall()
        lines = old.execute("SELECT count(*), sum(amount) FROM decision_awardees").fetchone()
    finally:
        old.close()
    assert len(before) >= 6
    store = open_store(copy)
    try:
        after = [tuple(row.values()) for row in store.query(f"SELECT {_DECISION_COLUMNS} FROM decisions ORDER BY id")]
        assert after == before
        assert tuple(store.query_one("SELECT count(*) AS n, sum(amount) AS s FROM decision_awardees").values()) == lines
        blocks = {tuple(r.values()) for r in store.query(f"SELECT {', '.join(_ISSUER_COLUMNS)} FROM decisions")}
        assert blocks == {("",) * len(_ISSUER_COLUMNS)}

        old_decision = int(before[-1][0])
        assert review.decision_doc(store, decision_id=old_decision).unit.name == "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ"
        update_unit(store, values={"name": "Ủy ban nhân dân phường Hà Giang 1", "place_name": "Hà Giang"})
        unit = review.decision_doc(store, decision_id=old_decision).unit
        assert (unit.name, unit.place_name) == ("ỦY BAN NHÂN DÂN PHƯỜNG HÀ GIANG 1", "Hà Giang")
    finally:
        store.close()


def test_file_from_newer_version_is_refused_untouched(db_path):
    store = open_store(db_path)
    store.execute(
        "INSERT INTO schema_version (version, description, applied_at, app_version) VALUES (99, 'future', 'x', '9.0')"
    )
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    before = _digest(db_path)
    with pytest.raises(SchemaTooNewError) as excinfo:
        open_store(db_path)
    message = str(excinfo.value)
    assert "phiên bản mới hơn" in message and "99" in message
    assert _digest(db_path) == before


def test_a_copy_is_made_before_migrating(db_path, monkeypatch):
    open_store(db_path).close()

    def add_column(store):
        store.execute("ALTER TABLE staff ADD COLUMN nickname TEXT NOT NULL DEFAULT ''")

    steps = [*migrations.MIGRATIONS, (migrations.LATEST_VERSION + 1, "test step", add_column)]
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "LATEST_VERSION", steps[-1][0])
    monkeypatch.setattr(schema_version, "LATEST_VERSION", steps[-1][0])
    store = open_store(db_path)
    try:
        assert migrations.current_version(store) == steps[-1][0]
        copies = list((db_path.parent / "backups").glob("*truoc-nang-cap*.sqlite3"))
        assert len(copies) == 1
        with sqlite3.connect(copies[0]) as old:
            assert old.execute("SELECT max(version) FROM schema_version").fetchone()[0] == steps[-2][0]
        # the new column is audited too: triggers are regenerated after each step
        with store.transaction("t"):
            store.insert("departments", {"uuid": "d", "name": "A", "created_at": "t", "updated_at": "t"})
            store.insert(
                "staff",
                {
                    "uuid": "s",
                    "staff_code": "X1",
                    "full_name": "A",
                    "nickname": "Bé",
                    "created_at": "t",
                    "updated_at": "t",
                },
            )
        assert "Bé" in store.scalar("SELECT after FROM audit_log WHERE table_name = 'staff'")
    finally:
        store.close()


def test_failed_migration_leaves_the_file_at_the_old_version(db_path, monkeypatch):
    open_store(db_path).close()

    def broken(store):
        store.execute("ALTER TABLE staff ADD COLUMN half TEXT")
        raise RuntimeError("mất điện giữa chừng")

    steps = [*migrations.MIGRATIONS, (migrations.LATEST_VERSION + 1, "broken", broken)]
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "LATEST_VERSION", steps[-1][0])
    monkeypatch.setattr(schema_version, "LATEST_VERSION", steps[-1][0])
    with pytest.raises(RuntimeError):
        open_store(db_path)
    monkeypatch.undo()
    store = open_store(db_path)
    try:
        columns = [r["name"] for r in store.query("PRAGMA table_info(staff)")]
        assert "half" not in columns
        assert migrations.current_version(store) == migrations.LATEST_VERSION
    finally:
        store.close()


def test_private_keys_never_stay_in_the_audit_log(tmp_path):
    """Version 6 logged the unit's private keys with each key row; version 7 hides them, old entries included."""
    copy = tmp_path / "v6.sqlite3"
    shutil.copy(FIXTURES / "schema_v6.sqlite3", copy)
    pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIabc\n-----END PRIVATE KEY-----\n"
    old = sqlite3.connect(copy)
    with old:
        old.execute(
            "INSERT INTO audit_log (at, actor, operation, table_name, record_uuid, action, before, after) "
            "VALUES ('2025-01-01T00:00:00', 'system', 'exchange.keys', 'unit_keys', 'k1', 'insert', NULL, ?)",
            (json.dumps({"fingerprint": "AB12", "signing_private_pem": pem, "encryption_private_pem": pem}),),
        )
    old.close()
    store = open_store(copy)
    try:
        from desktop.exchange import keys as keymod

        with store.transaction(operation="exchange.keys"):
            keymod.ensure_unit_keys(store)
        rows = store.query("SELECT before, after FROM audit_log WHERE table_name = 'unit_keys'")
        assert len(rows) >= 2
        text = " ".join(str(r["before"]) + str(r["after"]) for r in rows)
        assert "PRIVATE KEY" not in text
        assert "[đã ẩn]" in text and "AB12" in text  # the entry stays, only the secret is hidden
        assert "PRIVATE KEY" in store.scalar("SELECT signing_private_pem FROM unit_keys WHERE active = 1")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.execute("UPDATE audit_log SET actor = 'x'")
    finally:
        store.close()


def test_the_start_up_knows_the_last_migration():
    """open_store compares the file with schema_version.LATEST_VERSION without loading the steps; the two agree."""
    assert schema_version.LATEST_VERSION == migrations.MIGRATIONS[-1][0] == migrations.LATEST_VERSION
