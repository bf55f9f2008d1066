"""The new paper templates and the signature block on a certificate: "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH"."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.documents.certificates import CertificateData, bundled_template, field_boxes, render_certificates
from desktop.documents.certificates.fit import fit_text
from desktop.documents.fonts import document_font


def _data(**changes) -> CertificateData:
    values = dict(
        recipient_name="Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Lũng Cú",
        unit_name="Xã Lũng Cú",
        achievement="Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm 2025",
        award_name="TẬP THỂ LAO ĐỘNG XUẤT SẮC",
        give_word="TẶNG DANH HIỆU",
        decision_number_text="12/QĐ-UBND",
        decision_date=date(2025, 12, 26),
        register_no=3,
        place_name="Lũng Cú",
        official_title="Chủ tịch Ủy ban nhân dân xã Lũng Cú",
        issuing_body="Ủy ban nhân dân xã Lũng Cú",
        signer_title="Phó Chủ tịch",
        signing_line="KT. Chủ tịch",
        signer_name="Lò Văn Chứ",
    )
    return CertificateData(**(values | changes))


@pytest.mark.parametrize(
    ("template_id", "name_word"),
    [
        ("bang_chung_nhan_tap_the_a4", "Bằng chứng nhận"),
        ("giay_chung_nhan_tap_the_a4", "Giấy chứng nhận"),
        ("giay_cong_nhan_a4", "Giấy công nhận"),
    ],
)
def test_collective_paper_templates_print_the_kt_block_on_two_lines(tmp_path, template_id, name_word):
    template = bundled_template(template_id)
    assert name_word in template.name
    boxes = field_boxes(template, _data(), "full")
    signer = boxes["signer_title"]
    assert signer.lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert signer.baselines_mm[1] > signer.baselines_mm[0]
    assert boxes["signer_name"].y_mm > signer.y_mm + signer.h_mm  # room left for the signature
    path = render_certificates([_data()], template, tmp_path / f"{template_id}.pdf")
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", PdfReader(str(path)).pages[0].extract_text()))
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" in text
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lò Văn Chứ" in text


def test_the_chair_signing_alone_prints_one_line():
    boxes = field_boxes(bundled_template("cstdcs_a4"), _data(signing_line="", signer_title="Chủ tịch"), "full")
    assert boxes["signer_title"].lines == ("CHỦ TỊCH",)
    assert _data().placeholders()["signer_title"] == "KT. Chủ tịch\nPhó Chủ tịch"
    assert _data().placeholders()["signer_position"] == "Phó Chủ tịch"


def test_a_forced_line_break_is_kept_at_one_size():
    font = document_font().face(bold=True, italic=False)
    fitted = fit_text("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", font, 300.0, 13.0, 10.0, 1, "signer_title")
    assert fitted.lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and fitted.size_pt == 13.0


def _reference_fit(text: str, font: str, width: float, size: float, min_size: float, max_lines: int):
    """The plain way: measure every candidate line whole (slow, quadratic, and obviously right)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop.documents.certificates.fit import _sizes

    words = text.split(" ")
    for s in _sizes(size, min_size):
        if stringWidth(text, font, s) <= width:
            return s, (text,)
    for s in _sizes(size, min_size):
        if max_lines == 2:
            cuts = [(" ".join(words[:c]), " ".join(words[c:])) for c in range(1, len(words))]
            fits = [
                (max(stringWidth(a, font, s), stringWidth(b, font, s)), (a, b))
                for a, b in cuts
                if stringWidth(a, font, s) <= width and stringWidth(b, font, s) <= width
            ]
            if fits:
                return s, min(fits, key=lambda item: item[0])[1]
        else:
            lines, current = [], ""
            for word in words:
                candidate = f"{current} {word}" if current else word
                if stringWidth(candidate, font, s) <= width:
                    current = candidate
                elif not current or stringWidth(word, font, s) > width:
                    lines = None
                    break
                else:
                    lines.append(current)
                    current = word
            if lines is not None:
                lines.append(current)
                if len(lines) <= max_lines:
                    return s, tuple(lines)
    return None


def test_wrapping_by_word_widths_chooses_what_measuring_each_line_whole_chooses():
    """Wrapping measures each word once (a 1,000-character achievement took 19 s to refuse); the lines and
    sizes must be those the plain line-by-line measure gives, on texts of every length and box."""
    import random

    from desktop.documents.certificates.fit import FitError

    font = document_font().face(bold=False, italic=True)
    vocabulary = [
        "Đã",
        "có",
        "thành",
        "tích",
        "xuất",
        "sắc",
        "trong",
        "phong",
        "trào",
        "thi",
        "đua",
        "yêu",
        "nước",
        "năm",
        "2025",
        "của",
        "xã",
        "Lũng",
        "Cú",
    ]
    rng = random.Random(7)
    for _ in range(300):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 40)))
        width, max_lines = rng.choice([120.0, 250.0, 400.0]), rng.choice([2, 3])
        expected = _reference_fit(text, font, width, 14.0, 9.0, max_lines)
        try:
            fitted = fit_text(text, font, width, 14.0, 9.0, max_lines, "achievement")
        except FitError:
            assert expected is None, text
            continue
        assert (fitted.size_pt, fitted.lines) == expected, text
