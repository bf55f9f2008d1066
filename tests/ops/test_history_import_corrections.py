"""A history workbook imported again after the clerk corrected it: a discipline that was being considered has been
decided, a leave ended early, an initiative was recognised at a higher level. Those rows named a stored record and
were reported "đã có" and skipped, so the pending discipline stayed pending (and kept its holder from every title).
They now update the stored record, in the import's one transaction, and say what they change."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from desktop.ops.history_import import apply_history, preview_history
from desktop.store import awards_repo, staff_repo
from tests.history_factory import add_people

BASE = ["Mã CB", "Họ và tên", "Ngày sinh"]
DISCIPLINE = [*BASE, "Hình thức", "Từ ngày", "Đến ngày", "Lý do", "Số quyết định", "Đang xem xét"]
LEAVE = [*BASE, "Loại nghỉ", "Từ ngày", "Đến ngày", "Ghi chú"]
INITIATIVES = [*BASE, "Tên sáng kiến", "Cấp công nhận", "Ngày công nhận", "Số quyết định"]


def _book(path: Path, sheets: dict[str, tuple[list[str], list[list[object]]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, (headers, rows) in sheets.items():
        sheet = book.create_sheet(title)
        for row in [headers, *rows]:
            sheet.append(row)
    book.save(path)
    return path


def _import(store, path: Path):
    preview = preview_history(store, path)
    return preview, apply_history(store, preview)


def _states(preview, kind: str) -> list[tuple[str, str]]:
    sheet = preview.sheet(kind)
    assert sheet is not None
    return [(row.status, row.what) for row in sheet.rows]


def test_a_pending_discipline_gets_its_decision(unit_store, tmp_path: Path) -> None:
    ids = add_people(unit_store)
    pending = ["CB00003", None, None, "Cảnh cáo", None, None, "Đang xác minh", None, "x"]
    _import(unit_store, _book(tmp_path / "v1.xlsx", {"Kỷ luật": (DISCIPLINE, [pending])}))
    [stored] = staff_repo.discipline_for(unit_store, ids["CB00003"])
    assert (stored["pending"], stored["start_date"]) == (1, None)

    decided = ["CB00003", None, None, "Cảnh cáo", "15/04/2025", "14/04/2026", "Vi phạm quy chế", "21/QĐ-UBND", None]
    path = _book(tmp_path / "v2.xlsx", {"Kỷ luật": (DISCIPLINE, [decided])})
    preview, written = _import(unit_store, path)

    [(status, what)] = _states(preview, "discipline")
    assert status == "update"
    assert "Từ ngày: (trống) → 15/04/2025" in what and "Đang xem xét: đang xem xét → đã quyết định" in what
    assert "Số quyết định: (trống) → 21/QĐ-UBND" in what
    assert written == {"inserted": 0, "updated": 1}
    [after] = staff_repo.discipline_for(unit_store, ids["CB00003"])
    assert after["id"] == stored["id"]
    assert (after["pending"], after["start_date"], after["end_date"]) == (0, "2025-04-15", "2026-04-14")
    assert (after["reason"], after["decision_no"]) == ("Vi phạm quy chế", "21/QĐ-UBND")
    audit = unit_store.query("SELECT action, table_name FROM audit_log WHERE table_name = 'discipline'")
    assert [a["action"] for a in audit][-1] == "update"

    again, written = _import(unit_store, path)  # the same file once more: nothing left to change
    assert [s for s, _w in _states(again, "discipline")] == ["unchanged"]
    assert written == {"inserted": 0, "updated": 0}
    assert len(staff_repo.discipline_for(unit_store, ids["CB00003"])) == 1


def test_a_leave_and_an_initiative_are_corrected(unit_store, tmp_path: Path) -> None:
    ids = add_people(unit_store)
    first = {
        "Nghỉ dài ngày": (LEAVE, [["CB00002", None, None, "Thai sản", "01/02/2025", "31/07/2025", "Sinh con thứ hai"]]),
        "Sáng kiến": (INITIATIVES, [["CB00001", None, None, "Số hóa hồ sơ", "Cơ sở", "15/11/2024", "45/QĐ"]]),
    }
    _import(unit_store, _book(tmp_path / "v1.xlsx", first))
    # the leave ended early; the initiative was then recognised by the province; the notes column is gone
    second = {
        "Nghỉ dài ngày": (LEAVE[:-1], [["CB00002", None, None, "Thai sản", "01/02/2025", "30/06/2025"]]),
        "Sáng kiến": (INITIATIVES, [["CB00001", None, None, "SỐ HÓA HỒ SƠ", "Cấp tỉnh", "20/03/2025", "8/QĐ-UBND"]]),
    }
    preview, written = _import(unit_store, _book(tmp_path / "v2.xlsx", second))
    assert written == {"inserted": 0, "updated": 2}
    [(status, what)] = _states(preview, "leave")
    assert status == "update" and "Đến ngày: 31/07/2025 → 30/06/2025" in what
    [(status, what)] = _states(preview, "initiatives")
    assert status == "update" and "Cấp công nhận: Cấp cơ sở → Cấp tỉnh" in what
    [leave] = staff_repo.leave_for(unit_store, ids["CB00002"])
    assert (leave["end_date"], leave["notes"]) == ("2025-06-30", "Sinh con thứ hai")  # no column: notes kept
    [initiative] = staff_repo.initiatives_for(unit_store, ids["CB00001"])
    assert (initiative["title"], initiative["level"]) == ("Số hóa hồ sơ", "tinh")
    assert (initiative["recognized_on"], initiative["decision_no"]) == ("2025-03-20", "8/QĐ-UBND")


def test_the_correction_is_checked_again_when_written(unit_store, tmp_path: Path) -> None:
    """A preview minutes old: another window corrected the record meanwhile, or deleted it."""
    ids = add_people(unit_store)
    leave = ["CB00002", None, None, "Thai sản", "01/02/2025", "31/07/2025", ""]
    _import(unit_store, _book(tmp_path / "v1.xlsx", {"Nghỉ dài ngày": (LEAVE, [leave])}))
    corrected = _book(tmp_path / "v2.xlsx", {"Nghỉ dài ngày": (LEAVE, [[*leave[:5], "30/06/2025", ""]])})

    first, second = preview_history(unit_store, corrected), preview_history(unit_store, corrected)
    assert apply_history(unit_store, first) == {"inserted": 0, "updated": 1}
    assert apply_history(unit_store, second) == {"inserted": 0, "updated": 0}  # already done: unchanged
    assert _states(second, "leave")[0][0] == "unchanged"

    third = preview_history(unit_store, _book(tmp_path / "v3.xlsx", {"Nghỉ dài ngày": (LEAVE, [leave])}))
    [stored] = staff_repo.leave_for(unit_store, ids["CB00002"])
    with unit_store.transaction(operation="test.delete"):
        staff_repo.delete_record(unit_store, "leave_periods", stored["id"])
    assert apply_history(unit_store, third) == {"inserted": 1, "updated": 0}  # deleted since: added again
    [back] = staff_repo.leave_for(unit_store, ids["CB00002"])
    assert back["end_date"] == "2025-07-31"


def test_two_rows_do_not_correct_one_pending_discipline(unit_store, tmp_path: Path) -> None:
    ids = add_people(unit_store)
    pending = ["CB00003", None, None, "Cảnh cáo", None, None, "", None, "x"]
    _import(unit_store, _book(tmp_path / "v1.xlsx", {"Kỷ luật": (DISCIPLINE, [pending])}))
    rows = [
        ["CB00003", None, None, "Cảnh cáo", "15/04/2025", None, "", "21/QĐ", None],
        ["CB00003", None, None, "Cảnh cáo", "01/09/2025", None, "", "30/QĐ", None],
    ]
    preview, written = _import(unit_store, _book(tmp_path / "v2.xlsx", {"Kỷ luật": (DISCIPLINE, rows)}))
    assert [s for s, _w in _states(preview, "discipline")] == ["update", "new"]
    assert written == {"inserted": 1, "updated": 1}
    stored = staff_repo.discipline_for(unit_store, ids["CB00003"])
    assert sorted((d["start_date"], d["pending"]) for d in stored) == [("2025-04-15", 0), ("2025-09-01", 0)]


def test_an_initiative_an_award_rests_on_is_not_rewritten(unit_store, tmp_path: Path) -> None:
    """A CSTĐCS was decided on the initiative as recorded: the file may not move its date or level under it."""
    ids = add_people(unit_store)
    row = ["CB00001", None, None, "Số hóa hồ sơ", "Cơ sở", "15/11/2024", "45/QĐ"]
    _import(unit_store, _book(tmp_path / "v1.xlsx", {"Sáng kiến": (INITIATIVES, [row])}))
    [initiative] = staff_repo.initiatives_for(unit_store, ids["CB00001"])
    with unit_store.transaction(operation="test.award"):
        awards_repo.add_award(
            unit_store,
            target_kind="individual",
            staff_id=ids["CB00001"],
            year=2024,
            code="CSTDCS",
            category="title",
            initiative_id=initiative["id"],
        )
    moved = [*row[:5], "15/01/2025", "45/QĐ"]
    preview, written = _import(unit_store, _book(tmp_path / "v2.xlsx", {"Sáng kiến": (INITIATIVES, [moved])}))
    sheet = preview.sheet("initiatives")
    assert sheet is not None
    [checked] = sheet.rows
    assert checked.status == "error"
    assert checked.problems == [
        "Ngày công nhận: sáng kiến này đã dùng làm căn cứ cho Chiến sĩ thi đua cơ sở năm 2024; không sửa được qua "
        "nhập tệp. Nếu ghi sai, hãy sửa quyết định khen thưởng đó trước."
    ]
    assert written == {"inserted": 0, "updated": 0}
    assert staff_repo.initiatives_for(unit_store, ids["CB00001"])[0]["recognized_on"] == "2024-11-15"


def test_an_award_decided_on_the_initiative_after_the_preview_stops_the_correction(unit_store, tmp_path: Path) -> None:
    ids = add_people(unit_store)
    row = ["CB00001", None, None, "Số hóa hồ sơ", "Cơ sở", "15/11/2024", "45/QĐ"]
    _import(unit_store, _book(tmp_path / "v1.xlsx", {"Sáng kiến": (INITIATIVES, [row])}))
    preview = preview_history(
        unit_store, _book(tmp_path / "v2.xlsx", {"Sáng kiến": (INITIATIVES, [[*row[:5], "15/01/2025", "45/QĐ"]])})
    )
    assert _states(preview, "initiatives")[0][0] == "update"
    [initiative] = staff_repo.initiatives_for(unit_store, ids["CB00001"])
    with unit_store.transaction(operation="test.award"):  # another window decides the CSTĐCS meanwhile
        awards_repo.add_award(
            unit_store, target_kind="individual", staff_id=ids["CB00001"], year=2024, code="CSTDCS",
            category="title", initiative_id=initiative["id"],
        )  # fmt: skip
    assert apply_history(unit_store, preview) == {"inserted": 0, "updated": 0}
    assert _states(preview, "initiatives")[0][0] == "error"
    assert staff_repo.initiatives_for(unit_store, ids["CB00001"])[0]["recognized_on"] == "2024-11-15"
