"""The unit's data as the eligibility engine reads it: plain dataclasses, filled by the store layer.

Kept free of SQL so the engine can be tested with hand-written cases and benchmarked without a database.
Awards received from above (decisions imported later) sit in ``awards`` with ``source="above"``: they count
toward consecutive-year rules exactly like the unit's own decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class LeavePeriod:
    """Leave in a year; ``counts_as_worked`` None means the default of codes.LEAVE_COUNTS_AS_WORKED."""

    kind: str
    start: date
    end: date
    counts_as_worked: bool | None = None


@dataclass(frozen=True, slots=True)
class DisciplineRecord:
    """A discipline (level from codes.DISCIPLINE_LEVELS); ``end`` None = still in force; ``pending`` = being decided."""

    level: str
    start: date
    end: date | None = None
    pending: bool = False


@dataclass(frozen=True, slots=True)
class Initiative:
    """A recognised initiative or science topic; ``used_for_award`` is the award it already backed, if any."""

    id: str
    title: str
    level: str  # co_so | tinh | toan_quoc
    recognized_year: int
    used_for_award: str | None = None


@dataclass(frozen=True, slots=True)
class AwardRecord:
    """A title or award form received; ``source`` is "unit" (own decision) or "above" (imported)."""

    year: int
    code: str
    source: str = "unit"
    decision_no: str = ""
    id: str = ""


@dataclass(slots=True)
class PersonRecord:
    id: int | str
    uuid: str
    name: str
    gender: str = ""  # "M" | "F" | ""
    start_date: date | None = None
    end_date: date | None = None
    collective_id: int | str | None = None
    ratings: dict[int, str] = field(default_factory=dict)  # year → HTXSNV/HTTNV/HTNV/KHTNV
    leaves: tuple[LeavePeriod, ...] = ()
    disciplines: tuple[DisciplineRecord, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    awards: tuple[AwardRecord, ...] = ()
    under_investigation: bool = False  # investigation, inspection or complaint pending


@dataclass(slots=True)
class CollectiveRecord:
    id: int | str
    uuid: str
    name: str
    member_ids: tuple[int | str, ...] = ()
    ratings: dict[int, str] = field(default_factory=dict)  # the collective's own task-completion rating
    awards: tuple[AwardRecord, ...] = ()


@dataclass(slots=True)
class UnitData:
    people: list[PersonRecord] = field(default_factory=list)
    collectives: list[CollectiveRecord] = field(default_factory=list)
    unit_kind: str = "ubnd_xa"  # desktop.domain.codes.UNIT_KINDS: who confers what depends on it


__all__ = [
    "AwardRecord",
    "CollectiveRecord",
    "DisciplineRecord",
    "Initiative",
    "LeavePeriod",
    "PersonRecord",
    "UnitData",
]
