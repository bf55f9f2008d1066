"""Movement documents: the registration list, the covenant, the sơ kết / tổng kết report, the reports page.

Each document is described once as a :class:`~desktop.documents.blocks.Document` and rendered to PDF or .docx by
the shared toolkit; the reports page also goes to PDF with reportlab bar charts and to .xlsx with openpyxl bar
charts. Inputs are the plain dicts of :mod:`desktop.ops.movements`. Printed text is the text of a Vietnamese
administrative document, so it is data, not translated; only error messages are user interface text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop.documents import blocks as b
from desktop.documents.fonts import OFFICE_FONT_NAME, document_font
from desktop.documents.numbers import date_line, short_date
from desktop.domain.scoring import format_points  # half up, as the window rounds: never 1,125 → "1,12"
from desktop.i18n import N_, _

PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
KIND_WORDS = {"regular": "thường xuyên", "thematic": "chuyên đề", "campaign": "theo đợt"}
REVIEW_TITLES = {"so_ket": "BÁO CÁO SƠ KẾT", "tong_ket": "BÁO CÁO TỔNG KẾT"}
TARGET_WORDS = {"individual": "Cá nhân", "collective": "Tập thể", "household": "Hộ gia đình"}
CATEGORY_WORDS = {"title": "Danh hiệu thi đua", "award_form": "Hình thức khen thưởng"}


def _percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"


def _header(unit: Any, day: date | str | None) -> b.Header:
    parent = "" if unit.name.upper().startswith(PEOPLES_COMMITTEE) else unit.parent_body
    return b.Header(parent, unit.name, None, date_line(unit.place_name, day or date.today()))


def _signature(unit: Any) -> b.Signature:
    title = unit.head_title.upper() if unit.head_title else "THỦ TRƯỞNG ĐƠN VỊ"
    lines = list(unit.signature) or [title]
    return b.Signature(lines, unit.head_name)


def _movement_line(movement: dict[str, Any]) -> str:
    kind = KIND_WORDS.get(movement.get("kind", ""), "")
    period = movement.get("period") or ""
    return f"Phong trào thi đua {kind} “{movement['name']}”" + (f" ({period})" if period else "")


# -- registration list -----------------------------------------------------------------------------------------


def registration_document(unit: Any, movement: dict[str, Any], rows: Sequence[dict[str, Any]]) -> b.Document:
    """Danh sách đăng ký thi đua: who aims for which title, with the date of registration."""
    table_rows = [
        [
            str(number),
            row["name"] or "",
            TARGET_WORDS.get(row["target_kind"], row["target_kind"]),
            row.get("department") or "",
            row.get("code_name") or row["code"],
            short_date(row["registered_on"]),
        ]
        for number, row in enumerate(rows, start=1)
    ]
    columns = [
        b.Column("STT", 12, "center"),
        b.Column("Họ và tên / tập thể", None),
        b.Column("Đối tượng", 22, "center"),
        b.Column("Phòng, ban", 55),
        b.Column("Danh hiệu đăng ký", 55),
        b.Column("Ngày đăng ký", 28, "center"),
    ]
    return b.Document(
        title=f"Danh sách đăng ký thi đua — {movement['name']}",
        author=unit.name,
        landscape=True,
        blocks=[
            _header(unit, None),
            b.Title("Danh sách đăng ký thi đua", _movement_line(movement)),
            b.Table(columns, table_rows or [["", "(chưa có đăng ký)", "", "", "", ""]]),
            b.Paragraph(
                f"Tổng số: {len(rows)} bản đăng ký "
                f"({sum(1 for r in rows if r['target_kind'] == 'individual')} cá nhân, "
                f"{sum(1 for r in rows if r['target_kind'] == 'collective')} tập thể).",
                italic=True,
                indent=False,
                space_before_mm=3,
            ),
            _signature(unit),
        ],
    )


# -- covenant --------------------------------------------------------------------------------------------------


def covenant_document(
    unit: Any,
    movement: dict[str, Any],
    covenant: dict[str, Any],
    terms: dict[str, Any],
) -> b.Document:
    """Bản giao ước thi đua of a block: its ``terms`` (members' names, targets, criteria with their points, as
    signed: ``desktop.store.movements_repo.covenant_terms``) and every signatory."""
    criteria: Sequence[dict[str, Any]] = terms["criteria"]
    blocks: list[b.Block] = [
        _header(unit, covenant.get("signed_on")),
        b.Title("Giao ước thi đua", f"{_movement_line(movement)}\n{covenant['block_name']}"),
        b.Paragraph(
            f"Hôm nay, {short_date(covenant.get('signed_on'))}"
            + (f", tại {covenant['place']}" if covenant.get("place") else "")
            + f", các thành viên {covenant['block_name']} cùng ký kết giao ước thi đua thực hiện "
            + f"phong trào “{movement['name']}” với các nội dung sau:"
        ),
        b.Paragraph("I. CÁC THÀNH VIÊN THAM GIA GIAO ƯỚC", bold=True, indent=False),
    ]
    blocks.extend(b.Paragraph(f"{n}. {name}", indent=False) for n, name in enumerate(terms["members"], start=1))
    if terms["targets"]:
        blocks.append(b.Paragraph("II. MỤC TIÊU, CHỈ TIÊU", bold=True, indent=False))
        blocks.extend(b.Paragraph(f"- {t}", indent=False) for t in terms["targets"])
    if covenant.get("content"):
        blocks.append(b.Paragraph(covenant["content"]))
    if criteria:
        blocks.append(b.Paragraph("III. TIÊU CHÍ VÀ THANG ĐIỂM", bold=True, indent=False))
        blocks.append(
            b.Table(
                [
                    b.Column("STT", 12, "center"),
                    b.Column("Tiêu chí", None),
                    b.Column("Điểm tối đa", 24, "center"),
                    b.Column("Hệ số", 16, "center"),
                    b.Column("Ghi chú", 36, "center"),
                ],
                [
                    [
                        str(n),
                        c["name"],
                        format_points(c["max_points"]),
                        format_points(c["weight"]),
                        {"bonus": "Điểm cộng", "penalty": "Điểm trừ"}.get(c["kind"], "")
                        + (" Bắt buộc" if c["mandatory"] else ""),
                    ]
                    for n, c in enumerate(criteria, start=1)
                ],
            )
        )
    blocks.append(
        b.Paragraph(
            "Các thành viên cam kết thực hiện nghiêm túc nội dung giao ước; kết quả được chấm điểm, "
            "xếp hạng khi sơ kết, tổng kết phong trào.",
            space_before_mm=3,
        )
    )
    signers = [
        b.Signer([(s.get("member") or "").upper(), (s.get("title") or "").upper()], s["name"])
        for s in covenant.get("signatories", [])
    ]
    for start in range(0, len(signers), 3):
        blocks.append(b.Signatures(signers[start : start + 3]))
    return b.Document(title=f"Giao ước thi đua — {movement['name']}", author=unit.name, blocks=blocks)


# -- review report ---------------------------------------------------------------------------------------------


def ranking_table(ranking: dict[str, Any]) -> b.Table:
    rows = []
    for r in ranking.get("results", []):
        rank_text = f"{r['rank']}" + (" (đồng hạng)" if r["tied"] else "")
        rows.append(
            [
                rank_text,
                r["name"],
                format_points(r["base"]),
                format_points(r["bonus"]),
                format_points(r["penalty"]),
                format_points(r["total"]),
                r.get("reason") or "",
            ]
        )
    return b.Table(
        [
            b.Column("Xếp hạng", 18, "center"),
            b.Column("Đơn vị", 52),
            b.Column("Điểm tiêu chí", 18, "center"),
            b.Column("Điểm cộng", 15, "center"),
            b.Column("Điểm trừ", 15, "center"),
            b.Column("Tổng điểm", 17, "center"),
            b.Column("Ghi chú", None),
        ],
        rows or [["", "(chưa chấm điểm)", "", "", "", "", ""]],
    )


def _ranking_blocks(ranking: dict[str, Any]) -> list[b.Block]:
    """The ranking and its leading unit; a movement whose blocks (khối/cụm) are ranked apart prints each block under
    its name with its own table and leading unit (``ranking["blocks"]``); a ranking frozen before blocks were ranked
    apart, or of one block, prints as one table."""
    results = ranking.get("results", [])
    names = list(dict.fromkeys(r["block"] for r in results if r.get("block")))
    if not names:
        out: list[b.Block] = [ranking_table(ranking)]
        if ranking.get("note"):
            out.append(b.Paragraph(f"Suy tôn đơn vị dẫn đầu: {ranking['note']}", space_before_mm=3))
        return out
    notes = {entry["block"]: entry.get("note", "") for entry in ranking.get("blocks", [])}
    out = []
    for number, name in enumerate(names, start=1):
        out.append(b.Paragraph(f"{number}. {name}", bold=True, indent=False, space_before_mm=3))
        out.append(ranking_table({"results": [r for r in results if r.get("block") == name]}))
        if notes.get(name):
            out.append(b.Paragraph(f"Suy tôn đơn vị dẫn đầu {name}: {notes[name]}", space_before_mm=2))
    other = [line for line in (ranking.get("note") or "").split("\n") if line and not _block_line(line, names)]
    if other:  # what the ranking notes besides each block's leader (a unit scored once though in two blocks, …)
        out.append(b.Paragraph(" ".join(other), italic=True, space_before_mm=2))
    return out


def _block_line(line: str, names: Sequence[str]) -> bool:
    """A line of the ranking's note that is one block's own ("Khối A: …"), printed under that block."""
    return any(line.startswith(f"{name}: ") for name in names)


def review_document(
    unit: Any, movement: dict[str, Any], review: dict[str, Any], figures: dict[str, Any] | None = None
) -> b.Document:
    """Báo cáo sơ kết / tổng kết: summary, achievements, the ranking with ties, the leading unit, the proposals."""
    ranking = review.get("ranking") or {}
    kind_word = "sơ kết" if review["kind"] == "so_ket" else "tổng kết"
    blocks: list[b.Block] = [
        _header(unit, review["review_date"]),
        b.Title(REVIEW_TITLES.get(review["kind"], "BÁO CÁO"), _movement_line(movement)),
        b.Paragraph("I. KẾT QUẢ THỰC HIỆN", bold=True, indent=False),
    ]
    if review.get("summary"):
        blocks.append(b.Paragraph(review["summary"]))
    if review.get("achievements"):
        blocks.append(b.Paragraph("Thành tích nổi bật:", bold=True, indent=False))
        blocks.extend(b.Paragraph(line) for line in review["achievements"].split("\n") if line.strip())
    for line in (figures or {}).get("highlights", []):
        blocks.append(b.Paragraph(f"- Tỷ lệ khen thưởng: {line}."))
    blocks.append(b.Paragraph("II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG", bold=True, indent=False))
    if ranking.get("max_total"):
        blocks.append(
            b.Paragraph(
                f"Thang điểm tối đa: {format_points(ranking['max_total'])} điểm (chưa tính điểm cộng).", italic=True
            )
        )
    blocks.extend(_ranking_blocks(ranking))
    blocks.append(b.Paragraph("III. ĐỀ XUẤT KHEN THƯỞNG", bold=True, indent=False))
    proposals = review.get("proposals") or []
    if proposals:
        blocks.append(
            b.Table(
                [
                    b.Column("STT", 12, "center"),
                    b.Column("Tập thể, cá nhân", None),
                    b.Column("Đối tượng", 22, "center"),
                    b.Column("Đề nghị", 45),
                    b.Column("Thành tích", 60),
                ],
                [
                    [
                        str(n),
                        p.get("name") or p.get("household_name") or "",
                        TARGET_WORDS.get(p["target_kind"], p["target_kind"]),
                        p.get("code_name") or p["code"],
                        p.get("achievement") or "",
                    ]
                    for n, p in enumerate(proposals, start=1)
                ],
            )
        )
    else:
        blocks.append(b.Paragraph(f"Hội nghị {kind_word} chưa đề xuất khen thưởng."))
    blocks.append(_signature(unit))
    return b.Document(
        title=f"Báo cáo {kind_word} — {movement['name']}",
        author=unit.name,
        landscape=False,
        blocks=blocks,
    )


def render(document: b.Document, out: Path | str) -> Path:
    """.pdf or .docx by the file's suffix."""
    target = Path(out)
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        from desktop.documents.admin_pdf import render_pdf

        return render_pdf(document, target)
    if suffix == ".docx":
        from desktop.documents.admin_docx import render_docx

        return render_docx(document, target)
    raise b.DocumentError(_("Không xuất được tệp {path}: hãy chọn đuôi .pdf hoặc .docx.").format(path=target))


# -- the reports page ------------------------------------------------------------------------------------------


def report_tables(data: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The reports page's tables as (heading, column titles, rows): the same in the window, PDF and .xlsx.

    The documents stay Vietnamese; the window passes headings, column titles and the group names of the last
    table through ``_()``."""
    people = data["individual"]
    tables: list[tuple[str, list[str], list[list[Any]]]] = [
        (
            N_("Danh hiệu thi đua"),
            [N_("Danh hiệu"), N_("Số lượt"), N_("Tỷ lệ")],
            [[r["label"], r["count"], _percent(r["share"])] for r in data["titles"]],
        ),
        (
            N_("Hình thức khen thưởng"),
            [N_("Hình thức khen thưởng"), N_("Số lượt"), N_("Tỷ lệ")],
            [[r["label"], r["count"], _percent(r["share"])] for r in data["award_forms"]],
        ),
        (
            N_("Theo phòng, ban"),
            [N_("Phòng, ban"), N_("Số lượt"), N_("Tỷ lệ")],
            [[r["label"], r["count"], _percent(r["share"])] for r in data["departments"]],
        ),
        (
            N_("Cá nhân theo giới tính, dân tộc, vị trí"),
            [N_("Nhóm"), N_("Số lượt"), N_("Tỷ lệ")],
            [
                [N_("Nữ"), data["gender"]["female"], _percent(data["gender"]["female_share"])],
                [N_("Nam"), data["gender"]["male"], _percent(data["gender"]["male_share"])],
                *([[N_("Chưa ghi giới tính"), data["gender"]["unknown"], ""]] if data["gender"].get("unknown") else []),
                [N_("Dân tộc Kinh"), data["ethnic"]["majority"], _percent(data["ethnic"]["majority_share"])],
                [N_("Dân tộc thiểu số"), data["ethnic"]["minority"], _percent(data["ethnic"]["minority_share"])],
                *(
                    [[N_("Người nước ngoài"), data["ethnic"]["foreign"], _percent(data["ethnic"]["foreign_share"])]]
                    if data["ethnic"].get("foreign")
                    else []
                ),
                [N_("Lãnh đạo, quản lý"), data["position"]["leader"], _percent(data["position"]["leader_share"])],
                [
                    N_("Người lao động trực tiếp"),
                    data["position"]["direct_worker"],
                    _percent(data["position"]["direct_worker_share"]),
                ],
                [N_("Tổng số lượt cá nhân"), people, ""],
            ],
        ),
    ]
    return tables


def _bar_labels(names: list[str], limit: int = 34) -> list[str]:
    """Bar labels that fit beside the chart and stay told apart: a long name keeps its start and its end
    ("Trường Mầm non Hoa… điểm trường chính"), where two departments of one school differ; two still alike get
    their place in the list."""

    def cut(name: str) -> str:
        if len(name) <= limit:
            return name
        head = (limit - 1) // 2
        return name[:head].rstrip() + "…" + name[-(limit - 1 - head) :].lstrip()

    labels = [cut(name) for name in names]
    return [f"{label} ({index})" if labels.count(label) > 1 else label for index, label in enumerate(labels, 1)]


def collective_ratings_table(data: dict[str, Any]) -> tuple[str, list[str], list[list[Any]]]:
    """The collectives' own ratings of the year (heading, column titles, rows): window, PDF and .xlsx."""
    rows = [
        [row["name"], row["rating_label"] or "Chưa xếp loại", row["rating"] or "", row["members"]]
        for row in data.get("collective_ratings", [])
    ]
    return f"Xếp loại tập thể năm {data['year']}", ["Tập thể", "Xếp loại", "Mã", "Số thành viên"], rows


def report_chart_series(data: dict[str, Any]) -> list[tuple[str, list[tuple[str, int]]]]:
    """The bar charts: titles, award forms, departments (label, count)."""
    return [
        (N_("Danh hiệu thi đua"), [(r["label"], r["count"]) for r in data["titles"]]),
        (N_("Hình thức khen thưởng"), [(r["label"], r["count"]) for r in data["award_forms"]]),
        (N_("Theo phòng, ban"), [(r["label"], r["count"]) for r in data["departments"]]),
    ]


def _report_title(data: dict[str, Any]) -> str:
    if data.get("movement_name"):
        return f"Kết quả khen thưởng phong trào “{data['movement_name']}” năm {data['year']}"
    return f"Kết quả thi đua, khen thưởng năm {data['year']}"


def _bar_chart(title: str, series: list[tuple[str, int]], width_pt: float) -> Any:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    font = document_font()
    bar_height = 16
    height = 30 + bar_height * max(len(series), 1) + 20
    drawing = Drawing(width_pt, height)
    drawing.initialFontName = font.regular  # else reportlab starts each drawing in Helvetica, a font not embedded
    drawing.add(String(0, height - 14, title, fontName=font.bold, fontSize=11))
    chart = HorizontalBarChart()
    chart.x = 170
    chart.y = 20
    chart.width = width_pt - 200
    chart.height = bar_height * max(len(series), 1)
    labels = _bar_labels([label for label, _count in series]) or [""]
    values = [count for _label, count in series] or [0]
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = font.regular
    chart.categoryAxis.labels.fontSize = 9
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font.regular
    chart.valueAxis.labels.fontSize = 8
    top = max(values) if values else 0
    chart.valueAxis.valueMax = max(top, 1) * 1.15
    chart.valueAxis.valueStep = max(1, round(max(top, 1) / 5))
    chart.bars[0].fillColor = colors.HexColor("#2f6fb3")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font.regular
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def report_pdf(unit: Any, data: dict[str, Any], out: Path | str) -> Path:
    """The reports page as a PDF: figures, highlights, tables and bar charts."""
    from reportlab.lib.units import mm

    from desktop.documents.admin_pdf import build_pdf, flowables_for

    blocks: list[b.Block] = [
        _header(unit, None),
        b.Title("Báo cáo thống kê", _report_title(data)),
        b.Paragraph(
            f"Tổng số: {data['total']} lượt khen thưởng ({data['individual']} lượt cá nhân, "
            f"{data['collective']} lượt tập thể, {data['household']} lượt hộ gia đình); "
            f"{data['titles_total']} lượt danh hiệu thi đua và {data['award_forms_total']} lượt hình thức khen thưởng "
            "(tính riêng)."
        ),
    ]
    blocks.extend(b.Paragraph(f"- {line}.") for line in data.get("highlights", []))
    for heading, columns, rows in report_tables(data):
        blocks.append(b.Paragraph(heading, bold=True, indent=False, space_before_mm=2))
        widths = [None, 30.0, 30.0]
        blocks.append(
            b.Table(
                [
                    b.Column(c, w, "left" if i == 0 else "center")
                    for i, (c, w) in enumerate(zip(columns, widths, strict=True))
                ],
                [[str(v) for v in row] for row in rows] or [["(không có)", "", ""]],
            )
        )
    heading, columns, rows = collective_ratings_table(data)
    if rows:
        blocks.append(b.Paragraph(heading, bold=True, indent=False, space_before_mm=2))
        blocks.append(
            b.Table(
                [
                    b.Column(columns[0], None),
                    b.Column(columns[1], 60.0),
                    b.Column(columns[2], 26.0, "center"),  # "HTXSNV" whole on one line
                    b.Column(columns[3], 24.0, "center"),
                ],
                [[str(v) for v in row] for row in rows],
            )
        )
    if data.get("exemplary_models"):
        blocks.append(b.Paragraph("Điển hình tiên tiến", bold=True, indent=False, space_before_mm=2))
        blocks.append(
            b.Table(
                [b.Column("STT", 12, "center"), b.Column("Tên", 55), b.Column("Việc làm, thành tích", None)],
                [[str(n), m["name"], m["achievement"]] for n, m in enumerate(data["exemplary_models"], start=1)],
            )
        )
    document = b.Document(title=_report_title(data), author=unit.name, blocks=blocks)
    flowables = flowables_for(document)
    width = b.frame_width_mm("portrait") * mm
    for title, series in report_chart_series(data):
        if series:
            flowables.append(_bar_chart(title, series, width))
    return build_pdf(out, flowables, title=document.title, author=document.author)


def report_xlsx(data: dict[str, Any], out: Path | str) -> Path:
    """The reports page as a workbook: one sheet of tables with an openpyxl bar chart beside each."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    from desktop.documents.xlsx_cells import set_cell

    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise b.DocumentError(_("Không xuất được tệp {path}: hãy chọn đuôi .xlsx.").format(path=target))
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Báo cáo"
    bold = Font(name=OFFICE_FONT_NAME, size=12, bold=True)
    plain = Font(name=OFFICE_FONT_NAME, size=12)
    set_cell(sheet, 1, 1, _report_title(data))
    sheet["A1"].font = Font(name=OFFICE_FONT_NAME, size=14, bold=True)
    set_cell(
        sheet,
        2,
        1,
        f"Tổng số {data['total']} lượt; {data['titles_total']} lượt danh hiệu, "
        f"{data['award_forms_total']} lượt hình thức khen thưởng",
    )
    sheet["A2"].font = plain
    row = 4
    for line in data.get("highlights", []):
        set_cell(sheet, row, 1, line).font = plain
        row += 1
    row += 1
    sheet.column_dimensions["A"].width = 42
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 12
    charted = {"Danh hiệu thi đua", "Hình thức khen thưởng", "Theo phòng, ban"}
    for heading, columns, rows in report_tables(data):
        set_cell(sheet, row, 1, heading).font = bold
        row += 1
        for col, title in enumerate(columns, start=1):
            set_cell(sheet, row, col, title).font = bold
        header_row = row
        for values in rows:
            row += 1
            for col, value in enumerate(values, start=1):
                set_cell(sheet, row, col, value).font = plain
        if heading in charted and rows:
            chart = BarChart()
            chart.type = "bar"
            chart.title = heading
            chart.legend = None
            chart.height = max(4.0, 1.0 + 0.8 * len(rows))
            chart.width = 14
            values_ref = Reference(sheet, min_col=2, min_row=header_row, max_row=row)
            labels_ref = Reference(sheet, min_col=1, min_row=header_row + 1, max_row=row)
            chart.add_data(values_ref, titles_from_data=True)
            chart.set_categories(labels_ref)
            sheet.add_chart(chart, f"E{header_row}")
            row = max(row, header_row + int(chart.height * 2) + 1)
        row += 2
    heading, columns, rows = collective_ratings_table(data)
    if rows:
        set_cell(sheet, row, 1, heading).font = bold
        row += 1
        for col, title in enumerate(columns, start=1):
            set_cell(sheet, row, col, title).font = bold
        for values in rows:
            row += 1
            for col, value in enumerate(values, start=1):
                set_cell(sheet, row, col, value).font = plain
        sheet.column_dimensions["D"].width = 14
    with b.replace_atomically(target, ".xlsx") as temp:
        workbook.save(temp)
    return target
