"""The decision dialog when the law on the signing date refuses a ticked nominee (a discipline since the round was
opened): the refusal names the person, the row's reason box is marked, and a reason typed there lets it through."""

from __future__ import annotations

from datetime import date

from desktop.ops import review
from desktop.ops.staff import add_discipline
from tests.ui import test_documents_law_ui as law

# The demo commune, its 2025 round with a council, and the recorded message boxes, as the dialog's other tests have.
demo_context, round_id, boxes, confirm = law.demo_context, law.round_id, law.boxes, law.confirm


def test_a_nominee_disciplined_since_the_round_is_refused_until_a_reason_is_typed(
    demo_context, qtbot, round_id, boxes, confirm
):
    store = demo_context.store
    ldtt = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:2]
    dialog = law._dialog(demo_context, qtbot, round_id, {n["id"] for n in ldtt})
    add_discipline(
        store, staff_id=ldtt[0]["staff_id"], level="khien_trach", start_date=date(2025, 12, 18),
        end_date=date(2026, 12, 17), reason="Vi phạm quy chế", decision_no="9/QĐ-UBND",
    )  # fmt: skip
    name = store.scalar("SELECT full_name FROM staff WHERE id = ?", (ldtt[0]["staff_id"],))
    job = dialog.issue()
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert dialog.decision_id is None
    assert dialog.error.text().startswith(f"{name} (Lao động tiên tiến): theo quy định và dữ liệu tại ngày ký 20/12")
    row = [n["id"] for n in dialog.rows].index(ldtt[0]["id"])
    edit = dialog.overrides[row]
    assert edit is not None and "#b00020" in edit.styleSheet()
    assert store.scalar("SELECT count(*) FROM decisions WHERE decision_date = '2025-12-20'") == 0

    edit.setText("Hội đồng xét thành tích trước khi bị kỷ luật")
    job = dialog.issue()
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert dialog.decision_id is not None, dialog.error.text()
    awardees = review.get_decision(store, decision_id=dialog.decision_id)["awardees"]
    assert {a["staff_id"]: a["override_reason"] for a in awardees} == {
        ldtt[0]["staff_id"]: "Hội đồng xét thành tích trước khi bị kỷ luật",
        ldtt[1]["staff_id"]: "",
    }


def test_money_on_an_unconfirmed_value_is_named_in_the_question_before_signing(
    demo_context, qtbot, round_id, boxes, confirm
):
    from desktop.ops import rules
    from tests.ops.test_money_unconfirmed import UNSURE

    store = demo_context.store
    rules.save_override(store, name="Quy định thử", toml_text=UNSURE)
    ldtt = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:1]
    dialog = law._dialog(demo_context, qtbot, round_id, {n["id"] for n in ldtt})
    job = dialog.issue()
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert dialog.decision_id is not None, dialog.error.text()
    assert "Lưu ý về tiền thưởng:\n• Hệ số tiền thưởng 0,3 của “Lao động tiên tiến” (Quyết định thử)" in confirm[-1]


def test_cancelling_in_the_window_shows_the_money_still_owed(
    demo_context, qtbot, round_id, boxes, confirm, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from desktop.ui.review.decisions_page import DecisionsPage

    store = demo_context.store
    nominations = review.get_round(store, round_id)["nominations"]
    cstdcs = next(n for n in nominations if n["code"] == "CSTDCS" and n["conferred_by"] == "unit")
    ldtt = next(n for n in nominations if n["code"] == "LDTT" and n["staff_id"] == cstdcs["staff_id"])
    header = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng"}
    first = review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 20), nomination_ids=[ldtt["id"]], **header
    )
    review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 22), nomination_ids=[cstdcs["id"]], **header
    )
    page = DecisionsPage(demo_context)
    qtbot.addWidget(page)
    page.year.setCurrentIndex(page.year.findData(2025))
    page.load(select_id=first)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *args, **kwargs: ("Sai thể thức", True))
    assert page.revoke()
    [shown] = boxes["information"]
    assert shown.startswith("Sau khi hủy bỏ, cần lưu ý:") and "còn thiếu 710.000 đồng" in shown
