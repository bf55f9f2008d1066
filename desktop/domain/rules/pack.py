"""Rule packs: the law as data (TOML), every value with its citation and the date it holds from.

:class:`RulePack` answers with the value in force on a date; the files are read and validated by
:mod:`desktop.domain.rules.reader`, and the vocabulary and value types are in :mod:`desktop.domain.rules.values`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.domain.codes import TARGET_WORDS
from desktop.domain.rules.reader import layered, read_file, read_text
from desktop.domain.rules.values import (
    AUTHORITY_DEFAULT,
    DEFAULT_UNIT_KIND,
    CatalogItem,
    Cited,
    PackData,
    PackMeta,
    RulePackError,
)
from desktop.i18n import _
from desktop.paths import resource_path


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

    def __init__(self, data: PackData, sources: Sequence[Path], overrides: Sequence[PackMeta] = ()) -> None:
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

    def in_force(self, key: str, on: date | None) -> bool:
        """Whether ``key`` has an entry in force on ``on`` (any entry at all when ``on`` is None).

        A province may add a key from a later date: before that date the key says nothing, and the national
        meaning of its absence holds rather than the date becoming lawless."""
        entries = self._slots.get(key)
        if not entries:
            return False
        return on is None or entries[0].valid_from <= on

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

    def optional_value(self, key: str, on: date | None, default: Any) -> Any:
        """A key whose absence has a meaning (signing by the chair, no paper, a parameter's default): ``default``
        when the pack has no entry for it on ``on``. A province rule that adds such a key from a date leaves the
        national meaning in force before that date instead of making earlier dates lawless."""
        entries = self._slots.get(key)
        if not entries or (on is not None and on < entries[0].valid_from):
            return default
        return _pick(entries, on, key).value

    def citation(self, key: str, on: date | None = None) -> str:
        return self.cited(key, on).citation()

    def setting(self, name: str, on: date | None = None) -> Any:
        return self.value(f"settings.{name}", on)

    def setting_cited(self, name: str, on: date | None = None) -> Cited:
        return self.cited(f"settings.{name}", on)

    def has_param(self, code: str, name: str, on: date | None = None) -> bool:
        """Whether ``code`` has the criterion ``name`` (in force on ``on`` when a date is given: a criterion a
        province adds from 2026 is no criterion of 2025)."""
        return self.has(code) and self.in_force(self._key(code, f"params.{name}"), on)

    def params(self, code: str, on: date | None = None) -> tuple[str, ...]:
        """The criteria of ``code`` (those in force on ``on`` when a date is given)."""
        prefix = self._key(code, "params.")
        return tuple(k[len(prefix) :] for k in self._slots if k.startswith(prefix) and self.in_force(k, on))

    def param_cited(self, code: str, name: str, on: date | None = None) -> Cited:
        return self.cited(self._key(code, f"params.{name}"), on)

    def param(self, code: str, name: str, on: date | None = None, default: Any = None) -> Any:
        if default is not None:
            return self.optional_value(self._key(code, f"params.{name}"), on, default) if self.has(code) else default
        return self.param_cited(code, name, on).value

    def collective_kinds(self, code: str, on: date | None = None) -> Cited | None:
        """The kinds of collective (``departments.kind``, :data:`desktop.domain.codes.DEPARTMENT_KINDS`) ``code`` is
        conferred on, on ``on``, with its citation (a tuple of codes); None when the pack limits no kind that day."""
        if not self.has_param(code, "collective_kinds", on):
            return None
        return self.param_cited(code, "collective_kinds", on)

    def authority_key(self, code: str, unit_kind: str = DEFAULT_UNIT_KIND, on: date | None = None) -> str:
        """The ``conferred_by`` key that answers for a unit of ``unit_kind`` on ``on``: its own kind's where that is
        in force then; before its first date (a province delegating from 2026) the ``default`` one, the law of
        those days."""
        prefix = self._key(code, "conferred_by.")
        keys = [key for key in (prefix + unit_kind, prefix + AUTHORITY_DEFAULT) if key in self._slots]
        if not keys:
            return prefix + AUTHORITY_DEFAULT  # no such key: the lookup says so
        # neither in force: the one that starts first, so the refusal names the first date the pack has law for
        return next(
            (key for key in keys if self.in_force(key, on)), min(keys, key=lambda k: self._slots[k][0].valid_from)
        )

    def authority_cited(self, code: str, unit_kind: str = DEFAULT_UNIT_KIND, on: date | None = None) -> Cited:
        """Who confers ``code`` for a unit of ``unit_kind`` on ``on``: "unit", "district", "province", … (cited).

        An error only when no entry holds on that date, neither the unit kind's nor the default."""
        return self.cited(self.authority_key(code, unit_kind, on), on)

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
        value = str(self.optional_value(self._key(code, "certificate"), on, "none"))
        if value != "none":
            return value
        if self.optional_value("settings.print_optional_certificates", on, False):
            return "giay_chung_nhan"
        return ""

    def signing_default(self, code: str, on: date | None = None) -> str:
        """How a decision conferring ``code`` is signed by default: "chair" unless the pack says otherwise."""
        return str(self.optional_value(self._key(code, "signing"), on, "chair"))

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
                        name=self.item(code).name,
                        code=code,
                        target=_(TARGET_WORDS[target]) if target in TARGET_WORDS else target,
                    )
                ]
            )
        return self.cited(key, on)

    def coefficient(self, code: str, target: str, on: date | None = None) -> Decimal:
        return Decimal(self.coefficient_cited(code, target, on).value)

    def ballot_required(self, code: str, on: date | None = None) -> bool:
        return bool(self.value(self._key(code, "ballot_required"), on))

    def posting_days(self, code: str, on: date | None = None) -> int:
        """Days the list must be posted publicly before a decision conferring ``code`` on ``on`` (Gia đình văn hóa:
        10, NĐ 86/2023); 0 where the pack says nothing."""
        return int(self.optional_value(self._key(code, "posting_days"), on, 0))

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
    return resource_path("rulepacks", "national.toml")


def load_pack(
    national: Path, overrides: Iterable[Path] = (), *, texts: Iterable[tuple[str, str]] = (), stored: bool = False
) -> RulePack:
    """Read a national pack file and layer the override files on it, in order, then the override ``texts``.

    ``texts`` are ``(name, toml_text)`` pairs: overrides kept in the database rather than in files. The
    name stands for the file name in messages and in each value's ``source``; they are not in ``sources``.
    ``stored``: the texts were saved by an earlier version (the pack in force), read as the reader allows for those.
    """
    data = read_file(Path(national), None)
    law = data  # what every override's criteria are held to (never below it), whatever is layered in between
    sources = [Path(national)]
    metas: list[PackMeta] = []
    for path in overrides:
        layer = read_file(Path(path), data, national=law)
        data = layered(data, layer)
        sources.append(Path(path))
        if layer.meta is not None:
            metas.append(layer.meta)
    for name, text in texts:
        layer = read_text(name, text, data, stored=stored, national=law)
        data = layered(data, layer)
        if layer.meta is not None:
            metas.append(layer.meta)
    return RulePack(data, sources, metas)


def load_default_pack(
    overrides: Sequence[Path] = (), *, texts: Iterable[tuple[str, str]] = (), stored: bool = False
) -> RulePack:
    """The bundled national pack with the given override packs (files, then stored texts) layered on top."""
    return load_pack(national_pack_path(), overrides, texts=texts, stored=stored)


def check_override(path: Path) -> RulePack:
    """Validate one override pack against the bundled national pack (for ``rules check``)."""
    return load_default_pack([Path(path)])
