"""The "Bình xét & đề nghị" area: the review rounds first, the engine's verdicts for a year second."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.ui.context import AppContext
from desktop.ui.review.rounds_widget import RoundsWidget

log = logging.getLogger(__name__)


class ReviewArea(QWidget):
    """Tab 1 "Đợt bình xét" (the year's workflow), tab 2 "Kết quả xét theo quy định" (built on first view)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.rounds = RoundsWidget(context)
        self.tabs.addTab(self.rounds, _("Đợt bình xét"))
        self.verdicts: QWidget | None = None
        self.tabs.addTab(QWidget(), _("Kết quả xét theo quy định"))
        self.tabs.currentChanged.connect(self._tab_changed)

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self.verdicts is None:
            self.verdicts_page()

    def verdicts_page(self) -> QWidget:
        """The verdicts page, built the first time its tab is shown (evaluating a year takes a moment)."""
        if self.verdicts is None:
            try:
                from desktop.ui.pages.review_page import ReviewPage

                page: QWidget = ReviewPage(self.context)
            except Exception as exc:  # that page is developed separately; never let it break this area
                log.exception("review page unavailable")
                page = QLabel(_("Không mở được trang kết quả xét: {reason}").format(reason=exc))
            self.verdicts = page
            self.tabs.blockSignals(True)
            self.tabs.removeTab(1)
            self.tabs.insertTab(1, page, _("Kết quả xét theo quy định"))
            self.tabs.setCurrentIndex(1)
            self.tabs.blockSignals(False)
        return self.verdicts
