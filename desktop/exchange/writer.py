"""Build a package file: data entries (optionally encrypted), attachments, manifest.json, signature.

Pure: no database access. The exporter gathers the records; :func:`build_package` returns the zip bytes and the
manifest, and :func:`write_package` writes them atomically (temporary file, then rename) so a half-written file
never has the package's name.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.exchange.format import (
    ATTACHMENTS_PREFIX,
    KIND_ENTRIES,
    MANIFEST_NAME,
    SIGNATURE_ALGORITHM,
    SIGNATURE_NAME,
)
from desktop.exchange.keys import PublicKeys, UnitKeys, b64, encrypt_entries, sign_manifest
from desktop.exchange.manifest import EntryInfo, Manifest, Party, canonical_bytes
from desktop.files.replace import write_file
from desktop.store.db import new_uuid, now_iso

# A fixed timestamp inside the zip keeps the bytes of a package independent of the clock (and of the time zone).
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def data_entry_bytes(record_kind: str, records: Sequence[Mapping[str, Any]]) -> bytes:
    return json.dumps({"record_kind": record_kind, "records": list(records)}, ensure_ascii=False, indent=1).encode(
        "utf-8"
    )


def _zip_info(name: str, compress: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def build_package(
    *,
    kind: str,
    sender: Party,
    receiver: Party,
    records: Sequence[Mapping[str, Any]],
    keys: UnitKeys,
    year: int | None = None,
    attachments: Mapping[str, bytes] | None = None,
    encrypt_to: PublicKeys | None = None,
    package_uuid: str | None = None,
    created_at: str | None = None,
) -> tuple[bytes, Manifest]:
    """The package as bytes, with its manifest. ``attachments`` maps a file name (no folder) to PDF bytes."""
    entry_name, record_kind = KIND_ENTRIES[kind]
    package_uuid = package_uuid or new_uuid()
    plain: dict[str, bytes] = {entry_name: data_entry_bytes(record_kind, records)}
    for name, data in sorted((attachments or {}).items()):
        plain[ATTACHMENTS_PREFIX + name] = data
    encryption = None
    stored = plain
    if encrypt_to is not None:
        encryption, stored = encrypt_entries(plain, recipient=encrypt_to, package_uuid=package_uuid)
    manifest = Manifest(
        package_uuid=package_uuid,
        kind=kind,
        sender=sender,
        receiver=receiver,
        created_at=created_at or now_iso(),
        app_version=__version__,
        year=year,
        counts={record_kind: len(records)},
        entries=[EntryInfo(name, hashlib.sha256(data).hexdigest(), len(data)) for name, data in stored.items()],
        encryption=encryption,
    )
    manifest_bytes = manifest.canonical_bytes()
    signature = {
        "algorithm": SIGNATURE_ALGORITHM,
        "signer_fingerprint": keys.fingerprint,
        "signature": b64(sign_manifest(keys, manifest_bytes)),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_zip_info(MANIFEST_NAME, True), manifest_bytes)
        for name, data in stored.items():
            # Ciphertext and PDFs do not compress; JSON does.
            archive.writestr(_zip_info(name, encrypt_to is None and not name.startswith(ATTACHMENTS_PREFIX)), data)
        archive.writestr(_zip_info(SIGNATURE_NAME, False), canonical_bytes(signature))
    return buffer.getvalue(), manifest


def write_package(path: Path, data: bytes) -> Path:
    """Write atomically: a crash leaves either no file or the whole file under ``path`` (see ``write_file``)."""
    return write_file(path, data)
