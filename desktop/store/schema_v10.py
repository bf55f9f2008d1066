"""Schema version 10: a decision keeps each person's ethnic group and leader status as they were when it was signed.

Reports count awards by women, ethnic minorities and leaders vs direct workers (0601–0605). Counted from today's
staff record, a 2022 report changed when a 2022 awardee was promoted or corrected today. ``snapshot_ethnic_code``
and ``snapshot_is_leader`` are written at issue, beside the name, position, department and gender frozen since
version 3. Awardees of decisions issued before this version keep NULL: nobody knows what they were then, so the
reports fall back to today's record for them, as before.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v10.sql")
