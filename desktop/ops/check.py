"""``tdkt check``: is the file sound? Integrity, foreign keys, schema version — and what to do if not."""

from __future__ import annotations

from typing import Any

from desktop.i18n import _
from desktop.store import Store
from desktop.store.migrations import LATEST_VERSION, current_version


def check_database(store: Store) -> dict[str, Any]:
    """A report with ``ok``, details and Vietnamese messages that say what to do."""
    messages: list[str] = []
    integrity = [row[0] for row in store.execute("PRAGMA integrity_check").fetchall()]
    integrity_ok = integrity == ["ok"]
    fk_rows = store.execute("PRAGMA foreign_key_check").fetchall()
    foreign_keys = [{"table": r[0], "rowid": r[1], "parent": r[2]} for r in fk_rows]
    version = current_version(store)
    counts = {
        table: int(store.scalar(f'SELECT count(*) FROM "{table}"') or 0)
        for table in ("staff", "departments", "ratings", "discipline", "initiatives", "leave_periods", "audit_log")
    }
    if integrity_ok:
        messages.append(_("Tính toàn vẹn của tệp: tốt."))
    else:
        messages.append(
            _("Tệp dữ liệu bị hỏng ({n} lỗi). Đừng nhập thêm dữ liệu; hãy khôi phục từ bản sao lưu gần nhất.").format(
                n=len(integrity)
            )
        )
    if foreign_keys:
        messages.append(
            _(
                "Có {n} bản ghi trỏ tới bản ghi không còn tồn tại (bảng {tables}). "
                "Hãy sao lưu rồi báo người hỗ trợ."
            ).format(
                n=len(foreign_keys), tables=", ".join(sorted({f["table"] for f in foreign_keys}))
            )
        )
    else:
        messages.append(_("Liên kết giữa các bảng: tốt."))
    messages.append(
        _("Cấu trúc dữ liệu số {version} (phiên bản chương trình hiểu đến số {latest}).").format(
            version=version, latest=LATEST_VERSION
        )
    )
    messages.append(
        _("Đang có {staff} cán bộ, {departments} phòng ban, {audit} dòng nhật ký.").format(
            staff=counts["staff"], departments=counts["departments"], audit=counts["audit_log"]
        )
    )
    return {
        "ok": integrity_ok and not foreign_keys and version == LATEST_VERSION,
        "integrity": integrity,
        "foreign_key_violations": foreign_keys,
        "schema_version": version,
        "latest_schema_version": LATEST_VERSION,
        "counts": counts,
        "messages": messages,
    }
