"""The decision dialog offers "TM." (on behalf of the body) only where issuing would accept it: the law on the
signing date gives one of the awards ticked to the body. Real widgets on the demo commune and its real store; the
province rule that gives the Giấy khen to the body is saved through the rules operations."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import review, rules
from desktop.ops.review.signatures import check_body_power
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY
from tests.ops.test_documents_law import BODY_SIGNS_GIAY_KHEN, COUNCIL, seven_people_two_awards


@pytest.fixture
def demo_context(store, qapp):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    return AppContext(store, actor="thu_ky")


@pytest.fixture
def round_id(demo_context) -> int:
    store = demo_context.store
    created = review.create_round(store, year=2025, today=DEMO_TODAY)
    review.set_council(store, round_id=created, meeting_date=date(2025, 12, 15), location="Hội trường", members=COUNCIL)
    return created


def _dialog(demo_context, qtbot, round_id, chosen: set[int]):
    from desktop.ui.review.decision_dialog import DecisionDialog

    dialog = DecisionDialog(demo_context, round_id)
    qtbot.addWidget(dialog)
    dialog.decision_date.setText("20/12/2025")
    for nomination, check in zip(dialog.rows, dialog.checks, strict=True):
        check.setChecked(nomination["id"] in chosen)
    return dialog


def _body_enabled(dialog) -> bool:
    index = dialog.signing.findData("body")
    assert index >= 0
    return dialog.signing.model().item(index).isEnabled()


def _body_tooltip(dialog) -> str:
    return dialog.signing.itemData(dialog.signing.findData("body"), 3) or ""  # Qt.ToolTipRole


def _tick(dialog, code: str, on: bool) -> None:
    for nomination, check in zip(dialog.rows, dialog.checks, strict=True):
        if nomination["code"] == code:
            check.setChecked(on)


def test_tm_is_greyed_out_under_the_national_pack_with_the_reason(demo_context, qtbot, round_id):
    store = demo_context.store
    ids = set(seven_people_two_awards(store, round_id))
    dialog = _dialog(demo_context, qtbot, round_id, ids)
    codes = sorted({n["code"] for n in dialog.chosen_rows()})
    assert codes == ["GIAY_KHEN", "LDTT"]
    with pytest.raises(ValidationError):  # what "Ban hành" would say
        check_body_power(store, "body", codes, date(2025, 12, 20))
    assert not _body_enabled(dialog)
    tip = _body_tooltip(dialog)
    assert "không ký “TM.” được" in tip and "20/12/2025" in tip and "Giấy khen" in tip
    assert dialog.signing.currentData() == "chair"
    dialog.signing.setCurrentIndex(dialog.signing.findData("body"))  # the wheel or code cannot keep it either
    assert dialog.signing.currentData() == "chair"
    assert dialog.signer_title.text() == "Chủ tịch"


# The province gives the Giấy khen to the body from 01/07/2025; before that the chair confers it in his own name.
BODY_FROM_JULY = """
[pack]
id = "vn-tinh-tm-thang-7"
name = "Ví dụ"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[award_forms.GIAY_KHEN]
signing = [
  { value = "chair", cite = "Luật Thi đua, khen thưởng 2022", from = 2025-01-01 },
  { value = "body", cite = "Quyết định ví dụ của tỉnh", from = 2025-07-01 },
]
"""


def test_tm_follows_the_ticks_and_the_date_where_a_province_gives_the_giay_khen_to_the_body(
    demo_context, qtbot, round_id
):
    store = demo_context.store
    rules.save_override(store, name="Ký Giấy khen", toml_text=BODY_FROM_JULY)
    ids = set(seven_people_two_awards(store, round_id))
    dialog = _dialog(demo_context, qtbot, round_id, ids)
    assert _body_enabled(dialog) and _body_tooltip(dialog) == ""
    assert dialog.signing.currentData() == "body"  # the law's default for a Giấy khen of the body
    # Only the LĐTT rows ticked: the chair's own power, "TM." is refused and the mode falls back to the chair.
    _tick(dialog, "GIAY_KHEN", False)
    assert not _body_enabled(dialog) and "Lao động tiên tiến" in _body_tooltip(dialog)
    assert dialog.signing.currentData() == "chair"
    _tick(dialog, "GIAY_KHEN", True)
    assert _body_enabled(dialog) and _body_tooltip(dialog) == ""
    # Chosen by hand, then a date before the province's rule: refused again, back to the chair.
    index = dialog.signing.findData("body")
    dialog.signing.setCurrentIndex(index)
    dialog.signing.activated.emit(index)
    assert dialog.signing.currentData() == "body"
    dialog.decision_date.setText("20/12/202")  # half typed: left as it was until it reads as a date
    assert _body_enabled(dialog) and dialog.signing.currentData() == "body"
    dialog.decision_date.setText("20/06/2025")
    assert not _body_enabled(dialog) and "20/06/2025" in _body_tooltip(dialog)
    assert dialog.signing.currentData() == "chair"
    dialog.decision_date.setText("20/12/2025")
    assert _body_enabled(dialog)


def test_a_date_before_the_provinces_rule_greys_out_tm_the_national_law_applying(demo_context, qtbot, round_id):
    store = demo_context.store
    rules.save_override(store, name="Ký Giấy khen", toml_text=BODY_SIGNS_GIAY_KHEN)  # "body" only from 01/01/2025
    dialog = _dialog(demo_context, qtbot, round_id, set(seven_people_two_awards(store, round_id)))
    assert _body_enabled(dialog)
    dialog.decision_date.setText("20/12/2024")
    assert not _body_enabled(dialog) and "20/12/2024" in _body_tooltip(dialog)
    assert dialog.signing.currentData() == "chair"  # the national default before the province's rule
