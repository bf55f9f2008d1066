"""``tdkt demo``: a realistic demo commune so every page has something true-to-life to show.

Deterministic (fixed seed) so screenshots and tests see the same people every time. The years are relative
to ``today`` (its year is the year being reviewed, in December): ratings for that year and the three before
it, and the commune's decisions of the three past years, each following the law of its own date — before
1/7/2025 the district chair, not the commune, conferred CSTĐCS and TTLĐTT, so those years show them as
nominations sent up and awards received from above. Two movements of the commune (a regular one with scores and a
sơ kết, a thematic one) are filled too.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import partial
from typing import Any

from desktop.domain.staff import StaffDraft
from desktop.i18n import _
from desktop.ops import officials, review, rules
from desktop.ops.movements import (
    add_criterion,
    add_model,
    create_block,
    create_movement,
    create_review,
    participants,
    record_scores,
    register,
    sign_covenant,
)
from desktop.ops.setup import default_place_name, lookup_commune
from desktop.store import Store, ValidationError, awards_repo, staff_repo, unit_repo

DEMO_COMMUNE_CODE = "00715"  # Xã Lũng Cú, tỉnh Tuyên Quang
DEMO_UNIT_NAME = "Ủy ban nhân dân xã Lũng Cú"

DEPARTMENTS = [
    "Văn phòng HĐND và UBND",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công",
    "Ban Chỉ huy Quân sự xã",
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Giàng", "Sùng", "Lý", "Vàng", "Thào"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Seo", "Mí"]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Ngọc", "Thị Hồng", "Thị Thanh"]
GIVEN_M = ["Sơn", "Hùng", "Dũng", "Tuấn", "Long", "Thành", "Chứ", "Pháo", "Hưng", "Toàn", "Khánh", "Quân", "Vinh"]
GIVEN_F = ["Hoa", "Lan", "Hường", "Mai", "Dung", "Ánh", "Thảo", "Dở", "Mỷ", "Hằng", "Nga", "Yến", "Trang"]
POSITIONS = {
    "Văn phòng HĐND và UBND": ["Chánh Văn phòng", "Chuyên viên", "Văn thư", "Kế toán"],
    "Phòng Kinh tế": ["Trưởng phòng", "Chuyên viên", "Chuyên viên", "Cán sự"],
    "Phòng Văn hóa - Xã hội": ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên", "Chuyên viên"],
    "Trung tâm Phục vụ hành chính công": ["Giám đốc", "Chuyên viên", "Nhân viên"],
    "Ban Chỉ huy Quân sự xã": ["Chỉ huy trưởng", "Chỉ huy phó", "Nhân viên"],
}
LEADER_TITLES = {"Chánh Văn phòng", "Trưởng phòng", "Phó Trưởng phòng", "Giám đốc", "Chỉ huy trưởng", "Chỉ huy phó"}
# Ethnic groups of Lũng Cú: mostly H'Mông, with Lô Lô, Kinh, Dao, Tày.
ETHNIC_WEIGHTS = [("08", 12), ("01", 10), ("43", 4), ("09", 3), ("02", 3)]
STAFF_COUNT = 40
DISTRICT_ISSUER = "Chủ tịch Ủy ban nhân dân huyện Đồng Văn"
PROVINCE_ISSUER = "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang"


def fill_demo(store: Store, *, seed: int = 2025, today: date | None = None) -> dict[str, Any]:
    """Fill an EMPTY database with the demo commune; refuses if staff already exist.

    ``today`` (default: the real date) fixes the years: its year is the one being reviewed.
    """
    if staff_repo.count_staff(store, include_left=True):
        raise ValidationError(_("Cơ sở dữ liệu đã có cán bộ; chỉ tạo dữ liệu mẫu trên cơ sở dữ liệu trống."))
    year = (today or date.today()).year
    if year < 2021:
        raise ValidationError(_("Dữ liệu mẫu cần năm hiện tại từ 2021 trở đi."), field="today")
    rng = random.Random(seed)
    with store.transaction(operation="demo.fill"):
        if unit_repo.get_unit(store) is None:
            place = lookup_commune(DEMO_COMMUNE_CODE)
            unit_repo.save_unit(
                store,
                {
                    "name": DEMO_UNIT_NAME,
                    "unit_kind": "ubnd_xa",
                    "head_title": "Chủ tịch",
                    "head_name": "Sùng Mí Pháo",
                    "place_name": default_place_name(place["commune_name"]),
                    "address": "Thôn Lũng Cú, xã Lũng Cú, tỉnh Tuyên Quang",
                    # the council's standing agency issues the tờ trình to the chair
                    "standing_agency": "Phòng Văn hóa - Xã hội",
                    "standing_agency_head_title": "Trưởng phòng",
                    "standing_agency_head_name": "Hoàng Thị Mai",
                    **place,
                },
            )
            # the chairs' terms of office: the decisions of the past years are signed by the one in office then
            officials.add_official(
                store,
                role="head",
                title="Chủ tịch",
                full_name="Giàng Mí Sính",
                start_date=date(year - 9, 7, 1),
                end_date=date(year - 4, 6, 30),
            )
            officials.add_official(
                store, role="head", title="Chủ tịch", full_name="Sùng Mí Pháo", start_date=date(year - 4, 7, 1)
            )
        for name in DEPARTMENTS:
            unit_repo.get_or_create_department(store, name)
        ids = [_add_person(store, rng, index, year) for index in range(STAFF_COUNT)]
        _add_records(store, rng, ids, year)
        _add_past_decisions(store, ids, year, today=today or date.today())
        fill_demo_movements(store, year=year)
    return {
        "staff": STAFF_COUNT,
        "departments": len(DEPARTMENTS),
        "ratings": int(store.scalar("SELECT count(*) FROM ratings") or 0),
        "initiatives": int(store.scalar("SELECT count(*) FROM initiatives") or 0),
        "discipline": int(store.scalar("SELECT count(*) FROM discipline") or 0),
        "decisions": int(store.scalar("SELECT count(*) FROM decisions") or 0),
    }


def _weighted_ethnic(rng: random.Random) -> str:
    codes = [code for code, weight in ETHNIC_WEIGHTS for _ in range(weight)]
    return rng.choice(codes)


def _add_person(store: Store, rng: random.Random, index: int, year: int) -> int:
    female = index % 5 in (1, 3)
    department = DEPARTMENTS[index % len(DEPARTMENTS)]
    positions = POSITIONS[department]
    position = positions[0] if index < len(DEPARTMENTS) else rng.choice(positions[1:])
    name = " ".join(
        [
            rng.choice(FAMILY),
            rng.choice(MIDDLE_F if female else MIDDLE_M),
            rng.choice(GIVEN_F if female else GIVEN_M),
        ]
    )
    birth = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 35))
    start = date(max(birth.year + 22, 2000), rng.randint(1, 12), 1)
    if index == 39:
        start = date(year, 8, 1)  # joined this year: fewer than 6 months worked in the year reviewed
    draft = StaffDraft(
        full_name=name,
        gender="F" if female else "M",
        birth_date=birth,
        ethnic_code=_weighted_ethnic(rng),
        position=position,
        is_leader=position in LEADER_TITLES,
        department=department,
        category="can_bo" if position in LEADER_TITLES else rng.choice(["cong_chuc", "cong_chuc", "hop_dong"]),
        start_date=start,
    )
    return staff_repo.insert_staff(store, draft)


def _add_records(store: Store, rng: random.Random, ids: list[int], year: int) -> None:
    # The year reviewed and the two before it are drawn first, in the order the demo always drew them, so the
    # same people keep the same ratings; the fourth year back and the collectives draw from a second stream.
    extra = random.Random(year)
    for position, staff_id in enumerate(ids):
        person = staff_repo.get_staff(store, staff_id)
        for rated in (year - 2, year - 1, year, year - 3):
            if person["start_date"] and int(person["start_date"][:4]) > rated:
                continue
            roll = (rng if rated >= year - 2 else extra).random()
            rating = "HTXSNV" if roll < 0.2 else "HTTNV" if roll < 0.85 else "HTNV" if roll < 0.97 else "KHTNV"
            if position in (0, 1, 2):
                rating = "HTXSNV"  # a few people with a strong record for the rule engine to find
            staff_repo.set_rating(store, staff_id, rated, rating)
    # Every collective is rated every year, like its people.
    for name in DEPARTMENTS:
        department_id = int(store.scalar("SELECT id FROM departments WHERE name = ?", (name,)))
        for rated in range(year - 3, year + 1):
            rating = "HTXSNV" if name == TTLDTT_DEPARTMENT else extra.choice(["HTXSNV", "HTTNV", "HTTNV", "HTNV"])
            awards_repo.set_collective_rating(store, department_id, rated, rating)
    # Before 2024 a CSTĐCS needed an initiative of its own year (Luật 2003 Điều 23): the two people the demo's
    # past rounds propose for it have one in each of the first two past years.
    initiatives = [
        (ids[0], "Số hóa hồ sơ một cửa tại xã Lũng Cú", "co_so", date(year - 3, 11, 20)),
        (ids[0], "Quy trình tiếp nhận hồ sơ đất đai qua mạng", "co_so", date(year - 2, 11, 15)),
        (ids[1], "Sổ theo dõi vườn chè bằng điện thoại", "co_so", date(year - 3, 10, 5)),
        (ids[1], "Mô hình trồng chè Shan tuyết hữu cơ", "co_so", date(year - 2, 10, 30)),
        (ids[2], "Tủ sách pháp luật ở thôn", "co_so", date(year - 3, 9, 20)),
        (ids[2], "Câu lạc bộ phụ nữ đọc sách", "co_so", date(year - 2, 9, 25)),
        (ids[2], "Lớp xóa mù chữ cho phụ nữ H'Mông", "tinh", date(year, 9, 12)),
        (ids[7], "Sổ tay tuyên truyền pháp luật song ngữ", "co_so", date(year, 10, 3)),
    ]
    for staff_id, title, level, recognized in initiatives:
        staff_repo.add_initiative(
            store,
            staff_id,
            title=title,
            level=level,
            recognized_on=recognized,
            decision_no=f"{rng.randint(10, 250)}/QĐ-UBND",
        )
    staff_repo.add_discipline(
        store,
        ids[12],
        level="khien_trach",
        start_date=date(year - 1, 3, 1),
        end_date=date(year, 3, 1),
        reason="Vi phạm quy định giờ làm việc",
        decision_no="45/QĐ-UBND",
    )
    staff_repo.add_leave(
        store,
        ids[8],
        kind="maternity",
        start_date=date(year, 2, 1),
        end_date=date(year, 7, 31),
        counts_as_worked=True,
    )
    staff_repo.mark_left(store, ids[20], date(year, 6, 30), "Chuyển công tác")


# -- the commune's decisions of the previous years ------------------------------------------------------------

COUNCIL = [
    ("Sùng Mí Pháo", "chair"),
    ("Lò Văn Chứ", "deputy"),
    ("Hoàng Thị Mai", "member"),
    ("Giàng Seo Dũng", "member"),
    ("Vàng Thị Dở", "secretary"),
]
# The collective the demo's past rounds propose for TTLĐTT (rated HTXSNV every year; the others vary).
TTLDTT_DEPARTMENT = "Văn phòng HĐND và UBND"


def _add_past_decisions(store: Store, ids: list[int], year: int, *, today: date) -> None:
    """The three past years issued through the real review flow, each under the law of its decision date.

    What the commune confers on that date gets the commune's decisions (numbers, register numbers, snapshots,
    money). What it did not (CSTĐCS and TTLĐTT before 1/7/2025: the district chair) goes up in a dossier and
    comes back as an award received from above. The first demo person (ids[0]) keeps a blank history: the
    engine tests and the by-hand entry of awards start from it. One Bằng khen of the province is entered too.
    """
    office = int(store.scalar("SELECT id FROM departments WHERE name = ?", (TTLDTT_DEPARTMENT,)))
    for past in (year - 3, year - 2, year - 1):
        day = date(past, 12, 26)
        round_id = review.create_round(store, year=past, decision_date=day, today=date(past, 12, 10))
        nominations = review.get_round(store, round_id)["nominations"]
        review.set_council(
            store,
            round_id=round_id,
            meeting_date=date(past, 12, 15),
            location="Hội trường Ủy ban nhân dân xã Lũng Cú",
            members=[{"full_name": name, "role": role, "attended": True} for name, role in COUNCIL],
        )

        def pick(code: str, nominations: list[dict[str, Any]] = nominations) -> list[dict[str, Any]]:
            return [n for n in nominations if n["code"] == code and n["staff_id"] != ids[0]]

        chosen_cstdcs = [n for n in pick("CSTDCS") if n["staff_id"] in (ids[1], ids[2])]
        for nomination in chosen_cstdcs:
            review.record_ballot(store, nomination_id=nomination["id"], agree=5, disagree=0, invalid=0)
        decide = partial(
            review.issue_decision,
            store,
            round_id=round_id,
            decision_date=day,
            signer_title="Chủ tịch",
            signer_name="Sùng Mí Pháo",
        )
        decide(
            subject=f"Về việc tặng danh hiệu Lao động tiên tiến năm {past}",
            achievement_text=f"Đã hoàn thành tốt nhiệm vụ năm {past}",
            nomination_ids=[n["id"] for n in pick("LDTT")],
        )
        giay_khen = pick("GIAY_KHEN")[:3]
        if giay_khen:
            decide(
                subject=f"Về việc tặng Giấy khen năm {past}",
                achievement_text=f"Đã có thành tích tốt trong phong trào thi đua năm {past}",
                nomination_ids=[n["id"] for n in giay_khen],
            )
        collective = [n for n in nominations if n["code"] == "TTLDTT" and n["department_id"] == office]
        titles = (
            (chosen_cstdcs, "Chiến sĩ thi đua cơ sở", "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ"),
            (collective, "Tập thể lao động tiên tiến", "Đã hoàn thành tốt nhiệm vụ"),
        )
        for group, title, achievement in titles:
            own = [n for n in group if n["conferred_by"] == "unit"]
            if own:
                decide(
                    subject=f"Về việc tặng danh hiệu {title} năm {past}",
                    achievement_text=f"{achievement} năm {past}",
                    nomination_ids=[n["id"] for n in own],
                )
        upward = [n for n in (*chosen_cstdcs, *collective) if n["conferred_by"] == "upward"]
        if upward:
            # Sent up with the round's dossier; the district's decision came back before the year ended.
            review.build_dossier(store, round_id=round_id)
            for number, nomination in enumerate(upward, start=1):
                rules.record_award_from_above(
                    store,
                    staff_id=nomination["staff_id"],
                    department_id=nomination["department_id"],
                    year=past,
                    code=nomination["code"],
                    decision_no=f"{3100 + number}/QĐ-UBND",
                    decision_date=date(past, 12, 29),
                    issuer=DISTRICT_ISSUER,
                )
    rules.record_award_from_above(
        store,
        staff_id=ids[2],
        year=year - 1,
        code="BK_TINH",
        decision_no="2518/QĐ-UBND",
        decision_date=min(date(year, 1, 20), today),  # a demo made on 5 January has no decision of the 20th yet
        issuer=PROVINCE_ISSUER,
        today=today,
    )


# -- the commune's movements ---------------------------------------------------------------------------------

DEMO_REGULAR = "Đoàn kết, kỷ cương, sáng tạo, thi đua thực hiện thắng lợi nhiệm vụ năm {year}"  # .format(year=)
DEMO_THEMATIC = "Chung sức xây dựng nông thôn mới"
DEMO_BLOCK = "Khối các phòng, ban Ủy ban nhân dân xã"


def fill_demo_movements(store: Store, *, year: int) -> dict[str, int]:
    """The demo commune's movements: a regular yearly one and a thematic one, with scores (a tie) and a sơ kết.

    Both end on 31/12 of ``year`` (the demo's year, the one being reviewed): the regular one runs that year, the
    thematic one the five years up to it, so a clerk can hold their tổng kết and propose in that year.
    """
    first = year - 4  # the thematic movement's five-year period
    departments = unit_repo.list_departments(store)
    if not departments:
        return {"movements": 0}
    with store.transaction(operation="demo.movements"):
        regular = create_movement(
            store,
            name=DEMO_REGULAR.format(year=year),
            kind="regular",
            theme="Đoàn kết, kỷ cương, sáng tạo, hiệu quả",
            launched_by="Ủy ban nhân dân xã Lũng Cú",
            launch_date=date(year, 2, 10),
            start_date=date(year, 1, 1),
            end_date=date(year, 12, 31),
            year=year,
            targets=[
                "100% tập thể, cá nhân đăng ký thi đua",
                "Trên 70% cán bộ, công chức đạt Lao động tiên tiến",
                "Giải quyết hồ sơ hành chính đúng hạn trên 98%",
            ],
        )
        thematic = create_movement(
            store,
            name=DEMO_THEMATIC,
            kind="thematic",
            theme=f"Chung sức xây dựng nông thôn mới giai đoạn {first}–{year}",
            launched_by="Ủy ban nhân dân tỉnh Tuyên Quang",
            launch_date=date(first, 3, 15),
            start_date=date(first, 1, 1),
            end_date=date(year, 12, 31),
            targets=["Đạt chuẩn xã nông thôn mới nâng cao", "Thu nhập bình quân đầu người tăng 1,5 lần"],
        )
        staff = store.query("SELECT id, department_id, start_date FROM staff WHERE end_date IS NULL ORDER BY id")
        for index, person in enumerate(staff):
            hired = date.fromisoformat(person["start_date"][:10]) if person["start_date"] else None
            register(  # on 20/02, or the day one hired later that year began work
                store,
                movement_id=regular,
                code="CSTDCS" if index < 5 else "LDTT",
                staff_id=person["id"],
                registered_on=max(date(year, 2, 20), hired or date(year, 2, 20)),
            )
        for department in departments:
            register(
                store,
                movement_id=regular,
                code="TTLDTT",
                department_id=department["id"],
                registered_on=date(year, 2, 20),
            )
        block = create_block(store, name=DEMO_BLOCK, kind="internal", department_ids=[d["id"] for d in departments])
        heads = store.query(
            "SELECT s.full_name, s.position, d.name AS department FROM staff s JOIN departments d "
            "ON d.id = s.department_id WHERE s.is_leader = 1 ORDER BY s.id"
        )
        first_head: dict[str, dict[str, Any]] = {}
        for head in heads:
            first_head.setdefault(head["department"], head)
        signatories = [
            {"name": h["full_name"], "title": h["position"], "member": name} for name, h in first_head.items()
        ]
        criteria_spec = [
            ("Hoàn thành chỉ tiêu, nhiệm vụ được giao", 40, 1.0, True, "normal"),
            ("Cải cách hành chính, chuyển đổi số", 20, 1.0, False, "normal"),
            ("Tổ chức phong trào thi đua, khen thưởng", 20, 1.0, False, "normal"),
            ("Xây dựng Đảng, đoàn thể trong sạch, vững mạnh", 20, 1.0, False, "normal"),
            ("Sáng kiến, mô hình mới được công nhận", 5, 1.0, False, "bonus"),
            ("Vi phạm kỷ luật, kỷ cương hành chính", 10, 1.0, False, "penalty"),
        ]
        thematic_spec = [
            ("Hạ tầng giao thông nông thôn", 30, 1.0, True, "normal"),
            ("Phát triển sản xuất, nâng cao thu nhập", 40, 1.5, False, "normal"),
            ("Môi trường, cảnh quan xanh - sạch - đẹp", 30, 1.0, False, "normal"),
        ]
        # points per department, in DEPARTMENTS order; the 2nd and 3rd tie on 90 in the regular movement
        regular_points = [
            [38, 19, 18, 19, 3, 0],
            [36, 18, 18, 17, 1, 0],
            [37, 18, 17, 18, 0, 0],
            [35, 17, 16, 18, 0, 2],
            [34, 16, 17, 17, 2, 1],
        ]
        thematic_points = [[26, 34, 25], [28, 36, 27], [25, 30, 26], [24, 33, 28], [27, 35, 24]]
        # the scale is set before the blocks sign: the covenant keeps the criteria it was signed with
        criterion_ids = {
            movement_id: [
                add_criterion(store, movement_id=movement_id, name=n, max_points=m, weight=w, mandatory=man, kind=k)
                for n, m, w, man, k in spec
            ]
            for movement_id, spec in ((regular, criteria_spec), (thematic, thematic_spec))
        }
        for movement_id, day in ((regular, date(year, 2, 20)), (thematic, date(first, 4, 2))):
            sign_covenant(
                store,
                movement_id=movement_id,
                block_id=block,
                signed_on=day,
                place="Hội trường Ủy ban nhân dân xã Lũng Cú",
                signatories=signatories,
            )
        for movement_id, table in ((regular, regular_points), (thematic, thematic_points)):
            ids = criterion_ids[movement_id]
            people = participants(store, movement_id=movement_id)
            entries = []
            for person, values in zip(people, table, strict=False):
                for criterion_id, points in zip(ids, values, strict=True):
                    entries.append({"participant": person["key"], "criterion_id": criterion_id, "points": points})
            record_scores(store, movement_id=movement_id, entries=entries)
        sessions = (
            (
                regular,
                date(year, 7, 15),
                f"Sơ kết 6 tháng đầu năm {year}: các phòng, ban hoàn thành tốt chỉ tiêu đề ra.",
                "Giải quyết 1.245 hồ sơ hành chính, 99,2% đúng hạn; 100% cán bộ đăng ký thi đua.",
            ),
            (
                thematic,
                date(year - 2, 6, 30),
                f"Sơ kết giữa kỳ phong trào xây dựng nông thôn mới giai đoạn {first}–{year}.",
                "Cứng hóa 12 km đường trục thôn; 3 thôn đạt chuẩn nông thôn mới.",
            ),
        )
        for movement_id, day, summary, achievements in sessions:
            create_review(
                store,
                movement_id=movement_id,
                kind="so_ket",
                review_date=day,
                summary=summary,
                achievements=achievements,
                proposals=[],
            )
        models: tuple[dict[str, Any], ...] = (
            {
                "kind": "person",
                "staff_id": staff[0]["id"] if staff else None,
                "achievement": "Số hóa toàn bộ hồ sơ một cửa, hướng dẫn người dân nộp hồ sơ trực tuyến.",
                "movement_id": regular,
                "year": year,
                "tags": "chuyển đổi số, cải cách hành chính",
            },
            {
                "kind": "model",
                "name": "Mô hình trồng chè Shan tuyết hữu cơ thôn Lô Lô Chải",
                "achievement": "20 hộ tham gia, thu nhập tăng 30% so với trồng ngô.",
                "movement_id": thematic,
                "year": year - 1,
                "tags": "nông thôn mới, sản xuất",
            },
            {
                "kind": "person",
                "name": "Giàng Seo Chứ",
                "achievement": "Người tốt - việc tốt: hiến 500 m² đất làm đường liên thôn.",
                "movement_id": thematic,
                "year": year - 2,
                "tags": "người tốt việc tốt, hiến đất",
            },
        )
        for model in models:
            add_model(store, **model)
    return {"movements": 2, "registrations": len(staff) + len(departments)}
