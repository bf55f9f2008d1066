"""A mock decision with its attached money list, shared by the document tests and the benchmark."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from desktop.documents import blocks as b
from desktop.documents.numbers import date_line, format_money
from desktop.domain.amount_words import amount_in_words

LONG_NAME = "Hoàng Thị Phương Thảo Nguyễn Ngọc Bích Tuyền Lương Thị Kiều Oanh"
PLACE_DATE = date_line("Lũng Cú", date(2025, 12, 30))
# The unit a movement report is headed and signed by (the fields movement_docs reads).
REPORT_UNIT = SimpleNamespace(
    name="Ủy ban nhân dân xã Lũng Cú",
    parent_body="",
    place_name="Lũng Cú",
    head_title="Chủ tịch",
    head_name="Sùng Mí Dũng",
    signature=(),
)

_NAMES = (
    "Nguyễn Văn Hùng",
    "Lò Thị Mỷ",
    "Sùng Mí Dũng",
    "Vàng Thị Dính",
    "Giàng Seo Phử",
    "Trần Đức Thắng",
    "Lý Thị Hương",
    "Ma Văn Quyết",
)
_POSITIONS = (
    "Chuyên viên Văn phòng HĐND và UBND",
    "Chủ tịch Hội Liên hiệp Phụ nữ xã",
    "Trưởng thôn Lô Lô Chải",
    "Kế toán",
)

COLUMNS = [
    b.Column("STT", 12, "center"),
    b.Column("Họ và tên", None, "left"),
    b.Column("Chức vụ, đơn vị công tác", 55, "left"),
    b.Column("Danh hiệu", 22, "center"),
    b.Column("Số tiền (đồng)", 25, "right"),
]


def award_rows(count: int) -> list[list[str]]:
    rows = []
    for i in range(count):
        name = LONG_NAME if i == 2 else f"{_NAMES[i % len(_NAMES)]} ({i + 1})"
        rows.append([str(i + 1), name, _POSITIONS[i % len(_POSITIONS)], "LĐTT", format_money(710_000)])
    return rows


def decision(rows: int = 20, *, landscape_list: bool = False) -> b.Document:
    total = 710_000 * rows
    return b.Document(
        title="Quyết định số 125/QĐ-UBND",
        author="Ủy ban nhân dân xã Lũng Cú",
        subject="Tặng danh hiệu Lao động tiên tiến năm 2025",
        blocks=[
            b.Header("", "Ủy ban nhân dân xã Lũng Cú", "125/QĐ-UBND", PLACE_DATE),
            b.Title("Quyết định", "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2025"),
            b.Paragraph("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ", align="center", bold=True, indent=False),
            b.Paragraph("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
            b.Paragraph("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
            b.Paragraph(
                "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
                "và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;"
            ),
            b.Paragraph(
                "Theo đề nghị của Hội đồng Thi đua - Khen thưởng xã tại Tờ trình số 12/TTr-HĐTĐKT "
                "ngày 25 tháng 12 năm 2025.",
                italic=True,
            ),
            b.Paragraph("QUYẾT ĐỊNH:", align="center", bold=True, indent=False, space_before_mm=2),
            b.Articles(
                [
                    f"Tặng danh hiệu “Lao động tiên tiến” năm 2025 cho {rows} cá nhân có tên trong danh sách kèm "
                    "theo, đã có thành tích hoàn thành tốt nhiệm vụ năm 2025.",
                    f"Mỗi cá nhân được tặng danh hiệu kèm theo mức tiền thưởng 710.000 đồng; tổng số tiền thưởng "
                    f"là {format_money(total)} đồng, chi từ Quỹ thi đua, khen thưởng của xã.",
                    "Chánh Văn phòng, Kế toán xã và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành "
                    "Quyết định này./.",
                ]
            ),
            b.Signature(
                ["KT. Chủ tịch", "Phó Chủ tịch"],  # LĐTT is the chair's own power: a deputy signs for him
                "Nguyễn Văn Hùng",
                left_lines=["Như Điều 3;", "Thường trực Đảng ủy xã;", "Lưu: VT, VP."],
            ),
            b.PageBreak("landscape" if landscape_list else None),
            b.Title(
                "Danh sách",
                "Cá nhân được tặng danh hiệu “Lao động tiên tiến” năm 2025",
                note="(Kèm theo Quyết định số 125/QĐ-UBND ngày 30/12/2025 của Chủ tịch UBND xã Lũng Cú)",
            ),
            b.Table(
                COLUMNS,
                award_rows(rows),
                totals_row=["Tổng cộng", "", "", "", format_money(total)],
            ),
            b.AmountInWords(amount_in_words(total)),
            b.Signatures(
                [b.Signer(["Người lập biểu"], "Lò Thị Mỷ"), b.Signer(["Chủ tịch"], "Nguyễn Văn Hùng")],
                date_line=PLACE_DATE,
            ),
        ],
    )
