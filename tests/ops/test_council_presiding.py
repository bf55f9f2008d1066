"""Someone present runs the meeting and takes its minutes: with the chair absent a deputy chair present presides and
signs the biên bản as Phó Chủ tịch Hội đồng; a meeting with no chair or deputy present, or with its secretary
absent, is refused. Before, a "secret ballot" with all five members absent passed a CSTĐCS on written opinions
alone, and the minutes named the absent chair as presiding and signing."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader

from desktop.ops import documents, review
from desktop.store import ValidationError
from tests.ops.test_council_truth import MEETING, demo, member, record, round_2025  # noqa: F401 (fixtures)


def _text(path) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


@pytest.mark.parametrize(
    ("absent", "words"),
    [
        ({"Sùng Mí Pháo", "Lò Văn Chứ", "Giàng Thị Mỷ", "Vàng Seo Dính", "Lý Thị Dung"}, "không có người chủ trì"),
        ({"Sùng Mí Pháo", "Lò Văn Chứ"}, "Chủ tịch Hội đồng Sùng Mí Pháo vắng mặt và không có Phó Chủ tịch"),
        ({"Vàng Seo Dính"}, "Thư ký Hội đồng Vàng Seo Dính vắng mặt"),
    ],
    ids=["nobody present", "chair and deputy absent", "secretary absent"],
)
def test_a_meeting_nobody_could_run_or_minute_is_refused(demo, round_2025, absent, words):  # noqa: F811
    members = [
        member(name, role, attended=name not in absent, opinion="Đồng ý" if name in absent else "")
        for name, role in (
            ("Sùng Mí Pháo", "chair"),
            ("Lò Văn Chứ", "deputy"),
            ("Giàng Thị Mỷ", "member"),
            ("Vàng Seo Dính", "secretary"),
            ("Lý Thị Dung", "member"),
        )
    ]
    with pytest.raises(ValidationError, match=words) as refused:
        record(demo, round_2025, members)
    assert refused.value.field == "members"
    assert demo.scalar("SELECT count(*) FROM councils WHERE round_id = ?", (round_2025,)) == 0


def test_with_the_chair_absent_the_deputy_presides_and_signs_the_minutes(demo, round_2025, tmp_path):  # noqa: F811
    members = [
        member("Sùng Mí Pháo", "chair", attended=False, opinion="Đồng ý với danh sách đề nghị"),
        member("Lò Văn Chứ", "deputy"),
        member("Giàng Thị Mỷ"),
        member("Vàng Seo Dính", "secretary"),
        member("Lý Thị Dung"),
    ]
    record(demo, round_2025, members)
    path = documents.render_document(demo, kind="minutes", round_id=round_2025, out=tmp_path / "bb.pdf")
    text = _text(path)
    assert "Chủ trì: Lò Văn Chứ, Phó Chủ tịch Hội đồng." in text
    assert "Thư ký: Vàng Seo Dính." in text
    signatures = text[text.index("Cuộc họp kết thúc") :]
    assert "THƯ KÝ Vàng Seo Dính PHÓ CHỦ TỊCH HỘI ĐỒNG Lò Văn Chứ" in signatures
    assert "Sùng Mí Pháo" not in signatures  # absent: he neither ran the meeting nor signs
    assert review.minutes_doc(demo, round_id=round_2025).chair_title == "Phó Chủ tịch Hội đồng"
