"""Tab "Lịch sử": every package sent and received, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.ops import exchange as ops
from desktop.ui.exchange.common import (
    DIRECTION_LABELS,
    STATUS_LABELS,
    ExchangeHost,
    counts_text,
    kind_label,
    when,
)
from desktop.ui.tables import fill_rows, make_table
from desktop.ui.widgets import button_row, push_button


class HistoryTab(QWidget):
    """Lịch sử: every package sent and received, newest first."""

    COLUMNS = (
        N_("Thời điểm"), N_("Chiều"), N_("Loại gói"), N_("Năm"), N_("Nơi gửi"), N_("Nơi nhận"), N_("Trạng thái"),
        N_("Số bản ghi"), N_("Tệp"),
    )  # fmt: skip

    def __init__(self, page: ExchangeHost) -> None:
        super().__init__(page)
        self.page = page
        layout = QVBoxLayout(self)
        refresh = push_button(_("Làm mới"), self.refresh)
        layout.addLayout(button_row(QLabel(_("Các gói đã gửi đi và đã nhận, mới nhất trước.")), right=(refresh,)))
        self.table = make_table([_(c) for c in self.COLUMNS], stretch=7)
        layout.addWidget(self.table, 1)
        self.rows: list[dict[str, Any]] = []
        self.refresh()

    def refresh(self) -> None:
        self.rows = ops.history(self.page.context.store)
        fill_rows(
            self.table,
            [
                [
                    when(row["at"]),
                    _(DIRECTION_LABELS.get(row["direction"], row["direction"])),
                    kind_label(row["kind"]),
                    row["year"] or "",
                    f"{row['sender']['name']} ({row['sender']['code']})",
                    f"{row['receiver']['name']} ({row['receiver']['code']})" if row["receiver"]["code"] else "",
                    _(STATUS_LABELS.get(row["status"], row["status"])),
                    counts_text(row["counts"]),
                    row["file_name"],
                ]
                for row in self.rows
            ],
        )
        for r, row in enumerate(self.rows):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None:
                    item.setToolTip(
                        _("SHA-256: {sha}\n{message}").format(sha=row["file_sha256"], message=row["message"] or "")
                    )
