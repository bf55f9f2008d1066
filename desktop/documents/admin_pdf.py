"""PDF rendering of administrative documents (reportlab platypus), in the style of Nghị định 30/2020/NĐ-CP.

Two ways in: :func:`render_pdf` turns a :class:`~desktop.documents.blocks.Document` into a file, and the
building blocks (:func:`national_header`, :func:`data_table`, :func:`signature_block` …) return flowables
for a caller that needs something special. Table cells that fit on one line are drawn as plain strings and
only longer ones become wrapping Paragraphs: that keeps a 300-row list well under half a second.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable

from desktop.documents import blocks as b
from desktop.documents.fonts import FontSet, document_font
from desktop.i18n import _

PRODUCER = "TĐKT"
_ALIGNS = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
_CELL_PAD_H = 1.5 * mm
_CELL_PAD_TOP = 2.0
_CELL_PAD_BOTTOM = 3.0
_RULE = 0.7  # line thickness of the short rules under the issuer, motto and subject (points)


def _leading(size: float) -> float:
    return round(size * 1.2, 1)


@dataclass(frozen=True)
class _Styles:
    font: FontSet

    @functools.cache  # noqa: B019 - a handful of styles per font set, kept for the process
    def get(
        self,
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
        align: str = "left",
        indent: float = 0.0,
        space_after: float = 0.0,
        space_before: float = 0.0,
        leading: float | None = None,
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name=f"tdkt-{size}-{bold}-{italic}-{align}-{indent}-{space_after}-{space_before}-{leading}",
            fontName=self.font.face(bold=bold, italic=italic),
            fontSize=size,
            leading=leading or _leading(size),
            alignment=_ALIGNS[align],
            firstLineIndent=indent,
            spaceAfter=space_after,
            spaceBefore=space_before,
            allowWidows=0,
            allowOrphans=0,
        )


def _styles() -> _Styles:
    return _Styles(document_font())


def _markup(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _runs_markup(runs: Sequence[b.Run]) -> str:
    parts = []
    for run in runs:
        piece = _markup(run.text)
        if run.bold:
            piece = f"<b>{piece}</b>"
        if run.italic:
            piece = f"<i>{piece}</i>"
        parts.append(piece)
    return "".join(parts)


def _para(text: str, size: float, **style: Any) -> RLParagraph:
    return RLParagraph(_markup(text), _styles().get(size, **style))


def _rule(width: float) -> list[Flowable]:
    """A short centred rule, kept clear of the descenders above it (a table cell ignores spaceBefore)."""
    return [RLSpacer(1, 2.5), HRFlowable(width=width, thickness=_RULE, color=colors.black, hAlign="CENTER")]


def _width_mm(width_mm: float | None, landscape: bool = False) -> float:
    return width_mm if width_mm is not None else b.frame_width_mm("landscape" if landscape else "portrait")


# -- building blocks -----------------------------------------------------------------------------------


def national_header(
    issuer_parent: str,
    issuer: str,
    number: str | None,
    place_date: str,
    *,
    excerpt: str = "",
    width_mm: float | None = None,
) -> Flowable:
    """The two-column header: issuer left (parent regular, issuer bold, short rule, "Số: …"), nation right."""
    spec = b.Header(issuer_parent, issuer, number, place_date, excerpt)
    layout = b.header_layout(spec, _width_mm(width_mm))
    pad = b.HEADER_CELL_PAD_MM * mm
    left: list[Flowable] = [_para(line, b.HEADER_SIZE, align="center") for line in layout.parent_lines]
    left.extend(_para(line, b.HEADER_SIZE, bold=True, align="center") for line in layout.issuer_lines)
    left.extend(_rule(layout.issuer_rule_mm * mm))
    right: list[Flowable] = [
        _para(b.NATIONAL_NAME, layout.national_size, bold=True, align="center"),
        _para(b.MOTTO, layout.motto_size, bold=True, align="center"),
        *_rule(layout.motto_rule_mm * mm),
    ]
    below_left: list[Flowable] = []
    if number:
        below_left.append(_para(number if number.startswith("Số") else f"Số: {number}", b.HEADER_SIZE, align="center"))
    if excerpt:
        below_left.append(_para(excerpt, 12, align="center", space_before=2))
    below_right = [_para(place_date, b.BODY_SIZE, italic=True, align="center")] if place_date else []
    table = RLTable(
        [[left, right], [below_left, below_right]],
        colWidths=[layout.left_mm * mm, layout.right_mm * mm],
        hAlign="CENTER",
    )
    table.spaceAfter = 8  # "Kính gửi" or a paragraph right under the header needs air
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), document_font().regular),  # a cell defaults to Helvetica, not embedded
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),  # centres the rules; a table ignores a flowable's hAlign
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 5),
            ]
        )
    )
    return table


def title_block(kind: str, subject: str = "", *, note: str = "", width_mm: float | None = None) -> list[Flowable]:
    """ "QUYẾT ĐỊNH" bold caps centred, the subject bold centred under it, a short rule, an optional italic note."""
    out: list[Flowable] = [_para(kind.upper(), b.BODY_SIZE, bold=True, align="center", space_before=14)]
    last = kind.upper()
    if subject:
        out.append(_para(subject, b.BODY_SIZE, bold=True, align="center"))
        last = subject
    if note:
        out.append(_para(note, b.BODY_SIZE, italic=True, align="center"))
    else:
        line_width = min(stringWidth(last, document_font().bold, b.BODY_SIZE), _width_mm(width_mm) * mm * 0.9)
        out.extend(_rule(max(line_width * 0.4, 20 * mm)))
    out.append(RLSpacer(1, 10))
    return out


def body_paragraph(
    text: str | Sequence[b.Run],
    *,
    align: b.Align = "justify",
    bold: bool = False,
    italic: bool = False,
    indent: bool = True,
    size: float | None = None,
    space_before_mm: float = 0.0,
) -> Flowable:
    """Body text: justified, first line indented 1 cm, 6 pt after; runs mix bold and italic."""
    block = b.Paragraph(text, align=align, bold=bold, italic=italic, indent=indent, size=size)
    style = _styles().get(
        block.size or b.BODY_SIZE,
        align=block.align,
        indent=10 * mm if block.indent else 0.0,
        space_after=6,
        space_before=space_before_mm * mm,
    )
    return RLParagraph(_runs_markup(block.runs()), style)


def numbered_articles(items: Sequence[str], *, label: str = "Điều", start: int = 1) -> list[Flowable]:
    """ "Điều 1. …" paragraphs with the label in bold; a "\\n" in an item starts an indented sub-paragraph."""
    out: list[Flowable] = []
    for head, text in b.Articles(items, label=label, start=start).numbered():
        first, *rest = text.split("\n")
        out.append(body_paragraph([b.Run(head, bold=True), b.Run(" " + first)]))
        out.extend(body_paragraph(more) for more in rest if more.strip())
    return out


def data_table(
    columns: Sequence[b.Column],
    rows: Sequence[Sequence[str]],
    *,
    totals_row: Sequence[str] | None = None,
    repeat_header: bool = True,
    font_size: float = b.TABLE_SIZE,
    width_mm: float | None = None,
) -> Flowable:
    """A grid table: bold centred header repeated on each page, wrapped cells, bold totals row."""
    spec = b.Table(columns, rows, totals_row=totals_row, repeat_header=repeat_header, font_size=font_size)
    return _table(spec, _width_mm(width_mm))


def _table(spec: b.Table, available_mm: float) -> Flowable:
    font = document_font()
    styles = _styles()
    size = spec.font_size
    leading = _leading(size)
    widths = [w * mm for w in spec.widths_mm(available_mm)]
    room = [w - 2 * _CELL_PAD_H - 0.5 for w in widths]
    aligns = ["left" if c.align == "justify" else c.align for c in spec.columns]
    cell_styles = [styles.get(size, align=a, leading=leading) for a in aligns]
    bold_styles = [styles.get(size, bold=True, align=a, leading=leading) for a in aligns]
    regular = font.regular
    measure = stringWidth

    def cell(text: str, index: int, bold: bool = False) -> Any:
        text = "" if text is None else str(text)
        if "\n" not in text and measure(text, font.bold if bold else regular, size) <= room[index]:
            return text  # one line: a plain string draws far faster than a Paragraph
        return RLParagraph(_markup(text), (bold_styles if bold else cell_styles)[index])

    header_style = styles.get(size, bold=True, align="center", leading=leading)
    data: list[list[Any]] = [[RLParagraph(_markup(c.title), header_style) for c in spec.columns]]
    data.extend([cell(text, i) for i, text in enumerate(row)] for row in spec.rows)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), leading),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PAD_H),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PAD_H),
        ("TOPPADDING", (0, 0), (-1, -1), _CELL_PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _CELL_PAD_BOTTOM),
    ]
    for index, align in enumerate(aligns):
        commands.append(("ALIGN", (index, 1), (index, -1), align.upper()))
    if spec.totals_row is not None:
        span = spec.totals_span()
        row_index = len(data)
        totals = [cell(text, i, bold=True) for i, text in enumerate(spec.totals_row)]
        if span > 1:
            totals[0] = RLParagraph(_markup(spec.totals_row[0]), styles.get(size, bold=True, align="center"))
            commands.append(("SPAN", (0, row_index), (span - 1, row_index)))
        data.append(totals)
        commands.append(("FONTNAME", (0, row_index), (-1, row_index), font.bold))
    table = RLTable(
        data,
        colWidths=widths,
        repeatRows=1 if spec.repeat_header else 0,
        hAlign="CENTER",
        splitByRow=1,
    )
    table.setStyle(TableStyle(commands))
    return table


def signature_block(
    title_lines: Sequence[str],
    name: str,
    *,
    left_lines: Sequence[str] | None = None,
    date_line: str = "",
    recipients_label: str = "Nơi nhận:",
    width_mm: float | None = None,
) -> Flowable:
    """Signer on the right (title in bold caps, room for signature and seal, name in bold), "Nơi nhận:" left."""
    width = _width_mm(width_mm) * mm
    left_w = width * 0.45
    left: list[Flowable] = []
    if left_lines is not None:
        left.append(_para(recipients_label, b.RECIPIENTS_TITLE_SIZE, bold=True, italic=True))
        for line in left_lines:
            shown = line if line.lstrip().startswith("-") else f"- {line}"
            left.append(_para(shown, b.RECIPIENTS_SIZE, leading=13))
    right = _signer_flowables(b.Signer(title_lines, name), date_line)
    table = RLTable([[left, right]], colWidths=[left_w, width - left_w], hAlign="CENTER")
    table.setStyle(_plain_grid_style())
    return table


def signatures_row(signers: Sequence[b.Signer], *, date_line: str = "", width_mm: float | None = None) -> Flowable:
    """Several signers side by side, equal columns; the date line sits above the last one."""
    if not signers:
        raise b.DocumentError(_("Khối chữ ký không có người ký nào."))
    width = _width_mm(width_mm) * mm
    cells = [_signer_flowables(s, date_line if i == len(signers) - 1 else "") for i, s in enumerate(signers)]
    if date_line:  # keep the titles level: a blank line above the signers without the date
        height = _para(date_line, b.BODY_SIZE, italic=True).wrap(width / len(signers), 1000)[1]
        cells = [c if i == len(signers) - 1 else [RLSpacer(1, height), *c] for i, c in enumerate(cells)]
    table = RLTable([cells], colWidths=[width / len(signers)] * len(signers), hAlign="CENTER")
    table.setStyle(_plain_grid_style())
    return table


def _signer_flowables(signer: b.Signer, date_line: str) -> list[Flowable]:
    out: list[Flowable] = []
    if date_line:
        out.append(_para(date_line, b.BODY_SIZE, italic=True, align="center"))
    out.extend(_para(line.upper(), b.BODY_SIZE, bold=True, align="center") for line in signer.title_lines)
    out.append(RLSpacer(1, b.SIGNATURE_SPACE_MM * mm))
    out.append(_para(signer.name, b.BODY_SIZE, bold=True, align="center"))
    return out


def _plain_grid_style() -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), document_font().regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )


def amount_in_words_line(words: str) -> Flowable:
    """ "Bằng chữ: Bảy trăm mười nghìn đồng." in italics."""
    return _para(b.AmountInWords(words).text(), b.BODY_SIZE, italic=True, space_before=6, space_after=6)


# -- the document ----------------------------------------------------------------------------------------


def _draw_page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
    number = canvas.getPageNumber()
    if number < 2 or not getattr(doc, "page_numbers", True):
        return
    page_w, page_h = canvas._pagesize
    canvas.saveState()
    canvas.setFont(document_font().regular, b.PAGE_NUMBER_SIZE)
    canvas.drawCentredString(page_w / 2, page_h - 12 * mm, str(number))
    canvas.restoreState()


def _page_template(orientation: b.Orientation) -> PageTemplate:
    page_w, page_h = (v * mm for v in b.page_size_mm(orientation))
    frame = Frame(
        b.MARGIN_LEFT_MM * mm,
        b.MARGIN_BOTTOM_MM * mm,
        page_w - (b.MARGIN_LEFT_MM + b.MARGIN_RIGHT_MM) * mm,
        page_h - (b.MARGIN_TOP_MM + b.MARGIN_BOTTOM_MM) * mm,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=orientation,
    )
    return PageTemplate(id=orientation, frames=[frame], pagesize=(page_w, page_h), onPage=_draw_page_number)


def build_pdf(
    path: Path | str,
    flowables: Sequence[Flowable],
    *,
    title: str,
    author: str = "",
    subject: str = "",
    landscape: bool = False,
    page_numbers: bool = True,
) -> Path:
    """Lay out ``flowables`` on A4 pages (NĐ 30 margins) and write the PDF atomically; returns the path.

    Page templates are named "portrait" and "landscape": a ``NextPageTemplate("landscape")`` before a page
    break turns the following pages.
    """
    first: b.Orientation = "landscape" if landscape else "portrait"
    templates = [_page_template(first), _page_template("portrait" if landscape else "landscape")]
    target = Path(path)
    with b.replace_atomically(target, ".pdf") as temp:
        doc = BaseDocTemplate(
            str(temp),
            pagesize=templates[0].pagesize,
            pageTemplates=templates,
            title=title,
            author=author,
            subject=subject,
            creator=PRODUCER,
            producer=PRODUCER,
            lang="vi-VN",
            initialFontName=document_font().regular,  # else every page lists Helvetica, a font not embedded
            initialFontSize=b.BODY_SIZE,
            displayDocTitle=True,
        )
        doc.page_numbers = page_numbers
        try:
            doc.build(list(flowables))
        except Exception as exc:  # reportlab's LayoutError and friends: say which file, keep the cause
            raise b.DocumentError(_("Không tạo được tệp PDF {path}: {error}").format(path=target, error=exc)) from exc
    return target


def flowables_for(document: b.Document) -> list[Flowable]:
    """The flowables of every block, each sized for the orientation of the page it lands on."""
    orientation: b.Orientation = document.orientation
    out: list[Flowable] = []
    for block in document.blocks:
        width = b.frame_width_mm(orientation)
        if isinstance(block, b.Header):
            out.append(
                national_header(
                    block.issuer_parent,
                    block.issuer,
                    block.number,
                    block.place_date,
                    excerpt=block.excerpt,
                    width_mm=width,
                )
            )
        elif isinstance(block, b.Title):
            out.extend(title_block(block.kind, block.subject, note=block.note, width_mm=width))
        elif isinstance(block, b.Paragraph):
            out.append(
                body_paragraph(
                    block.text,
                    align=block.align,
                    bold=block.bold,
                    italic=block.italic,
                    indent=block.indent,
                    size=block.size,
                    space_before_mm=block.space_before_mm,
                )
            )
        elif isinstance(block, b.Articles):
            out.extend(numbered_articles(block.items, label=block.label, start=block.start))
        elif isinstance(block, b.Table):
            out.append(_table(block, width))
        elif isinstance(block, b.AmountInWords):
            out.append(amount_in_words_line(block.words))
        elif isinstance(block, b.Signature):
            _keep_with_text(
                out,
                signature_block(
                    block.title_lines,
                    block.name,
                    left_lines=block.left_lines,
                    date_line=block.date_line,
                    recipients_label=block.recipients_label,
                    width_mm=width,
                ),
            )
        elif isinstance(block, b.Signatures):
            _keep_with_text(out, signatures_row(block.signers, date_line=block.date_line, width_mm=width))
        elif isinstance(block, b.PageBreak):
            if block.orientation and block.orientation != orientation:
                orientation = block.orientation
                out.append(NextPageTemplate(orientation))
            out.append(RLPageBreak())
        elif isinstance(block, b.Spacer):
            out.append(RLSpacer(1, block.height_mm * mm))
        else:  # pragma: no cover - a new block type without a renderer is a programming error
            raise TypeError(f"no PDF renderer for {type(block).__name__}")
    return out


def _keep_with_text(out: list[Flowable], signature: Flowable) -> None:
    """A signature block never stands alone on a page (NĐ 30): it moves with the paragraph before it."""
    if out and isinstance(out[-1], RLParagraph):
        out[-1] = KeepTogether([out[-1], signature])
    else:
        out.append(signature)


def render_pdf(document: b.Document, path: Path | str) -> Path:
    """Write ``document`` as a PDF at ``path`` (replaced atomically); returns the path."""
    return build_pdf(
        path,
        flowables_for(document),
        title=document.title,
        author=document.author,
        subject=document.subject,
        landscape=document.landscape,
        page_numbers=document.page_numbers,
    )


__all__ = [
    "amount_in_words_line",
    "body_paragraph",
    "build_pdf",
    "data_table",
    "flowables_for",
    "national_header",
    "numbered_articles",
    "render_pdf",
    "signature_block",
    "signatures_row",
    "title_block",
]
