"""manifest.json: the package's readable header (routing, counts, checksums, encryption header).

The file holds :func:`canonical_bytes` of the manifest (UTF-8 JSON, sorted keys, no spaces); the signature covers
those exact bytes. Nothing personal goes in here: it stays readable when the data entries are encrypted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from desktop.domain.text import hidden_character_problem
from desktop.exchange import strict_json
from desktop.exchange.format import (
    ENCRYPTION_ALGORITHM,
    FORMAT_MAJOR,
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_LABELS,
    KINDS,
    RECORD_KINDS,
    PackageError,
)
from desktop.i18n import _

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_VERSION_RE = re.compile(r"^(\d{1,4})\.(\d{1,4})$")


@dataclass(frozen=True)
class Party:
    code: str
    name: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True)
class EntryInfo:
    name: str
    sha256: str
    size: int


@dataclass
class Manifest:
    package_uuid: str
    kind: str
    sender: Party
    receiver: Party
    created_at: str
    app_version: str
    year: int | None
    counts: dict[str, int]
    entries: list[EntryInfo]
    encryption: dict[str, Any] | None = None
    format_version: str = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "package_uuid": self.package_uuid,
            "kind": self.kind,
            "sender": self.sender.to_json(),
            "receiver": self.receiver.to_json(),
            "created_at": self.created_at,
            "app_version": self.app_version,
            "year": self.year,
            "counts": dict(self.counts),
            "entries": [{"name": e.name, "sha256": e.sha256, "size": e.size} for e in self.entries],
            "encryption": self.encryption,
        }
        return data | self.extra

    def canonical_bytes(self) -> bytes:
        return canonical_bytes(self.to_json())

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at)

    def entry(self, name: str) -> EntryInfo | None:
        return next((e for e in self.entries if e.name == name), None)


def canonical_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _bad(reason: str) -> PackageError:
    return PackageError(
        _("Phần mô tả gói (manifest.json) không hợp lệ: {reason}").format(reason=reason), code="manifest"
    )


def check_version(data: Any) -> None:
    """Refuse a package of a newer MAJOR format version before looking at anything else in it."""
    if not isinstance(data, dict):
        raise _bad(_("không phải một đối tượng JSON."))
    if data.get("format") != FORMAT_NAME:
        raise _bad(_("không phải gói dữ liệu thi đua, khen thưởng."))
    version = data.get("format_version")
    match = _VERSION_RE.match(version) if isinstance(version, str) else None
    if not match:
        raise _bad(_("phiên bản định dạng “{version}” không đọc được.").format(version=version))
    if int(match.group(1)) > FORMAT_MAJOR:
        raise PackageError(
            _(
                "Gói được tạo bởi phiên bản mới hơn của chương trình (định dạng {found}, phiên bản này chỉ đọc được "
                "định dạng {known}). Hãy cài phiên bản mới nhất rồi nhập lại; không có gì được ghi."
            ).format(found=version, known=FORMAT_VERSION),
            code="future_version",
        )
    if int(match.group(1)) < 1:
        raise _bad(_("phiên bản định dạng “{version}” không đọc được.").format(version=version))


_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]")
# The one kind whose package is not of a year: a snapshot of the province's overrides, whatever their year
# (docs/package-format.md, section 5). Every other kind is the data of its manifest's year, and the importer checks
# its records (and withdraws an award register's dropped awards) against that year: without one it could check none.
YEARLESS_KINDS = ("rule_override",)


def one_line_problem(value: str) -> str | None:
    """Why ``value``, a text written on one line (a name, a code, a number), is not one, or None: a line break or a
    tab inside would start a new row wherever the text is listed line by line or tab by tab."""
    found = _LINE_BREAKS.search(value)
    if found is None:
        return None
    return _("có dấu xuống dòng hoặc ký tự tab ở vị trí {position}; trường này chỉ viết trên một dòng").format(
        position=found.start() + 1
    )


def _text(data: dict[str, Any], key: str, *, required: bool = True, limit: int = 300, label: str = "") -> str:
    value = data.get(key)
    label = label or key
    if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
        raise _bad(_("trường “{field}” thiếu hoặc sai kiểu.").format(field=label))
    # Every text of the header is one line shown as it came (the sender's name in the province's lists): control
    # characters and hidden direction overrides are refused as in a record (domain.text), and so are line breaks.
    problem = hidden_character_problem(value) or one_line_problem(value)
    if problem:
        raise _bad(_("trường “{field}” {problem}.").format(field=label, problem=problem))
    return value


def _party(data: dict[str, Any], key: str, *, required: bool) -> Party:
    value = data.get(key)
    if not isinstance(value, dict):
        raise _bad(_("trường “{field}” thiếu hoặc sai kiểu.").format(field=key))
    return Party(
        _text(value, "code", required=required, limit=40, label=f"{key}.code"),
        _text(value, "name", required=required, label=f"{key}.name"),
    )


def parse_manifest(raw: bytes) -> Manifest:
    """Parse and validate manifest.json (schema of every field); refusals are Vietnamese PackageErrors."""
    try:
        data = strict_json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError):  # ValueError: also a number of 5,000 digits
        raise _bad(_("không đọc được nội dung JSON.")) from None
    check_version(data)
    known = {
        "format", "format_version", "package_uuid", "kind", "sender", "receiver", "created_at", "app_version",
        "year", "counts", "entries", "encryption",
    }  # fmt: skip
    package_uuid = _text(data, "package_uuid", limit=36)
    if not _UUID_RE.match(package_uuid):
        raise _bad(_("mã gói “{value}” không phải UUID.").format(value=package_uuid))
    kind = _text(data, "kind", limit=40)
    if kind not in KINDS:
        raise _bad(_("loại gói “{kind}” không được hỗ trợ.").format(kind=kind))
    created_at = _text(data, "created_at", limit=40)
    try:
        created = datetime.fromisoformat(created_at)
    except ValueError:
        raise _bad(_("thời điểm tạo gói “{value}” không hợp lệ.").format(value=created_at)) from None
    if created.tzinfo is None:
        raise _bad(_("thời điểm tạo gói “{value}” thiếu múi giờ.").format(value=created_at))
    # A package "made" in the future would make every real later package look older than it, for ever.
    if created > datetime.now(created.tzinfo) + timedelta(days=1):
        raise _bad(
            _("thời điểm tạo gói {value} ở tương lai (quá một ngày so với đồng hồ máy này).").format(value=created_at)
        )
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200):
        raise _bad(_("năm “{value}” không hợp lệ.").format(value=year))
    if year is None and kind not in YEARLESS_KINDS:
        raise _bad(
            _(
                "gói “{kind}” không ghi năm (trường “year” để trống); loại gói này là dữ liệu của một năm nên phải "
                "ghi năm. Hãy đề nghị nơi gửi lập lại gói."
            ).format(kind=_(KIND_LABELS[kind]))
        )
    counts = data.get("counts")
    if not isinstance(counts, dict) or any(
        k not in RECORD_KINDS or isinstance(v, bool) or not isinstance(v, int) or v < 0 for k, v in counts.items()
    ):
        raise _bad(_("trường “{field}” thiếu hoặc sai kiểu.").format(field="counts"))
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        raise _bad(_("trường “{field}” thiếu hoặc sai kiểu.").format(field="entries"))
    entries: list[EntryInfo] = []
    for item in raw_entries:
        if not isinstance(item, dict):
            raise _bad(_("trường “{field}” thiếu hoặc sai kiểu.").format(field="entries"))
        name = _text(item, "name", limit=200, label="entries.name")
        sha = item.get("sha256")
        size = item.get("size")
        if not isinstance(sha, str) or not _SHA_RE.match(sha):
            raise _bad(_("mã kiểm tra của mục “{name}” không hợp lệ.").format(name=name))
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise _bad(_("kích thước của mục “{name}” không hợp lệ.").format(name=name))
        if any(e.name == name for e in entries):
            raise _bad(_("mục “{name}” được liệt kê hai lần.").format(name=name))
        entries.append(EntryInfo(name, sha, size))
    encryption = data.get("encryption")
    if encryption is not None:
        _check_encryption(encryption, [e.name for e in entries])
    return Manifest(
        package_uuid=package_uuid,
        kind=kind,
        sender=_party(data, "sender", required=True),
        receiver=_party(data, "receiver", required=False),
        created_at=created_at,
        app_version=_text(data, "app_version", limit=40),
        year=year,
        counts=dict(counts),
        entries=entries,
        encryption=encryption,
        format_version=str(data["format_version"]),
        extra={k: v for k, v in data.items() if k not in known},
    )


def _check_encryption(header: Any, names: list[str]) -> None:
    if not isinstance(header, dict) or header.get("algorithm") != ENCRYPTION_ALGORITHM:
        raise _bad(_("thuật toán mã hóa không được hỗ trợ."))
    for key in ("recipient_fingerprint", "ephemeral_public_key"):
        if not isinstance(header.get(key), str):
            raise _bad(_("trường “{field}” thiếu hoặc sai kiểu.").format(field="encryption." + key))
    nonces = header.get("nonces")
    if (
        not isinstance(nonces, dict)
        or set(nonces) != set(names)
        or not all(isinstance(v, str) for v in nonces.values())
    ):
        raise _bad(_("trường “{field}” thiếu hoặc sai kiểu.").format(field="encryption.nonces"))
