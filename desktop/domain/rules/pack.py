"""Rule packs: the law as data (TOML), every value with its citation and the date it holds from.

A pack file is read with :mod:`tomllib` and validated before anything uses it, so a clerk or a lawyer who
edits one gets a message naming the file, the key and the problem. An override pack (a province's own
values) is layered on the national one: its values replace the national ones from the override's date on.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.domain import codes
from desktop.i18n import N_, _

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

# Canonical codes from RULES.md: a pack may never file one of these under the other table.
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

# Expected type of each pack-wide setting.
SETTINGS: dict[str, str] = {
    "rounding_step": "int",
    "household_multiplier": "number",
    "pay_highest_title_only": "bool",
    "new_staff_min_months": "number",
    "maternity_counts_as_worked": "bool",
    "study_leave_counts_as_worked": "bool",
    "ballot_counts_written_opinions": "bool",
    "defer_while_pending": "bool",
    "count_from_discipline_end": "bool",
    "initiative_single_use": "bool",
    "women_first_on_tie": "bool",
    "women_collective_percent": "number",
    "print_optional_certificates": "bool",
}

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
    "certificate",
    "signing",
    "params",
)
_REQUIRED_ITEM_KEYS = ("name", "target", "rank", "basis", "conferred_by", "ballot_required")
# Integer-only criteria (counts of years, people, initiatives); other numbers may be decimals.
_COUNT_PARAMS = ("consecutive", "min_initiatives", "min_cstdcs")
_CITED_KEYS = ("value", "cite", "from", "unconfirmed", "note")


class RulePackError(ValueError):
    """A rule pack that cannot be used; ``problems`` lists every message (file, key, problem)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


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
class _PackData:
    """What one file contributes, before layering."""

    meta: PackMeta | None = None
    items: dict[str, CatalogItem] = field(default_factory=dict)
    slots: dict[str, list[Cited]] = field(default_factory=dict)


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


def _kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    return "other"


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

    def __init__(self, name: str, base: _PackData | None) -> None:
        self.fname = name  # a file name, or the name of an override stored in the database
        self.base = base
        self.problems: list[str] = []
        self.data = _PackData()

    def err(self, key: str, problem: str) -> None:
        self.problems.append(_("{file}, khóa {key}: {problem}").format(file=self.fname, key=key, problem=problem))

    def type_err(self, key: str, expect: str, value: object) -> None:
        self.err(
            key,
            _("{expected}, không phải {actual}").format(expected=_(_EXPECTED[expect]), actual=_describe(value)),
        )

    # -- the whole file ------------------------------------------------------------------------------------
    def read(self, raw: dict[str, Any]) -> _PackData:
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
        return self.data

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
            if expect in ("int", "number") and entry.value <= 0:
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
            from desktop.domain.codes import UNIT_KINDS

            allowed = (AUTHORITY_DEFAULT, *UNIT_KINDS)
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
        self._store(pkey, raw, expect, choices)

    def _store(self, key: str, raw: object, expect: str, choices: Iterable[str] = ()) -> list[Cited] | None:
        entries = self.read_slot(key, raw, expect, choices)
        if entries is not None:
            self.data.slots[key] = entries
        return entries


def _parse(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise RulePackError([_("{file}: không tìm thấy tệp").format(file=path)]) from None
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(
            [_("{file}: không đọc được (sai cú pháp TOML): {error}").format(file=path.name, error=exc)]
        ) from None
    except (ValueError, RecursionError, MemoryError):  # a 5,000-digit number, tables nested thousands deep
        problem = _("{file}: không đọc được (số quá dài hoặc lồng nhau quá sâu).").format(file=path.name)
        raise RulePackError([problem]) from None


def _parse_text(name: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(
            [_("{file}: không đọc được (sai cú pháp TOML): {error}").format(file=name, error=exc)]
        ) from None
    except (ValueError, RecursionError, MemoryError):  # a 5,000-digit number, tables nested thousands deep
        problem = _("{file}: không đọc được (số quá dài hoặc lồng nhau quá sâu).").format(file=name)
        raise RulePackError([problem]) from None


def _check(reader: _Reader, raw: dict[str, Any]) -> _PackData:
    data = reader.read(raw)
    if reader.problems:
        raise RulePackError(reader.problems)
    return data


def _read_file(path: Path, base: _PackData | None) -> _PackData:
    return _check(_Reader(path.name, base), _parse(path))


def _read_text(name: str, text: str, base: _PackData | None) -> _PackData:
    return _check(_Reader(name, base), _parse_text(name, text))


def _layer(base: _PackData, override: _PackData) -> _PackData:
    """Override values replace the national ones from the override's first date on; older history stays."""
    slots = {key: list(entries) for key, entries in base.slots.items()}
    for key, entries in override.slots.items():
        first = entries[0].valid_from
        kept = [e for e in slots.get(key, []) if e.valid_from < first]
        slots[key] = kept + list(entries)
    items = dict(base.items)
    items.update(override.items)
    return _PackData(meta=base.meta, items=items, slots=slots)


def _pick(entries: Sequence[Cited], on: date | None, key: str = "") -> Cited:
    """The entry in force on ``on`` (the newest if ``on`` is None); an error if ``on`` precedes them all.

    A value is never read back in time: a date before its first entry has no law in this pack.
    """
    if on is None:
        return entries[-1]
    if on < entries[0].valid_from:
        raise RulePackError(
            [
                _("Bộ quy tắc chưa có giá trị {key} cho ngày {date}: giá trị này chỉ có từ ngày {first}.").format(
                    key=key, date=on.strftime("%d/%m/%Y"), first=entries[0].valid_from.strftime("%d/%m/%Y")
                )
            ]
        )
    chosen = entries[0]
    for entry in entries:
        if entry.valid_from <= on:
            chosen = entry
        else:
            break
    return chosen


class RulePack:
    """The rules in force: a national pack with any province overrides layered on top.

    Values are looked up by dotted key (``titles.CSTDCS.coefficient.individual``) or through the typed
    accessors; every value can give its citation.
    """

    def __init__(self, data: _PackData, sources: Sequence[Path], overrides: Sequence[PackMeta] = ()) -> None:
        assert data.meta is not None
        self.meta: PackMeta = data.meta
        self.overrides: tuple[PackMeta, ...] = tuple(overrides)
        self.sources: tuple[Path, ...] = tuple(sources)
        self._items = data.items
        self._slots = data.slots

    # -- catalog -------------------------------------------------------------------------------------------
    @property
    def titles(self) -> tuple[CatalogItem, ...]:
        return tuple(i for i in self._items.values() if i.kind == "title")

    @property
    def award_forms(self) -> tuple[CatalogItem, ...]:
        return tuple(i for i in self._items.values() if i.kind == "award_form")

    def has(self, code: str) -> bool:
        return code in self._items

    def item(self, code: str) -> CatalogItem:
        try:
            return self._items[code]
        except KeyError:
            raise RulePackError(
                [_("Mã “{code}” không có trong danh mục danh hiệu, hình thức khen thưởng.").format(code=code)]
            ) from None

    def _key(self, code: str, rest: str) -> str:
        return f"{self.item(code).table}.{code}.{rest}"

    # -- values --------------------------------------------------------------------------------------------
    def value_keys(self) -> Iterator[str]:
        """Every dotted key that holds a cited value (for the catalog window and ``rules show``)."""
        return iter(self._slots)

    def history(self, key: str) -> tuple[Cited, ...]:
        """All dated entries of one key, oldest first."""
        try:
            return tuple(self._slots[key])
        except KeyError:
            raise RulePackError([_("Bộ quy tắc không có khóa {key}.").format(key=key)]) from None

    def cited(self, key: str, on: date | None = None) -> Cited:
        return _pick(self.history(key), on, key)

    # -- the pack's own span ---------------------------------------------------------------------------------
    @property
    def valid_from(self) -> date:
        """The first date this pack holds law for (decisions dated earlier are refused)."""
        return self.meta.valid_from

    def check_date(self, on: date, *, what: str = "") -> None:
        """Refuse a date the pack has no law for, with a message naming the pack's first date."""
        if on < self.meta.valid_from:
            raise RulePackError(
                [
                    _(
                        "{what}ngày {date} trước ngày {first}: bộ quy tắc “{pack}” chỉ có quy định pháp luật từ ngày "
                        "{first}, nên chương trình không xét, không tính tiền và không ra quyết định cho ngày đó."
                    ).format(
                        what=f"{what}: " if what else "",
                        date=on.strftime("%d/%m/%Y"),
                        first=self.meta.valid_from.strftime("%d/%m/%Y"),
                        pack=self.meta.name,
                    )
                ]
            )

    def value(self, key: str, on: date | None = None) -> Any:
        return self.cited(key, on).value

    def citation(self, key: str, on: date | None = None) -> str:
        return self.cited(key, on).citation()

    def setting(self, name: str, on: date | None = None) -> Any:
        return self.value(f"settings.{name}", on)

    def setting_cited(self, name: str, on: date | None = None) -> Cited:
        return self.cited(f"settings.{name}", on)

    def has_param(self, code: str, name: str) -> bool:
        return self.has(code) and self._key(code, f"params.{name}") in self._slots

    def params(self, code: str) -> tuple[str, ...]:
        prefix = self._key(code, "params.")
        return tuple(k[len(prefix) :] for k in self._slots if k.startswith(prefix))

    def param_cited(self, code: str, name: str, on: date | None = None) -> Cited:
        return self.cited(self._key(code, f"params.{name}"), on)

    def param(self, code: str, name: str, on: date | None = None, default: Any = None) -> Any:
        if default is not None and not self.has_param(code, name):
            return default
        return self.param_cited(code, name, on).value

    def authority_cited(self, code: str, unit_kind: str = DEFAULT_UNIT_KIND, on: date | None = None) -> Cited:
        """Who confers ``code`` for a unit of ``unit_kind`` on ``on``: "unit", "district", "province", … (cited)."""
        prefix = self._key(code, "conferred_by.")
        key = prefix + unit_kind
        if key not in self._slots:
            key = prefix + AUTHORITY_DEFAULT
        return self.cited(key, on)

    def conferred_by(self, code: str, on: date | None = None, unit_kind: str = DEFAULT_UNIT_KIND) -> str:
        """ "unit" when the unit's own head confers it, "none" when the unit can neither confer nor propose it,
        otherwise "upward" (the unit proposes, a higher level decides)."""
        value = str(self.authority_cited(code, unit_kind, on).value)
        return value if value in ("unit", "none") else "upward"

    def paper(self, code: str, on: date | None = None) -> str:
        """The certificate the title or award form gets; "" when it is money and a line in the decision only.

        A title with no paper of its own (LĐTT, TTLĐTT) gets a "giay_cong_nhan"-style paper only where the
        province or the unit turns ``settings.print_optional_certificates`` on.
        """
        key = self._key(code, "certificate")
        value = str(self.value(key, on)) if key in self._slots else "none"
        if value != "none":
            return value
        if self.has_setting("print_optional_certificates") and self.setting("print_optional_certificates", on):
            return "giay_chung_nhan"
        return ""

    def signing_default(self, code: str, on: date | None = None) -> str:
        """How a decision conferring ``code`` is signed by default: "chair" unless the pack says otherwise."""
        key = self._key(code, "signing")
        return str(self.value(key, on)) if key in self._slots else "chair"

    def has_setting(self, name: str) -> bool:
        return f"settings.{name}" in self._slots

    def legal_text(self, name: str, on: date) -> Cited:
        """A "Căn cứ …" line in force on ``on`` (``local_government_law``, ``emulation_law``, …)."""
        return self.cited(f"legal_texts.{name}", on)

    def has_legal_text(self, name: str) -> bool:
        return f"legal_texts.{name}" in self._slots

    def coefficient_cited(self, code: str, target: str, on: date | None = None) -> Cited:
        key = self._key(code, f"coefficient.{target}")
        if key not in self._slots:
            raise RulePackError(
                [
                    _("“{name}” ({code}) không có hệ số tiền thưởng cho đối tượng “{target}”.").format(
                        name=self.item(code).name, code=code, target=target
                    )
                ]
            )
        return self.cited(key, on)

    def coefficient(self, code: str, target: str, on: date | None = None) -> Decimal:
        return Decimal(self.coefficient_cited(code, target, on).value)

    def ballot_required(self, code: str, on: date | None = None) -> bool:
        return bool(self.value(self._key(code, "ballot_required"), on))

    def ballot_threshold_cited(self, code: str, on: date | None = None) -> Cited | None:
        key = self._key(code, "ballot_threshold_percent")
        if not self.ballot_required(code, on) or key not in self._slots:
            return None
        return self.cited(key, on)

    def ballot_threshold(self, code: str, on: date | None = None) -> Decimal | None:
        """Share of ALL council members (percent) that must agree, or None when no ballot is required."""
        cited = self.ballot_threshold_cited(code, on)
        return None if cited is None else Decimal(cited.value)

    @property
    def base_salary_table(self) -> tuple[Cited, ...]:
        return self.history("base_salary")

    def base_salary_entry_on(self, on: date) -> Cited:
        """The base salary row in force on ``on``; an error if the table starts later."""
        table = self.base_salary_table
        in_force = [e for e in table if e.valid_from <= on]
        if not in_force:
            raise RulePackError(
                [
                    _("Không có mức lương cơ sở áp dụng cho ngày {date}: bảng bắt đầu từ {first}.").format(
                        date=on.strftime("%d/%m/%Y"), first=table[0].valid_from.strftime("%d/%m/%Y")
                    )
                ]
            )
        return in_force[-1]

    def base_salary_on(self, on: date) -> Decimal:
        return Decimal(self.base_salary_entry_on(on).value)


def national_pack_path() -> Path:
    from desktop.paths import resource_path

    return resource_path("rulepacks", "national.toml")


def load_pack(national: Path, overrides: Iterable[Path] = (), *, texts: Iterable[tuple[str, str]] = ()) -> RulePack:
    """Read a national pack file and layer the override files on it, in order, then the override ``texts``.

    ``texts`` are ``(name, toml_text)`` pairs: overrides kept in the database rather than in files. The
    name stands for the file name in messages and in each value's ``source``; they are not in ``sources``.
    """
    data = _read_file(Path(national), None)
    sources = [Path(national)]
    metas: list[PackMeta] = []
    for path in overrides:
        layer = _read_file(Path(path), data)
        data = _layer(data, layer)
        sources.append(Path(path))
        if layer.meta is not None:
            metas.append(layer.meta)
    for name, text in texts:
        layer = _read_text(name, text, data)
        data = _layer(data, layer)
        if layer.meta is not None:
            metas.append(layer.meta)
    return RulePack(data, sources, metas)


def load_default_pack(overrides: Sequence[Path] = (), *, texts: Iterable[tuple[str, str]] = ()) -> RulePack:
    """The bundled national pack with the given override packs (files, then stored texts) layered on top."""
    return load_pack(national_pack_path(), overrides, texts=texts)


def check_override(path: Path) -> RulePack:
    """Validate one override pack against the bundled national pack (for ``rules check``)."""
    return load_default_pack([Path(path)])
