"""Tab "Nhận gói": verify and dry run first, show exactly what would change, then import on confirmation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.format import (
    PackageError,
)
from desktop.i18n import _
from desktop.ops import exchange as ops
from desktop.ui.exchange.common import (
    STATUS_KEYS,
    ExchangeHost,
    group_fingerprint,
    message_label,
    record_kind_label,
    say,
    show_value,
    when,
)
from desktop.ui.jobs import Job, show_job_error
from desktop.ui.operations import Operation
from desktop.ui.tables import fill_rows, make_table
from desktop.ui.widgets import BAD_COLOR, OK_COLOR, WARN_COLOR, ask_confirm, button_row, push_button, show_error

# -- worker side: plain data in, plain data out, on the worker's own store (Operation.run_in_background) --


def dry_run_work(store: Any, *, files: list[Path]) -> list[dict[str, Any]]:
    return [plan.to_json() for plan in ops.dry_run(store, files=files)]


def import_work(store: Any, *, files: list[Path], digests: list[str]) -> list[dict[str, Any]]:
    """Apply ``files`` only if each still has the digest its dry run read (``digests``): the clerk confirmed what
    that dry run showed, not whatever is at the path now."""
    return [result.to_json() for result in ops.import_files(store, files=files, expected_sha256=digests)]


class ReceiveTab(QWidget):
    """Nhận gói: verify and dry run first, show exactly what would change, then apply on confirmation."""

    def __init__(self, page: ExchangeHost) -> None:
        super().__init__(page)
        self.page = page
        self.job: Job | None = None
        self.files: list[Path] = []
        self.plans: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        self.choose_button = push_button(_("Chọn gói để kiểm tra…"), self.choose_files)
        self.apply_button = QPushButton(_("Nhập vào cơ sở dữ liệu"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(lambda: self.confirm_and_apply())
        layout.addLayout(button_row(self.choose_button, self.apply_button))
        self.status = message_label()
        say(
            self.status,
            _(
                "Chọn một hoặc nhiều tệp .tdkt. Chương trình kiểm tra chữ ký, mã kiểm tra và nội dung rồi cho "
                "biết sẽ thêm, cập nhật gì — chưa ghi gì vào cơ sở dữ liệu."
            ),
        )
        layout.addWidget(self.status)
        self.flags = message_label()
        layout.addWidget(self.flags)
        layout.addWidget(QLabel(_("Số bản ghi theo loại:")))
        self.counts = make_table(
            [_("Tệp"), _("Từ"), _("Loại bản ghi"), _("Mới"), _("Cập nhật"), _("Không đổi"), _("Xung đột")], stretch=1
        )
        self.counts.setMaximumHeight(150)
        layout.addWidget(self.counts)
        layout.addWidget(QLabel(_("Xung đột và thay đổi, từng trường (dữ liệu hiện có — dữ liệu trong gói):")))
        self.conflicts = make_table(
            [_("Loại"), _("Bản ghi"), _("Lý do"), _("Trường"), _("Dữ liệu hiện có"), _("Dữ liệu trong gói")],
            stretch=2,
        )
        layout.addWidget(self.conflicts, 1)
        self.result = message_label()
        layout.addWidget(self.result)

    def choose_files(self) -> Job | None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Chọn gói dữ liệu"), str(Path.home()), _("Gói dữ liệu (*.tdkt)")
        )
        if not names:
            return None
        return self.check([Path(name) for name in names])

    def check(self, files: list[Path]) -> Job | None:
        if self.job is not None:
            return None
        self.files, self.plans = list(files), []
        self._clear_report()
        self._busy(True)
        say(self.status, _("Đang kiểm tra {n} tệp…").format(n=len(files)))
        operation = Operation(self, self.page.context, dry_run_work, files=list(files))
        self.job = (
            operation.success(self._planned)
            .failure(self._refused)
            .cancelled(self._over)
            .run_in_background(_("Kiểm tra gói dữ liệu"))
        )
        return self.job

    def _busy(self, busy: bool) -> None:
        self.choose_button.setEnabled(not busy)
        self.apply_button.setEnabled(False)

    def _over(self) -> None:
        self.job = None
        self._busy(False)

    def _clear_report(self) -> None:
        say(self.flags, "")
        say(self.result, "")
        self.counts.setRowCount(0)
        self.conflicts.setRowCount(0)

    def _planned(self, plans: list[dict[str, Any]]) -> None:
        self._over()
        self.plans = plans
        count_rows: list[list[Any]] = []
        diff_rows: list[list[Any]] = []
        flags: list[str] = []
        for plan in plans:
            sender = f"{plan['sender']['code']} {plan['sender']['name']}".strip()
            for kind, counts in plan["counts"].items():
                count_rows.append(
                    [plan["file"], sender, record_kind_label(kind), *(counts.get(k, 0) for k in STATUS_KEYS)]
                )
            if plan["already_imported"]:
                flags.append(
                    _("{file}: đã nhập trước đây (lúc {at}).").format(file=plan["file"], at=when(plan["imported_at"]))
                )
            if plan["older_than_imported"]:
                flags.append(
                    _("{file}: cũ hơn dữ liệu đã nhận (đã có gói tạo lúc {at}).").format(
                        file=plan["file"], at=when(plan["newer_already_imported"])
                    )
                )
            for conflict in plan["conflicts"]:
                fields = conflict["fields"] or [{"field": "", "ours": "", "theirs": ""}]
                for diff in fields:
                    diff_rows.append(
                        [_("Xung đột"), conflict["label"], conflict["reason"], diff["field"], show_value(diff["ours"]),
                         show_value(diff["theirs"])]
                    )  # fmt: skip
            for gone in plan.get("withdrawn", []):  # awards the unit's newer register no longer holds
                diff_rows.append(
                    [_("Bị rút/thu hồi"), gone["label"], _("không còn trong sổ khen thưởng đơn vị gửi"), "", "", ""]
                )
            for repealed in plan.get("repealed", []):  # the province's overrides its newer snapshot no longer holds
                diff_rows.append(
                    [_("Ngừng áp dụng"), repealed["label"], _("tỉnh đã bãi bỏ: không còn trong gói quy định mới"), "",
                     "", ""]
                )  # fmt: skip
            for update in plan.get("updates", []):
                for diff in update["fields"]:
                    diff_rows.append(
                        [_("Cập nhật"), update["record_uuid"], _("gói mới hơn"), diff["field"],
                         show_value(diff["ours"]), show_value(diff["theirs"])]
                    )  # fmt: skip
        fill_rows(self.counts, count_rows, right=(3, 4, 5, 6))
        fill_rows(self.conflicts, diff_rows)
        for r, row in enumerate(diff_rows):
            if row[0] in (_("Xung đột"), _("Bị rút/thu hồi"), _("Ngừng áp dụng")):
                for c in range(len(row)):
                    item = self.conflicts.item(r, c)
                    if item is not None:
                        item.setForeground(Qt.GlobalColor.darkRed)
        say(self.flags, "\n".join(flags), WARN_COLOR)
        summary = [
            _("{file}: “{kind}” năm {year} từ {sender}, ký bởi khóa {fingerprint}{encrypted}.").format(
                file=plan["file"],
                kind=plan["kind_label"],
                year=plan["year"] if plan["year"] is not None else "—",
                sender=f"{plan['sender']['name']} ({plan['sender']['code']})",
                fingerprint=group_fingerprint(plan["signer_fingerprint"]),
                encrypted=_(", có mã hóa") if plan["encrypted"] else "",
            )
            for plan in plans
        ]
        pending = [plan for plan in plans if not plan["already_imported"]]
        if pending:
            summary.append(_("Gói hợp lệ. Chưa ghi gì: bấm “Nhập vào cơ sở dữ liệu” để nhập."))
        else:
            summary.append(_("Các gói này đều đã được nhập trước đây; không có gì để làm."))
        say(self.status, "\n".join(summary), OK_COLOR if pending else WARN_COLOR)
        self.apply_button.setEnabled(bool(pending))

    def _refused(self, error: BaseException) -> None:
        self._over()
        self.plans = []
        if isinstance(error, PackageError):
            say(self.status, _("Gói bị từ chối, không ghi gì: {reason}").format(reason=error.message), BAD_COLOR)
            show_error(self, error.message, _("Gói bị từ chối"))
        else:
            say(self.status, str(error), BAD_COLOR)
            show_job_error(self, _("Kiểm tra gói dữ liệu"), error)

    def confirm_and_apply(self) -> Job | None:
        if self.job is not None or not self.plans:
            return None
        totals = {k: 0 for k in STATUS_KEYS}
        withdrawn = 0
        repealed: list[str] = []
        for plan in self.plans:
            if plan["already_imported"]:
                continue
            withdrawn += len(plan.get("withdrawn", []))
            repealed += [r["label"] for r in plan.get("repealed", [])]
            for counts in plan["counts"].values():
                for key in STATUS_KEYS:
                    totals[key] += counts.get(key, 0)
        text = _(
            "Nhập {n} gói vào cơ sở dữ liệu: {new} bản ghi mới, {updated} cập nhật. {conflicts} bản ghi xung đột "
            "sẽ không được nhập (giữ dữ liệu hiện có). Mỗi gói được nhập trọn vẹn hoặc không nhập gì. Tiếp tục?"
        ).format(n=len(self.plans), new=totals["new"], updated=totals["updated"], conflicts=totals["conflicts"])
        if withdrawn:
            text += "\n\n" + _(
                "{n} khen thưởng đơn vị đã rút khỏi sổ (quyết định bị hủy bỏ hoặc thay thế) sẽ được đánh dấu bị "
                "rút/thu hồi và không còn được tính trong tổng hợp."
            ).format(n=withdrawn)
        if repealed:
            text += "\n\n" + _(
                "Tỉnh đã bãi bỏ {n} quy định riêng gửi trước đây; sau khi nhập, các quy định này ngừng áp dụng: "
                "{names}."
            ).format(n=len(repealed), names="; ".join(repealed))
        if not ask_confirm(self, _("Nhập gói dữ liệu"), text):
            return None
        return self.apply()

    def apply(self) -> Job:
        self._busy(True)
        say(self.result, _("Đang nhập…"))
        digests = [str(plan["file_sha256"]) for plan in self.plans]
        operation = Operation(self, self.page.context, import_work, files=list(self.files), digests=digests)
        self.job = (
            operation.changes("packages")
            .success(self._applied)
            .failure(self._apply_failed)
            .cancelled(self._over)
            .run_in_background(_("Nhập gói dữ liệu"))
        )
        return self.job

    def _applied(self, results: list[dict[str, Any]]) -> None:
        self._over()
        self.plans = []
        say(self.status, _("Đã nhập xong; chọn gói khác để kiểm tra nếu cần."), OK_COLOR)  # not "chưa ghi gì" any more
        say(self.result, "\n".join(result["message"] for result in results), OK_COLOR)

    def _apply_failed(self, error: BaseException) -> None:
        self._over()
        self.plans = []
        message = error.message if isinstance(error, PackageError) else str(error)
        say(self.result, _("Không nhập được, không ghi gì: {reason}").format(reason=message), BAD_COLOR)
        if isinstance(error, PackageError):
            show_error(self, error.message, _("Gói bị từ chối"))
        else:
            show_job_error(self, _("Nhập gói dữ liệu"), error)
