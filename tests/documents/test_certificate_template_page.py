"""A template whose field (text at its full size on all its lines, QR square), emblem or flag reaches off its page is
refused when loaded and when saved, naming the file and the field; the bundled templates are all on their pages."""

from __future__ import annotations

import copy
import tomllib

import pytest

from desktop.documents.certificates import TemplateError, bundled_template, list_templates, load_template, save_template
from desktop.documents.certificates.template import bundled_templates_dir, template_from_dict

BASE = tomllib.loads((bundled_templates_dir() / "giay_khen_a4.toml").read_text(encoding="utf-8"))


def _changed(key: str, **changes) -> dict:
    data = copy.deepcopy(BASE)
    [item] = [f for f in data["fields"] if f["key"] == key]
    item.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_changed("qr", y_mm=205.0), "“Mã QR xác thực” (fields.qr) ra ngoài trang: mép dưới ở 229 mm"),
        (_changed("recipient", y_mm=0.0), "“Người nhận” (fields.recipient) ra ngoài trang: mép trên ở -"),
        (_changed("achievement", y_mm=200.0, max_lines=3), "“Thành tích” (fields.achievement) ra ngoài trang"),
        (_changed("register_no", y_mm=210.0), "“Số sổ vàng” (fields.register_no) ra ngoài trang: mép dưới"),
    ],
)
def test_a_field_off_its_page_is_refused_naming_it(data, expected):
    with pytest.raises(TemplateError, match="Tệp mẫu") as refused:
        template_from_dict(data)
    assert expected in str(refused.value)


def test_an_emblem_or_a_flag_off_the_page_is_refused():
    data = copy.deepcopy(BASE)
    data["emblem"].update(x_mm=290.0, width_mm=26.0)
    with pytest.raises(TemplateError, match=r"“Quốc huy/biểu trưng” \(emblem\) ra ngoài trang: mép phải ở 316 mm"):
        template_from_dict(data)
    data = copy.deepcopy(BASE)
    data["flags"] = [{"x_mm": 10.0, "y_mm": 200.0}]
    with pytest.raises(TemplateError, match=r"“Cờ” \(flags\[1\]\) ra ngoài trang"):
        template_from_dict(data)


def test_a_template_with_a_field_off_the_page_is_neither_saved_nor_loaded(tmp_path):
    moved = bundled_template("giay_khen_a4").with_field("signer_name", y_mm=209.5)
    target = tmp_path / "giay_khen_a4.toml"
    with pytest.raises(TemplateError, match="Họ tên người ký"):
        save_template(moved, target)
    assert not target.exists() and list(tmp_path.iterdir()) == []
    text = (bundled_templates_dir() / "giay_khen_a4.toml").read_text(encoding="utf-8")
    qr_block = 'key = "qr"\nx_mm = 27.0\ny_mm = 148.0\n'
    assert qr_block in text
    target.write_text(text.replace(qr_block, 'key = "qr"\nx_mm = 27.0\ny_mm = 199.0\n'), encoding="utf-8")
    with pytest.raises(TemplateError, match=rf"{target.name}.*“Mã QR xác thực”.*mép dưới ở 223 mm"):
        load_template(target)


def test_every_bundled_template_is_on_its_page_with_room_to_spare():
    from desktop.documents.certificates.template import field_reach, off_page

    for template in list_templates():
        for item in template.fields:
            assert off_page(field_reach(item), template.page_width_mm, template.page_height_mm) == ""
            left, top, right, bottom = field_reach(item)
            assert min(left, top, template.page_width_mm - right, template.page_height_mm - bottom) > 10


def test_the_edge_tolerance_is_half_a_millimetre():
    from desktop.documents.certificates.template import EDGE_TOLERANCE_MM, off_page

    assert EDGE_TOLERANCE_MM == 0.5
    assert off_page((0, -0.5, 10, 10), 297, 210) == ""
    assert off_page((0, 0, 297.5, 210.5), 297, 210) == ""
    assert "mép trên ở -0,6 mm" in off_page((0, -0.6, 10, 10), 297, 210)
    assert "mép dưới ở 210,6 mm" in off_page((0, 0, 10, 210.6), 297, 210)


def test_a_qr_code_too_small_to_scan_is_refused_when_saved_and_loaded(tmp_path):
    """A 1 mm QR was saved, checked and printed on every sheet, each recorded as a genuine original nobody could
    verify (review M); the bundled 24 mm codes stand."""
    with pytest.raises(TemplateError) as refused:
        template_from_dict(_changed("qr", width_mm=1.0))
    assert "“fields.qr.width_mm” = 1 nằm ngoài khoảng cho phép 15–" in str(refused.value)
    shrunk = bundled_template("giay_khen_a4").with_field("qr", width_mm=14.0)
    target = tmp_path / "giay_khen_a4.toml"
    with pytest.raises(TemplateError, match=r"fields\.qr\.width_mm"):
        save_template(shrunk, target)
    assert not target.exists()
    assert template_from_dict(_changed("qr", width_mm=15.0)).field("qr").width_mm == 15.0
    assert template_from_dict(_changed("recipient", width_mm=5.0)).field("recipient").width_mm == 5.0


def test_a_line_break_in_a_templates_name_stays_in_the_name(tmp_path):
    """The name went raw into the file's "# Mẫu giấy chứng nhận: …" comment: after a line break the rest was read
    as the template's own keys ("[[flags]]" put a 90 mm flag on every Giấy khen) or made the file unreadable."""
    data = copy.deepcopy(BASE)
    data["name"] = "Giấy khen cá nhân\n[[flags]]\nx_mm = 100.0\ny_mm = 60.0\nwidth_mm = 90.0\nheight_mm = 90.0"
    template = template_from_dict(data)
    target = tmp_path / "giay_khen_a4.toml"
    save_template(template, target)
    again = load_template(target)
    assert again.flags == template.flags and again.name == template.name
