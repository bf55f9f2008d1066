CREATE TABLE awards (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('individual', 'collective', 'household')),
    staff_id INTEGER REFERENCES staff(id),
    department_id INTEGER REFERENCES departments(id),
    household_name TEXT NOT NULL DEFAULT '',
    year INTEGER NOT NULL,
    code TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('title', 'award_form')),
    source TEXT NOT NULL DEFAULT 'unit' CHECK (source IN ('unit', 'above', 'import')),
    decision_no TEXT NOT NULL DEFAULT '',
    decision_date TEXT,
    issuer TEXT NOT NULL DEFAULT '',
    initiative_id INTEGER REFERENCES initiatives(id),
    amount INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (
        (target_kind = 'individual' AND staff_id IS NOT NULL)
        OR (target_kind = 'collective' AND department_id IS NOT NULL)
        OR (target_kind = 'household' AND household_name != '')
    )
);
CREATE INDEX awards_staff ON awards(staff_id, year);
CREATE INDEX awards_department ON awards(department_id, year);
CREATE INDEX awards_code_year ON awards(code, year);

CREATE TABLE collective_ratings (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    year INTEGER NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (department_id, year)
);

CREATE TABLE rule_overrides (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'province')),
    toml TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
