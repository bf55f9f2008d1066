"""Schema version 9: a province keeps the awards a unit no longer reports, marked withdrawn.

A unit's award register (``award_register`` package) for a year is the whole of its awards in force that year. A
newer register that no longer holds an award received before (its decision replaced or cancelled) withdraws that
award at the province: ``remote_records.withdrawn_at`` is when the import found it gone and
``withdrawn_package_id`` the package (a ``packages`` row) that did. The row and its content stay for the audit;
every province count and list leaves it out. A later register that holds the award again clears both.

Records received before this version are all in force (``withdrawn_at IS NULL``), as they were counted before.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v9.sql")
