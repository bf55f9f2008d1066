"""A history award the unit says it signed itself is checked against who conferred it on its decision date.

A commune's own CSTĐCS of 2020 is refused: the district chair conferred it then (Luật TĐKT 2003, Điều 77), and
only NĐ 129/2025 gave it to the commune chair. The same row signed by the district, or a commune CSTĐCS of
December 2025, goes in. The law is the database's own: a province that delegated it earlier is followed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.ops import rules
from desktop.ops.history_import import apply_history, preview_history
from tests.history_factory import add_people
from tests.ops.test_import_s43_history_checks import AWARD_HEADERS, _book

EARLY_DELEGATION = """
[pack]
id = "tq-s44"
name = "Quy định tỉnh thử (ủy quyền sớm)"
version = "2019.1"
valid_from = 2019-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[titles.CSTDCS.conferred_by]
ubnd_xa = { value = "unit", cite = "QĐ tỉnh thử (ủy quyền cho Chủ tịch UBND xã)", from = 2019-01-01 }
"""


def _rows(path: Path) -> Path:
    return _book(
        path,
        {
            "Khen thưởng": [
                AWARD_HEADERS,
                ["CB00001", None, 2020, "CSTĐCS", "21/QĐ-UBND", date(2020, 12, 20), "UBND xã Lũng Cú"],
                ["CB00002", None, 2020, "CSTĐCS", "310/QĐ-UBND", date(2020, 12, 22), "UBND huyện Đồng Văn"],
                ["CB00003", None, 2025, "CSTĐCS", "45/QĐ-UBND", date(2025, 12, 26), "Chủ tịch UBND xã Lũng Cú"],
                ["CB00004", None, 2020, "Giấy khen", "22/QĐ-UBND", date(2020, 12, 20), "UBND xã Lũng Cú"],
            ]
        },
    )


def test_an_own_cstdcs_of_2020_is_refused_naming_the_district_and_the_law(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)
    preview = preview_history(unit_store, _rows(tmp_path / "h.xlsx"))
    own_2020, district_2020, own_2025, giay_khen = preview.rows
    assert own_2020.status == "error" and own_2020.fields == ["issuer"]
    message = own_2020.problems[0]
    for part in ("20/12/2020", "Chủ tịch Ủy ban nhân dân cấp huyện quyết định", "Điều 77", "Cơ quan ban hành"):
        assert part in message, message
    assert [district_2020.status, own_2025.status, giay_khen.status] == ["new", "new", "new"]
    apply_history(unit_store, preview)
    stored = unit_store.query("SELECT decision_no FROM awards WHERE code = 'CSTDCS' ORDER BY decision_no")
    assert [r["decision_no"] for r in stored] == ["310/QĐ-UBND", "45/QĐ-UBND"]


def test_a_province_that_delegated_it_earlier_is_followed(unit_store, tmp_path: Path) -> None:
    add_people(unit_store)
    rules.save_override(unit_store, name="Ủy quyền sớm", toml_text=EARLY_DELEGATION, source="province")
    preview = preview_history(unit_store, _rows(tmp_path / "h.xlsx"))
    assert [row.status for row in preview.rows] == ["new", "new", "new", "new"]
