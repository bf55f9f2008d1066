"""Report figures for a year or a movement: how many awards, of what, to whom.

Pure Python over plain award facts, so the figures can be checked against hand counts. Titles (danh hiệu)
and award forms (hình thức khen thưởng) are counted apart, never added into one list. People figures
(gender, ethnic group, leader vs direct worker) count individual awards only; their shares are of the
individual awards, the way the seed reports put it ("72,5% người lao động trực tiếp").

The words (the highlights' sentences, the department of an award without one) are worded by ``translate``: ``_``
(the screen's language) by default; a printed report passes ``N_`` and stays Vietnamese whatever the screen's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from desktop.domain.codes import FOREIGN_ETHNIC_CODE, MAJORITY_ETHNIC_CODE, MINORITY_ETHNIC_CODES
from desktop.i18n import N_, _

_NO_DEPARTMENT = N_("(không rõ phòng ban)")
_DIRECT_WORKERS = N_("{share} người lao động trực tiếp ({count}/{total} lượt cá nhân)")
_WOMEN = N_("{share} nữ ({count}/{total} lượt cá nhân)")
_GENDER_UNKNOWN = N_(", {unknown} lượt chưa ghi giới tính")
_MINORITIES = N_("{share} người dân tộc thiểu số ({count}/{total} lượt cá nhân)")


@dataclass(frozen=True)
class AwardFact:
    code: str
    code_name: str
    category: str  # "title" | "award_form"
    target_kind: str  # "individual" | "collective" | "household"
    department: str = ""  # the person's department, or the collective itself
    gender: str = ""  # "F" | "M" | ""
    ethnic_code: str = ""
    ethnic_name: str = ""
    is_leader: bool = False


def share(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def percent_text(value: float) -> str:
    """ "72,5%" — one decimal, Vietnamese decimal comma."""
    return f"{value:.1f}".replace(".", ",") + "%"


def _rows(counter: Counter[str], whole: int, names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        {"key": key, "label": (names or {}).get(key, key), "count": count, "share": share(count, whole)}
        for key, count in items
    ]


def figures(facts: Iterable[AwardFact], *, translate: Callable[[str], str] = _) -> dict[str, Any]:
    """Every table of the reports page, as plain JSON-able data; its words worded by ``translate``."""
    facts = list(facts)
    individuals = [f for f in facts if f.target_kind == "individual"]
    n_people = len(individuals)
    titles = Counter(f.code for f in facts if f.category == "title")
    forms = Counter(f.code for f in facts if f.category == "award_form")
    names = {f.code: f.code_name for f in facts}
    departments = Counter(f.department or translate(_NO_DEPARTMENT) for f in facts if f.target_kind != "household")
    female = sum(1 for f in individuals if f.gender == "F")
    male = sum(1 for f in individuals if f.gender == "M")
    majority = sum(1 for f in individuals if (f.ethnic_code or MAJORITY_ETHNIC_CODE) == MAJORITY_ETHNIC_CODE)
    # a foreigner (55) is neither Kinh nor a minority of Vietnam: counted apart, so the minority share is true
    minority = sum(1 for f in individuals if f.ethnic_code in MINORITY_ETHNIC_CODES)
    foreign = sum(1 for f in individuals if f.ethnic_code == FOREIGN_ETHNIC_CODE)
    ethnic_groups = Counter(f.ethnic_code or MAJORITY_ETHNIC_CODE for f in individuals)
    ethnic_names = {f.ethnic_code or MAJORITY_ETHNIC_CODE: f.ethnic_name or f.ethnic_code for f in individuals}
    leaders = sum(1 for f in individuals if f.is_leader)
    workers = n_people - leaders
    result: dict[str, Any] = {
        "total": len(facts),
        "individual": n_people,
        "collective": sum(1 for f in facts if f.target_kind == "collective"),
        "household": sum(1 for f in facts if f.target_kind == "household"),
        "titles": _rows(titles, sum(titles.values()), names),
        "award_forms": _rows(forms, sum(forms.values()), names),
        "titles_total": sum(titles.values()),
        "award_forms_total": sum(forms.values()),
        "departments": _rows(departments, sum(departments.values())),
        "gender": {
            "female": female,
            "male": male,
            "unknown": n_people - female - male,
            "female_share": share(female, n_people),
            "male_share": share(male, n_people),
        },
        "ethnic": {
            "majority": majority,
            "minority": minority,
            "minority_share": share(minority, n_people),
            "foreign": foreign,
            "foreign_share": share(foreign, n_people),
            "majority_share": share(majority, n_people),
            "groups": _rows(ethnic_groups, n_people, ethnic_names),
        },
        "position": {
            "leader": leaders,
            "direct_worker": workers,
            "leader_share": share(leaders, n_people),
            "direct_worker_share": share(workers, n_people),
        },
    }
    result["highlights"] = highlights(result, translate=translate)
    return result


def highlights(data: dict[str, Any], *, translate: Callable[[str], str] = _) -> list[str]:
    """The sentences a review report quotes: shares of direct workers, women, ethnic minorities (worded by
    ``translate``: ``N_`` for a document, Vietnamese whatever the screen's language)."""
    if not data["individual"]:
        return []
    return [
        translate(_DIRECT_WORKERS).format(
            share=percent_text(data["position"]["direct_worker_share"]),
            count=data["position"]["direct_worker"],
            total=data["individual"],
        ),
        translate(_WOMEN).format(
            share=percent_text(data["gender"]["female_share"]),
            count=data["gender"]["female"],
            total=data["individual"],
        )
        + (
            translate(_GENDER_UNKNOWN).format(unknown=data["gender"]["unknown"])
            if data["gender"].get("unknown")
            else ""
        ),
        translate(_MINORITIES).format(
            share=percent_text(data["ethnic"]["minority_share"]),
            count=data["ethnic"]["minority"],
            total=data["individual"],
        ),
    ]
