"""A nomination package loads the unit's data once for all its achievement reports, and the reports read exactly as
those made one by one for each nominee."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.documents import achievement_report, review_docs
from desktop.documents.achievement_report import achievement_report_doc
from desktop.exchange import exporter
from desktop.exchange.exporter import dossier_records, export_package
from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY
from tests.ops.test_dossier_rounds_proposals import _first_round_decided

ATTACHMENTS = "attachments/"


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_two_nominee_package_loads_unit_data_once_and_reports_are_unchanged(demo, tmp_path: Path, monkeypatch):
    store = demo
    first = _first_round_decided(store)
    review.build_dossier(store, round_id=first)
    records = dossier_records(store, year=2025)
    assert len(records) == 2 and {r["target_kind"] for r in records} == {"individual"}

    # each nominee's report made on its own, reading the unit itself, as every package made them before
    # (PDF bytes carry the moment they were made, so their text is compared)
    expected: dict[str, str] = {}
    initiatives: list[str] = []
    for record in records:
        name = f"bao-cao-thanh-tich-{record['uuid']}.pdf"
        doc = achievement_report_doc(store, nomination_id=int(record["_id"]))
        initiatives += doc.initiatives  # read from the unit's data: what the shared load must give alike
        path = review_docs.render("achievement_report", doc, tmp_path / name)
        expected[name] = _text(Path(path).read_bytes())
    assert initiatives
    assert all(record["person"]["name"] in expected[f"bao-cao-thanh-tich-{record['uuid']}.pdf"] for record in records)

    calls: list[int] = []
    real = achievement_report.load_unit_data

    def counted(*args, **kwargs):
        calls.append(kwargs.get("year", args[1] if len(args) > 1 else 0))
        return real(*args, **kwargs)

    monkeypatch.setattr(achievement_report, "load_unit_data", counted)
    monkeypatch.setattr(exporter, "load_unit_data", counted, raising=False)
    out = export_package(store, kind="nomination_dossier", year=2025, out=tmp_path / "ho-so")
    assert calls == [2025]

    with zipfile.ZipFile(out) as archive:
        sent = {
            name[len(ATTACHMENTS) :]: archive.read(name) for name in archive.namelist() if name.startswith(ATTACHMENTS)
        }
    assert set(sent) == set(expected)
    assert {name: _text(pdf) for name, pdf in sent.items()} == expected
    flowing = " ".join(" ".join(expected.values()).split())  # lines wrapped by the PDF joined again
    assert all(" ".join(title.split()) in flowing for title in initiatives)
