"""Schema version 5: emulation movements — targets, registrations, blocks and covenants, criteria and scores,
mid-term and final reviews, exemplary people and models.

A participant in the scoring is a member of a block (``block_members``): a department of this unit or a named
external unit of a khối/cụm thi đua. Scores carry a ``participant_key`` ("m:<member id>" or "d:<department id>")
so one unique index covers both, without NULLs in the key. A review keeps a frozen copy of the ranking and the
proposals it made, so a later change to the scores never rewrites a signed report.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v5.sql")
