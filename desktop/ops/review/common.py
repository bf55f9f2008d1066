"""What the review's operations share: its codes and statuses, and the check of a decision's date."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from desktop.domain.dates import year_end
from desktop.domain.movement_period import contest_start
from desktop.domain.rules import RulePack, RulePackError
from desktop.domain.staff import name_shape_problem
from desktop.domain.text import LONG_TEXT_MAX_LENGTH, NAME_MAX_LENGTH, NOTES_MAX_LENGTH, TEXT_MAX_LENGTH
from desktop.i18n import N_, _
from desktop.ops.common import clean_text
from desktop.store import Store, ValidationError
from desktop.store.rules_repo import effective_pack, unit_kind

ROUND_KINDS = ("year", "movement", "occasion")
PROPOSED_VERDICTS = ("eligible", "needs_vote")
OVERRIDE_VERDICTS = ("not_eligible", "deferred")
ACTIVE_STATUSES = ("proposed", "passed", "failed")
COUNCIL_ROLES: dict[str, str] = {
    "chair": N_("Chủ tịch Hội đồng"),
    "deputy": N_("Phó Chủ tịch Hội đồng"),
    "member": N_("Ủy viên"),
    "secretary": N_("Thư ký"),
}
NOMINATION_STATUSES: dict[str, str] = {
    "proposed": N_("Đề nghị"),
    "removed": N_("Đã bỏ khỏi danh sách"),
    "passed": N_("Đạt (Hội đồng)"),
    "failed": N_("Không đạt (Hội đồng)"),
    "decided": N_("Đã có quyết định"),
    "sent_up": N_("Đã gửi hồ sơ lên cấp trên"),
}
DECISION_STATUSES: dict[str, str] = {
    "issued": N_("Đã ban hành"),
    "corrected": N_("Đã bị thay thế"),
    "revoked": N_("Đã hủy bỏ (thu hồi khen thưởng, tiền thưởng)"),
}
DEFAULT_SERIES = "QĐ-UBND"

# A decision is signed the day it is recorded, or ahead of the ceremony it is read at: the year-end decision may be
# prepared from October (when the program turns to the new year's review) for a meeting in late December. A date
# further ahead than a quarter is a typing slip (2027 for 2026): let through, it would be paid at a base salary not in
# force yet, and its number would hold back every earlier date of that year's book.
DECISION_FUTURE_DAYS = 92
# A date only planned (the decision a review round prepares, 31/12 of its year by default) may be further ahead,
# but not past next year.
PLANNED_FUTURE_DAYS = 366


def check_law_date(
    pack: RulePack, when: date, what: str, *, today: date | None = None, future_days: int = DECISION_FUTURE_DAYS
) -> None:
    """A decision date the law of the pack covers, and at most ``future_days`` after today: a signed decision's
    date by default (:data:`DECISION_FUTURE_DAYS`), :data:`PLANNED_FUTURE_DAYS` for a date only planned."""
    try:
        pack.check_date(when, what=what)
    except RulePackError as exc:
        raise ValidationError(str(exc), field="decision_date") from None
    limit = (today or date.today()) + timedelta(days=future_days)
    if when > limit:
        raise ValidationError(
            _("{what}: ngày {date} quá xa trong tương lai (sau ngày {limit}); hãy kiểm tra lại ngày ký.").format(
                what=what, date=when.strftime("%d/%m/%Y"), limit=limit.strftime("%d/%m/%Y")
            ),
            field="decision_date",
        )


def round_ballots(store: Store, round_id: int) -> dict[int, dict[str, Any]]:
    """The council's ballots of the round, by nomination id."""
    return {
        int(b["nomination_id"]): b
        for b in store.query(
            "SELECT b.* FROM ballots b JOIN nominations n ON n.id = b.nomination_id WHERE n.round_id = ?", (round_id,)
        )
    }


def mark_same_names(store: Store, rows: list[dict[str, Any]], *, name_key: str = "name") -> list[dict[str, Any]]:
    """Tell apart people of the same full name in one list: each row gets ``name_mark`` ("" for most), "sinh 1985"
    when their birth years differ, else their staff code ("mã CB012"). ``staff_code`` and ``birth_year`` are
    added to every person's row. The rows are changed in place and returned."""
    staff_ids = sorted({int(r["staff_id"]) for r in rows if r.get("staff_id")})
    people: dict[int, dict[str, Any]] = {}
    for start in range(0, len(staff_ids), 500):
        chunk = staff_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for p in store.query(f"SELECT id, staff_code, birth_date FROM staff WHERE id IN ({marks})", chunk):
            people[int(p["id"])] = p
    by_name: dict[str, set[int]] = {}
    for row in rows:
        row["name_mark"] = ""
        staff_id = row.get("staff_id")
        if not staff_id:
            continue
        person = people.get(int(staff_id), {})
        row["staff_code"] = person.get("staff_code") or ""
        row["birth_year"] = _birth_year(person)
        by_name.setdefault(str(row.get(name_key) or "").casefold(), set()).add(int(staff_id))
    for row in rows:
        staff_id = row.get("staff_id")
        if not staff_id:
            continue
        namesakes = by_name.get(str(row.get(name_key) or "").casefold(), set())
        if len(namesakes) < 2:
            continue
        years = [_birth_year(people.get(i, {})) for i in namesakes]
        if all(years) and len(set(years)) == len(years):  # the birth year tells them apart
            row["name_mark"] = _("sinh {year}").format(year=row["birth_year"])
        else:
            row["name_mark"] = _("mã {code}").format(code=row["staff_code"] or staff_id)
    return rows


def _birth_year(person: dict[str, Any]) -> int | None:
    birth = str(person.get("birth_date") or "")
    return int(birth[:4]) if birth[:4].isdigit() else None


def cstdcs_reliance(pack: RulePack, code: str, year: int) -> str:
    """How a proposal for ``code`` builds on this year's CSTĐCS, read from the criteria of the rule pack.

    "own": the title requires the person's CSTĐCS (``requires_title``), in a run of years ending this one
    (Chiến sĩ thi đua cấp tỉnh, Luật TĐKT 2022 Điều 22); "own_route": consecutive CSTĐCS years ending this one are
    one route among others (``consecutive_cstdcs_years``: Bằng khen tỉnh, Điều 74.1.d, or HTXSNV years);
    "members": members of the collective must be CSTĐCS (``min_cstdcs_members``: TTLĐXS, Điều 27); "" otherwise.
    """
    on = year_end(year)
    try:
        if pack.has_param(code, "requires_title") and pack.param(code, "requires_title", on) == "CSTDCS":
            return "own"
        if pack.has_param(code, "consecutive_cstdcs_years") and int(pack.param(code, "consecutive_cstdcs_years", on)):
            return "own_route"
        if pack.has_param(code, "min_cstdcs_members") and int(pack.param(code, "min_cstdcs_members", on)):
            return "members"
    except RulePackError:
        return ""
    return ""


def counts_on_cstdcs(pack: RulePack, row: dict[str, Any], year: int) -> str:
    """The reliance of a nomination that stands or falls with this year's CSTĐCS vote, or "".

    A title that requires the CSTĐCS always counts on it; a route among others (Bằng khen tỉnh) or the members of a
    collective count on it only when the engine proposed the nomination as waiting for that vote ("needs_vote").
    """
    reliance = cstdcs_reliance(pack, str(row["code"]), year)
    if reliance == "own" or (reliance and row["engine_verdict"] == "needs_vote"):
        return reliance
    return ""


def round_first_day(store: Store, round_row: dict[str, Any], *, council: bool = False) -> tuple[date, str]:
    """The first day the round's decision may bear (or, with ``council``, its council may meet), and what that day
    is: 1 January of the round's year, or the day its movement's contest starts (``contest_start``: its start, else
    its launch) when that is later (a movement round rewards what was done in the contest).

    A movement round's council may meet from the contest's start even before the round's year: the round of the
    year after a movement's end (its decision signed then) may have met in the movement's last days. But a round
    opened by a movement's sơ kết or tổng kết (:func:`opening_review`) is met, posted and decided no earlier than
    that review: its nominees are the ones the review proposed, which did not exist before it (nor did the law of
    an earlier date apply to their ballot or decision).
    """
    year = int(round_row["year"])
    first = date(year, 1, 1)
    what = _("ngày đầu năm {year} của đợt bình xét “{name}”").format(year=year, name=round_row["name"])
    movement_id = round_row.get("movement_id")
    if movement_id:
        movement = store.query_one("SELECT name, launch_date, start_date FROM movements WHERE id = ?", (movement_id,))
        begun = contest_start(movement) if movement else None
        if movement and begun and (begun > first or council):
            first = begun
            what = _("ngày bắt đầu phong trào “{name}”").format(name=movement["name"])
    review = opening_review(store, int(round_row["id"]))
    if review is not None and review["held"] > first:
        first = review["held"]
        what = _("ngày hội nghị {word} phong trào “{name}” đề xuất các đề nghị của đợt này").format(
            word=review["word"], name=review["movement_name"]
        )
    return first, what


_REVIEW_KIND_WORDS = {"so_ket": N_("sơ kết"), "tong_ket": N_("tổng kết")}


def opening_review(store: Store, round_id: int) -> dict[str, Any] | None:
    """The movement's sơ kết or tổng kết whose proposals opened the round (``movement_reviews.round_id``), the
    latest if several: its ``held`` date, its ``word`` ("tổng kết") and ``movement_name``; None for a round opened
    otherwise (the year's round, a movement round created by hand)."""
    row = store.query_one(
        "SELECT r.kind, r.review_date, m.name AS movement_name FROM movement_reviews r "
        "JOIN movements m ON m.id = r.movement_id WHERE r.round_id = ? ORDER BY r.review_date DESC, r.id DESC LIMIT 1",
        (round_id,),
    )
    if row is None:
        return None
    try:
        held = date.fromisoformat(str(row["review_date"])[:10])
    except ValueError:  # a date typed by hand into an old file: no bound rather than a window that cannot open
        return None
    word = _REVIEW_KIND_WORDS.get(str(row["kind"]))
    return {"held": held, "word": _(word) if word else str(row["kind"]), "movement_name": row["movement_name"]}


# The decision's header texts as they are printed: (label on screen, several lines, longest length).
_HEADER_TEXTS: dict[str, tuple[str, bool, int]] = {
    "signer_title": (N_("Chức vụ người ký"), False, TEXT_MAX_LENGTH),
    "signer_name": (N_("Họ tên người ký"), False, NAME_MAX_LENGTH),
    "subject": (N_("Trích yếu"), False, LONG_TEXT_MAX_LENGTH),
    "achievement_text": (N_("Thành tích ghi trong quyết định"), True, NOTES_MAX_LENGTH),
    "snapshot_name": (N_("Họ tên"), False, NAME_MAX_LENGTH),
    "snapshot_position": (N_("Chức vụ"), False, TEXT_MAX_LENGTH),
    "snapshot_department": (N_("Phòng ban"), False, TEXT_MAX_LENGTH),
    "snapshot_gender": (N_("Giới tính"), False, TEXT_MAX_LENGTH),
}


_REQUIRED_TEXTS = {
    "signer_title": N_("Chưa nhập chức vụ người ký quyết định."),
    "signer_name": N_("Chưa nhập họ tên người ký quyết định."),
    "subject": N_("Chưa nhập trích yếu (về việc) của quyết định."),
    "snapshot_name": N_("Chưa nhập họ tên người được khen thưởng."),
}


def printed_text(key: str, value: object) -> str:
    """A text of a decision's header or of a frozen awardee line, cleaned as every typed text is (no control or
    hidden direction character, bounded): it is printed on the decision, the payment list and the certificates.
    The signer, the subject and a name may not be empty."""
    label, multiline, longest = _HEADER_TEXTS[key]
    text = clean_text(value, key, _(label), multiline=multiline, max_length=longest)
    if not text and key in _REQUIRED_TEXTS:
        raise ValidationError(_(_REQUIRED_TEXTS[key]), field=key)
    if key == "signer_name" and (problem := name_shape_problem(text)):  # "---", "=HYPERLINK(…)" under a signature
        raise ValidationError(problem, field=key)
    return text


def legal_basis(
    pack: RulePack, on: date, *, unit_kind: str = "ubnd_xa", organisation_law: bool = True
) -> tuple[str, ...]:
    """The "Căn cứ ..." lines in force on the document's date, read from the rule pack (dated, cited data).

    A commune's decision cites the local-government law in its version of that date (``organisation_law``;
    a tờ trình does not) and, from 1/7/2025, the decree that gave the commune chair its powers (NĐ 129/2025);
    other units cite only the emulation law and its decree.
    """
    names = ["emulation_law", "emulation_decree"]
    if unit_kind == "ubnd_xa":
        names = [*(["local_government_law"] if organisation_law else []), *names, "authority_decree"]
    lines = []
    for name in names:
        if pack.has_legal_text(name):
            text = str(pack.legal_text(name, on).value).strip()
            if text:
                lines.append(text)
    return tuple(lines)


def basis_lines(
    store: Store, on: date, *, pack: RulePack | None = None, organisation_law: bool = True
) -> tuple[str, ...]:
    """:func:`legal_basis` for this unit by ``pack`` (default: the store's pack in force); a date the pack does not
    cover is refused on the document's date field."""
    try:
        return legal_basis(
            pack or effective_pack(store), on, unit_kind=unit_kind(store), organisation_law=organisation_law
        )
    except RulePackError as exc:
        raise ValidationError(str(exc), field="decision_date") from None


def stored_reasons(reasons_json: str | None) -> list[Any]:
    """A nomination's stored engine reasons as a list; [] for none, or for text that is not a JSON list (an older
    version's or a hand-edited row): the reasons a dossier adds to must not fail on the ones it found."""
    try:
        reasons = json.loads(reasons_json or "[]")
    except json.JSONDecodeError:
        return []
    return reasons if isinstance(reasons, list) else []
