"""``tdkt check``: is the file sound? Integrity, foreign keys, schema version — and what to do if not.

It also reads the unit's own decisions against the law of their dates: a decision conferring what the unit
could not confer on that date (CSTĐCS by a commune before 1/7/2025, any decision before the rule pack's first
date) is listed, so an inspector's first question has its answer before the inspector asks it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from desktop.domain.codes import AUTHORITY_LABELS
from desktop.domain.rules import RulePackError
from desktop.domain.series_key import normal_series_key
from desktop.domain.text import code_point, is_refused_character, nfc, visible_text
from desktop.i18n import N_, _
from desktop.ops import rules
from desktop.ops.officials import overlapping_terms, signers_out_of_office
from desktop.ops.review.council import undecided_council_seats
from desktop.store import Store
from desktop.store.audit import REPAIR_OPERATION, TriggerDrift, describe_drift, trigger_drift
from desktop.store.review_repo import HELD_DAY_SQL
from desktop.store.schema_version import LATEST_VERSION, current_version


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
    # the law checks read today's tables: only on a sound file of this program's version
    current = integrity_ok and version == LATEST_VERSION
    unlawful = unlawful_decisions(store) if current else []
    if unlawful:
        messages.append(
            _(
                "Có {n} quyết định của đơn vị trao danh hiệu, hình thức khen thưởng mà theo quy định vào ngày ký "
                "đơn vị không có thẩm quyền: {which}. Hãy xem lại và hủy bỏ hoặc thay thế các quyết định này."
            ).format(n=len(unlawful), which="; ".join(u["message"] for u in unlawful[:10]))
        )
    else:
        messages.append(_("Các quyết định của đơn vị đúng thẩm quyền theo quy định vào ngày ký."))
    early = decisions_before_council(store) if current else []
    _say_found(messages, early, _EARLY)
    signers = signers_out_of_office(store) if current else []
    _say_found(messages, signers, _SIGNERS)
    terms = overlapping_terms(store) if current else []
    _say_found(messages, terms, _OVERLAPPING_TERMS)
    disordered = numbers_out_of_date_order(store) if current else []
    _say_found(messages, disordered, _DISORDERED)
    leavers = leavers_on_councils(store) if current else []
    _say_found(messages, leavers, _LEAVERS_ON_COUNCILS)
    # SQL compared only at this version: an older file's triggers are an older generator's, made again on migrating
    drift = trigger_drift(store, compare_sql=version == LATEST_VERSION) if integrity_ok else TriggerDrift()
    if drift:
        messages.append(describe_drift(drift))
    gaps = audit_log_gaps(store) if integrity_ok else []
    _say_gaps(messages, gaps)
    dirty = control_character_records(store) if integrity_ok else []
    if dirty:
        shown = "; ".join(
            _("bảng {table}, bản ghi {record}, trường {field} ({characters})").format(
                table=d["table"], record=d["record"], field=d["field"], characters=", ".join(d["characters"])
            )
            for d in dirty[:10]
        )
        more = _(" và {n} ô khác").format(n=len(dirty) - 10) if len(dirty) > 10 else ""
        messages.append(
            _(
                "Có {n} ô dữ liệu đã lưu chứa ký tự điều khiển không in được (thường do nhập từ tệp cũ): "
                "{which}{more}. Các tệp xuất ra bỏ qua các ký tự này; hãy sửa lại các bản ghi đó."
            ).format(n=len(dirty), which=shown, more=more)
        )
    return {
        "ok": integrity_ok
        and not foreign_keys
        and version == LATEST_VERSION
        and not unlawful
        and not early
        and not signers
        and not terms
        and not disordered
        and not leavers
        and not drift
        and not dirty,
        "control_characters": dirty,
        "decisions_before_council": early,
        "numbers_out_of_date_order": disordered,
        "leavers_on_councils": leavers,
        "audit_triggers": {"missing": list(drift.missing), "extra": list(drift.extra), "altered": list(drift.altered)},
        "audit_log_gaps": gaps,
        "signers_out_of_office": signers,
        "overlapping_terms": terms,
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


def decisions_before_council(store: Store) -> list[dict[str, Any]]:
    """The unit's issued decisions dated before the council meeting that voted on one of their nominees (recorded
    before the program checked this): a decision cannot rest on a vote that had not yet taken place."""
    found: list[dict[str, Any]] = []
    rows = store.query(
        "SELECT d.id, d.number_text, d.decision_date, r.id AS round_id, r.name AS round_name, c.meeting_date "
        "FROM decisions d JOIN review_rounds r ON r.id = d.round_id JOIN councils c ON c.round_id = d.round_id "
        "WHERE d.status = 'issued' AND d.decision_date < c.meeting_date "
        # only a decision one of whose nominees the council voted on (as issue_decision checks): an LĐTT-only
        # decision needs no vote and may precede the meeting
        "AND EXISTS (SELECT 1 FROM decision_awardees a JOIN ballots b ON b.nomination_id = a.nomination_id "
        "WHERE a.decision_id = d.id) ORDER BY d.decision_date, d.id"
    )
    for row in rows:
        signed = date.fromisoformat(row["decision_date"]).strftime("%d/%m/%Y")
        met = date.fromisoformat(row["meeting_date"]).strftime("%d/%m/%Y")
        found.append(
            {
                "decision_id": row["id"],
                "number_text": row["number_text"],
                "decision_date": row["decision_date"],
                "round_id": row["round_id"],
                "meeting_date": row["meeting_date"],
                "message": _("{number} ngày {date} — Hội đồng của đợt “{round}” họp ngày {meeting}").format(
                    number=row["number_text"], date=signed, round=row["round_name"], meeting=met
                ),
            }
        )
    return found


_EARLY = N_(
    "Có {n} quyết định ký trước ngày họp Hội đồng Thi đua - Khen thưởng của đợt bình xét (quyết định "
    "phải căn cứ kết quả họp Hội đồng): {which}. Hãy xem lại ngày ký hoặc ngày họp Hội đồng, rồi thay "
    "thế quyết định cho đúng."
)
_SIGNERS = N_(
    "Có {n} quyết định mà người ký không giữ chức vụ vào ngày ký theo nhiệm kỳ đã ghi ở trang Đơn vị: "
    "{which}. Hãy xem lại nhiệm kỳ đã ghi, hoặc thay thế quyết định cho đúng người ký."
)
_OVERLAPPING_TERMS = N_(
    "Có {n} nhiệm kỳ đã ghi ở trang Đơn vị trùng thời gian với nhiệm kỳ khác của cùng người hoặc với nhiệm kỳ "
    "người đứng đầu khác: {which}. Hãy ghi đúng ngày kết thúc nhiệm kỳ cũ (mỗi người một nhiệm kỳ mỗi lúc, đơn "
    "vị một người đứng đầu mỗi lúc), rồi kiểm tra lại."
)
_DISORDERED = N_(
    "Có {n} quyết định mang số đứng sau một quyết định ký muộn hơn trong cùng sổ văn bản và năm (số và "
    "ngày ký không theo thứ tự, dễ bị coi là lấy số lùi ngày): {which}. Hãy xem lại ngày ký; nếu ngày ký "
    "sai, hãy thay thế quyết định đó bằng quyết định có ngày ký đúng thứ tự."
)

_LEAVERS_ON_COUNCILS = N_(
    "Có {n} thành viên Hội đồng Thi đua - Khen thưởng của đợt bình xét chưa có quyết định đã thôi công tác trước "
    "ngày họp Hội đồng (người đã thôi công tác không ngồi trong Hội đồng và không bỏ phiếu): {which}. Hãy thay người "
    "khác vào thành phần Hội đồng của đợt đó, hoặc kiểm tra lại ngày thôi công tác và ngày họp."
)


def _say_found(messages: list[str], found: list[dict[str, Any]], template: str) -> None:
    """One message for a check that found decisions: how many, the first ten by their own message, what to do."""
    if found:
        messages.append(_(template).format(n=len(found), which="; ".join(f["message"] for f in found[:10])))


def numbers_out_of_date_order(store: Store) -> list[dict[str, Any]]:
    """Decisions whose number comes after a decision of the same book (series and year) signed later: what an
    older version let through (issuing now refuses it: :func:`desktop.ops.review.numbering.check_number_date`).
    Each is paired with the latest-signed decision numbered before it; cancelled and replaced decisions count, they
    keep their place in the book (a cancelled one dated by mistake after the day its number was taken holds the
    book to that day only, as issuing reads it)."""
    rows = store.query(
        "SELECT d.id, d.number, d.number_text, substr(d.decision_date, 1, 10) AS signed, d.held, s.key, s.year "
        f"FROM (SELECT *, {HELD_DAY_SQL} AS held FROM decisions) d JOIN number_series s ON s.id = d.series_id "
        "ORDER BY s.year, d.number, d.id"
    )
    latest: dict[tuple[str, int], dict[str, Any]] = {}
    found: list[dict[str, Any]] = []
    for row in rows:
        book = (normal_series_key(nfc(str(row["key"]))), int(row["year"]))
        before = latest.get(book)
        if before is not None and row["signed"] < before["held"]:
            found.append(
                {
                    "decision_id": row["id"],
                    "number_text": row["number_text"],
                    "decision_date": row["signed"],
                    "earlier_number_id": before["id"],
                    "earlier_number_text": before["number_text"],
                    "earlier_number_date": before["signed"],
                    "message": _(
                        "{number} ngày {date} đứng sau {earlier} ngày {earlier_date} (sổ {key} năm {year})"
                    ).format(
                        number=row["number_text"],
                        date=date.fromisoformat(row["signed"]).strftime("%d/%m/%Y"),
                        earlier=before["number_text"],
                        earlier_date=date.fromisoformat(before["signed"]).strftime("%d/%m/%Y"),
                        key=book[0],
                        year=book[1],
                    ),
                }
            )
        if before is None or row["held"] > before["held"]:
            latest[book] = row
    return found


def leavers_on_councils(store: Store) -> list[dict[str, Any]]:
    """Seats on the council of a round not decided yet held by a person whose leaving date is before the meeting:
    the leaving is often typed after the council was saved, and nothing refuses it, but the round's ballots are
    counted on those who worked in the unit on the meeting's day (a ballot on such a council is refused). A leaver
    after the meeting sat on it lawfully and is not listed."""
    found: list[dict[str, Any]] = []
    for seat in undecided_council_seats(store):
        left = seat["end_date"]
        if not left or left >= seat["meeting_date"]:
            continue
        found.append(
            seat
            | {
                "message": _(
                    "{name}, đợt “{round}” năm {year} ({role}): thôi công tác từ ngày {left}, Hội đồng họp "
                    "ngày {meeting}"
                ).format(
                    name=seat["full_name"],
                    round=seat["round_name"],
                    year=seat["year"],
                    role=seat["role_label"],
                    left=date.fromisoformat(left).strftime("%d/%m/%Y"),
                    meeting=date.fromisoformat(seat["meeting_date"]).strftime("%d/%m/%Y"),
                )
            }
        )
    return found


def audit_log_gaps(store: Store) -> list[dict[str, Any]]:
    """The times the program found audit triggers missing (or altered) and made them again: changes to those tables
    before that moment may be missing from the log, which an inspector reading it must know (the repair itself cannot
    undo it, so a gap is told, not counted as a fault of the file today)."""
    rows = store.query(
        "SELECT at, after FROM audit_log WHERE operation = ? AND action = 'event' ORDER BY id", (REPAIR_OPERATION,)
    )
    found = []
    for row in rows:
        try:
            details = json.loads(row["after"] or "{}")
        except ValueError:
            details = {}
        if not isinstance(details, dict):
            details = {}
        missing = [str(name) for name in details.get("missing_triggers") or []]
        altered = [str(name) for name in details.get("altered_triggers") or []]
        if missing or altered:
            found.append({"at": str(row["at"]), "missing_triggers": missing, "altered_triggers": altered})
    return found


def _say_gaps(messages: list[str], gaps: list[dict[str, Any]]) -> None:
    if not gaps:
        return
    shown = "; ".join(_gap_text(gap) for gap in gaps[:10])
    messages.append(
        _(
            "Nhật ký thay đổi từng bị gián đoạn {n} lần (trigger ghi nhật ký bị xóa hoặc bị sửa ngoài chương trình, "
            "chương trình đã tạo lại khi mở tệp): {which}. Các thay đổi ở những bảng đó trước thời điểm tạo lại có thể "
            "không có trong nhật ký."
        ).format(n=len(gaps), which=shown)
    )


def _gap_text(gap: dict[str, Any]) -> str:
    when = _when(gap["at"])
    missing = ", ".join(gap["missing_triggers"][:6])
    altered = ", ".join(gap["altered_triggers"][:6])
    if missing and altered:
        return _("{when}: thiếu {missing}, bị sửa {altered}").format(when=when, missing=missing, altered=altered)
    if altered:
        return _("{when}: bị sửa {names}").format(when=when, names=altered)
    return _("{when}: thiếu {names}").format(when=when, names=missing)


def _when(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return stamp


# Characters :func:`desktop.domain.text.clean_input` refuses, as an SQLite GLOB class (tab and line breaks are
# allowed in multi-line fields, so they are not listed; NUL is looked for with instr()).
_REFUSED_GLOB = "*[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*"
# Keys the program computes with separators below U+0020 (desktop.domain.text.sort_key): not typed text.
_COMPUTED_COLUMNS = frozenset({"sort_key", "search_key"})
# How a record is named in the report, by table (others: their uuid, else their row id).
_RECORD_LABELS = {
    "staff": "staff_code || ' ' || full_name",
    "departments": "name",
    "decisions": "number_text",
}


def control_character_records(store: Store, *, limit: int = 1000) -> list[dict[str, Any]]:
    """Text already stored with NUL or control characters (from before imports refused them): one entry per field.

    Each entry: ``table``, ``id`` (row id), ``uuid`` (or ""), ``record`` (how the clerk finds it: "CB00012
    Nguyễn Văn Sơn", a department's name, a decision's number), ``field`` (the column) and ``characters``
    ("U+001B (ESC)"). The audit log is not scanned: it keeps what was written, as JSON that escapes them.
    """
    found: list[dict[str, Any]] = []
    tables = [
        r[0]
        for r in store.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    ]
    for table in tables:
        if table == "audit_log":
            continue
        columns = store.execute(f'PRAGMA table_info("{table}")').fetchall()
        names = {c[1] for c in columns}
        text_columns = [
            c[1]
            for c in columns
            if any(t in str(c[2]).upper() for t in ("TEXT", "CHAR", "CLOB")) and c[1] not in _COMPUTED_COLUMNS
        ]
        if not text_columns:
            continue
        label = _RECORD_LABELS.get(table) if _RECORD_LABELS.get(table, "").split(" ")[0] in names else None
        label = label or ('"uuid"' if "uuid" in names else "'#' || rowid")
        where = " OR ".join(f'"{c}" GLOB ? OR instr("{c}", char(0)) > 0' for c in text_columns)
        selected = ", ".join(f'"{c}"' for c in text_columns)
        uuid = '"uuid"' if "uuid" in names else "''"
        sql = f'SELECT rowid, {uuid}, {label}, {selected} FROM "{table}" WHERE {where} LIMIT {int(limit)}'
        try:
            rows = store.execute(sql, [_REFUSED_GLOB] * len(text_columns)).fetchall()
        except Exception:  # a table this check does not know how to read (a view-like or virtual table): skip it
            continue
        for row in rows:
            for column, value in zip(text_columns, row[3:], strict=True):
                if not isinstance(value, str):
                    continue
                bad = sorted({ch for ch in value if is_refused_character(ch, multiline=True)})
                if bad:
                    found.append(
                        {
                            "table": table,
                            "id": int(row[0]),
                            "uuid": str(row[1] or ""),
                            "record": visible_text(row[2]),
                            "field": column,
                            "characters": [code_point(ch) for ch in bad],
                        }
                    )
        if len(found) >= limit:
            break
    return found[:limit]


# -- orphans: records whose target is gone, on top of check_database ----------------------------------------

_ORPHAN_QUERIES = (
    (
        "awards",
        "SELECT a.id FROM awards a LEFT JOIN staff s ON s.id = a.staff_id "
        "WHERE a.target_kind = 'individual' AND s.id IS NULL",
        N_("khen thưởng của cá nhân không còn trong danh sách cán bộ"),
    ),
    (
        "awards",
        "SELECT a.id FROM awards a LEFT JOIN departments d ON d.id = a.department_id "
        "WHERE a.target_kind = 'collective' AND d.id IS NULL",
        N_("khen thưởng của tập thể không còn trong danh sách phòng ban"),
    ),
    (
        "decision_awardees",
        "SELECT x.id FROM decision_awardees x LEFT JOIN decisions d ON d.id = x.decision_id WHERE d.id IS NULL",
        N_("người được khen của quyết định không còn tồn tại"),
    ),
)


def find_orphans(store: Store) -> list[dict[str, Any]]:
    """Records whose target is gone (possible when a file was edited outside the program)."""
    tables = {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    found = []
    for table, sql, what in _ORPHAN_QUERIES:
        if table not in tables:
            continue
        try:
            ids = [int(r[0]) for r in store.execute(sql).fetchall()]
        except Exception:  # a schema this check does not know: skip rather than fail the whole check
            continue
        if ids:
            found.append({"table": table, "ids": ids, "what": _(what)})
    return found


def check_report(store: Store) -> dict[str, Any]:
    """``check_database`` plus orphan records, with what to do (``tdkt check`` and the backup page)."""
    report = check_database(store)
    orphans = find_orphans(store)
    report["orphans"] = orphans
    for orphan in orphans:
        report["messages"].append(
            _(
                "Có {n} bản ghi ở bảng {table}: {what} (số {ids}). "
                "Hãy sao lưu ngay, rồi khôi phục bản sao lưu trước đó hoặc báo người hỗ trợ."
            ).format(
                n=len(orphan["ids"]),
                table=orphan["table"],
                what=orphan["what"],
                ids=", ".join(str(i) for i in orphan["ids"][:10]),
            )
        )
    if orphans:
        report["ok"] = False
    return report
