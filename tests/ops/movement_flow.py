"""A unit with 8 departments and a movement ready to score: shared by the ops, CLI and window tests."""

from __future__ import annotations

from datetime import date

from desktop.domain.staff import StaffDraft
from desktop.store import Store, staff_repo, unit_repo

DEPARTMENTS = [
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Văn phòng HĐND và UBND",
    "Trung tâm Phục vụ hành chính công",
    "Ban Chỉ huy Quân sự xã",
    "Công an xã",
    "Trạm Y tế xã",
    "Hội Liên hiệp Phụ nữ xã",
]
# points on [Nhiệm vụ (mandatory, max 50), Cải cách (max 30, weight 1.5), Sáng kiến (bonus 5), Vi phạm (penalty 10)]
# totals: 94, 86, 86 (tie), 80, 77, 70, 66, and 0 on the mandatory criterion for the last → ranked last.
POINTS = [
    [48, 28, 4, 0],  # 48 + 42 + 4 = 94
    [44, 26, 3, 0],  # 44 + 39 + 3 = 86
    [46, 26, 1, 0],  # 46 + 39 + 1 = 86
    [40, 24, 4, 0],  # 40 + 36 + 4 = 80
    [41, 24, 0, 0],  # 77
    [35, 24, 1, 2],  # 35 + 36 + 1 - 2 = 70
    [30, 24, 0, 0],  # 66
    [0, 30, 5, 0],  # 50 but failed the mandatory criterion
]


def setup_unit(store: Store) -> dict[str, int]:
    ids: dict[str, int] = {}
    with store.transaction(operation="test.setup"):
        for name in DEPARTMENTS:
            ids[name] = int(unit_repo.get_or_create_department(store, name) or 0)
        for index, (full_name, gender) in enumerate([("Nguyễn Văn Sơn", "M"), ("Lò Thị Mỷ", "F")]):
            staff_repo.insert_staff(
                store,
                StaffDraft(
                    full_name=full_name,
                    gender=gender,
                    birth_date=date(1985, 3, 1 + index),
                    ethnic_code="01",
                    position="Chuyên viên",
                    department=DEPARTMENTS[index],
                    start_date=date(2015, 1, 1),
                ),
            )
    return ids
