"""Word (.docx) rendering of administrative documents, for clerks who edit a draft before it is signed.

Renders the same :class:`~desktop.documents.blocks.Document` as :mod:`desktop.documents.admin_pdf`:
A4 with the NĐ 30 margins, Times New Roman on every style (also as the East-Asian and complex-script
font, or Word falls back to another font for some Vietnamese letters), the borderless two-column header,
grid tables whose header row repeats on each page, the signature block, page numbers from page 2.
Big tables are written as XML rows directly: python-docx's cell API is quadratic in the table size.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from desktop.documents import blocks as b
from desktop.documents.fonts import OFFICE_FONT_NAME, text_width
from desktop.documents.xlsx_cells import storable_text
from desktop.i18n import _

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}
_TWIPS_PER_MM = 1440 / 25.4
_CELL_MARGIN_MM = 1.5
_LANGUAGE = "vi-VN"

# Paragraph style names as a clerk sees them in Word's style list.
STYLE_TABLE = "Ô bảng"
STYLE_TABLE_HEADER = "Tiêu đề cột"
STYLE_COMPACT = "Văn bản sát dòng"


def _twips(value_mm: float) -> int:
    return round(value_mm * _TWIPS_PER_MM)


# -- fonts and styles ------------------------------------------------------------------------------------


def _set_fonts(rpr: object, size: float | None = None) -> None:
    """Times New Roman for every script of an rPr element (ascii, hAnsi, eastAsia, cs), no theme font."""
    rfonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)  # type: ignore[attr-defined]
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), OFFICE_FONT_NAME)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))  # type: ignore[attr-defined]
            if element is None:
                element = OxmlElement(tag)
                rpr.append(element)  # type: ignore[attr-defined]
            element.set(qn("w:val"), str(round(size * 2)))
    lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # type: ignore[attr-defined]
    lang.set(qn("w:val"), _LANGUAGE)
    _sort_children(rpr, _RPR_ORDER)


def _setup_styles(document: docx.document.Document) -> dict[str, str]:
    """Fonts and spacing on the document defaults and our paragraph styles; returns style name → style id."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_fonts(rpr, b.BODY_SIZE)
    normal = document.styles["Normal"]
    normal.font.name = OFFICE_FONT_NAME
    normal.font.size = Pt(b.BODY_SIZE)
    _set_fonts(normal.element.get_or_add_rPr(), b.BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.1
    fmt.widow_control = True

    ids = {}
    for name, style_id, size, bold in (
        (STYLE_TABLE, "TDKTTableCell", b.TABLE_SIZE, False),
        (STYLE_TABLE_HEADER, "TDKTTableHeader", b.TABLE_SIZE, True),
        (STYLE_COMPACT, "TDKTCompact", b.BODY_SIZE, False),
    ):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id  # ASCII ids: the Vietnamese name is only what the clerk sees
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.bold = bold
        _set_fonts(style.element.get_or_add_rPr(), size)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0
        style.paragraph_format.first_line_indent = Pt(0)
        if name == STYLE_TABLE_HEADER:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ids[name] = style.style_id
    return ids


def _setup_section(section: object, orientation: b.Orientation) -> None:
    width, height = b.page_size_mm(orientation)
    section.orientation = WD_ORIENT.LANDSCAPE if orientation == "landscape" else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    section.page_width = Mm(width)  # type: ignore[attr-defined]
    section.page_height = Mm(height)  # type: ignore[attr-defined]
    section.top_margin = Mm(b.MARGIN_TOP_MM)  # type: ignore[attr-defined]
    section.bottom_margin = Mm(b.MARGIN_BOTTOM_MM)  # type: ignore[attr-defined]
    section.left_margin = Mm(b.MARGIN_LEFT_MM)  # type: ignore[attr-defined]
    section.right_margin = Mm(b.MARGIN_RIGHT_MM)  # type: ignore[attr-defined]
    section.header_distance = Mm(10)  # type: ignore[attr-defined]
    section.footer_distance = Mm(10)  # type: ignore[attr-defined]


def _add_page_number(section: object) -> None:
    """A centred PAGE field in the header; the first page has its own (empty) header, as NĐ 30 asks."""
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    header = section.header  # type: ignore[attr-defined]
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="{round(b.PAGE_NUMBER_SIZE * 2)}"/>'
            f"</w:rPr><w:t>2</w:t></w:r></w:fldSimple>"
        )
    )


# -- small helpers -----------------------------------------------------------------------------------------


def _paragraph(
    container: object,
    text: str = "",
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    align: str = "left",
    style: str | None = None,
    space_after: float | None = 0,
    space_before: float | None = None,
    indent_mm: float = 0.0,
) -> DocxParagraph:
    paragraph: DocxParagraph = container.add_paragraph(style=style)  # type: ignore[attr-defined]
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    if space_after is not None:
        fmt.space_after = Pt(space_after)
    if space_before is not None:
        fmt.space_before = Pt(space_before)
    fmt.first_line_indent = Mm(indent_mm) if indent_mm else Pt(0)
    if text:
        _add_runs(paragraph, [b.Run(text, bold=bold, italic=italic)], size)
    return paragraph


def _add_runs(paragraph: DocxParagraph, runs: Sequence[b.Run], size: float | None = None) -> None:
    for piece in runs:
        for index, line in enumerate(piece.text.split("\n")):
            run = paragraph.add_run()
            if index:
                run.add_break(WD_BREAK.LINE)
            run.add_text(storable_text(line))  # stored control characters would make lxml refuse the file
            run.bold = piece.bold or None
            run.italic = piece.italic or None
            if size is not None:
                run.font.size = Pt(size)


def _rule(container: object, width_mm: float, available_mm: float) -> None:
    """A short centred rule: an empty 3-pt paragraph with a top border, narrowed by equal indents."""
    paragraph = _paragraph(container, style=STYLE_COMPACT, align="center")
    side = max((available_mm - width_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
    )
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        ppr.append(spacing)
    spacing.set(qn("w:before"), "40")
    spacing.set(qn("w:line"), "60")
    spacing.set(qn("w:lineRule"), "exact")
    # pBdr, spacing and jc must follow the schema order or Word refuses the file
    _sort_ppr(ppr)


_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
    "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
    "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
]  # fmt: skip


_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss",
    "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz",
    "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
    "eastAsianLayout", "specVanish", "oMath",
]  # fmt: skip


def _sort_children(element: object, order: Sequence[str]) -> None:
    """Put child elements in schema order: Word rejects a file whose properties come in another order."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    children = sorted(list(element), key=lambda el: rank.get(el.tag, len(rank)))  # type: ignore[call-overload]
    for child in children:
        element.append(child)  # type: ignore[attr-defined]


def _sort_ppr(ppr: object) -> None:
    _sort_children(ppr, _PPR_ORDER)


def _borderless_table(container: object, widths_mm: Sequence[float], rows: int = 1) -> DocxTable:
    table: DocxTable = container.add_table(rows=rows, cols=len(widths_mm))  # type: ignore[attr-defined]
    table.autofit = False
    tblpr = table._tbl.tblPr
    tblpr.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + "</w:tblBorders>"
        )
    )
    _fixed_layout(table, widths_mm, cell_margin_mm=1.0)
    return table


def _fixed_layout(table: DocxTable, widths_mm: Sequence[float], *, cell_margin_mm: float) -> None:
    tblpr = table._tbl.tblPr
    for tag in ("w:tblW", "w:tblLayout", "w:tblCellMar", "w:jc"):
        old = tblpr.find(qn(tag))
        if old is not None:
            tblpr.remove(old)
    margin = _twips(cell_margin_mm)
    tblpr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{_twips(sum(widths_mm))}" w:type="dxa"/>'))
    tblpr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="center"/>'))
    tblpr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    tblpr.append(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="{margin}" w:type="dxa"/>'
            f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        )
    )
    _sort_tblpr(tblpr)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


_TBLPR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
    "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
]  # fmt: skip


def _sort_tblpr(tblpr: object) -> None:
    _sort_children(tblpr, _TBLPR_ORDER)


def _clear(cell: _Cell) -> _Cell:
    """A new cell has one empty paragraph; remove it so content starts at the top."""
    for p in list(cell._tc.iterchildren(qn("w:p"))):
        cell._tc.remove(p)
    return cell


# -- blocks ------------------------------------------------------------------------------------------------


class _Renderer:
    def __init__(self, document: b.Document) -> None:
        self.spec = document
        self.doc = docx.Document()
        self.style_ids = _setup_styles(self.doc)
        self.orientation: b.Orientation = document.orientation
        section = self.doc.sections[0]
        _setup_section(section, self.orientation)
        if document.page_numbers:
            _add_page_number(section)
        body = self.doc.element.body
        for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
            body.remove(p)

    @property
    def width_mm(self) -> float:
        return b.frame_width_mm(self.orientation)

    def header(self, block: b.Header) -> None:
        layout = b.header_layout(block, self.width_mm)
        table = _borderless_table(self.doc, [layout.left_mm, layout.right_mm], rows=2)
        inner_left = layout.left_mm - 2 * b.HEADER_CELL_PAD_MM
        inner_right = layout.right_mm - 2 * b.HEADER_CELL_PAD_MM
        left = _clear(table.cell(0, 0))
        for line in layout.parent_lines:
            _paragraph(left, line, size=b.HEADER_SIZE, align="center", style=STYLE_COMPACT)
        for line in layout.issuer_lines:
            _paragraph(left, line, size=b.HEADER_SIZE, bold=True, align="center", style=STYLE_COMPACT)
        _rule(left, layout.issuer_rule_mm, inner_left)
        right = _clear(table.cell(0, 1))
        _paragraph(right, b.NATIONAL_NAME, size=layout.national_size, bold=True, align="center", style=STYLE_COMPACT)
        _paragraph(right, b.MOTTO, size=layout.motto_size, bold=True, align="center", style=STYLE_COMPACT)
        _rule(right, layout.motto_rule_mm, inner_right)

        below_left = _clear(table.cell(1, 0))
        number = block.number or ""
        if number and not number.startswith("Số"):
            number = f"Số: {number}"
        _paragraph(below_left, number, size=b.HEADER_SIZE, align="center", style=STYLE_COMPACT, space_before=4)
        if block.excerpt:
            _paragraph(below_left, block.excerpt, size=12, align="center", style=STYLE_COMPACT, space_before=2)
        below_right = _clear(table.cell(1, 1))
        _paragraph(below_right, block.place_date, italic=True, align="center", style=STYLE_COMPACT, space_before=4)

    def title(self, block: b.Title) -> None:
        _paragraph(self.doc, block.kind.upper(), bold=True, align="center", space_before=14, style=STYLE_COMPACT)
        last = block.kind.upper()
        if block.subject:
            _paragraph(self.doc, block.subject, bold=True, align="center", style=STYLE_COMPACT)
            last = block.subject
        if block.note:
            _paragraph(self.doc, block.note, italic=True, align="center", style=STYLE_COMPACT)
        else:
            line = min(text_width(last, b.BODY_SIZE, bold=True) * 25.4 / 72, self.width_mm * 0.9)
            _rule(self.doc, max(line * 0.4, 20), self.width_mm)
        _paragraph(self.doc, style=STYLE_COMPACT, space_after=6)

    def paragraph(self, block: b.Paragraph) -> None:
        paragraph = _paragraph(
            self.doc,
            align=block.align,
            space_after=None,
            space_before=block.space_before_mm * 72 / 25.4 if block.space_before_mm else None,
            indent_mm=10 if block.indent else 0,
        )
        _add_runs(paragraph, block.runs(), block.size)

    def articles(self, block: b.Articles) -> None:
        for head, text in block.numbered():
            first, *rest = text.split("\n")
            self.paragraph(b.Paragraph([b.Run(head, bold=True), b.Run(" " + first)]))
            for more in rest:
                if more.strip():
                    self.paragraph(b.Paragraph(more))

    def table(self, block: b.Table) -> None:
        widths = block.widths_mm(self.width_mm)
        table = self.doc.add_table(rows=0, cols=len(widths))
        table.style = self.doc.styles["Table Grid"]
        _fixed_layout(table, widths, cell_margin_mm=_CELL_MARGIN_MM)
        aligns = ["left" if c.align == "justify" else c.align for c in block.columns]
        tbl = table._tbl
        header = [(c.title, "center", 1) for c in block.columns]
        tbl.append(self._row_xml(header, widths, STYLE_TABLE_HEADER, header=block.repeat_header, bold=False))
        for row in block.rows:
            cells = [(text, aligns[i], 1) for i, text in enumerate(row)]
            tbl.append(self._row_xml(cells, widths, STYLE_TABLE))
        if block.totals_row is not None:
            span = block.totals_span()
            cells = [(block.totals_row[0], "center" if span > 1 else aligns[0], span)]
            cells += [(text, aligns[i], 1) for i, text in enumerate(block.totals_row) if i >= span]
            tbl.append(self._row_xml(cells, widths, STYLE_TABLE, bold=True))
        _paragraph(self.doc, style=STYLE_COMPACT)  # Word needs a paragraph between a table and what follows

    def _row_xml(
        self,
        cells: Sequence[tuple[str, str, int]],
        widths: Sequence[float],
        style: str,
        *,
        header: bool = False,
        bold: bool = False,
    ) -> object:
        style_id = self.style_ids[style]
        parts = [f"<w:tr {nsdecls('w')}><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>"]
        column = 0
        for text, align, span in cells:
            width = _twips(sum(widths[column : column + span]))
            column += span
            grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
            lines = str(text if text is not None else "").split("\n")
            runs = "".join(
                (f"<w:r>{rpr}<w:br/></w:r>" if i else "")
                + f'<w:r>{rpr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
                for i, line in enumerate(lines)
            )
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}<w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/><w:jc w:val="{_JC[align]}"/></w:pPr>{runs}</w:p></w:tc>'
            )
        parts.append("</w:tr>")
        return parse_xml("".join(parts))

    def amount_in_words(self, block: b.AmountInWords) -> None:
        _paragraph(self.doc, block.text(), italic=True, space_before=6, space_after=6)

    def _signer(self, cell: _Cell, signer: b.Signer, date_line: str, pad_date: bool) -> None:
        if date_line:
            _paragraph(cell, date_line, italic=True, align="center", style=STYLE_COMPACT)
        elif pad_date:
            _paragraph(cell, " ", italic=True, align="center", style=STYLE_COMPACT)
        for line in signer.title_lines:
            _paragraph(cell, line.upper(), bold=True, align="center", style=STYLE_COMPACT)
        space = _paragraph(cell, style=STYLE_COMPACT)
        space.paragraph_format.space_before = Mm(b.SIGNATURE_SPACE_MM - 6)
        _paragraph(cell, signer.name, bold=True, align="center", style=STYLE_COMPACT)

    def signature(self, block: b.Signature) -> None:
        width = self.width_mm
        table = _borderless_table(self.doc, [width * 0.45, width * 0.55])
        left = _clear(table.cell(0, 0))
        if block.left_lines is not None:
            _paragraph(
                left, block.recipients_label, size=b.RECIPIENTS_TITLE_SIZE, bold=True, italic=True, style=STYLE_COMPACT
            )
            for line in block.left_lines:
                shown = line if line.lstrip().startswith("-") else f"- {line}"
                _paragraph(left, shown, size=b.RECIPIENTS_SIZE, style=STYLE_COMPACT)
        else:
            _paragraph(left, style=STYLE_COMPACT)
        self._signer(_clear(table.cell(0, 1)), b.Signer(block.title_lines, block.name), block.date_line, False)

    def signatures(self, block: b.Signatures) -> None:
        if not block.signers:
            raise b.DocumentError(_("Khối chữ ký không có người ký nào."))
        count = len(block.signers)
        table = _borderless_table(self.doc, [self.width_mm / count] * count)
        for index, signer in enumerate(block.signers):
            last = index == count - 1
            cell = _clear(table.cell(0, index))
            self._signer(cell, signer, block.date_line if last else "", bool(block.date_line))

    def page_break(self, block: b.PageBreak) -> None:
        if block.orientation and block.orientation != self.orientation:
            self.orientation = block.orientation
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            _setup_section(section, self.orientation)
            section.different_first_page_header_footer = False
        else:
            _paragraph(self.doc, style=STYLE_COMPACT).add_run().add_break(WD_BREAK.PAGE)

    def spacer(self, block: b.Spacer) -> None:
        paragraph = _paragraph(self.doc, style=STYLE_COMPACT)
        paragraph.paragraph_format.line_spacing = Mm(block.height_mm)

    def render(self) -> docx.document.Document:
        handlers = {
            b.Header: self.header,
            b.Title: self.title,
            b.Paragraph: self.paragraph,
            b.Articles: self.articles,
            b.Table: self.table,
            b.AmountInWords: self.amount_in_words,
            b.Signature: self.signature,
            b.Signatures: self.signatures,
            b.PageBreak: self.page_break,
            b.Spacer: self.spacer,
        }
        for block in self.spec.blocks:
            handler = handlers.get(type(block))
            if handler is None:  # pragma: no cover - a new block type without a renderer is a programming error
                raise TypeError(f"no .docx renderer for {type(block).__name__}")
            handler(block)  # type: ignore[operator]
        props = self.doc.core_properties
        props.title = storable_text(self.spec.title)
        props.author = storable_text(self.spec.author)
        props.subject = storable_text(self.spec.subject)
        props.language = _LANGUAGE
        props.comments = ""
        return self.doc


def build_document(document: b.Document) -> docx.document.Document:
    """The python-docx object for ``document`` (for callers that add something before saving)."""
    return _Renderer(document).render()


def render_docx(document: b.Document, path: Path | str) -> Path:
    """Write ``document`` as .docx at ``path`` (replaced atomically); returns the path."""
    target = Path(path)
    built = build_document(document)
    with b.replace_atomically(target, ".docx") as temp:
        try:
            built.save(str(temp))
        except OSError as exc:
            raise b.DocumentError(_("Không ghi được tệp {path}: {error}").format(path=target, error=exc)) from exc
    return target


def build_docx(path: Path | str, blocks: Sequence[b.Block], *, title: str = "", author: str = "") -> Path:
    """Shortcut for :func:`render_docx` with a bare list of blocks."""
    return render_docx(b.Document(list(blocks), title=title, author=author), path)


__all__ = ["STYLE_COMPACT", "STYLE_TABLE", "STYLE_TABLE_HEADER", "build_document", "build_docx", "render_docx"]
