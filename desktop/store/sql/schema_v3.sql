CREATE TABLE review_rounds (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'year' CHECK (kind IN ('year', 'movement', 'occasion')),
    name TEXT NOT NULL DEFAULT '',
    movement_id INTEGER,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'council', 'posted', 'decided', 'closed')),
    posting_days INTEGER NOT NULL DEFAULT 0,
    posted_from TEXT,
    posted_to TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX review_rounds_year ON review_rounds(year);

CREATE TABLE nominations (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    round_id INTEGER NOT NULL REFERENCES review_rounds(id),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('individual', 'collective', 'household')),
    staff_id INTEGER REFERENCES staff(id),
    department_id INTEGER REFERENCES departments(id),
    household_name TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('title', 'award_form')),
    engine_verdict TEXT NOT NULL DEFAULT '',
    engine_reasons TEXT NOT NULL DEFAULT '[]',
    proposed_by_engine INTEGER NOT NULL DEFAULT 0,
    change_reason TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    removed_reason TEXT NOT NULL DEFAULT '',
    initiative_id INTEGER REFERENCES initiatives(id),
    achievement TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'proposed'
        CHECK (status IN ('proposed', 'removed', 'passed', 'failed', 'decided', 'sent_up')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (
        (target_kind = 'individual' AND staff_id IS NOT NULL)
        OR (target_kind = 'collective' AND department_id IS NOT NULL)
        OR (target_kind = 'household' AND household_name != '')
    )
);
CREATE INDEX nominations_round ON nominations(round_id, status);
CREATE INDEX nominations_staff ON nominations(staff_id);

CREATE TABLE councils (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    round_id INTEGER NOT NULL UNIQUE REFERENCES review_rounds(id),
    meeting_date TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE council_members (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    council_id INTEGER NOT NULL REFERENCES councils(id),
    position INTEGER NOT NULL DEFAULT 0,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('chair', 'deputy', 'member', 'secretary')),
    staff_id INTEGER REFERENCES staff(id),
    attended INTEGER NOT NULL DEFAULT 1,
    written_opinion TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX council_members_council ON council_members(council_id);

CREATE TABLE ballots (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    nomination_id INTEGER NOT NULL UNIQUE REFERENCES nominations(id),
    members_total INTEGER NOT NULL,
    present INTEGER NOT NULL,
    agree INTEGER NOT NULL,
    disagree INTEGER NOT NULL,
    invalid INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    threshold TEXT NOT NULL,
    arithmetic TEXT NOT NULL DEFAULT '',
    cite TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (agree >= 0 AND disagree >= 0 AND invalid >= 0 AND agree + disagree + invalid <= present),
    CHECK (present <= members_total)
);

CREATE TABLE number_series (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL,
    year INTEGER NOT NULL,
    next_number INTEGER NOT NULL DEFAULT 1 CHECK (next_number >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (key, year)
);

CREATE TABLE number_gaps (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    series_id INTEGER NOT NULL REFERENCES number_series(id),
    number INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (reason != ''),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (series_id, number)
);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    series_id INTEGER NOT NULL REFERENCES number_series(id),
    number INTEGER NOT NULL,
    number_text TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    signer_title TEXT NOT NULL DEFAULT '',
    signer_name TEXT NOT NULL DEFAULT '',
    on_behalf TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    achievement_text TEXT NOT NULL DEFAULT '',
    round_id INTEGER REFERENCES review_rounds(id),
    status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'corrected', 'revoked')),
    replaces_id INTEGER REFERENCES decisions(id),
    status_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (series_id, number)
);
CREATE INDEX decisions_date ON decisions(decision_date);
CREATE INDEX decisions_number_text ON decisions(number_text);

CREATE TABLE decision_awardees (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    register_no INTEGER NOT NULL CHECK (register_no >= 1),
    nomination_id INTEGER REFERENCES nominations(id),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('individual', 'collective', 'household')),
    staff_id INTEGER REFERENCES staff(id),
    department_id INTEGER REFERENCES departments(id),
    household_name TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('title', 'award_form')),
    snapshot_name TEXT NOT NULL,
    snapshot_position TEXT NOT NULL DEFAULT '',
    snapshot_department TEXT NOT NULL DEFAULT '',
    snapshot_gender TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL DEFAULT 0,
    arithmetic TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (decision_id, register_no)
);
CREATE INDEX decision_awardees_staff ON decision_awardees(staff_id);
CREATE INDEX decision_awardees_department ON decision_awardees(department_id);

CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    round_id INTEGER NOT NULL REFERENCES review_rounds(id),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE dossier_items (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    nomination_id INTEGER NOT NULL REFERENCES nominations(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (dossier_id, nomination_id)
);

ALTER TABLE awards ADD COLUMN decision_id INTEGER REFERENCES decisions(id);
ALTER TABLE awards ADD COLUMN awardee_id INTEGER REFERENCES decision_awardees(id);
CREATE INDEX awards_decision ON awards(decision_id);
