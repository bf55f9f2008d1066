"""Issue 12, point 1 — the window's exports never carry formulas from data (review verdicts, audit log)."""

from __future__ import annotations

from tests.demo_date import DEMO_TODAY
from tests.security.test_12_1_spreadsheets_out import CALC, LINK, assert_intact, read_back


def test_review_verdicts_export(app_context, qtbot, tmp_path):
    from desktop.ops.demo import fill_demo
    from desktop.ui.pages.review_page import ReviewPage

    store = app_context.store
    fill_demo(store, today=DEMO_TODAY)
    with store.transaction(operation="test.rename"):
        first, second = [r["id"] for r in store.query("SELECT id FROM staff WHERE end_date IS NULL LIMIT 2")]
        store.execute("UPDATE staff SET full_name = ? WHERE id = ?", (CALC, first))
        store.execute("UPDATE staff SET full_name = ? WHERE id = ?", (LINK, second))
    page = ReviewPage(app_context)
    qtbot.addWidget(page)
    page.year.setValue(2025)
    job = page.run_evaluation()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    target = page.export_xlsx(tmp_path / "ket-qua.xlsx")
    assert target is not None
    texts, _others = read_back(target)
    assert_intact(texts, CALC, LINK)


def test_audit_export(app_context, tmp_path):
    from desktop.store import new_uuid, now_iso
    from desktop.ui.pages.audit_page import AuditFilter, export_audit

    store = app_context.store
    with store.acting_as(CALC), store.transaction("departments.add"):
        stamp = now_iso()
        store.insert("departments", {"uuid": new_uuid(), "name": LINK, "created_at": stamp, "updated_at": stamp})
    target = tmp_path / "nhat-ky.xlsx"
    assert export_audit(store, AuditFilter(), target) >= 1
    texts, _others = read_back(target)
    assert_intact(texts, CALC)
