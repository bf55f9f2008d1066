"""Schema version 10: what a past year was stays as it was — the awardees' ethnic group and leader status, and who
worked in which department.

Reports count awards by women, ethnic minorities and leaders vs direct workers (0601–0605). Counted from today's
staff record, a 2022 report changed when a 2022 awardee was promoted or corrected today. ``snapshot_ethnic_code``
and ``snapshot_is_leader`` are written at issue, beside the name, position, department and gender frozen since
version 3. Awardees of decisions issued before this version keep NULL: nobody knows what they were then, so the
reports fall back to today's record for them, as before.

``staff_department_moves``: a change of department on a person's record is kept as a move (from, to, the day it
took effect). A collective's members of a year are the people in it on the year's last day (or the day they left),
read through these moves (``staff_repo.year_department_sql``), so a reorganisation in January no longer changes
the past year's collective titles, member counts and women shares. People moved before this version have no moves
kept and count in the department on their record, as before.

``unit_officials``: who held the unit's head post (``head``: Chủ tịch) and its deputy posts (``deputy``: Phó Chủ
tịch) from which day to which (an open end: still in office). The unit row keeps only today's head; a decision
dated in the past is signed by whoever was in office on its date. Once a term is recorded for a role, issuing a
decision (or its replacement) signed in that role checks the signer's name against the terms on the decision's
date (``desktop.ops.officials``), and ``tdkt check`` lists the issued decisions whose signer was not in office.
With no term recorded for a role nothing is checked, as before.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v10.sql")
