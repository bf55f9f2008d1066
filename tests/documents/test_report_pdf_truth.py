"""The yearly report's PDF says what the figures say (review H): awards of people with no gender recorded are a
row of their own and named in the sentence (it read "0,0% nữ (0/3)" beside Nữ 0, Nam 0 and a total of 3); two
long department names keep what tells them apart in the chart; a collective's rating code "HTXSNV" is whole."""

from __future__ import annotations

import re

from pypdf import PdfReader

from desktop.documents import movement_docs
from desktop.domain.movement_report import AwardFact, figures
from tests.documents.sample_docs import REPORT_UNIT

SCHOOL = "Trường Mầm non Hoa Ban thôn Lũng Cú - điểm trường"


def _award(department: str, gender: str = "") -> AwardFact:
    return AwardFact(
        code="LDTT", code_name="Lao động tiên tiến", category="title", target_kind="individual",
        department=department, gender=gender,
    )  # fmt: skip


def _lines(path) -> list[str]:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]


def test_the_report_names_awards_without_a_gender_and_tells_long_names_apart(tmp_path):
    data = figures(
        [_award(f"{SCHOOL} chính"), _award(f"{SCHOOL} chính"), _award(f"{SCHOOL} Séo Lủng"), _award("Văn phòng", "F")]
    )
    assert data["highlights"][1] == "25,0% nữ (1/4 lượt cá nhân), 3 lượt chưa ghi giới tính"
    data |= {
        "year": 2025,
        "movement_name": "",
        "collective_ratings": [
            {"name": "Văn phòng HĐND và UBND", "rating_label": "Hoàn thành xuất sắc nhiệm vụ", "rating": "HTXSNV",
             "members": 8},
        ],
    }  # fmt: skip
    lines = _lines(movement_docs.report_pdf(REPORT_UNIT, data, tmp_path / "bao-cao.pdf"))
    text = "\n".join(lines)
    row = lines.index("Chưa ghi giới tính")
    assert lines[row + 1] == "3"
    assert "25,0% nữ (1/4 lượt cá nhân), 3 lượt chưa ghi giới tính" in text
    chart = [line for line in lines if line.startswith("Trường Mầm non") and "…" in line]
    assert len(set(chart)) == len(chart) >= 2, chart  # each bar its own label
    assert any(line.endswith("chính") for line in chart) and any(line.endswith("Séo Lủng") for line in chart)
    assert "HTXSNV" in lines  # whole on its line (it broke as "HTXSN" / "V")
