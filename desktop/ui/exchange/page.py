"""Trao đổi dữ liệu: send packages to the province, receive packages (dry run first), history, keys and trust.

Everything that reads or writes a package runs off the UI thread (``Operation.run_in_background``) on a database
connection of its own; the quick key and trust operations run on the window's store. The "Tổng hợp các đơn vị" tab
exists only when this installation is in province mode.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.ops import province
from desktop.ui.context import AppContext
from desktop.ui.exchange.common import (
    DIRECTION_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    ExchangeHost,
    counts_text,
    group_fingerprint,
    kind_label,
    record_kind_label,
    when,
)
from desktop.ui.exchange.history import HistoryTab
from desktop.ui.exchange.keys import KeysTab
from desktop.ui.exchange.province_tab import ProvinceTab, folder_work
from desktop.ui.exchange.receive import ReceiveTab, dry_run_work, import_work
from desktop.ui.exchange.send import SendTab
from desktop.ui.jobs import Job


class ExchangePage(ExchangeHost):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.tabs = QTabWidget()
        self.send = SendTab(self)
        self.receive = ReceiveTab(self)
        self.history = HistoryTab(self)
        self.keys = KeysTab(self)
        self.province: ProvinceTab | None = None
        self.tabs.addTab(self.send, _("Gửi lên tỉnh"))
        self.tabs.addTab(self.receive, _("Nhận gói"))
        self.tabs.addTab(self.history, _("Lịch sử"))
        self.tabs.addTab(self.keys, _("Khóa & tin cậy").replace("&", "&&"))  # "&" would be a mnemonic
        layout.addWidget(self.tabs)
        self._sync_mode()
        self.send.province_mode = None
        self.send.refresh()  # now that the tab exists, its title follows the mode
        context.data_changed.connect(self._on_data_changed)

    def open_package_files(self, paths: list[Path]) -> Job | None:
        """Show the receive tab and check the given packages (verify + dry run), e.g. a .tdkt opened from Explorer."""
        self.tabs.setCurrentWidget(self.receive)
        return self.receive.check([Path(p) for p in paths])

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def _sync_mode(self) -> None:
        """The consolidated tab exists only in province mode."""
        in_province = province.mode(self.context.store) == "province"
        if in_province and self.province is None:
            self.province = ProvinceTab(self)
            self.tabs.addTab(self.province, _("Tổng hợp các đơn vị"))
        elif not in_province and self.province is not None:
            if self.province.job is not None:
                return
            self.tabs.removeTab(self.tabs.indexOf(self.province))
            self.province.deleteLater()
            self.province = None

    def _on_data_changed(self, area: str) -> None:
        if area in ("packages", "trusted_keys", "exchange_mode", "unit", "all"):
            self.history.refresh()
            self.keys.refresh()
            self.send.refresh()
        if area in ("exchange_mode", "all"):
            self._sync_mode()
            if area == "exchange_mode" and self.province is not None:
                self.tabs.setCurrentWidget(self.province)


__all__ = [
    "DIRECTION_LABELS",
    "ROLE_LABELS",
    "STATUS_LABELS",
    "ExchangePage",
    "HistoryTab",
    "KeysTab",
    "ProvinceTab",
    "ReceiveTab",
    "SendTab",
    "counts_text",
    "dry_run_work",
    "folder_work",
    "group_fingerprint",
    "import_work",
    "kind_label",
    "record_kind_label",
    "when",
]
