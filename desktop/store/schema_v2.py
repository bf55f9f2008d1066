"""Schema version 2: the award history (sổ theo dõi khen thưởng), collective ratings, rule settings.

``awards`` holds every title and award form a person, collective or household received, whether the
unit conferred it or it came from above (entered by hand, imported from old registers, later from
the province's packages): the consecutive-year rules read this table, not only the unit's decisions.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v2.sql")
