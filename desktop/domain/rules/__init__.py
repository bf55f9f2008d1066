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

Each value may change over time (a dated list in the TOML); accessors take ``on`` and pick the entry in force.
"""

from desktop.domain.rules.pack import (
    CANONICAL_AWARD_FORMS,
    CANONICAL_TITLES,
    TARGETS,
    CatalogItem,
    Cited,
    PackMeta,
    RulePack,
    RulePackError,
    check_override,
    load_default_pack,
    load_pack,
    national_pack_path,
)

__all__ = [
    "CANONICAL_AWARD_FORMS",
    "CANONICAL_TITLES",
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
