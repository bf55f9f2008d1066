"""A printer's correction is found whatever the case and spaces of its name ("canon lbp ", "Canon  LBP"), is stored
once per printer, and the register names the printer as its profile does. On the command line a printer with no
stored correction is refused (naming it and the printers calibrated) unless ``--uncalibrated`` says to print
uncorrected: a typo would otherwise print pre-printed forms millimetres off, recorded as originals. A reprint records
the QR text on the new sheet, signed again (with the unit's key of that day)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.ops import certificates as ops
from desktop.ops import exchange, review
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _giay_khen(store, year: int) -> dict:
    """The demo's Giấy khen decision of ``year`` (2/QĐ-UBND)."""
    [found] = [d for d in review.list_decisions(store, year=year) if d["number_text"] == "2/QĐ-UBND"]
    return review.get_decision(store, decision_id=found["id"])


def _register_no_at(path: Path) -> tuple[float, float]:
    """Where "Số sổ vàng" starts on the first page, in mm from the left and from the top."""
    found: list[tuple[float, float]] = []

    def visit(text, _cm, tm, _font, _size):
        if "Số sổ vàng" in unicodedata.normalize("NFC", text):
            found.append((round(tm[4] / 72 * 25.4, 1), round(210 - tm[5] / 72 * 25.4, 1)))

    PdfReader(str(path)).pages[0].extract_text(visitor_text=visit)
    assert found
    return found[0]


def _printers(store, decision_id: int) -> set[str]:
    rows = store.query("SELECT DISTINCT printer_name FROM certificate_prints WHERE decision_id = ?", (decision_id,))
    return {r["printer_name"] for r in rows}


def test_the_profile_is_found_whatever_the_case_and_spaces(demo):
    ops.save_printer_profile(demo, name="Canon LBP", offset_x_mm=6, offset_y_mm=9)
    for typed in ("canon lbp", "Canon LBP ", " CANON  lbp", "Canon\u00a0LBP"):
        profile = ops.get_printer_profile(demo, typed)
        assert (profile.name, profile.offset_x_mm, profile.offset_y_mm) == ("Canon LBP", 6.0, 9.0), typed
    # Vietnamese letters too, typed decomposed (NFD) and in capitals
    ops.save_printer_profile(demo, name="Máy in phòng Văn hóa", offset_x_mm=1, offset_y_mm=2)
    found = ops.find_printer_profile(demo, unicodedata.normalize("NFD", "MÁY IN PHÒNG VĂN HÓA"))
    assert found is not None and found.name == "Máy in phòng Văn hóa"
    assert ops.find_printer_profile(demo, "Canon LBX") is None
    assert ops.get_printer_profile(demo, " Canon LBX ").name == "Canon LBX"


def test_saving_another_spelling_updates_the_one_profile(demo):
    ops.save_printer_profile(demo, name="Canon LBP", offset_x_mm=6, offset_y_mm=9)
    saved = ops.save_printer_profile(demo, name="  canon   LBP ", offset_x_mm=-2, offset_y_mm=3)
    assert (saved.name, saved.offset_x_mm, saved.offset_y_mm) == ("Canon LBP", -2.0, 3.0)
    rows = ops.list_printer_profiles(demo)
    assert [(r["printer_name"], r["offset_x_mm"]) for r in rows] == [("Canon LBP", -2.0)]


def test_a_batch_on_another_spelling_is_corrected_and_recorded_under_the_profiles_name(demo, tmp_path):
    ops.save_printer_profile(demo, name="Canon LBP", offset_x_mm=6, offset_y_mm=9)
    where = {}
    for year, typed in ((2024, "Canon LBP"), (2023, "canon lbp"), (2022, "Canon LBP ")):
        decision = _giay_khen(demo, year)
        [path] = ops.render_decision_certificates(
            demo, decision_id=decision["id"], out=tmp_path / f"{year}.pdf", mode="preprinted", printer=typed
        )
        where[typed] = _register_no_at(path)
        assert _printers(demo, decision["id"]) == {"Canon LBP"}
    assert set(where.values()) == {(33.0, 197.0)}  # template (27, 188) + the Canon LBP correction (6, 9)


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, err = run("demo", "--today", "2025-12-04")
    assert code == 0, err
    code, _out, err = run("certificates", "printer", "set", "Canon LBP", "--offset-x", "6", "--offset-y", "9")
    assert code == 0, err
    return run


def _render(tdkt, year: int, out: Path, *more: str) -> tuple[int, str, str]:
    return tdkt(
        "certificates", "render", "--decision", "2/QĐ-UBND", "--year", str(year), "--mode", "preprinted",
        "--out", str(out), *more,
    )  # fmt: skip


def _register(tdkt, year: int) -> list[dict]:
    code, stdout, err = tdkt("certificates", "register", "--decision", "2/QĐ-UBND", "--year", str(year), "--json")
    assert code == 0, err
    return json.loads(stdout)


def test_the_command_line_refuses_a_printer_with_no_calibration(tdkt, tmp_path):
    out = tmp_path / "typo.pdf"
    code, _out, err = _render(tdkt, 2024, out, "--printer", "Canon LBX")
    assert code == 1
    assert "Máy in “Canon LBX” chưa được căn chỉnh" in err and "“Canon LBP”" in err and "--uncalibrated" in err
    assert not out.exists() and all(r["times_printed"] == 0 for r in _register(tdkt, 2024))
    # the same printer in another case is the calibrated one
    code, _out, err = _render(tdkt, 2024, out, "--printer", "canon lbp ")
    assert code == 0, err
    assert _register_no_at(out) == (33.0, 197.0)
    assert {p["printer"] for r in _register(tdkt, 2024) for p in r["prints"]} == {"Canon LBP"}
    # said on purpose: printed uncorrected, recorded under the name given
    code, _out, err = _render(tdkt, 2023, tmp_path / "new.pdf", "--printer", "HP mới", "--uncalibrated")
    assert code == 0, err
    assert _register_no_at(tmp_path / "new.pdf") == (27.0, 188.0)
    assert {p["printer"] for r in _register(tdkt, 2023) for p in r["prints"]} == {"HP mới"}
    # no printer (a PDF) needs no calibration
    code, _out, err = _render(tdkt, 2022, tmp_path / "pdf.pdf")
    assert code == 0, err


def test_with_no_printer_calibrated_the_refusal_says_so(capsys, db_path, tmp_path):
    assert main(["--db", str(db_path), "demo", "--today", "2025-12-04"]) == 0
    capsys.readouterr()
    out = tmp_path / "a.pdf"
    code = main(["--db", str(db_path), "certificates", "render", "--decision", "2/QĐ-UBND", "--year", "2024",
                 "--printer", "Canon", "--out", str(out)])  # fmt: skip
    assert code == 1 and "Chưa có máy in nào được căn chỉnh." in capsys.readouterr()[1] and not out.exists()


def test_a_reprint_on_a_printer_with_no_calibration_is_refused_unless_said(tdkt, tmp_path):
    code, _out, err = _render(tdkt, 2024, tmp_path / "first.pdf", "--printer", "HP mới", "--uncalibrated")
    assert code == 0, err
    first_id = str(_register(tdkt, 2024)[0]["prints"][0]["id"])
    again = tmp_path / "again.pdf"
    base = ("certificates", "reprint", "--print-id", first_id, "--reason", "spoiled", "--out", str(again))
    code, _out, err = tdkt(*base)  # the first print's printer has no calibration either
    assert code == 1 and "Máy in “HP mới” chưa được căn chỉnh" in err and not again.exists()
    code, _out, err = tdkt(*base, "--printer", "Canon LBX")
    assert code == 1 and "Máy in “Canon LBX” chưa được căn chỉnh" in err and not again.exists()
    code, _out, err = tdkt(*base, "--printer", "CANON LBP")
    assert code == 0, err
    code, _out, err = tdkt(*base, "--uncalibrated")
    assert code == 0, err
    prints = _register(tdkt, 2024)[0]["prints"]
    assert [p["printer"] for p in prints] == ["HP mới", "Canon LBP", "HP mới"]


def test_check_printer_calibrated_needs_nothing_for_a_pdf(demo):
    assert ops.check_printer_calibrated(demo, "").name == ""
    with pytest.raises(ValidationError) as refused:
        ops.check_printer_calibrated(demo, "Canon")
    assert refused.value.field == "printer"


def test_a_reprint_records_the_qr_text_printed_on_the_new_sheet(demo, tmp_path):
    decision = _giay_khen(demo, 2024)
    awardee = decision["awardees"][0]
    ops.render_decision_certificates(
        demo, decision_id=decision["id"], awardee_ids=[awardee["id"]], out=tmp_path / "first.pdf", mode="preprinted"
    )
    exchange.replace_unit_keys(demo, reason="Máy cũ bị mất")
    result = ops.reprint_certificate(demo, out=tmp_path / "again.pdf", reason="spoiled", awardee_id=awardee["id"])
    first, again = demo.query(
        "SELECT qr_payload FROM certificate_prints WHERE awardee_id = ? ORDER BY id", (awardee["id"],)
    )
    [drawn] = ops.certificate_data_for_decision(demo, decision_id=decision["id"], awardee_ids=[awardee["id"]])
    assert again["qr_payload"] == drawn.qr_payload != first["qr_payload"]
    checked = ops.verify(demo, payload=again["qr_payload"])
    assert checked["valid"] and checked["printed"] is not False
    assert result["print_id"]
