"""Certificates: every bundled template rendered in both modes, positions checked against the template, QR signing."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.documents.certificates import (
    CertificateData,
    FitError,
    PrinterProfile,
    RenderCancelled,
    TemplateError,
    bundled_template,
    calibration_page,
    field_boxes,
    fingerprint,
    generate_keypair,
    list_templates,
    load_template,
    offsets_from_measurement,
    parse_payload,
    render_certificates,
    render_one_per_person,
    save_template,
    scale_from_two_points,
    sign_payload,
    verify_payload,
)
from desktop.documents.certificates.qr import PayloadError, PayloadFields, qr_matrix
from desktop.documents.certificates.render import MM

TEMPLATE_IDS = ["giay_khen_a4", "cstdcs_a4", "ldtt_a4", "giay_khen_tap_the_a4", "bang_khen_400x300", "bang_khen_a3"]
ACHIEVEMENT_300 = (
    "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước, hoàn thành xuất sắc nhiệm vụ chính trị được giao, "
    "góp phần tích cực vào sự nghiệp xây dựng nông thôn mới, bảo đảm quốc phòng - an ninh và phát triển kinh tế - "
    "xã hội của xã Lũng Cú, tỉnh Tuyên Quang trong năm 2025 và giai đoạn 2021 - 2025"
)
PRE_PRINTED_KEYS = {"national_name", "motto", "award_name"}


@pytest.fixture(scope="module")
def keys() -> tuple[bytes, bytes]:
    return generate_keypair()


def _person(name: str, prefix: str, register: int, private_pem: bytes | None = None, **changes) -> CertificateData:
    payload = None
    if private_pem is not None:
        fields = PayloadFields("02125", "125/QĐ-UBND", str(register), name, date(2025, 12, 30))
        payload = sign_payload(private_pem, fields)
    data = CertificateData(
        recipient_prefix=prefix,
        recipient_name=name,
        position="Chuyên viên",
        unit_name="Văn phòng HĐND và UBND xã",
        achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2025",
        decision_number_text="125/QĐ-UBND",
        decision_date=date(2025, 12, 30),
        register_no=register,
        place_name="Lũng Cú",
        official_title="Chủ tịch Ủy ban nhân dân xã Lũng Cú",
        issuing_body="Ủy ban nhân dân xã Lũng Cú",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Sơn",
        qr_payload=payload,
    )
    return dataclasses.replace(data, **changes)


def _items(private_pem: bytes) -> list[CertificateData]:
    return [
        _person("Tôn Nữ Hoàng Phương Thảo Nguyên", "Bà", 3, private_pem, achievement=ACHIEVEMENT_300),
        _person("Nguyễn Huỳnh Bảo Ngọc Trâm Anh", "Bà", 12, private_pem),
        _person("Nguyễn Văn Sơn", "Ông", 125, private_pem),
    ]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _text_runs(page) -> list[tuple[str, float, float]]:
    """(text, x mm from the left, baseline mm from the top) of every string drawn on ``page``."""
    height = float(page.mediabox.height)
    runs: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((text.strip(), x / MM, (height - y) / MM))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_template_renders_in_both_modes_with_real_text(template_id, keys, tmp_path):
    template = bundled_template(template_id)
    items = _items(keys[0])
    for mode in ("full", "preprinted"):
        out = render_certificates(items, template, tmp_path / f"{mode}.pdf", mode=mode)
        reader = PdfReader(out)
        assert len(reader.pages) == len(items)
        page_w, page_h = (float(v) / MM for v in reader.pages[0].mediabox.upper_right)
        assert page_w == pytest.approx(template.page_width_mm, abs=0.01)
        assert page_h == pytest.approx(template.page_height_mm, abs=0.01)
        first = _squash(reader.pages[0].extract_text())
        assert "Bà Tôn Nữ Hoàng Phương Thảo Nguyên" in first
        assert _squash(ACHIEVEMENT_300) in first
        assert "Lũng Cú, ngày 30 tháng 12 năm 2025" in first
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" in first
        assert "Quyết định số 125/QĐ-UBND, ngày 30 tháng 12 năm 2025" in first
        assert "Số sổ vàng: 3" in first
        assert "Bà Nguyễn Huỳnh Bảo Ngọc Trâm Anh" in _squash(reader.pages[1].extract_text())
        award = template.default_values["award_name"]
        if mode == "full":
            assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
            assert "Độc lập - Tự do - Hạnh phúc" in first
            assert award in first
        else:
            assert "CỘNG HÒA" not in first and "Hạnh phúc" not in first
            assert award not in first
            assert PRE_PRINTED_KEYS.isdisjoint(field_boxes(template, items[0], "preprinted"))


def test_fonts_are_embedded_as_subsets(keys, tmp_path):
    out = render_certificates(_items(keys[0]), bundled_template("giay_khen_a4"), tmp_path / "gk.pdf")
    fonts = PdfReader(out).pages[0]["/Resources"]["/Font"]
    assert len(fonts) >= 2
    for font in fonts.values():
        font = font.get_object()
        assert "+" in str(font["/BaseFont"]), font["/BaseFont"]  # subset tag, e.g. AAAAAA+LiberationSerif
        assert "/FontFile2" in font["/FontDescriptor"]
        assert "Helvetica" not in str(font["/BaseFont"])


def _check_positions(template, data, reader_page, offset=(0.0, 0.0), mode="full"):
    runs = _text_runs(reader_page)
    boxes = field_boxes(template, data, mode, offset)
    checked = 0
    for key, box in boxes.items():
        item = template.field(key)
        if item.kind == "qr":
            continue
        for line, left, base, width in zip(
            box.lines, box.line_lefts_mm, box.baselines_mm, box.line_widths_mm, strict=True
        ):
            found = [(x, y) for text, x, y in runs if text == line]
            assert found, f"{key}: “{line}” not drawn"
            x, y = min(found, key=lambda p: abs(p[0] - left) + abs(p[1] - base))
            assert x == pytest.approx(left, abs=0.5), key
            assert y == pytest.approx(base, abs=0.5), key
            # The line stays inside the field's box (its maximum width), shifted by the printer offset.
            assert x >= item.x_mm + offset[0] - 0.5
            assert x + width <= item.x_mm + offset[0] + item.width_mm + 0.5, key
            checked += 1
        if len(box.lines) == 1:
            assert box.baselines_mm[0] == pytest.approx(item.y_mm + offset[1], abs=1e-6)
    return checked, runs


@pytest.mark.parametrize("template_id", ["giay_khen_a4", "cstdcs_a4", "giay_khen_tap_the_a4", "bang_khen_400x300"])
def test_positions_match_the_template_and_a_printer_offset_moves_every_field(template_id, keys, tmp_path):
    template = bundled_template(template_id)
    data = _items(keys[0])[0]
    plain = render_certificates([data], template, tmp_path / "plain.pdf")
    moved = render_certificates([data], template, tmp_path / "moved.pdf", offset_mm=(2.5, -1.5))
    checked, runs = _check_positions(template, data, PdfReader(plain).pages[0])
    assert checked >= 12
    _checked, moved_runs = _check_positions(template, data, PdfReader(moved).pages[0], offset=(2.5, -1.5))
    assert len(runs) == len(moved_runs)
    for (text, x, y), (moved_text, mx, my) in zip(runs, moved_runs, strict=True):
        assert text == moved_text
        assert mx - x == pytest.approx(2.5, abs=0.001)
        assert my - y == pytest.approx(-1.5, abs=0.001)


def test_long_achievement_shrinks_then_wraps_and_names_fit_on_one_line(keys):
    template = bundled_template("giay_khen_a4")
    boxes = field_boxes(template, _items(keys[0])[0])
    achievement = boxes["achievement"]
    assert len(achievement.lines) == 2
    assert template.field("achievement").min_size_pt <= achievement.size_pt < template.field("achievement").size_pt
    assert " ".join(achievement.lines) == _squash(ACHIEVEMENT_300)
    recipient = boxes["recipient"]
    assert recipient.lines == ("Bà Tôn Nữ Hoàng Phương Thảo Nguyên",)
    _x, _y, _w, h, size, lines = boxes["signer_name"]
    assert lines == ("Nguyễn Văn Sơn",) and size == template.field("signer_name").size_pt and h > 0


def test_text_that_cannot_fit_raises_fit_error_naming_the_field(keys, tmp_path):
    template = bundled_template("giay_khen_a4")
    data = _person("Nguyễn Văn Sơn", "Ông", 1, keys[0], achievement=ACHIEVEMENT_300 * 3)
    with pytest.raises(FitError) as caught:
        render_certificates([data], template, tmp_path / "x.pdf")
    assert "Thành tích" in str(caught.value) and caught.value.field == "achievement"
    assert "achievement" not in str(caught.value)  # the clerk sees the field's Vietnamese name
    assert "Lũng Cú" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()


def test_a_character_the_font_cannot_draw_is_refused_naming_the_field(keys, tmp_path):
    """Review: "Hộ ông Lò Văn 𠀧 Páo ✓" printed as "Hộ ông Lò Văn   Páo" (reportlab draws a missing glyph as a blank)
    while the register and the QR kept the whole name. Nothing is written; the field and each character are named."""
    template = bundled_template("giay_khen_a4")
    data = _person("Lò Văn 𠀧 Páo ✓", "Ông", 1, keys[0])
    with pytest.raises(FitError) as caught:
        render_certificates([data], template, tmp_path / "x.pdf")
    assert caught.value.field == "recipient"
    assert "“𠀧” (U+20027), “✓” (U+2713)" in str(caught.value) and "phông chữ in không có" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()
    assert field_boxes(template, _person("Lò Văn Páo", "Ông", 1, keys[0]))["recipient"].lines  # Vietnamese is drawn


def test_scale_and_offset_apply_to_fields_together(keys):
    template = bundled_template("giay_khen_a4")
    data = _items(keys[0])[2]
    base = field_boxes(template, data)
    scaled = field_boxes(template, data, "full", (1.0, 2.0), 0.98)
    for key, box in base.items():
        assert scaled[key].x_mm == pytest.approx(box.x_mm * 0.98 + 1.0, abs=1e-6)
        if box.baselines_mm:
            assert scaled[key].baselines_mm[0] == pytest.approx(box.baselines_mm[0] * 0.98 + 2.0, abs=1e-6)
            assert scaled[key].size_pt == pytest.approx(box.size_pt * 0.98, abs=1e-6)


def test_qr_is_drawn_only_when_visible_and_set(keys, tmp_path):
    template = bundled_template("giay_khen_a4")
    signed = _items(keys[0])[2]
    with_qr = render_certificates([signed], template, tmp_path / "a.pdf", mode="preprinted")
    without = render_certificates(
        [dataclasses.replace(signed, qr_payload=None)], template, tmp_path / "b.pdf", mode="preprinted"
    )
    content = PdfReader(with_qr).pages[0].get_contents().get_data()
    assert content.count(b" re\n") > 100
    assert PdfReader(without).pages[0].get_contents().get_data().count(b" re\n") == 0
    assert "qr" in field_boxes(template, signed, "preprinted")
    hidden = template.with_field("qr", visible_in=("full",))
    assert "qr" not in field_boxes(hidden, signed, "preprinted")


def test_fast_qr_matrix_equals_reportlab_reference(keys):
    from reportlab.graphics.barcode import qrencoder

    payload = _items(keys[0])[0].qr_payload
    for text, level in ((payload, "M"), ("TDKT1|x", "L"), ("é" * 150, "Q")):
        reference = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
        reference.addData(qrencoder.QR8bitByte(text.encode("utf-8")))
        reference.version = reference.calculate_version()
        reference.makeImpl(False, 2)
        assert qr_matrix(text, level=level) == reference.modules


def test_emblem_image_is_drawn_in_full_mode_only(keys, tmp_path):
    from PIL import Image

    emblem = tmp_path / "emblem.png"
    Image.new("RGB", (40, 40), (200, 0, 0)).save(emblem)
    template = bundled_template("cstdcs_a4")
    data = _items(keys[0])[2]
    full = render_certificates([data], template, tmp_path / "f.pdf", emblem_path=emblem)
    pre = render_certificates([data], template, tmp_path / "p.pdf", mode="preprinted", emblem_path=emblem)
    assert b"/Subtype /Image" in full.read_bytes()
    assert b"/Subtype /Image" not in pre.read_bytes()
    with pytest.raises(Exception, match=r"missing\.png"):
        render_certificates([data], template, tmp_path / "m.pdf", emblem_path=tmp_path / "missing.png")


def test_one_pdf_per_person_with_safe_names_and_cancel(keys, tmp_path):
    template = bundled_template("giay_khen_a4")
    items = _items(keys[0])
    seen: list[tuple[int, int]] = []
    paths = render_one_per_person(items, template, tmp_path / "out", progress=lambda d, t: seen.append((d, t)))
    assert [p.name for p in paths] == [
        "003 - Ton Nu Hoang Phuong Thao Nguyen.pdf",
        "012 - Nguyen Huynh Bao Ngoc Tram Anh.pdf",
        "125 - Nguyen Van Son.pdf",
    ]
    assert seen[-1] == (3, 3)
    assert all(len(PdfReader(p).pages) == 1 for p in paths)
    with pytest.raises(RenderCancelled):
        render_certificates(items, template, tmp_path / "c.pdf", should_cancel=lambda: True)
    assert not (tmp_path / "c.pdf").exists()


def test_calibration_page_and_offsets(tmp_path):
    out = calibration_page(tmp_path / "cal.pdf")
    text = _squash(PdfReader(out).pages[0].extract_text())
    for number in ("10", "50", "100", "200", "290"):
        assert f" {number} " in f" {text} "
    assert "Đo xem tâm dấu thập" in text
    assert "x = 30 mm, y = 30 mm" in text and "x = 267 mm, y = 180 mm" in text
    assert offsets_from_measurement((30, 30), (31.2, 29.1)) == (-1.2, 0.9)

    # A printer that shrinks by 2 % and shifts by (1.2, -0.7) mm is corrected by scale and offset together.
    def printer(p):
        return (p[0] * 0.98 + 1.2, p[1] * 0.98 - 0.7)

    a, b = (30.0, 30.0), (267.0, 180.0)
    scale, (dx, dy) = scale_from_two_points(a, printer(a), b, printer(b))
    profile = PrinterProfile("HP LaserJet", dx, dy, scale)
    for point in (a, b, (148.5, 105.0)):
        sent = (point[0] * profile.scale + profile.offset_x_mm, point[1] * profile.scale + profile.offset_y_mm)
        assert printer(sent) == pytest.approx(point, abs=0.01)
    assert PrinterProfile.from_dict(profile.to_dict()) == profile
    assert profile.render_kwargs() == {"offset_mm": (dx, dy), "scale": scale}


def test_qr_sign_verify_tamper_and_unknown_key(keys):
    private_pem, public_raw = keys
    fields = PayloadFields("02125", "125/QĐ-UBND", "12", "Tôn Nữ Hoàng Phương Thảo Nguyên", date(2025, 12, 30))
    payload = sign_payload(private_pem, fields)
    assert payload.startswith("TDKT1|02125|125/QĐ-UBND|12|Tôn Nữ Hoàng Phương Thảo Nguyên|2025-12-30|")
    print_ = fingerprint(public_raw)
    assert len(print_.split(" ")) == 5 and all(len(group) == 4 for group in print_.split(" "))
    result = verify_payload(payload, {print_: public_raw})
    assert result.genuine and result.signer_fingerprint == print_
    assert (
        result.fields is not None and result.fields.name == fields.name and result.fields.issued_on == fields.issued_on
    )
    assert parse_payload(payload).register_no == "12"
    # One changed character anywhere in the signed part is caught.
    for index in (6, 14, 26, 30, 45, 60):
        changed = payload[:index] + ("X" if payload[index] != "X" else "Y") + payload[index + 1 :]
        assert not verify_payload(changed, {print_: public_raw}).genuine, index
    _other_private, other_public = generate_keypair()
    unknown = verify_payload(payload, {fingerprint(other_public): other_public})
    assert not unknown.genuine and "không rõ đơn vị cấp" in unknown.message
    assert unknown.fields is not None  # still readable: the window shows what it claims
    assert "không rõ đơn vị cấp" in verify_payload(payload, {}).message
    # A name containing the separator survives the round trip.
    odd = dataclasses.replace(fields, name="A|B 100%")
    assert verify_payload(sign_payload(private_pem, odd), {print_: public_raw}).fields.name == "A|B 100%"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello world", "không bắt đầu bằng"),
        ("TDKT3|a|b|c|d|2025-12-30|AAAA", "phiên bản 3"),
        ("TDKT2|a|b|c|d|2025-12-30|AAAA", "có 7 phần, cần 8"),
        ("TDKT1|a|b|c", "có 4 phần, cần 7"),
        ("TDKT1|a|b|c|d|2025-13-40|" + "A" * 86, "Ngày trong mã QR"),
        ("TDKT1|a|b|c|d|2025-12-30|@@@not*base64", "base64"),
    ],
)
def test_garbage_payloads_get_vietnamese_messages(text, expected):
    with pytest.raises(PayloadError, match=expected):
        parse_payload(text)
    result = verify_payload(text, {})
    assert not result.genuine and expected in result.message


def test_templates_round_trip_and_listing(tmp_path):
    templates = list_templates()
    assert {t.id for t in templates} >= set(TEMPLATE_IDS)
    for template in templates:
        saved = save_template(template, tmp_path / f"{template.id}.toml")
        assert load_template(saved) == template
    edited = bundled_template("giay_khen_a4").with_field("recipient", x_mm=31.5, y_mm=114.25)
    save_template(dataclasses.replace(edited, name="Giấy khen phôi tỉnh"), tmp_path / "user" / "giay_khen_a4.toml")
    (tmp_path / "user" / "broken.toml").write_text("id = \n", encoding="utf-8")
    errors: list[str] = []
    listed = {t.id: t for t in list_templates(tmp_path / "user", errors=errors)}
    assert listed["giay_khen_a4"].name == "Giấy khen phôi tỉnh"
    assert listed["giay_khen_a4"].field("recipient").y_mm == 114.25
    assert len(errors) == 1 and "broken.toml" in errors[0]


def _broken(tmp_path: Path, old: str, new: str) -> str:
    source = (bundled_template("giay_khen_a4").source).read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "mau_hong.toml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('key = "national_name"\nx_mm = 30.0', 'key = "national_name"\nx_mm = "ba mươi"', "fields.national_name.x_mm"),
        ('text = "{recipient}"', 'text = "{nguoi_nhan}"', "fields.recipient.text"),
        ('\ncolor = "#C00000"', '\ncolor = "đỏ"', "fields.official_title.color"),
        ("page_width_mm = 297.0\n", "", "page_width_mm"),
        ('align = "center"', 'align = "giữa"', "fields.national_name.align"),
        ("min_size_pt = 9.0", "min_size_pt = 40.0", "fields.national_name.min_size_pt"),
        ("bold = true", "boldd = true", "fields.national_name.boldd"),
        ('id = "giay_khen_a4"', 'id = "giay khen"', "id"),
        ("[border]", "[border", "TOML"),
    ],
)
def test_malformed_templates_name_the_file_and_key(tmp_path, old, new, expected):
    message = _broken(tmp_path, old, new)
    assert "mau_hong.toml" in message
    assert expected in message
