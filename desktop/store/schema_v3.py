"""Schema version 3: the yearly review — rounds, nominations, the council and its ballots, number series,
decisions with their frozen awardee snapshots, and the dossier sent up to the province.

Nothing here is ever deleted by the program: a removed nomination keeps its row with status ``removed``, a
corrected or revoked decision keeps its row and number with the reason. ``awards`` gains ``decision_id`` and
``awardee_id`` so the award history points back at the decision line that conferred it.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v3.sql")
