"""``tdkt certificates …`` and ``tdkt verify`` on the demo commune."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from desktop.cli import COMMANDS, main
from desktop.ops import certificates, review
from desktop.ops.unit import add_department
from desktop.store import open_store


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, err = run("demo", "--today", "2025-12-04")
    assert code == 0, err
    return run


def _ldtt(db_path, year: int) -> dict:
    store = open_store(db_path)
    try:
        found = [
            d for d in review.list_decisions(store, year=year) if d["subject"].endswith(f"động tiên tiến năm {year}")
        ]
        found = [d for d in found if "Tập thể" not in d["subject"]]
        return review.get_decision(store, decision_id=found[0]["id"])
    finally:
        store.close()


def _ldtt_2024(db_path) -> dict:
    return _ldtt(db_path, 2024)


def test_commands_are_listed():
    assert "certificates" in COMMANDS and "verify" in COMMANDS


def test_render_one_pdf_and_per_person(tdkt, db_path, tmp_path):
    decision = _ldtt_2024(db_path)
    out = tmp_path / "ldtt.pdf"
    code, _stdout, err = tdkt("certificates", "optional", "on", "--cite", "Quyết định 99/2025/QĐ-UBND (ví dụ)")
    assert code == 0, err
    code, stdout, err = tdkt(
        "certificates", "render", "--decision", decision["number_text"], "--year", "2024", "--out", str(out), "--json"
    )
    assert code == 0, err
    result = json.loads(stdout)
    assert result["paths"] == [str(out)]
    assert len(PdfReader(str(out)).pages) == len(decision["awardees"])

    code, _out, err = tdkt("certificates", "printer", "set", "Epson L3110", "--offset-x", "1.2", "--offset-y", "-0.5")
    assert code == 0, err
    # the same decision again is refused (a second sheet is a reprint, with its reason): the 2023 one per person
    code, _out, err = tdkt(
        "certificates", "render", "--decision", decision["number_text"], "--year", "2024", "--out", str(tmp_path / "b")
    )
    assert code == 1 and "tdkt certificates reprint" in err and not (tmp_path / "b").exists()
    decision = _ldtt(db_path, 2023)
    folder = tmp_path / "each"
    code, stdout, err = tdkt(
        "certificates",
        "render",
        "--decision",
        decision["number_text"],
        "--year",
        "2023",
        "--mode",
        "preprinted",
        "--printer",
        "Epson L3110",
        "--per-person",
        "--out",
        str(folder),
        "--serial",
        "S001",
    )
    assert code == 0, err
    assert len(list(folder.glob("*.pdf"))) == len(decision["awardees"])
    code, stdout, err = tdkt(
        "certificates", "register", "--decision", decision["number_text"], "--year", "2023", "--json"
    )
    rows = json.loads(stdout)
    assert rows[0]["times_printed"] == 1 and rows[0]["serials"] == ["S001"]
    assert rows[0]["prints"][0]["printer"] == "Epson L3110"


def test_render_with_a_used_serial_is_refused_before_writing(tdkt, db_path, tmp_path):
    decision = _ldtt_2024(db_path)
    code, _out, err = tdkt("certificates", "optional", "on", "--cite", "Quyết định 99/2025/QĐ-UBND (ví dụ)")
    assert code == 0, err
    number = decision["number_text"]
    first, again = tmp_path / "a.pdf", tmp_path / "b.pdf"
    code, _out, err = tdkt("certificates", "render", "--decision", number, "--year", "2024", "--out", str(first),
                           "--serial", "S001")  # fmt: skip
    assert code == 0, err
    code, _out, err = tdkt("certificates", "render", "--decision", number, "--year", "2024", "--out", str(again),
                           "--serial", "S001")  # fmt: skip
    assert code == 1 and "S001" in err and not again.exists()


def test_render_errors_are_one_line(tdkt, tmp_path):
    code, _out, err = tdkt("certificates", "render", "--decision", "999/QĐ-UBND", "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "999/QĐ-UBND" in err
    code, _out, err = tdkt("certificates", "printer", "set", "HP", "--offset-x", "99", "--offset-y", "0")
    assert code == 1 and "ngang" in err and "offset_x_mm" not in err


def test_calibration_page(tdkt, tmp_path):
    out = tmp_path / "cal.pdf"
    code, _stdout, err = tdkt(
        "certificates", "calibration-page", "--out", str(out), "--width-mm", "400", "--height-mm", "300"
    )
    assert code == 0, err
    page = PdfReader(str(out)).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 400


def test_verify(tdkt, db_path, tmp_path):
    code, _stdout, err = tdkt("certificates", "optional", "on", "--cite", "Quyết định 99/2025/QĐ-UBND (ví dụ)")
    assert code == 0, err
    decision = _ldtt_2024(db_path)
    store = open_store(db_path)
    try:
        payload = certificates.certificate_data_for_decision(store, decision_id=decision["id"])[0].qr_payload
    finally:
        store.close()
    code, stdout, err = tdkt("verify", payload, "--json")
    assert code == 0, err
    result = json.loads(stdout)
    assert result["genuine"] is True and result["match"]["register_no"] == 1
    scanned = tmp_path / "scan.txt"
    scanned.write_text("QR-Code:" + payload + "\n", encoding="utf-8")
    code, stdout, _err = tdkt("verify", str(scanned))
    assert code == 0 and "khớp sổ" in stdout
    code, stdout, _err = tdkt("verify", payload.replace("|1|", "|2|"))
    assert code == 1 and "KHÔNG" in stdout


def test_serials_are_counted_through_one_kind_of_form(tdkt, db_path, tmp_path):
    """Review: with --serial, a decision printing a Giấy khen and a Giấy công nhận numbered the sheets in register
    order across both files, so the register held serials of forms never used for those people. Two kinds of form
    with one --serial are refused; --paper prints one kind, counting through its own forms."""
    code, out, err = tdkt("review", "create", "--year", "2025", "--kind", "occasion", "--name", "Hộ gia đình", "--json")
    assert code == 0, err
    round_id = str(json.loads(out)["id"])
    for code_, name in (("GIAY_KHEN", "An"), ("GDVH", "Bình"), ("GIAY_KHEN", "Chiến")):
        code, _out, err = tdkt("review", "add", "--round", round_id, "--code", code_, "--household",
                               f"Hộ ông Lò Văn {name}", "--change-reason", "x", "--override-reason", "y")  # fmt: skip
        assert code == 0, err
    code, _out, err = tdkt("review", "post", "--round", round_id, "--start", "2025-11-20", "--days", "10")
    assert code == 0, err  # Gia đình văn hóa: the list is posted 10 days first (NĐ 86/2023)
    code, out, err = tdkt("decision", "issue", "--round", round_id, "--date", "2025-12-04", "--signer-title",
                          "Chủ tịch", "--signer-name", "Sùng Mí Pháo", "--subject", "Khen", "--json")  # fmt: skip
    assert code == 0, err
    number = json.loads(out)["number_text"]
    render = ("certificates", "render", "--decision", number, "--year", "2025", "--mode", "preprinted")
    out_dir = tmp_path / "in"
    code, _out, err = tdkt(*render, "--serial", "AA000099", "--out", str(out_dir / "all.pdf"))
    assert code == 1 and "in trên 2 loại phôi" in err and "--paper" in err
    assert not out_dir.exists()
    code, _out, err = tdkt(*render, "--serial", "AA000099", "--paper", "giay_khen", "--out", str(out_dir / "gk.pdf"))
    assert code == 0, err
    code, _out, err = tdkt(*render, "--serial", "CN0001", "--paper", "giay_cong_nhan", "--out", str(out_dir / "c.pdf"))
    assert code == 0, err
    with open_store(db_path) as store:
        rows = store.query(
            "SELECT p.form_serial, a.snapshot_name FROM certificate_prints p "
            "JOIN decision_awardees a ON a.id = p.awardee_id WHERE p.form_serial != '' ORDER BY p.id"
        )
    assert [(r["form_serial"], r["snapshot_name"]) for r in rows] == [
        ("AA000099", "Hộ ông Lò Văn An"),
        ("AA000100", "Hộ ông Lò Văn Chiến"),
        ("CN0001", "Hộ ông Lò Văn Bình"),
    ]


def test_a_persons_and_a_collectives_giay_khen_count_through_one_pile_of_forms(tdkt, db_path, tmp_path):
    """Review: the two templates of one paper (a person's and a collective's Giấy khen, the same pre-printed form)
    were refused as two kinds of form, with --paper too. They are one pile: the serials run on from one file to the
    next."""
    code, out, err = tdkt("review", "create", "--year", "2025", "--kind", "occasion", "--name", "Đột xuất", "--json")
    assert code == 0, err
    round_id = str(json.loads(out)["id"])
    with open_store(db_path) as store:
        staff_code = store.scalar("SELECT staff_code FROM staff WHERE end_date IS NULL ORDER BY id LIMIT 1")
    for who in (("--staff-code", staff_code), ("--department", "Phòng Kinh tế")):
        code, _out, err = tdkt("review", "add", "--round", round_id, "--code", "GIAY_KHEN", *who,
                               "--change-reason", "x", "--override-reason", "y")  # fmt: skip
        assert code == 0, err
    code, out, err = tdkt("decision", "issue", "--round", round_id, "--date", "2025-12-04", "--signer-title",
                          "Chủ tịch", "--signer-name", "Sùng Mí Pháo", "--subject", "Khen", "--json")  # fmt: skip
    assert code == 0, err
    number = json.loads(out)["number_text"]
    code, _out, err = tdkt("certificates", "render", "--decision", number, "--year", "2025", "--mode", "preprinted",
                           "--serial", "000123", "--out", str(tmp_path / "gk.pdf"))  # fmt: skip
    assert code == 0, err
    with open_store(db_path) as store:
        rows = store.query(
            "SELECT p.form_serial, p.template_id FROM certificate_prints p WHERE p.form_serial != '' ORDER BY p.id"
        )
    assert sorted(r["form_serial"] for r in rows) == ["000123", "000124"]
    assert {r["template_id"] for r in rows} == {"giay_khen_a4", "giay_khen_tap_the_a4"}


def test_a_template_chosen_by_hand_or_two_titles_of_one_paper_are_not_one_run_of_serials(tdkt, db_path, tmp_path):
    """Review: a template chosen by hand put every sheet in one group, and only its first sheet's paper was looked
    at: a Gia đình văn hóa sheet took a Giấy khen form's serial. And the forms of "Gia đình văn hóa" and "Thôn văn
    hóa" carry their own titles (the template prints none on a pre-printed sheet): one run of serials over both
    numbered one pile from the other's. Both are refused; --award prints one title."""
    with open_store(db_path) as store:
        add_department(store, name="Thôn Lô Lô Chải", kind="collective")
    code, out, err = tdkt("review", "create", "--year", "2025", "--kind", "occasion", "--name", "Văn hóa", "--json")
    assert code == 0, err
    round_id = str(json.loads(out)["id"])
    for code_, who in (
        ("GIAY_KHEN", ("--household", "Hộ ông Lò Văn An")),
        ("GDVH", ("--household", "Hộ ông Lò Văn Bình")),
        ("THON_VH", ("--department", "Thôn Lô Lô Chải")),
    ):
        code, _out, err = tdkt("review", "add", "--round", round_id, "--code", code_, *who,
                               "--change-reason", "x", "--override-reason", "y")  # fmt: skip
        assert code == 0, err
    code, _out, err = tdkt("review", "post", "--round", round_id, "--start", "2025-11-20", "--days", "10")
    assert code == 0, err  # Gia đình văn hóa: the list is posted 10 days first (NĐ 86/2023)
    code, out, err = tdkt("decision", "issue", "--round", round_id, "--date", "2025-12-04", "--signer-title",
                          "Chủ tịch", "--signer-name", "Sùng Mí Pháo", "--subject", "Khen", "--json")  # fmt: skip
    assert code == 0, err
    number = json.loads(out)["number_text"]
    render = ("certificates", "render", "--decision", number, "--year", "2025", "--mode", "preprinted")
    out_dir = tmp_path / "in"
    code, _out, err = tdkt(*render, "--serial", "GK0001", "--template", "giay_khen_a4", "--out", str(out_dir / "a.pdf"))
    assert code == 1 and "in trên 3 loại phôi" in err, err
    code, _out, err = tdkt(*render, "--serial", "CN0001", "--paper", "giay_cong_nhan", "--out", str(out_dir / "b.pdf"))
    assert code == 1 and "in trên 2 loại phôi" in err and "Gia đình văn hóa" in err and "--award" in err, err
    assert not out_dir.exists()
    code, _out, err = tdkt(*render, "--serial", "CN0001", "--award", "gdvh", "--out", str(out_dir / "c.pdf"))
    assert code == 0, err
    code, _out, err = tdkt(*render, "--serial", "TV0001", "--award", "THON_VH", "--out", str(out_dir / "d.pdf"))
    assert code == 0, err
    code, _out, err = tdkt(*render, "--award", "CSTDCS", "--out", str(out_dir / "e.pdf"))
    assert code == 1 and "không có ai được in giấy của khen thưởng mã CSTDCS" in err, err
    with open_store(db_path) as store:
        rows = store.query(
            "SELECT p.form_serial, a.snapshot_name FROM certificate_prints p "
            "JOIN decision_awardees a ON a.id = p.awardee_id WHERE p.form_serial != '' ORDER BY p.id"
        )
    assert [(r["form_serial"], r["snapshot_name"]) for r in rows] == [
        ("CN0001", "Hộ ông Lò Văn Bình"),
        ("TV0001", "Thôn Lô Lô Chải"),
    ]
