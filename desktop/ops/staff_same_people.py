"""Who a row of a staff file may already be: by name (marks, case, accentless registers) and birth date.

Birth dates are compared the way the history import compares them (:mod:`desktop.ops.history_import.checker`): a
full date is that day, so namesakes born apart stay two people; a year alone is anyone of the name born that year;
no date is anyone of the name. Kept apart from :mod:`desktop.ops.staff_import`, which reads and writes the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from desktop.domain.dates import format_date
from desktop.domain.text import fold, name_key, nfc
from desktop.i18n import _


def born_as_written(stored: str, written: str, *, year_only: bool) -> bool:
    """Whether someone recorded as born ``stored`` (ISO, or "") may be the one a file writes as born ``written``:
    the same day; the same year when the file gives a year alone; anyone when the file gives no date, or when the
    person was recorded without one (nothing tells them apart). The one rule of the staff import and the history
    import."""
    if not written or not stored:
        return True
    return stored[:4] == written[:4] if year_only else stored == written


def same_name(written: tuple[str, str, bool], stored: tuple[str, str, bool]) -> bool:
    """Whether two names (their :meth:`SamePeople.keys`) are one name as :class:`SamePeople` finds people: the same
    letters and marks, or the same letters where one of the two is written wholly without marks."""
    return written[0] == stored[0] or (written[1] == stored[1] and (written[2] or stored[2]))


T = TypeVar("T")


class Births(Generic[T]):
    """One form of the names: (name, birth) -> (birth, value), the first added; by name, built when first needed."""

    def __init__(self) -> None:
        self.exact: dict[tuple[str, str], tuple[str, T]] = {}
        self._named: dict[str, list[tuple[str, T]]] | None = None

    def add(self, name: str, entry: tuple[str, T]) -> None:
        if (name, entry[0]) not in self.exact:
            self.exact[name, entry[0]] = entry
            if self._named is not None:
                self._named.setdefault(name, []).append(entry)

    def loose(self, name: str, birth: str, year_only: bool) -> tuple[str, T] | None:
        """The first of the name :func:`born_as_written` ``birth``: born in its year (a year alone), any (no date),
        or recorded without a birth date (a full date)."""
        if self._named is None:
            self._named = {}
            for (known, _day), entry in self.exact.items():
                self._named.setdefault(known, []).append(entry)
        return next((e for e in self._named.get(name, ()) if born_as_written(e[0], birth, year_only=year_only)), None)


class SamePeople(Generic[T]):
    """Who a row of the file may be, by name and birth date: the same letters and marks (case, spacing and the old
    or new place of a tone mark ignored: :func:`name_key`), or, where one of the two names is written wholly without
    marks (an old register typed without accents), the same letters. Hùng is not Hưng, Hoa is not Hòa; "NGUYEN VAN
    HUNG" may be either. A name's keys are worked out once (:meth:`keys`) and given to :meth:`find` and :meth:`add`.
    Birth dates as the history import reads them: a full date is that day (namesakes born apart stay two people), a
    year alone ("Năm sinh") anyone of the name born that year, no date anyone of the name; a person recorded
    without a birth date is anyone of the name the row gives (a second record would split their titles)."""

    def __init__(self) -> None:
        self._by_key: Births[T] = Births()
        self._by_letters: Births[T] = Births()
        self._plain_by_letters: Births[T] = Births()

    @staticmethod
    def keys(name: str) -> tuple[str, str, bool]:
        text = nfc(name)
        return name_key(text), fold(text), text.isascii()

    def add(self, keys: tuple[str, str, bool], birth: str, value: T) -> None:
        key, letters, plain = keys
        entry = (birth, value)
        self._by_key.add(key, entry)
        self._by_letters.add(letters, entry)
        if plain:
            self._plain_by_letters.add(letters, entry)

    def find(self, keys: tuple[str, str, bool], birth: str, year_only: bool = False) -> tuple[str, T] | None:
        """(the birth date recorded, the value) of the person the row may be: the same date first."""
        key, letters, plain = keys
        tables = ((self._by_key, key), (self._by_letters if plain else self._plain_by_letters, letters))
        found = next((hit for births, name in tables if (hit := births.exact.get((name, birth))) is not None), None)
        if found is None:
            found = next(
                (hit for births, name in tables if (hit := births.loose(name, birth, year_only)) is not None), None
            )
        return found


def same_person_note(label: str, stored: str, birth: str, year_only: bool) -> str:
    """``label``, and when the row and the record do not give the same birth date why the row is taken for that
    person, and how to add a namesake."""
    if stored == birth:
        return label
    if not stored:
        return _(
            "{who}, chưa ghi ngày sinh (tệp ghi ngày sinh {written} nên được coi là cùng một người, không thêm người "
            "mới; nếu là người khác trùng tên, hãy thêm người đó bằng nút “Thêm cán bộ” ở trang Cán bộ; ngày sinh "
            "của người đã có thì sửa ở trang Cán bộ)"
        ).format(who=label, written=birth[:4] if year_only else format_date(birth))
    written = _("tệp chỉ ghi năm sinh {year}").format(year=birth[:4]) if year_only else _("tệp không ghi ngày sinh")
    return _(
        "{who}, sinh ngày {stored} ({written} nên được coi là cùng một người; nếu là người khác trùng tên, hãy ghi "
        "đủ ngày sinh của người đó, khác ngày {stored}, rồi nhập lại, hoặc thêm người đó bằng nút “Thêm cán bộ” ở "
        "trang Cán bộ)"
    ).format(who=label, stored=format_date(stored), written=written)


@dataclass(frozen=True, slots=True)
class CodeHolder:
    """Who holds a staff code, in the database or on an earlier row of the file: told apart from the person of a
    row the way :class:`SamePeople` tells people apart, so a code is a duplicate only of its own person."""

    label: str  # "CODE Name", or "dòng 3 của tệp: Name"
    full_name: str
    keys: tuple[str, str, bool]  # :meth:`SamePeople.keys`
    birth: str  # ISO, or ""
    year_only: bool = False
    row: int = 0  # the file's row that gave the code first; 0 for the database

    def is_person(self, name: str, birth: str, year_only: bool) -> bool:
        return same_name(SamePeople.keys(name), self.keys) and born_as_written(
            self.birth, birth, year_only=year_only or self.year_only
        )

    def clash(self, code: str, name: str, birth: str, year_only: bool) -> str:
        """Why a row of another person cannot carry the code, naming both people."""
        holder, other = _who(self.full_name, self.birth, self.year_only), _who(name, birth, year_only)
        if self.row:
            return _(
                "mã {code} đã ghi ở dòng {row} của tệp cho {holder}, không phải của {name}; mỗi người một mã: hãy "
                "sửa một trong hai mã, hoặc để trống để chương trình tự cấp mã."
            ).format(code=code, row=self.row, holder=holder, name=other)
        return _(
            "mã {code} đã là của {holder} trong danh sách cán bộ, không phải của {name}; nếu là người khác, hãy sửa "
            "mã hoặc để trống để chương trình tự cấp mã; nếu đúng là người đó, hãy sửa họ tên, ngày sinh trong tệp "
            "cho khớp."
        ).format(code=code, holder=holder, name=other)


def _who(name: str, birth: str, year_only: bool) -> str:
    """ "Lê Văn Cường, sinh ngày 05/03/1980": a person named with the birth date that tells namesakes apart."""
    if not birth:
        return name
    if year_only:
        return _("{name}, sinh năm {year}").format(name=name, year=birth[:4])
    return _("{name}, sinh ngày {birth}").format(name=name, birth=format_date(birth))
