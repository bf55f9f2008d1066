"""The bundled certificates follow the format of NĐ 98/2023 Điều 104: national name, motto, then the conferring
official's title ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …"), with no line "ỦY BAN NHÂN DÂN XÃ …" of its own between them (on a
pre-printed form such a line printed onto the form's artwork). A clerk's own template may still print it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.documents.certificates import PLACEHOLDERS, CertificateData, field_boxes, list_templates, load_template
from desktop.documents.certificates.template import bundled_templates_dir
from desktop.ops import certificates as ops
from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY

BODY = "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ"


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _lines(path: Path) -> list[str]:
    text = unicodedata.normalize("NFC", PdfReader(str(path)).pages[0].extract_text())
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def test_no_bundled_template_prints_the_issuing_body_line():
    templates = list_templates()
    assert len(templates) >= 9
    for template in templates:
        assert not [f.key for f in template.fields if "{issuing_body}" in f.text], template.id
    assert "issuing_body" in PLACEHOLDERS  # still there for a template of the unit's own


@pytest.mark.parametrize("mode", ["full", "preprinted"])
def test_the_giay_khen_goes_from_the_motto_to_the_officials_title(demo, tmp_path, mode):
    decision = next(d for d in review.list_decisions(demo, year=2024) if d["number_text"] == "2/QĐ-UBND")
    [path] = ops.render_decision_certificates(
        demo, decision_id=decision["id"], out=tmp_path / f"{mode}.pdf", mode=mode, record=False
    )
    lines = _lines(path)
    assert [line for line in lines if BODY in line] == [f"CHỦ TỊCH {BODY}"], lines
    if mode == "full":
        motto = lines.index("Độc lập - Tự do - Hạnh phúc")
        assert lines[motto + 1] == f"CHỦ TỊCH {BODY}"


def test_a_clerks_own_template_may_still_print_it(tmp_path):
    text = (bundled_templates_dir() / "giay_khen_a4.toml").read_text(encoding="utf-8")
    text = text.replace('id = "giay_khen_a4"', 'id = "giay_khen_rieng"') + (
        '\n[[fields]]\nkey = "issuing_body"\nx_mm = 30.0\ny_mm = 66.0\nwidth_mm = 237.0\n'
        'text = "{issuing_body}"\nuppercase = true\nsize_pt = 12.0\nvisible_in = ["full"]\n'
    )
    own = tmp_path / "giay_khen_rieng.toml"
    own.write_text(text, encoding="utf-8")
    template = load_template(own)
    data = CertificateData(recipient_name="Lò Thị Mai", issuing_body="Ủy ban nhân dân xã Lũng Cú")
    assert field_boxes(template, data, "full")["issuing_body"].lines == (BODY,)
