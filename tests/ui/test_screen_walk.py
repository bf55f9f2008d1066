"""Every text of the unit, staff, movements, reports and settings pages, with the demo commune's data: no ISO date,
no internal name (``snake_case`` ids) anywhere a clerk can see."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QListWidget,
    QTableView,
    QTextBrowser,
    QTreeWidget,
    QWidget,
)

from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RAW_ID = re.compile(r"\b[a-z]+_[a-z_]+\b")
ROWS_PER_TABLE = 300


def visible_texts(root: QWidget) -> list[str]:
    texts = [w.text() for w in root.findChildren(QLabel)]
    texts += [w.text() for w in root.findChildren(QAbstractButton)]
    texts += [w.itemText(i) for w in root.findChildren(QComboBox) for i in range(w.count())]
    texts += [w.toPlainText() for w in root.findChildren(QTextBrowser)]
    texts += [w.item(i).text() for w in root.findChildren(QListWidget) for i in range(w.count())]
    for view in root.findChildren(QTableView):
        model = view.model()
        if model is None:
            continue
        for r in range(min(model.rowCount(), ROWS_PER_TABLE)):
            texts += [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
    for tree in root.findChildren(QTreeWidget):
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            texts += [item.text(c) for c in range(tree.columnCount())]
            stack += [item.child(j) for j in range(item.childCount())]
    return texts


def _problems(texts: list[str]) -> list[str]:
    return [t[:160] for t in texts if ISO_DATE.search(t) or RAW_ID.search(t)]


def test_pages_with_demo_data_show_no_iso_date_nor_internal_name(main_window):
    fill_demo(main_window.context.store, today=DEMO_TODAY)
    main_window.context.data_changed.emit("demo")
    seen = 0
    for key in ("unit", "staff", "movements", "reports", "settings"):
        page = main_window.show_page(key)
        if key == "settings":
            page.show_rules()
            page.show_backup()
            page.tabs.setCurrentIndex(3)  # the audit log
        if key == "movements":
            assert page.list.count() >= 2
            for row in range(page.list.count()):
                page.list.setCurrentRow(row)
                texts = visible_texts(page)
                seen += len(texts)
                assert not _problems(texts), (key, row, _problems(texts))
        texts = visible_texts(page)
        seen += len(texts)
        assert not _problems(texts), (key, _problems(texts))
    assert seen > 3000
