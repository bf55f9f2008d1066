"""A name misspelt on a decision and corrected in the staff record afterwards reaches the replacing decision and its
certificates when the clerk asks: `decision replace --names-from-records` or `--name N=NAME`, or the window's tick
(on by default, naming each change). Before, neither the command line nor the window could pass a corrected name,
so the replacement — and its certificates — printed the old spelling again. A fix for a line the replacement does
not have is refused, not ignored."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.cli import main
from desktop.ops import review
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY

RIGHT = "Đỗ Thị Hồng Anh"


@pytest.fixture
def misspelt(store):
    """A decision of 20/12/2025 for two LĐTT; the first person's name corrected in the staff record afterwards."""
    from desktop.ops.demo import fill_demo

    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=date(2025, 12, 10))
    ldtt = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:2]
    decision_id = review.issue_decision(
        store, round_id=round_id, decision_date=date(2025, 12, 20), signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo", subject="Về việc khen thưởng", nomination_ids=ldtt,
    )  # fmt: skip
    first = review.get_decision(store, decision_id=decision_id)["awardees"][0]
    store.update("staff", first["staff_id"], {"full_name": RIGHT})
    return store, decision_id, first


def test_the_changed_names_are_listed_and_a_replacement_prints_them_when_asked(misspelt):
    store, decision_id, first = misspelt
    assert review.names_changed_since(store, decision_id=decision_id) == {
        first["register_no"]: {"printed": first["snapshot_name"], "record": RIGHT}
    }
    with pytest.raises(ValidationError, match="không có dòng số 9"):
        review.replace_decision(
            store, decision_id=decision_id, reason="Sửa tên", decision_date=date(2025, 12, 22),
            changes={"awardees": {9: {"snapshot_name": RIGHT}}},
        )  # fmt: skip
    assert review.get_decision(store, decision_id=decision_id)["status"] == "issued"  # nothing written


def test_the_command_line_replaces_with_the_corrected_name(misspelt, db_path, capsys):
    store, decision_id, first = misspelt
    number = review.get_decision(store, decision_id=decision_id)["number_text"]
    args = ["--db", str(db_path), "decision", "replace", number, "--year", "2025", "--reason", "Sửa tên ghi nhầm"]
    code = main([*args, "--date", "2025-12-22", "--names-from-records", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = {a["register_no"]: a["name"] for a in json.loads(out)["awardees"]}
    assert RIGHT in lines.values() and first["snapshot_name"] not in lines.values()
    second = json.loads(out)["number_text"]
    code = main(["--db", str(db_path), "decision", "replace", second, "--year", "2025", "--reason", "Sửa tên lần 2",
                 "--date", "2025-12-23", "--name", "1=Nguyễn  Văn\u200b Ba", "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    third = json.loads(out)["number_text"]
    names = [a["name"] for a in json.loads(out)["awardees"]]
    assert "Nguyễn Văn Ba" in names and RIGHT not in names  # line 1 of the decision replaced; cleaned like any text
    assert main([*args[:4], third, *args[5:], "--date", "2025-12-24", "--name", "Ba"]) != 0
    assert "SỐ_SỔ_VÀNG=HỌ TÊN" in capsys.readouterr().err


def test_the_window_offers_the_corrected_name(misspelt, qapp, qtbot, monkeypatch):
    from desktop.ui.context import AppContext
    from desktop.ui.review import decisions_page

    store, decision_id, first = misspelt
    monkeypatch.setattr(decisions_page, "ask_confirm", lambda *_a: True)
    dialog = decisions_page.CorrectionDialog(
        AppContext(store, actor="thu_ky"), review.get_decision(store, decision_id=decision_id)
    )
    qtbot.addWidget(dialog)
    assert dialog.use_records is not None and dialog.use_records.isChecked()
    assert f"{first['snapshot_name']} → {RIGHT}" in " ".join(
        label.text() for label in dialog.findChildren(decisions_page.QLabel)
    )
    dialog.reason.setText("Sửa tên ghi nhầm")
    dialog.decision_date.setText("22/12/2025")
    new_id = dialog.correct()
    assert new_id is not None, dialog.error.text()
    names = [a["snapshot_name"] for a in review.get_decision(store, decision_id=new_id)["awardees"]]
    assert RIGHT in names and first["snapshot_name"] not in names


def test_names_from_records_skip_a_line_the_replacement_drops(misspelt, db_path, capsys):
    store, decision_id, first = misspelt
    number = review.get_decision(store, decision_id=decision_id)["number_text"]
    code = main(["--db", str(db_path), "decision", "replace", number, "--year", "2025", "--reason", "Bỏ một dòng",
                 "--date", "2025-12-22", "--names-from-records", "--remove-register-no", str(first["register_no"]),
                 "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    names = [a["name"] for a in json.loads(out)["awardees"]]
    assert len(names) == 1 and first["snapshot_name"] not in names and RIGHT not in names
