"""Schema version 7: who signs, absentees' written votes, the council's standing agency.

``decisions.signing_mode`` says how the decision (and its payment list and certificates) is signed: the chair
himself (``chair``), a deputy for the chair (``deputy``: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH") or on behalf of a
collective body where the law gives the power to the body (``body``: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"). The
old free-text ``on_behalf`` column stays for the decisions issued before, and is read to fill the new one.

``ballots.written_agree`` / ``written_disagree`` keep the written votes of absent council members apart from the
votes cast at the meeting, so the minutes show both and the threshold can count them as the rule pack says.

``review_rounds.decision_date`` is the date the round's decision is planned to bear (empty = 31 December of its
year): the law of that date says which nominees the unit confers and which go up.

``remote_attachments`` keeps, in province mode, the files a unit's package carried (the achievement reports of
its nominations), so the province can open them later; the package itself is audited through ``packages``.

``unit.standing_agency`` is the council's standing agency (cơ quan thường trực, e.g. "Phòng Văn hóa - Xã hội"),
which issues the tờ trình to the chair; its head signs it.

Version 6 and before copied the unit's private keys (``unit_keys.*_private_pem``) into the audit log with every
key row written. The log is append-only, so this migration lifts the guard once, puts "[đã ẩn]" in place of the
keys in those old entries, and sets the guard again; from now on the triggers never copy a private key.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v7.sql")
