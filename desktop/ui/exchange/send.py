"""Tab "Gửi lên tỉnh" / "Gửi về đơn vị": what goes into a package, checked before the file is chosen, then made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.format import (
    DOWNWARD_KINDS,
    EXTENSION,
    UPWARD_KINDS,
    PackageError,
)
from desktop.i18n import _
from desktop.ops import exchange as ops
from desktop.ops import province
from desktop.ops.errors import error_message, refusal_types
from desktop.ui.exchange.common import ExchangeHost, counts_text, group_fingerprint, kind_label, message_label, say
from desktop.ui.jobs import Job, show_job_error
from desktop.ui.operations import Operation
from desktop.ui.widgets import (
    BAD_COLOR,
    OK_COLOR,
    WARN_COLOR,
    ask_save_path,
    button_row,
    note,
    push_button,
    show_error,
    year_box,
)

#: How a package's suggested file starts, in the clerk's words without accents (never the program's kind code).
PACKAGE_FILE_STEMS: dict[str, str] = {
    "nomination_dossier": "ho-so-de-nghi",
    "yearly_report": "bao-cao-nam",
    "award_register": "so-theo-doi-khen-thuong",
    "province_decisions": "quyet-dinh-cua-tinh",
    "rule_override": "quy-dinh-rieng-cua-tinh",
    "movements": "phong-trao-thi-dua",
}


class SendTab(QWidget):
    """Gửi lên tỉnh (unit mode) or Gửi về đơn vị (province mode): one package, signed, encrypted when a key is trusted.

    What would go into the package is shown (counts and names) before "Tạo gói", and checked: a package that
    cannot be made says why before any file is asked for. The first kind with something to send is chosen. In
    province mode the downward kinds are offered: the receiving unit comes from the units whose packages were
    received or whose key is trusted, and the package is encrypted to that unit's key by default; at a unit, to the
    province's key as soon as it is trusted.
    """

    PREVIEW_NAMES = 200  # names listed under the counts; the count says how many there are in all

    def __init__(self, page: ExchangeHost) -> None:
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
        self.encrypt_check = QCheckBox(_("Mã hóa cho:"))
        self.encrypt_check.clicked.connect(lambda on: self._encrypt_clicked(bool(on)))
        self.encrypt = QComboBox()
        self.encrypt.setMinimumContentsLength(40)
        self.encrypt.currentIndexChanged.connect(lambda _i: self._changed())
        form.addRow(self.encrypt_check, self.encrypt)
        layout.addLayout(form)
        self.encrypt_note = message_label()
        layout.addWidget(self.encrypt_note)
        layout.addWidget(QLabel(_("Sẽ có trong gói:")))
        self.preview_label = message_label()
        layout.addWidget(self.preview_label)
        self.preview_list = QListWidget()
        self.preview_list.setMaximumHeight(180)
        layout.addWidget(self.preview_list)
        self.export_button = push_button(_("Tạo gói và lưu…"), self.choose_and_export)
        layout.addLayout(button_row(self.export_button))
        self.mode_note = message_label()
        layout.addWidget(self.mode_note)
        self.result = message_label()
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """What goes into the package may have changed elsewhere (a dossier built, awards added): look again."""
        super().showEvent(event)
        if self.job is None:
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
            say(self.encrypt_note, "")
        elif self.province_mode:
            say(self.encrypt_note, _("Chưa tin cậy khóa của đơn vị nhận: gói sẽ không được mã hóa."), WARN_COLOR)
        else:
            say(
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
            say(self.preview_label, "")
            return
        if self.province_mode and kind == "province_decisions" and not self.receiver.currentData():
            say(self.preview_label, "")
            return
        try:
            preview = self._preview_of(str(kind))
        except refusal_types() as error:
            self.refusal = error_message(error)
            say(self.preview_label, self.refusal, BAD_COLOR)
            return
        self.preview = preview
        receiver = preview["receiver"]
        to = _(" gửi {name} ({code})").format(name=receiver["name"], code=receiver["code"]) if receiver["code"] else ""
        say(
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
            say(self.mode_note, note, WARN_COLOR)
        else:
            say(self.mode_note, "")

    def choose_and_export(self) -> Job | None:
        """Check the package first (a refusal is said here, no file asked for), then ask where to save it."""
        if self.job is not None:
            return None
        self._update_preview()
        if self.preview is None:
            message = self.refusal or _("Hãy chọn loại gói và năm.")
            say(self.result, message, BAD_COLOR)
            show_error(self, message, _("Không tạo được gói"))
            self._update_button()
            return None
        kind = str(self.kind.currentData())
        year = self.year.value()
        receiver = self.receiver.currentData() if self.province_mode else None
        stem = "-".join(str(part) for part in (PACKAGE_FILE_STEMS.get(kind, "goi-du-lieu"), receiver, year) if part)
        suggested = Path.home() / f"{stem}{EXTENSION}"
        out = ask_save_path(self, _("Lưu gói dữ liệu"), suggested, _("Gói dữ liệu (*.tdkt)"))
        return None if out is None else self.export_to(out)

    def export_to(self, out: Path) -> Job:
        kind = str(self.kind.currentData())
        year = self.year.value()
        encrypt_to = self.encrypt_to
        receiver = self.receiver.currentData() if self.province_mode else None
        self.export_button.setEnabled(False)
        say(self.result, _("Đang tạo gói…"))
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
        say(self.result, "\n".join(lines), OK_COLOR)

    def _failed(self, error: BaseException) -> None:
        self._over()
        say(self.result, str(error), BAD_COLOR)
        if isinstance(error, PackageError):
            show_error(self, error.message, _("Không tạo được gói"))
        else:
            show_job_error(self, _("Tạo gói"), error)
