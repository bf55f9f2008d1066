"""The vocabulary of a rule pack (targets, authorities, papers, signing modes, settings) and the values it holds.

Every value is :class:`Cited`: the value, the legal text it comes from and the date from which it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.domain import codes
from desktop.domain.problems import ProblemsError
from desktop.i18n import _

TARGETS = ("individual", "collective", "household")
# Who confers a title or award form: the unit's own head ("unit"), a higher level named by its level, "upward"
# (a higher level, not named), or "none" (this kind of unit cannot confer it nor propose it on that date).
CONFERRED_BY = ("unit", "district", "province", "central", "upward", "none")
UPWARD_LEVELS = ("district", "province", "central", "upward")
# ``conferred_by`` may differ by kind of unit (desktop.domain.codes.UNIT_KINDS); "default" is every other kind.
DEFAULT_UNIT_KIND = "ubnd_xa"
AUTHORITY_DEFAULT = "default"
# The paper a title or award form gets (the certificate printed): "none" = money and a line in the decision.
PAPERS = ("giay_khen", "bang_chung_nhan", "bang_khen", "giay_cong_nhan", "giay_chung_nhan", "none")
# How the decision is signed: the chair himself, a deputy for the chair (KT.), or on behalf of the body (TM.).
SIGNING_MODES = ("chair", "deputy", "body")
# The "Căn cứ …" lines of documents, dated like every other value.
LEGAL_TEXTS = ("local_government_law", "emulation_law", "emulation_decree", "authority_decree")
KINDS = ("title", "award_form")
TABLE_OF_KIND = {"title": "titles", "award_form": "award_forms"}
KIND_OF_TABLE = {"titles": "title", "award_forms": "award_form"}

# The canonical codes (docs/architecture.md, "The domain in brief"): a pack may never file one of these
# under the other table.
CANONICAL_TITLES = frozenset(
    {
        "LDTT",
        "CSTDCS",
        "CSTD_TINH",
        "CSTD_TQ",
        "TTLDTT",
        "TTLDXS",
        "CO_TINH",
        "CO_CP",
        "GDVH",
        "THON_VH",
        "XA_TIEU_BIEU",
    }
)
CANONICAL_AWARD_FORMS = frozenset({"GIAY_KHEN", "BK_TINH", "BK_TTG"})

# Giấy khen criteria are set by the province (Luật Điều 75.2): an override may add these to GIAY_KHEN.
# ``note_*`` keys are free-text criteria the clerk checks by hand.
GIAY_KHEN_CRITERIA: dict[str, str] = {
    "min_rating": "str",
    "min_months_worked": "number",
    "requires_ldtt": "bool",
    "consecutive_years": "int",
    "min_initiatives": "int",
}

# Criteria whose value is a list of codes of one vocabulary, each code one of it. ``collective_kinds``: the kinds of
# collective (departments.kind) a collective title is conferred on, e.g. only a thôn, tổ dân phố ("collective") for
# Thôn, tổ dân phố văn hóa (NĐ 86/2023/NĐ-CP), never an office ("department").
CODE_LIST_PARAMS: dict[str, tuple[str, ...]] = {
    "collective_kinds": tuple(codes.DEPARTMENT_KINDS),
}

# Expected type of each pack-wide setting.
SETTINGS: dict[str, str] = {
    "rounding_step": "int",
    "household_multiplier": "number",
    "pay_highest_title_only": "bool",
    "new_staff_min_months": "number",
    "maternity_counts_as_worked": "bool",
    "study_leave_counts_as_worked": "bool",
    "ballot_counts_written_opinions": "bool",
    "council_quorum_percent": "number",
    "defer_while_pending": "bool",
    "count_from_discipline_end": "bool",
    "initiative_single_use": "bool",
    "women_first_on_tie": "bool",
    "women_collective_percent": "number",
    "print_optional_certificates": "bool",
}


class RulePackError(ProblemsError):
    """A rule pack that cannot be used; ``problems`` lists every message (file, key, problem)."""


@dataclass(frozen=True)
class Cited:
    """One value with the legal text it comes from and the date from which it holds."""

    value: Any
    cite: str
    valid_from: date
    unconfirmed: bool = False
    source: str = ""  # the pack file it was read from
    note: str = ""

    def citation(self) -> str:
        """The citation as shown to the user, flagged when it was not checked against the text in force."""
        if self.unconfirmed:
            return _("{cite} (chưa xác nhận)").format(cite=self.cite)
        return self.cite


@dataclass(frozen=True)
class CatalogItem:
    """A title (danh hiệu) or an award form (hình thức khen thưởng) of the catalog."""

    code: str
    kind: str  # "title" | "award_form"
    name: str
    targets: tuple[str, ...]
    rank: int
    basis: Cited  # value is None; the article that creates the title or form
    source: str = ""
    short: str = ""  # the abbreviation documents use ("CSTĐCS"); the name when empty

    @property
    def label(self) -> str:
        return self.short or self.name

    @property
    def is_title(self) -> bool:
        return self.kind == "title"

    @property
    def table(self) -> str:
        return TABLE_OF_KIND[self.kind]


@dataclass(frozen=True)
class PackMeta:
    id: str
    name: str
    version: str
    valid_from: date
    jurisdiction: str
    kind: str  # "national" | "override"
    base: str = ""
    source: str = ""


@dataclass
class PackData:
    """What one file contributes, before layering."""

    meta: PackMeta | None = None
    items: dict[str, CatalogItem] = field(default_factory=dict)
    slots: dict[str, list[Cited]] = field(default_factory=dict)
