"""The eligibility engine: one row per legal case, each naming the article it checks."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.eligibility import Status, Verdict, evaluate
from desktop.domain.history import (
    AwardRecord,
    CollectiveRecord,
    DisciplineRecord,
    Initiative,
    LeavePeriod,
    PersonRecord,
    UnitData,
)
from desktop.domain.rules import load_default_pack
from desktop.paths import resource_path

YEAR = 2025
TODAY = date(2026, 1, 10)
E, N, V, D = Status.ELIGIBLE, Status.NOT_ELIGIBLE, Status.NEEDS_VOTE, Status.DEFERRED


@pytest.fixture(scope="module")
def pack():
    return load_default_pack()


@pytest.fixture(scope="module")
def province_pack():
    return load_default_pack([resource_path("rulepacks", "examples", "province-override-example.toml")])


def person(pid: int = 1, **kw) -> PersonRecord:
    kw.setdefault("start_date", date(2015, 1, 1))
    kw.setdefault("ratings", {YEAR: "HTTNV"})
    return PersonRecord(id=pid, uuid=f"u{pid}", name=kw.pop("name", f"Người {pid}"), **kw)


def find(verdicts: list[Verdict], subject_id, code: str) -> Verdict:
    return next(v for v in verdicts if v.subject_id == subject_id and v.code == code)


def run(pack, people, collectives=(), year=YEAR) -> list[Verdict]:
    return evaluate(UnitData(list(people), list(collectives)), year, pack, today=TODAY)


def excellent(*years: int) -> dict[int, str]:
    return {y: "HTXSNV" for y in years}


# (case, person fields, code, expected status, text that must be among the reasons)
PERSON_CASES = [
    ("Luật Đ24: HTTNV cả năm → LĐTT", {}, "LDTT", E, "Xếp loại năm 2025: Hoàn thành tốt nhiệm vụ"),
    ("Luật Đ24: chỉ HTNV → không LĐTT", {"ratings": {YEAR: "HTNV"}}, "LDTT", N, "cần Hoàn thành tốt nhiệm vụ trở lên"),
    ("Luật Đ24: chưa có xếp loại", {"ratings": {}}, "LDTT", N, "Xếp loại năm 2025: chưa có xếp loại"),
    (
        "TT 01/2024: mới tuyển 5 tháng → không xét",
        {"start_date": date(2025, 8, 1)},
        "LDTT",
        N,
        "Mới tuyển dụng từ 01/08/2025: chưa đủ 6 tháng công tác trong năm, không xét",
    ),
    (
        "TT 01/2024: mới tuyển đủ 6 tháng → được xét",
        {"start_date": date(2025, 7, 1)},
        "LDTT",
        E,
        "Thời gian công tác tính trong năm: 6,0 tháng (cần từ 6 tháng)",
    ),
    (
        "NĐ152 Đ4: nghỉ thai sản 6 tháng vẫn tính là công tác",
        {"gender": "F", "leaves": (LeavePeriod("maternity", date(2025, 1, 1), date(2025, 6, 30)),)},
        "LDTT",
        E,
        "Nghỉ thai sản 181 ngày được tính là thời gian công tác",
    ),
    (
        "NĐ152 Đ4: nghỉ không lương 7 tháng bị trừ",
        {"leaves": (LeavePeriod("unpaid", date(2025, 1, 1), date(2025, 7, 31)),)},
        "LDTT",
        N,
        "Thời gian công tác tính trong năm: 5,0 tháng (cần từ 6 tháng)",
    ),
    (
        "NĐ152 Đ4: hết kỷ luật 30/6 → tính từ 1/7, đủ 6 tháng",
        {"disciplines": (DisciplineRecord("khien_trach", date(2024, 7, 1), date(2025, 6, 30)),)},
        "LDTT",
        E,
        "Hết thời hạn kỷ luật: thành tích tính từ ngày 01/07/2025",
    ),
    (
        "NĐ152 Đ4: hết kỷ luật 31/7 → chỉ còn 5 tháng",
        {"disciplines": (DisciplineRecord("khien_trach", date(2024, 8, 1), date(2025, 7, 31)),)},
        "LDTT",
        N,
        "Thời gian công tác tính trong năm: 5,0 tháng (cần từ 6 tháng)",
    ),
    (
        "NĐ152 Đ4: đang thi hành kỷ luật cuối năm",
        {"disciplines": (DisciplineRecord("canh_cao", date(2025, 10, 1), date(2026, 9, 30)),)},
        "LDTT",
        N,
        "Đang trong thời gian thi hành kỷ luật: Cảnh cáo (01/10/2025 – 30/09/2026)",
    ),
    (
        "NĐ152 Đ4: kỷ luật quyết định sau năm, đang có hiệu lực khi xét",
        {"disciplines": (DisciplineRecord("khien_trach", date(2026, 1, 5)),)},
        "GIAY_KHEN",
        N,
        "Đang trong thời gian thi hành kỷ luật: Khiển trách (05/01/2026 – chưa hết hạn)",
    ),
    (
        "NĐ152 Đ4: đang xem xét kỷ luật → tạm hoãn",
        {"disciplines": (DisciplineRecord("canh_cao", date(2025, 12, 1), pending=True),)},
        "LDTT",
        D,
        "Đang xem xét kỷ luật (Cảnh cáo): tạm hoãn xét khen thưởng",
    ),
    (
        "NĐ152 Đ4: đang bị thanh tra → tạm hoãn",
        {"under_investigation": True, "ratings": excellent(YEAR)},
        "CSTDCS",
        D,
        "Đang bị điều tra, thanh tra, kiểm tra hoặc có khiếu nại chưa giải quyết",
    ),
    (
        "Luật Đ23: LĐTT + HTXSNV → CSTĐCS, cần bỏ phiếu",
        {"ratings": excellent(YEAR)},
        "CSTDCS",
        V,
        "Cần Hội đồng bỏ phiếu kín, đạt từ 80% tổng số thành viên",
    ),
    (
        "Luật Đ23: LĐTT + sáng kiến cơ sở → CSTĐCS",
        {"initiatives": (Initiative("s1", "Một cửa số", "co_so", YEAR),)},
        "CSTDCS",
        V,
        "Có sáng kiến “Một cửa số” được công nhận cấp cơ sở năm 2025",
    ),
    (
        "CV 5007/BNV-TĐKT/2023: sáng kiến đã dùng cho khen thưởng khác",
        {"initiatives": (Initiative("s1", "Một cửa số", "co_so", YEAR, used_for_award="QĐ 12/QĐ-UBND"),)},
        "CSTDCS",
        N,
        "Sáng kiến “Một cửa số” đã dùng làm căn cứ cho khen thưởng khác (QĐ 12/QĐ-UBND)",
    ),
    (
        "Luật Đ23: không LĐTT thì không CSTĐCS",
        {"ratings": {YEAR: "HTXSNV"}, "start_date": date(2025, 9, 1)},
        "CSTDCS",
        N,
        "Không đạt LĐTT năm 2025",
    ),
    (
        "Luật Đ22: 3 năm CSTĐCS liên tục + sáng kiến cấp tỉnh → đề nghị CSTĐ tỉnh, bỏ phiếu 90%",
        {
            "ratings": excellent(YEAR),
            "awards": (AwardRecord(2023, "CSTDCS"), AwardRecord(2024, "CSTDCS")),
            "initiatives": (Initiative("s2", "Số hóa hồ sơ", "tinh", 2024),),
        },
        "CSTD_TINH",
        V,
        "Đạt CSTĐCS 3 năm liên tục: 2023, 2024, 2025 (đề nghị năm nay)",
    ),
    (
        "Luật Đ22: năm gián đoạn làm đứt chuỗi",
        {
            "ratings": excellent(YEAR),
            "awards": (AwardRecord(2022, "CSTDCS"), AwardRecord(2024, "CSTDCS")),
            "initiatives": (Initiative("s2", "Số hóa hồ sơ", "tinh", 2024),),
        },
        "CSTD_TINH",
        N,
        "Chưa đủ 3 năm liên tục đạt CSTĐCS (2024, 2025 (đề nghị năm nay))",
    ),
    (
        "Luật Đ22: khen thưởng cấp trên (nhập sau) được tính vào chuỗi",
        {
            "ratings": excellent(YEAR),
            "awards": (
                AwardRecord(2023, "CSTDCS", source="above", decision_no="55/QĐ-UBND"),
                AwardRecord(2024, "CSTDCS"),
            ),
            "initiatives": (Initiative("s2", "Số hóa hồ sơ", "toan_quoc", 2023),),
        },
        "CSTD_TINH",
        V,
        "Đạt CSTĐCS 3 năm liên tục: 2023 (cấp trên khen), 2024, 2025 (đề nghị năm nay)",
    ),
    (
        "Luật Đ22: thiếu sáng kiến cấp tỉnh",
        {"ratings": excellent(YEAR), "awards": (AwardRecord(2023, "CSTDCS"), AwardRecord(2024, "CSTDCS"))},
        "CSTD_TINH",
        N,
        "Chưa có sáng kiến, đề tài có phạm vi ảnh hưởng cấp tỉnh, toàn quốc trong 2023–2025 còn dùng được",
    ),
    (
        "CV 5007: một sáng kiến chỉ làm căn cứ một khen thưởng (CSTĐCS đã dùng)",
        {
            "awards": (AwardRecord(2023, "CSTDCS"), AwardRecord(2024, "CSTDCS")),
            "initiatives": (Initiative("s3", "Cải cách thủ tục", "tinh", YEAR),),
        },
        "CSTD_TINH",
        N,
        "Sáng kiến “Cải cách thủ tục” đã dành cho đề nghị khác trong năm nay",
    ),
    (
        "NĐ152 Đ4: sau kỷ luật, chuỗi năm chỉ tính từ năm hết kỷ luật",
        {
            "ratings": excellent(YEAR),
            "awards": (AwardRecord(2023, "CSTDCS"), AwardRecord(2024, "CSTDCS")),
            "disciplines": (DisciplineRecord("khien_trach", date(2023, 6, 1), date(2024, 5, 31)),),
            "initiatives": (Initiative("s2", "Số hóa hồ sơ", "tinh", 2025),),
        },
        "CSTD_TINH",
        N,
        "Sau kỷ luật, thành tích chỉ tính từ năm 2024",
    ),
    (
        "Luật Đ74.1.d: 2 năm CSTĐCS liên tục (lịch sử) → Bằng khen tỉnh",
        {"awards": (AwardRecord(2024, "CSTDCS"), AwardRecord(2025, "CSTDCS", source="above"))},
        "BK_TINH",
        E,
        "Đạt CSTĐCS 2 năm liên tục: 2024, 2025 (cấp trên khen)",
    ),
    (
        "Luật Đ74.1.d: 2 năm HTXSNV + 2 sáng kiến → Bằng khen tỉnh",
        {
            "ratings": excellent(2024, YEAR),
            "initiatives": (Initiative("a", "A", "co_so", 2024), Initiative("b", "B", "co_so", YEAR)),
        },
        "BK_TINH",
        E,
        "Sáng kiến được công nhận trong 2024–2025 còn dùng được: 2 (cần 2)",
    ),
    (
        "Luật Đ74.1.d: 2 năm HTXSNV nhưng 1 sáng kiến đã dùng",
        {
            "ratings": excellent(2024, YEAR),
            "initiatives": (Initiative("a", "A", "co_so", 2024, "QĐ 1"), Initiative("b", "B", "co_so", YEAR)),
        },
        "BK_TINH",
        N,
        "Sáng kiến được công nhận trong 2024–2025 còn dùng được: 1 (cần 2)",
    ),
    ("Luật Đ75: Giấy khen mặc định HTTNV", {}, "GIAY_KHEN", E, "Xếp loại năm 2025: Hoàn thành tốt nhiệm vụ"),
    ("Luật Đ75: Giấy khen, HTNV không đạt", {"ratings": {YEAR: "HTNV"}}, "GIAY_KHEN", N, "cần Hoàn thành tốt"),
]


@pytest.mark.parametrize(("case", "fields", "code", "status", "reason"), PERSON_CASES, ids=[c[0] for c in PERSON_CASES])
def test_person(pack, case, fields, code, status, reason):
    verdict = find(run(pack, [person(**fields)]), 1, code)
    assert verdict.status == status, (case, verdict.lines())
    assert any(reason in line for line in verdict.lines()), (case, verdict.lines())
    assert all(" — " in line for line in verdict.lines()), "every reason carries its citation"


def test_reason_text_and_citation_format(pack):
    fields = {"ratings": excellent(YEAR), "awards": (AwardRecord(2024, "CSTDCS"),)}
    verdict = find(run(pack, [person(**fields)]), 1, "CSTD_TINH")
    expected = "Chưa đủ 3 năm liên tục đạt CSTĐCS (2024, 2025 (đề nghị năm nay)) — Luật TĐKT 2022, Điều 22"
    assert expected in verdict.lines()


def test_not_employed_in_the_year_gets_no_verdict(pack):
    verdicts = run(pack, [person(1, start_date=date(2026, 2, 1)), person(2, end_date=date(2024, 12, 31))])
    assert verdicts == []


def test_initiative_used_by_cstd_tinh_is_recorded(pack):
    fields = {
        "ratings": excellent(YEAR),
        "awards": (AwardRecord(2023, "CSTDCS"), AwardRecord(2024, "CSTDCS")),
        "initiatives": (Initiative("s2", "Số hóa hồ sơ", "tinh", 2024),),
    }
    verdicts = run(pack, [person(**fields)])
    assert find(verdicts, 1, "CSTD_TINH").initiative_ids == ("s2",)
    assert find(verdicts, 1, "CSTDCS").initiative_ids == ()  # HTXSNV: no initiative needed


def test_province_override_new_staff_months(pack, province_pack):
    """A province sets 10 months for new staff (NĐ152 Điều 6.2.c): 9 months passes nationally, fails there."""
    staff = [person(1, start_date=date(2026, 4, 1), ratings={2026: "HTTNV"})]
    assert find(run(pack, staff, year=2026), 1, "LDTT").status == E
    verdict = find(run(province_pack, staff, year=2026), 1, "LDTT")
    assert verdict.status == N
    assert any("chưa đủ 10 tháng" in line and "Điều 5" in line for line in verdict.lines())


def test_province_giay_khen_criteria(province_pack):
    ok = person(1, ratings={2025: "HTTNV", 2026: "HTTNV"})
    short = person(2, ratings={2026: "HTTNV"})
    verdicts = run(province_pack, [ok, short], year=2026)
    assert find(verdicts, 1, "GIAY_KHEN").status == E
    assert find(verdicts, 2, "GIAY_KHEN").status == N
    assert any(line.startswith("Cần kiểm tra: Có thành tích") for line in find(verdicts, 1, "GIAY_KHEN").lines())


def _collective_members(ldtt: int, others: int, other_rating: str = "HTNV") -> list[PersonRecord]:
    people = [person(i, ratings={YEAR: "HTTNV"}) for i in range(1, ldtt + 1)]
    people += [person(i, ratings={YEAR: other_rating}) for i in range(ldtt + 1, ldtt + others + 1)]
    return people


# (case, LĐTT members, other members, others' rating, collective rating, extra, code, status, reason)
COLLECTIVE_CASES = [
    (
        "Luật Đ28: đúng 50% LĐTT → không đạt",
        2,
        2,
        "HTNV",
        "HTTNV",
        None,
        "TTLDTT",
        N,
        "2/4 thành viên đạt LĐTT = 50,0%",
    ),
    ("Luật Đ28: 60% LĐTT → đạt", 3, 2, "HTNV", "HTTNV", None, "TTLDTT", E, "3/5 thành viên đạt LĐTT = 60,0%"),
    ("Luật Đ28: tập thể chỉ HTNV", 3, 0, "HTNV", "HTNV", None, "TTLDTT", N, "Tập thể xếp loại năm 2025"),
    ("Luật Đ28: có thành viên bị cảnh cáo", 3, 0, "HTNV", "HTTNV", "canh_cao", "TTLDTT", N, "từ cảnh cáo trở lên"),
    ("Luật Đ28: khiển trách không chặn", 3, 0, "HTNV", "HTTNV", "khien_trach", "TTLDTT", E, "Không có thành viên"),
    (
        "Luật Đ27: đúng 70% LĐTT + 1 CSTĐCS → TTLĐXS",
        7,
        3,
        "HTNV",
        "HTXSNV",
        "cstdcs",
        "TTLDXS",
        E,
        "7/10 thành viên đạt LĐTT = 70,0%",
    ),
    ("Luật Đ27: 60% LĐTT → không", 6, 4, "HTNV", "HTXSNV", "cstdcs", "TTLDXS", N, "(cần từ 70%)"),
    ("Luật Đ27: không có CSTĐCS", 7, 3, "HTNV", "HTXSNV", None, "TTLDXS", N, "Thành viên đạt CSTĐCS: 0"),
    ("Luật Đ27: 1 người KHTNV → không 100%", 8, 1, "KHTNV", "HTXSNV", "cstdcs", "TTLDXS", N, "8/9 thành viên xếp loại"),
    ("Luật Đ27: tập thể không HTXSNV", 7, 3, "HTNV", "HTTNV", "cstdcs", "TTLDXS", N, "(cần Hoàn thành xuất sắc"),
]


@pytest.mark.parametrize(
    ("case", "ldtt", "others", "other_rating", "rating", "extra", "code", "status", "reason"),
    COLLECTIVE_CASES,
    ids=[c[0] for c in COLLECTIVE_CASES],
)
def test_collective(pack, case, ldtt, others, other_rating, rating, extra, code, status, reason):
    people = _collective_members(ldtt, others, other_rating)
    if extra in ("canh_cao", "khien_trach"):
        people[-1].disciplines = (DisciplineRecord(extra, date(2024, 3, 1), date(2025, 2, 28)),)
    if extra == "cstdcs":
        people[0].awards = (AwardRecord(YEAR, "CSTDCS"),)
    team = CollectiveRecord(50, "c50", "Tổ một cửa", tuple(p.id for p in people), {YEAR: rating})
    verdict = find(run(pack, people, [team]), 50, code)
    assert verdict.status == status, (case, verdict.lines())
    assert any(reason in line for line in verdict.lines()), (case, verdict.lines())


def test_ttldxs_waits_for_the_cstdcs_vote(pack):
    people = _collective_members(7, 3)
    people[0].ratings = {YEAR: "HTXSNV"}  # a CSTĐCS proposal, not yet voted
    team = CollectiveRecord(50, "c50", "Tổ", tuple(p.id for p in people), {YEAR: "HTXSNV"})
    verdict = find(run(pack, people, [team]), 50, "TTLDXS")
    assert verdict.status == V
    assert any("Phụ thuộc kết quả bỏ phiếu CSTĐCS" in line for line in verdict.lines())


def test_province_cap_on_cstdcs_ranks_and_prefers_women_on_ties(province_pack):
    """A 30% cap of LĐTT (province rule); ties go to women (NĐ152 Điều 4)."""
    year = 2026
    people = [person(i, name=f"Người {i:02d}", ratings={year: "HTTNV"}) for i in range(1, 6)]
    people += [person(6, name="An", gender="M", ratings={year: "HTXSNV"})]
    people += [person(7, name="Bình", gender="M", ratings={year: "HTXSNV"})]
    people += [person(8, name="Chi", gender="F", ratings={year: "HTXSNV"})]
    people += [
        person(9, name="Dung", gender="F", ratings={year: "HTXSNV"}),
        person(10, name="Em", gender="M", ratings={year: "HTXSNV"}, initiatives=(Initiative("x", "X", "co_so", year),)),
    ]
    verdicts = run(province_pack, people, year=year)
    ranked = sorted((v for v in verdicts if v.code == "CSTDCS" and v.rank), key=lambda v: v.rank or 0)
    # 10 LĐTT × 30% = 3 places; Em has an extra initiative, then the two women, then the men.
    assert [v.subject_name for v in ranked] == ["Em", "Chi", "Dung", "An", "Bình"]
    over = ranked[3]
    assert over.status == N  # the cap binds (the council may still choose this one with a reason)
    assert any("xếp thứ 4/5, vượt tỷ lệ: không đề nghị" in line for line in over.lines())
    assert any("Tỷ lệ CSTĐCS tối đa 30% số LĐTT (10 người) = 3 người" in line for line in over.lines())
    assert [r.cite for r in over.reasons if r.met is False] == ["Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ), Điều 7"]
    assert any(line.startswith("Khi bằng thành tích, ưu tiên nữ — NĐ 152/2025/NĐ-CP, Điều 4") for line in over.lines())


def test_no_cap_by_default(pack):
    people = [person(i, ratings={YEAR: "HTXSNV"}) for i in range(1, 6)]
    verdicts = run(pack, people)
    assert all(v.rank is None for v in verdicts)
    assert [v.status for v in verdicts if v.code == "CSTDCS"] == [V] * 5


# -- the law of the decision's date (issue 11) ------------------------------------------------------------------


def test_before_2024_a_cstdcs_needed_an_initiative_excellent_rating_was_not_enough(pack):
    """Luật 2003 Điều 23: LĐTT + an initiative; Luật 2022 Điều 23: LĐTT + (HTXSNV or an initiative)."""
    someone = person(ratings={2023: "HTXSNV", 2024: "HTXSNV"})
    old = find(evaluate(UnitData([someone]), 2023, pack, today=TODAY), 1, "CSTDCS")
    assert old.status == N
    assert any("bắt buộc theo quy định lúc đó" in r.text and "Luật TĐKT 2003" in r.cite for r in old.reasons)
    new = find(evaluate(UnitData([someone]), 2024, pack, today=TODAY), 1, "CSTDCS")
    assert new.status == V  # eligible, to the council's ballot
    with_initiative = person(ratings={2023: "HTTNV"}, initiatives=(Initiative("i1", "Sáng kiến A", "co_so", 2023),))
    # NĐ 91/2017's cap (15 % of LĐTT) leaves one place among seven LĐTT
    others = [person(i, ratings={2023: "HTTNV"}) for i in range(2, 8)]
    assert find(evaluate(UnitData([with_initiative, *others]), 2023, pack, today=TODAY), 1, "CSTDCS").status == V


def test_reasons_cite_the_law_of_the_date(pack):
    someone = person(ratings={2023: "HTTNV", 2025: "HTTNV"})
    old = find(evaluate(UnitData([someone]), 2023, pack, today=TODAY), 1, "LDTT")
    assert "Luật TĐKT 2003 (sửa đổi 2013), Điều 24" in old.lines()[0]
    new = find(evaluate(UnitData([someone]), 2025, pack, today=TODAY), 1, "LDTT")
    assert "Luật TĐKT 2022, Điều 24" in new.lines()[0]


def test_who_decides_follows_the_planned_decision_date(pack):
    """A 2024 CSTĐCS was the district chair's; the same year decided on 5/1/2025 still was, on 2/7/2025 not."""
    someone = person(ratings={2024: "HTXSNV"})
    before = find(evaluate(UnitData([someone]), 2024, pack, today=TODAY, on=date(2025, 1, 5)), 1, "CSTDCS")
    assert any("Chủ tịch UBND cấp huyện" in r.cite for r in before.reasons)
    after = find(evaluate(UnitData([someone]), 2024, pack, today=TODAY, on=date(2025, 7, 2)), 1, "CSTDCS")
    assert not any("cấp huyện" in r.cite for r in after.reasons)


def test_a_unit_that_is_not_a_commune_gets_no_household_or_village_titles(pack):
    data = UnitData([person()], [CollectiveRecord(9, "c9", "Tổ Toán", (1,), {YEAR: "HTTNV"})], unit_kind="truong_hoc")
    codes = {v.code for v in evaluate(data, YEAR, pack, today=TODAY)}
    assert {"LDTT", "CSTDCS", "TTLDTT", "GIAY_KHEN"} <= codes


def test_a_year_before_the_pack_is_refused(pack):
    from desktop.domain.rules import RulePackError

    with pytest.raises(RulePackError, match="01/01/2018"):
        evaluate(UnitData([person()]), 2017, pack, today=TODAY)


def test_study_leave_counts_as_worked_by_setting_with_its_citation(pack):
    studied = person(leaves=(LeavePeriod("study", date(YEAR, 1, 1), date(YEAR, 8, 31)),))
    verdict = find(evaluate(UnitData([studied]), YEAR, pack, today=TODAY), 1, "LDTT")
    assert verdict.status == E
    assert any("Thời gian đi học" in r.text and "Không có căn cứ" in r.cite for r in verdict.reasons)
