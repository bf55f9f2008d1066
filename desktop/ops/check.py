"""``tdkt check``: is the file sound? Integrity, foreign keys, schema version — and what to do if not.

It also reads the unit's own decisions against the law of their dates: a decision conferring what the unit
could not confer on that date (CSTĐCS by a commune before 1/7/2025, any decision before the rule pack's first
date) is listed, so an inspector's first question has its answer before the inspector asks it.
"""

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
                "Có {n} bản ghi trỏ tới bản ghi không còn tồn tại (bảng {tables}). Hãy sao lưu rồi báo người hỗ trợ."
            ).format(n=len(foreign_keys), tables=", ".join(sorted({f["table"] for f in foreign_keys})))
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
    unlawful = unlawful_decisions(store) if integrity_ok and version == LATEST_VERSION else []
    if unlawful:
        messages.append(
            _(
                "Có {n} quyết định của đơn vị trao danh hiệu, hình thức khen thưởng mà theo quy định vào ngày ký "
                "đơn vị không có thẩm quyền: {which}. Hãy xem lại và hủy bỏ hoặc thay thế các quyết định này."
            ).format(n=len(unlawful), which="; ".join(u["message"] for u in unlawful[:10]))
        )
    else:
        messages.append(_("Các quyết định của đơn vị đúng thẩm quyền theo quy định vào ngày ký."))
    return {
        "ok": integrity_ok and not foreign_keys and version == LATEST_VERSION and not unlawful,
        "unlawful_decisions": unlawful,
        "integrity": integrity,
        "foreign_key_violations": foreign_keys,
        "schema_version": version,
        "latest_schema_version": LATEST_VERSION,
        "counts": counts,
        "messages": messages,
    }


def unlawful_decisions(store: Store) -> list[dict[str, Any]]:
    """The unit's issued decisions with awards the unit could not confer on the decision's date."""
    from datetime import date

    from desktop.domain.codes import AUTHORITY_LABELS
    from desktop.domain.rules import RulePackError
    from desktop.ops import rules

    try:
        pack = rules.effective_pack(store)
    except RulePackError:
        return []
    kind = rules.unit_kind(store)
    found: list[dict[str, Any]] = []
    rows = store.query(
        "SELECT d.id, d.number_text, d.decision_date, a.code, count(*) AS n FROM decisions d "
        "JOIN decision_awardees a ON a.decision_id = d.id WHERE d.status = 'issued' "
        "GROUP BY d.id, a.code ORDER BY d.decision_date, d.id"
    )
    for row in rows:
        on = date.fromisoformat(row["decision_date"])
        day = on.strftime("%d/%m/%Y")
        try:
            cited = pack.authority_cited(row["code"], kind, on)
            who, law = str(cited.value), cited.citation()
        except RulePackError as exc:
            who, law = "", str(exc)
        if who == "unit":
            continue
        label = _(AUTHORITY_LABELS[who]) if who in AUTHORITY_LABELS else law
        found.append(
            {
                "decision_id": row["id"],
                "number_text": row["number_text"],
                "decision_date": row["decision_date"],
                "code": row["code"],
                "awardees": row["n"],
                "authority": who,
                "citation": law,
                "message": _("{number} ngày {date} ({code}): {who} — {law}").format(
                    number=row["number_text"], date=day, code=row["code"], who=label, law=law
                ),
            }
        )
    return found
