"""What the rules page's parts share: colours, the unconfirmed note, a new rule file's template, date and problem
helpers, where a value comes from."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.dates import format_date
from desktop.domain.rules import RulePack
from desktop.domain.text import nfc
from desktop.i18n import N_, _
from desktop.ops.rules import BASE_SALARY_OVERRIDE_NAME
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.widgets import ERROR_STYLE, OK_STYLE, FieldError

UNCONFIRMED_COLOR = QColor("#a35200")
UNCONFIRMED_BACKGROUND = QColor("#fff1dc")
CITE_ROLE = Qt.ItemDataRole.UserRole + 1

PARAM_LABELS: dict[str, str] = {
    "min_rating": N_("Xếp loại tối thiểu"),
    "min_months_worked": N_("Số tháng công tác tối thiểu"),
    "requires_title": N_("Phải đạt danh hiệu"),
    "requires_ldtt": N_("Phải đạt Lao động tiên tiến"),
    "excellent_rating": N_("Xếp loại được tính là xuất sắc"),
    "excellent_rating_suffices": N_("Xếp loại xuất sắc là đủ, không cần sáng kiến"),
    "initiative_levels": N_("Cấp sáng kiến được tính"),
    "cap_percent_of_ldtt": N_("Tỷ lệ CSTĐCS tối đa so với số LĐTT (%)"),
    "consecutive_years": N_("Số năm liên tục"),
    "ldtt_share_more_than_percent": N_("Tỷ lệ thành viên đạt LĐTT phải hơn (%)"),
    "blocking_discipline_level": N_("Không có thành viên bị kỷ luật từ mức"),
    "collective_rating": N_("Xếp loại của tập thể"),
    "member_min_rating": N_("Xếp loại tối thiểu của mọi thành viên"),
    "members_complete_percent": N_("Tỷ lệ thành viên hoàn thành nhiệm vụ (%)"),
    "ldtt_share_at_least_percent": N_("Tỷ lệ thành viên đạt LĐTT tối thiểu (%)"),
    "min_cstdcs_members": N_("Số thành viên đạt CSTĐCS tối thiểu"),
    "consecutive_cstdcs_years": N_("Số năm liên tục đạt CSTĐCS"),
    "consecutive_excellent_years": N_("Số năm liên tục hoàn thành xuất sắc nhiệm vụ"),
    "min_initiatives": N_("Số sáng kiến tối thiểu"),
    "collective_kinds": N_("Loại tập thể được xét"),
}
UNCONFIRMED_NOTE = N_(
    "“Chưa xác nhận”: căn cứ này chưa đối chiếu được với văn bản gốc. "
    "Hãy kiểm tra văn bản (của Trung ương, của tỉnh) và sửa nếu cần."
)

# A starting point for a new province rule file: the clerk fills in the real document numbers.
OVERRIDE_TEMPLATE = """\
# Quy định riêng của tỉnh, đặt chồng lên bộ quy tắc quốc gia.
# Chỉ ghi những giá trị tỉnh thay đổi; mỗi giá trị phải có căn cứ (cite) và ngày áp dụng (from).

[pack]
id = "vn-tinh"
name = "Quy định thi đua, khen thưởng của tỉnh"
version = "1"
valid_from = {today}
jurisdiction = "VN-TINH"
kind = "override"
base = "vn-national"

# [settings]
# new_staff_min_months = {{ value = 10, cite = "Quyết định …/…/QĐ-UBND, Điều …", from = {today} }}
# In giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động tiên tiến (mặc định: chỉ tiền thưởng và quyết định):
# print_optional_certificates = {{ value = true, cite = "Quyết định …/…/QĐ-UBND, Điều …", from = {today} }}

# [titles.CSTDCS.params]
# cap_percent_of_ldtt = {{ value = 30, cite = "Quyết định …/…/QĐ-UBND, Điều …", from = {today} }}
"""


BoxT = TypeVar("BoxT", QVBoxLayout, QHBoxLayout)


def _tab(layout_type: type[BoxT]) -> tuple[QWidget, BoxT]:
    """A tab of the rules page and its layout (``QVBoxLayout`` or ``QHBoxLayout``), with the tabs' margins."""
    tab = QWidget()
    layout = layout_type(tab)
    layout.setContentsMargins(6, 6, 6, 6)
    return tab, layout


def _monospace_font() -> Any:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _date_text(value: object) -> str:
    day = _as_date(value)
    return format_date(day) if day else str(value or "")


def _error_label() -> QLabel:
    """A :class:`FieldError` whose text the clerk can select and copy."""
    label = FieldError()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _show_problems(label: QLabel, problems: list[str]) -> None:
    label.setStyleSheet(ERROR_STYLE)
    label.setText("\n".join(problems))
    label.setVisible(bool(problems))


def _show_ok(label: QLabel, text: str) -> None:
    label.setStyleSheet(OK_STYLE)
    label.setText(text)
    label.setVisible(bool(text))


def source_label(source: str, sources: dict[str, str]) -> str:
    """“Quốc gia” for the national file; a stored override is known by its name (the file stem for a file)."""
    if source in sources:
        return sources[source]
    if source == _local_source():
        return _(source)
    return source.removesuffix(".toml")


def pack_sources(pack: RulePack) -> dict[str, str]:
    return {pack.meta.source: _("Quốc gia")}


# -- the page -------------------------------------------------------------------------------------------------


def _problems(error: BaseException) -> list[str]:
    """A rule pack's every problem (RulePackError.problems), or the one message of any other refusal."""
    problems = getattr(error, "problems", None)
    return list(problems) if problems else [reason_text(error)]


def _local_source() -> str:
    return BASE_SALARY_OVERRIDE_NAME


def _is_local(row: dict[str, Any]) -> bool:
    """A row of the clerk's own base-salary table (the one local override ops.rules keeps for it)."""
    return str(row.get("source") or "") == _local_source()


_NATIONAL: list[RulePack] = []


def _national_pack() -> RulePack:
    if not _NATIONAL:
        from desktop.domain.rules import load_default_pack

        _NATIONAL.append(load_default_pack())
    return _NATIONAL[0]


def _pack_name(text: str) -> str:
    """The ``[pack] name`` of an override file, if it can be read."""
    try:
        meta = tomllib.loads(text).get("pack", {})
    except tomllib.TOMLDecodeError:
        return ""
    name = meta.get("name") if isinstance(meta, dict) else None
    return nfc(name) if isinstance(name, str) else ""
