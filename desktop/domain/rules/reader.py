"""Reading a rule pack file (TOML) and validating it before anything uses it.

A clerk or a lawyer who edits a pack gets a message naming the file, the key and the problem; every problem of a
file is collected rather than stopping at the first. An override pack (a province's own values) is layered on the
national one: its values replace the national ones from the override's date on (base-salary rows by date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.domain import codes
from desktop.domain.rules.criteria_limits import (
    FIXED_BY_DECREE,
    HELD_WHEN_UNCONFIRMED,
    looser_than,
    range_problem,
)
from desktop.domain.rules.values import (
    AUTHORITY_DEFAULT,
    CANONICAL_AWARD_FORMS,
    CANONICAL_TITLES,
    CODE_LIST_PARAMS,
    CONFERRED_BY,
    GIAY_KHEN_CRITERIA,
    KIND_OF_TABLE,
    LEGAL_TEXTS,
    PAPERS,
    SETTINGS,
    SIGNING_MODES,
    TABLE_OF_KIND,
    TARGETS,
    UPWARD_LEVELS,
    CatalogItem,
    Cited,
    PackData,
    PackMeta,
    RulePackError,
)
from desktop.domain.toml_text import TomlTextError, parse_toml, read_toml_text
from desktop.i18n import N_, _

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,31}$")
_TOP_KEYS = ("pack", "settings", "base_salary", "legal_texts", "titles", "award_forms")
_META_KEYS = ("id", "name", "version", "valid_from", "jurisdiction", "kind", "base")
_ITEM_KEYS = (
    "name",
    "short",
    "target",
    "rank",
    "basis",
    "conferred_by",
    "coefficient",
    "ballot_required",
    "ballot_threshold_percent",
    "posting_days",
    "certificate",
    "signing",
    "params",
)
_REQUIRED_ITEM_KEYS = ("name", "target", "rank", "basis", "conferred_by", "ballot_required")
# Integer-only criteria (counts of years, people, initiatives); other numbers may be decimals.
_COUNT_PARAMS = ("consecutive", "min_initiatives", "min_cstdcs")
_CITED_KEYS = ("value", "cite", "from", "unconfirmed", "note")
# What an override may set (docs/package-format.md, "Rule overrides"): plausible values only.
BASE_SALARY_RANGE = (Decimal(1_000_000), Decimal(20_000_000))
COEFFICIENT_MAX = Decimal(20)
BALLOT_THRESHOLD_RANGE = (Decimal(50), Decimal(100))
# Households get 1,5 × the individual amount for award forms (NĐ 152/2025, Điều 54; the national pack carries 1,5
# for every regime since 2018), a rule of the Government no province can change. The bound is kept tight: never
# below 1 (a household is not paid less than one person) and at most 2, room for a later decree read before the
# national pack carries it, while a typo or a hostile 50 × or 0,01 × is refused.
HOUSEHOLD_MULTIPLIER_RANGE = (Decimal(1), Decimal(2))
# Money settings only the Government sets (NĐ 152/2025, Điều 49): rounding up to 10.000 đồng and paying only the
# highest title of a period. An override may not set them at all; a new decree changes the national pack.
NATIONAL_ONLY_SETTINGS = ("rounding_step", "pay_highest_title_only")
# Titles and award forms named after the level that confers them: no override makes the unit (or a district)
# confer them (docs/package-format.md, "Rule overrides").
LEVEL_NAMED_CODES: dict[str, str] = {
    "CSTD_TQ": "central",
    "BK_TTG": "central",
    "CO_CP": "central",
    "CSTD_TINH": "province",
    "BK_TINH": "province",
    "CO_TINH": "province",
}
_LOW_AUTHORITIES = ("unit", "district")
# Who decides, from the lowest up ("none": the kind of unit neither proposes nor decides it).
_LEVEL_ORDER = {"none": 0, "unit": 1, "district": 2, "province": 3, "central": 4}
# Percent settings where 0 says "no such rule" (the national default of the council's quorum).
_ZERO_MEANS_NONE = ("council_quorum_percent",)


def _override_bounds(key: str) -> tuple[Decimal, Decimal, str] | None:
    """The range an override's value for ``key`` must lie in (both ends included; always above 0), or None."""
    if key == "base_salary":
        return (
            *BASE_SALARY_RANGE,
            N_("mức lương cơ sở {value} đồng không hợp lý: phải từ 1.000.000 đến 20.000.000 đồng"),
        )
    if ".coefficient." in key:
        return Decimal(0), COEFFICIENT_MAX, N_("hệ số {value} không hợp lý: phải lớn hơn 0 và không quá 20")
    if key.endswith(".ballot_threshold_percent"):
        return (*BALLOT_THRESHOLD_RANGE, N_("tỉ lệ {value}% không hợp lý: phải từ 50% đến 100%"))
    if key == "settings.household_multiplier":
        return (
            *HOUSEHOLD_MULTIPLIER_RANGE,
            N_(
                "hệ số thưởng hộ gia đình {value} không hợp lý: phải từ 1 đến 2 (Nghị định 152/2025/NĐ-CP, Điều 54 "
                "quy định 1,5)"
            ),
        )
    return None


def _same_value(one: object, other: object) -> bool:
    """Two values of a slot alike: numbers by value (0.3 == 0,30), texts with spaces around them trimmed."""
    if isinstance(one, int | float | Decimal) and isinstance(other, int | float | Decimal):
        return Decimal(str(one)) == Decimal(str(other))
    if isinstance(one, str) and isinstance(other, str):
        return one.strip() == other.strip()
    return one == other


def _against_national(message: str, entry: Cited, base: Cited) -> str:
    """``message`` (an N_ text naming the override's and the national value, with their dates) filled in."""
    return _(message).format(
        date=entry.valid_from.strftime("%d/%m/%Y"),
        value=_shown(entry.value),
        national=_shown(base.value),
        cite=base.cite,
        national_date=base.valid_from.strftime("%d/%m/%Y"),
    )


def _shown(value: object) -> str:
    """A value as a clerk reads it: 0,3 with a decimal comma."""
    return str(value).replace(".", ",") if isinstance(value, float | Decimal) else str(value)


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return _("giá trị đúng/sai {value}").format(value="true" if value else "false")
    if isinstance(value, int | float | Decimal):
        return _("số {value}").format(value=value)
    if isinstance(value, str):
        return _("chuỗi “{value}”").format(value=value)
    if isinstance(value, list):
        return _("danh sách")
    if isinstance(value, dict):
        return _("bảng")
    if isinstance(value, date):
        return _("ngày {value}").format(value=value.isoformat())
    return str(value)


_EXPECTED = {
    "number": N_("phải là số"),
    "int": N_("phải là số nguyên"),
    "bool": N_("phải là true hoặc false"),
    "str": N_("phải là chuỗi"),
    "list": N_("phải là danh sách"),
    "date": N_("phải là ngày dạng 2025-07-01"),
}


# Checked in this order: a bool is also an int.
_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "bool"),
    (int, "int"),
    (float, "number"),
    (str, "str"),
    (list, "list"),
    (dict, "table"),
)


def _kind_of(value: object) -> str:
    return next((kind for cls, kind in _KINDS if isinstance(value, cls)), "other")


def _matches(value: object, expect: str) -> bool:
    if expect == "any_or_none":
        return value is None
    kind = _kind_of(value)
    if expect == "any":
        return kind in ("bool", "int", "number", "str", "list")
    if expect == "number":
        return kind in ("int", "number")
    return kind == expect


def _convert(value: object) -> Any:
    """TOML floats become Decimal (0.3 stays exactly 0.3); lists are frozen into tuples."""
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, list):
        return tuple(_convert(v) for v in value)
    return value


class _Reader:
    """Validates one parsed file, collecting every problem rather than stopping at the first."""

    def __init__(
        self, name: str, base: PackData | None, *, stored: bool = False, national: PackData | None = None
    ) -> None:
        self.fname = name  # a file name, or the name of an override stored in the database
        self.base = base
        # the national pack alone: a criterion's floor is the law's, not an earlier override's stricter value
        self.national = national if national is not None else base
        self.stored = stored  # already saved by an earlier version: a key the money never read is left out, not refused
        self.problems: list[str] = []
        self.refused_keys: set[str] = set()
        self.data = PackData()

    def err(self, key: str, problem: str) -> None:
        self.refused_keys.add(key)
        self.problems.append(_("{file}, khóa {key}: {problem}").format(file=self.fname, key=key, problem=problem))

    def type_err(self, key: str, expect: str, value: object) -> None:
        self.err(
            key,
            _("{expected}, không phải {actual}").format(expected=_(_EXPECTED[expect]), actual=_describe(value)),
        )

    # -- the whole file ------------------------------------------------------------------------------------
    def read(self, raw: dict[str, Any]) -> PackData:
        for key in raw:
            if key not in _TOP_KEYS:
                self.err(key, _("khóa không được hỗ trợ; chỉ dùng: {keys}").format(keys=", ".join(_TOP_KEYS)))
        self.read_meta(raw.get("pack"))
        settings = raw.get("settings", {})
        if not isinstance(settings, dict):
            self.type_err("settings", "list" if isinstance(settings, list) else "str", settings)
        else:
            for name, value in settings.items():
                self.read_setting(name, value)
        if "base_salary" in raw:
            entries = self.read_slot("base_salary", raw["base_salary"], "int")
            if entries is not None:
                for index, entry in enumerate(entries):
                    if entry.value <= 0:
                        self.err(f"base_salary[{index}].value", _("phải lớn hơn 0"))
                self.data.slots["base_salary"] = entries
        elif self.base is None:
            self.err("base_salary", _("thiếu bảng mức lương cơ sở"))
        texts = raw.get("legal_texts", {})
        if not isinstance(texts, dict):
            self.err("legal_texts", _("phải là bảng các căn cứ, không phải {actual}").format(actual=_describe(texts)))
        else:
            for name, value in texts.items():
                if name not in LEGAL_TEXTS:
                    self.err(
                        f"legal_texts.{name}",
                        _("căn cứ không có trong danh mục; chỉ dùng: {keys}").format(keys=", ".join(LEGAL_TEXTS)),
                    )
                    continue
                self._store(f"legal_texts.{name}", value, "str")
        titles = raw.get("titles", {})
        forms = raw.get("award_forms", {})
        for table, content in (("titles", titles), ("award_forms", forms)):
            if not isinstance(content, dict):
                self.err(table, _("phải là bảng các mã, không phải {actual}").format(actual=_describe(content)))
        if isinstance(titles, dict) and isinstance(forms, dict):
            for code in sorted(set(titles) & set(forms)):
                self.err(
                    f"award_forms.{code}",
                    _("mã “{code}” là danh hiệu thi đua, không được khai báo là hình thức khen thưởng").format(
                        code=code
                    ),
                )
            for table, content in (("titles", titles), ("award_forms", forms)):
                for code, body in content.items():
                    if code in titles and code in forms:
                        continue
                    self.read_item(KIND_OF_TABLE[table], code, body)
        if self.base is not None:
            self.check_override()
        return self.data

    # -- what an override may not do ----------------------------------------------------------------------------
    def check_override(self) -> None:
        """An override (a province's or the unit's own) changes the law from its date on, within plausible bounds.

        Layering keeps the national entries older than the override's first entry, so an entry dated before the
        pack's ``valid_from`` would rewrite the law of years already decided (base salary of 2019 in a pack of
        2026). Bounds catch a typo or a hostile pack that would pay 50 × the base salary or pass a ballot with 1 %.
        The rounding step and paying only the highest title are the Government's alone: no override sets them;
        the household multiplier stays within ``HOUSEHOLD_MULTIPLIER_RANGE``.
        """
        meta = self.data.meta
        for key, entries in self.data.slots.items():
            if key.startswith("settings.") and key.split(".", 1)[1] in NATIONAL_ONLY_SETTINGS:
                self.err(
                    key,
                    _(
                        "bộ quy tắc riêng không được sửa quy định này: do Chính phủ quy định (Nghị định "
                        "152/2025/NĐ-CP, Điều 49), áp dụng chung cả nước"
                    ),
                )
                continue
            if meta is not None and entries[0].valid_from < meta.valid_from:
                self.err(
                    key,
                    _(
                        "dòng áp dụng từ ngày {date} trước ngày bộ quy tắc riêng có hiệu lực ({valid_from}); bộ quy "
                        "tắc riêng không được sửa quy định của thời gian trước đó"
                    ).format(
                        date=entries[0].valid_from.strftime("%d/%m/%Y"),
                        valid_from=meta.valid_from.strftime("%d/%m/%Y"),
                    ),
                )
            bounds = _override_bounds(key)
            if bounds is not None and key not in self.refused_keys:  # one message per key: the first problem
                low, high, problem = bounds
                for entry in entries:
                    if not low <= Decimal(entry.value) <= high or Decimal(entry.value) <= 0:
                        self.err(key, _(problem).format(value=entry.value))
                        break
            if ".conferred_by." in key:
                self.check_authority(key, entries)
            if (".coefficient." in key or key.startswith("legal_texts.")) and key not in self.refused_keys:
                self.check_fixed_by_law(key, entries)
            if (".params." in key or key.startswith("settings.")) and key not in self.refused_keys:
                self.check_criterion(key, entries)

    def check_criterion(self, key: str, entries: list[Cited]) -> None:
        """A criterion an override sets is a plausible value, and never asks less than a confirmed national
        value in force over its span (a province may add to the law's criteria, not lower them: see
        :mod:`.criteria_limits`)."""
        name = key.rsplit(".", 1)[-1]
        for entry in entries:
            problem = range_problem(name, entry.value)
            if problem is not None:
                self.err(key, problem)
                return
        for entry, base in self.national_in_force(key, entries, national_only=True):
            if name in FIXED_BY_DECREE and not base.unconfirmed and entry.value != base.value:
                self.err(
                    key,
                    _against_national(
                        N_(
                            "bộ quy tắc riêng không được đổi quy định này từ ngày {date}: quy định chung cả nước "
                            "({cite}, áp dụng từ ngày {national_date}) áp dụng cho mọi tỉnh, mọi đơn vị"
                        ),
                        entry,
                        base,
                    ),
                )
                return
            if (not base.unconfirmed or name in HELD_WHEN_UNCONFIRMED) and looser_than(name, entry.value, base.value):
                lowered = N_(
                    "bộ quy tắc riêng không được hạ tiêu chuẩn này từ ngày {date}: “{value}” thấp hơn quy định chung "
                    "cả nước “{national}” ({cite}, áp dụng từ ngày {national_date}); chỉ được quy định cao hơn"
                )
                if name in CODE_LIST_PARAMS:  # a list of codes, shown as its codes
                    lowered = N_(
                        "bộ quy tắc riêng không được mở rộng danh sách này từ ngày {date}: “{value}” có mã ngoài quy "
                        "định chung cả nước “{national}” ({cite}, áp dụng từ ngày {national_date}); chỉ được bớt "
                        "mã, không được thêm"
                    )
                    entry, base = (replace(c, value=", ".join(map(str, c.value))) for c in (entry, base))
                self.err(key, _against_national(lowered, entry, base))
                return

    def national_in_force(
        self, key: str, entries: list[Cited], *, national_only: bool = False, under_key: str = ""
    ) -> Iterable[tuple[Cited, Cited]]:
        """Each override entry with every national entry in force over its span: from its date until the next
        override entry, over any national entry dated in between (layering drops those). ``national_only``: the
        national pack's entries, without the overrides layered before this one; ``under_key``: the national slot
        to compare with when it is not ``key`` (a kind of unit the national pack covers by its default)."""
        under = self.national if national_only else self.base
        assert under is not None
        national = sorted(under.slots.get(under_key or key) or [], key=lambda entry: entry.valid_from)
        ordered = sorted(entries, key=lambda entry: entry.valid_from)
        for index, entry in enumerate(ordered):
            end = ordered[index + 1].valid_from if index + 1 < len(ordered) else None
            in_force = [n for n in national if n.valid_from <= entry.valid_from][-1:]
            in_force += [n for n in national if entry.valid_from < n.valid_from and (end is None or n.valid_from < end)]
            for base in in_force:
                yield entry, base

    def check_fixed_by_law(self, key: str, entries: list[Cited]) -> None:
        """An override never changes a reward coefficient the decree sets (NĐ 152/2025, Điều 50–54) nor a "Căn cứ"
        line of the national laws, on any day the national value is confirmed.

        Each override entry holds from its date until the next one, over any national entry dated in between
        (layering drops those), so every confirmed national value in force in that span must be the same. A value
        the national pack marks unconfirmed stays an editable default (the province may correct it); a code or a
        text the national pack does not have is the override's own. Compared with the national pack itself, not the
        layers under this one: an earlier override restating the decree's value as "unconfirmed" must not open it.
        """
        for entry, base in self.national_in_force(key, entries, national_only=True):
            if base.unconfirmed or _same_value(base.value, entry.value):
                continue
            self.err(
                key,
                _against_national(
                    N_(
                        "bộ quy tắc riêng không được sửa quy định này từ ngày {date}: “{value}” khác quy định chung "
                        "cả nước “{national}” ({cite}, áp dụng từ ngày {national_date})"
                    ),
                    entry,
                    base,
                ),
            )
            return

    def check_authority(self, key: str, entries: list[Cited]) -> None:
        """An override never makes the unit (nor a district) confer what only a province or central body may.

        Those are the titles and award forms named after the level that confers them (Bằng khen of the
        province's chairman, CSTĐ cấp tỉnh, Cờ thi đua cấp tỉnh; CSTĐ toàn quốc, Bằng khen Thủ tướng, Cờ thi
        đua của Chính phủ), and anything the base pack has conferred centrally: a province cannot hand down an
        authority that is not its own. What a province confers without its name on it (TTLĐXS) it may delegate.
        Nor does it raise an authority, or drop it to "none", against a confirmed national value of those days.
        """
        assert self.base is not None
        table, code, _word, kind = key.split(".", 3)
        prefix = f"{table}.{code}.conferred_by."
        based = self.base.slots.get(prefix + kind) or self.base.slots.get(prefix + AUTHORITY_DEFAULT) or []
        fixed = code in LEVEL_NAMED_CODES or any(entry.value == "central" for entry in based)
        low = next((entry.value for entry in entries if entry.value in _LOW_AUTHORITIES), None)
        if fixed and low is not None:
            level = LEVEL_NAMED_CODES.get(code, "central")
            self.err(
                key,
                _(
                    "giá trị “{value}” không được phép: “{code}” chỉ do {level}; bộ quy tắc riêng không giao cho "
                    "đơn vị (hay cấp huyện) quyết định"
                ).format(value=low, code=code, level=_(codes.AUTHORITY_LABELS[level])),
            )
            return
        # Nor does it take up what the law gives another level on those days: a central award decided by the
        # province, the commune's LĐTT decided by the province, an authority the law gives dropped to "none". A
        # national value marked unconfirmed stays an editable default; a code the national pack lacks is its own.
        assert self.national is not None
        slot = prefix + kind if self.national.slots.get(prefix + kind) else prefix + AUTHORITY_DEFAULT
        for entry, law in self.national_in_force(key, entries, national_only=True, under_key=slot):
            value, lawful = str(entry.value), str(law.value)
            if law.unconfirmed or value == lawful or (value == "upward" and lawful in UPWARD_LEVELS):
                continue  # "upward" names no level: any higher level the law names still decides
            if value in _LOW_AUTHORITIES and _LEVEL_ORDER[value] <= _LEVEL_ORDER.get(lawful, 0):
                continue  # handed down by the level the law gives it to (TTLĐXS to the unit)
            self.err(
                key,
                _(
                    "giá trị “{value}” không được phép từ ngày {date}: theo quy định chung cả nước “{code}” do "
                    "{lawful} ({cite}); bộ quy tắc riêng không chuyển thẩm quyền này lên cấp cao hơn hay bỏ đi"
                ).format(
                    value=value,
                    date=entry.valid_from.strftime("%d/%m/%Y"),
                    code=code,
                    lawful=_(codes.AUTHORITY_LABELS.get(lawful, lawful)),
                    cite=law.cite,
                ),
            )
            return

    def read_meta(self, meta: object) -> None:
        if not isinstance(meta, dict):
            self.err("pack", _("thiếu bảng [pack] (id, name, version, valid_from, jurisdiction, kind)"))
            return
        for key in meta:
            if key not in _META_KEYS:
                self.err(f"pack.{key}", _("khóa không được hỗ trợ"))
        values: dict[str, Any] = {}
        for key in ("id", "name", "version", "jurisdiction", "kind"):
            value = meta.get(key)
            if value is None:
                self.err(f"pack.{key}", _("bắt buộc phải có"))
            elif not isinstance(value, str) or not value.strip():
                self.type_err(f"pack.{key}", "str", value)
            else:
                values[key] = value.strip()
        valid_from = meta.get("valid_from")
        if valid_from is None:
            self.err("pack.valid_from", _("bắt buộc phải có"))
        elif not isinstance(valid_from, date) or isinstance(valid_from, datetime):
            self.type_err("pack.valid_from", "date", valid_from)
        kind = values.get("kind")
        expected_kind = "national" if self.base is None else "override"
        if kind is not None and kind != expected_kind:
            self.err(
                "pack.kind",
                _("phải là “{expected}” cho tệp này, không phải “{actual}”").format(
                    expected=expected_kind, actual=kind
                ),
            )
        base = meta.get("base", "")
        if not isinstance(base, str):
            self.type_err("pack.base", "str", base)
            base = ""
        if self.base is not None and self.base.meta is not None and base and base != self.base.meta.id:
            self.err(
                "pack.base",
                _("bộ quy tắc này dựa trên “{base}”, không phải “{actual}”").format(
                    base=base, actual=self.base.meta.id
                ),
            )
        if len(values) == 5 and isinstance(valid_from, date):
            self.data.meta = PackMeta(
                id=values["id"],
                name=values["name"],
                version=values["version"],
                valid_from=valid_from,
                jurisdiction=values["jurisdiction"],
                kind=values["kind"],
                base=base,
                source=self.fname,
            )

    def read_setting(self, name: str, value: object) -> None:
        key = f"settings.{name}"
        expect = SETTINGS.get(name)
        if expect is None:
            self.err(
                key, _("quy định chung không có trong danh mục; chỉ dùng: {keys}").format(keys=", ".join(SETTINGS))
            )
            return
        entries = self.read_slot(key, value, expect)
        if entries is None:
            return
        for entry in entries:
            if name in _ZERO_MEANS_NONE:
                if not 0 <= entry.value <= 100:
                    self.err(key, _("phải từ 0 đến 100 (0 là không quy định)"))
                    return
            elif expect in ("int", "number") and entry.value <= 0:
                self.err(key, _("phải lớn hơn 0"))
                return
        self.data.slots[key] = entries

    # -- one cited value -----------------------------------------------------------------------------------
    def read_slot(self, key: str, raw: object, expect: str, choices: Iterable[str] = ()) -> list[Cited] | None:
        """A cited value ``{value, cite, from, unconfirmed}`` or a dated list of them; None after a problem."""
        if isinstance(raw, dict):
            rows: list[tuple[str, object]] = [(key, raw)]
        elif isinstance(raw, list) and raw and all(isinstance(r, dict) for r in raw):
            rows = [(f"{key}[{i}]", r) for i, r in enumerate(raw)]
        else:
            self.err(
                key,
                _("phải là bảng {{ value = …, cite = “…”, from = … }}, không phải {actual}").format(
                    actual=_describe(raw)
                ),
            )
            return None
        entries: list[Cited] = []
        ok = True
        allowed = tuple(choices)
        for row_key, row in rows:
            assert isinstance(row, dict)
            for extra in row:
                if extra not in _CITED_KEYS:
                    self.err(
                        f"{row_key}.{extra}", _("khóa không được hỗ trợ; chỉ dùng: value, cite, from, unconfirmed")
                    )
                    ok = False
            if "value" not in row:
                self.err(row_key, _("thiếu giá trị (value)"))
                ok = False
                continue
            value = row["value"]
            if not _matches(value, expect):
                self.type_err(row_key if len(rows) > 1 else key, expect, value)
                ok = False
                continue
            if isinstance(value, int | float) and not isinstance(value, bool) and not -1e12 <= value <= 1e12:
                # also "inf" and "nan" (every comparison with NaN is false)
                self.err(row_key, _("số {value} không hợp lệ (quá lớn hoặc không phải số hữu hạn)").format(value=value))
                ok = False
                continue
            if allowed:
                values = value if isinstance(value, list) else [value]
                for item in values:
                    if item not in allowed:
                        self.err(
                            row_key,
                            _("giá trị “{value}” không có trong danh mục; chỉ dùng: {choices}").format(
                                value=item, choices=", ".join(allowed)
                            ),
                        )
                        ok = False
            cite = row.get("cite")
            if cite is None or (isinstance(cite, str) and not cite.strip()):
                self.err(row_key, _("thiếu trích dẫn căn cứ pháp lý (cite)"))
                ok = False
            elif not isinstance(cite, str):
                self.type_err(f"{row_key}.cite", "str", cite)
                ok = False
            valid_from = row.get("from")
            if valid_from is None:
                self.err(row_key, _("thiếu ngày bắt đầu áp dụng (from)"))
                ok = False
            elif not isinstance(valid_from, date) or isinstance(valid_from, datetime):
                self.type_err(f"{row_key}.from", "date", valid_from)
                ok = False
            unconfirmed = row.get("unconfirmed", False)
            if not isinstance(unconfirmed, bool):
                self.type_err(f"{row_key}.unconfirmed", "bool", unconfirmed)
                ok = False
            note = row.get("note", "")
            if not isinstance(note, str):
                self.type_err(f"{row_key}.note", "str", note)
                ok = False
            if ok:
                assert isinstance(cite, str) and isinstance(valid_from, date)
                entries.append(
                    Cited(
                        value=_convert(value),
                        cite=cite.strip(),
                        valid_from=valid_from,
                        unconfirmed=bool(unconfirmed),
                        source=self.fname,
                        note=str(note),
                    )
                )
        if not ok:
            return None
        dates = [e.valid_from for e in entries]
        if len(set(dates)) != len(dates):
            self.err(key, _("có hai dòng cùng ngày bắt đầu áp dụng (from)"))
            return None
        return sorted(entries, key=lambda e: e.valid_from)

    def read_basis(self, key: str, raw: object) -> Cited | None:
        """The article creating the title: one ``{ cite, from }`` or a dated list; kept as a slot for dates."""
        rows = raw if isinstance(raw, list) else [raw]
        tables = [row for row in rows if isinstance(row, dict)]
        if not rows or len(tables) != len(rows):
            self.err(
                key, _("phải là bảng {{ cite = “…”, from = … }}, không phải {actual}").format(actual=_describe(raw))
            )
            return None
        entries = self.read_slot(key, [{"value": None, **row} for row in tables], "any_or_none")
        if not entries:
            return None
        self.data.slots[key] = entries
        return entries[-1]

    # -- one catalog entry ---------------------------------------------------------------------------------
    def read_item(self, kind: str, code: str, body: object) -> None:
        table = TABLE_OF_KIND[kind]
        key = f"{table}.{code}"
        if not _CODE.match(code):
            self.err(key, _("mã “{code}” không hợp lệ: chỉ dùng chữ in hoa, chữ số và dấu gạch dưới").format(code=code))
            return
        if not isinstance(body, dict):
            self.err(key, _("phải là bảng, không phải {actual}").format(actual=_describe(body)))
            return
        other_canonical = CANONICAL_AWARD_FORMS if kind == "title" else CANONICAL_TITLES
        base_item = self.base.items.get(code) if self.base else None
        if code in other_canonical or (base_item is not None and base_item.kind != kind):
            if kind == "award_form":
                problem = _("mã “{code}” là danh hiệu thi đua, không được khai báo là hình thức khen thưởng")
            else:
                problem = _("mã “{code}” là hình thức khen thưởng, không được khai báo là danh hiệu thi đua")
            self.err(key, problem.format(code=code))
            return
        for extra in body:
            if extra not in _ITEM_KEYS:
                self.err(
                    f"{key}.{extra}", _("khóa không được hỗ trợ; chỉ dùng: {keys}").format(keys=", ".join(_ITEM_KEYS))
                )
        if base_item is None:
            missing = [k for k in _REQUIRED_ITEM_KEYS if k not in body]
            if missing and self.base is not None:
                self.err(
                    key,
                    _("mã “{code}” không có trong danh mục quốc gia; muốn thêm mã mới phải khai báo đủ: {keys}").format(
                        code=code, keys=", ".join(_REQUIRED_ITEM_KEYS)
                    ),
                )
                return
            for missing_key in missing:
                self.err(f"{key}.{missing_key}", _("bắt buộc phải có"))
            if missing:
                return
        item = self._read_identity(kind, code, key, body, base_item)
        if item is None:
            return
        self.data.items[code] = item
        if "conferred_by" in body:
            self.read_authority(code, key, body["conferred_by"])
        if "certificate" in body:
            self._store(f"{key}.certificate", body["certificate"], "str", PAPERS)
        if "signing" in body:
            self._store(f"{key}.signing", body["signing"], "str", SIGNING_MODES)
        if "ballot_required" in body:
            self._store(f"{key}.ballot_required", body["ballot_required"], "bool")
        if "posting_days" in body:  # days the list is posted publicly before the decision (0: not required)
            entries = self._store(f"{key}.posting_days", body["posting_days"], "int")
            if entries and any(not 0 <= e.value <= 90 for e in entries):
                self.err(f"{key}.posting_days", _("phải từ 0 đến 90 ngày (0 là không phải niêm yết)"))
        if "ballot_threshold_percent" in body:
            entries = self._store(f"{key}.ballot_threshold_percent", body["ballot_threshold_percent"], "number")
            if entries and any(not 0 < Decimal(e.value) <= 100 for e in entries):
                self.err(f"{key}.ballot_threshold_percent", _("phải lớn hơn 0 và không quá 100"))
        coefficients = body.get("coefficient", {})
        if not isinstance(coefficients, dict):
            self.err(f"{key}.coefficient", _("phải là bảng theo đối tượng (individual, collective, household)"))
        else:
            for target, raw in coefficients.items():
                ckey = f"{key}.coefficient.{target}"
                if target not in item.targets:
                    self.err(
                        ckey,
                        _("đối tượng “{target}” không thuộc đối tượng của mã này ({targets})").format(
                            target=target, targets=", ".join(item.targets)
                        ),
                    )
                    continue
                if kind == "award_form" and target == "household":
                    # The money never reads it (desktop.domain.money: individual coefficient × the multiplier): a
                    # value here would be shown by `tdkt rules show` and silently not paid. Refused when saved or
                    # received; a pack an earlier version stored only loses the key (refusing it would stop every
                    # screen until the whole pack, with its other rules, were switched off).
                    if self.stored:
                        continue
                    self.err(
                        ckey,
                        _(
                            "hình thức khen thưởng không có hệ số riêng cho hộ gia đình: hộ gia đình được thưởng 1,5 "
                            "lần mức tiền thưởng của cá nhân (Nghị định 152/2025/NĐ-CP, Điều 54), tính từ "
                            "coefficient.individual và settings.household_multiplier; bỏ khóa này"
                        ),
                    )
                    continue
                entries = self._store(ckey, raw, "number")
                if entries and any(e.value <= 0 for e in entries):
                    self.err(ckey, _("phải lớn hơn 0"))
        params = body.get("params", {})
        if not isinstance(params, dict):
            self.err(f"{key}.params", _("phải là bảng các tiêu chí"))
        else:
            for name, raw in params.items():
                self.read_param(code, key, name, raw, base_item is not None)

    def read_authority(self, code: str, key: str, raw: object) -> None:
        """``conferred_by``: one cited value for every kind of unit, or a table by kind of unit.

        A single value (``conferred_by = { value = "unit", … }``) holds for every kind of unit: it replaces the
        entries of every kind the base pack names, so an override never leaves an older, kind-specific value in
        force beside it.
        """
        akey = f"{key}.conferred_by"
        by_kind = isinstance(raw, dict) and raw and "value" not in raw
        if by_kind and isinstance(raw, dict) and all(isinstance(v, dict | list) for v in raw.values()):
            allowed = (AUTHORITY_DEFAULT, *codes.UNIT_KINDS)
            for kind, entries in raw.items():
                if kind not in allowed:
                    self.err(
                        f"{akey}.{kind}",
                        _("loại đơn vị “{kind}” không có trong danh mục; chỉ dùng: {choices}").format(
                            kind=kind, choices=", ".join(allowed)
                        ),
                    )
                    continue
                self._store(f"{akey}.{kind}", entries, "str", CONFERRED_BY)
            if self.base is None and AUTHORITY_DEFAULT not in raw:
                self.err(akey, _("phải có dòng “default” cho các loại đơn vị không nêu riêng"))
            return
        kinds = {AUTHORITY_DEFAULT}
        if self.base is not None:
            prefix = f"{akey}."
            kinds |= {k[len(prefix) :] for k in self.base.slots if k.startswith(prefix)}
        entries = self.read_slot(akey, raw, "str", CONFERRED_BY)
        if entries is not None:
            for kind in sorted(kinds):
                self.data.slots[f"{akey}.{kind}"] = list(entries)

    def _read_identity(
        self, kind: str, code: str, key: str, body: dict[str, Any], base_item: CatalogItem | None
    ) -> CatalogItem | None:
        ok = True
        name = body.get("name", base_item.name if base_item else "")
        if not isinstance(name, str) or not name.strip():
            self.type_err(f"{key}.name", "str", name)
            ok = False
        raw_target = body.get("target", list(base_item.targets) if base_item else [])
        targets = [raw_target] if isinstance(raw_target, str) else raw_target
        if not isinstance(targets, list) or not targets or not all(isinstance(t, str) for t in targets):
            self.type_err(f"{key}.target", "list", raw_target)
            ok = False
        else:
            for target in targets:
                if target not in TARGETS:
                    self.err(
                        f"{key}.target",
                        _("đối tượng “{target}” không có trong danh mục; chỉ dùng: {choices}").format(
                            target=target, choices=", ".join(TARGETS)
                        ),
                    )
                    ok = False
            if ok and base_item is not None and tuple(targets) != base_item.targets:
                self.err(f"{key}.target", _("không được đổi đối tượng của mã có sẵn trong danh mục quốc gia"))
                ok = False
        short = body.get("short", base_item.short if base_item else "")
        if not isinstance(short, str):
            self.type_err(f"{key}.short", "str", short)
            ok = False
        rank = body.get("rank", base_item.rank if base_item else 0)
        if not _matches(rank, "int"):
            self.type_err(f"{key}.rank", "int", rank)
            ok = False
        if ok and base_item is not None:
            changed = [
                field
                for field, value, national in (("name", name, base_item.name), ("short", short, base_item.short))
                if str(value).strip() != national
            ] + (["rank"] if int(rank) != base_item.rank else [])
            for field in changed:  # the Law names and ranks its titles; the highest-title rule reads the rank
                self.err(
                    f"{key}.{field}",
                    _("không được đổi tên, tên viết tắt hay thứ bậc của mã có sẵn trong danh mục quốc gia"),
                )
                ok = False
        basis: Cited | None = base_item.basis if base_item else None
        if "basis" in body:
            basis = self.read_basis(f"{key}.basis", body["basis"])
            ok = ok and basis is not None
        if not ok or basis is None:
            return None
        return CatalogItem(
            code=code,
            kind=kind,
            name=str(name).strip(),
            targets=tuple(targets),
            rank=int(rank),
            basis=basis,
            source=self.fname,
            short=str(short).strip(),
        )

    def read_param(self, code: str, key: str, name: str, raw: object, existing_item: bool) -> None:
        pkey = f"{key}.params.{name}"
        base_slot = self.base.slots.get(pkey) if self.base else None
        expect = "any"
        if base_slot:
            base_value = base_slot[-1].value
            expect = "list" if isinstance(base_value, tuple) else _kind_of(base_value)
            if isinstance(base_value, Decimal):
                expect = "number"
            if expect == "int" and not name.startswith(_COUNT_PARAMS):
                expect = "number"
        elif self.base is not None and existing_item:
            if code == "GIAY_KHEN" and name in GIAY_KHEN_CRITERIA:
                expect = GIAY_KHEN_CRITERIA[name]
            elif code == "GIAY_KHEN" and name.startswith("note_"):
                expect = "str"
            else:
                allowed = ", ".join(n.rsplit(".", 1)[-1] for n in self.base.slots if n.startswith(f"{key}.params."))
                if code == "GIAY_KHEN":
                    allowed = ", ".join([*GIAY_KHEN_CRITERIA, "note_…"])
                self.err(
                    pkey,
                    _("tiêu chí “{name}” không có trong bộ quốc gia; chỉ dùng: {allowed}").format(
                        name=name, allowed=allowed
                    ),
                )
                return
        choices: tuple[str, ...] = ()
        if name.endswith("_rating"):
            choices = tuple(codes.RATINGS)
        elif name.endswith("discipline_level"):
            choices = tuple(codes.DISCIPLINE_LEVELS)
        elif name == "initiative_levels":
            choices = tuple(codes.INITIATIVE_LEVELS)
        elif name in CODE_LIST_PARAMS:  # a list of codes (the kinds of collective a title is for), never one code
            expect, choices = "list", CODE_LIST_PARAMS[name]
        entries = self._store(pkey, raw, expect, choices)
        if entries and name == "collective_kinds":
            item = self.data.items.get(code)
            if item is not None and "collective" not in item.targets:
                self.err(pkey, _("chỉ dùng cho danh hiệu, hình thức khen thưởng xét cho tập thể"))
            elif any(not entry.value for entry in entries):
                self.err(pkey, _("phải nêu ít nhất một loại tập thể được xét"))

    def _store(self, key: str, raw: object, expect: str, choices: Iterable[str] = ()) -> list[Cited] | None:
        entries = self.read_slot(key, raw, expect, choices)
        if entries is not None:
            self.data.slots[key] = entries
        return entries


def _parse(path: Path) -> dict[str, Any]:
    try:
        return parse_toml(read_toml_text(path), path.name)
    except FileNotFoundError:
        raise RulePackError([_("{file}: không tìm thấy tệp").format(file=path)]) from None
    except TomlTextError as exc:
        raise RulePackError([str(exc)]) from None


def _parse_text(name: str, text: str) -> dict[str, Any]:
    try:
        return parse_toml(text, name)
    except TomlTextError as exc:
        raise RulePackError([str(exc)]) from None


def _check(reader: _Reader, raw: dict[str, Any]) -> PackData:
    data = reader.read(raw)
    if reader.problems:
        raise RulePackError(reader.problems)
    return data


def read_file(path: Path, base: PackData | None, *, national: PackData | None = None) -> PackData:
    return _check(_Reader(path.name, base, national=national), _parse(path))


def read_text(
    name: str, text: str, base: PackData | None, *, stored: bool = False, national: PackData | None = None
) -> PackData:
    return _check(_Reader(name, base, stored=stored, national=national), _parse_text(name, text))


def layered(base: PackData, override: PackData) -> PackData:
    """Override values replace the national ones from the override's first date on; older history stays.

    The base-salary table is merged row by row instead: an override's row replaces the base row of the same date
    and every other base row stays. The base salary is set only by a Government decree, so a row the unit (or a
    province) enters corrects or anticipates one decree; it never abolishes the later ones. Replacing the table
    from the override's first date silently dropped every later national row (a unit that re-cited the 1/7/2024
    row was paid at 2.340.000 after 1/7/2026), and would hide a newer row a program update brings.
    """
    slots = {key: list(entries) for key, entries in base.slots.items()}
    for key, entries in override.slots.items():
        if key == "base_salary":
            own = {e.valid_from for e in entries}
            merged = [e for e in slots.get(key, []) if e.valid_from not in own] + list(entries)
            slots[key] = sorted(merged, key=lambda e: e.valid_from)
            continue
        first = entries[0].valid_from
        kept = [e for e in slots.get(key, []) if e.valid_from < first]
        slots[key] = kept + list(entries)
    items = dict(base.items)
    items.update(override.items)
    return PackData(meta=base.meta, items=items, slots=slots)
