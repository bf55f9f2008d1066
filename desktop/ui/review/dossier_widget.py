"""Hồ sơ đề nghị cấp trên: the round's nominations the province decides (CSTĐ cấp tỉnh, Bằng khen, Cờ thi đua…).

They are gathered into a dossier and its documents (tờ trình, danh sách đề nghị, a báo cáo thành tích per nominee)
are rendered into a folder the clerk chooses, to print, sign and send (each dossier in its own sub-folder:
"ho-so-de-nghi-cap-tren-2025" for the year's first, "ho-so-de-nghi-cap-tren-2025-2" for its second…, so a later
sending never mixes with the files of an earlier one); the electronic package for the province
(.tdkt, signed, encrypted to the province once its key is trusted) is made by the exchange operations, the same
as page "Trao đổi dữ liệu" does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.format import EXTENSION
from desktop.i18n import N_, _
from desktop.ops import queries, review
from desktop.ops.errors import error_message
from desktop.ops.review import NOMINATION_STATUSES
from desktop.ui.context import AppContext
from desktop.ui.exchange.common import when
from desktop.ui.jobs import Job
from desktop.ui.operations import Operation, show_in
from desktop.ui.review import (
    documents_dir,
    open_file,
    render_many_in_background,
    safe_file_name,
)
from desktop.ui.tables import bulk_fill, cell, make_table
from desktop.ui.widgets import (
    OK_COLOR,
    FieldError,
    ask_save_path,
    button_row,
    close_buttons,
    note,
    push_button,
    show_info,
    sized_to_screen,
    wrapped_label,
)

HEADERS = (N_("Người, tập thể"), N_("Đề nghị"), N_("Hội đồng"), N_("Trạng thái"))


def dossier_folder_name(year: int, ordinal: int) -> str:
    """The folder of the year's ``ordinal``-th dossier (1 = the first, which keeps the plain name of earlier
    versions): each dossier its own, so the second sending never writes into the first's folder."""
    base = f"ho-so-de-nghi-cap-tren-{year}"
    return safe_file_name(base if ordinal <= 1 else f"{base}-{ordinal}")


class DossierWidget(QWidget):
    """The upward nominations of one round, the dossier built from them, and its documents."""

    changed = Signal()

    def __init__(self, context: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.round_id = round_id
        self.last_job = None
        self.package_job: Job | None = None
        self.rendered: list[Path] = []
        layout = QVBoxLayout(self)
        self.heading = wrapped_label()
        layout.addWidget(self.heading)
        self.table = make_table([_(h) for h in HEADERS], stretch=0)
        layout.addWidget(self.table, 1)
        remark = note(
            _(
                "Chương trình lập đủ các văn bản của hồ sơ (tờ trình, danh sách đề nghị, báo cáo thành tích của "
                "từng người) vào một thư mục để in, ký và gửi. Gói hồ sơ điện tử (.tdkt) gồm các đề nghị đã vào "
                "hồ sơ của năm, để chép vào USB hoặc gửi thư điện tử lên tỉnh; gói được ký bằng khóa của đơn vị "
                "và mã hóa cho tỉnh khi đã tin cậy khóa của tỉnh (trang Trao đổi dữ liệu)."
            )
        )
        layout.addWidget(remark)
        self.error = FieldError()
        layout.addWidget(self.error)
        self.status = wrapped_label()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.build_button = push_button(_("Lập hồ sơ đề nghị cấp trên"), self.build)
        self.render_button = push_button(_("Lập văn bản hồ sơ vào thư mục…"), self.render_to_folder)
        self.package_button = push_button(_("Tạo gói hồ sơ điện tử gửi tỉnh…"), self.save_package)
        layout.addLayout(button_row(self.build_button, self.render_button, self.package_button))
        self.load()

    def load(self) -> None:
        store = self.context.store
        self.round = review.get_round(store, self.round_id)
        self.upward = [
            n for n in self.round["nominations"] if n["conferred_by"] == "upward" and n["status"] != "removed"
        ]
        self.dossiers = [review.get_dossier(store, dossier_id=i) for i in queries.dossier_ids(store, self.round_id)]
        self.items = [n for d in self.dossiers for n in d["nominations"]]
        self.dossier_of = {n["id"]: d for d in self.dossiers for n in d["nominations"]}
        waiting = [n for n in self.upward if n["status"] in ("proposed", "passed")]
        unsent = [d for d in self.dossiers if not d["package"]]
        if self.dossiers:
            self.heading.setText(
                _("Đã lập {n} hồ sơ, gồm {items} đề nghị; còn {waiting} đề nghị cấp trên chưa đưa vào hồ sơ.").format(
                    n=len(self.dossiers), items=len(self.items), waiting=len(waiting)
                )
                + (
                    " "
                    + _("Hồ sơ số {ids} chưa có gói điện tử gửi tỉnh.").format(
                        ids=", ".join(str(d["id"]) for d in unsent)
                    )
                    if unsent
                    else ""
                )
            )
        elif self.upward:
            self.heading.setText(
                _(
                    "Có {n} đề nghị thuộc thẩm quyền cấp trên; đề nghị phải bỏ phiếu cần đạt phiếu trước khi vào hồ sơ."
                ).format(n=len(self.upward))
            )
        else:
            self.heading.setText(
                _(
                    "Đợt này chưa có đề nghị nào thuộc thẩm quyền cấp trên (Chiến sĩ thi đua cấp tỉnh, Bằng khen, "
                    "Cờ thi đua…). Thêm ở danh sách đề nghị của đợt."
                )
            )
        with bulk_fill(self.table):
            self.table.setRowCount(len(self.upward))
            for r, n in enumerate(self.upward):
                ballot = n["ballot"]
                if ballot:
                    ballot_text = _("Đạt") if ballot["passed"] else _("Không đạt")
                else:
                    ballot_text = _("Chưa bỏ phiếu") if n["ballot_required"] else _("Không cần")
                in_dossier = n["status"] == "sent_up"
                status = _(NOMINATION_STATUSES.get(n["status"], n["status"]))
                if n["id"] in self.dossier_of:
                    status = self._dossier_status(self.dossier_of[n["id"]])
                self.table.setItem(r, 0, cell(n["name"], data=n["id"]))
                self.table.setItem(r, 1, cell(n["code_name"]))
                self.table.setItem(r, 2, cell(ballot_text, tooltip=ballot["arithmetic"] if ballot else ""))
                self.table.setItem(
                    r,
                    3,
                    cell(status, color=OK_COLOR if in_dossier else ""),
                )
        self.build_button.setEnabled(bool(waiting))
        self.render_button.setEnabled(bool(self.items))
        self.package_button.setEnabled(bool(self.items) and self.package_job is None)
        why = "" if self.items else _("Chưa có hồ sơ: hãy bấm “Lập hồ sơ đề nghị cấp trên” trước.")
        self.render_button.setToolTip(why)
        self.package_button.setToolTip(why)

    @staticmethod
    def _dossier_status(dossier: dict[str, Any]) -> str:
        """Which dossier holds the nomination, and whether an electronic package was made since (the program
        cannot know whether it reached the province)."""
        package = dossier["package"]
        if not package:
            return _("Trong hồ sơ số {id}, chưa tạo gói gửi tỉnh").format(id=dossier["id"])
        return _("Trong hồ sơ số {id}, đã tạo gói lúc {when}").format(
            id=dossier["id"], when=when(package["package_created_at"])
        )

    def build(self) -> int | None:
        """Gather the round's upward nominations into a dossier; ``changed`` tells the round's page."""
        self.error.show_message("")
        operation = Operation(self, self.context, review.build_dossier, round_id=self.round_id)
        if not operation.failure(show_in(self.error)).run():
            return None
        self.load()
        self.changed.emit()
        return operation.result

    def document_specs(self, folder: Path) -> list[dict[str, Any]]:
        """What goes in the folder: the latest dossier's tờ trình and list, one báo cáo thành tích per nominee in it."""
        year = self.round["year"]
        dossier = self.dossiers[-1]
        spec: dict[str, Any] = {"round_id": self.round_id, "upward": True, "dossier_id": dossier["id"]}
        specs: list[dict[str, Any]] = [
            {"kind": "proposal", "out": folder / f"01-to-trinh-{year}.docx", **spec},
            {"kind": "proposal", "out": folder / f"01-to-trinh-{year}.pdf", **spec},
            {"kind": "proposal_list", "out": folder / f"02-danh-sach-de-nghi-{year}.xlsx", **spec},
            {"kind": "proposal_list", "out": folder / f"02-danh-sach-de-nghi-{year}.pdf", **spec},
        ]
        for index, n in enumerate(dossier["nominations"], start=1):
            name = safe_file_name(f"03-bao-cao-thanh-tich-{index:02d}-{n['name']}")
            specs.append({"kind": "achievement_report", "out": folder / f"{name}.docx", "nomination_id": n["id"]})
        return specs

    def dossier_ordinal(self, dossier_id: int) -> int:
        """Which of the year's dossiers this is (1, 2…), counted over every round of the round's year, oldest first."""
        return queries.dossier_ordinal(self.context.store, dossier_id)

    def render_to_folder(self, folder: Path | None = None) -> Any:
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self, _("Chọn thư mục để lưu văn bản hồ sơ"), str(documents_dir())
            )
            if not chosen:
                return None
            folder = Path(chosen)
        target = folder / dossier_folder_name(int(self.round["year"]), self.dossier_ordinal(self.dossiers[-1]["id"]))
        target.mkdir(parents=True, exist_ok=True)

        def done(paths: list[Path]) -> None:
            self.rendered = paths
            message = _("Đã lập {n} văn bản hồ sơ trong thư mục {folder}.").format(n=len(paths), folder=target)
            self.status.setText(message)
            show_info(self, message)
            open_file(target)

        self.last_job = render_many_in_background(self, self.context, self.document_specs(target), on_done=done)
        return self.last_job

    def save_package(self, out: Path | None = None) -> Job | None:
        """The electronic nomination package of the round's year (page "Trao đổi dữ liệu" makes the same one):
        checked before the file is asked for, encrypted to the province's trusted key when there is one."""
        from desktop.ops import exchange

        if self.package_job is not None:
            return None
        self.error.show_message("")
        year = int(self.round["year"])
        checking = Operation(self, self.context, exchange.package_preview, kind="nomination_dossier", year=year)
        if not checking.failure(show_in(self.error)).run():
            return None
        preview = checking.result
        encrypt_to = exchange.default_encryption_key(self.context.store)
        if out is None:
            suggested = documents_dir() / f"{safe_file_name(f'ho-so-de-nghi-{year}')}{EXTENSION}"
            out = ask_save_path(self, _("Lưu gói hồ sơ điện tử"), suggested, _("Gói dữ liệu (*.tdkt)"))
            if out is None:
                return None

        def done(info: dict[str, Any]) -> None:
            self.package_job = None
            self.load()
            locked = (
                _("có mã hóa cho tỉnh") if info.get("encrypted") else _("không mã hóa (chưa tin cậy khóa của tỉnh)")
            )
            self.status.setText(
                _("Đã tạo gói hồ sơ điện tử gồm {n} đề nghị, {locked}: {path}").format(
                    n=preview["count"], locked=locked, path=info["path"]
                )
            )

        def failed(error: BaseException) -> None:
            self.package_job = None
            self.load()
            self.error.show_message(error_message(error))

        def cancelled() -> None:
            self.package_job = None
            self.load()

        operation = Operation(
            self, self.context, exchange.export, kind="nomination_dossier", year=year, out=out, encrypt_to=encrypt_to
        )
        self.package_button.setEnabled(False)
        self.package_job = (
            operation.changes("packages")
            .success(done)
            .failure(failed)
            .cancelled(cancelled)
            .run_in_background(_("Tạo gói hồ sơ điện tử năm {year}").format(year=year))
        )
        return self.package_job


class DossierDialog(QDialog):
    def __init__(self, context: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Hồ sơ đề nghị cấp trên khen thưởng"))
        sized_to_screen(self, 820, 520)
        layout = QVBoxLayout(self)
        self.widget = DossierWidget(context, round_id, self)
        layout.addWidget(self.widget, 1)
        layout.addWidget(close_buttons(self))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
