CREATE TABLE unit_keys (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    signing_private_pem TEXT NOT NULL,
    signing_public TEXT NOT NULL,
    encryption_private_pem TEXT NOT NULL,
    encryption_public TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE trusted_keys (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_code TEXT NOT NULL,
    unit_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('province', 'unit')),
    signing_public TEXT NOT NULL,
    encryption_public TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    trusted_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX trusted_keys_unit ON trusted_keys(unit_code);

CREATE TABLE packages (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    package_uuid TEXT NOT NULL,
    kind TEXT NOT NULL,
    sender_code TEXT NOT NULL DEFAULT '',
    sender_name TEXT NOT NULL DEFAULT '',
    receiver_code TEXT NOT NULL DEFAULT '',
    receiver_name TEXT NOT NULL DEFAULT '',
    package_created_at TEXT NOT NULL,
    year INTEGER,
    file_name TEXT NOT NULL DEFAULT '',
    file_sha256 TEXT NOT NULL DEFAULT '',
    encrypted INTEGER NOT NULL DEFAULT 0,
    signer_fingerprint TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('sent', 'verified', 'applied', 'refused', 'duplicate')),
    counts TEXT NOT NULL DEFAULT '{}',
    message TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (direction, package_uuid)
);
CREATE INDEX packages_sender ON packages(sender_code, package_created_at);

CREATE TABLE exchange_records (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    package_id INTEGER NOT NULL REFERENCES packages(id),
    sender_code TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    package_created_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (sender_code, record_kind, record_uuid)
);
CREATE INDEX exchange_records_package ON exchange_records(package_id);

CREATE TABLE remote_units (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    last_package_at TEXT,
    packages_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE remote_records (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_code TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    year INTEGER,
    content TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    package_id INTEGER REFERENCES packages(id),
    package_created_at TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (unit_code, record_kind, record_uuid)
);
CREATE INDEX remote_records_kind_year ON remote_records(record_kind, year);
