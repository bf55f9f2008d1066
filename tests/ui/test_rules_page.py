"""The rules page: catalog with citations (titles and award forms apart), base salary table, province rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.ops import rules
from tests.demo_date import DEMO_TODAY

BAD_OVERRIDE = """\
[pack]
id = "vn-thu"
name = "Thử"
version = "1"
valid_from = 2026-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[titles.CSTDCS.params]
cap_percent_of_ldtt = { value = "ba mươi", cite = "Quyết định 99/2025/QĐ-UBND, Điều 7", from = 2026-01-01 }
"""

GOOD_OVERRIDE = BAD_OVERRIDE.replace('"ba mươi"', "30")


@pytest.fixture
def page(app_context, qtbot, monkeypatch):
    from desktop.ops.demo import fill_demo
    from desktop.ui.pages import rules_page

    fill_demo(app_context.store, today=DEMO_TODAY)
    confirmations: list[str] = []

    def confirm(_parent, _title, text):
        confirmations.append(text)
        return True

    monkeypatch.setattr(rules_page, "ask_confirm", confirm)
    widget = rules_page.RulesPage(app_context)
    widget.confirmations = confirmations
    qtbot.addWidget(widget)
    widget.resize(1150, 700)
    widget.show()
    return widget


def _codes(tree) -> list[str]:
    return [tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(tree.topLevelItemCount())]


def _row(tree, code: str, label_start: str):
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top.data(0, Qt.ItemDataRole.UserRole) == code:
            for j in range(top.childCount()):
                if top.child(j).text(0).startswith(label_start):
                    return top.child(j)
    raise AssertionError(f"no row {label_start!r} under {code}")


def test_titles_and_award_forms_in_separate_tabs_with_citations(page):
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Danh hiệu",
        "Hình thức khen thưởng",
        "Mức lương cơ sở",
        "Quy định của tỉnh",
    ]
    titles, forms = _codes(page.titles_tree), _codes(page.forms_tree)
    assert {"LDTT", "CSTDCS", "CSTD_TINH", "TTLDTT", "TTLDXS", "GDVH"} <= set(titles)
    assert set(forms) == {"GIAY_KHEN", "BK_TINH", "BK_TTG"}
    assert not set(titles) & set(forms)

    coefficient = _row(page.titles_tree, "LDTT", "Hệ số tiền thưởng")
    assert coefficient.text(1) == "0,3 × mức lương cơ sở"
    assert coefficient.text(2) == "NĐ 152/2025/NĐ-CP, Điều 50"
    assert coefficient.text(3) == "01/07/2025"
    assert coefficient.text(5) == "Quốc gia"
    assert "Áp dụng từ ngày 01/07/2025" in coefficient.toolTip(2)
    assert coefficient.text(4) == ""

    threshold = _row(page.titles_tree, "CSTDCS", "Tỷ lệ phiếu đồng ý")
    assert threshold.text(1) == "≥ 80% tổng số thành viên Hội đồng"
    assert threshold.text(4) == "Chưa xác nhận"
    assert "hãy kiểm tra văn bản" in threshold.toolTip(1).lower()
    authority = _row(page.titles_tree, "CSTDCS", "Cấp quyết định")
    assert authority.text(0) == "Cấp quyết định (đơn vị loại “Ủy ban nhân dân xã, phường, đặc khu”)"
    assert authority.text(1) == "đơn vị quyết định" and authority.text(2).startswith("NĐ 129/2025/NĐ-CP")
    assert _row(page.titles_tree, "CSTD_TINH", "Cấp quyết định").text(1) == (
        "Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định"
    )
    assert _row(page.titles_tree, "CSTDCS", "Giấy in").text(1) == "Bằng chứng nhận"
    assert _row(page.titles_tree, "LDTT", "Giấy in").text(1).startswith("Không in giấy")
    assert _row(page.forms_tree, "GIAY_KHEN", "Giấy in").text(1) == "Giấy khen"
    posting = _row(page.titles_tree, "GDVH", "Niêm yết công khai")
    assert posting.text(1) == "10 ngày" and posting.text(2).startswith("NĐ 86/2023/NĐ-CP")
    assert _row(page.titles_tree, "LDTT", "Tiêu chí: Xếp loại tối thiểu").text(1) == "Hoàn thành tốt nhiệm vụ"
    assert _row(page.forms_tree, "GIAY_KHEN", "Đối tượng").text(1) == "Cá nhân, Tập thể, Hộ gia đình"
    assert page.note_label.text().startswith("“Chưa xác nhận”: căn cứ này chưa đối chiếu được với văn bản gốc.")
    assert page.note_label.isVisibleTo(page)

    page.titles_tree.setCurrentItem(threshold)
    detail = page.titles_tree.detail.text()
    assert "NĐ 98/2023/NĐ-CP, Điều 30.7" in detail and "01/07/2025" in detail and "Chưa xác nhận" in detail


def test_add_base_salary_row_saves_and_calculator_uses_it(page, app_context, qtbot, type_text):
    page.tabs.setCurrentIndex(2)
    before = page.salary_table.rowCount()
    type_text(page.salary_date, "01/07/2026")
    type_text(page.salary_amount, "2.530.000")
    type_text(page.salary_cite, "Nghị định 161/2026/NĐ-CP, Điều 3")
    qtbot.mouseClick(page.salary_add, Qt.MouseButton.LeftButton)
    assert page.salary_dirty and page.salary_save.isEnabled()
    assert page.salary_table.rowCount() == before  # the local row replaces the national one of that date
    assert rules.base_salary_table(app_context.store)[-1]["cite"] != "Nghị định 161/2026/NĐ-CP, Điều 3"

    with qtbot.waitSignal(app_context.data_changed) as changed:
        qtbot.mouseClick(page.salary_save, Qt.MouseButton.LeftButton)
    assert changed.args == ["rules"]
    assert page.confirmations and "2.530.000" in page.confirmations[0]
    last = rules.base_salary_table(app_context.store)[-1]
    assert (last["valid_from"].isoformat(), last["amount"], last["cite"]) == (
        "2026-07-01",
        2530000,
        "Nghị định 161/2026/NĐ-CP, Điều 3",
    )
    row = page.salary_table.rowCount() - 1
    assert page.salary_table.item(row, 0).text() == "01/07/2026"
    assert page.salary_table.item(row, 1).text() == "2.530.000"
    assert page.salary_table.item(row, 3).text() == "Đơn vị thêm"
    assert not page.salary_dirty
    assert "Mức lương cơ sở: dùng bảng do đơn vị sửa." in page.pack_label.text()
    assert "Chưa có quy định riêng của tỉnh" in page.pack_label.text()
    operations = [r["operation"] for r in app_context.store.query("SELECT operation FROM audit_log")]
    assert "rules.base_salary" in operations

    page.calc_code.setCurrentIndex(page.calc_code.findData("LDTT"))
    page.calc_target.setCurrentIndex(page.calc_target.findData("individual"))
    page.calc_date.setText("15/08/2026")
    qtbot.mouseClick(page.calc_button, Qt.MouseButton.LeftButton)
    assert page.calc_amount.text() == "760.000 đồng"  # 0,3 × 2.530.000 = 759.000, rounded up
    assert page.calc_words.text() == "Bảy trăm sáu mươi nghìn đồng"
    assert "2.530.000" in page.calc_arithmetic.text()
    assert "Nghị định 161/2026/NĐ-CP, Điều 3" in page.calc_arithmetic.text()
    page.calc_date.setText("15/08/2025")
    page.calculate()
    assert page.calc_amount.text() == "710.000 đồng"  # 0,3 × 2.340.000 = 702.000 before the new row


def test_remove_local_row_brings_the_national_table_back(page, app_context):
    rules.set_base_salary_entries(app_context.store, entries=[(date(2026, 7, 1), 2600000, "NĐ thử, Điều 3")])
    page.reload()
    last = page.salary_table.rowCount() - 1
    page.salary_table.selectRow(last)
    assert page.salary_remove.isEnabled()
    assert page.remove_salary_row()
    assert page.save_salary()
    assert rules.base_salary_table(app_context.store)[-1]["amount"] == 2530000  # national row again
    assert all(page.salary_table.item(r, 3).text() == "Quốc gia" for r in range(page.salary_table.rowCount()))


def test_base_salary_errors_next_to_the_table(page, app_context, type_text):
    page.tabs.setCurrentIndex(2)
    type_text(page.salary_date, "31/02/2026")
    type_text(page.salary_amount, "hai triệu")
    assert not page.add_salary_row()
    text = page.salary_error.text()
    assert page.salary_error.isVisibleTo(page)
    assert "Từ ngày" in text and "Mức lương cơ sở" in text and "Văn bản căn cứ" in text
    assert "b00020" in page.salary_error.styleSheet()
    assert not page.salary_dirty

    # ops refuses an amount that is not whole thousands: the reason shows and nothing is saved.
    page.salary_date.setText("01/01/2027")
    page.salary_amount.setText("2.600.500")
    page.salary_cite.setText("Nghị định thử")
    assert page.add_salary_row()
    assert not page.save_salary()
    assert "chẵn nghìn đồng" in page.salary_error.text()
    assert app_context.store.scalar("SELECT count(*) FROM rule_overrides") == 0


def test_malformed_override_names_the_key_and_saves_nothing(page, app_context, qtbot, type_text):
    page.tabs.setCurrentIndex(3)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert 'kind = "override"' in page.override_editor.toPlainText()
    type_text(page.override_name, "Quy định thử")
    page.override_editor.setPlainText(BAD_OVERRIDE)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert "titles.CSTDCS.params.cap_percent_of_ldtt" in page.override_problems.text()
    assert "phải là số" in page.override_problems.text()
    qtbot.mouseClick(page.save_override_button, Qt.MouseButton.LeftButton)
    assert page.override_problems.isVisibleTo(page)
    assert "Chưa lưu" in page.override_problems.text()
    assert "titles.CSTDCS.params.cap_percent_of_ldtt" in page.override_problems.text()
    assert app_context.store.scalar("SELECT count(*) FROM rule_overrides") == 0
    assert page.override_table.rowCount() == 0


def test_override_saved_shown_in_catalog_and_deactivated(page, app_context, type_text):
    page.new_override()
    type_text(page.override_name, "Quyết định 99/2025 của tỉnh")
    page.override_editor.setPlainText(GOOD_OVERRIDE)
    assert page.check_override() == []
    assert page.override_problems.text() == "Quy định hợp lệ, có thể lưu."
    override_id = page.save_override()
    assert override_id
    assert page.override_table.item(0, 0).text() == "Quyết định 99/2025 của tỉnh"
    assert page.override_table.item(0, 2).text() == "Đang áp dụng"
    cap = _row(page.titles_tree, "CSTDCS", "Tiêu chí: Tỷ lệ CSTĐCS")
    assert cap.text(1) == "30"
    assert cap.text(2) == "Quyết định 99/2025/QĐ-UBND, Điều 7"
    assert cap.text(5) == "Quyết định 99/2025 của tỉnh"
    assert "Quy định của tỉnh đang có hiệu lực" in page.pack_label.text()

    page.override_table.selectRow(0)
    assert page.active_button.text() == "Ngừng áp dụng"
    assert page.toggle_override_active()
    assert "Ngừng áp dụng quy định" in page.confirmations[-1]
    assert page.override_table.item(0, 2).text() == "Ngừng áp dụng"
    assert _row(page.titles_tree, "CSTDCS", "Tiêu chí: Tỷ lệ CSTĐCS").text(5) == "Quốc gia"
    operations = {r["operation"] for r in app_context.store.query("SELECT operation FROM audit_log")}
    assert {"rules.save_override", "rules.set_override_active"} <= operations


def test_import_override_file(page, app_context, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    page.tabs.setCurrentIndex(3)
    bad = tmp_path / "tinh-loi.toml"
    bad.write_text(BAD_OVERRIDE, encoding="utf-8")
    chosen = [str(bad)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen[0], ""))
    assert page.import_override_file() is None
    assert "tinh-loi.toml" in page.import_error.text()
    assert "titles.CSTDCS.params.cap_percent_of_ldtt" in page.import_error.text()
    assert app_context.store.scalar("SELECT count(*) FROM rule_overrides") == 0

    good = Path(tmp_path / "tinh.toml")
    good.write_text(GOOD_OVERRIDE, encoding="utf-8")
    chosen[0] = str(good)
    assert page.import_override_file()
    assert page.override_table.rowCount() == 1
    assert page.override_table.item(0, 0).text() == "Thử"  # the [pack] name
    assert page.override_editor.toPlainText() == GOOD_OVERRIDE


def test_rules_tab_in_settings(main_window):
    from desktop.ui.pages.rules_page import RulesPage

    settings = main_window.show_page("settings")
    assert settings.tabs.tabText(0) == "Chung"
    assert settings.tabs.tabText(1) == "Quy định thi đua, khen thưởng"
    rules_page = settings.show_rules()
    assert isinstance(rules_page, RulesPage)
    assert settings.tabs.currentWidget() is rules_page
    assert settings.show_rules() is rules_page  # built once


def test_rules_page_in_english(app_context, qtbot):
    from desktop.i18n import set_language
    from desktop.ui.pages.rules_page import RulesPage

    set_language("en")
    widget = RulesPage(app_context)
    qtbot.addWidget(widget)
    assert widget.tabs.tabText(0) == "Titles"
    assert widget.tabs.tabText(1) == "Award forms"
    assert _row(widget.titles_tree, "CSTDCS", "Votes in favour").text(1) == "≥ 80% of all council members"


def test_a_clerks_row_of_2024_leaves_the_later_national_rows_in_the_table(page, app_context, qtbot, type_text):
    """Re-citing the 01/07/2024 row must not hide the national row of 01/07/2026 (the money follows the table)."""
    page.tabs.setCurrentIndex(2)
    before = page.salary_table.rowCount()
    type_text(page.salary_date, "01/07/2024")
    type_text(page.salary_amount, "2.340.000")
    type_text(page.salary_cite, "Nghị định 73/2024/NĐ-CP (bản đơn vị lưu)")
    qtbot.mouseClick(page.salary_add, Qt.MouseButton.LeftButton)
    assert page.salary_table.rowCount() == before  # only the row of that date is replaced
    assert page.save_salary()
    dates = [page.salary_table.item(r, 0).text() for r in range(page.salary_table.rowCount())]
    assert dates[-2:] == ["01/07/2024", "01/07/2026"]
    assert rules.base_salary_table(app_context.store)[-1]["amount"] == 2_530_000


def test_saving_over_a_province_row_says_which_row_it_sets_aside(page, app_context, qtbot, type_text):
    """A province pack brought 2.530.000 from 01/07/2026; the clerk's own row of that date is the one paid, and the
    save says which province row it sets aside (the window said only "Đã lưu")."""
    from desktop.store.rules_repo import save_override

    province = (
        '[pack]\nid = "vn-tinh-x"\nname = "Quy định của tỉnh X"\nversion = "2026.1"\nvalid_from = 2026-07-01\n'
        'jurisdiction = "VN-08"\nkind = "override"\nbase = "vn-national"\n\n[[base_salary]]\nvalue = 2530000\n'
        'cite = "NĐ 161/2026/NĐ-CP, Điều 3 (tỉnh xác nhận)"\nfrom = 2026-07-01\n'
    )
    save_override(app_context.store, name="Quy định của tỉnh X", toml_text=province, source="province")
    page.reload()
    page.tabs.setCurrentIndex(2)
    type_text(page.salary_date, "01/07/2026")
    type_text(page.salary_amount, "2.340.000")
    type_text(page.salary_cite, "Công văn Sở Nội vụ: chưa tăng lương cơ sở")
    qtbot.mouseClick(page.salary_add, Qt.MouseButton.LeftButton)
    assert page.save_salary()
    text = page.salary_error.text()
    assert text.startswith("Đã lưu bảng mức lương cơ sở")
    assert "thay cho mức 2.530.000 đồng" in text and "Quy định của tỉnh X" in text
    assert (
        rules.money(app_context.store, code="LDTT", target="individual", decision_date=date(2026, 8, 1)).amount
        == 710_000
    )


def test_saving_a_rule_a_later_province_pack_sets_aside_says_so(page, app_context, type_text):
    """The clerk's own CSTĐCS cap (30 % from 01/01/2026) saved before a province pack setting 25 % from the same
    day: editing it to 35 % used to say only "Đã lưu" while the province's 25 % stayed in force."""
    from desktop.store.rules_repo import save_override

    page.new_override()
    type_text(page.override_name, "Quy định của xã")
    page.override_editor.setPlainText(GOOD_OVERRIDE)
    own_id = page.save_override()
    province = GOOD_OVERRIDE.replace('id = "vn-thu"', 'id = "vn-tinh"').replace("value = 30", "value = 25")
    save_override(app_context.store, name="Quy định của tỉnh X", toml_text=province, source="province")
    page.reload()
    assert page.override_table.item(0, 2).text() == "Áp dụng một phần (có giá trị bị quy định sau thay)"
    assert page.override_table.item(1, 2).text() == "Đang áp dụng"

    page.override_table.selectRow(0)
    page.override_editor.setPlainText(GOOD_OVERRIDE.replace("value = 30", "value = 35"))
    assert page.save_override() == own_id

    text = page.override_problems.text()
    assert text.startswith("Đã lưu quy định “Quy định của xã”. Nhưng có giá trị không được áp dụng:")
    assert (
        "titles.CSTDCS.params.cap_percent_of_ldtt: không áp dụng, vì quy định “Quy định của tỉnh X” (nhập sau) đặt "
        "giá trị khác từ 01/01/2026." in text
    )
    assert "ngừng áp dụng quy định kia" in text
    assert rules.effective_pack(app_context.store).param("CSTDCS", "cap_percent_of_ldtt", date(2026, 6, 1)) == 25


def test_a_province_pack_is_read_only_here(page, app_context, type_text):
    """Selecting a pack received from the province used to load it into the editor, and "Lưu" wrote the clerk's
    number over it, still listed as "Tỉnh gửi về" with the province's citation. Now the editor shows it read-only,
    says how to change it, and the store refuses such a save whoever calls it."""
    from desktop.domain.rules import RulePackError
    from desktop.store.rules_repo import save_override

    province = GOOD_OVERRIDE.replace('id = "vn-thu"', 'id = "vn-tinh"')
    province_id = save_override(app_context.store, name="Quy định của tỉnh X", toml_text=province, source="province")
    page.reload()
    page.override_table.selectRow(0)
    assert page.override_table.item(0, 1).text() == "Tỉnh gửi về"
    assert page.override_editor.isReadOnly() and page.override_name.isReadOnly()
    assert not page.save_override_button.isEnabled()
    assert page.override_problems.text().startswith("Quy định này do tỉnh gửi về: chỉ xem, không sửa ở đây")
    with pytest.raises(RulePackError, match="do tỉnh gửi về nên không sửa được"):
        save_override(
            app_context.store,
            name="Quy định của tỉnh X",
            toml_text=province.replace("value = 30", "value = 1"),
            source="province",
            override_id=province_id,
        )
    assert app_context.store.scalar("SELECT toml FROM rule_overrides WHERE id = ?", (province_id,)) == province
    # a rule of the unit's own is the way to change it: editable again
    page.new_override()
    assert not page.override_editor.isReadOnly() and page.save_override_button.isEnabled()
    type_text(page.override_name, "Quy định của xã")
    page.override_editor.setPlainText(GOOD_OVERRIDE.replace("value = 30", "value = 20"))
    assert page.save_override() is not None
    assert rules.effective_pack(app_context.store).param("CSTDCS", "cap_percent_of_ldtt", date(2026, 6, 1)) == 20


def test_a_row_dated_where_decisions_are_signed_names_them_before_saving(page, app_context, qtbot, type_text):
    """A row of 3.000.000 from 01/07/2024 was saved with only "Tiền thưởng sẽ tính theo bảng mới": the decisions
    of December 2024 (710.000 đ each for LĐTT) now sat under another base salary and nothing said so. The question
    names each, with the old and the new base salary; a row after every decision names none."""
    page.tabs.setCurrentIndex(2)
    type_text(page.salary_date, "01/07/2024")
    type_text(page.salary_amount, "3.000.000")
    type_text(page.salary_cite, "Nghị định giả định")
    qtbot.mouseClick(page.salary_add, Qt.MouseButton.LeftButton)
    issued_2024 = [
        d
        for d in app_context.store.query("SELECT number_text, decision_date FROM decisions WHERE status = 'issued'")
        if d["decision_date"] >= "2024-07-01"
    ]
    assert issued_2024
    qtbot.mouseClick(page.salary_save, Qt.MouseButton.LeftButton)
    question = page.confirmations[-1]
    assert "Các quyết định đã ban hành sau có ngày ký rơi vào mức lương cơ sở khác" in question
    first = min(issued_2024, key=lambda d: d["decision_date"])
    day = date.fromisoformat(first["decision_date"]).strftime("%d/%m/%Y")
    assert f"Quyết định số {first['number_text']} ngày {day}: mức lương cơ sở 2.340.000 → 3.000.000 đồng" in question
    # the same row again: nothing changes now, so nothing is named
    assert rules.repriced_decisions(app_context.store, entries=page.local_entries) == []
    later = [*page.local_entries, (date(2030, 1, 1), 3_000_000, "Nghị định giả định")]
    assert rules.repriced_decisions(app_context.store, entries=later) == []
    # taking the row away again names the same decisions, back to the national amount
    back = rules.repriced_decisions(app_context.store, entries=[])
    assert f"Quyết định số {first['number_text']} ngày {day}: mức lương cơ sở 3.000.000 → 2.340.000 đồng" in back


def test_the_catalogue_on_a_date_before_a_province_criterion_starts_shows_the_law_of_that_date(page):
    """A province adds a Giấy khen criterion from 01/01/2026: the catalogue of 15/12/2025 opens without it (it
    raised, as the rule had no value yet), and the catalogue of 2026 shows it with the province's citation."""
    from desktop.ops import rules as rule_ops
    from tests.ops.test_s43_law_province_dates import GIAY_KHEN_RULE

    rule_ops.save_override(
        page.context.store,
        name="Quy định tỉnh",
        source="local",
        toml_text=GIAY_KHEN_RULE,
    )
    page.on_date.setText("15/12/2025")
    page.reload()
    assert page.on_date_error.text() == ""
    with pytest.raises(AssertionError, match="no row"):
        _row(page.forms_tree, "GIAY_KHEN", "Tiêu chí: Phải đạt Lao động tiên tiến")
    page.on_date.setText("01/02/2026")
    page.reload()
    assert _row(page.forms_tree, "GIAY_KHEN", "Tiêu chí: Phải đạt Lao động tiên tiến").text(2).startswith("QĐ tỉnh")


def test_import_override_file_saved_by_notepad_with_a_utf8_mark(page, app_context, monkeypatch, tmp_path):
    """Notepad saves UTF-8 with a byte-order mark: the file is taken, its [pack] name read, the mark not stored."""
    import codecs

    from PySide6.QtWidgets import QFileDialog

    page.tabs.setCurrentIndex(3)
    marked = tmp_path / "tinh-notepad.toml"
    marked.write_bytes(codecs.BOM_UTF8 + GOOD_OVERRIDE.encode("utf-8"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(marked), ""))
    assert page.import_override_file()
    assert page.override_table.item(0, 0).text() == "Thử"  # the [pack] name, read past the mark
    stored = app_context.store.scalar("SELECT toml FROM rule_overrides")
    assert stored == GOOD_OVERRIDE and not stored.startswith("\ufeff")
