"""TTLĐTT and TTLĐXS verdicts say which members were counted and why, so the clerk can redo the percentages by hand."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.eligibility import Reason, Status, evaluate
from desktop.domain.eligibility import collectives as eligibility
from desktop.domain.history import AwardRecord, CollectiveRecord, DisciplineRecord, PersonRecord, UnitData
from desktop.domain.rules import load_default_pack

YEAR = 2025
TODAY = date(2026, 1, 10)


@pytest.fixture(scope="module")
def pack():
    return load_default_pack()


def member(pid: int, name: str, rating: str | None = "HTTNV", **kw) -> PersonRecord:
    kw.setdefault("start_date", date(2015, 1, 1))
    return PersonRecord(id=pid, uuid=f"u{pid}", name=name, ratings={YEAR: rating} if rating else {}, **kw)


def team(people: list[PersonRecord], rating: str = "HTXSNV") -> CollectiveRecord:
    return CollectiveRecord(50, "c50", "Tổ một cửa", tuple(p.id for p in people), {YEAR: rating})


def verdict(pack, people, collective, code):
    verdicts = evaluate(UnitData(list(people), [collective]), YEAR, pack, today=TODAY)
    return next(v for v in verdicts if v.subject == "collective" and v.code == code)


def notes(found) -> list[str]:
    return [r.text for r in found.reasons if r.met is None and r.text.startswith("Thành viên")]


@pytest.fixture
def people() -> list[PersonRecord]:
    return [
        member(1, "An", "HTXSNV", awards=(AwardRecord(YEAR, "LDTT"), AwardRecord(YEAR, "CSTDCS"))),  # decided
        member(2, "Bình"),  # meets LĐTT now
        member(3, "Chi", "HTXSNV"),  # meets LĐTT; CSTĐCS awaits the council's vote
        member(4, "Dung", "HTNV"),  # completes tasks, not LĐTT
        member(5, "Em", None),  # not rated
        member(6, "Giang", start_date=date(YEAR, 9, 1)),  # newly recruited
        member(7, "Hà", disciplines=(DisciplineRecord("khien_trach", date(YEAR, 3, 1), date(YEAR + 1, 2, 28)),)),
        member(8, "Khoa", disciplines=(DisciplineRecord("canh_cao", date(YEAR, 11, 1), pending=True),)),  # deferred
        member(9, "Lan", end_date=date(YEAR, 3, 31)),  # left in March: worked 3 months
    ]


def test_ttldtt_lists_who_is_ldtt_and_who_is_not_with_the_reason(pack, people):
    found = verdict(pack, people, team(people), "TTLDTT")
    # Giang (too new to be rated) and Lan (left in March) are not in the base, and the reason says so.
    assert any(
        r.text
        == "3/7 thành viên đạt LĐTT = 42,8% (cần nhiều hơn 50%); không tính: Giang (mới tuyển dụng từ 01/09/2025, "
        "chưa đủ 6 tháng), Lan (thôi công tác tại đơn vị từ 31/03/2025)"
        for r in found.reasons
    )
    ldtt, not_ldtt = notes(found)
    assert ldtt == "Thành viên đạt LĐTT năm 2025 (3/7): An (đã có quyết định), Bình, Chi"
    assert not_ldtt == (
        "Thành viên chưa đạt LĐTT năm 2025 (4/7): Dung: xếp loại HTNV; Em: chưa có xếp loại; "
        "Hà: đang thi hành kỷ luật; Khoa: tạm hoãn xét"
    )
    # Notes carry the citation of the rule they explain and never change the verdict.
    member_notes = [r for r in found.reasons if r.text.startswith("Thành viên")]
    assert all(r.met is None and r.cite == "Luật TĐKT 2022, Điều 28" for r in member_notes)
    assert found.status == Status.NOT_ELIGIBLE


def test_ttldxs_lists_who_completes_tasks_who_is_ldtt_and_the_cstdcs(pack, people):
    found = verdict(pack, people, team(people), "TTLDXS")
    texts = notes(found)
    assert texts[0] == (
        "Thành viên xếp loại HTNV trở lên năm 2025 (6/7): An (HTXSNV), Bình (HTTNV), Chi (HTXSNV), Dung (HTNV), "
        "Hà (HTTNV), Khoa (HTTNV)"
    )
    assert texts[1] == "Thành viên dưới mức đó hoặc chưa xếp loại (1/7): Em (chưa xếp loại)"
    assert texts[2].startswith("Thành viên đạt LĐTT năm 2025 (3/7): An (đã có quyết định)")
    assert texts[3].startswith("Thành viên chưa đạt LĐTT năm 2025 (4/7): Dung: xếp loại HTNV")
    assert texts[4] == "Thành viên đạt CSTĐCS năm 2025: An (đã có quyết định), Chi (chờ Hội đồng bỏ phiếu)"
    # each list sits right after the check whose percentage it explains
    lines = [r.text for r in found.reasons]
    check = next(i for i, t in enumerate(lines) if "xếp loại Hoàn thành nhiệm vụ trở lên" in t)
    assert lines.index(texts[0]) == check + 1


def test_everyone_counted_leaves_no_list_of_others(pack):
    people = [member(i, f"Người {i}") for i in range(1, 4)]
    found = verdict(pack, people, team(people, "HTTNV"), "TTLDTT")
    assert notes(found) == ["Thành viên đạt LĐTT năm 2025 (3/3): Người 1, Người 2, Người 3"]
    assert found.status == Status.ELIGIBLE


def test_a_collective_without_members_gets_no_lists(pack):
    empty = CollectiveRecord(60, "c60", "Tổ trống", (), {YEAR: "HTTNV"})
    verdicts = evaluate(UnitData([], [empty]), YEAR, pack, today=TODAY)
    assert all(not notes(v) for v in verdicts if v.subject == "collective")


def test_the_lists_are_built_once_per_collective(pack, people, monkeypatch):
    built: list[object] = []
    original = eligibility._MemberLists

    def counting(*args, **kwargs):
        built.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(eligibility, "_MemberLists", counting)
    other = [member(20 + i, f"Tổ hai {i}") for i in range(3)]
    second = CollectiveRecord(51, "c51", "Tổ hai", tuple(p.id for p in other), {YEAR: "HTTNV"})
    verdicts = evaluate(UnitData([*people, *other], [team(people), second]), YEAR, pack, today=TODAY)
    assert {v.code for v in verdicts if v.subject == "collective"} >= {"TTLDTT", "TTLDXS"}
    assert len(built) == 2  # one per collective, shared by its TTLĐTT and TTLĐXS verdicts


def test_english_lists(pack, people):
    from desktop.i18n import set_language

    set_language("en")
    try:
        found = verdict(pack, people, team(people), "TTLDTT")
    finally:
        set_language("vi")
    texts = [r.text for r in found.reasons if isinstance(r, Reason) and r.met is None]
    assert any(t.startswith("Members who are ") and "(already decided)" in t for t in texts)
    share = next(r.text for r in found.reasons if r.met is False and "not counted" in r.text)
    assert "not counted: Giang (newly recruited on 01/09/2025, under 6 months), Lan (left the unit on 31/03/2025)" in (
        share
    )
