"""Schema version 1: the unit, departments, staff and their yearly records, settings, audit log."""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v1.sql")
