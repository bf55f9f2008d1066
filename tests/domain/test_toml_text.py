"""Hand-edited TOML (a province's rule pack, a certificate template) read as Windows saves it: the UTF-8 mark Notepad
adds is dropped, another encoding is named with how to re-save the file, and a syntax error is said in Vietnamese with
its line and column, never in tomllib's English."""

from __future__ import annotations

import codecs

import pytest

from desktop.documents.certificates.template import TemplateError, load_template, template_to_toml
from desktop.domain.rules import RulePackError, load_default_pack
from desktop.domain.rules.reader import read_text
from desktop.domain.toml_text import TomlTextError, decode_toml, parse_toml
from desktop.ops import rules
from tests.domain.test_rulepack import OVERRIDE_HEAD


def test_a_utf8_mark_is_dropped():
    assert parse_toml(decode_toml(codecs.BOM_UTF8 + 'a = "Thôn"\n'.encode(), "x.toml"), "x.toml") == {"a": "Thôn"}
    assert parse_toml("\ufeffa = 1\n", "x.toml") == {"a": 1}


def test_a_province_pack_saved_by_notepad_with_a_mark_is_valid(tmp_path):
    path = tmp_path / "tinh.toml"
    path.write_bytes(codecs.BOM_UTF8 + OVERRIDE_HEAD.encode("utf-8"))
    assert rules.check_override_file(path) == []
    assert load_default_pack([path]) is not None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF16_LE + "a = 1\n".encode("utf-16-le"), "tinh.toml: tệp được lưu ở mã Unicode (UTF-16)"),
        (codecs.BOM_UTF16_BE + "a = 1\n".encode("utf-16-be"), "tinh.toml: tệp được lưu ở mã Unicode (UTF-16)"),
        ('a = 1\nb = "Th\xf4n"\n'.encode("cp1258"), "tinh.toml, dòng 2: có chữ không phải mã UTF-8"),
    ],
)
def test_another_encoding_is_named_with_how_to_resave(tmp_path, data, expected):
    path = tmp_path / "tinh.toml"
    path.write_bytes(data)
    problems = rules.check_override_file(path)
    assert len(problems) == 1 and problems[0].startswith(expected)
    assert "UTF-8" in problems[0] and "Lưu thành" in problems[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = 1\nb\n", "x.toml, dòng 2, cột 2: sai cú pháp TOML: thiếu dấu “=” sau tên khóa."),
        ("a = 1\na = 2\n", "x.toml, dòng 2, cột 6: sai cú pháp TOML: khóa này đã có giá trị ở trên"),
        ('a = "Thôn\n', "x.toml, dòng 1, cột 10: sai cú pháp TOML: chuỗi thiếu dấu nháy kép đóng"),
        ('a = "Th\x01"\n', "x.toml, dòng 1, cột 8: sai cú pháp TOML: có ký tự không được phép"),
        ("a = Thôn văn hóa\n", "x.toml, dòng 1, cột 5: sai cú pháp TOML: giá trị không hợp lệ"),
        ("a = [1, 2\n", "x.toml, cuối tệp: sai cú pháp TOML: danh sách [ ] thiếu dấu “]”"),
        ("a = 2025-13-01\n", "x.toml, dòng 1, cột 9: sai cú pháp TOML: sau giá trị còn chữ thừa trên cùng dòng"),
        ("a = 1,000\n", "x.toml, dòng 1, cột 6: sai cú pháp TOML: sau giá trị còn chữ thừa trên cùng dòng"),
        ("= 1\n", "x.toml, dòng 1, cột 1: sai cú pháp TOML: dòng này không phải"),
    ],
)
def test_a_syntax_error_is_said_in_vietnamese_with_line_and_column(text, expected):
    with pytest.raises(TomlTextError) as refused:
        parse_toml(text, "x.toml")
    message = str(refused.value)
    assert message.startswith(expected), message
    assert "at line" not in message and "Invalid" not in message and "Expected" not in message


def test_an_override_arriving_as_text_is_read_the_same():
    """A rule update arriving as text (stored, or in a package from the province) goes through the same reader."""
    with pytest.raises(RulePackError) as refused:
        read_text("goi.toml", "[pack\n", None, stored=True)
    assert refused.value.problems == ["goi.toml, dòng 1, cột 6: sai cú pháp TOML: tiêu đề bảng thiếu dấu “]”."]


def test_a_certificate_template_with_a_mark_loads_and_a_broken_one_is_said_in_vietnamese(tmp_path):
    from desktop.documents.certificates.template import bundled_templates_dir

    source = next(bundled_templates_dir().rglob("*.toml"))
    text = source.read_text(encoding="utf-8")
    marked = tmp_path / "mau.toml"
    marked.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert template_to_toml(load_template(marked)) == template_to_toml(load_template(source))
    broken = tmp_path / "hong.toml"
    broken.write_text('name = "lặp"\n' + text, encoding="utf-8")
    with pytest.raises(TemplateError) as refused:
        load_template(broken)
    assert "sai cú pháp TOML: khóa này đã có giá trị ở trên" in str(refused.value)
    assert "Cannot" not in str(refused.value)
