CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE unit (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    province_code TEXT NOT NULL DEFAULT '',
    province_name TEXT NOT NULL DEFAULT '',
    commune_code TEXT NOT NULL DEFAULT '',
    commune_name TEXT NOT NULL DEFAULT '',
    unit_kind TEXT NOT NULL DEFAULT 'ubnd_xa',
    parent_body TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    head_title TEXT NOT NULL DEFAULT '',
    head_name TEXT NOT NULL DEFAULT '',
    place_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'department',
    parent_id INTEGER REFERENCES departments(id),
    active INTEGER NOT NULL DEFAULT 1,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX departments_name ON departments(name);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    staff_code TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    search_key TEXT NOT NULL DEFAULT '',
    sort_key TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'F', 'M')),
    birth_date TEXT,
    ethnic_code TEXT NOT NULL DEFAULT '01',
    position TEXT NOT NULL DEFAULT '',
    is_leader INTEGER NOT NULL DEFAULT 0,
    department_id INTEGER REFERENCES departments(id),
    category TEXT NOT NULL DEFAULT 'cong_chuc',
    start_date TEXT,
    end_date TEXT,
    left_reason TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX staff_sort ON staff(sort_key);
CREATE INDEX staff_department ON staff(department_id);
CREATE INDEX staff_name_birth ON staff(search_key, birth_date);

CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    year INTEGER NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (staff_id, year)
);

CREATE TABLE discipline (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    level TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    decision_no TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    end_date TEXT,
    pending INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX discipline_staff ON discipline(staff_id);

CREATE TABLE initiatives (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    title TEXT NOT NULL,
    level TEXT NOT NULL DEFAULT 'co_so',
    recognized_on TEXT,
    decision_no TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX initiatives_staff ON initiatives(staff_id);

CREATE TABLE leave_periods (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    kind TEXT NOT NULL DEFAULT 'maternity',
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    counts_as_worked INTEGER NOT NULL DEFAULT 1,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX leave_staff ON leave_periods(staff_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT '',
    operation TEXT NOT NULL DEFAULT '',
    table_name TEXT NOT NULL,
    record_uuid TEXT,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'event')),
    before TEXT,
    after TEXT
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_record ON audit_log(table_name, record_uuid);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
