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
