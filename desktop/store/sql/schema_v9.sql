ALTER TABLE remote_records ADD COLUMN withdrawn_at TEXT;
ALTER TABLE remote_records ADD COLUMN withdrawn_package_id INTEGER REFERENCES packages(id);
