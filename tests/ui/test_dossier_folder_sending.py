"""The dossier window writes one sending into the folder: the latest dossier's tờ trình, list and báo cáo thành
tích, even when later nominations are ready for a next dossier; they never mix with an earlier dossier's."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from desktop.ops import documents, review
from desktop.ops.demo import fill_demo
from desktop.ui.context import AppContext

COUNCIL = [{"full_name": "Chủ tịch A", "role": "chair", "attended": True}] + [
    {"full_name": f"Ủy viên {i}", "role": "member", "attended": True} for i in range(1, 10)
]


def pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def pass_ballot(store, round_id: int, code: str, name: str) -> None:
    (row,) = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == code and n["name"] == name]
    review.record_ballot(store, nomination_id=row["id"], agree=10, disagree=0, invalid=0)


def render_proposal(store, specs: list[dict], tmp_path: Path) -> str:
    (spec,) = [s for s in specs if s["kind"] == "proposal" and str(s["out"]).endswith(".pdf")]
    out = tmp_path / f"tt-{spec['dossier_id']}.pdf"
    return pdf_text(documents.render_document(store, **{**spec, "out": out}))


def test_the_folder_holds_the_latest_dossier_only(store, qapp, qtbot, tmp_path):
    from desktop.ui.review.dossier_widget import DossierWidget

    fill_demo(store, today=date(2026, 11, 20))
    round_id = review.create_round(store, year=2026, today=date(2026, 11, 20))
    review.set_council(store, round_id=round_id, meeting_date=date(2026, 11, 25), location="HT", members=COUNCIL)
    pass_ballot(store, round_id, "CSTDCS", "Vũ Thị Hồng Hằng")
    widget = DossierWidget(AppContext(store, actor="thu_ky"), round_id)
    qtbot.addWidget(widget)
    first = widget.build()
    assert first
    # Sơn's ballots pass after dossier 1: ready for a next dossier, but dossier 1's folder prints dossier 1.
    pass_ballot(store, round_id, "CSTDCS", "Đặng Văn Sơn")
    pass_ballot(store, round_id, "CSTD_TINH", "Đặng Văn Sơn")
    widget.load()
    specs = widget.document_specs(tmp_path)
    assert {s.get("dossier_id") for s in specs if s["kind"].startswith("proposal")} == {first}
    text = render_proposal(store, specs, tmp_path)
    assert "Vũ Thị Hồng Hằng" in text and "Đặng Văn Sơn" not in text
    second = widget.build()
    assert second and second != first
    specs = widget.document_specs(tmp_path)
    assert {s.get("dossier_id") for s in specs if s["kind"].startswith("proposal")} == {second}
    reports = [s for s in specs if s["kind"] == "achievement_report"]
    sent = review.get_dossier(store, dossier_id=second)["nominations"]
    assert sorted(s["nomination_id"] for s in reports) == sorted(n["id"] for n in sent)
    text = render_proposal(store, specs, tmp_path)
    assert "Đặng Văn Sơn" in text and "Vũ Thị Hồng Hằng" not in text
