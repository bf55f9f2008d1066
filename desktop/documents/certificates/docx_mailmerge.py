"""The Word way, for the benchmark only: the same certificates as one .docx "mail merge", a page each.

Clerks do this today; the benchmark compares it (through LibreOffice) with the PDF renderer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt, RGBColor

from desktop.documents.blocks import replace_atomically
from desktop.documents.certificates.data import CertificateData
from desktop.documents.certificates.render import field_text, template_values
from desktop.documents.certificates.template import Template
from desktop.documents.fonts import OFFICE_FONT_NAME

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def write_docx_mailmerge(items: Sequence[CertificateData], template: Template, out: Path) -> Path:
    """One page per certificate, fields in template order as paragraphs (no exact positions: Word can't)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if template.orientation == "landscape" else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(template.page_width_mm), Mm(template.page_height_mm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    fields = sorted((f for f in template.fields if f.kind == "text" and f.visible("full")), key=lambda f: f.y_mm)
    for index, data in enumerate(items):
        values = template_values(template, data)
        for item in fields:
            text = field_text(item, values)
            if not text:
                continue
            paragraph = document.add_paragraph()
            paragraph.alignment = _ALIGN[item.align]
            paragraph.paragraph_format.space_after = Pt(2)
            run = paragraph.add_run(text)
            run.font.name = OFFICE_FONT_NAME
            run.font.size = Pt(item.size_pt)
            run.font.bold = item.bold
            run.font.italic = item.italic
            run.font.underline = item.underline
            run.font.color.rgb = RGBColor.from_string(item.color.lstrip("#"))
        if index < len(items) - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    target = Path(out)
    with replace_atomically(target, ".docx") as temp:
        document.save(str(temp))
    return target


__all__ = ["write_docx_mailmerge"]
