"""The areas of the window, in sidebar order. Each page is built the first time it is shown.

Factories import their page module inside the function, so start-up only pays for the first page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.i18n import N_, _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.context import AppContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str  # Vietnamese source text, marked with N_; translate with _() when shown
    icon: str  # name of a QStyle.StandardPixmap, resolved when the window is built
    factory: Callable[[AppContext], QWidget]


def _placeholder(label: str, purpose: str) -> Callable[[AppContext], QWidget]:
    def build(context: AppContext) -> QWidget:
        from desktop.ui.pages.placeholder import PlaceholderPage

        return PlaceholderPage(context, title=_(label), purpose=_(purpose))

    return build


def _unit_page(context: AppContext) -> QWidget:
    from desktop.ui.pages.unit_page import UnitPage

    return UnitPage(context)


def _staff_page(context: AppContext) -> QWidget:
    try:
        from desktop.ui.staff.page import StaffPage
    except Exception:  # the staff area is developed separately; never let it break the window
        log.exception("staff page unavailable")
        return _placeholder(STAFF_LABEL, STAFF_PURPOSE)(context)
    return StaffPage(context)


def _review_page(context: AppContext) -> QWidget:
    from desktop.ui.pages.review_page import ReviewPage

    return ReviewPage(context)


def _settings_page(context: AppContext) -> QWidget:
    from desktop.ui.pages.settings_page import SettingsPage

    return SettingsPage(context)


STAFF_LABEL = N_("Cán bộ")
STAFF_PURPOSE = N_("Danh sách cán bộ, công chức, người lao động; nhập từ Excel; xếp loại hằng năm.")

PAGES: list[PageSpec] = [
    PageSpec("unit", N_("Đơn vị"), "SP_DirHomeIcon", _unit_page),
    PageSpec("staff", STAFF_LABEL, "SP_FileDialogDetailedView", _staff_page),
    PageSpec(
        "movements",
        N_("Phong trào"),
        "SP_FileDialogStart",
        _placeholder(
            N_("Phong trào"),
            N_("Phát động phong trào thi đua, đăng ký, giao ước, tiêu chí chấm điểm, sơ kết và tổng kết."),
        ),
    ),
    PageSpec("nominations", N_("Bình xét & đề nghị"), "SP_DialogApplyButton", _review_page),
    PageSpec(
        "decisions",
        N_("Quyết định"),
        "SP_FileIcon",
        _placeholder(
            N_("Quyết định"),
            N_("Lập quyết định công nhận danh hiệu, khen thưởng kèm danh sách và tiền thưởng, ghi số sổ vàng."),
        ),
    ),
    PageSpec(
        "certificates",
        N_("In giấy khen"),
        "SP_DialogSaveButton",
        _placeholder(
            N_("In giấy khen"),
            N_("In giấy khen, giấy chứng nhận lên giấy trắng hoặc lên phôi in sẵn, căn chỉnh theo máy in."),
        ),
    ),
    PageSpec(
        "reports",
        N_("Báo cáo"),
        "SP_FileDialogContentsView",
        _placeholder(
            N_("Báo cáo"),
            N_("Báo cáo thống kê thi đua, khen thưởng theo mẫu của Bộ Nội vụ và báo cáo tổng kết."),
        ),
    ),
    PageSpec(
        "exchange",
        N_("Trao đổi dữ liệu"),
        "SP_DriveNetIcon",
        _placeholder(
            N_("Trao đổi dữ liệu"),
            N_("Gửi gói hồ sơ đề nghị lên tỉnh và nhận gói quy định, kết quả từ tỉnh gửi về."),
        ),
    ),
    PageSpec("settings", N_("Cài đặt"), "SP_FileDialogListView", _settings_page),
]


def page_keys() -> list[str]:
    return [spec.key for spec in PAGES]
