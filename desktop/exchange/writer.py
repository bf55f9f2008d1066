"""Build a package file: data entries (optionally encrypted), attachments, manifest.json, signature.

Pure: no database access. The exporter gathers the records; :func:`build_package` returns the zip bytes and the
manifest, and :func:`write_package` writes them atomically (temporary file, then rename) so a half-written file
never has the package's name.

Nothing is built that the reader would refuse: the records and the manifest pass the reader's own checks and the
package stays within every size limit of :mod:`desktop.exchange.format` (a refusal names the size and the limit);
an entry that would compress more than the reader allows (a text pasted many times over) is stored uncompressed.
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
    MAX_COMPRESSION_RATIO,
    MAX_ENTRIES,
    MAX_ENTRY_SIZE,
    MAX_FILE_SIZE,
    MAX_MANIFEST_SIZE,
    MAX_RECORDS,
    MAX_TOTAL_UNCOMPRESSED,
    RATIO_CHECK_FROM,
    SIGNATURE_ALGORITHM,
    SIGNATURE_NAME,
    PackageError,
)
from desktop.exchange.keys import PublicKeys, UnitKeys, b64, encrypt_entries, sign_manifest
from desktop.exchange.manifest import EntryInfo, Manifest, Party, canonical_bytes, parse_manifest
from desktop.exchange.records import validate_entry
from desktop.files.replace import write_file
from desktop.i18n import _
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


def _size(size: int) -> str:
    """'33.554.433 byte (32,0 MB)': a size as the refusal shows it, in Vietnamese notation."""
    megabytes = f"{size / (1024 * 1024):.1f}".replace(".", ",")
    return _("{size} byte ({megabytes} MB)").format(size=f"{size:,}".replace(",", "."), megabytes=megabytes)


def _too_large(reason: str) -> PackageError:
    return PackageError(
        _(
            "Không lập được gói: {reason}; nơi nhận sẽ từ chối một gói như vậy nên không có gì được ghi. Hãy rút gọn "
            "nội dung quá dài (báo cáo thành tích, tệp đính kèm) rồi lập lại gói."
        ).format(reason=reason),
        code="too_large",
    )


def _check_sizes(entries: Mapping[str, bytes], records: int) -> None:
    """The limits the reader checks (docs/package-format.md, section 6), on the entries as they go in the zip."""
    if records > MAX_RECORDS:
        raise _too_large(_("gói có {n} bản ghi, vượt giới hạn {limit} bản ghi").format(n=records, limit=MAX_RECORDS))
    if len(entries) > MAX_ENTRIES:
        raise _too_large(_("gói có {n} mục, vượt giới hạn {limit} mục").format(n=len(entries), limit=MAX_ENTRIES))
    for name, data in entries.items():
        if len(data) > MAX_ENTRY_SIZE:
            raise _too_large(
                _("mục “{name}” có {size}, vượt giới hạn {limit} mỗi mục").format(
                    name=name, size=_size(len(data)), limit=_size(MAX_ENTRY_SIZE)
                )
            )
    total = sum(len(data) for data in entries.values())
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _too_large(
            _("các mục của gói cộng lại {size}, vượt giới hạn tổng {limit}").format(
                size=_size(total), limit=_size(MAX_TOTAL_UNCOMPRESSED)
            )
        )


def _zip(entries: Mapping[str, bytes], compressed: set[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(_zip_info(name, name in compressed), data)
    return buffer.getvalue()


def _archive(entries: Mapping[str, bytes], compressed: set[str]) -> bytes:
    """The zip; an entry the reader would take for a zip bomb (over the ratio it allows) is stored instead."""
    data = _zip(entries, compressed)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        bombs = {
            info.filename
            for info in archive.infolist()
            if info.file_size >= RATIO_CHECK_FROM
            and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        }
    return _zip(entries, compressed - bombs) if bombs else data


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
    """The package as bytes, with its manifest. ``attachments`` maps a file name (no folder) to PDF bytes.

    Raises PackageError (nothing built) for a package the reader would refuse: a record or the manifest it refuses,
    or a size over a limit (``too_large``, naming the size and the limit)."""
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
    _check_own(manifest, manifest_bytes, entry_name, record_kind, records)
    signature = {
        "algorithm": SIGNATURE_ALGORITHM,
        "signer_fingerprint": keys.fingerprint,
        "signature": b64(sign_manifest(keys, manifest_bytes)),
    }
    entries = {MANIFEST_NAME: manifest_bytes, **stored, SIGNATURE_NAME: canonical_bytes(signature)}
    _check_sizes(entries, len(records))
    # Ciphertext and PDFs do not compress; JSON does.
    compressed = {MANIFEST_NAME} | {
        name for name in stored if encrypt_to is None and not name.startswith(ATTACHMENTS_PREFIX)
    }
    data = _archive(entries, compressed)
    if len(data) > MAX_FILE_SIZE:
        raise _too_large(
            _("tệp gói có {size}, vượt giới hạn {limit}").format(size=_size(len(data)), limit=_size(MAX_FILE_SIZE))
        )
    return data, manifest


def _check_own(
    manifest: Manifest, manifest_bytes: bytes, entry_name: str, record_kind: str, records: Sequence[Mapping[str, Any]]
) -> None:
    """The manifest and the records as the reader checks them (its messages, after "Không lập được gói")."""
    if len(manifest_bytes) > MAX_MANIFEST_SIZE:
        raise _too_large(
            _("phần mô tả gói có {size}, vượt giới hạn {limit}").format(
                size=_size(len(manifest_bytes)), limit=_size(MAX_MANIFEST_SIZE)
            )
        )
    try:
        parse_manifest(manifest_bytes)
        if len(records) <= MAX_RECORDS:  # more: refused with the sizes, naming the count and the limit
            validate_entry(entry_name, record_kind, {"record_kind": record_kind, "records": list(records)}, manifest)
    except PackageError as exc:
        raise PackageError(
            _("Không lập được gói vì nơi nhận sẽ từ chối nó: {reason}").format(reason=exc.message), code=exc.code
        ) from None


def write_package(path: Path, data: bytes) -> Path:
    """Write atomically: a crash leaves either no file or the whole file under ``path`` (see ``write_file``)."""
    return write_file(path, data)
