"""The rules page's province rules tab: write, check, import, save and switch on or off a province's rule file."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.rules import RulePackError
from desktop.domain.text import nfc
from desktop.domain.toml_text import TomlTextError, read_toml_text
from desktop.files.names import safe_name
from desktop.i18n import N_, _
from desktop.ops import rules
from desktop.ui.operations import Operation
from desktop.ui.pages.rules_common import (
    OVERRIDE_TEMPLATE,
    _date_text,
    _error_label,
    _monospace_font,
    _pack_name,
    _problems,
    _show_ok,
    _show_problems,
    _tab,
)
from desktop.ui.pages.user_errors import reason_text
from desktop.ui.tables import cell, make_table
from desktop.ui.widgets import button_row, note, push_button, show_error, text_field

PROVINCE_READ_ONLY = N_(
    "Quy định này do tỉnh gửi về: chỉ xem, không sửa ở đây (nó mang tên và căn cứ của tỉnh). Cần khác đi thì bấm "
    "“Soạn quy định mới”, chép phần cần đổi, ghi căn cứ của đơn vị rồi lưu: quy định mới được áp dụng sau."
)


class OverridesSection:
    """Part of :class:`~desktop.ui.pages.rules_page.RulesPage`: its province rules tab."""

    # -- province overrides -------------------------------------------------------------------------------
    def _build_overrides_tab(self) -> QWidget:
        tab, outer = _tab(QVBoxLayout)
        intro = note(
            _(
                "Quy định riêng của tỉnh (ví dụ tỷ lệ CSTĐCS tối đa, tiêu chuẩn Giấy khen, số tháng công tác của "
                "người mới tuyển dụng) được đặt chồng lên bộ quy tắc quốc gia, từ ngày áp dụng ghi trong tệp. "
                "Mỗi giá trị phải ghi văn bản căn cứ. Mọi thay đổi được ghi vào nhật ký."
            ),
            color="",
        )
        outer.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.override_table = make_table([_("Tên quy định"), _("Nguồn"), _("Hiệu lực"), _("Ngày sửa")], stretch=0)
        self.override_table.itemSelectionChanged.connect(self._on_override_selected)
        left_layout.addWidget(self.override_table, 1)
        self.import_button = push_button(_("Nhập tệp quy định…"), self.import_override_file)
        self.new_button = push_button(_("Soạn quy định mới"), self.new_override)
        self.active_button = push_button(_("Ngừng áp dụng"), self.toggle_override_active)
        left_layout.addLayout(button_row(self.import_button, self.new_button, self.active_button))
        self.import_error = _error_label()
        left_layout.addWidget(self.import_error)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        name_row = QFormLayout()
        self.override_name = text_field(_("Ví dụ: Quyết định 12/2026/QĐ-UBND tỉnh Tuyên Quang"))
        name_row.addRow(_("Tên quy định:"), self.override_name)
        right_layout.addLayout(name_row)
        self.override_editor = QPlainTextEdit()
        self.override_editor.setFont(_monospace_font())
        self.override_editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.override_editor.setPlaceholderText(_("Nội dung tệp quy định"))
        right_layout.addWidget(self.override_editor, 1)
        self.check_button = push_button(_("Kiểm tra"), self.check_override)
        self.save_override_button = push_button(_("Lưu"), self.save_override)
        right_layout.addLayout(button_row(right=(self.check_button, self.save_override_button)))
        self.override_problems = _error_label()
        right_layout.addWidget(self.override_problems)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        return tab

    def load_overrides(self) -> None:
        selected = self.override_id
        self.overrides = [dict(row) for row in rules.list_overrides(self.context.store)]
        self.override_table.blockSignals(True)
        self.override_table.setRowCount(len(self.overrides))
        for index, row in enumerate(self.overrides):
            title = str(row.get("name") or "")
            name = cell(_(title) if row.get("is_base_salary") else title, data=int(row["id"]))
            source = cell(_("Tỉnh gửi về") if row.get("source") == "province" else _("Đơn vị nhập"))
            if not row.get("active"):
                active = cell(_("Ngừng áp dụng"), color="#777777")
            elif row.get("superseded"):
                active = cell(_("Áp dụng một phần (có giá trị bị quy định sau thay)"), color="#a15c00")
            else:
                active = cell(_("Đang áp dụng"))
            changed = cell(_date_text(row.get("updated_at") or row.get("created_at")))
            for column, item in enumerate((name, source, active, changed)):
                self.override_table.setItem(index, column, item)
        self.override_table.blockSignals(False)
        self.override_table.clearSelection()
        if selected is not None:
            for index, row in enumerate(self.overrides):
                if int(row["id"]) == selected:
                    self.override_table.selectRow(index)
        self._update_override_buttons()

    def _selected_override(self) -> dict[str, Any] | None:
        items = self.override_table.selectedItems()
        if not items:
            return None
        override_id = self.override_table.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return self._listed(int(override_id))

    def _listed(self, override_id: int) -> dict[str, Any] | None:
        """The row of ``override_id`` as last listed (``rules.list_overrides``)."""
        return next((row for row in self.overrides if int(row["id"]) == override_id), None)

    def _update_override_buttons(self) -> None:
        row = self._selected_override()
        self.active_button.setEnabled(row is not None)
        if row is not None:
            self.active_button.setText(_("Ngừng áp dụng") if row.get("active") else _("Áp dụng lại"))

    def _on_override_selected(self) -> None:
        row = self._selected_override()
        self._update_override_buttons()
        if row is None:
            return
        self.override_id = int(row["id"])
        self.override_name.setText(str(row.get("name") or ""))
        self.override_editor.setPlainText(str(row.get("toml_text") or row.get("toml") or ""))
        from_province = row.get("source") == "province"
        self._set_editable(not from_province)
        lines = self._set_aside_lines(row)
        if from_province:  # the province's decision, as received: the unit changes it only by an override of its own
            lines = [_(PROVINCE_READ_ONLY), *lines]
        _show_problems(self.override_problems, lines)

    def _set_editable(self, editable: bool) -> None:
        self.override_name.setReadOnly(not editable)
        self.override_editor.setReadOnly(not editable)
        self.save_override_button.setEnabled(editable)

    def _set_aside_lines(self, row: dict[str, Any] | None, first: str = "") -> list[str]:
        """What a later override sets aside of this row (as listed), with what the clerk can do; [] when all of
        it holds or it is switched off."""
        lines = rules.set_aside_sentences(row.get("superseded") or []) if row and row.get("active") else []
        if not lines:
            return []
        head = first or _("Quy định này có giá trị không được áp dụng:")
        advice = _(
            "Quy định nhập sau được áp dụng. Nếu giá trị ở đây mới đúng, hãy ngừng áp dụng quy định kia, hoặc lưu "
            "nội dung này thành quy định mới (Soạn quy định mới, chép nội dung, Lưu) để nó được áp dụng sau cùng."
        )
        return [head, *lines, advice]

    def new_override(self) -> None:
        self.override_table.clearSelection()
        self.override_id = None
        self.override_name.clear()
        self.override_editor.setPlainText(OVERRIDE_TEMPLATE.format(today=date.today().isoformat()))
        self._set_editable(True)
        _show_problems(self.override_problems, [])
        self.override_name.setFocus()

    def _editor_file_name(self) -> str:
        name = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in nfc(self.override_name.text()))
        return safe_name(name, separator="-", max_chars=60, fallback="quy-dinh-tinh") + ".toml"  # never "con.toml"

    def check_override(self) -> list[str]:
        """Validate the editor's text as the file it would become; the problems name the key."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / self._editor_file_name()
            path.write_text(self.override_editor.toPlainText(), encoding="utf-8")
            problems = rules.check_override_file(path)
        if problems:
            _show_problems(self.override_problems, [_("Quy định chưa dùng được:"), *problems])
        else:
            _show_ok(self.override_problems, _("Quy định hợp lệ, có thể lưu."))
        return problems

    def save_override(self) -> int | None:
        name = nfc(self.override_name.text())
        if not name:
            _show_problems(self.override_problems, [_("Chưa nhập tên quy định (ô “Tên quy định”).")])
            return None
        source = "local"
        if self.override_id is not None:
            existing = next((r for r in self.overrides if int(r["id"]) == self.override_id), None)
            source = str(existing.get("source") or "local") if existing else "local"

        def refused(error: BaseException) -> None:
            if isinstance(error, RulePackError):
                _show_problems(self.override_problems, [_("Chưa lưu, quy định có lỗi:"), *_problems(error)])
            else:
                _show_problems(self.override_problems, [_("Chưa lưu: {reason}").format(reason=reason_text(error))])

        def saved(override_id: int) -> None:
            self.override_id = int(override_id)
            self._changed()
            done = _("Đã lưu quy định “{name}”.").format(name=name)
            set_aside = self._set_aside_lines(
                self._listed(int(override_id)), done + " " + _("Nhưng có giá trị không được áp dụng:")
            )
            if set_aside:
                _show_problems(self.override_problems, set_aside)
            else:
                _show_ok(self.override_problems, done)

        operation = Operation(
            self,
            self.context,
            rules.save_override,
            name=name,
            toml_text=self.override_editor.toPlainText(),
            source=source,
            override_id=self.override_id,
        )
        return self.override_id if operation.changes("rules").success(saved).failure(refused).run() else None

    def import_override_file(self) -> int | None:
        path_text, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp quy định của tỉnh"), "", _("Tệp quy định (*.toml);;Mọi tệp (*)")
        )
        if not path_text:
            return None
        path = Path(path_text)
        problems = rules.check_override_file(path)
        if problems:
            _show_problems(
                self.import_error,
                [_("Tệp {file} chưa dùng được, chưa nhập gì:").format(file=path.name), *problems],
            )
            return None
        try:
            text = read_toml_text(path)
        except (OSError, TomlTextError) as exc:
            _show_problems(
                self.import_error,
                [_("Không đọc được tệp {file}: {reason}").format(file=path.name, reason=reason_text(exc))],
            )
            return None
        name = _pack_name(text) or path.stem

        def imported(override_id: int) -> None:
            _show_ok(self.import_error, _("Đã nhập quy định “{name}” từ tệp {file}.").format(name=name, file=path.name))
            self.override_id = int(override_id)
            self._changed()
            self._on_override_selected()

        operation = Operation(self, self.context, rules.save_override, name=name, toml_text=text, source="local")
        operation.failure(lambda error: _show_problems(self.import_error, [_("Chưa nhập:"), *_problems(error)]))
        return self.override_id if operation.changes("rules").success(imported).run() else None

    def toggle_override_active(self) -> bool:
        row = self._selected_override()
        if row is None:
            return False
        active = bool(row.get("active"))
        question = (
            _("Ngừng áp dụng quy định “{name}”? Việc xét thi đua sẽ dùng lại giá trị quốc gia cho các mục này.")
            if active
            else _("Áp dụng lại quy định “{name}”? Các giá trị của quy định này sẽ thay giá trị quốc gia.")
        ).format(name=row.get("name"))
        if not self.confirm(_("Quy định của tỉnh"), question):
            return False
        operation = Operation(
            self, self.context, rules.set_override_active, override_id=int(row["id"]), active=not active
        )
        operation.failure(lambda error: show_error(self, "\n".join(_problems(error))))
        return operation.changes("rules").success(self._changed).run()
