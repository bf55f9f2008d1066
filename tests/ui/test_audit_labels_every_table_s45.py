"""The audit page names every table of the latest schema in words: a new table without a label shows the clerk
"Loại bản ghi khác" for every change made to it (``department_names`` and ``staff_department_moves`` did)."""

from __future__ import annotations

from desktop.ui.pages.audit_labels import TABLE_LABELS, UNKNOWN_TABLE, table_label


def test_every_table_of_the_schema_has_a_label(store):
    tables = [
        row["name"]
        for row in store.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    assert "department_names" in tables and "staff_department_moves" in tables
    unlabelled = [name for name in tables if name not in TABLE_LABELS]
    assert unlabelled == []
    assert table_label("department_names") not in ("", UNKNOWN_TABLE)
