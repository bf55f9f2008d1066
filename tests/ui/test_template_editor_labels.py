"""The template editor names every field in Vietnamese ("Người nhận", "Mã QR xác thực"…): no internal key
(``recipient``, ``national_name``, ``qr``…) appears in any text the clerk sees, messages included."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QGraphicsView,
    QLabel,
    QListWidget,
    QTableWidget,
    QWidget,
)

from desktop.documents.certificates import bundled_template
from desktop.documents.certificates.labels import FIELD_LABELS
from desktop.ops import certificates as ops
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY

TEMPLATES = ("giay_khen_a4", "ldtt_a4", "giay_khen_tap_the_a4", "bang_khen_400x300")


@pytest.fixture
def sample(store):
    fill_demo(store, today=DEMO_TODAY)
    return ops.sample_certificate(store)


def visible_texts(root: QWidget) -> list[str]:
    """Every text of the dialog a clerk can read: titles, labels, buttons, list and combo items, table cells,
    tooltips, and the labels painted over the boxes of the page."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            for c in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(c)
                texts.append(header.text() if header else "")
                for r in range(widget.rowCount()):
                    item = widget.item(r, c)
                    texts.append(item.text() if item else "")
        if isinstance(widget, QGraphicsView):
            texts += [widget.parent().label_of(i.key) for i in widget.scene().items() if hasattr(i, "key")]
    return texts


def _internal(texts: list[str], keys: set[str]) -> list[str]:
    return [t for t in texts for k in keys if re.search(rf"(?<![\w]){re.escape(k)}(?![\w])", t)]


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_no_internal_field_name_is_shown(qtbot, sample, template_id):
    from desktop.ui.certificates.template_editor import TemplateEditor

    template = bundled_template(template_id)
    keys = {f.key for f in template.fields} | {template.id}
    editor = TemplateEditor(template, sample)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    for index in range(editor.field_list.count()):  # every field selected in turn, its form filled
        editor.field_list.setCurrentRow(index)
        assert editor.current_key == template.fields[index].key
        assert _internal(visible_texts(editor), keys) == []
    names = [editor.field_list.item(i).text() for i in range(editor.field_list.count())]
    assert "Người nhận" in names and "Quốc hiệu" in names and "Mã QR xác thực" in names
    assert set(names) >= {FIELD_LABELS[k] for k in keys if k in FIELD_LABELS}


def test_a_field_that_cannot_fit_is_named_in_vietnamese(qtbot, sample):
    from desktop.ui.certificates.template_editor import TemplateEditor

    template = bundled_template("giay_khen_a4")
    editor = TemplateEditor(template, sample)
    qtbot.addWidget(editor)
    editor.select_field("recipient")
    editor.lines_box.setValue(1)
    editor.min_size_box.setValue(30.0)
    editor.size_box.setValue(30.0)
    editor.width_box.setValue(5.0)
    message = editor.message.text()
    assert "Người nhận" in message and "recipient" not in message
    assert isinstance(editor, QDialog)
