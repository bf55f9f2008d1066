"""Render a yearly-review document from the database to a .pdf, .docx or .xlsx file.

The window's "Mở / In" buttons and ``tdkt documents render`` both call :func:`render_document`: it picks the
record (a decision by its number, a review round, a nomination, a person or a collective), fills the plain data
with :mod:`desktop.ops.review` and writes it with :func:`desktop.documents.review_docs.render`.
"""

from __future__ import annotations

from pathlib import Path

from desktop.documents import review_docs
from desktop.domain.text import nfc
from desktop.i18n import _
from desktop.ops import review
from desktop.store import NotFoundError, Store, ValidationError, staff_repo

KINDS = review_docs.KINDS
# Which selector each kind needs: its name on the CLI, for the error messages.
_NEEDS: dict[str, str] = {
    "proposal": "round_id",
    "proposal_list": "round_id",
    "minutes": "round_id",
    "decision": "decision_number",
    "payment": "decision_number",
    "achievement_report": "nomination_id",
    "register": "staff_or_department",
}
_OPTION_NAMES = {
    "decision_number": "--decision",
    "round_id": "--round",
    "nomination_id": "--nomination",
    "staff_id": "--staff",
    "department_id": "--department",
}


def render_document(
    store: Store,
    *,
    kind: str,
    out: Path,
    decision_number: str | None = None,
    round_id: int | None = None,
    nomination_id: int | None = None,
    staff_id: int | None = None,
    department_id: int | None = None,
    decision_year: int | None = None,
    upward: bool = False,
    dossier_id: int | None = None,
) -> Path:
    """Write document ``kind`` to ``out`` (format from the suffix); returns the path written.

    decision, payment: ``decision_number`` ("125/QĐ-UBND"; ``decision_year`` when the unit's series started
    again and several years have that number); proposal, proposal_list, minutes: ``round_id``
    (``upward`` for the list sent to the province; with ``dossier_id`` exactly that dossier's nominations, without
    it the next sending or else the latest dossier's); achievement_report: ``nomination_id``; register:
    ``staff_id`` or ``department_id``. A selector that the kind does not use is refused, so a typo never
    silently prints another document.
    """
    if kind not in KINDS:
        raise ValidationError(
            _("Không có loại văn bản “{kind}”; các loại có: {kinds}.").format(kind=kind, kinds=", ".join(KINDS)),
            field="kind",
        )
    given = {
        "decision_number": decision_number,
        "round_id": round_id,
        "nomination_id": nomination_id,
        "staff_id": staff_id,
        "department_id": department_id,
    }
    allowed = {"staff_id", "department_id"} if _NEEDS[kind] == "staff_or_department" else {_NEEDS[kind]}
    extra = [name for name, value in given.items() if value not in (None, "") and name not in allowed]
    if extra:
        raise ValidationError(
            _("Văn bản “{name}” không dùng {options}.").format(
                name=_(review_docs.KIND_NAMES[kind]), options=", ".join(_OPTION_NAMES[e] for e in extra)
            ),
            field=extra[0],
        )
    if not any(given[name] not in (None, "") for name in allowed):
        if kind == "register":
            message = _("Sổ theo dõi khen thưởng cần --staff (mã cán bộ) hoặc --department (tên tập thể).")
        else:
            message = _("Văn bản “{name}” cần {option}.").format(
                name=_(review_docs.KIND_NAMES[kind]), option=_OPTION_NAMES[_NEEDS[kind]]
            )
        raise ValidationError(message, field=sorted(allowed)[0])

    if dossier_id is not None and not (kind in ("proposal", "proposal_list") and upward):
        raise ValidationError(
            _("Hồ sơ đề nghị số {id} gửi cấp trên: chỉ in được tờ trình và danh sách đề nghị lên cấp trên.").format(
                id=dossier_id
            ),
            field="dossier_id",
        )
    if kind in ("decision", "payment"):
        decision_id = _decision_id(store, str(decision_number), decision_year)
        data: object = (
            review.decision_doc(store, decision_id=decision_id)
            if kind == "decision"
            else review.payment_doc(store, decision_id=decision_id)
        )
    elif kind in ("proposal", "proposal_list"):
        assert round_id is not None
        data = review.proposal_doc(store, round_id=round_id, upward=upward, dossier_id=dossier_id)
    elif kind == "minutes":
        assert round_id is not None
        data = review.minutes_doc(store, round_id=round_id)
    elif kind == "achievement_report":
        assert nomination_id is not None
        data = review.achievement_report_doc(store, nomination_id=nomination_id)
    else:
        data = review.register_doc(store, staff_id=staff_id, department_id=department_id)
    return review_docs.render(kind, data, Path(out))


def _decision_id(store: Store, number_text: str, year: int | None) -> int:
    wanted = nfc(number_text)
    if year is None:
        found = [d for d in review.list_decisions(store) if d["number_text"] == wanted]
        if len(found) > 1:
            years = ", ".join(sorted({str(d["decision_date"])[:4] for d in found}))
            raise ValidationError(
                _("Có {n} quyết định số {number} (các năm {years}); hãy chọn thêm năm của quyết định.").format(
                    n=len(found), number=wanted, years=years
                ),
                field="decision_year",
            )
        return int(review.get_decision(store, number_text=wanted)["id"])
    found = [d for d in review.list_decisions(store, year=year) if d["number_text"] == wanted]
    if not found:
        raise NotFoundError(_("Không tìm thấy quyết định số {number} năm {year}.").format(number=wanted, year=year))
    return int(found[0]["id"])


def staff_id_by_code(store: Store, staff_code: str) -> int:
    """The internal id of the person with this staff code ("CB0007"), or a clear error."""
    row = staff_repo.get_staff_by_code(store, nfc(staff_code).upper())
    if row is None:
        raise NotFoundError(_("Không tìm thấy cán bộ có mã {code}.").format(code=staff_code))
    return int(row["id"])


def department_id_by_name(store: Store, name: str) -> int:
    """The id of the collective (phòng ban, thôn, đơn vị) with this name, compared without case."""
    wanted = nfc(name).casefold()
    rows = store.query("SELECT id, name FROM departments ORDER BY id")
    found = [row["id"] for row in rows if nfc(row["name"]).casefold() == wanted]
    if not found:
        raise NotFoundError(_("Không tìm thấy tập thể “{name}”.").format(name=name))
    return int(found[0])


__all__ = ["KINDS", "department_id_by_name", "render_document", "staff_id_by_code"]
