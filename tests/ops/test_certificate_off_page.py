"""A printer correction, or a template, that puts a field off the sheet is refused before anything is written.

The field would print cut off, or beside the pre-printed form, while the register records the sheet as the original.
"""

from __future__ import annotations

import dataclasses

import pytest
from pypdf import PdfReader

from desktop.documents.certificates import CertificateError
from desktop.documents.certificates.render import MM
from desktop.ops import certificates as ops
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY

GIAY_KHEN = {"decision_number": "2/QĐ-UBND", "year": 2024}  # the demo's 2024 Giấy khen decision, 3 people


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _prints(store) -> int:
    return int(store.scalar("SELECT count(*) FROM certificate_prints"))


def _baselines(path) -> list[tuple[str, float, float]]:
    """(text, x, y) in points from the bottom-left corner of every string drawn, and the page's size."""
    found: list[tuple[str, float, float]] = []
    for page in PdfReader(str(path)).pages:

        def visit(text, cm, tm, _font, _size):
            if text.strip():
                found.append(
                    (text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
                )

        page.extract_text(visitor_text=visit)
    return found


def test_a_printer_offset_pushing_fields_below_the_sheet_is_refused_naming_them(demo, tmp_path):
    ops.save_printer_profile(demo, name="Canon", offset_x_mm=0, offset_y_mm=25)
    out = tmp_path / "out" / "giay.pdf"
    with pytest.raises(CertificateError) as refused:
        ops.render_decision_certificates(demo, **GIAY_KHEN, out=out, mode="preprinted", printer="Canon")
    message = str(refused.value)
    assert "“Số sổ vàng”" in message and "“Họ tên người ký”" in message
    assert "máy in “Canon”" in message and "lệch dọc 25 mm" in message
    assert "quá chiều cao tờ giấy 210 mm" in message and "chưa ghi gì" in message
    assert "“Người nhận”" not in message  # on the sheet even 25 mm lower
    assert not out.parent.exists() or list(out.parent.iterdir()) == []
    assert _prints(demo) == 0


def test_a_scale_pushing_fields_off_the_right_edge_is_refused(demo, tmp_path):
    ops.save_printer_profile(demo, name="HP", offset_x_mm=20, offset_y_mm=0, scale=1.1)
    with pytest.raises(CertificateError, match=r"mép phải ở .* quá bề ngang tờ giấy 297 mm"):
        ops.render_decision_certificates(demo, **GIAY_KHEN, out=tmp_path / "g.pdf", printer="HP")
    assert not (tmp_path / "g.pdf").exists() and _prints(demo) == 0


def test_a_field_of_a_template_off_its_page_is_refused_naming_the_template(demo, tmp_path):
    batch = ops.prepare_batch(demo, **GIAY_KHEN)
    [group] = batch.groups
    moved = group.template.with_field("qr", y_mm=195.0)  # its 24 mm square would end at 219 mm
    batch.groups = [dataclasses.replace(group, template=moved)]
    with pytest.raises(CertificateError) as refused:
        ops.print_batch(demo, batch, tmp_path / "g.pdf")
    message = str(refused.value)
    assert "Trường “Mã QR xác thực” của mẫu “Giấy khen (A4 ngang)” ra ngoài tờ giấy" in message
    assert "Hãy sửa mẫu" in message and "máy in" not in message
    assert not (tmp_path / "g.pdf").exists() and _prints(demo) == 0


@pytest.mark.parametrize("mode", ["full", "preprinted"])
def test_default_and_small_corrections_still_print_every_text_on_the_sheet(demo, tmp_path, mode):
    ops.save_printer_profile(demo, name="Canon", offset_x_mm=1.5, offset_y_mm=-2, scale=0.99)
    for printer in (None, "Canon"):
        out = tmp_path / f"{mode}-{printer}.pdf"
        [path] = ops.render_decision_certificates(demo, **GIAY_KHEN, out=out, mode=mode, printer=printer, record=False)
        runs = _baselines(path)
        assert any(text.startswith("Số sổ vàng") for text, _x, _y in runs)
        assert all(0 <= x <= 297 * MM and 0 <= y <= 210 * MM for _t, x, y in runs)
