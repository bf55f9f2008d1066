"""Fast fake staff for the staff page tests and the benchmark: one transaction, executemany."""

from __future__ import annotations

import random
from datetime import date, timedelta

from desktop.domain.text import fold, sort_key
from desktop.store import Store, new_uuid, now_iso

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
          "Ngô", "Dương", "Lý", "Giàng", "Sùng", "Vàng", "Lò", "Hà", "Triệu", "Ma", "Đinh"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Hữu", "Xuân", "Thu", "Hồng", "Mạnh", "Bảo",
          "Anh", "Kim", "Trọng", "Seo", "Mí", "Thành", "Diệu"]  # fmt: skip
GIVEN = ["An", "Anh", "Ánh", "Bình", "Chi", "Cường", "Dũng", "Dung", "Đạt", "Giang", "Hà", "Hải", "Hạnh",
         "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc",
         "Nhung", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Vinh",
         "Xuân", "Yến", "Ơn", "Ước"]  # fmt: skip
DEPARTMENTS = ["Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công",
               "Đảng ủy", "Ủy ban MTTQ", "Đoàn Thanh niên", "Hội Phụ nữ", "Hội Nông dân", "Công an xã"]  # fmt: skip
POSITIONS = ["Chủ tịch", "Phó Chủ tịch", "Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch",
             "Công chức Địa chính", "Công chức Tài chính - Kế toán", "Chuyên viên", "Nhân viên", ""]  # fmt: skip
ETHNIC = ["01", "01", "01", "02", "03", "08", "09", "06", "07"]
CATEGORIES = ["can_bo", "cong_chuc", "cong_chuc", "vien_chuc", "nguoi_lao_dong"]


def make_departments(store: Store) -> list[int]:
    stamp = now_iso()
    ids = []
    for name in DEPARTMENTS:
        found = store.scalar("SELECT id FROM departments WHERE name = ?", (name,))
        if found is None:
            found = store.insert(
                "departments", {"uuid": new_uuid(), "name": name, "created_at": stamp, "updated_at": stamp}
            )
        ids.append(int(found))
    return ids


def insert_fake_staff(store: Store, count: int, *, seed: int = 7, left_every: int = 0, start: int = 1) -> None:
    """``count`` people with realistic names in one transaction; every ``left_every``-th has left."""
    rng = random.Random(seed)
    stamp = now_iso()
    rows = []
    with store.transaction(operation="bench.fake_staff"):
        departments = make_departments(store)
        for n in range(start, start + count):
            family = rng.choice(FAMILY)
            middle = rng.choice(MIDDLE)
            given = rng.choice(GIVEN)
            name = f"{family} {middle} {given}"
            birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 40))
            left = left_every and n % left_every == 0
            rows.append(
                (
                    new_uuid(),
                    f"CB{n:06d}",
                    name,
                    fold(name),
                    sort_key(name),
                    "F" if middle in ("Thị", "Thu", "Hồng", "Diệu", "Kim") else "M",
                    birth.isoformat(),
                    rng.choice(ETHNIC),
                    rng.choice(POSITIONS),
                    rng.choice(departments),
                    rng.choice(CATEGORIES),
                    "2015-01-01",
                    "2024-06-30" if left else None,
                    stamp,
                    stamp,
                )
            )
        store.conn.executemany(
            "INSERT INTO staff (uuid, staff_code, full_name, search_key, sort_key, gender, birth_date, ethnic_code,"
            " position, department_id, category, start_date, end_date, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
