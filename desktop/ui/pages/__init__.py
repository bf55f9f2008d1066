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
    icon: str  # name of an icon in resources/icons (desktop.ui.icons)
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


def _review_area(context: AppContext) -> QWidget:
    from desktop.ui.review.review_area import ReviewArea

    return ReviewArea(context)


def _decisions_page(context: AppContext) -> QWidget:
    from desktop.ui.review.decisions_page import DecisionsPage

    return DecisionsPage(context)


def _movements_page(context: AppContext) -> QWidget:
    from desktop.ui.movements.page import MovementsPage

    return MovementsPage(context)


def _reports_page(context: AppContext) -> QWidget:
    from desktop.ui.reports_page import ReportsPage

    return ReportsPage(context)


def _certificates_page(context: AppContext) -> QWidget:
    from desktop.ui.certificates.page import CertificatesPage

    return CertificatesPage(context)


def _exchange_page(context: AppContext) -> QWidget:
    from desktop.ui.exchange.page import ExchangePage

    return ExchangePage(context)


def _settings_page(context: AppContext) -> QWidget:
    from desktop.ui.pages.settings_page import SettingsPage

    return SettingsPage(context)


STAFF_LABEL = N_("Cán bộ")
STAFF_PURPOSE = N_("Danh sách cán bộ, công chức, người lao động; nhập từ Excel; xếp loại hằng năm.")

PAGES: list[PageSpec] = [
    PageSpec("unit", N_("Đơn vị"), "building-community", _unit_page),
    PageSpec("staff", STAFF_LABEL, "users", _staff_page),
    PageSpec("movements", N_("Phong trào"), "flag", _movements_page),
    PageSpec("nominations", N_("Bình xét & đề nghị"), "list-check", _review_area),
    PageSpec("decisions", N_("Quyết định"), "file-text", _decisions_page),
    PageSpec("certificates", N_("In giấy khen, bằng chứng nhận"), "certificate", _certificates_page),
    PageSpec("reports", N_("Báo cáo"), "chart-bar", _reports_page),
    PageSpec("exchange", N_("Trao đổi dữ liệu"), "arrows-exchange", _exchange_page),
    PageSpec("settings", N_("Cài đặt"), "settings", _settings_page),
]


def page_keys() -> list[str]:
    return [spec.key for spec in PAGES]
