"""Schema version 8: who issued a decision, as it was on the day it was issued.

A decision, its payment list and its certificates print the issuing body: the unit's name, the body above it, the
place of the date line, the commune a collective belongs to and the head's title of the authority and signature
lines. These were read from the unit as it is today, so a Giấy khen of 2024 reprinted after the 2025 merger of
communes showed the new commune's name. ``decisions.issuer_*`` now keep that block as it stood at issue
(``issuer_unit_name``, ``issuer_unit_kind``, ``issuer_parent_body`` as printed before upper-casing,
``issuer_commune_name``, ``issuer_place_name``, ``issuer_head_title`` as recorded for the unit).

Decisions issued before this version keep the block empty (``issuer_unit_name = ''``): nothing recorded what the
unit was called then, so their documents go on reading the unit as it is today.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v8.sql")
