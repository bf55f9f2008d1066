ALTER TABLE decision_awardees ADD COLUMN snapshot_ethnic_code TEXT;
ALTER TABLE decision_awardees ADD COLUMN snapshot_is_leader INTEGER;
CREATE TABLE staff_department_moves (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    from_department_id INTEGER REFERENCES departments(id),
    to_department_id INTEGER REFERENCES departments(id),
    moved_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_staff_department_moves_staff ON staff_department_moves(staff_id, moved_on);
CREATE TABLE unit_officials (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('head', 'deputy')),
    title TEXT NOT NULL,
    full_name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_unit_officials_role ON unit_officials(role, start_date);
