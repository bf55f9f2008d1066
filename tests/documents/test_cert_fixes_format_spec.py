"""A template's text pattern is checked for unknown placeholders only: a format spec or conversion on a known
placeholder passes validation and silently changes the printed name ("{recipient:.12}" cuts it, "{recipient!r}"
prints quotes) — a user template (a file in the user's folder, edited by hand or by anyone with access) prints a
cut name on every certificate, and the register and QR keep the whole name."""

from __future__ import annotations

import pytest

from desktop.documents.certificates import CertificateData
from desktop.documents.certificates.render import field_boxes
from desktop.documents.certificates.template import (
    TemplateError,
    bundled_template,
    list_templates,
    template_from_dict,
    template_to_toml,
)
from desktop.domain.toml_text import parse_toml


def _with_recipient_text(text: str):
    base = bundled_template("giay_khen_a4")
    data = parse_toml(template_to_toml(base), "x.toml")
    for raw in data["fields"]:
        if raw["key"] == "recipient":
            raw["text"] = text
    return data


@pytest.mark.parametrize("pattern", ["{recipient:.12}", "{recipient!r}", "{recipient:*^60}"])
def test_format_spec_on_a_placeholder_is_refused_or_harmless(pattern):
    data = _with_recipient_text(pattern)
    try:
        template = template_from_dict(data)
    except TemplateError:
        return  # refused when the template is read: fine
    cert = CertificateData(recipient_prefix="Bà", recipient_name="Nguyễn Thị Minh Khai", register_no=1)
    boxes = field_boxes(template, cert, "full")
    assert boxes["recipient"].lines == ("Bà Nguyễn Thị Minh Khai",)


@pytest.mark.parametrize(
    "pattern, written", [("{recipient:.12}", "{recipient:.12}"), ("Ông {recipient!r}", "{recipient!r}")]
)
def test_the_refusal_names_the_field_and_the_placeholder(pattern, written):
    with pytest.raises(TemplateError) as refused:
        template_from_dict(_with_recipient_text(pattern))
    message = str(refused.value)
    assert "“fields.recipient.text”" in message and f"“{written}”" in message and "“{recipient}”" in message


def test_a_spec_that_does_not_fit_a_name_is_refused_when_read_not_half_way_through_a_batch():
    with pytest.raises(TemplateError):
        template_from_dict(_with_recipient_text("{recipient:d}"))


@pytest.mark.parametrize("pattern", ["{recipient", "Tặng }recipient", "{recipient}}"])
def test_an_unmatched_brace_is_a_template_error_not_a_bare_value_error(pattern):
    with pytest.raises(TemplateError, match="ngoặc nhọn"):
        template_from_dict(_with_recipient_text(pattern))


def test_a_user_template_file_with_a_spec_is_skipped_and_named_in_the_list(tmp_path):
    base = bundled_template("giay_khen_a4")
    text = template_to_toml(base).replace('text = "{recipient}"', 'text = "{recipient:.12}"')
    assert text != template_to_toml(base)
    (tmp_path / "giay_khen_a4.toml").write_text(text, encoding="utf-8")
    errors: list[str] = []
    found = {t.id: t for t in list_templates(tmp_path, errors=errors)}
    assert found["giay_khen_a4"].source != tmp_path / "giay_khen_a4.toml"  # the bundled one stays in use
    assert len(errors) == 1 and "giay_khen_a4.toml" in errors[0] and "{recipient:.12}" in errors[0]


def test_plain_placeholders_still_load():
    template = template_from_dict(_with_recipient_text("{recipient_prefix} {recipient_name}"))
    cert = CertificateData(recipient_prefix="Bà", recipient_name="Nguyễn Thị Minh Khai", register_no=1)
    assert field_boxes(template, cert, "full")["recipient"].lines == ("Bà Nguyễn Thị Minh Khai",)
