"""``tdkt collective rename``: the command line renames a collective from a day (``--from``) or corrects a misspelt
name (``--correction``), as the Unit page does (schema v15)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.ops import review
from desktop.store import open_store
from tests.demo_date import DEMO_TODAY_TEXT

ECONOMY = "Phòng Kinh tế"
NEW_NAME = "Phòng Kinh tế - Hạ tầng - Đô thị"
OFFICE = "Văn phòng HĐND và UBND"
NEW_OFFICE = "Văn phòng Đảng ủy - HĐND - UBND"


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", str(db_path), *args])
        except SystemExit as exc:  # argparse: the command line itself is wrong
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, err = run("demo", "--today", DEMO_TODAY_TEXT)
    assert code == 0, err
    return run


def test_rename_from_a_day_keeps_the_old_name_before_it(tdkt, db_path):
    rename = (
        "collective",
        "rename",
        "--department",
        "van phong hdnd va ubnd",
        "--name",
        NEW_OFFICE,
        "--from",
        "01/07/2025",
    )
    code, out, err = tdkt(*rename, "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["department"]["name"] == NEW_OFFICE and answer["previous_name"] == OFFICE
    assert answer["names"] == [
        {"name": OFFICE, "valid_from": None, "valid_to": "2025-06-30"},
        {"name": NEW_OFFICE, "valid_from": "2025-07-01", "valid_to": None},
    ]
    with open_store(db_path) as store:
        entries = review.register_entries(store, department_id=int(answer["department"]["id"]))
        earlier = [e for e in entries if e["decision_date"] and e["decision_date"] < "2025-07-01"]
        assert earlier and {e["name"] for e in earlier} == {OFFICE}  # the demo's awards of the years before
        assert (
            store.scalar(
                "SELECT operation FROM audit_log WHERE table_name = 'department_names' ORDER BY id DESC LIMIT 1"
            )
            == "department.rename"
        )


def test_text_output_a_refused_day_and_a_correction(tdkt):
    code, out, err = tdkt("collective", "rename", "--department", ECONOMY, "--name", NEW_NAME, "--from", "2025-07-01")
    assert code == 0, err
    assert out.strip() == f"Đã đổi tên “{ECONOMY}” thành “{NEW_NAME}” từ ngày 01/07/2025."

    code, out, err = tdkt(
        "collective", "rename", "--department", NEW_NAME, "--name", "Phòng KT", "--from", "30/06/2025"
    )
    assert code == 1 and out == ""
    assert f"Tên “{NEW_NAME}” dùng từ ngày 01/07/2025" in err

    code, out, err = tdkt("collective", "rename", "--department", NEW_NAME, "--name", "Phòng KT-HT-ĐT", "--correction")
    assert code == 0, err
    assert out.strip() == f"Đã sửa tên “{NEW_NAME}” thành “Phòng KT-HT-ĐT” (cho cả thời gian trước)."

    code, _out, err = tdkt(
        "collective", "rename", "--department", "Phòng KT-HT-ĐT", "--name", "X", "--from", "1/13/2025"
    )
    assert code == 1 and "1/13/2025" in err
