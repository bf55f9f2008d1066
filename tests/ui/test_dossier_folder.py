"""Each upward dossier is written into its own folder: the year's first into "ho-so-de-nghi-cap-tren-YYYY", the
second into "ho-so-de-nghi-cap-tren-YYYY-2", so a later sending never mixes with the files of an earlier one.
The demo commune of 20/11/2026 (as in tests/ops/test_dossier_truth.py): dossier 1 sends Vũ Thị Hồng Hằng's Bằng
khen tỉnh; once Đặng Văn Sơn's ballots pass, dossier 2 sends his CSTĐ cấp tỉnh. Real store, real files; only the folder
dialog, the message boxes and the file opener are patched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.ops import review

TODAY = date(2026, 11, 20)
MEETING = date(2026, 11, 25)
COUNCIL = [{"full_name": "Chủ tịch A", "role": "chair", "attended": True}] + [
    {"full_name": f"Ủy viên {i}", "role": "member", "attended": True} for i in range(1, 10)
]


@pytest.fixture
def widget(store, qapp, qtbot, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    from desktop.ops.demo import fill_demo
    from desktop.ui.context import AppContext
    from desktop.ui.review.dossier_widget import DossierWidget

    for kind in ("critical", "information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "out"))
    fill_demo(store, today=TODAY)
    round_id = review.create_round(store, year=2026, today=TODAY)
    review.set_council(store, round_id=round_id, meeting_date=MEETING, location="Hội trường", members=COUNCIL)
    vote(store, round_id, "CSTDCS", "Vũ Thị Hồng Hằng")
    dossier = DossierWidget(AppContext(store, actor="thu_ky"), round_id)
    qtbot.addWidget(dossier)
    dossier.show()
    qtbot.waitExposed(dossier)
    return dossier


def vote(store, round_id: int, code: str, name: str) -> None:
    (row,) = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == code and n["name"] == name]
    review.record_ballot(store, nomination_id=row["id"], agree=10, disagree=0, invalid=0)


def build_and_render(widget, qtbot) -> None:
    qtbot.mouseClick(widget.build_button, Qt.MouseButton.LeftButton)
    assert not widget.error.text(), widget.error.text()
    qtbot.mouseClick(widget.render_button, Qt.MouseButton.LeftButton)
    job = widget.last_job
    assert job is not None
    if not job.done:
        with qtbot.waitSignal(job.finished, timeout=30000):
            pass
    assert job.error is None, job.error


def reports(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith("03-bao-cao-thanh-tich-")}


def test_two_dossiers_of_one_year_go_to_two_folders(widget, qtbot, tmp_path):
    out = tmp_path / "out"
    build_and_render(widget, qtbot)
    first = out / "ho-so-de-nghi-cap-tren-2026"
    assert str(first) in widget.status.text()
    first_files = {p.name for p in first.iterdir()}
    first_reports = reports(first)
    assert len(first_reports) == len(widget.dossiers[-1]["nominations"]) >= 1
    assert "01-to-trinh-2026.pdf" in first_files
    vote(widget.context.store, widget.round_id, "CSTDCS", "Đặng Văn Sơn")
    vote(widget.context.store, widget.round_id, "CSTD_TINH", "Đặng Văn Sơn")
    widget.load()
    build_and_render(widget, qtbot)
    assert len(widget.dossiers) == 2
    second = out / "ho-so-de-nghi-cap-tren-2026-2"
    assert str(second) in widget.status.text()
    second_reports = reports(second)
    assert len(second_reports) == len(widget.dossiers[-1]["nominations"]) == 1  # his CSTĐ cấp tỉnh
    assert not second_reports & first_reports  # none of the first sending's báo cáo in the second's folder
    assert {p.name for p in first.iterdir()} == first_files  # and the first's folder is left as it was
    assert sorted(p.name for p in out.iterdir()) == ["ho-so-de-nghi-cap-tren-2026", "ho-so-de-nghi-cap-tren-2026-2"]


def test_a_dossier_of_another_round_of_the_same_year_counts_too(widget, qtbot, tmp_path):
    """An occasion round of 2026 sent its dossier first: the year round's dossier is the year's second."""
    from desktop.ui.context import AppContext
    from desktop.ui.review.dossier_widget import DossierWidget

    store = widget.context.store
    occasion = review.create_round(store, year=2026, kind="occasion", name="Khen đột xuất", today=TODAY)
    (khanh,) = [r["id"] for r in store.query("SELECT id FROM staff WHERE full_name = 'Đỗ Văn Khánh'")]
    # one award form waits in one round at a time: the year round's proposal gives way to the occasion's
    (yearly,) = [
        r["id"]
        for r in store.query(
            "SELECT id FROM nominations WHERE round_id = ? AND staff_id = ? AND code = 'BK_TINH'",
            (widget.round_id, khanh),
        )
    ]
    review.remove_nomination(store, nomination_id=yearly, reason="Đề nghị ở đợt khen đột xuất")
    review.add_nomination(
        store,
        round_id=occasion,
        target_kind="individual",
        code="BK_TINH",
        staff_id=khanh,
        change_reason="Thành tích đột xuất",
        override_reason="Hội đồng đề nghị",
        today=TODAY,
    )
    other = DossierWidget(AppContext(store, actor="thu_ky"), occasion)
    qtbot.addWidget(other)
    build_and_render(other, qtbot)
    assert str(tmp_path / "out" / "ho-so-de-nghi-cap-tren-2026") in other.status.text()
    widget.load()
    build_and_render(widget, qtbot)
    assert str(tmp_path / "out" / "ho-so-de-nghi-cap-tren-2026-2") in widget.status.text()
    assert len(reports(tmp_path / "out" / "ho-so-de-nghi-cap-tren-2026")) == 1  # Khánh's alone, not Hằng's too


def test_the_folder_names():
    from desktop.ui.review.dossier_widget import dossier_folder_name

    assert dossier_folder_name(2025, 1) == "ho-so-de-nghi-cap-tren-2025"
    assert dossier_folder_name(2025, 2) == "ho-so-de-nghi-cap-tren-2025-2"
