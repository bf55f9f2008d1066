"""`tdkt documents render --kind proposal_list --round R --upward --dossier D` reprints the list of dossier D, an
earlier sending included, and refuses a dossier of another round (the window did this already; the command line
could reprint only the latest). The demo commune of 20/11/2026: dossier 1 sends Vũ Thị Hồng Hằng's Bằng khen tỉnh,
dossier 2 Đặng Văn Sơn's CSTĐ cấp tỉnh once his ballots pass."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from pypdf import PdfReader

from desktop.cli import main
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import open_store

TODAY = date(2026, 11, 20)
COUNCIL = [{"full_name": "Chủ tịch A", "role": "chair", "attended": True}] + [
    {"full_name": f"Ủy viên {i}", "role": "member", "attended": True} for i in range(1, 10)
]


def _vote(store, round_id: int, code: str, name: str) -> None:
    (row,) = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == code and n["name"] == name]
    review.record_ballot(store, nomination_id=row["id"], agree=10, disagree=0, invalid=0)


def _text(path) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def test_an_earlier_dossier_is_reprinted_by_its_number(db_path, tmp_path, capsys):
    store = open_store(db_path)
    fill_demo(store, today=TODAY)
    round_id = review.create_round(store, year=2026, today=TODAY)
    other_round = review.create_round(store, year=2026, kind="occasion", name="Khen đột xuất", today=TODAY)
    review.set_council(
        store, round_id=round_id, meeting_date=date(2026, 11, 25), location="Hội trường", members=COUNCIL
    )
    _vote(store, round_id, "CSTDCS", "Vũ Thị Hồng Hằng")
    first = review.build_dossier(store, round_id=round_id)
    _vote(store, round_id, "CSTDCS", "Đặng Văn Sơn")
    _vote(store, round_id, "CSTD_TINH", "Đặng Văn Sơn")
    second = review.build_dossier(store, round_id=round_id)
    store.close()

    def render(dossier: int, name: str, rid: int = round_id) -> int:
        return main(
            [
                "--db",
                str(db_path),
                "documents",
                "render",
                "--kind",
                "proposal_list",
                "--round",
                str(rid),
                "--upward",
                "--dossier",
                str(dossier),
                "--out",
                str(tmp_path / name),
            ]
        )

    assert render(first, "first.pdf") == 0
    assert render(second, "second.pdf") == 0
    one, two = _text(tmp_path / "first.pdf"), _text(tmp_path / "second.pdf")
    assert "Vũ Thị Hồng Hằng" in one and "Đặng Văn Sơn" not in one
    assert "Đặng Văn Sơn" in two and "Vũ Thị Hồng Hằng" not in two
    capsys.readouterr()
    assert render(first, "wrong.pdf", rid=other_round) != 0
    assert "hồ sơ" in capsys.readouterr().err.lower()
    assert not (tmp_path / "wrong.pdf").exists()
