CREATE TABLE printer_profiles (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    printer_name TEXT NOT NULL UNIQUE,
    offset_x_mm REAL NOT NULL DEFAULT 0,
    offset_y_mm REAL NOT NULL DEFAULT 0,
    scale REAL NOT NULL DEFAULT 1 CHECK (scale > 0.5 AND scale < 1.5),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE certificate_prints (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    awardee_id INTEGER NOT NULL REFERENCES decision_awardees(id),
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    template_id TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('full', 'preprinted')),
    printer_name TEXT NOT NULL DEFAULT '',
    form_serial TEXT NOT NULL DEFAULT '',
    printed_by TEXT NOT NULL,
    printed_at TEXT NOT NULL,
    reprint_of INTEGER REFERENCES certificate_prints(id),
    reprint_reason TEXT CHECK (reprint_reason IS NULL OR reprint_reason IN ('spoiled', 'correction', 'other')),
    reprint_note TEXT NOT NULL DEFAULT '',
    qr_payload TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((reprint_of IS NULL) = (reprint_reason IS NULL))
);
CREATE INDEX certificate_prints_awardee ON certificate_prints(awardee_id, printed_at);
CREATE INDEX certificate_prints_decision ON certificate_prints(decision_id);
CREATE INDEX certificate_prints_serial ON certificate_prints(form_serial) WHERE form_serial <> '';
