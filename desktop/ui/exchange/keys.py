"""Tab "Khóa & tin cậy": our fingerprint and public key, the keys we trust (and revoke), the working mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.format import (
    PUBLIC_KEY_EXTENSION,
    PackageError,
)
from desktop.i18n import _
from desktop.ops import exchange as ops
from desktop.ops import province
from desktop.ops.errors import error_message
from desktop.ui.exchange.common import ROLE_LABELS, ExchangeHost, group_fingerprint, message_label, say, when
from desktop.ui.operations import Operation
from desktop.ui.tables import fill_rows, make_table, set_empty_text
from desktop.ui.widgets import (
    BAD_COLOR,
    OK_COLOR,
    WARN_COLOR,
    ask_confirm,
    ask_save_path,
    button_row,
    code_combo,
    push_button,
    show_error,
    show_info,
    text_field,
)


class KeysTab(QWidget):
    """Khóa & tin cậy: our fingerprint to read aloud, our public key to hand over, the keys we trust, the mode."""

    def __init__(self, page: ExchangeHost) -> None:
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
        self.export_key_button = push_button(_("Ghi khóa công khai ra tệp…"), self.export_key)
        self.replace_keys_button = push_button(_("Tạo khóa mới…"), self.replace_keys)
        self.replace_keys_button.setToolTip(
            _("Khi bản sao khóa bị mất hoặc lộ: tạo khóa mới cho đơn vị; khóa cũ được giữ để kiểm tra giấy khen cũ.")
        )
        own_layout.addLayout(button_row(self.export_key_button, self.replace_keys_button))
        self.own_message = message_label()
        own_layout.addWidget(self.own_message)
        layout.addWidget(own)

        trust = QGroupBox(_("Tin cậy khóa của nơi khác"))
        form = QFormLayout(trust)
        file_row = QHBoxLayout()
        self.key_file = text_field(_("Tệp khóa công khai (.tdktkey)"))
        file_row.addWidget(self.key_file, 1)
        browse = push_button(_("Chọn tệp…"), self.choose_key_file)
        file_row.addWidget(browse)
        form.addRow(_("Tệp khóa:"), file_row)
        self.role = code_combo(ROLE_LABELS, first=(_("Theo tệp khóa"), None))
        form.addRow(_("Vai trò:"), self.role)
        self.expected = text_field(_("Ví dụ: 3F2A 09C1 … (32 ký tự, đọc qua điện thoại)"))
        form.addRow(_("Dấu vân tay được đọc:"), self.expected)
        self.trust_button = push_button(_("Tin cậy khóa này"), self.trust)
        form.addRow("", self.trust_button)
        self.trust_message = message_label()
        form.addRow(self.trust_message)
        layout.addWidget(trust)

        listing = QGroupBox(_("Các khóa đang được tin cậy"))
        list_layout = QVBoxLayout(listing)
        self.trusted = make_table(
            [_("Đơn vị"), _("Mã"), _("Vai trò"), _("Dấu vân tay"), _("Tin cậy từ"), _("Trạng thái")], stretch=0
        )
        set_empty_text(
            self.trusted,
            _(
                "Chưa tin cậy khóa nào. Nhận tệp khóa công khai (.tdktkey) của nơi gửi gói cho mình, chọn ở trên, "
                "đọc dấu vân tay qua điện thoại với người gửi rồi bấm “Tin cậy khóa này”."
            ),
        )
        list_layout.addWidget(self.trusted, 1)
        self.revoke_button = push_button(_("Thu hồi khóa đã chọn"), self.revoke_selected)
        list_layout.addLayout(button_row(self.revoke_button))
        layout.addWidget(listing, 1)

        mode = QGroupBox(_("Chế độ làm việc"))
        mode_layout = QHBoxLayout(mode)
        self.mode_label = message_label()
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
        chosen = ask_save_path(self, _("Ghi khóa công khai"), suggested, _("Khóa công khai (*.tdktkey)"))
        if chosen is None:
            return None

        def refused(error: BaseException) -> None:
            say(self.own_message, str(error), BAD_COLOR)
            show_error(self, str(error))

        operation = Operation(self, self.page.context, ops.export_public_key, path=chosen)
        if not operation.failure(refused).run():
            return None
        path = operation.result
        say(
            self.own_message,
            _("Đã ghi khóa công khai vào {path}. Gửi tệp này cho nơi nhận và đọc dấu vân tay qua điện thoại.").format(
                path=path
            ),
            OK_COLOR,
        )
        return path

    def replace_keys(self) -> dict[str, Any] | None:
        """A new key pair for this unit, after the clerk confirms and gives the reason; then the new fingerprint and
        what to do next (send the new public key, read the fingerprint aloud)."""
        question = _(
            "Tạo khóa mới cho đơn vị và dùng nó từ nay (khóa hiện dùng: {fingerprint})?\n\n"
            "Chỉ làm khi bản sao khóa bị mất, bị lộ hoặc máy cũ bị mất. Gói và giấy khen mới sẽ ký bằng khóa mới; "
            "Sở Nội vụ và các đơn vị đang tin cậy khóa này phải tin cậy khóa mới thì mới nhận được gói của đơn vị. "
            "Khóa cũ được giữ lại để kiểm tra giấy khen đã in và mở gói đã mã hóa cho nó.\n\n"
            "Ghi lý do tạo khóa mới rồi chọn Đồng ý để xác nhận:"
        ).format(fingerprint=self.fingerprint.text() or "—")
        reason, ok = QInputDialog.getMultiLineText(self, _("Tạo khóa mới"), question, "")
        if not ok:
            return None

        def refused(error: BaseException) -> None:
            message = error_message(error)
            say(self.own_message, message, BAD_COLOR)
            show_error(self, message, _("Không tạo được khóa mới"))

        operation = Operation(self, self.page.context, ops.replace_unit_keys, reason=reason)
        if not operation.changes("unit_keys").failure(refused).run():
            return None
        info = dict(operation.result or {})
        self.refresh()
        message = _("Đã tạo khóa mới; dấu vân tay mới: {fingerprint}.\n{advice}").format(
            fingerprint=group_fingerprint(info["new_fingerprint"]), advice=_window_advice(info)
        )
        say(self.own_message, message, OK_COLOR)
        show_info(self, message, _("Tạo khóa mới"))
        return info

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
            say(self.trust_message, _("Chưa chọn tệp khóa công khai."), BAD_COLOR)
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
        say(
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
        say(self.trust_message, message, BAD_COLOR)
        show_error(self, message, _("Không tin cậy khóa"))

    def _trust(
        self, path: Path, expected: str | None, replace: str | None = None, role: str | None = None
    ) -> dict[str, Any] | None:
        """Trust the file's key; a key whose file says "province" only once the clerk confirms that role, and when
        its unit (or the province) already has one, after the clerk confirms it is a key rotation."""
        role = role or self.role.currentData()
        refusals: list[BaseException] = []
        operation = Operation(
            self,
            self.page.context,
            ops.trust_key,
            path=path,
            role=role,
            expected_fingerprint=expected,
            replace=replace,
        )
        if operation.changes("trusted_keys").failure(refusals.append).run():
            return dict(operation.result or {})
        error = refusals[0]
        if isinstance(error, PackageError) and error.code == "role_unconfirmed" and role is None:
            fingerprint = province.read_key_file(path)["fingerprint"]
            question = _(
                "{message}\n\nDấu vân tay của khóa:\n\n{fingerprint}\n\nĐã gọi điện xác nhận đây là khóa của cấp "
                "tỉnh (Sở Nội vụ) chưa? Chọn Có để tin cậy khóa với vai trò cấp tỉnh."
            ).format(message=error_message(error), fingerprint=group_fingerprint(fingerprint))
            if not ask_confirm(self, _("Xác nhận khóa cấp tỉnh"), question):
                return None
            return self._trust(path, expected, replace, role="province")
        old = self._rotated_key(path, error, role) if replace is None else None
        if old is None:
            self._trust_refused(error)
            return None
        question = _(
            "{message}\n\nĐây có phải lần đổi khóa đã được đơn vị đó xác nhận qua điện thoại không? Chọn Có để thu "
            "hồi khóa cũ ({old}) và tin cậy khóa mới."
        ).format(message=error_message(error), old=group_fingerprint(old["fingerprint"]))
        if not ask_confirm(self, _("Đổi khóa"), question):
            return None
        return self._trust(path, expected, replace=old["fingerprint"], role=role)

    def _rotated_key(self, path: Path, error: BaseException, role: str | None) -> dict[str, Any] | None:
        """The trusted key a refused "key_exists" would replace: the same unit's, else the one province key."""
        if not isinstance(error, PackageError) or error.code != "key_exists":
            return None
        code = province.read_key_file(path)["unit_code"]
        active = [k for k in self.keys if not k["revoked"]]
        same = next((k for k in active if k["unit_code"] == code), None)
        if same is None and role == "province":
            same = next((k for k in active if k["role"] == "province"), None)
        return same

    def revoke_selected(self) -> bool:
        row = self.trusted.currentRow()
        if row < 0 or row >= len(self.keys):
            say(self.trust_message, _("Chọn một khóa trong danh sách để thu hồi."), BAD_COLOR)
            return False
        key = self.keys[row]
        if key["revoked"]:
            say(self.trust_message, _("Khóa này đã bị thu hồi."), WARN_COLOR)
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
        say(self.trust_message, _("Đã thu hồi khóa của {name}.").format(name=key["unit_name"]), OK_COLOR)
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


def _window_advice(info: dict[str, Any]) -> str:
    """After a new key pair, what to do next in the window's words: buttons and tabs, never a ``tdkt`` command."""
    whom = ops.replacement_recipients(province=info.get("mode") == "province")
    if not info.get("old_fingerprint"):
        return _(
            "Hãy bấm “Ghi khóa công khai ra tệp…”, gửi tệp cho {whom} và đọc dấu vân tay mới qua điện thoại để họ "
            "đối chiếu."
        ).format(whom=whom)
    return _(
        "Hãy bấm “Ghi khóa công khai ra tệp…”, gửi tệp cho {whom} và đọc dấu vân tay mới qua điện thoại. Nơi nhận "
        "chọn tệp ở mục “Tin cậy khóa của nơi khác”, bấm “Tin cậy khóa này” và đồng ý thay khóa cũ ({old}); đến "
        "khi đó, gói ký bằng khóa mới sẽ bị họ từ chối."
    ).format(whom=whom, old=group_fingerprint(info["old_fingerprint"]))
