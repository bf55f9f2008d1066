"""What a dry run found and what an import did: the plan of :func:`desktop.exchange.importer.plan_import` (counts,
conflicts side by side, the actions to apply, awards withdrawn) and the result of applying it, as data and as JSON.

Kept apart from the planning code so :mod:`desktop.exchange.importer` stays one subject (deciding what each record
is) and under the size docs/architecture.md sets for a module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop.exchange.format import KIND_LABELS
from desktop.exchange.reader import VerifiedPackage
from desktop.i18n import _


def parse_time(text: str) -> datetime | None:
    """A package's creation time as written in its manifest, or None when it is not a time with its zone."""
    try:
        value = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo else None


@dataclass
class FieldDiff:
    field: str
    ours: Any
    theirs: Any


@dataclass
class Conflict:
    record_kind: str
    record_uuid: str
    label: str
    reason: str
    fields: list[FieldDiff] = field(default_factory=list)


@dataclass
class KindCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged, "conflicts": self.conflicts}


@dataclass
class Action:
    status: str
    index: int  # position in package.records
    existing: dict[str, Any] | None = None
    target: dict[str, Any] = field(default_factory=dict)
    changes: list[FieldDiff] = field(default_factory=list)


@dataclass
class ImportPlan:
    package: VerifiedPackage
    mode: str
    already_imported: bool = False
    imported_at: str | None = None
    newer_already_imported: str | None = None  # created_at of a newer package from the same sender and kind
    counts: dict[str, KindCounts] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    # award register (province): awards received before that this register no longer holds, as remote_records rows
    withdrawn: list[dict[str, Any]] = field(default_factory=list)
    # rule overrides (unit): the sender's overrides in force here that its newer snapshot no longer holds, to switch
    # off (desktop.exchange.override_snapshot)
    repealed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def older_than_imported(self) -> bool:
        return self.newer_already_imported is not None

    @property
    def has_changes(self) -> bool:
        changed = any(c.new or c.updated for c in self.counts.values())
        return not self.already_imported and (changed or bool(self.withdrawn) or bool(self.repealed))

    def messages(self) -> list[str]:
        out: list[str] = []
        manifest = self.package.manifest
        if self.already_imported:
            out.append(_("Gói này đã được nhập lúc {at}; không có gì để làm.").format(at=self.imported_at or ""))
        if self.package.sender_name_differs:
            out.append(
                _(
                    "Gói tự ghi tên đơn vị gửi là “{claimed}”, nhưng khóa đã tin cậy của mã {code} mang tên “{name}”: "
                    "chương trình ghi theo tên của khóa đã tin cậy. Nếu đơn vị đã đổi tên thật, hãy gọi điện xác nhận "
                    "rồi đề nghị đơn vị gửi khóa mới (tin cậy bằng “thay khóa cũ”)."
                ).format(claimed=manifest.sender.name, code=manifest.sender.code, name=self.package.signer.unit_name)
            )
        if self.newer_already_imported:
            out.append(
                _(
                    "Gói này (tạo lúc {created}) CŨ HƠN dữ liệu đã nhập từ {sender} (gói tạo lúc {newer}): "
                    "các bản ghi đã có bản mới hơn được giữ nguyên và liệt kê là xung đột."
                ).format(
                    created=manifest.created_at, sender=self.package.sender_name, newer=self.newer_already_imported
                )
            )
        if self.conflicts:
            out.append(
                _("{n} bản ghi xung đột sẽ KHÔNG được nhập (giữ dữ liệu hiện có).").format(n=len(self.conflicts))
            )
        if self.withdrawn:
            out.append(
                _(
                    "{n} khen thưởng bị rút/thu hồi: sổ theo dõi năm {year} của {sender} không còn các khen thưởng "
                    "này (quyết định đã được thay thế hoặc bị hủy); vẫn giữ để đối chiếu nhưng không tính vào tổng "
                    "hợp: {names}."
                ).format(
                    n=len(self.withdrawn),
                    year=manifest.year,
                    sender=self.package.sender_name or manifest.sender.code,
                    names="; ".join(w["label"] for w in self.withdrawn),
                )
            )
        if self.repealed:
            out.append(
                _(
                    "{n} quy định riêng do {sender} gửi trước đây không còn trong gói này (tỉnh đã bãi bỏ) nên sẽ "
                    "ngừng áp dụng: {names}."
                ).format(
                    n=len(self.repealed),
                    sender=self.package.sender_name or manifest.sender.code,
                    names="; ".join(r["label"] for r in self.repealed),
                )
            )
        return out

    def to_json(self) -> dict[str, Any]:
        manifest = self.package.manifest
        return {
            "file": self.package.file_name,
            "file_sha256": self.package.file_sha256,
            "package_uuid": manifest.package_uuid,
            "kind": manifest.kind,
            "kind_label": _(KIND_LABELS[manifest.kind]),
            "format_version": manifest.format_version,
            "sender": manifest.sender.to_json(),
            "receiver": manifest.receiver.to_json(),
            "created_at": manifest.created_at,
            "year": manifest.year,
            "encrypted": self.package.encrypted,
            "signer_fingerprint": self.package.signer.fingerprint,
            "mode": self.mode,
            "already_imported": self.already_imported,
            "imported_at": self.imported_at,
            "older_than_imported": self.older_than_imported,
            "newer_already_imported": self.newer_already_imported,
            "counts": {kind: counts.as_dict() for kind, counts in self.counts.items()},
            "conflicts": [
                {
                    "record_kind": c.record_kind,
                    "record_uuid": c.record_uuid,
                    "label": c.label,
                    "reason": c.reason,
                    "fields": [{"field": f.field, "ours": f.ours, "theirs": f.theirs} for f in c.fields],
                }
                for c in self.conflicts
            ],
            "updates": [
                {
                    "record_uuid": self.package.records[a.index]["uuid"],
                    "fields": [{"field": f.field, "ours": f.ours, "theirs": f.theirs} for f in a.changes],
                }
                for a in self.actions
                if a.status == "updated"
            ]
            + [
                {
                    "record_uuid": r["record_uuid"],
                    "fields": [{"field": _("đang áp dụng"), "ours": _("có"), "theirs": _("không (tỉnh đã bãi bỏ)")}],
                }
                for r in self.repealed
            ],
            "repealed": [{"record_uuid": r["record_uuid"], "label": r["label"]} for r in self.repealed],
            "withdrawn": [{"record_uuid": w["record_uuid"], "label": w["label"]} for w in self.withdrawn],
            "attachments": sorted(self.package.attachments),
            "messages": self.messages(),
        }


@dataclass
class ImportResult:
    file_name: str
    package_uuid: str
    kind: str
    sender_code: str
    sender_name: str
    status: str  # "applied" | "duplicate"
    package_id: int | None
    counts: dict[str, dict[str, int]]
    message: str
    withdrawn: int = 0  # awards of an award register marked withdrawn (no longer in the unit's register)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "package_uuid": self.package_uuid,
            "kind": self.kind,
            "sender": {"code": self.sender_code, "name": self.sender_name},
            "status": self.status,
            "package_id": self.package_id,
            "counts": self.counts,
            "withdrawn": self.withdrawn,
            "message": self.message,
        }
