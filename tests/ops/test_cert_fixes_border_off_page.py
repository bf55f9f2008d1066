"""check_batch refuses a text field that the printer's correction pushes off the sheet, but not the border, emblem
and flags drawn on a blank-paper ("full") print with the same correction: they are clipped at the PDF page edge.
The preview (no printer, no correction) shows the whole border, the printer gets it cut off, and the sheet is
recorded as the original."""

from __future__ import annotations

import pytest

from desktop.documents.certificates import CertificateError
from desktop.documents.certificates.template import bundled_template
from desktop.ops import certificates as ops
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


@pytest.mark.parametrize("offset_x, scale", [(-8.0, 1.0), (0.0, 1.05)])
def test_correction_that_pushes_the_border_off_the_sheet_is_refused(store, offset_x, scale):
    fill_demo(store, today=DEMO_TODAY)
    ops.save_printer_profile(store, name="Canon LBP", offset_x_mm=offset_x, offset_y_mm=0.0, scale=scale)
    batch = ops.prepare_batch(store, decision_number="2/QĐ-UBND", year=2024, mode="full", printer="Canon LBP")
    template = batch.groups[0].template
    margin = template.border.margin_mm
    # where the outer border line lands on the PDF page once the correction is applied
    left = margin * scale + offset_x
    right = (template.page_width_mm - margin) * scale + offset_x
    bottom = (template.page_height_mm - margin) * scale
    assert left < -0.5 or right > template.page_width_mm + 0.5 or bottom > template.page_height_mm + 0.5
    with pytest.raises(CertificateError):
        ops.check_batch(batch)


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def test_the_refusal_names_the_frame_and_the_printer_and_nothing_is_written(demo, tmp_path):
    ops.save_printer_profile(demo, name="Canon LBP", offset_x_mm=-8.0, offset_y_mm=0.0)
    out = tmp_path / "g.pdf"
    with pytest.raises(CertificateError) as refused:
        ops.render_decision_certificates(demo, decision_number="2/QĐ-UBND", year=2024, out=out, printer="Canon LBP")
    message = str(refused.value)
    assert "“Khung viền”" in message and "máy in “Canon LBP”" in message and "lệch ngang -8 mm" in message
    assert "mép trái ở" in message and "đo lại độ lệch" in message
    assert not out.exists() and int(demo.scalar("SELECT count(*) FROM certificate_prints")) == 0


def test_the_same_correction_on_a_pre_printed_form_or_without_a_printer_is_accepted(demo):
    """The frame is drawn on blank paper only; the preview (no printer) draws it where the template puts it."""
    ops.save_printer_profile(demo, name="Canon LBP", offset_x_mm=-3.0, offset_y_mm=0.0, scale=1.05)
    ops.check_batch(ops.prepare_batch(demo, decision_number="2/QĐ-UBND", year=2024, mode="full"))
    with pytest.raises(CertificateError):
        ops.check_batch(
            ops.prepare_batch(demo, decision_number="2/QĐ-UBND", year=2024, mode="full", printer="Canon LBP")
        )
    ops.check_batch(
        ops.prepare_batch(demo, decision_number="2/QĐ-UBND", year=2024, mode="preprinted", printer="Canon LBP")
    )


def test_a_small_correction_keeps_the_frame_on_the_sheet(demo):
    ops.save_printer_profile(demo, name="HP", offset_x_mm=-0.5, offset_y_mm=0.5, scale=1.0)
    ops.check_batch(ops.prepare_batch(demo, decision_number="2/QĐ-UBND", year=2024, mode="full", printer="HP"))


def test_flags_and_an_emblem_drawn_are_checked_with_the_correction(tmp_path):
    from desktop.documents.certificates.render import artwork_off_page  # new with the check

    template = bundled_template("cstdcs_a4")  # two flags at 18 mm from the top, emblem at 17 mm
    assert artwork_off_page(template) == []
    moved = dict(artwork_off_page(template, None, (0.0, -19.0), 1.0))
    assert {"Khung viền", "Cờ 1", "Cờ 2"} <= set(moved) and "Quốc huy/biểu trưng" not in moved  # no image: not drawn
    moved = dict(artwork_off_page(template, tmp_path / "emblem.png", (0.0, -19.0), 1.0))
    assert "Quốc huy/biểu trưng" in moved and "mép trên" in moved["Quốc huy/biểu trưng"]
