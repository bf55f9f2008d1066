"""The staff table sorted by the "Chức vụ" column (queries.STAFF_ORDERS["position"]) orders positions by their
UTF-8 bytes, not the Vietnamese alphabet: every position starting with Đ, Ư, Ơ or a marked capital (Ủy viên,
Đội trưởng) lands after Z. Names and departments use the Vietnamese keys (sort_key / plain_sort_key)."""

from __future__ import annotations

from datetime import date

from desktop.domain.staff import StaffDraft
from desktop.ops import queries, staff


def test_positions_sort_in_vietnamese_order(unit_store):
    for name, position in (
        ("Lò Văn Một", "Văn phòng - Thống kê"),
        ("Lò Văn Hai", "Địa chính - Xây dựng"),
        ("Lò Văn Ba", "Công an xã"),
        ("Lò Văn Bốn", "Ủy viên"),
    ):
        staff.add_staff(unit_store, draft=StaffDraft(full_name=name, birth_date=date(1985, 2, 3), position=position))
    ids, _keys = queries.staff_ids(unit_store, order="position")
    positions = [unit_store.scalar("SELECT position FROM staff WHERE id = ?", (i,)) for i in ids]
    assert positions == ["Công an xã", "Địa chính - Xây dựng", "Ủy viên", "Văn phòng - Thống kê"]


def test_blank_positions_come_last_and_names_order_each_position(unit_store):
    for name, position in (("Lò Văn Bốn", ""), ("Lò Văn Ba", "Ủy viên"), ("Lò Văn An", "Ủy viên"), ("Lò Thị Ba", "")):
        staff.add_staff(unit_store, draft=StaffDraft(full_name=name, birth_date=date(1985, 2, 3), position=position))
    ids, keys = queries.staff_ids(unit_store, order="position")
    names = [unit_store.scalar("SELECT full_name FROM staff WHERE id = ?", (i,)) for i in ids]
    assert names == ["Lò Văn An", "Lò Văn Ba", "Lò Thị Ba", "Lò Văn Bốn"]
    assert len(keys) == len(ids)
