"""Biên bản họp Hội đồng Thi đua - Khen thưởng: who attended, absentees' written opinions, the ballot table."""

from __future__ import annotations

from desktop.documents import blocks as b
from desktop.documents.numbers import date_line, date_text, format_percent
from desktop.documents.review_data import MinutesDoc, UnitHeader
from desktop.documents.review_docs.common import (
    _NUMBER_GAP,
    BLANK,
    LONG_BLANK,
    _is_peoples_committee,
    _level,
    unit_document,
)


def _council_name(unit: UnitHeader) -> str:
    council = "Hội đồng Thi đua - Khen thưởng"
    return f"{council} {_level(unit)}" if _is_peoples_committee(unit) else council


_BALLOT_COLUMNS = (  # set in 10 pt: nine columns on a portrait page
    b.Column("STT", 11, "center"),
    b.Column("Họ và tên", None, "left"),
    b.Column("Danh hiệu đề nghị", 24, "left"),
    b.Column("Tổng số thành viên", 14, "center"),
    b.Column("Tại cuộc họp: đồng ý / không đồng ý / không hợp lệ", 22, "center"),
    b.Column("Bằng văn bản (vắng mặt): đồng ý / không đồng ý", 21, "center"),
    b.Column("Số đồng ý được tính", 14, "center"),
    b.Column("Tỷ lệ đồng ý / tổng số thành viên", 16, "center"),
    b.Column("Kết quả", 14, "center"),
)


def build_minutes(doc: MinutesDoc) -> b.Document:
    """Biên bản: time and place, attendance with absentees' written opinions, the ballot table and its arithmetic."""
    unit = doc.unit
    council = _council_name(unit)
    # The council issues its own minutes: the unit is its governing body in the header.
    header = b.Header(
        unit.name,
        "Hội đồng Thi đua - Khen thưởng",
        f"Số:{_NUMBER_GAP}/BB-HĐTĐKT",
        date_line(unit.place_name, doc.meeting_date),
    )
    members = list(doc.members)
    present = [m for m in members if m.attended]
    absent = [m for m in members if not m.attended]
    blocks: list[b.Block] = [
        header,
        b.Title("Biên bản", f"Họp {council} xét tặng danh hiệu thi đua và hình thức khen thưởng năm {doc.year}"),
        b.Paragraph(
            f"Vào hồi {BLANK} giờ {BLANK} phút, {date_text(doc.meeting_date)}, tại {doc.location or LONG_BLANK}, "
            f"{council} tổ chức họp xét tặng danh hiệu thi đua và hình thức khen thưởng năm {doc.year}."
        ),
        b.Paragraph("I. THÀNH PHẦN", bold=True, indent=False),
        b.Paragraph(
            f"Tổng số thành viên Hội đồng: {len(members)} người. Có mặt: {len(present)}/{len(members)} thành viên; "
            f"vắng mặt: {len(absent)} thành viên."
        ),
        b.Paragraph(f"Chủ trì: {doc.chair_name or LONG_BLANK}, {doc.chair_title}."),
        b.Paragraph(f"Thư ký: {doc.secretary_name or LONG_BLANK}."),
    ]
    if members:
        blocks.append(
            b.Table(
                [
                    b.Column("STT", 12, "center"),
                    b.Column("Họ và tên", None, "left"),
                    b.Column("Chức danh trong Hội đồng", 55, "left"),
                    b.Column("Tham dự", 28, "center"),
                ],
                [
                    [str(i), m.name, m.role, "Có mặt" if m.attended else "Vắng mặt"]
                    for i, m in enumerate(members, start=1)
                ],
            )
        )
    if absent:
        blocks.append(b.Paragraph("Ý kiến bằng văn bản của thành viên vắng mặt:"))
        for m in absent:
            opinion = f"“{m.written_opinion.strip()}”" if m.written_opinion.strip() else "không có ý kiến bằng văn bản"
            blocks.append(b.Paragraph(f"- {m.name} ({m.role}): {opinion}."))
    blocks += [
        b.Paragraph("II. NỘI DUNG", bold=True, indent=False, space_before_mm=2),
        b.Paragraph(
            "Hội đồng đã nghe báo cáo kết quả bình xét và danh sách đề nghị khen thưởng, thảo luận và bỏ phiếu kín "
            "đối với các danh hiệu phải bỏ phiếu. Tỷ lệ phiếu đồng ý được tính trên tổng số thành viên Hội đồng "
            "(kể cả thành viên vắng mặt), không tính trên số thành viên có mặt."
        ),
    ]
    ballots = list(doc.ballots)
    if ballots:
        blocks.append(b.Paragraph("Kết quả bỏ phiếu kín:", bold=True))
        rows = [
            [
                str(line.order),
                line.name,
                line.code_name,
                str(line.members_total),
                f"{line.agree} / {line.disagree} / {line.invalid}",
                f"{line.written_agree} / {line.written_disagree}",
                str(line.counted),
                format_percent(line.counted / line.members_total) if line.members_total else "",
                "Đạt" if line.passed else "Không đạt",
            ]
            for line in ballots
        ]
        blocks.append(b.Table(_BALLOT_COLUMNS, rows, font_size=10))
        blocks.append(b.Paragraph("Cách tính:", bold=True))
        blocks.extend(
            b.Paragraph(f"- {line.name} ({line.code_name}): {line.arithmetic.rstrip('.')}.") for line in ballots
        )
        passed = [line for line in ballots if line.passed]
        failed = [line for line in ballots if not line.passed]
        summary = f"Kết quả: {len(passed)}/{len(ballots)} trường hợp đạt tỷ lệ phiếu đồng ý theo quy định"
        if failed:
            summary += "; không đạt: " + ", ".join(f"{line.name} ({line.code_name})" for line in failed)
        blocks.append(b.Paragraph(summary + "."))
    else:
        blocks.append(b.Paragraph("Không có trường hợp nào phải bỏ phiếu kín.", italic=True))
    if doc.notes.strip():
        blocks.append(b.Paragraph(doc.notes.strip()))
    blocks += [
        b.Paragraph(
            f"Cuộc họp kết thúc vào hồi {BLANK} giờ {BLANK} phút cùng ngày. Biên bản đã được thông qua "
            "trước Hội đồng và các thành viên dự họp nhất trí./."
        ),
        b.Signatures(
            [b.Signer(["Thư ký"], doc.secretary_name), b.Signer([doc.chair_title], doc.chair_name)],
        ),
    ]
    return unit_document(
        blocks,
        unit,
        title=f"Biên bản họp {council} năm {doc.year}",
        subject=f"Xét tặng danh hiệu thi đua và hình thức khen thưởng năm {doc.year}",
    )
