"""Schema version 4: data packages exchanged with the province — keys, trust, package history, records.

``unit_keys`` holds this unit's Ed25519 (signing) and X25519 (encryption) key pairs with the PRIVATE parts as
unencrypted PKCS#8 PEM: on an offline commune PC they are protected only by the operating-system account that
owns the database file (agreed trade-off: no password to forget, no key server). ``trusted_keys`` lists the peers
whose packages are accepted. ``packages`` is the history of packages sent and applied; ``exchange_records`` keeps
one row per record received (sender, kind, UUID, SHA-256 of its canonical JSON) so a re-import is a no-op and a
changed record is noticed. In province mode ``remote_units`` / ``remote_records`` hold what the units sent, as
JSON; a unit also keeps the province's movements there until movements get their own tables.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v4.sql")
