"""Hồ sơ lên cấp trên, clicked with the mouse: the documents into a folder, and the electronic package for the
province. Only the file dialogs and message boxes are patched; the files are real."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo_context(store, qapp):
    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext

    fill_demo(store, today=DEMO_TODAY)
    return AppContext(store, actor="thu_ky")


@pytest.fixture
def boxes(monkeypatch):
    seen: dict[str, list[str]] = {"critical": [], "information": [], "warning": []}
    for kind in seen:
        monkeypatch.setattr(QMessageBox, kind, lambda _p, _t, text, *a, _kind=kind, **k: seen[_kind].append(text) or 0)
    return seen


@pytest.fixture
def opened(monkeypatch):
    from PySide6.QtGui import QDesktopServices

    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


@pytest.fixture
def widget(demo_context, qtbot):
    from desktop.ops import review
    from desktop.ui.review.dossier_widget import DossierWidget

    store = demo_context.store
    round_id = review.create_round(store, year=2025)
    members = [{"full_name": f"Thành viên {i}", "role": "chair" if i == 1 else "member"} for i in range(1, 6)]
    review.set_council(store, round_id=round_id, meeting_date="2025-12-15", location="Hội trường", members=members)
    for nomination in review.get_round(store, round_id)["nominations"]:
        if nomination["code"] == "CSTDCS":
            review.record_ballot(store, nomination_id=nomination["id"], agree=5, disagree=0, invalid=0)
    dossier = DossierWidget(demo_context, round_id)
    qtbot.addWidget(dossier)
    dossier.resize(900, 600)
    dossier.show()
    qtbot.waitExposed(dossier)
    return dossier


def _click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _wait(qtbot, job) -> None:
    assert job is not None
    if not job.done:
        with qtbot.waitSignal(job.finished, timeout=30000):
            pass
    assert job.error is None, job.error


def statuses(widget) -> set[str]:
    """The status column of the nominations in a dossier."""
    ids = {n["id"] for n in widget.items}
    table = widget.table
    return {
        table.item(r, 3).text()
        for r in range(table.rowCount())
        if table.item(r, 0).data(Qt.ItemDataRole.UserRole) in ids
    }


def test_the_dossier_no_longer_promises_a_later_version(widget):
    texts = " ".join(label.text() for label in widget.findChildren(type(widget.heading)))
    assert "phiên bản sau" not in texts and "Gói hồ sơ điện tử" in texts
    assert widget.package_button.text() == "Tạo gói hồ sơ điện tử gửi tỉnh…"
    assert not widget.package_button.isEnabled()  # nothing in a dossier yet, and the buttons say so
    assert "Lập hồ sơ đề nghị cấp trên" in widget.package_button.toolTip() == widget.render_button.toolTip()


def test_electronic_package_for_the_province_by_clicks(widget, qtbot, boxes, tmp_path, monkeypatch):
    from desktop.ops import exchange
    from tests.exchange import link, make_province

    store = widget.context.store
    province = make_province(tmp_path)
    try:
        link(store, province, tmp_path)  # the keys were exchanged and checked on the phone
        _click(qtbot, widget.build_button)
        assert widget.items and widget.package_button.isEnabled()
        dossier = widget.dossiers[-1]["id"]
        assert f"Hồ sơ số {dossier} chưa có gói điện tử gửi tỉnh" in widget.heading.text()
        assert statuses(widget) == {f"Trong hồ sơ số {dossier}, chưa tạo gói gửi tỉnh"}
        target = tmp_path / "Ho so 2025.tdkt"
        asked: list[str] = []
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda _p, title, *a, **k: asked.append(title) or (str(target), "")
        )
        _click(qtbot, widget.package_button)
        _wait(qtbot, widget.package_job)
        assert asked and target.is_file()
        assert str(target) in widget.status.text() and "có mã hóa" in widget.status.text()
        assert "chưa có gói" not in widget.heading.text()
        (made,) = statuses(widget)  # the nominations in the dossier say a package was made, and when
        assert made.startswith(f"Trong hồ sơ số {dossier}, đã tạo gói lúc ") and made[-16:-6].count("/") == 2
        info = exchange.verify_file(province, path=target)  # the province can open and check it
        assert info["kind"] == "nomination_dossier" and info["year"] == 2025 and info["encrypted"]
        assert info["counts"] == {"nomination": len(widget.items)}
        sent = store.query_one("SELECT kind, year, encrypted FROM packages WHERE direction = 'sent'")
        assert sent == {"kind": "nomination_dossier", "year": 2025, "encrypted": 1}
        assert not boxes["critical"]
    finally:
        province.close()


def test_no_file_is_asked_for_when_the_package_cannot_be_made(widget, qtbot, boxes, monkeypatch):
    _click(qtbot, widget.build_button)
    store = widget.context.store
    with store.transaction("test"):  # the dossier's nominations went back: nothing to send this year
        store.execute("UPDATE nominations SET status = 'passed' WHERE status = 'sent_up'")
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append("x") or ("", ""))
    assert widget.save_package() is None
    assert asked == [] and "chưa có đề nghị nào đã lập hồ sơ" in widget.error.text()


def test_documents_into_a_folder_by_clicks(widget, qtbot, boxes, opened, tmp_path, monkeypatch):
    _click(qtbot, widget.build_button)
    assert widget.items
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda _p, title, *a, **k: asked.append(title) or str(tmp_path)
    )
    _click(qtbot, widget.render_button)
    _wait(qtbot, widget.last_job)
    assert asked
    folder = tmp_path / "ho-so-de-nghi-cap-tren-2025"
    names = sorted(p.name for p in folder.iterdir())
    assert "01-to-trinh-2025.pdf" in names and "02-danh-sach-de-nghi-2025.xlsx" in names
    assert len([n for n in names if n.startswith("03-bao-cao-thanh-tich-")]) == len(widget.items)
    assert str(folder) in widget.status.text()
    assert not boxes["critical"]
