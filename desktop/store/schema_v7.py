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

SQL = """
ALTER TABLE decisions ADD COLUMN signing_mode TEXT NOT NULL DEFAULT 'chair'
    CHECK (signing_mode IN ('chair', 'deputy', 'body'));
UPDATE decisions SET signing_mode = CASE
    WHEN upper(on_behalf) LIKE 'TM.%' THEN 'body'
    WHEN upper(on_behalf) LIKE 'KT.%' OR lower(signer_title) LIKE 'phó%' THEN 'deputy'
    ELSE 'chair' END;
ALTER TABLE ballots ADD COLUMN written_agree INTEGER NOT NULL DEFAULT 0 CHECK (written_agree >= 0);
ALTER TABLE ballots ADD COLUMN written_disagree INTEGER NOT NULL DEFAULT 0 CHECK (written_disagree >= 0);
ALTER TABLE review_rounds ADD COLUMN decision_date TEXT;
CREATE TABLE remote_attachments (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_code TEXT NOT NULL,
    package_id INTEGER NOT NULL REFERENCES packages(id),
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (unit_code, name, sha256)
);
CREATE INDEX remote_attachments_unit ON remote_attachments(unit_code, name);
ALTER TABLE unit ADD COLUMN standing_agency TEXT NOT NULL DEFAULT '';
ALTER TABLE unit ADD COLUMN standing_agency_head_title TEXT NOT NULL DEFAULT '';
ALTER TABLE unit ADD COLUMN standing_agency_head_name TEXT NOT NULL DEFAULT '';
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET
    before = CASE WHEN before IS NULL THEN NULL ELSE json_set(before,
        '$.signing_private_pem', '[đã ẩn]', '$.encryption_private_pem', '[đã ẩn]') END,
    after = CASE WHEN after IS NULL THEN NULL ELSE json_set(after,
        '$.signing_private_pem', '[đã ẩn]', '$.encryption_private_pem', '[đã ẩn]') END
    WHERE table_name = 'unit_keys';
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
"""
