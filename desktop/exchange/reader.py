"""Verify a package BEFORE anything is written: every check below, in this order, or one PackageError.

1. the file: readable, not larger than the limit, a zip (central directory intact);
2. entry names from the central directory: no absolute paths, "..", backslashes, drive letters, symlinks,
   directories or duplicates; only the names the format allows;
3. sizes from the central directory, before decompressing anything: entry count, entry size, total size,
   compression ratio (zip bombs); the same limits are enforced again while reading;
4. manifest.json: format version (a newer MAJOR is refused with its own message), then every field;
5. the signature: Ed25519 by a key in the keyring (trusted, not revoked), over the exact manifest bytes;
   the signer's unit code must be the sender's, and its role must match the direction of the package kind;
6. the receiver, when named, must be this unit;
7. the set of entries equals the manifest's list; each entry's size and SHA-256 match;
8. decryption, when the package is encrypted (to one of this unit's keys: the active one or one replaced since);
9. the JSON of the data entry and the schema of every record; no UUID twice with different content.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import struct
import tomllib
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.domain.rules import RulePackError, load_default_pack
from desktop.domain.text import name_key
from desktop.exchange import strict_json
from desktop.exchange.format import (
    ATTACHMENTS_PREFIX,
    DOWNWARD_KINDS,
    KIND_ENTRIES,
    MANIFEST_NAME,
    MAX_COMPRESSION_RATIO,
    MAX_ENTRIES,
    MAX_ENTRY_SIZE,
    MAX_FILE_SIZE,
    MAX_MANIFEST_SIZE,
    MAX_NAME_LENGTH,
    MAX_SIGNATURE_SIZE,
    MAX_TOTAL_UNCOMPRESSED,
    RATIO_CHECK_FROM,
    SIGNATURE_ALGORITHM,
    SIGNATURE_NAME,
    PackageError,
)
from desktop.exchange.keys import Keyring, TrustedKey, decrypt_entries, normalise_fingerprint, unb64, verify_manifest
from desktop.exchange.manifest import Manifest, canonical_bytes, parse_manifest
from desktop.exchange.records import content_sha256, validate_entry
from desktop.files.zip_count import entries_at_most
from desktop.i18n import _

_ALLOWED_NAME = re.compile(
    r"^(manifest\.json|signature|data/[A-Za-z0-9_\-]+\.json|attachments/[A-Za-z0-9_\-][A-Za-z0-9_.\-]*)$"
)
_DRIVE = re.compile(r"^[A-Za-z]:")
# The attachment's name once "attachments/" is taken off: nothing but a plain name ending in ".pdf".
_ATTACHMENT_NAME = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_.\-]*\.pdf", re.IGNORECASE)
_LOW_LEVEL_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    KeyError,
    IndexError,
    OverflowError,
    UnicodeDecodeError,
    TypeError,
)


@dataclass
class VerifiedPackage:
    """A package that passed every check; nothing of it has touched the database yet."""

    file_name: str
    file_sha256: str
    manifest: Manifest
    signer: TrustedKey
    record_kind: str
    records: list[dict[str, Any]]
    hashes: list[str]
    canonical: list[str] = field(default_factory=list)
    attachments: dict[str, bytes] = field(default_factory=dict)
    encrypted: bool = False

    @property
    def kind(self) -> str:
        return self.manifest.kind

    @property
    def sender_name(self) -> str:
        """The sender's name as this PC recorded it when its key was trusted (confirmed on the phone), not the name the
        package writes about itself: a trusted unit cannot appear under another unit's name. The package's own name
        only when the trusted key has none."""
        return self.signer.unit_name or self.manifest.sender.name

    @property
    def sender_name_differs(self) -> bool:
        """The package names its sender otherwise than the trusted key does (a renaming, or a package that lies)."""
        claimed = self.manifest.sender.name
        return bool(self.signer.unit_name and claimed) and name_key(claimed) != name_key(self.signer.unit_name)


def _corrupt() -> PackageError:
    return PackageError(
        _("tệp không phải gói dữ liệu hợp lệ hoặc đã bị hỏng (không đọc được cấu trúc nén)."), code="corrupt"
    )


def unsafe_name_reason(name: str) -> str | None:
    """Why an entry name is a path trick, or None."""
    if "\\" in name:
        return _("có dấu gạch ngược “\\”")
    if name.startswith("/"):
        return _("là đường dẫn tuyệt đối")
    if _DRIVE.match(name):
        return _("có tên ổ đĩa")
    parts = name.split("/")
    if any(part == ".." for part in parts):
        return _("trỏ ra ngoài thư mục (“..”)")
    if any(part in ("", ".") for part in parts) or any(ord(ch) < 32 for ch in name):
        return _("có thành phần đường dẫn không hợp lệ")
    if len(name) > MAX_NAME_LENGTH:
        return _("tên quá dài")
    return None


def attachment_problem(name: str, content: bytes) -> str | None:
    """Why a file attached to a package may not be kept or opened, or None.

    Only PDF reports travel in packages, and the province opens what it received with the system's default
    program: a name ending in anything but ``.pdf`` (``x.pdf.bat``, ``x.pdf.``) would be run, not read. So the
    name must be plain letters, digits, ``_-.`` ending in ``.pdf``, and the content must start like a PDF.
    """
    if not _ATTACHMENT_NAME.fullmatch(name):
        return _(
            "tệp đính kèm “{name}” không phải tệp PDF (tên phải kết thúc bằng “.pdf”); chỉ nhận báo cáo dạng PDF."
        ).format(name=name)
    if not content.startswith(b"%PDF-"):
        return _("tệp đính kèm “{name}” không phải PDF (nội dung không bắt đầu bằng “%PDF-”).").format(name=name)
    return None


def _check_entry_count(data: bytes) -> None:
    """Refuse a zip whose central directory is too long BEFORE zipfile parses it: zipfile builds an object per entry
    of the whole directory, and a hostile 300 MB package of empty entries would be millions of them (gigabytes,
    minutes) before :func:`_check_directory` could count. Every entry zipfile accepts starts with the signature, so
    its occurrences bound the count (:mod:`desktop.files.zip_count`)."""
    found = entries_at_most(data)
    if found > 2 * MAX_ENTRIES:
        raise PackageError(
            _("gói có khoảng {n} mục, vượt giới hạn {limit}.").format(n=found, limit=MAX_ENTRIES), code="too_large"
        )


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    """Names, kinds and sizes from the central directory only: nothing is decompressed before this passes."""
    if len(infos) > MAX_ENTRIES:
        raise PackageError(
            _("gói có {n} mục, vượt giới hạn {limit}.").format(n=len(infos), limit=MAX_ENTRIES), code="too_large"
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        reason = unsafe_name_reason(name)
        if reason:
            raise PackageError(
                _("mục “{name}” trong gói {reason}; gói bị từ chối để bảo vệ máy.").format(name=name, reason=reason),
                code="unsafe_name",
            )
        mode = info.external_attr >> 16
        if info.is_dir() or stat.S_IFMT(mode) not in (0, stat.S_IFREG):
            raise PackageError(
                _("mục “{name}” trong gói là thư mục hoặc liên kết, không phải tệp thường.").format(name=name),
                code="unsafe_name",
            )
        if not _ALLOWED_NAME.match(name):
            raise PackageError(_("gói có mục lạ “{name}” không thuộc định dạng.").format(name=name), code="extra_entry")
        if name in seen:
            raise PackageError(_("mục “{name}” xuất hiện hai lần trong gói.").format(name=name), code="unsafe_name")
        seen.add(name)
        if info.flag_bits & 0x1:
            raise PackageError(_("mục “{name}” dùng mật khẩu nén, không hỗ trợ.").format(name=name), code="corrupt")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError(_("mục “{name}” dùng kiểu nén không hỗ trợ.").format(name=name), code="corrupt")
        if info.file_size > MAX_ENTRY_SIZE:
            raise PackageError(
                _("mục “{name}” có {size} byte, vượt giới hạn {limit} byte mỗi mục.").format(
                    name=name, size=info.file_size, limit=MAX_ENTRY_SIZE
                ),
                code="too_large",
            )
        if info.file_size >= RATIO_CHECK_FROM and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise PackageError(
                _(
                    "mục “{name}” nén với tỉ lệ bất thường (hơn {ratio} lần) — có thể là “bom nén”; gói bị từ chối."
                ).format(name=name, ratio=MAX_COMPRESSION_RATIO),
                code="zip_bomb",
            )
        total += info.file_size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise PackageError(
                _("tổng dung lượng giải nén vượt giới hạn {limit} byte.").format(limit=MAX_TOTAL_UNCOMPRESSED),
                code="too_large",
            )


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Decompress one entry, never more than its declared size nor ``limit`` (the CRC is checked by zipfile)."""
    bound = min(info.file_size, limit)
    with archive.open(info) as handle:
        data = handle.read(bound + 1)
        if len(data) > bound:
            raise PackageError(
                _("mục “{name}” lớn hơn kích thước khai báo hoặc giới hạn cho phép.").format(name=info.filename),
                code="too_large",
            )
        handle.read()  # reach the end so zipfile verifies the CRC
    return data


def _signature(raw: bytes) -> tuple[str, bytes]:
    try:
        data = strict_json.loads(raw)
        if not isinstance(data, dict) or data.get("algorithm") != SIGNATURE_ALGORITHM:
            raise ValueError("algorithm")
        signer = normalise_fingerprint(data.get("signer_fingerprint", ""))
        if not signer:
            raise ValueError("fingerprint")
        return signer, unb64(data.get("signature"), size=64)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError, RecursionError):
        raise PackageError(_("chữ ký số của gói bị hỏng hoặc không đúng định dạng."), code="signature") from None


def _check_signer(manifest: Manifest, signer: TrustedKey) -> None:
    if manifest.sender.code != signer.unit_code:
        raise PackageError(
            _(
                "gói ghi đơn vị gửi là “{code}” nhưng được ký bằng khóa của “{signer}” ({signer_code}); gói bị từ chối."
            ).format(code=manifest.sender.code, signer=signer.unit_name, signer_code=signer.unit_code),
            code="sender_mismatch",
        )
    needed = "province" if manifest.kind in DOWNWARD_KINDS else "unit"
    if signer.role != needed:
        raise PackageError(
            _("loại gói “{kind}” phải do {needed} gửi, nhưng khóa ký được tin cậy với vai trò {role}.").format(
                kind=manifest.kind,
                needed=_("cấp tỉnh") if needed == "province" else _("đơn vị cấp dưới"),
                role=_("cấp tỉnh") if signer.role == "province" else _("đơn vị cấp dưới"),
            ),
            code="wrong_direction",
        )


def read_header(path: Path) -> Manifest:
    """The readable routing header (sender, receiver, kind, counts) WITHOUT verifying the signature."""
    path = Path(path)
    try:
        data = _file_bytes(path)
        _check_entry_count(data)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_directory(infos)
            info = next((i for i in infos if i.filename == MANIFEST_NAME), None)
            if info is None:
                raise PackageError(_("gói thiếu mục “{name}”.").format(name=MANIFEST_NAME), code="missing_entry")
            return parse_manifest(_read(archive, info, MAX_MANIFEST_SIZE))
    except PackageError as exc:
        raise _located(exc, path.name) from None
    except _LOW_LEVEL_ERRORS:
        raise _located(_corrupt(), path.name) from None


def _file_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_SIZE:
            raise PackageError(
                _("tệp có {size} byte, vượt giới hạn {limit} byte.").format(size=size, limit=MAX_FILE_SIZE),
                code="too_large",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise PackageError(_("không tìm thấy tệp."), code="not_found") from None
    except IsADirectoryError:
        raise PackageError(_("đây là một thư mục, không phải tệp gói."), code="not_found") from None
    except PermissionError:
        raise PackageError(_("không có quyền đọc tệp."), code="not_found") from None


def _located(exc: PackageError, file_name: str) -> PackageError:
    return PackageError(
        _("Gói {file} không hợp lệ: {reason}").format(file=file_name, reason=exc.reason),
        code=exc.code,
        file=file_name,
        reason=exc.reason,
    )


def read_package(path: Path, keyring: Keyring, *, own_code: str = "") -> VerifiedPackage:
    """Verify everything (see the module docstring) and return the decoded records, or raise ONE PackageError."""
    path = Path(path)
    try:
        data = _file_bytes(path)
        return _verify(data, path.name, keyring, own_code)
    except PackageError as exc:
        raise _located(exc, path.name) from None


def verify_bytes(data: bytes, file_name: str, keyring: Keyring, *, own_code: str = "") -> VerifiedPackage:
    try:
        return _verify(data, file_name, keyring, own_code)
    except PackageError as exc:
        raise _located(exc, file_name) from None


def _verify(data: bytes, file_name: str, keyring: Keyring, own_code: str) -> VerifiedPackage:
    file_sha = hashlib.sha256(data).hexdigest()
    _check_entry_count(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _LOW_LEVEL_ERRORS:
        raise PackageError(
            _("tệp không phải gói dữ liệu (không phải tệp nén .tdkt) hoặc bị cắt cụt, hỏng."), code="not_zip"
        ) from None
    try:
        with archive:
            return _verify_archive(archive, file_name, file_sha, keyring, own_code)
    except PackageError:
        raise
    except _LOW_LEVEL_ERRORS:  # never the exception's name: "error", "BadZipFile" mean nothing to a clerk
        raise _corrupt() from None


def _verify_archive(
    archive: zipfile.ZipFile, file_name: str, file_sha: str, keyring: Keyring, own_code: str
) -> VerifiedPackage:
    infos = archive.infolist()
    _check_directory(infos)
    by_name = {info.filename: info for info in infos}
    for name in (MANIFEST_NAME, SIGNATURE_NAME):
        if name not in by_name:
            raise PackageError(_("gói thiếu mục “{name}”.").format(name=name), code="missing_entry")
    manifest_bytes = _read(archive, by_name[MANIFEST_NAME], MAX_MANIFEST_SIZE)
    manifest = parse_manifest(manifest_bytes)

    signer_fingerprint, signature = _signature(_read(archive, by_name[SIGNATURE_NAME], MAX_SIGNATURE_SIZE))
    signer = keyring.trusted.get(signer_fingerprint)
    if signer is None and keyring.own_key(signer_fingerprint) is not None:  # ours, the replaced keys included
        raise PackageError(
            _(
                "đây là gói do chính đơn vị này lập (ký bằng khóa của đơn vị). Gói này để gửi đi cho nơi nhận; "
                "không nhập lại vào đây."
            ),
            code="own_package",
        )
    if signer is None:
        raise PackageError(
            _(
                "gói được ký bằng khóa có dấu vân tay {fingerprint}, khóa này chưa được tin cậy trên máy này "
                "(hoặc đã bị thu hồi). Hãy nhập khóa công khai của đơn vị gửi và đối chiếu dấu vân tay qua điện thoại."
            ).format(fingerprint=signer_fingerprint),
            code="untrusted",
        )
    if not verify_manifest(signer.public.signing, signature, manifest_bytes):
        raise PackageError(
            _("chữ ký số không khớp: gói đã bị sửa sau khi ký hoặc không phải do {name} ký.").format(
                name=signer.unit_name or signer.unit_code
            ),
            code="signature",
        )
    _check_signer(manifest, signer)
    if own_code and manifest.receiver.code and manifest.receiver.code != own_code:
        raise PackageError(
            _("gói này gửi cho “{name}” (mã {code}), không phải cho đơn vị này (mã {own}).").format(
                name=manifest.receiver.name, code=manifest.receiver.code, own=own_code
            ),
            code="not_for_us",
        )

    listed = {entry.name for entry in manifest.entries}
    present = set(by_name) - {MANIFEST_NAME, SIGNATURE_NAME}
    missing = sorted(listed - present)
    if missing:
        raise PackageError(
            _("gói thiếu mục “{name}” có trong danh sách.").format(name=missing[0]), code="missing_entry"
        )
    extra = sorted(present - listed)
    if extra:
        raise PackageError(
            _("gói có mục lạ “{name}” không có trong danh sách.").format(name=extra[0]), code="extra_entry"
        )
    entry_name, record_kind = KIND_ENTRIES[manifest.kind]
    for name in listed:
        if name != entry_name and not name.startswith(ATTACHMENTS_PREFIX):
            raise PackageError(
                _("mục “{name}” không thuộc loại gói “{kind}”.").format(name=name, kind=manifest.kind),
                code="extra_entry",
            )
    if entry_name not in listed:
        raise PackageError(_("gói thiếu mục “{name}”.").format(name=entry_name), code="missing_entry")

    stored: dict[str, bytes] = {}
    for entry in manifest.entries:
        info = by_name[entry.name]
        if info.file_size != entry.size:
            raise PackageError(
                _("mục “{name}” có kích thước khác với danh sách trong gói.").format(name=entry.name), code="checksum"
            )
        content = _read(archive, info, MAX_ENTRY_SIZE)
        if hashlib.sha256(content).hexdigest() != entry.sha256:
            raise PackageError(
                _("mã kiểm tra SHA-256 của mục “{name}” không khớp: dữ liệu đã bị thay đổi.").format(name=entry.name),
                code="checksum",
            )
        stored[entry.name] = content

    plain = stored
    if manifest.encryption is not None:
        recipient = normalise_fingerprint(manifest.encryption["recipient_fingerprint"])
        # our key with that fingerprint, the active one or one replaced since (the sender did not know the new one yet)
        own = keyring.own_key(recipient) if recipient else None
        if own is None:
            raise PackageError(
                _(
                    "gói được mã hóa cho khóa có dấu vân tay {fingerprint}; khóa này không phải khóa hiện dùng "
                    "({active}) hay khóa cũ nào của đơn vị này, nên không đọc được. Hãy hỏi nơi gửi họ đã mã hóa "
                    "cho khóa nào."
                ).format(
                    fingerprint=recipient or manifest.encryption["recipient_fingerprint"],
                    active=keyring.own.fingerprint if keyring.own else "—",
                ),
                code="not_for_us",
            )
        try:
            plain = decrypt_entries(stored, header=manifest.encryption, own=own, package_uuid=manifest.package_uuid)
        except ValueError:
            raise PackageError(_("phần mã hóa của gói bị hỏng."), code="decrypt") from None

    try:
        decoded = strict_json.loads(plain[entry_name])
    except (UnicodeDecodeError, ValueError, RecursionError):  # ValueError: also an integer of 5,000 digits
        raise PackageError(
            _("mục “{name}” không phải JSON UTF-8 hợp lệ.").format(name=entry_name), code="record"
        ) from None
    records = validate_entry(entry_name, record_kind, decoded, manifest)  # a yearly report is the sender's own
    if manifest.counts.get(record_kind, -1) != len(records) or set(manifest.counts) - {record_kind}:
        raise PackageError(
            _("số bản ghi trong gói ({found}) khác với số khai báo trong phần mô tả.").format(found=len(records)),
            code="record",
        )
    if record_kind == "rule_override":
        _check_rule_overrides(records, entry_name)
    unique, hashes, canonical = _deduplicate(records, entry_name)
    attachments = {name[len(ATTACHMENTS_PREFIX) :]: plain[name] for name in listed if name != entry_name}
    for name, content in sorted(attachments.items()):
        problem = attachment_problem(name, content)
        if problem:
            raise PackageError(problem, code="record")
    return VerifiedPackage(
        file_name=file_name,
        file_sha256=file_sha,
        manifest=manifest,
        signer=signer,
        record_kind=record_kind,
        records=unique,
        hashes=hashes,
        canonical=canonical,
        attachments=attachments,
        encrypted=manifest.encryption is not None,
    )


def _check_rule_overrides(records: list[dict[str, Any]], entry_name: str) -> None:
    """The package is the province's overrides in force, layered in its order: together they must layer on the
    national pack. What they must layer with at the unit (its own overrides, another province's) is checked by
    :func:`desktop.exchange.importer.verify` and the dry run alike."""
    texts = [(str(record.get("name") or record["uuid"]), str(record["toml"])) for record in records]
    failed, problems = layer_problems(texts)
    if failed is None:
        failed, problems = _base_salary_problems(texts)
    if failed is not None:
        raise PackageError(
            _("mục “{entry}”, quy định thứ {n}: {problem}").format(
                entry=entry_name, n=failed + 1, problem="; ".join(problems[:3])
            ),
            code="record",
        )


def _base_salary_problems(texts: list[tuple[str, str]]) -> tuple[int | None, list[str]]:
    """A province sets no base salary of its own: the Government's decree does (NĐ 152/2025, Điều 49). A province's
    row may restate a confirmed national value, correct one the national pack marks unconfirmed, or bring a decree
    dated after the pack's last row; one that differs from a confirmed value on any day it would hold (a pack dated
    back to 2024 paying 5,000,000) would re-price every amount reckoned for those days, and is refused. The clerk's
    own table on the Rules page stays the clerk's to edit."""
    national = load_default_pack().history("base_salary")
    for position, (_name, text) in enumerate(texts):
        try:
            rows = sorted(
                (date.fromisoformat(str(row["from"])), int(row["value"]))
                for row in tomllib.loads(text).get("base_salary", [])
            )
        except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
            continue  # its shape was checked by the layering above
        for index, (start, value) in enumerate(rows):
            if not national or start > national[-1].valid_from:
                continue
            end = rows[index + 1][0] if index + 1 < len(rows) else None
            spanned = [n for n in national if n.valid_from <= start][-1:]
            spanned += [n for n in national if start < n.valid_from and (end is None or n.valid_from < end)]
            for entry in spanned:
                if entry.unconfirmed or int(entry.value) == value:
                    continue
                return position, [
                    _(
                        "mức lương cơ sở {value} đồng từ ngày {date} khác mức do Chính phủ quy định {national} đồng "
                        "({cite}, từ ngày {national_date}); tỉnh không được sửa mức lương cơ sở"
                    ).format(
                        value=f"{value:,}".replace(",", "."),
                        date=start.strftime("%d/%m/%Y"),
                        national=f"{int(entry.value):,}".replace(",", "."),
                        cite=entry.cite,
                        national_date=entry.valid_from.strftime("%d/%m/%Y"),
                    )
                ]
    return None, []


def layer_problems(texts: list[tuple[str, str]]) -> tuple[int | None, list[str]]:
    """Layer ``texts`` (name, TOML) on the national pack in order: (None, []) when they layer cleanly, else the
    position of the first one that does not and the problems."""
    reached: list[int] = []

    def layers() -> Iterator[tuple[str, str]]:
        for position, layer in enumerate(texts):
            reached.append(position)
            yield layer

    try:
        load_default_pack(texts=layers())
    except RulePackError as exc:
        return (reached[-1] if reached else 0), list(exc.problems)
    return None, []


def _deduplicate(records: list[dict[str, Any]], entry_name: str) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Drop exact repeats; the same UUID with different content is refused."""
    seen: dict[str, str] = {}
    unique: list[dict[str, Any]] = []
    hashes: list[str] = []
    canonical: list[str] = []
    for index, record in enumerate(records, start=1):
        text = canonical_bytes(record)
        digest = content_sha256(text)
        previous = seen.get(record["uuid"])
        if previous is None:
            seen[record["uuid"]] = digest
            unique.append(record)
            hashes.append(digest)
            canonical.append(text.decode("utf-8"))
        elif previous != digest:
            raise PackageError(
                _(
                    "mục “{entry}”: bản ghi thứ {n} có mã {uuid} trùng với một bản ghi trước đó nhưng nội dung khác; "
                    "gói bị từ chối."
                ).format(entry=entry_name, n=index, uuid=record["uuid"]),
                code="duplicate_record",
            )
    return unique, hashes, canonical
