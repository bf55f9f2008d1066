"""Tab "Tổng hợp các đơn vị" (province mode): counts by unit for a year, a whole folder of packages at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.ops import province
from desktop.ops.errors import error_message
from desktop.ui.exchange.common import STATUS_LABELS, ExchangeHost, counts_text, kind_label, message_label, say, when
from desktop.ui.exchange.province_decisions import NominationsBox
from desktop.ui.jobs import Job
from desktop.ui.operations import Operation
from desktop.ui.scratch import scratch_folder
from desktop.ui.tables import fill_rows, make_table
from desktop.ui.widgets import BAD_COLOR, OK_COLOR, WARN_COLOR, push_button, show_error, year_box

# a file of the folder the database could not take (busy, disk full): not the package's fault, tried again later
FOLDER_STATUS_LABELS = STATUS_LABELS | {"failed": N_("Chưa nhập được")}


def folder_work(store: Any, *, folder: Path, progress: Any, should_cancel: Any) -> list[dict[str, Any]]:
    def report(done: int, total: int, name: str) -> None:
        text = _("Đang nhập {done}/{total}: {file}").format(done=done + 1, total=total, file=name) if name else ""
        progress(done, total, text)

    return province.import_folder(store, folder=folder, progress=report, should_cancel=should_cancel)


class ProvinceTab(QWidget):
    """Tổng hợp các đơn vị (province mode): counts by unit for a year, and a whole folder of packages at once."""

    UNIT_COLUMNS = (
        N_("Mã"), N_("Đơn vị"), N_("Số gói"), N_("Gói gần nhất"), N_("Đề nghị"), N_("Đã có quyết định"),
        N_("Khen thưởng"), N_("Báo cáo năm"),
    )  # fmt: skip
    SUMMARY_COLUMNS = (N_("Tệp"), N_("Kết quả"), N_("Nơi gửi"), N_("Loại gói"), N_("Số bản ghi"), N_("Ghi chú"))

    def __init__(self, page: ExchangeHost) -> None:
        super().__init__(page)
        self.page = page
        self.job: Job | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Năm:")))
        self.year = year_box()
        row.addWidget(self.year)
        self.show_button = push_button(_("Xem tổng hợp"), self.load)
        row.addWidget(self.show_button)
        row.addSpacing(24)
        self.folder_button = push_button(_("Nhập cả thư mục…"), self.choose_folder)
        row.addWidget(self.folder_button)
        self.attachments_button = push_button(_("Mở báo cáo thành tích đơn vị gửi…"), lambda: self.open_attachment())
        row.addWidget(self.attachments_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.totals = message_label()
        layout.addWidget(self.totals)
        self.units = make_table([_(c) for c in self.UNIT_COLUMNS], stretch=1)
        layout.addWidget(self.units, 2)
        self.nominations = NominationsBox(page.context, self._decided, self)
        layout.addWidget(self.nominations, 3)
        layout.addWidget(QLabel(_("Kết quả nhập thư mục:")))
        self.summary = make_table([_(c) for c in self.SUMMARY_COLUMNS], stretch=5)
        layout.addWidget(self.summary, 1)
        self.folder_message = message_label()
        layout.addWidget(self.folder_message)

    def _busy(self, busy: bool) -> None:
        self.show_button.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)

    def open_attachment(self, attachment_id: int | None = None) -> Path | None:
        """Pick one of the files units sent with their packages (the selected unit's first) and open it."""

        rows = province.list_attachments(self.page.context.store)
        chosen = self._selected_unit_code()
        if chosen:  # the unit the clerk is looking at first; the others stay reachable below
            rows.sort(key=lambda row: row["unit_code"] != chosen)
        if not rows:
            say(self.folder_message, _("Chưa có đơn vị nào gửi tệp đính kèm."), WARN_COLOR)
            return None
        if attachment_id is None:
            # newest package first; numbered, so two versions of one report are two lines and the chosen line is
            # the file opened
            labels = [f"{n}. {province.attachment_label(r)}" for n, r in enumerate(rows, start=1)]
            choice, ok = QInputDialog.getItem(self, _("Tệp đơn vị gửi kèm"), _("Chọn tệp để mở:"), labels, 0, False)
            if not ok or choice not in labels:
                return None
            attachment_id = rows[labels.index(choice)]["id"]
        folder = scratch_folder("attachment")
        saving = Operation(
            self, self.page.context, province.save_attachment, attachment_id=attachment_id, folder=folder
        )
        if not saving.failure(lambda error: say(self.folder_message, error_message(error), BAD_COLOR)).run():
            return None
        saved = Path(saving.result)
        if saved.suffix.lower() != ".pdf" or saved.name.rstrip(" .") != saved.name:
            # opening hands the file to Windows' default program: only a PDF, never something it would run
            say(self.folder_message, _("Tệp “{name}” không phải PDF nên không mở.").format(name=saved.name), BAD_COLOR)
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(saved)))
        return saved

    def _selected_unit_code(self) -> str:
        item = self.units.item(self.units.currentRow(), 0) if self.units.currentRow() >= 0 else None
        return item.text() if item is not None else ""

    def _over(self) -> None:
        self.job = None
        self._busy(False)

    def load(self) -> Job | None:
        if self.job is not None:
            return None
        year = self.year.value()
        self._busy(True)
        operation = Operation(self, self.page.context, province.consolidated, year=year)
        self.job = (
            operation.success(self._loaded)
            .failure(self._failed)
            .cancelled(self._over)
            .run_in_background(_("Tổng hợp năm {year}").format(year=year), show_progress=False)
        )
        return self.job

    def _loaded(self, data: dict[str, Any]) -> None:
        self._over()
        totals = data["totals"]
        text = _(
            "Năm {year}: {units} đơn vị ({with_data} đơn vị có dữ liệu), {nominations} đề nghị, {decided} đã có "
            "quyết định, {awards} khen thưởng."
        ).format(
            year=data["year"],
            units=totals["units"],
            with_data=totals["units_with_data"],
            nominations=totals["nominations"],
            decided=totals["decided"],
            awards=totals["awards"],
        )
        if totals.get("duplicates"):  # known from the packages: said before the clerk chooses whom to decide on
            text += " " + _(
                "{n} đề nghị trùng (đơn vị gửi hai lần cho cùng đối tượng, cùng danh hiệu, hình thức, cùng năm): "
                "xem cột “Lưu ý”, chỉ ghi quyết định cho một đề nghị."
            ).format(n=totals["duplicates"])
        say(self.totals, text, WARN_COLOR if totals.get("duplicates") else "")
        fill_rows(
            self.units,
            [
                [
                    unit["code"],
                    unit["name"],
                    unit["packages"],
                    when(unit["last_package_at"]),
                    unit["nominations"],
                    unit["decided"],
                    unit["awards"],
                    _("Đã có") if unit["yearly_report"] else _("Chưa có"),
                ]
                for unit in data["units"]
            ],
            right=(2, 4, 5, 6),
        )
        self.nominations.set_rows(data["nominations"])

    def _decided(self, uuids: list[str] | None) -> None:
        """After the province recorded a decision: the lists again, and what to do next."""
        if not uuids:
            return
        say(
            self.folder_message,
            _(
                "Đã ghi quyết định cho {n} đề nghị. Gửi về đơn vị: thẻ “Gửi về đơn vị”, loại gói “Quyết định của "
                "tỉnh về các đề nghị”."
            ).format(n=len(uuids)),
            OK_COLOR,
        )
        self.load()

    def _failed(self, error: BaseException) -> None:
        self._over()
        say(self.folder_message, error_message(error), BAD_COLOR)
        show_error(self, error_message(error))

    def choose_folder(self) -> Job | None:
        name = QFileDialog.getExistingDirectory(self, _("Chọn thư mục chứa các gói .tdkt"), str(Path.home()))
        if not name:
            return None
        return self.import_folder(Path(name))

    def import_folder(self, folder: Path) -> Job | None:
        if self.job is not None:
            return None
        self._busy(True)
        self.summary.setRowCount(0)
        say(self.folder_message, _("Đang nhập các gói trong {folder}…").format(folder=folder))
        operation = Operation(self, self.page.context, folder_work, folder=folder)
        self.job = (
            operation.changes("packages", when_cancelled=True)  # the packages imported before the stop stay
            .success(self._folder_done)
            .failure(self._failed)
            .cancelled(self._folder_cancelled)
            .run_in_background(_("Nhập các gói trong thư mục"))
        )
        return self.job

    def _folder_cancelled(self) -> None:
        self._over()
        say(
            self.folder_message,
            _("Đã dừng. Các gói đã nhập trước khi dừng vẫn được giữ; nhập lại thư mục để tiếp tục."),
            WARN_COLOR,
        )

    def _folder_done(self, rows: list[dict[str, Any]]) -> None:
        too_late = self.job is not None and self.job.cancel_flag.is_set()  # every file was processed before the stop
        self._over()
        fill_rows(
            self.summary,
            [
                [
                    row["file"],
                    _(FOLDER_STATUS_LABELS.get(row["status"], row["status"])),
                    row["sender"],
                    kind_label(row["kind"]) if row["kind"] else "",
                    counts_text(row["counts"]),
                    row["message"],
                ]
                for row in rows
            ],
        )
        for r, row in enumerate(rows):
            if row["status"] in ("refused", "failed"):
                for c in range(self.summary.columnCount()):
                    item = self.summary.item(r, c)
                    if item is not None:
                        item.setForeground(Qt.GlobalColor.darkRed)
        applied = sum(1 for row in rows if row["status"] == "applied")
        duplicate = sum(1 for row in rows if row["status"] == "duplicate")
        refused = sum(1 for row in rows if row["status"] == "refused")
        failed = sum(1 for row in rows if row["status"] == "failed")
        text = _("Đã xử lý {n} tệp: {applied} nhập mới, {duplicate} đã nhập trước đây, {refused} bị từ chối.").format(
            n=len(rows), applied=applied, duplicate=duplicate, refused=refused
        )
        if failed:
            text += " " + _(
                "{failed} tệp chưa nhập được (lý do ở cột Ghi chú, thường là cơ sở dữ liệu đang bận); các tệp khác vẫn "
                "được nhập. Nhập lại thư mục để thử lại các tệp đó: tệp đã nhập sẽ không bị nhập hai lần."
            ).format(failed=failed)
        twins = sum(1 for row in rows if row.get("duplicates"))
        if twins:
            text += " " + _(
                "{n} gói mang đề nghị trùng với đề nghị đã nhận (vẫn được nhập; xem cột Ghi chú và cột “Lưu ý” của "
                "danh sách đề nghị)."
            ).format(n=twins)
        if too_late:
            text += " " + _("Lệnh dừng đến khi mọi tệp đã được xử lý nên không có gì bị bỏ dở.")
        say(self.folder_message, text, BAD_COLOR if refused or failed else WARN_COLOR if twins else OK_COLOR)
        self.load()
