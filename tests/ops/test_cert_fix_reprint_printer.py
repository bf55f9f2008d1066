"""A reprint ("In lại", ``tdkt certificates reprint``) without a printer is drawn with the printer correction of the
print it continues: the same pre-printed form in the same printer needs the same offsets. A printer named for the
reprint still wins, and the command line says which printer's correction it took."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.ops import certificates as ops
from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _giay_khen_2024(store) -> dict:
    found = [d for d in review.list_decisions(store, year=2024) if d["number_text"] == "2/QĐ-UBND"]
    return review.get_decision(store, decision_id=found[0]["id"])


def _where(path: Path, needle: str) -> tuple[float, float]:
    """Where ``needle`` starts on the first page: (x, y) in points from the bottom-left corner."""
    found: list[tuple[float, float]] = []

    def visit(text, _cm, tm, _font, _size):
        if needle in unicodedata.normalize("NFC", text):
            found.append((round(tm[4], 2), round(tm[5], 2)))

    PdfReader(str(path)).pages[0].extract_text(visitor_text=visit)
    assert found, needle
    return found[0]


def _prints(store, awardee: dict) -> list[str]:
    """The printer of each print of ``awardee``, oldest first."""
    rows = ops.print_register(store, decision_id=awardee["decision_id"])
    [entry] = [r for r in rows if r["awardee_id"] == awardee["id"]]
    return [p["printer"] for p in entry["prints"]]


def _first_print(store, tmp_path: Path) -> dict:
    decision = _giay_khen_2024(store)
    awardee = decision["awardees"][0]
    ops.save_printer_profile(store, name="Canon", offset_x_mm=6, offset_y_mm=9)
    ops.render_decision_certificates(
        store,
        decision_id=decision["id"],
        awardee_ids=[awardee["id"]],
        out=tmp_path / "first.pdf",
        mode="preprinted",
        printer="Canon",
    )
    return awardee


def test_a_reprint_keeps_the_printer_of_the_print_it_continues(demo, tmp_path):
    awardee = _first_print(demo, tmp_path)
    plain = ops.render_decision_certificates(  # the same sheet with no correction, to tell the two apart
        demo, decision_id=awardee["decision_id"], awardee_ids=[awardee["id"]], out=tmp_path / "plain.pdf",
        mode="preprinted", record=False,
    )[0]  # fmt: skip
    result = ops.reprint_certificate(demo, out=tmp_path / "again.pdf", reason="spoiled", awardee_id=awardee["id"])
    assert result["printer"] == "Canon" and result["printer_from_original"] is True
    assert result["profile"] == {"name": "Canon", "offset_x_mm": 6.0, "offset_y_mm": 9.0, "scale": 1.0}
    [entry] = [
        r for r in ops.print_register(demo, decision_id=awardee["decision_id"]) if r["awardee_id"] == awardee["id"]
    ]
    assert [p["printer"] for p in entry["prints"]] == ["Canon", "Canon"]
    name = awardee["snapshot_name"].split()[-1]
    first, again = _where(tmp_path / "first.pdf", name), _where(result["paths"][0], name)
    assert again == first != _where(plain, name)


def test_a_printer_named_for_the_reprint_wins(demo, tmp_path):
    awardee = _first_print(demo, tmp_path)
    ops.save_printer_profile(demo, name="HP", offset_x_mm=-3, offset_y_mm=0)
    result = ops.reprint_certificate(
        demo, out=tmp_path / "hp.pdf", reason="spoiled", awardee_id=awardee["id"], printer="HP"
    )
    assert result["printer"] == "HP" and result["printer_from_original"] is False
    # "" is a choice too: save as PDF, no correction
    pdf = ops.reprint_certificate(
        demo, out=tmp_path / "pdf.pdf", reason="spoiled", awardee_id=awardee["id"], printer=""
    )
    assert pdf["printer"] == "" and pdf["printer_from_original"] is False
    [entry] = [
        r for r in ops.print_register(demo, decision_id=awardee["decision_id"]) if r["awardee_id"] == awardee["id"]
    ]
    assert [p["printer"] for p in entry["prints"]] == ["Canon", "HP", ""]


def test_the_command_line_says_whose_correction_it_took(demo, db_path, tmp_path, capsys):
    awardee = _first_print(demo, tmp_path)
    demo.close()
    out = tmp_path / "cli.pdf"
    base = ["--db", str(db_path), "certificates", "reprint", "--awardee", str(awardee["id"]), "--reason", "spoiled"]
    assert main([*base, "--out", str(out)]) == 0
    stdout, _err = capsys.readouterr()
    assert "Dùng máy in “Canon” như lần in mã" in stdout and "lệch ngang 6 mm, lệch dọc 9 mm" in stdout
    assert main([*base, "--out", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr()[0])
    assert data["printer"] == "Canon" and data["printer_from_original"] is True
    # a printer never calibrated is refused unless --uncalibrated says to print uncorrected
    assert main([*base, "--printer", "Khác", "--out", str(out)]) == 1
    assert "Máy in “Khác” chưa được căn chỉnh" in capsys.readouterr()[1]
    assert main([*base, "--printer", "Khác", "--uncalibrated", "--out", str(out)]) == 0
    stdout, _err = capsys.readouterr()
    assert "Dùng máy in" not in stdout
