CREATE TABLE department_names (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    name TEXT NOT NULL,
    valid_from TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX idx_department_names_from ON department_names(department_id, valid_from);
