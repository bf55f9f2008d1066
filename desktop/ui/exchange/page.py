"""Trao đổi dữ liệu: send packages to the province, receive packages (dry run first), history, keys and trust.

Everything that reads or writes a package runs off the UI thread (``Operation.run_in_background``) on a database
connection of its own; the quick key and trust operations run on the window's store. The "Tổng hợp các đơn vị" tab
exists only when this installation is in province mode.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import format_date
from desktop.exchange.format import (
    DOWNWARD_KINDS,
    EXTENSION,
    KIND_LABELS,
    PUBLIC_KEY_EXTENSION,
    RECORD_KIND_LABELS,
    UPWARD_KINDS,
    PackageError,
)
from desktop.i18n import N_, _
from desktop.ops import exchange as ops
from desktop.ops import province
from desktop.ops.errors import error_message, refusal_types
from desktop.ui.context import AppContext
from desktop.ui.jobs import Job, show_job_error
from desktop.ui.operations import Operation
from desktop.ui.tables import fill_rows, make_table
from desktop.ui.widgets import ask_confirm, note, push_button, show_error, show_info, year_box

DIRECTION_LABELS: dict[str, str] = {"sent": N_("Gửi đi"), "received": N_("Nhận về")}
STATUS_LABELS: dict[str, str] = {
    "sent": N_("Đã gửi"),
    "applied": N_("Đã nhập"),
    "duplicate": N_("Đã nhập trước đây"),
    "refused": N_("Bị từ chối"),
}
ROLE_LABELS: dict[str, str] = {"province": N_("Cấp tỉnh"), "unit": N_("Đơn vị")}
ERROR_COLOR = "#b00020"
WARN_COLOR = "#b35c00"
OK_COLOR = "#1b6e20"


def group_fingerprint(fingerprint: str | None) -> str:
    """'3F2A09C1…' → '3F2A 09C1 …': groups of four are easy to read aloud on the phone."""
    text = (fingerprint or "").upper().replace("-", "").replace(" ", "")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def when(text: str | None) -> str:
    """A stored timestamp ("2026-12-04T15:03:00+07:00") as the clerk reads it: "04/12/2026 15:03", local time."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return format_date(text[:10]) if len(text) >= 10 and text[4:5] == "-" else text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year} {moment.hour:02d}:{moment.minute:02d}"


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def record_kind_label(kind: str) -> str:
    return _(RECORD_KIND_LABELS[kind]) if kind in RECORD_KIND_LABELS else kind


def counts_text(counts: dict[str, Any]) -> str:
    """Sent rows count records per kind; received rows count new/updated/unchanged/conflicts per kind."""
    parts = []
    for kind, value in counts.items():
        if isinstance(value, dict):
            parts.append(
                _("{kind}: {new} mới, {updated} cập nhật, {unchanged} không đổi, {conflicts} xung đột").format(
                    kind=record_kind_label(kind), **{k: value.get(k, 0) for k in STATUS_KEYS}
                )
            )
        else:
            parts.append(_("{kind}: {n}").format(kind=record_kind_label(kind), n=value))
    return "; ".join(parts)


STATUS_KEYS = ("new", "updated", "unchanged", "conflicts")


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _say(label: QLabel, text: str, color: str = "") -> None:
    label.setStyleSheet(f"color: {color};" if color else "")
    label.setText(text)


# -- worker side: plain data in, plain data out, on the worker's own store (Operation.run_in_background) ----------


def dry_run_work(store: Any, *, files: list[Path]) -> list[dict[str, Any]]:
    return [plan.to_json() for plan in ops.dry_run(store, files=files)]


def import_work(store: Any, *, files: list[Path]) -> list[dict[str, Any]]:
    return [result.to_json() for result in ops.import_files(store, files=files)]


def folder_work(store: Any, *, folder: Path, progress: Any, should_cancel: Any) -> list[dict[str, Any]]:
    def report(done: int, total: int, name: str) -> None:
        text = _("Đang nhập {done}/{total}: {file}").format(done=done + 1, total=total, file=name) if name else ""
        progress(done, total, text)

    return province.import_folder(store, folder=folder, progress=report, should_cancel=should_cancel)


# -- tabs ---------------------------------------------------------------------------------------------------------


class SendTab(QWidget):
    """Gửi lên tỉnh (unit mode) or Gửi về đơn vị (province mode): one package, signed, encrypted when a key is trusted.

    What would go into the package is shown (counts and names) before "Tạo gói", and checked: a package that
    cannot be made says why before any file is asked for. The first kind with something to send is chosen. In
    province mode the downward kinds are offered: the receiving unit comes from the units whose packages were
    received or whose key is trusted, and the package is encrypted to that unit's key by default; at a unit, to the
    province's key as soon as it is trusted.
    """

    PREVIEW_NAMES = 200  # names listed under the counts; the count says how many there are in all

    def __init__(self, page: ExchangePage) -> None:
        super().__init__(page)
        self.page = page
        self.job: Job | None = None
        self.preview: dict[str, Any] | None = None
        self.refusal = ""
        self._kind_chosen = False  # the clerk picked a kind: it is kept
        self._encrypt_declined = False  # the clerk unticked "Mã hóa": it stays unticked
        layout = QVBoxLayout(self)
        intro = note(
            _(
                "Tạo một tệp gói dữ liệu (.tdkt) để chép vào USB hoặc gửi thư điện tử lên cấp tỉnh. Gói được ký "
                "bằng khóa của đơn vị; nếu đã tin cậy khóa của tỉnh, gói được mã hóa để người khác không đọc được "
                "thông tin cá nhân khi làm mất USB."
            ),
            color="",
        )
        layout.addWidget(intro)
        self.intro = intro
        self.province_mode: bool | None = None
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.activated.connect(lambda _i: self._kind_picked())
        self.kind.currentIndexChanged.connect(lambda _i: self._changed())
        form.addRow(_("Loại gói:"), self.kind)
        self.receiver = QComboBox()
        self.receiver.setMinimumContentsLength(40)
        self.receiver.currentIndexChanged.connect(lambda _i: self._receiver_changed())
        self.receiver_label = QLabel(_("Đơn vị nhận:"))
        form.addRow(self.receiver_label, self.receiver)
        self.year = year_box()
        self.year.valueChanged.connect(lambda _v: self._changed())
        form.addRow(_("Năm:"), self.year)
        encrypt_row = QHBoxLayout()
        self.encrypt_check = QCheckBox(_("Mã hóa gói cho:"))
        self.encrypt_check.clicked.connect(lambda on: self._encrypt_clicked(bool(on)))
        self.encrypt = QComboBox()
        self.encrypt.setMinimumContentsLength(40)
        self.encrypt.currentIndexChanged.connect(lambda _i: self._changed())
        encrypt_row.addWidget(self.encrypt_check)
        encrypt_row.addWidget(self.encrypt, 1)
        form.addRow(_("Mã hóa:"), encrypt_row)
        self.encrypt_note = _message_label()
        form.addRow("", self.encrypt_note)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Sẽ có trong gói:")))
        self.preview_label = _message_label()
        layout.addWidget(self.preview_label)
        self.preview_list = QListWidget()
        self.preview_list.setMaximumHeight(180)
        layout.addWidget(self.preview_list)
        row = QHBoxLayout()
        self.export_button = push_button(_("Tạo gói và lưu…"), self.choose_and_export)
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.mode_note = _message_label()
        layout.addWidget(self.mode_note)
        self.result = _message_label()
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        store = self.page.context.store
        province_mode = province.mode(store) == "province"
        if province_mode != self.province_mode:
            self._set_mode(province_mode)
        self.trusted_keys = [k for k in ops.list_trusted(store) if not k["revoked"]]
        if province_mode:
            self._fill_receivers()
        self._fill_encrypt()
        if not self._kind_chosen:
            self._choose_default_kind()
        self._changed()

    def _set_mode(self, province_mode: bool) -> None:
        """Upward kinds at a unit, downward kinds (with the receiving unit) at the province."""
        self.province_mode = province_mode
        self._kind_chosen = False
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in DOWNWARD_KINDS if province_mode else UPWARD_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.blockSignals(False)
        self.receiver.setVisible(province_mode)
        self.receiver_label.setVisible(province_mode)
        if province_mode:
            self.intro.setText(
                _(
                    "Tạo một tệp gói dữ liệu (.tdkt) gửi về đơn vị: quyết định khen thưởng của tỉnh cho các đề nghị "
                    "đơn vị đã gửi, bộ quy tắc riêng của tỉnh hoặc các phong trào thi đua. Gói được ký bằng khóa "
                    "của tỉnh và mã hóa bằng khóa của đơn vị nhận (nếu đã tin cậy)."
                )
            )
        else:
            self.intro.setText(
                _(
                    "Tạo một tệp gói dữ liệu (.tdkt) để chép vào USB hoặc gửi thư điện tử lên cấp tỉnh. Gói được ký "
                    "bằng khóa của đơn vị; nếu đã tin cậy khóa của tỉnh, gói được mã hóa để người khác không đọc "
                    "được thông tin cá nhân khi làm mất USB."
                )
            )
        index = self.page.tabs.indexOf(self) if hasattr(self.page, "tabs") else -1
        if index >= 0:
            self.page.tabs.setTabText(index, _("Gửi về đơn vị") if province_mode else _("Gửi lên tỉnh"))

    def _fill_receivers(self) -> None:
        """Units known to the province: those whose packages arrived and those whose key is trusted."""
        store = self.page.context.store
        units: dict[str, str] = {}
        for key in self.trusted_keys:
            if key["role"] == "unit" and key["unit_code"]:
                units[key["unit_code"]] = key["unit_name"]
        for row in province.remote_units(store):
            units[row["code"]] = row["name"] or units.get(row["code"], "")
        chosen = self.receiver.currentData()
        self.receiver.blockSignals(True)
        self.receiver.clear()
        self.receiver.addItem(_("— Chọn đơn vị nhận —"), None)
        for code in sorted(units):
            self.receiver.addItem(_("{code} — {name}").format(code=code, name=units[code]), code)
        index = self.receiver.findData(chosen) if chosen else -1
        self.receiver.setCurrentIndex(index if index >= 0 else (1 if self.receiver.count() == 2 else 0))
        self.receiver.blockSignals(False)

    def _fill_encrypt(self, *, prefer_receiver: bool = False) -> None:
        """The trusted keys of the other side (at the province, the chosen unit's); ticked by default when there
        is one, unless the clerk unticked it."""
        wanted_role = "unit" if self.province_mode else "province"
        receiver = self.receiver.currentData() if self.province_mode else None
        chosen = None if prefer_receiver else self.encrypt.currentData()
        self.encrypt.blockSignals(True)
        self.encrypt.clear()
        for key in self.trusted_keys:
            if key["role"] != wanted_role or (receiver and key["unit_code"] != receiver):
                continue
            self.encrypt.addItem(
                _("{name} — {fingerprint}").format(
                    name=key["unit_name"], fingerprint=group_fingerprint(key["fingerprint"])
                ),
                key["fingerprint"],
            )
        index = self.encrypt.findData(chosen) if chosen else -1
        self.encrypt.setCurrentIndex(index if index >= 0 else 0)
        self.encrypt.blockSignals(False)
        has_key = self.encrypt.count() > 0
        self.encrypt_check.setEnabled(has_key)
        self.encrypt_check.setChecked(has_key and not self._encrypt_declined)
        self.encrypt.setEnabled(self.encrypt_check.isChecked())
        if has_key:
            _say(self.encrypt_note, "")
        elif self.province_mode:
            _say(self.encrypt_note, _("Chưa tin cậy khóa của đơn vị nhận: gói sẽ không được mã hóa."), WARN_COLOR)
        else:
            _say(
                self.encrypt_note,
                _(
                    "Chưa tin cậy khóa của tỉnh: gói sẽ không được mã hóa. Nhận tệp khóa của tỉnh ở thẻ “Khóa & "
                    "tin cậy” để mã hóa gói."
                ),
                WARN_COLOR,
            )

    def _encrypt_clicked(self, on: bool) -> None:
        self._encrypt_declined = not on
        self.encrypt.setEnabled(on)
        self._changed()

    @property
    def encrypt_to(self) -> str | None:
        """The fingerprint the package is encrypted to, or None (not ticked, no key)."""
        if not self.encrypt_check.isChecked():
            return None
        data = self.encrypt.currentData()
        return str(data) if data else None

    def _receiver_changed(self) -> None:
        self._fill_encrypt(prefer_receiver=True)
        self._changed()

    def _kind_picked(self) -> None:
        self._kind_chosen = True

    def _choose_default_kind(self) -> None:
        """The first kind that has something to send this year (the dossier when there is one, else the yearly
        report), so the page never opens on a package that cannot be made."""
        for index in range(self.kind.count()):
            try:
                found = self._preview_of(str(self.kind.itemData(index)))
            except refusal_types():  # this kind cannot be sent now: try the next
                continue
            if found["count"]:
                self.kind.blockSignals(True)
                self.kind.setCurrentIndex(index)
                self.kind.blockSignals(False)
                return

    def _preview_of(self, kind: str) -> dict[str, Any]:
        receiver = self.receiver.currentData() if self.province_mode else None
        return ops.package_preview(
            self.page.context.store, kind=kind, year=self.year.value(), encrypt_to=self.encrypt_to, receiver=receiver
        )

    def _changed(self) -> None:
        self._update_preview()
        self._update_button()

    def _update_preview(self) -> None:
        """What "Tạo gói" would put in the package now, or why it cannot be made."""
        self.preview, self.refusal = None, ""
        self.preview_list.clear()
        kind = self.kind.currentData()
        if kind is None:
            _say(self.preview_label, "")
            return
        if self.province_mode and kind == "province_decisions" and not self.receiver.currentData():
            _say(self.preview_label, "")
            return
        try:
            preview = self._preview_of(str(kind))
        except refusal_types() as error:
            self.refusal = error_message(error)
            _say(self.preview_label, self.refusal, ERROR_COLOR)
            return
        self.preview = preview
        receiver = preview["receiver"]
        to = (
            _(" gửi {name} ({code})").format(name=receiver["name"], code=receiver["code"])
            if receiver["code"]
            else ""
        )
        _say(
            self.preview_label,
            _("Gói “{kind}” năm {year}{to}: {n} bản ghi ({what}), {locked}.").format(
                kind=preview["kind_label"],
                year=preview["year"],
                to=to,
                n=preview["count"],
                what=preview["record_label"].lower(),
                locked=_("có mã hóa") if preview["encrypted"] else _("không mã hóa"),
            ),
            "" if preview["count"] else WARN_COLOR,
        )
        names = preview["names"]
        self.preview_list.addItems(names[: self.PREVIEW_NAMES])
        if len(names) > self.PREVIEW_NAMES:
            self.preview_list.addItem(_("… và {n} bản ghi khác").format(n=len(names) - self.PREVIEW_NAMES))

    def _update_button(self) -> None:
        """Decisions go to one unit: at the province the button waits for the receiving unit."""
        needs_receiver = self.province_mode and self.kind.currentData() == "province_decisions"
        missing = bool(needs_receiver and not self.receiver.currentData())
        ready = self.preview is not None
        self.export_button.setEnabled(self.job is None and self.kind.count() > 0 and not missing and ready)
        if missing:
            note = (
                _("Hãy chọn đơn vị nhận gói quyết định.")
                if self.receiver.count() > 1
                else _(
                    "Chưa có đơn vị nào: hãy nhận gói của đơn vị hoặc tin cậy khóa của đơn vị trước khi gửi quyết "
                    "định về."
                )
            )
            _say(self.mode_note, note, WARN_COLOR)
        else:
            _say(self.mode_note, "")

    def choose_and_export(self) -> Job | None:
        """Check the package first (a refusal is said here, no file asked for), then ask where to save it."""
        if self.job is not None:
            return None
        self._update_preview()
        if self.preview is None:
            message = self.refusal or _("Hãy chọn loại gói và năm.")
            _say(self.result, message, ERROR_COLOR)
            show_error(self, message, _("Không tạo được gói"))
            self._update_button()
            return None
        kind = str(self.kind.currentData())
        year = self.year.value()
        receiver = self.receiver.currentData() if self.province_mode else None
        stem = f"{kind}-{receiver}-{year}" if receiver else f"{kind}-{year}"
        suggested = Path.home() / f"{stem}{EXTENSION}"
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Lưu gói dữ liệu"), str(suggested), _("Gói dữ liệu (*.tdkt)")
        )
        if not name:
            return None
        return self.export_to(Path(name))

    def export_to(self, out: Path) -> Job:
        kind = str(self.kind.currentData())
        year = self.year.value()
        encrypt_to = self.encrypt_to
        receiver = self.receiver.currentData() if self.province_mode else None
        self.export_button.setEnabled(False)
        _say(self.result, _("Đang tạo gói…"))
        operation = Operation(
            self, self.page.context, ops.export, kind=kind, year=year, out=out, encrypt_to=encrypt_to, receiver=receiver
        )
        self.job = (
            operation.changes("packages")
            .success(self._exported)
            .failure(self._failed)
            .cancelled(self._over)
            .run_in_background(_("Tạo gói “{kind}” năm {year}").format(kind=kind_label(kind), year=year))
        )
        return self.job

    def _over(self) -> None:
        self.job = None
        self.refresh()

    def _exported(self, info: dict[str, Any]) -> None:
        self._over()
        lines = [_("Đã tạo gói: {path}").format(path=info["path"])]
        if info.get("file_sha256"):
            lines.append(_("Mã kiểm tra SHA-256 của tệp: {sha}").format(sha=info["file_sha256"]))
        if info.get("counts"):
            lines.append(_("Số bản ghi: {counts}").format(counts=counts_text(info["counts"])))
        lines.append(_("Có mã hóa") if info.get("encrypted") else _("Không mã hóa"))
        _say(self.result, "\n".join(lines), OK_COLOR)

    def _failed(self, error: BaseException) -> None:
        self._over()
        _say(self.result, str(error), ERROR_COLOR)
        if isinstance(error, PackageError):
            show_error(self, error.message, _("Không tạo được gói"))
        else:
            show_job_error(self, _("Tạo gói"), error)


class ReceiveTab(QWidget):
    """Nhận gói: verify and dry run first, show exactly what would change, then apply on confirmation."""

    def __init__(self, page: ExchangePage) -> None:
        super().__init__(page)
        self.page = page
        self.job: Job | None = None
        self.files: list[Path] = []
        self.plans: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.choose_button = push_button(_("Chọn gói để kiểm tra…"), self.choose_files)
        row.addWidget(self.choose_button)
        self.apply_button = QPushButton(_("Nhập vào cơ sở dữ liệu"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(lambda: self.confirm_and_apply())
        row.addWidget(self.apply_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = _message_label()
        _say(
            self.status,
            _(
                "Chọn một hoặc nhiều tệp .tdkt. Chương trình kiểm tra chữ ký, mã kiểm tra và nội dung rồi cho "
                "biết sẽ thêm, cập nhật gì — chưa ghi gì vào cơ sở dữ liệu."
            ),
        )
        layout.addWidget(self.status)
        self.flags = _message_label()
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
        self.result = _message_label()
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
        _say(self.status, _("Đang kiểm tra {n} tệp…").format(n=len(files)))
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
        _say(self.flags, "")
        _say(self.result, "")
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
                        [_("Xung đột"), conflict["label"], conflict["reason"], diff["field"], _show(diff["ours"]),
                         _show(diff["theirs"])]
                    )  # fmt: skip
            for update in plan.get("updates", []):
                for diff in update["fields"]:
                    diff_rows.append(
                        [_("Cập nhật"), update["record_uuid"], _("gói mới hơn"), diff["field"], _show(diff["ours"]),
                         _show(diff["theirs"])]
                    )  # fmt: skip
        fill_rows(self.counts, count_rows, right=(3, 4, 5, 6))
        fill_rows(self.conflicts, diff_rows)
        for r, row in enumerate(diff_rows):
            if row[0] == _("Xung đột"):
                for c in range(len(row)):
                    item = self.conflicts.item(r, c)
                    if item is not None:
                        item.setForeground(Qt.GlobalColor.darkRed)
        _say(self.flags, "\n".join(flags), WARN_COLOR)
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
        _say(self.status, "\n".join(summary), OK_COLOR if pending else WARN_COLOR)
        self.apply_button.setEnabled(bool(pending))

    def _refused(self, error: BaseException) -> None:
        self._over()
        self.plans = []
        if isinstance(error, PackageError):
            _say(self.status, _("Gói bị từ chối, không ghi gì: {reason}").format(reason=error.message), ERROR_COLOR)
            show_error(self, error.message, _("Gói bị từ chối"))
        else:
            _say(self.status, str(error), ERROR_COLOR)
            show_job_error(self, _("Kiểm tra gói dữ liệu"), error)

    def confirm_and_apply(self) -> Job | None:
        if self.job is not None or not self.plans:
            return None
        totals = {k: 0 for k in STATUS_KEYS}
        for plan in self.plans:
            if plan["already_imported"]:
                continue
            for counts in plan["counts"].values():
                for key in STATUS_KEYS:
                    totals[key] += counts.get(key, 0)
        text = _(
            "Nhập {n} gói vào cơ sở dữ liệu: {new} bản ghi mới, {updated} cập nhật. {conflicts} bản ghi xung đột "
            "sẽ không được nhập (giữ dữ liệu hiện có). Mỗi gói được nhập trọn vẹn hoặc không nhập gì. Tiếp tục?"
        ).format(n=len(self.plans), new=totals["new"], updated=totals["updated"], conflicts=totals["conflicts"])
        if not ask_confirm(self, _("Nhập gói dữ liệu"), text):
            return None
        return self.apply()

    def apply(self) -> Job:
        self._busy(True)
        _say(self.result, _("Đang nhập…"))
        operation = Operation(self, self.page.context, import_work, files=list(self.files))
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
        _say(self.result, "\n".join(result["message"] for result in results), OK_COLOR)

    def _apply_failed(self, error: BaseException) -> None:
        self._over()
        self.plans = []
        message = error.message if isinstance(error, PackageError) else str(error)
        _say(self.result, _("Không nhập được, không ghi gì: {reason}").format(reason=message), ERROR_COLOR)
        if isinstance(error, PackageError):
            show_error(self, error.message, _("Gói bị từ chối"))
        else:
            show_job_error(self, _("Nhập gói dữ liệu"), error)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class HistoryTab(QWidget):
    """Lịch sử: every package sent and received, newest first."""

    COLUMNS = (
        N_("Thời điểm"), N_("Chiều"), N_("Loại gói"), N_("Năm"), N_("Nơi gửi"), N_("Nơi nhận"), N_("Trạng thái"),
        N_("Số bản ghi"), N_("Tệp"),
    )  # fmt: skip

    def __init__(self, page: ExchangePage) -> None:
        super().__init__(page)
        self.page = page
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Các gói đã gửi đi và đã nhận, mới nhất trước.")))
        row.addStretch(1)
        refresh = push_button(_("Làm mới"), self.refresh)
        row.addWidget(refresh)
        layout.addLayout(row)
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


class KeysTab(QWidget):
    """Khóa & tin cậy: our fingerprint to read aloud, our public key to hand over, the keys we trust, the mode."""

    def __init__(self, page: ExchangePage) -> None:
        super().__init__(page)
        self.page = page
        layout = QVBoxLayout(self)

        own = QGroupBox(_("Khóa của đơn vị này"))
        own_layout = QVBoxLayout(own)
        self.identity = QLabel()
        own_layout.addWidget(self.identity)
        own_layout.addWidget(QLabel(_("Dấu vân tay (đọc qua điện thoại cho nơi nhận để đối chiếu):")))
        self.fingerprint = QLabel()
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(20)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        own_layout.addWidget(self.fingerprint)
        row = QHBoxLayout()
        self.export_key_button = push_button(_("Ghi khóa công khai ra tệp…"), self.export_key)
        row.addWidget(self.export_key_button)
        row.addStretch(1)
        own_layout.addLayout(row)
        self.own_message = _message_label()
        own_layout.addWidget(self.own_message)
        layout.addWidget(own)

        trust = QGroupBox(_("Tin cậy khóa của nơi khác"))
        form = QFormLayout(trust)
        file_row = QHBoxLayout()
        self.key_file = QLineEdit()
        self.key_file.setPlaceholderText(_("Tệp khóa công khai (.tdktkey)"))
        file_row.addWidget(self.key_file, 1)
        browse = push_button(_("Chọn tệp…"), self.choose_key_file)
        file_row.addWidget(browse)
        form.addRow(_("Tệp khóa:"), file_row)
        self.role = QComboBox()
        self.role.addItem(_("Theo tệp khóa"), None)
        for role, label in ROLE_LABELS.items():
            self.role.addItem(_(label), role)
        form.addRow(_("Vai trò:"), self.role)
        self.expected = QLineEdit()
        self.expected.setPlaceholderText(_("Ví dụ: 3F2A 09C1 … (32 ký tự, đọc qua điện thoại)"))
        form.addRow(_("Dấu vân tay được đọc:"), self.expected)
        self.trust_button = push_button(_("Tin cậy khóa này"), self.trust)
        form.addRow("", self.trust_button)
        self.trust_message = _message_label()
        form.addRow(self.trust_message)
        layout.addWidget(trust)

        listing = QGroupBox(_("Các khóa đang được tin cậy"))
        list_layout = QVBoxLayout(listing)
        self.trusted = make_table(
            [_("Đơn vị"), _("Mã"), _("Vai trò"), _("Dấu vân tay"), _("Tin cậy từ"), _("Trạng thái")], stretch=0
        )
        list_layout.addWidget(self.trusted, 1)
        row = QHBoxLayout()
        self.revoke_button = push_button(_("Thu hồi khóa đã chọn"), self.revoke_selected)
        row.addWidget(self.revoke_button)
        row.addStretch(1)
        list_layout.addLayout(row)
        layout.addWidget(listing, 1)

        mode = QGroupBox(_("Chế độ làm việc"))
        mode_layout = QHBoxLayout(mode)
        self.mode_label = _message_label()
        mode_layout.addWidget(self.mode_label, 1)
        self.mode_button = QPushButton()
        self.mode_button.clicked.connect(lambda: self.switch_mode())
        mode_layout.addWidget(self.mode_button)
        layout.addWidget(mode)
        self.keys: list[dict[str, Any]] = []
        self.refresh()

    def refresh(self) -> None:
        store = self.page.context.store
        info = ops.show_keys(store)
        if info["fingerprint"] is None and Operation(self, self.page.context, ops.ensure_unit_keys).run():
            info = ops.show_keys(store)
        self.identity.setText(
            _("{name} (mã {code})").format(name=info["unit_name"] or "—", code=info["unit_code"] or "—")
        )
        self.fingerprint.setText(group_fingerprint(info["fingerprint"]))
        self.keys = info["trusted"]
        fill_rows(
            self.trusted,
            [
                [
                    key["unit_name"],
                    key["unit_code"],
                    _(ROLE_LABELS.get(key["role"], key["role"])),
                    group_fingerprint(key["fingerprint"]),
                    when(key["trusted_at"]),
                    _("Đã thu hồi") if key["revoked"] else _("Đang tin cậy"),
                ]
                for key in self.keys
            ],
        )
        province = info["mode"] == "province"
        self.mode_label.setText(
            _(
                "Máy này đang ở chế độ CẤP TỈNH: nhận gói của nhiều đơn vị vào một cơ sở dữ liệu và xem số liệu "
                "tổng hợp theo đơn vị."
            )
            if province
            else _("Máy này đang ở chế độ ĐƠN VỊ: gửi gói lên tỉnh và nhận quyết định, quy định từ tỉnh.")
        )
        self.mode_button.setText(_("Chuyển về chế độ đơn vị…") if province else _("Chuyển sang chế độ cấp tỉnh…"))

    def export_key(self) -> Path | None:
        suggested = Path.home() / f"khoa-cong-khai{PUBLIC_KEY_EXTENSION}"
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Ghi khóa công khai"), str(suggested), _("Khóa công khai (*.tdktkey)")
        )
        if not name:
            return None

        def refused(error: BaseException) -> None:
            _say(self.own_message, str(error), ERROR_COLOR)
            show_error(self, str(error))

        operation = Operation(self, self.page.context, ops.export_public_key, path=Path(name))
        if not operation.failure(refused).run():
            return None
        path = operation.result
        _say(
            self.own_message,
            _("Đã ghi khóa công khai vào {path}. Gửi tệp này cho nơi nhận và đọc dấu vân tay qua điện thoại.").format(
                path=path
            ),
            OK_COLOR,
        )
        return path

    def choose_key_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp khóa công khai"), str(Path.home()), _("Khóa công khai (*.tdktkey)")
        )
        if name:
            self.key_file.setText(name)

    def trust(self) -> dict[str, Any] | None:
        """Trust the key of the chosen file: after the fingerprint read aloud matches (or the clerk confirms the key
        shown), and, when that unit already has a trusted key, after the clerk confirms it is a rotation."""
        text = self.key_file.text().strip()
        if not text:
            _say(self.trust_message, _("Chưa chọn tệp khóa công khai."), ERROR_COLOR)
            return None
        path, expected = Path(text), self.expected.text().strip() or None
        if expected is None:
            reading = Operation(self, self.page.context, province.read_key_file, path=path).without_store()
            if not reading.failure(self._trust_refused).run():
                return None
            found = reading.result or {}
            question = _(
                "Chưa nhập dấu vân tay được đọc qua điện thoại để đối chiếu. Khóa trong tệp là của {name} "
                "({code}), dấu vân tay:\n\n{fingerprint}\n\nChỉ tin cậy khi chắc chắn tệp này do chính nơi đó "
                "gửi. Tin cậy khóa này?"
            ).format(
                name=found["unit_name"], code=found["unit_code"], fingerprint=group_fingerprint(found["fingerprint"])
            )
            if not ask_confirm(self, _("Tin cậy khóa"), question):
                return None
        trusted = self._trust(path, expected)
        if trusted is None:
            return None
        _say(
            self.trust_message,
            _("Đã tin cậy khóa của {name} ({code}), vai trò {role}.").format(
                name=trusted["unit_name"],
                code=trusted["unit_code"],
                role=_(ROLE_LABELS.get(trusted["role"], trusted["role"])),
            ),
            OK_COLOR,
        )
        self.expected.clear()
        return trusted

    def _trust_refused(self, error: BaseException) -> None:
        message = error.message if isinstance(error, PackageError) else str(error)
        _say(self.trust_message, message, ERROR_COLOR)
        show_error(self, message, _("Không tin cậy khóa"))

    def _trust(self, path: Path, expected: str | None, replace: str | None = None) -> dict[str, Any] | None:
        """Trust the file's key; when its unit already has one, ask whether this is a key rotation."""
        refusals: list[BaseException] = []
        operation = Operation(
            self,
            self.page.context,
            ops.trust_key,
            path=path,
            role=self.role.currentData(),
            expected_fingerprint=expected,
            replace=replace,
        )
        if operation.changes("trusted_keys").failure(refusals.append).run():
            return dict(operation.result or {})
        error = refusals[0]
        old = self._rotated_key(path, error) if replace is None else None
        if old is None:
            self._trust_refused(error)
            return None
        question = _(
            "{message}\n\nĐây có phải lần đổi khóa đã được đơn vị đó xác nhận qua điện thoại không? Chọn Có để thu "
            "hồi khóa cũ ({old}) và tin cậy khóa mới."
        ).format(message=error_message(error), old=group_fingerprint(old["fingerprint"]))
        if not ask_confirm(self, _("Đổi khóa"), question):
            return None
        return self._trust(path, expected, replace=old["fingerprint"])

    def _rotated_key(self, path: Path, error: BaseException) -> dict[str, Any] | None:
        """The unit's trusted key a refused "key_exists" would replace, if that is what the refusal was."""
        if not isinstance(error, PackageError) or error.code != "key_exists":
            return None
        code = province.read_key_file(path)["unit_code"]
        return next((k for k in self.keys if not k["revoked"] and k["unit_code"] == code), None)

    def revoke_selected(self) -> bool:
        row = self.trusted.currentRow()
        if row < 0 or row >= len(self.keys):
            _say(self.trust_message, _("Chọn một khóa trong danh sách để thu hồi."), ERROR_COLOR)
            return False
        key = self.keys[row]
        if key["revoked"]:
            _say(self.trust_message, _("Khóa này đã bị thu hồi."), WARN_COLOR)
            return False
        question = _(
            "Thu hồi khóa của {name} ({code})? Từ nay các gói ký bằng khóa này sẽ bị từ chối và không mã hóa gói "
            "cho khóa này được nữa."
        ).format(name=key["unit_name"], code=key["unit_code"])
        if not ask_confirm(self, _("Thu hồi khóa"), question):
            return False
        operation = Operation(self, self.page.context, ops.revoke_key, fingerprint=key["fingerprint"])
        if not operation.changes("trusted_keys").run():
            return False
        _say(self.trust_message, _("Đã thu hồi khóa của {name}.").format(name=key["unit_name"]), OK_COLOR)
        return True

    def switch_mode(self) -> bool:
        target = "unit" if province.mode(self.page.context.store) == "province" else "province"
        if target == "province":
            question = _(
                "Chuyển máy này sang chế độ CẤP TỈNH? Ở chế độ này máy nhận gói hồ sơ, báo cáo, sổ khen thưởng "
                "của nhiều đơn vị vào một cơ sở dữ liệu và xem số liệu tổng hợp theo đơn vị; máy không gửi gói lên "
                "tỉnh và không nhận gói quyết định từ tỉnh. Chỉ dùng ở cơ quan cấp tỉnh."
            )
        else:
            question = _(
                "Chuyển máy này về chế độ ĐƠN VỊ? Dữ liệu đã nhận của các đơn vị vẫn được giữ, nhưng không nhập "
                "thêm gói của đơn vị và không xem tổng hợp được nữa."
            )
        if not ask_confirm(self, _("Đổi chế độ làm việc"), question):
            return False
        done = _("Đã chuyển sang chế độ cấp tỉnh.") if target == "province" else _("Đã chuyển về chế độ đơn vị.")
        operation = Operation(self, self.page.context, province.set_mode, mode=target).changes("exchange_mode")
        return operation.success(lambda _none: show_info(self, done)).run()


class ProvinceTab(QWidget):
    """Tổng hợp các đơn vị (province mode): counts by unit for a year, and a whole folder of packages at once."""

    UNIT_COLUMNS = (
        N_("Mã"), N_("Đơn vị"), N_("Số gói"), N_("Gói gần nhất"), N_("Đề nghị"), N_("Đã có quyết định"),
        N_("Khen thưởng"), N_("Báo cáo năm"),
    )  # fmt: skip
    SUMMARY_COLUMNS = (N_("Tệp"), N_("Kết quả"), N_("Nơi gửi"), N_("Loại gói"), N_("Số bản ghi"), N_("Ghi chú"))

    def __init__(self, page: ExchangePage) -> None:
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
        self.totals = _message_label()
        layout.addWidget(self.totals)
        self.units = make_table([_(c) for c in self.UNIT_COLUMNS], stretch=1)
        layout.addWidget(self.units, 2)
        layout.addWidget(QLabel(_("Kết quả nhập thư mục:")))
        self.summary = make_table([_(c) for c in self.SUMMARY_COLUMNS], stretch=5)
        layout.addWidget(self.summary, 1)
        self.folder_message = _message_label()
        layout.addWidget(self.folder_message)

    def _busy(self, busy: bool) -> None:
        self.show_button.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)

    def open_attachment(self, attachment_id: int | None = None) -> Path | None:
        """Pick one of the files units sent with their packages (the selected unit's first) and open it."""
        import tempfile

        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QInputDialog

        rows = province.list_attachments(self.page.context.store)
        if not rows:
            _say(self.folder_message, _("Chưa có đơn vị nào gửi tệp đính kèm."), WARN_COLOR)
            return None
        if attachment_id is None:
            labels = [f"{r['unit_code']} — {r['unit_name']} — {r['name']}" for r in rows]
            choice, ok = QInputDialog.getItem(self, _("Tệp đơn vị gửi kèm"), _("Chọn tệp để mở:"), labels, 0, False)
            if not ok:
                return None
            attachment_id = rows[labels.index(choice)]["id"]
        folder = Path(tempfile.mkdtemp(prefix="tdkt-"))
        saving = Operation(
            self, self.page.context, province.save_attachment, attachment_id=attachment_id, folder=folder
        )
        if not saving.failure(lambda error: _say(self.folder_message, error_message(error), ERROR_COLOR)).run():
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(saving.result)))
        return saving.result

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
        _say(
            self.totals,
            _(
                "Năm {year}: {units} đơn vị ({with_data} đơn vị có dữ liệu), {nominations} đề nghị, {decided} đã có "
                "quyết định, {awards} khen thưởng."
            ).format(
                year=data["year"],
                units=totals["units"],
                with_data=totals["units_with_data"],
                nominations=totals["nominations"],
                decided=totals["decided"],
                awards=totals["awards"],
            ),
        )
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

    def _failed(self, error: BaseException) -> None:
        self._over()
        _say(self.folder_message, error_message(error), ERROR_COLOR)
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
        _say(self.folder_message, _("Đang nhập các gói trong {folder}…").format(folder=folder))
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
        _say(
            self.folder_message,
            _("Đã dừng. Các gói đã nhập trước khi dừng vẫn được giữ; nhập lại thư mục để tiếp tục."),
            WARN_COLOR,
        )

    def _folder_done(self, rows: list[dict[str, Any]]) -> None:
        self._over()
        fill_rows(
            self.summary,
            [
                [
                    row["file"],
                    _(STATUS_LABELS.get(row["status"], row["status"])),
                    row["sender"],
                    kind_label(row["kind"]) if row["kind"] else "",
                    counts_text(row["counts"]),
                    row["message"],
                ]
                for row in rows
            ],
        )
        for r, row in enumerate(rows):
            if row["status"] == "refused":
                for c in range(self.summary.columnCount()):
                    item = self.summary.item(r, c)
                    if item is not None:
                        item.setForeground(Qt.GlobalColor.darkRed)
        applied = sum(1 for row in rows if row["status"] == "applied")
        duplicate = sum(1 for row in rows if row["status"] == "duplicate")
        refused = sum(1 for row in rows if row["status"] == "refused")
        _say(
            self.folder_message,
            _("Đã xử lý {n} tệp: {applied} nhập mới, {duplicate} đã nhập trước đây, {refused} bị từ chối.").format(
                n=len(rows), applied=applied, duplicate=duplicate, refused=refused
            ),
            ERROR_COLOR if refused else OK_COLOR,
        )
        self.load()


class ExchangePage(QWidget):
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
