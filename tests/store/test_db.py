"""The store: pragmas, all-or-nothing transactions, audit triggers, append-only audit log."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desktop.store import Store, open_store
from desktop.store.audit import history, record_event


def _add_department(store, name: str) -> int:
    return store.insert("departments", {"uuid": f"u-{name}", "name": name, "created_at": "t", "updated_at": "t"})


def test_pragmas_wal_and_foreign_keys(store):
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1


def test_transaction_rolls_back_everything_on_error(store):
    with pytest.raises(RuntimeError), store.transaction("test.fail"):
        _add_department(store, "Văn phòng")
        # sqlite-utils wraps its own writes in `with conn:`; that must not commit our transaction
        store.db["departments"].insert({"uuid": "u2", "name": "Tư pháp", "created_at": "t", "updated_at": "t"})
        raise RuntimeError("boom")
    assert store.scalar("SELECT count(*) FROM departments") == 0
    assert store.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'departments'") == 0


def test_nested_transactions_join_the_outer_one(store):
    with pytest.raises(ValueError), store.transaction("outer"):
        with store.transaction("inner"):
            _add_department(store, "A")
        raise ValueError
    assert store.scalar("SELECT count(*) FROM departments") == 0


def test_audit_log_records_insert_update_delete_with_actor_and_operation(store):
    """The actor is the person the store was opened for: set once, never passed to an operation."""
    store.actor = "thu-ky"
    with store.transaction("department.add"):
        dept_id = _add_department(store, "Văn phòng")
    with store.transaction("department.rename"):
        store.update("departments", dept_id, {"name": "Văn phòng HĐND và UBND"})
    with Store(store.path, actor="admin") as other, other.transaction("department.remove"):
        other.execute("DELETE FROM departments WHERE id = ?", (dept_id,))
    rows = list(reversed(history(store, table="departments")))
    assert [r["action"] for r in rows] == ["insert", "update", "delete"]
    assert [r["operation"] for r in rows] == ["department.add", "department.rename", "department.remove"]
    assert rows[0]["actor"] == "thu-ky" and rows[2]["actor"] == "admin"
    assert json.loads(rows[1]["before"])["name"] == "Văn phòng"
    assert json.loads(rows[1]["after"])["name"] == "Văn phòng HĐND và UBND"
    assert rows[2]["after"] is None and json.loads(rows[2]["before"])["name"] == "Văn phòng HĐND và UBND"
    assert all(r["record_uuid"] == "u-Văn phòng" for r in rows)


def test_a_nested_operation_names_only_its_own_writes(store):
    """Signing a covenant creates the block inside it: the covenant row was logged as "movement.create_block"
    because the inner name stayed until the outer transaction ended (review K)."""
    with store.transaction("movement.sign_covenant"):
        with store.transaction("movement.create_block"):
            _add_department(store, "Khối A")
        _add_department(store, "Giao ước")
    with store.transaction():
        _add_department(store, "Không tên")
    rows = list(reversed(history(store, table="departments")))
    assert [(json.loads(r["after"])["name"], r["operation"]) for r in rows] == [
        ("Khối A", "movement.create_block"),
        ("Giao ước", "movement.sign_covenant"),
        ("Không tên", ""),
    ]


def test_update_without_change_writes_no_audit_row(store):
    with store.transaction("a"):
        dept_id = _add_department(store, "Kinh tế")
    before = store.scalar("SELECT count(*) FROM audit_log")
    with store.transaction("b"):
        store.update("departments", dept_id, {"name": "Kinh tế"})
    assert store.scalar("SELECT count(*) FROM audit_log") == before


def test_audit_log_cannot_be_edited_or_deleted(store):
    with store.transaction("a"):
        _add_department(store, "Kinh tế")
        record_event(store, table="staff", after={"file": "x.xlsx"})
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.execute("UPDATE audit_log SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.execute("DELETE FROM audit_log")
    assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'event'") == 1


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError), store.transaction("bad"):
        store.execute(
            "INSERT INTO ratings (uuid, staff_id, year, rating, created_at, updated_at) "
            "VALUES ('r', 999, 2024, 'HTTNV', 't', 't')"
        )


def test_data_survives_reopening(db_path):
    first = open_store(db_path)
    with first.transaction("a"):
        _add_department(first, "Quân sự")
    first.close()
    second = open_store(db_path)
    assert second.scalar("SELECT name FROM departments") == "Quân sự"
    second.close()


def test_readonly_store_cannot_write(db_path):
    open_store(db_path).close()
    readonly = open_store(db_path, readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        readonly.execute("INSERT INTO settings VALUES ('a', 'b')")
    readonly.close()


def test_the_store_names_the_login_user_by_default_and_migrations_the_program(db_path):
    from desktop.store.db import login_name

    store = open_store(db_path)
    try:
        assert store.actor == login_name() != ""
        actors = {r["actor"] for r in store.query("SELECT actor FROM audit_log WHERE operation LIKE 'migration.%'")}
        assert actors <= {"system"}
        with store.acting_as("system"):
            assert store.actor == "system"
        assert store.actor == login_name()
    finally:
        store.close()
