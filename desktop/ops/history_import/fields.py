"""What a history workbook holds: the kinds of sheet, their fields, and the header words that name them.

Everything here is vocabulary (labels shown to the clerk, folded aliases of sheet names and column headers, text
limits per field); reading and checking use it, nothing here reads a file or the database.
"""

from __future__ import annotations

import re

from desktop.domain.text import LONG_TEXT_MAX_LENGTH, NAME_MAX_LENGTH, NOTES_MAX_LENGTH, TEXT_MAX_LENGTH, fold
from desktop.i18n import N_, _
from desktop.ops.staff_import_table import BIRTH_DATE_ALIASES, FULL_NAME_ALIASES, STAFF_CODE_ALIASES

KINDS = ("ratings", "collective_ratings", "initiatives", "discipline", "leave", "awards")
# Collectives' ratings may also sit in the "Xếp loại" sheet, so a workbook without this sheet misses nothing.
OPTIONAL_KINDS = ("collective_ratings",)
SHEET_LABELS: dict[str, str] = {
    "ratings": N_("Xếp loại"),
    "collective_ratings": N_("Xếp loại tập thể"),
    "initiatives": N_("Sáng kiến"),
    "discipline": N_("Kỷ luật"),
    "leave": N_("Nghỉ dài ngày"),
    "awards": N_("Khen thưởng"),
}
# Folded sheet names recognised for each kind (the sheet name may also start with one of them).
_SHEET_ALIASES: dict[str, tuple[str, ...]] = {
    "ratings": ("xep loai", "xep loai chat luong", "danh gia xep loai", "danh gia", "ket qua xep loai"),
    "collective_ratings": (
        "xep loai tap the",
        "xep loai chat luong tap the",
        "danh gia xep loai tap the",
        "danh gia tap the",
        "ket qua xep loai tap the",
    ),
    "initiatives": ("sang kien", "sang kien kinh nghiem", "de tai sang kien"),
    "discipline": ("ky luat", "xu ly ky luat"),
    "leave": ("nghi dai ngay", "nghi", "nghi thai san", "thoi gian nghi"),
    "awards": ("khen thuong", "danh hieu", "thi dua khen thuong", "danh hieu khen thuong", "so khen thuong"),
}

COMMON_FIELDS: dict[str, str] = {
    "staff_code": N_("Mã cán bộ"),
    "full_name": N_("Họ và tên"),
    "birth_date": N_("Ngày sinh"),
}
SHEET_FIELDS: dict[str, dict[str, str]] = {
    "ratings": {"year": N_("Năm"), "rating": N_("Xếp loại"), "collective": N_("Tập thể"), "notes": N_("Ghi chú")},
    "collective_ratings": {
        "year": N_("Năm"),
        "rating": N_("Xếp loại"),
        "collective": N_("Tập thể"),
        "notes": N_("Ghi chú"),
    },
    "initiatives": {
        "title": N_("Tên sáng kiến"),
        "level": N_("Cấp công nhận"),
        "recognized_on": N_("Ngày công nhận"),
        "decision_no": N_("Số quyết định"),
        "notes": N_("Ghi chú"),
    },
    "discipline": {
        "level": N_("Hình thức"),
        "start_date": N_("Từ ngày"),
        "end_date": N_("Đến ngày"),
        "reason": N_("Lý do"),
        "decision_no": N_("Số quyết định"),
        "pending": N_("Đang xem xét"),
        "notes": N_("Ghi chú"),
    },
    "leave": {
        "kind": N_("Loại nghỉ"),
        "start_date": N_("Từ ngày"),
        "end_date": N_("Đến ngày"),
        "notes": N_("Ghi chú"),
    },
    "awards": {
        "year": N_("Năm"),
        "code": N_("Danh hiệu/hình thức"),
        "decision_no": N_("Số quyết định"),
        "decision_date": N_("Ngày quyết định"),
        "issuer": N_("Cơ quan ban hành"),
        "collective": N_("Tập thể"),
        "notes": N_("Ghi chú"),
    },
}
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "ratings": ("year", "rating"),  # or one column per year (wide layout)
    "collective_ratings": ("year", "rating"),
    "initiatives": ("title",),
    "discipline": ("level",),
    "leave": ("kind", "start_date", "end_date"),
    "awards": ("year", "code"),
}

_COMMON_ALIASES: dict[str, tuple[str, ...]] = {
    "staff_code": STAFF_CODE_ALIASES,
    "full_name": (*FULL_NAME_ALIASES, "ca nhan", "ho va ten ca nhan"),
    "birth_date": BIRTH_DATE_ALIASES,
}
_NOTES = ("ghi chu", "chu thich")
_DECISION_NO = ("so quyet dinh", "so qd", "quyet dinh so", "so hieu quyet dinh", "quyet dinh")
# A "Tập thể" column names a collective instead of a person (the awards and ratings sheets).
_COLLECTIVE = ("tap the", "ten tap the", "don vi tap the")
# Where only collectives are rated, the department column may also be headed like this.
_COLLECTIVE_ONLY = (*_COLLECTIVE, "phong ban", "ten phong ban", "bo phan", "ten bo phan", "don vi", "ten don vi")
_RATING = (
    "xep loai",
    "muc xep loai",
    "ket qua xep loai",
    "xep loai chat luong",
    "danh gia",
    "ket qua danh gia",
    "muc do hoan thanh nhiem vu",
    "ket qua",
)
_START = ("tu ngay", "ngay bat dau", "bat dau", "ngay hieu luc", "thoi gian tu")
_END = ("den ngay", "ngay ket thuc", "ket thuc", "het hieu luc", "ngay het hieu luc", "thoi gian den")
_SHEET_ALIASES_BY_FIELD: dict[str, dict[str, tuple[str, ...]]] = {
    "ratings": {
        "year": ("nam", "nam danh gia", "nam xep loai"),
        "rating": _RATING,
        "collective": _COLLECTIVE,
        "notes": _NOTES,
    },
    "collective_ratings": {
        "year": ("nam", "nam danh gia", "nam xep loai"),
        "rating": (*_RATING, "xep loai tap the"),
        "collective": _COLLECTIVE_ONLY,
        "notes": _NOTES,
    },
    "initiatives": {
        "title": ("ten sang kien", "sang kien", "ten de tai", "ten sang kien de tai", "noi dung sang kien"),
        "level": ("cap cong nhan", "cap", "pham vi", "pham vi anh huong", "cap cong nhan sang kien", "hieu qua"),
        "recognized_on": ("ngay cong nhan", "ngay quyet dinh", "ngay qd", "ngay"),
        "decision_no": _DECISION_NO,
        "notes": _NOTES,
    },
    "discipline": {
        "level": ("hinh thuc", "hinh thuc ky luat", "muc ky luat", "ky luat"),
        "start_date": _START,
        "end_date": _END,
        "reason": ("ly do", "noi dung vi pham", "hanh vi vi pham", "ly do ky luat"),
        "decision_no": _DECISION_NO,
        "pending": ("dang xem xet", "dang xu ly", "chua quyet dinh", "dang xem xet xu ly"),
        "notes": _NOTES,
    },
    "leave": {
        "kind": ("loai nghi", "loai", "hinh thuc nghi", "ly do nghi", "loai nghi dai ngay"),
        "start_date": _START,
        "end_date": _END,
        "notes": _NOTES,
    },
    "awards": {
        "year": ("nam", "nam khen thuong", "nam dat", "nam danh hieu"),
        "code": (
            "danh hieu hinh thuc",
            "danh hieu hinh thuc khen thuong",
            "danh hieu",
            "hinh thuc",
            "hinh thuc khen thuong",
            "ma danh hieu",
            "khen thuong",
            "danh hieu thi dua",
        ),
        "decision_no": _DECISION_NO,
        "decision_date": ("ngay quyet dinh", "ngay qd", "ngay ky", "ngay ky quyet dinh", "ngay"),
        "issuer": ("co quan ban hanh", "cap khen", "noi ban hanh", "co quan quyet dinh", "nguoi ky", "cap quyet dinh"),
        "collective": (*_COLLECTIVE, "tap the duoc khen"),
        "notes": _NOTES,
    },
}

# (longest text, several lines allowed) per field; the rest are one line of TEXT_MAX_LENGTH (see clean_input).
TEXT_LIMITS: dict[str, tuple[int, bool]] = {
    "full_name": (NAME_MAX_LENGTH, False),
    "collective": (NAME_MAX_LENGTH, False),
    "title": (LONG_TEXT_MAX_LENGTH, False),
    "issuer": (TEXT_MAX_LENGTH, False),
    "reason": (NOTES_MAX_LENGTH, True),
    "notes": (NOTES_MAX_LENGTH, True),
}

_PENDING_YES = ("dang xem xet",)  # "Đang xem xét" in the discipline sheet's pending column
_LEVEL_ALIASES = {"co so": "co_so", "tinh": "tinh", "cap bo": "tinh", "toan quoc": "toan_quoc", "quoc gia": "toan_quoc"}
_LEAVE_ALIASES = {
    "thai san": "maternity",
    "om": "sick",
    "om dai ngay": "sick",
    "nghi om": "sick",
    "khong luong": "unpaid",
    "hoc": "study",
    "di hoc": "study",
    "dao tao": "study",
    "boi duong": "study",
}
_OWN_ISSUERS = {"don vi", "co quan", "xa", "uy ban nhan dan xa", "chu tich uy ban nhan dan xa"}
_RATING_KINDS = ("ratings", "collective_ratings")
# The columns that say who a row is about; "collective" only in the sheets that accept collectives.
_WHO = ("staff_code", "full_name", "collective")
_YEAR_HEADER = re.compile(r"^(?:nam\s*)?((?:19|20)\d\d)$")
# A ratings sheet's year column headed with words around its one year ("XL năm 2024", "Xếp loại 2024"): a header
# with exactly one number, a year of 19xx/20xx.
_NUMBERS = re.compile(r"\d+")
_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")
FIRST_YEAR = 1975


def _key(text: object) -> str:
    """Folded words only: accents, case and punctuation ignored."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).split())


def _label(kind: str, name: str) -> str:
    return _(COMMON_FIELDS.get(name) or SHEET_FIELDS[kind][name])
