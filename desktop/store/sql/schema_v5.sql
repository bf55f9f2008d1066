CREATE TABLE movements (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'regular' CHECK (kind IN ('regular', 'thematic', 'campaign')),
    name TEXT NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    launched_by TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'unit' CHECK (source IN ('unit', 'province')),
    launch_date TEXT,
    start_date TEXT,
    end_date TEXT,
    year INTEGER,
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'launched', 'mid_reviewed', 'closed')),
    plan_name TEXT NOT NULL DEFAULT '',
    plan_path TEXT NOT NULL DEFAULT '',
    plan_sha256 TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX movements_year ON movements(year);

CREATE TABLE movement_targets (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    movement_id INTEGER NOT NULL REFERENCES movements(id),
    position INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX movement_targets_movement ON movement_targets(movement_id);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    movement_id INTEGER NOT NULL REFERENCES movements(id),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('individual', 'collective')),
    staff_id INTEGER REFERENCES staff(id),
    department_id INTEGER REFERENCES departments(id),
    code TEXT NOT NULL,
    registered_on TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (
        (target_kind = 'individual' AND staff_id IS NOT NULL AND department_id IS NULL)
        OR (target_kind = 'collective' AND department_id IS NOT NULL AND staff_id IS NULL)
    )
);
CREATE INDEX registrations_movement ON registrations(movement_id);
CREATE UNIQUE INDEX registrations_staff ON registrations(movement_id, staff_id) WHERE staff_id IS NOT NULL;
CREATE UNIQUE INDEX registrations_department ON registrations(movement_id, department_id)
    WHERE department_id IS NOT NULL;

CREATE TABLE blocks (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'internal' CHECK (kind IN ('internal', 'cluster')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE block_members (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    block_id INTEGER NOT NULL REFERENCES blocks(id),
    position INTEGER NOT NULL DEFAULT 0,
    department_id INTEGER REFERENCES departments(id),
    external_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (department_id IS NOT NULL OR external_name != '')
);
CREATE INDEX block_members_block ON block_members(block_id);

CREATE TABLE covenants (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    movement_id INTEGER NOT NULL REFERENCES movements(id),
    block_id INTEGER NOT NULL REFERENCES blocks(id),
    signed_on TEXT,
    place TEXT NOT NULL DEFAULT '',
    signatories TEXT NOT NULL DEFAULT '[]',
    content TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (movement_id, block_id)
);

CREATE TABLE criteria (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    movement_id INTEGER NOT NULL REFERENCES movements(id),
    position INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    max_points REAL NOT NULL CHECK (max_points > 0),
    weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    mandatory INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL DEFAULT 'normal' CHECK (kind IN ('normal', 'bonus', 'penalty')),
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX criteria_movement ON criteria(movement_id, position);

CREATE TABLE scores (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    movement_id INTEGER NOT NULL REFERENCES movements(id),
    participant_key TEXT NOT NULL,
    member_id INTEGER REFERENCES block_members(id),
    department_id INTEGER REFERENCES departments(id),
    criterion_id INTEGER NOT NULL REFERENCES criteria(id),
    points REAL NOT NULL CHECK (points >= 0),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (movement_id, participant_key, criterion_id)
);
CREATE INDEX scores_criterion ON scores(criterion_id);

CREATE TABLE movement_reviews (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    movement_id INTEGER NOT NULL REFERENCES movements(id),
    kind TEXT NOT NULL CHECK (kind IN ('so_ket', 'tong_ket')),
    review_date TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    achievements TEXT NOT NULL DEFAULT '',
    leading_key TEXT NOT NULL DEFAULT '',
    leading_name TEXT NOT NULL DEFAULT '',
    ranking TEXT NOT NULL DEFAULT '[]',
    proposals TEXT NOT NULL DEFAULT '[]',
    round_id INTEGER REFERENCES review_rounds(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX movement_reviews_movement ON movement_reviews(movement_id);

CREATE TABLE exemplary_models (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'collective', 'model')),
    name TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff(id),
    department_id INTEGER REFERENCES departments(id),
    achievement TEXT NOT NULL DEFAULT '',
    movement_id INTEGER REFERENCES movements(id),
    year INTEGER,
    tags TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX exemplary_models_year ON exemplary_models(year);
