"""A small commune whose two departments go the whole way to a collective title in 2025, rated by the clerk.

"Phòng Kinh tế" (3 of 4 members LĐTT, rated HTTNV by the clerk) is a TTLĐTT: since 1/7/2025 the commune chair
decides it. "Văn phòng HĐND và UBND" (rated HTXSNV, everyone completes tasks, 4 of 5 LĐTT, one CSTĐCS candidate)
is proposed for TTLĐXS, which the province decides: it goes up in the dossier. No demo data: the people and their
ratings come from real .xlsx files (CLI, window) or the ops functions, the collectives' ratings from the clerk.

A collective's TTLĐTT (Luật TĐKT 2022, Điều 28) and TTLĐXS (Điều 27) rest on the share of its members who hold
LĐTT of the year: the members' LĐTT is decided before the title, or in the same decision (:func:`members_ldtt`,
:func:`decide_members_ldtt`, for this commune and the demo's alike).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop.store import Store

YEAR = 2025
DECISION_DAY = date(2025, 12, 26)  # after 1/7/2025: the commune chair confers TTLĐTT (NĐ 129/2025)
ECONOMY = "Phòng Kinh tế"
OFFICE = "Văn phòng HĐND và UBND"
# TTLĐTT 0,8 × 2.340.000 = 1.872.000 → rounded up to 1.880.000 đồng (NĐ 152/2025, Điều 49–50).
TTLDTT_AMOUNT = 1_880_000
CSTDCS_PERSON = "Nguyễn Thị Mai"

# (name, gender, birth, department, position, rating of YEAR)
PEOPLE: list[tuple[str, str, str, str, str, str]] = [
    ("Hoàng Văn Long", "Nam", "12/05/1980", ECONOMY, "Trưởng phòng", "HTTNV"),
    ("Lý Thị Hoa", "Nữ", "08/03/1988", ECONOMY, "Chuyên viên", "HTTNV"),
    ("Thào Mí Chứ", "Nam", "20/11/1990", ECONOMY, "Chuyên viên", "HTTNV"),
    ("Vàng Seo Pháo", "Nam", "01/02/1992", ECONOMY, "Cán sự", "HTNV"),
    (CSTDCS_PERSON, "Nữ", "15/06/1985", OFFICE, "Chánh Văn phòng", "HTXSNV"),
    ("Trần Văn Sơn", "Nam", "02/09/1979", OFFICE, "Chuyên viên", "HTTNV"),
    ("Đỗ Thị Lan", "Nữ", "30/04/1991", OFFICE, "Văn thư", "HTTNV"),
    ("Bùi Văn Dũng", "Nam", "10/10/1983", OFFICE, "Kế toán", "HTTNV"),
    ("Lò Thị Dở", "Nữ", "05/05/1995", OFFICE, "Chuyên viên", "HTNV"),
]
COUNCIL = [
    ("Sùng Mí Pháo", "chair"),
    ("Lò Văn Chứ", "deputy"),
    ("Hoàng Thị Mai", "member"),
    ("Giàng Seo Dũng", "member"),
    ("Vàng Thị Dở", "secretary"),
]


def staff_xlsx(path: Path) -> Path:
    """The staff list as the clerk keeps it (imported with `tdkt staff import` or the Staff page)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Phòng ban", "Ngày vào"])
    for index, (name, gender, birth, department, position, _rating) in enumerate(PEOPLE, start=1):
        sheet.append([index, name, gender, birth, position, department, "01/01/2015"])
    book.save(path)
    return path


def ratings_xlsx(path: Path) -> Path:
    """The people's 2025 ratings (history workbook, sheet "Xếp loại"); the collectives are rated by the clerk."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xếp loại"
    sheet.append(["Họ và tên", "Ngày sinh", "Năm", "Xếp loại"])
    for name, _gender, birth, _department, _position, rating in PEOPLE:
        sheet.append([name, birth, YEAR, rating])
    book.save(path)
    return path


def add_people(store: Store) -> dict[str, int]:
    """The same people and ratings through the ops functions the window uses: name -> staff id."""
    from desktop.domain.staff import StaffDraft
    from desktop.ops import staff

    ids: dict[str, int] = {}
    for name, gender, birth, department, position, rating in PEOPLE:
        day, month, year = (int(part) for part in birth.split("/"))
        draft = StaffDraft(
            full_name=name,
            gender="F" if gender == "Nữ" else "M",
            birth_date=date(year, month, day),
            department=department,
            position=position,
            start_date=date(2015, 1, 1),
        )
        ids[name] = staff.add_staff(store, draft=draft)
        staff.set_rating(store, staff_id=ids[name], year=YEAR, rating=rating)
    return ids


def members_ldtt(store: Store, round_id: int, department_id: int) -> list[int]:
    """The round's LĐTT nominations waiting for a decision of the people in ``department_id``: what its TTLĐTT or
    TTLĐXS rests on, decided before it or in the same decision."""
    return [
        int(row["id"])
        for row in store.query(
            "SELECT n.id FROM nominations n JOIN staff s ON s.id = n.staff_id WHERE n.round_id = ? AND n.code = 'LDTT' "
            "AND n.target_kind = 'individual' AND n.status IN ('proposed', 'passed') AND s.department_id = ? "
            "ORDER BY n.id",
            (round_id, department_id),
        )
    ]


def decide_members_ldtt(store: Store, round_id: int, department_id: int, day: date) -> int:
    """The commune's decision of ``day`` giving LĐTT to the members of ``department_id`` the round proposes for it;
    returns the decision id."""
    from desktop.ops import review

    ids = members_ldtt(store, round_id, department_id)
    year = store.scalar("SELECT year FROM review_rounds WHERE id = ?", (round_id,))
    assert ids, f"no LĐTT nomination waits for the members of department {department_id}"
    return review.issue_decision(
        store,
        round_id=round_id,
        decision_date=day,
        nomination_ids=ids,
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
        subject=f"Về việc tặng danh hiệu Lao động tiên tiến năm {year}",
    )
