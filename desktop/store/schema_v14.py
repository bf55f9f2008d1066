"""Schema version 14: a covenant keeps what its members signed — the members, the targets, the criteria with
their points and the unit's name in the header on the day of signing (``covenants.terms``, JSON).

The covenant was printed from the movement as it is now, so a criterion added, reweighted or removed after the
signing (allowed until the tổng kết) changed the signed covenant when it was printed again: the paper in the file
and the one printed for an inspector disagreed. Signing now writes the terms; signing again (the clerk records the
covenant anew) writes the new ones.

Covenants signed before this version keep "" and print from the movement as it is, as they did.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v14.sql")
