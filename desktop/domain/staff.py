"""A staff member as the clerk enters it, and the checks that run before anything is saved."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date

from desktop.domain import codes
from desktop.domain.dates import FIRST_SERIAL_DAY, YEARS, format_date
from desktop.domain.legacy_encoding import undo_utf8_misread
from desktop.domain.text import (
    NAME_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    InputTextError,
    clean_input,
    fold,
    nfc,
)
from desktop.i18n import _

MAX_NAME_LENGTH = 120


@dataclass(slots=True)
class StaffDraft:
    """Fields of one person; dates are ``date`` objects, text is normalised by :meth:`normalised`."""

    full_name: str
    staff_code: str = ""
    gender: str = ""
    birth_date: date | None = None
    ethnic_code: str = codes.MAJORITY_ETHNIC_CODE
    position: str = ""
    is_leader: bool = False
    department: str = ""  # department name; created on save if new
    category: str = "cong_chuc"
    start_date: date | None = None
    end_date: date | None = None
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    # Why the person left: written when a record is inserted (an import of an exported list); an edit of the
    # record never writes it (marking a leaver does: ``staff_repo.mark_left``).
    left_reason: str = ""

    def normalised(self) -> StaffDraft:
        return StaffDraft(
            full_name=nfc(self.full_name),
            staff_code=_upper(nfc(self.staff_code)),
            gender=self.gender,
            birth_date=self.birth_date,
            ethnic_code=(self.ethnic_code or codes.MAJORITY_ETHNIC_CODE).zfill(2),
            position=nfc(self.position),
            is_leader=bool(self.is_leader),
            department=nfc(self.department),
            category=self.category or "cong_chuc",
            start_date=self.start_date,
            end_date=self.end_date,
            notes=nfc(self.notes),
            extra=dict(self.extra) if self.extra else self.extra,
            left_reason=nfc(self.left_reason) if self.left_reason else "",
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _upper(text: str) -> str:
    upper = text.upper()
    return text if upper == text else upper  # the same object when already upper case


# The form's text fields go through the same one function as every importer (desktop.domain.text.clean_input):
# control characters, NUL and direction overrides refused by field, one line except the notes, a length limit.
_TEXT_FIELDS: tuple[tuple[str, int, bool], ...] = (
    ("full_name", NAME_MAX_LENGTH, False),
    ("staff_code", TEXT_MAX_LENGTH, False),
    ("position", TEXT_MAX_LENGTH, False),
    ("department", TEXT_MAX_LENGTH, False),
    ("notes", NOTES_MAX_LENGTH, True),
)


def _text_problems(draft: StaffDraft) -> dict[str, str]:
    problems: dict[str, str] = {}
    for name, limit, multiline in _TEXT_FIELDS:
        try:
            clean_input(getattr(draft, name), field=name, multiline=multiline, max_length=limit)
        except InputTextError as exc:
            problems[name] = exc.reason[:1].upper() + exc.reason[1:]
    return problems


#: Besides letters, a person's name holds spaces, the apostrophe of Ê Đê and Jrai names ("H'Hen Niê") and a hyphen.
_NAME_MARKS = frozenset(" '’-.")


def name_shape_problem(name: str) -> str:
    """Why ``name`` cannot be a person's name ("-" for a vacancy, "=A+B", "<b>Nguyễn</b>"), or ""; digits are
    told apart by the caller. Such a cell in a list is a placeholder or a formula's text, not someone to
    print. Staff, the officials' terms and a decision's signer are all checked by it."""
    if not name[0].isalpha():
        return _("“{name}” phải bắt đầu bằng một chữ cái.").format(name=name)
    wrong = next((c for c in name if not (c.isalpha() or c in _NAME_MARKS or unicodedata.combining(c))), None)
    if wrong is not None:
        return _("“{name}” có ký tự “{char}”, không dùng trong tên người.").format(name=name, char=wrong)
    if sum(c.isalpha() for c in name) < 2:
        return _("“{name}” không phải một họ tên (cần ít nhất hai chữ cái).").format(name=name)
    return _look_alike_problem(name)


# Letters by Unicode that print as nothing (the Hangul fillers): a name ending in one looks like the name without it.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def _look_alike_problem(name: str) -> str:
    """A name that looks like another on screen and on paper but is not the same text: a blank letter in it, or a
    Cyrillic or Greek letter among Latin ones ("Аn" with a Cyrillic А). The import would take it for a new person,
    and the awards and consecutive years of one person would be split between two."""
    if blank := next((c for c in name if c in _BLANK_LETTERS), None):
        return _("“{name}” có ký tự vô hình (U+{code:04X}); hãy gõ lại tên.").format(name=name.strip(), code=ord(blank))
    if all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in name):  # Latin letters only: every Vietnamese name
        if (meant := undo_utf8_misread(name)) is not None:
            return _("“{name}” là chữ bị lỗi mã (UTF-8 đọc nhầm), có lẽ là “{meant}”; hãy gõ lại tên.").format(
                name=name, meant=meant
            )
        return ""
    scripts = {unicodedata.name(c, "?").split(" ")[0]: c for c in name if c.isalpha()}
    if "LATIN" in scripts and len(scripts) > 1:
        other = next(c for script, c in scripts.items() if script != "LATIN")
        return _(
            "“{name}” có chữ “{char}” ({what}) trông giống chữ tiếng Việt nhưng không phải: thường do dán từ nơi "
            "khác; hãy gõ lại tên."
        ).format(name=name, char=other, what=unicodedata.name(other, "?").title())
    return ""


def leaving_date_problem(end_date: date, *, today: date | None = None) -> str:
    """Why a leaving date cannot be saved ("" when it can): more than a year ahead, the limit a start date has. A
    typo such as 2062 would hide a working person from every list at once, while the eligibility figures still
    count them as employed."""
    latest = _one_year_after(today or date.today())
    if end_date > latest:
        return _("Ngày thôi công tác {day} quá xa trong tương lai (muộn nhất {latest}).").format(
            day=format_date(end_date), latest=format_date(latest)
        )
    return ""


def validate_staff(draft: StaffDraft, *, today: date | None = None, texts_clean: bool = False) -> dict[str, str]:
    """Problems by field name; an empty dict means the draft can be saved.

    ``texts_clean``: every text field already went through :func:`clean_input` with the limits of ``_TEXT_FIELDS``
    (the staff import cleans each distinct text once; cleaning it again cost a 100,000-row list about a second).
    """
    today = today or date.today()
    problems = {} if texts_clean else _text_problems(draft)
    name = nfc(draft.full_name)
    if "full_name" in problems:
        pass
    elif not name:
        problems["full_name"] = _("Chưa nhập họ và tên.")
    elif len(name) > MAX_NAME_LENGTH:
        problems["full_name"] = _("Họ và tên dài quá {n} ký tự.").format(n=MAX_NAME_LENGTH)
    elif not name.replace(" ", "").isalpha() and any(ch.isdigit() for ch in name):
        problems["full_name"] = _("Họ và tên không được có chữ số.")
    elif message := name_shape_problem(name):
        problems["full_name"] = message
    if draft.gender not in ("", "M", "F"):
        problems["gender"] = _("Giới tính phải là Nam hoặc Nữ.")
    if draft.birth_date:
        age = (today - draft.birth_date).days / 365.25
        if draft.birth_date > today:
            problems["birth_date"] = _("Ngày sinh ở tương lai.")
        elif age < 15:
            problems["birth_date"] = _("Ngày sinh cho thấy người này chưa đủ 15 tuổi.")
        elif age > 100:
            problems["birth_date"] = _("Ngày sinh quá xa (hơn 100 tuổi).")
    code = (draft.ethnic_code or "").zfill(2)
    if code not in codes.ETHNIC_GROUPS:
        problems["ethnic_code"] = _("Mã dân tộc “{code}” không có trong danh mục 54 dân tộc.").format(code=code)
    if draft.category and draft.category not in codes.STAFF_CATEGORIES:
        problems["category"] = _("Loại cán bộ “{value}” không hợp lệ.").format(value=draft.category)
    for name in ("start_date", "end_date"):  # a date picker or a caller may give year 1 or 9999: never stored
        day = getattr(draft, name)
        if day and not YEARS[0] <= day.year <= YEARS[1]:
            problems[name] = _("Ngày phải trong khoảng năm {low}–{high}.").format(low=YEARS[0], high=YEARS[1])
        elif day and day < FIRST_SERIAL_DAY:  # "02/07/1905" typed as text: nobody on a staff list worked then
            problems[name] = _(
                "Ngày {day} có trước năm {first}, không phải ngày công tác của ai còn trong danh sách; "
                "hãy xem lại ngày."
            ).format(day=format_date(day), first=FIRST_SERIAL_DAY.year)
    if "start_date" not in problems and "end_date" not in problems:
        if draft.start_date and draft.birth_date and draft.start_date <= draft.birth_date:
            problems["start_date"] = _("Ngày bắt đầu công tác phải sau ngày sinh.")
        if draft.start_date and draft.end_date and draft.end_date < draft.start_date:
            problems["end_date"] = _("Ngày thôi công tác phải sau ngày bắt đầu công tác.")
        elif draft.end_date and draft.birth_date and draft.end_date <= draft.birth_date:
            problems["end_date"] = _("Ngày thôi công tác phải sau ngày sinh.")
        latest_start = _one_year_after(today)
        if "end_date" not in problems and draft.end_date and leaving_date_problem(draft.end_date, today=today):
            # the form's rule too (staff_repo): the import checks its rows here, and would otherwise take "2062"
            problems["end_date"] = leaving_date_problem(draft.end_date, today=today)
        if "start_date" not in problems and draft.start_date and draft.start_date > latest_start:
            problems["start_date"] = _("Ngày bắt đầu công tác quá xa trong tương lai (muộn nhất {day}).").format(
                day=format_date(latest_start)
            )
    staff_code = nfc(draft.staff_code)
    # nfc() made every space run one " "
    if "staff_code" not in problems and staff_code and (len(staff_code) > 30 or " " in staff_code):
        problems["staff_code"] = _("Mã cán bộ không được có dấu cách và dài tối đa 30 ký tự.")
    return problems


def _one_year_after(day: date) -> date:
    """The latest start date accepted: a person may be recruited ahead, not years ahead (a typo such as 2052)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def ethnic_key(text: str) -> str:
    """How ethnic names are compared: accents, case, spaces, hyphens, apostrophes and brackets ignored, and a
    leading "dân tộc" dropped ("Dân tộc H'Mông" → "hmong", "Ê-đê" → "ede")."""
    key = re.sub(r"[^a-z0-9]+", "", fold(text))
    return key.removeprefix("dantoc") or key


@functools.cache
def _ethnic_keys() -> dict[str, str]:
    """Key -> GSO code, from the official names and :data:`codes.ETHNIC_VARIANTS` (one table for every caller)."""
    keys: dict[str, str] = {}
    for code, name in codes.ETHNIC_GROUPS.items():
        keys[ethnic_key(name)] = code
    for code, variants in codes.ETHNIC_VARIANTS.items():
        for variant in variants:
            found = keys.setdefault(ethnic_key(variant), code)
            if found != code:  # pragma: no cover - the table is checked by a test
                raise ValueError(f"{variant!r} is both {found} and {code}")
    return keys


@functools.lru_cache(maxsize=4096)
def ethnic_code_for(text: str) -> str | None:
    """The GSO code for a code ('01', '1', '08 - HMông') or a name as clerks write it ('Kinh', 'tay', 'H'Mông', 'Mông',
    'Hmong', 'Khmer', 'Ê Đê', 'Ba-na'); None if unknown."""
    value = nfc(text)
    if not value:
        return None
    numbered = re.fullmatch(r"(\d{1,2})(?:\s*[-–.:]\s*(.*))?", value)
    if numbered:
        code = numbered.group(1).zfill(2)
        if code not in codes.ETHNIC_GROUPS:
            return None
        named = numbered.group(2)
        return code if not named or _ethnic_keys().get(ethnic_key(named)) in (None, code) else None
    return _ethnic_keys().get(ethnic_key(value))


_GENDERS = {"nam": "M", "m": "M", "male": "M", "1": "M", "ong": "M", "nu": "F", "f": "F", "female": "F", "0": "F",
            "2": "F", "ba": "F", "": ""}  # fmt: skip


@functools.lru_cache(maxsize=1024)
def gender_for(text: str) -> str | None:
    return _GENDERS.get(fold(text))


@functools.cache
def _categories() -> dict[str, str]:
    found: dict[str, str] = {}
    for code, label in codes.STAFF_CATEGORIES.items():
        for key in (code.replace("_", " "), code, fold(label)):
            found.setdefault(key, code)
    return found


@functools.lru_cache(maxsize=1024)
def category_for(text: str) -> str | None:
    value = fold(text)
    if not value:
        return "cong_chuc"
    return _categories().get(value)
