"""The decision dialog's refusal of a book says how to open it in the window, never a command-line command.

- a symbol the unit has never used ("QĐ-UBNN") and a look-alike of its book ("QĐ.UBND"): the line under the symbol
  names the button “Đặt số tiếp theo…” and the box “Đây là sổ văn bản mới”, and no ``tdkt`` command;
- the command line's refusal (the ops default) is word for word what it was, naming ``tdkt decision series``.
Real widgets, the demo commune's round of 2025.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review
from desktop.ops.review.numbering import check_series_usable
from desktop.store import ValidationError
from tests.ui import test_documents_law_ui as law

demo_context, round_id, boxes, confirm = law.demo_context, law.round_id, law.boxes, law.confirm

SIGNED = date(2025, 12, 20)


def test_the_window_names_its_own_way_to_open_a_book(demo_context, qtbot, round_id, boxes, confirm):
    store = demo_context.store
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:1]
    dialog = law._dialog(demo_context, qtbot, round_id, set(ldtt))
    for typed, says in (("QĐ-UBNN", "“QĐ-UBNN” chưa có"), ("QĐ.UBND", "chỉ khác sổ đã có “QĐ-UBND”")):
        dialog.series_key.setText(typed)
        assert dialog.issue() is None
        shown = dialog.errors["series_key"].text()
        assert says in shown
        assert "“Đặt số tiếp theo…”" in shown and "“Đây là sổ văn bản mới”" in shown
        assert "dòng lệnh" not in shown and "tdkt" not in shown and "--" not in shown, shown
    assert confirm == []


def test_the_command_line_wording_is_unchanged(demo_context):
    store = demo_context.store
    with pytest.raises(ValidationError) as never_used:
        check_series_usable(store, "QĐ-UBNN", SIGNED)
    known = str(never_used.value).split("(các sổ đã có: ", 1)[1].split(")", 1)[0]
    assert str(never_used.value) == (
        f"Sổ văn bản “QĐ-UBNN” chưa có: đơn vị chưa có quyết định hay số nào trong sổ này (các sổ đã có: {known}). "
        "Hãy kiểm tra ký hiệu; nếu đây đúng là một sổ văn bản mới, hãy mở sổ trước: trang Quyết định, nút “Đặt số "
        "tiếp theo…”, đánh dấu “Đây là sổ văn bản mới” (dòng lệnh: tdkt decision series --series QĐ-UBNN --year 2025 "
        "--next 1 --reason LÝ_DO --new-series), rồi ban hành lại."
    )
    with pytest.raises(ValidationError) as look_alike:
        check_series_usable(store, "QĐ.UBND", SIGNED)
    assert str(look_alike.value) == (
        "Ký hiệu sổ văn bản “QĐ.UBND” chỉ khác sổ đã có “QĐ-UBND” ở chữ Đ/D, dấu hoặc dấu “.”/“-”; hãy dùng sổ "
        "“QĐ-UBND”. Nếu đây đúng là một sổ văn bản mới, hãy xác nhận mở sổ mới trước (dòng lệnh: tdkt decision "
        "series --series QĐ.UBND --year NĂM --next SỐ_TIẾP_THEO --reason LÝ_DO --new-series)."
    )
    with pytest.raises(ValidationError) as in_window:
        check_series_usable(store, "QĐ-UBNN", SIGNED, for_window=True)
    assert str(in_window.value) == (
        f"Sổ văn bản “QĐ-UBNN” chưa có: đơn vị chưa có quyết định hay số nào trong sổ này (các sổ đã có: {known}). "
        "Hãy kiểm tra ký hiệu; nếu đây đúng là một sổ văn bản mới, hãy mở sổ trước: trang Quyết định, nút “Đặt số "
        "tiếp theo…”, đánh dấu “Đây là sổ văn bản mới”, rồi ban hành lại."
    )
    assert in_window.value.field == "series_key"
