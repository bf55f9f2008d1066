"""A staff member as the clerk enters it, and the checks that run before anything is saved."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from desktop.domain import codes
from desktop.domain.text import fold, nfc
from desktop.i18n import _

MAX_NAME_LENGTH = 120


@dataclass
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

    def normalised(self) -> StaffDraft:
        return StaffDraft(
            full_name=nfc(self.full_name),
            staff_code=nfc(self.staff_code).upper(),
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
            extra=dict(self.extra),
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def validate_staff(draft: StaffDraft, *, today: date | None = None) -> dict[str, str]:
    """Problems by field name; an empty dict means the draft can be saved."""
    today = today or date.today()
    problems: dict[str, str] = {}
    name = nfc(draft.full_name)
    if not name:
        problems["full_name"] = _("Chưa nhập họ và tên.")
    elif len(name) > MAX_NAME_LENGTH:
        problems["full_name"] = _("Họ và tên dài quá {n} ký tự.").format(n=MAX_NAME_LENGTH)
    elif any(ch.isdigit() for ch in name):
        problems["full_name"] = _("Họ và tên không được có chữ số.")
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
    if draft.start_date and draft.birth_date and draft.start_date <= draft.birth_date:
        problems["start_date"] = _("Ngày bắt đầu công tác phải sau ngày sinh.")
    if draft.start_date and draft.end_date and draft.end_date < draft.start_date:
        problems["end_date"] = _("Ngày thôi công tác phải sau ngày bắt đầu công tác.")
    staff_code = nfc(draft.staff_code)
    if staff_code and (len(staff_code) > 30 or any(ch.isspace() for ch in staff_code)):
        problems["staff_code"] = _("Mã cán bộ không được có dấu cách và dài tối đa 30 ký tự.")
    return problems


def ethnic_code_for(text: str) -> str | None:
    """Accept a GSO code ('01', '1') or a name ('Kinh', 'tay', 'H'Mông')."""
    value = nfc(text)
    if not value:
        return None
    if value.isdigit():
        code = value.zfill(2)
        return code if code in codes.ETHNIC_GROUPS else None
    wanted = fold(value).replace("-", " ").replace("'", "").replace(" ", "")
    for code, name in codes.ETHNIC_GROUPS.items():
        if fold(name).replace("-", " ").replace("'", "").replace(" ", "") == wanted:
            return code
    return None


def gender_for(text: str) -> str | None:
    value = fold(text)
    if value in ("nam", "m", "male", "1", "ong"):
        return "M"
    if value in ("nu", "f", "female", "0", "2", "ba"):
        return "F"
    if value == "":
        return ""
    return None


def category_for(text: str) -> str | None:
    value = fold(text)
    if not value:
        return "cong_chuc"
    for code, label in codes.STAFF_CATEGORIES.items():
        if value in (code.replace("_", " "), code, fold(label)):
            return code
    return None
