"""Rule packs: titles, award forms and every legal number as cited, dated data.

Public API::

    pack = load_default_pack(overrides=[Path("tinh.toml")])   # RulePackError (Vietnamese, file + key) if invalid
    pack = load_default_pack(texts=[("Tỉnh X", toml_text)])    # overrides stored as text (database rows)
    pack.titles / pack.award_forms                             # CatalogItem tuples, kept apart
    pack.item("CSTDCS").name, .targets, .rank, .basis.citation()
    pack.coefficient("LDTT", "individual", on=date)            # Decimal
    pack.base_salary_on(decision_date)                         # Decimal; base_salary_entry_on() for the citation
    pack.param("CSTD_TINH", "consecutive_years", on=date)
    pack.setting("rounding_step")
    pack.ballot_required("CSTDCS"), pack.ballot_threshold("CSTDCS")   # Decimal percent of ALL members
    pack.cited("titles.CSTDCS.coefficient.individual")         # Cited(value, cite, valid_from, unconfirmed, source)
    pack.citation(key)                                          # text shown beside a value
    pack.value_keys(), pack.history(key)                        # every cited key, and its dated entries
    pack.conferred_by("CSTDCS", on, unit_kind)                  # "unit" | "upward" | "none" on that date
    pack.authority_cited("CSTDCS", unit_kind, on)               # value "unit"/"district"/"province"/… with its law
    pack.paper("CSTDCS", on)                                    # "bang_chung_nhan"; "" = money and a line only
    pack.legal_text("emulation_decree", on)                     # the "Căn cứ …" line in force on that date
    pack.check_date(on)                                         # RulePackError before the pack's first date

Each value may change over time (a dated list in the TOML); accessors take ``on`` and pick the entry in force.
"""

from desktop.domain.rules.pack import RulePack, check_override, load_default_pack, load_pack, national_pack_path
from desktop.domain.rules.values import (
    CANONICAL_AWARD_FORMS,
    CANONICAL_TITLES,
    CONFERRED_BY,
    DEFAULT_UNIT_KIND,
    PAPERS,
    SIGNING_MODES,
    TARGETS,
    CatalogItem,
    Cited,
    PackMeta,
    RulePackError,
)

__all__ = [
    "CANONICAL_AWARD_FORMS",
    "CANONICAL_TITLES",
    "CONFERRED_BY",
    "DEFAULT_UNIT_KIND",
    "PAPERS",
    "SIGNING_MODES",
    "TARGETS",
    "CatalogItem",
    "Cited",
    "PackMeta",
    "RulePack",
    "RulePackError",
    "check_override",
    "load_default_pack",
    "load_pack",
    "national_pack_path",
]
