"""A person's record as the staff form would save it again, with some fields changed (tests that move, promote or
correct people)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from desktop.domain.staff import StaffDraft


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def draft_from_row(person: dict[str, Any], **changes: Any) -> StaffDraft:
    """``person``: a row of ``staff_repo.get_staff``; ``changes``: StaffDraft fields to set."""
    draft = StaffDraft(
        full_name=person["full_name"],
        staff_code=person["staff_code"],
        gender=person["gender"],
        birth_date=_day(person["birth_date"]),
        ethnic_code=person["ethnic_code"],
        position=person["position"],
        is_leader=bool(person["is_leader"]),
        department=person["department"] or "",
        category=person["category"],
        start_date=_day(person["start_date"]),
        notes=person["notes"] or "",
    )
    return dataclasses.replace(draft, **changes)
