"""An empty table says what would fill it (the print register, the trusted keys, the report's figures), and the
sentence goes away as soon as the table has a row."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from desktop.ui.tables import make_table, set_empty_text


def _shown_text(table) -> str:
    label = table.viewport().findChild(QLabel, "empty_table_text")
    return label.text() if label is not None and label.isVisibleTo(table) else ""


def test_the_sentence_shows_only_while_the_table_is_empty(qtbot):
    table = make_table(["Tên", "Số"])
    qtbot.addWidget(table)
    set_empty_text(table, "Chưa có gì.")
    table.show()
    assert _shown_text(table) == "Chưa có gì."
    table.setRowCount(2)
    assert _shown_text(table) == ""
    table.setRowCount(0)
    assert _shown_text(table) == "Chưa có gì."
    table.resize(500, 300)
    QApplication.processEvents()
    label = table.viewport().findChild(QLabel, "empty_table_text")
    assert label.geometry().width() == table.viewport().width() - 32  # centred across the whole viewport


def test_the_pages_empty_tables_say_what_to_do(main_window):
    exchange = main_window.show_page("exchange")
    exchange.tabs.setCurrentWidget(exchange.keys)
    assert "Chưa tin cậy khóa nào" in _shown_text(exchange.keys.trusted)
    certificates = main_window.show_page("certificates")
    certificates.tabs.setCurrentWidget(certificates.register_table)
    assert "Chưa in tờ nào của quyết định đang chọn" in _shown_text(certificates.register_table)
    reports = main_window.show_page("reports")
    titles, forms, departments, people = reports.tables
    assert all("Không có số liệu" in _shown_text(table) for table in (titles, forms, departments))
    assert people.rowCount() > 0 and _shown_text(people) == ""  # its groups are listed with 0
