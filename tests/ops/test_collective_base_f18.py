"""A collective's titles: TTLĐXS is refused for a member under cảnh cáo as TTLĐTT is (Luật 2003 sửa đổi 2013,
Điều 27.1.d; from 2024 as TTLĐTT's rule, unconfirmed), and the shares count neither members who left before
31 December nor recruits too new to be rated — the reason names them ("không tính: …")."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.staff import StaffDraft
from desktop.ops import review
from desktop.ops.collectives import set_collective_rating
from desktop.ops.rules import evaluate_year
from desktop.ops.staff import add_discipline, add_initiative, add_staff, set_rating
from desktop.ops.unit import add_department

TODAY = date(2026, 12, 6)


def _person(store, name, dept, year, rating=None, start=date(2015, 1, 1), end=None) -> int:
    sid = add_staff(
        store, draft=StaffDraft(full_name=name, gender="M", department=dept, start_date=start, end_date=end)
    )
    if rating:
        set_rating(store, staff_id=sid, year=year, rating=rating)
    return sid


def _verdicts(store, year, department_id):
    return {
        v.code: v
        for v in evaluate_year(store, year=year, today=TODAY)
        if v.subject == "collective" and v.subject_id == department_id
    }


@pytest.mark.parametrize(
    ("year", "cite"),
    [
        (2022, "Luật TĐKT 2003 (sửa đổi 2013), Điều 27.1.d"),
        (2026, "Luật TĐKT 2022, Điều 27 (chọn trong các tập thể đạt TTLĐTT, Điều 28) (chưa xác nhận)"),
    ],
)
def test_ttldxs_is_refused_for_a_member_under_canh_cao_as_ttldtt_is(unit_store, year, cite):
    dept = add_department(unit_store, name="Tổ Kỷ Luật", kind="department")
    star = _person(unit_store, "An Xuất Sắc", "Tổ Kỷ Luật", year, "HTXSNV")
    add_initiative(unit_store, staff_id=star, title="Sáng kiến A", level="co_so", recognized_on=date(year, 6, 1))
    for name in ("Bình Tốt", "Chi Tốt", "Dung Tốt"):
        _person(unit_store, name, "Tổ Kỷ Luật", year, "HTTNV")
    warned = _person(unit_store, "Em Cảnh Cáo", "Tổ Kỷ Luật", year, "HTNV")
    add_discipline(
        unit_store, staff_id=warned, level="canh_cao", start_date=date(year, 3, 1), end_date=date(year, 8, 31),
        reason="Vi phạm", decision_no="1/QĐ",
    )  # fmt: skip
    set_collective_rating(unit_store, department_id=dept, year=year, rating="HTXSNV")
    verdicts = _verdicts(unit_store, year, dept)
    for code in ("TTLDTT", "TTLDXS"):
        assert str(verdicts[code].status) == "not_eligible", verdicts[code].lines()
    blocked = [r for r in verdicts["TTLDXS"].reasons if r.met is False and "kỷ luật" in r.text]
    assert [r.text for r in blocked] == [
        f"Có thành viên bị kỷ luật từ cảnh cáo trở lên trong năm: Em Cảnh Cáo: Cảnh cáo (01/03/{year} – 31/08/{year})"
    ]
    assert blocked[0].cite == cite
    if year == 2022:
        round_id = review.create_round(unit_store, year=year, today=TODAY)
        codes = {n["code"] for n in review.get_round(unit_store, round_id)["nominations"] if n["department_id"] == dept}
        assert "TTLDXS" not in codes and "TTLDTT" not in codes


def test_members_who_left_early_are_not_in_the_shares(unit_store):
    year = 2026
    dept = add_department(unit_store, name="Tổ Nghỉ Hưu", kind="department")
    _person(unit_store, "An Ở Lại", "Tổ Nghỉ Hưu", year, "HTXSNV")
    _person(unit_store, "Bình Ở Lại", "Tổ Nghỉ Hưu", year, "HTTNV")
    _person(unit_store, "Cường Nghỉ Hưu", "Tổ Nghỉ Hưu", year, start=date(1990, 1, 1), end=date(year, 1, 31))
    _person(unit_store, "Dũng Chuyển Đi", "Tổ Nghỉ Hưu", year, start=date(2000, 1, 1), end=date(year, 2, 15))
    _person(unit_store, "Giang Đến Cuối Năm", "Tổ Nghỉ Hưu", year, "HTTNV", end=date(year, 12, 31))  # counted
    set_collective_rating(unit_store, department_id=dept, year=year, rating="HTXSNV")
    verdicts = _verdicts(unit_store, year, dept)
    ttldtt = verdicts["TTLDTT"]
    assert str(ttldtt.status) == "eligible", ttldtt.lines()
    left_out = (
        "; không tính: Dũng Chuyển Đi (thôi công tác tại đơn vị từ 15/02/2026), "
        "Cường Nghỉ Hưu (thôi công tác tại đơn vị từ 31/01/2026)"
    )
    assert [r.text for r in ttldtt.reasons if r.met and "thành viên đạt LĐTT" in r.text] == [
        "3/3 thành viên đạt LĐTT = 100,0% (cần nhiều hơn 50%)" + left_out
    ]
    ttldxs = verdicts["TTLDXS"]
    shares = [r.text for r in ttldxs.reasons if "thành viên" in r.text and r.met is not None and "%" in r.text]
    assert all(text.startswith("3/3 ") and text.endswith(left_out) for text in shares) and len(shares) == 2
    assert str(ttldxs.status) == "needs_vote"  # waits for An's CSTĐCS ballot only


def test_a_recruit_too_new_to_be_rated_is_not_in_the_shares(unit_store):
    year = 2026
    dept = add_department(unit_store, name="Tổ Tuyển Mới", kind="department")
    _person(unit_store, "An Xuất Sắc", "Tổ Tuyển Mới", year, "HTXSNV")
    for name in ("Bình Tốt", "Chi Tốt", "Dung Tốt"):
        _person(unit_store, name, "Tổ Tuyển Mới", year, "HTTNV")
    _person(unit_store, "Em Mới Vào", "Tổ Tuyển Mới", year, start=date(year, 10, 1))  # under 6 months: not rated
    set_collective_rating(unit_store, department_id=dept, year=year, rating="HTXSNV")
    ttldxs = _verdicts(unit_store, year, dept)["TTLDXS"]
    assert str(ttldxs.status) == "needs_vote", ttldxs.lines()
    assert (
        "4/4 thành viên xếp loại Hoàn thành nhiệm vụ trở lên = 100,0% (cần từ 100%); không tính: Em Mới Vào "
        "(mới tuyển dụng từ 01/10/2026, chưa đủ 6 tháng)"
    ) in [r.text for r in ttldxs.reasons]
