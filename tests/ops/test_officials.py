"""Who signs a decision depends on its date: terms of office of the unit's head and deputies (unit_officials).

Real store, the demo commune with its chairs recorded (Giàng Mí Sính to 30/06/2021, Sùng Mí Pháo from 01/07/2021, who
signs the demo's decisions of 2022–2024), the real review flow, the command line through desktop.cli.main and
``tdkt check``.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.cli import main
from desktop.ops import officials, review
from desktop.ops.check import check_database
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY

YEAR = 2025
COUNCIL = [
    {"full_name": "Sùng Mí Pháo", "role": "chair"},
    {"full_name": "Lò Văn Chứ", "role": "deputy"},
    {"full_name": "Hoàng Thị Mai", "role": "member"},
    {"full_name": "Vàng Thị Dở", "role": "secretary"},
]


def record_demo_chairs(store) -> None:
    """The demo's chairs (the demo records them itself; a store that has them keeps them as they are)."""
    if officials.list_officials(store):
        return
    officials.add_official(
        store, role="head", title="Chủ tịch", full_name="Giàng Mí Sính", start_date="2016-07-01", end_date="2021-06-30"
    )
    officials.add_official(store, role="head", title="Chủ tịch", full_name="Sùng Mí Pháo", start_date="2021-07-01")


@pytest.fixture
def bare_demo(store):
    """The demo commune with its recorded terms taken off (as a unit that never recorded any)."""
    fill_demo(store, today=DEMO_TODAY)
    for row in officials.list_officials(store):
        officials.remove_official(store, official_id=row["id"])
    return store


@pytest.fixture
def demo(bare_demo):
    record_demo_chairs(bare_demo)
    return bare_demo


@pytest.fixture
def year_round(demo) -> int:
    round_id = review.create_round(demo, year=YEAR, today=DEMO_TODAY)
    review.set_council(demo, round_id=round_id, meeting_date=date(YEAR, 12, 15), location="Hội trường", members=COUNCIL)
    return round_id


def _ldtt(store, round_id: int) -> list[int]:
    return [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:3]


def _issue(store, round_id: int, **header) -> int:
    values = {
        "decision_date": date(YEAR, 12, 20),
        "signer_title": "Chủ tịch",
        "signer_name": "Sùng Mí Pháo",
        "subject": f"Về việc tặng danh hiệu Lao động tiên tiến năm {YEAR}",
    } | header
    return review.issue_decision(store, round_id=round_id, nomination_ids=_ldtt(store, round_id), **values)


def _new_chair_from(store, day: date) -> None:
    """Sùng Mí Pháo leaves the day before ``day``; Lầu Mí Dình is chair from ``day``."""
    current = next(r for r in officials.list_officials(store) if r["full_name"] == "Sùng Mí Pháo")
    officials.end_term(store, official_id=current["id"], end_date=date.fromordinal(day.toordinal() - 1))
    officials.add_official(store, role="head", title="Chủ tịch", full_name="Lầu Mí Dình", start_date=day)


# -- the terms themselves ------------------------------------------------------------------------------------------
def test_no_term_recorded_no_check(bare_demo):
    round_id = review.create_round(bare_demo, year=YEAR, today=DEMO_TODAY)
    review.set_council(
        bare_demo, round_id=round_id, meeting_date=date(YEAR, 12, 15), location="Hội trường", members=COUNCIL
    )
    assert officials.list_officials(bare_demo) == []
    assert _issue(bare_demo, round_id, signer_name="Lầu Mí Dình")  # nothing recorded: anybody, as before
    assert check_database(bare_demo)["signers_out_of_office"] == []


def test_the_demo_chairs_and_its_decisions_pass_the_check(demo):
    rows = officials.list_officials(demo)
    assert [(r["role"], r["full_name"], r["start_date"], r["end_date"]) for r in rows] == [
        ("head", "Giàng Mí Sính", "2016-07-01", "2021-06-30"),
        ("head", "Sùng Mí Pháo", "2021-07-01", None),
    ]
    assert [r["full_name"] for r in officials.officials_on(demo, role="head", day=date(2021, 6, 30))] == [
        "Giàng Mí Sính"
    ]
    assert [r["full_name"] for r in officials.officials_on(demo, role="head", day=date(2022, 12, 26))] == [
        "Sùng Mí Pháo"
    ]
    assert officials.officials_on(demo, role="deputy", day=date(2022, 12, 26)) == []
    report = check_database(demo)
    assert report["signers_out_of_office"] == [] and report["ok"], report["messages"]


def test_terms_are_cleaned_ordered_and_do_not_overlap(store):
    first = officials.add_official(
        store, role="deputy", title="  Phó  Chủ tịch ", full_name="Lò  Văn Chứ", start_date="2021-07-01"
    )
    row = officials.list_officials(store)[0]
    assert (row["id"], row["title"], row["full_name"], row["end_date"]) == (first, "Phó Chủ tịch", "Lò Văn Chứ", None)
    with pytest.raises(ValidationError, match="trước ngày bắt đầu") as early:
        officials.add_official(
            store,
            role="deputy",
            title="Phó Chủ tịch",
            full_name="Lò Văn An",
            start_date="2024-01-01",
            end_date="2023-12-31",
        )
    assert early.value.field == "end_date"
    with pytest.raises(ValidationError, match="Chưa nhập họ tên"):
        officials.add_official(store, role="deputy", title="Phó Chủ tịch", full_name="  ", start_date="2024-01-01")
    with pytest.raises(ValidationError, match="Chưa nhập chức vụ"):
        officials.add_official(store, role="deputy", title="", full_name="A", start_date="2024-01-01")
    with pytest.raises(ValidationError) as bad_role:
        officials.add_official(store, role="chair", title="Chủ tịch", full_name="A", start_date="2024-01-01")
    assert bad_role.value.field == "role"
    # the same person, the same role, overlapping (the open term runs on): refused, however the name is written
    with pytest.raises(ValidationError, match=r"Lò Văn Chứ đã có nhiệm kỳ cấp phó từ 01/07/2021 đến nay \(dòng số"):
        officials.add_official(
            store, role="deputy", title="Phó Chủ tịch", full_name="LÒ VĂN CHỨ", start_date="2026-01-01"
        )
    # another deputy at the same time: allowed
    officials.add_official(store, role="deputy", title="Phó Chủ tịch", full_name="Vàng Thị Dở", start_date="2022-01-01")
    # the deputy made head while his deputy term runs on: refused (he could sign "KT. CHỦ TỊCH" for himself) ...
    with pytest.raises(ValidationError, match=r"Lò Văn Chứ đã có nhiệm kỳ cấp phó từ 01/07/2021 đến nay") as both:
        officials.add_official(store, role="head", title="Chủ tịch", full_name="Lò Văn Chứ", start_date="2026-01-01")
    assert both.value.field == "start_date"
    # ... nor can the deputy term then be ended on a day inside the head term; ended the day before, it is taken
    officials.end_term(store, official_id=first, end_date="2025-12-31")
    officials.add_official(store, role="head", title="Chủ tịch", full_name="Lò Văn Chứ", start_date="2026-01-01")
    with pytest.raises(ValidationError, match="người đứng đầu từ 01/01/2026"):
        officials.add_official(
            store, role="deputy", title="Phó Chủ tịch", full_name="Lò Văn Chứ", start_date="2026-03-01"
        )
    # a second head while the first one's term runs on: refused (one head at a time), naming who holds it
    with pytest.raises(ValidationError, match=r"Lò Văn Chứ giữ chức người đứng đầu từ 01/01/2026 đến nay") as two:
        officials.add_official(store, role="head", title="Chủ tịch", full_name="Lò Văn Mới", start_date="2026-12-10")
    assert two.value.field == "start_date"
    with pytest.raises(ValidationError, match="chỉ có một người đứng đầu"):  # nor a closed term reaching into it
        officials.add_official(
            store, role="head", title="Chủ tịch", full_name="Lò Văn Mới", start_date="2025-01-01", end_date="2026-01-01"
        )
    officials.add_official(  # the day before is free
        store, role="head", title="Chủ tịch", full_name="Lò Văn Mới", start_date="2025-01-01", end_date="2025-12-31"
    )
    with pytest.raises(ValidationError, match="trùng với nhiệm kỳ"):  # re-opened into his head term: overlap
        officials.end_term(store, official_id=first, end_date="2026-06-30")
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        officials.end_term(store, official_id=first, end_date="2020-01-01")
    on = officials.officials_on(store, role="deputy", day=date(2025, 12, 31))
    assert [r["full_name"] for r in on] == ["Vàng Thị Dở", "Lò Văn Chứ"]
    assert [r["role"] for r in officials.list_officials(store)] == ["head", "head", "deputy", "deputy"]
    officials.remove_official(store, official_id=first)
    assert first not in {r["id"] for r in officials.list_officials(store)}
    with pytest.raises(ValidationError, match="Không có nhiệm kỳ số"):
        officials.end_term(store, official_id=first, end_date="2025-12-31")
    operations = {
        r["operation"] for r in store.query("SELECT operation FROM audit_log WHERE table_name = 'unit_officials'")
    }
    assert operations == {"unit.official_add", "unit.official_end", "unit.official_remove"}


# -- issuing -------------------------------------------------------------------------------------------------------
def test_a_decision_signed_by_a_chair_elected_later_is_refused(demo, year_round):
    _new_chair_from(demo, date(2026, 1, 15))
    before = demo.scalar("SELECT count(*) FROM decisions")
    with pytest.raises(ValidationError) as caught:
        _issue(demo, year_round, signer_name="Lầu Mí Dình")
    message = str(caught.value)
    assert caught.value.field == "signer_name"
    assert "20/12/2025" in message and "Sùng Mí Pháo (Chủ tịch)" in message and "“Lầu Mí Dình”" in message
    assert "ghi nhiệm kỳ" in message
    assert demo.scalar("SELECT count(*) FROM decisions") == before
    # the chair in office that day signs, his name written in other capitals and spacing
    decision_id = _issue(demo, year_round, signer_name="sùng  MÍ pháo")
    assert review.get_decision(demo, decision_id=decision_id)["status"] == "issued"


def test_a_deputy_is_checked_only_once_deputies_are_recorded(demo, year_round):
    deputy = {"signing_mode": "deputy", "signer_title": "Phó Chủ tịch", "signer_name": "Lò Văn Chứ"}
    officials.add_official(demo, role="deputy", title="Phó Chủ tịch", full_name="Lò Văn Chứ", start_date="2026-01-01")
    with pytest.raises(ValidationError, match="Ngày 20/12/2025 chưa ghi ai là cấp phó theo nhiệm kỳ"):
        _issue(demo, year_round, **deputy)
    terms = officials.list_officials(demo)
    officials.remove_official(demo, official_id=next(r["id"] for r in terms if r["role"] == "deputy"))
    assert _issue(demo, year_round, **deputy)  # no deputy recorded at all: no check, as before


def test_a_former_chair_signing_kt_is_refused_even_with_no_deputy_recorded(demo, year_round):
    """Review: the chair until 30/06/2021 signed "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in 2025 and, no deputy term being
    recorded, nothing was checked. The head terms say he had left; a chair elected later may sign as the deputy
    he was before."""
    former = {"signing_mode": "deputy", "signer_title": "Phó Chủ tịch", "signer_name": "Giàng Mí Sính"}
    before = demo.scalar("SELECT count(*) FROM decisions")
    with pytest.raises(ValidationError) as caught:
        _issue(demo, year_round, **former)
    assert caught.value.field == "signer_name"
    assert "“Giàng Mí Sính” là Chủ tịch từ 01/07/2016 đến 30/06/2021 theo nhiệm kỳ đã ghi" in str(caught.value)
    assert "chưa ghi nhiệm kỳ cấp phó nào" in str(caught.value)
    assert demo.scalar("SELECT count(*) FROM decisions") == before
    _new_chair_from(demo, date(2026, 1, 15))  # Lầu Mí Dình, chair from 2026, may have been the deputy in 2025
    assert _issue(demo, year_round, signing_mode="deputy", signer_title="Phó Chủ tịch", signer_name="Lầu Mí Dình")


def test_a_replacement_is_signed_by_whoever_is_in_office_on_its_date(demo, year_round):
    decision_id = _issue(demo, year_round)
    _new_chair_from(demo, date(2025, 12, 29))
    with pytest.raises(ValidationError, match="Sùng Mí Pháo") as caught:
        review.correct_decision(
            demo, decision_id=decision_id, reason="Sai trích yếu", decision_date=date(2025, 12, 30), changes={}
        )
    assert "30/12/2025" in str(caught.value) and "Lầu Mí Dình (Chủ tịch)" in str(caught.value)
    assert review.get_decision(demo, decision_id=decision_id)["status"] == "issued"
    new_id = review.correct_decision(
        demo,
        decision_id=decision_id,
        reason="Sai trích yếu",
        decision_date=date(2025, 12, 30),
        changes={"signer_name": "Lầu Mí Dình"},
    )
    assert review.get_decision(demo, decision_id=new_id)["signer_name"] == "Lầu Mí Dình"


def test_an_acting_chair_signs_as_acting_and_a_full_chair_does_not(demo, year_round):
    """Review: a term recorded as "Quyền Chủ tịch" let a decision print "CHỦ TỊCH" over the acting chair's name,
    a post the terms say he did not hold; the name alone was compared."""
    _new_chair_from(demo, date(2025, 12, 1))
    acting = next(r for r in officials.list_officials(demo) if r["full_name"] == "Lầu Mí Dình")
    demo.execute("UPDATE unit_officials SET title = 'Quyền Chủ tịch' WHERE id = ?", (acting["id"],))
    before = demo.scalar("SELECT count(*) FROM decisions")
    with pytest.raises(ValidationError) as caught:
        _issue(demo, year_round, signer_name="Lầu Mí Dình")  # typed "Chủ tịch"
    assert caught.value.field == "signer_name"
    assert "“Lầu Mí Dình” giữ chức “Quyền Chủ tịch”" in str(caught.value)
    assert "chức vụ người ký là “Chủ tịch”" in str(caught.value)
    assert demo.scalar("SELECT count(*) FROM decisions") == before
    decision_id = _issue(demo, year_round, signer_name="Lầu Mí Dình", signer_title="Q. Chủ tịch")
    assert review.get_decision(demo, decision_id=decision_id)["signer_title"] == "Q. Chủ tịch"
    # the other way round: a full chair's term, a decision claiming "Quyền"; a replacement is checked the same way
    demo.execute("UPDATE unit_officials SET title = 'Chủ tịch' WHERE id = ?", (acting["id"],))
    assert [f["decision_id"] for f in check_database(demo)["signers_out_of_office"]] == [decision_id]
    with pytest.raises(ValidationError, match="giữ chức “Chủ tịch”"):
        review.correct_decision(
            demo, decision_id=decision_id, reason="Sai trích yếu", decision_date=date(2025, 12, 21), changes={}
        )
    new_id = review.correct_decision(
        demo,
        decision_id=decision_id,
        reason="Sai chức vụ người ký",
        decision_date=date(2025, 12, 21),
        changes={"signer_title": "Chủ tịch"},
    )
    assert review.get_decision(demo, decision_id=new_id)["signer_title"] == "Chủ tịch"
    assert check_database(demo)["signers_out_of_office"] == []


# -- tdkt check ----------------------------------------------------------------------------------------------------
def test_ending_or_removing_a_term_that_signed_issued_decisions_is_refused_and_nothing_changes(demo):
    """The demo's decisions of 26/12/2024 were signed by Sùng Mí Pháo in his recorded term: the list of terms must
    keep agreeing with them. Ending his term before that day, or deleting it while Giàng Mí Sính's stays recorded,
    would turn them into decisions signed out of office."""
    current = next(r for r in officials.list_officials(demo) if r["full_name"] == "Sùng Mí Pháo")
    refused = r"Sùng Mí Pháo \(Chủ tịch\).*1/QĐ-UBND ngày 26/12/2024.*thay thế hoặc hủy"
    with pytest.raises(ValidationError, match=refused):
        officials.end_term(demo, official_id=current["id"], end_date=date(2023, 12, 31))
    with pytest.raises(ValidationError, match="ngày 26/12/2024"):
        officials.remove_official(demo, official_id=current["id"])
    assert officials.get_official(demo, current["id"]) == current  # neither change was written
    assert check_database(demo)["signers_out_of_office"] == []
    _new_chair_from(demo, date(2025, 1, 1))  # a term ended after the last decision it signed: allowed
    assert next(r for r in officials.list_officials(demo) if r["id"] == current["id"])["end_date"] == "2024-12-31"


def test_check_lists_decisions_whose_signer_was_not_in_office(demo):
    # a database whose terms were changed before the program refused it (or edited by hand): Sùng Mí Pháo's term
    # ends 31/12/2023 and Lầu Mí Dình is chair from 01/01/2024, so the demo's 26/12/2024 decisions are out of office
    demo.execute("UPDATE unit_officials SET end_date = '2023-12-31' WHERE full_name = 'Sùng Mí Pháo'")
    officials.add_official(demo, role="head", title="Chủ tịch", full_name="Lầu Mí Dình", start_date=date(2024, 1, 1))
    report = check_database(demo)
    found = report["signers_out_of_office"]
    assert found and {f["decision_date"] for f in found} == {"2024-12-26"} and not report["ok"]
    assert all("Lầu Mí Dình (Chủ tịch)" in f["message"] and "26/12/2024" in f["message"] for f in found)
    assert any("người ký không giữ chức vụ vào ngày ký" in m for m in report["messages"])


# -- the command line ----------------------------------------------------------------------------------------------
@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo", "--today", "2025-12-04")[0] == 0  # the demo records its two chairs
    listed = run("unit", "official", "list")[1]
    assert "Giàng Mí Sính\t01/07/2016\t30/06/2021" in listed and "Sùng Mí Pháo\t01/07/2021\tnay" in listed
    return run


def test_cli_add_list_end(tdkt):
    code, out, err = tdkt(
        "unit", "official", "add", "--role", "deputy", "--title", "Phó Chủ tịch", "--name", "Lò Văn Chứ",
        "--from", "01/07/2021", "--json",
    )  # fmt: skip
    assert code == 0, err
    added = json.loads(out)
    assert (added["role"], added["full_name"], added["start_date"], added["end_date"]) == (
        "deputy", "Lò Văn Chứ", "2021-07-01", None,
    )  # fmt: skip
    code, out, err = tdkt("unit", "official", "end", "--id", str(added["id"]), "--to", "2026-06-30")
    assert code == 0, err
    assert "Phó Chủ tịch Lò Văn Chứ, từ 01/07/2021 đến 30/06/2026" in out
    code, out, err = tdkt("unit", "official", "list")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0].split("\t")[1:] == ["Người đứng đầu", "Chủ tịch", "Giàng Mí Sính", "01/07/2016", "30/06/2021"]
    assert lines[-1].split("\t")[1:] == ["Cấp phó", "Phó Chủ tịch", "Lò Văn Chứ", "01/07/2021", "30/06/2026"]
    listed = json.loads(tdkt("unit", "official", "list", "--json")[1])
    assert [r["full_name"] for r in listed] == ["Giàng Mí Sính", "Sùng Mí Pháo", "Lò Văn Chứ"]
    # refused: a date not written either way, an end before the start, an overlap
    code, _out, err = tdkt("unit", "official", "end", "--id", str(added["id"]), "--to", "30-06-2026")
    assert code == 1 and "DD/MM/YYYY" in err
    code, _out, err = tdkt("unit", "official", "end", "--id", str(added["id"]), "--to", "2020-01-01")
    assert code == 1 and "trước ngày bắt đầu" in err
    code, _out, err = tdkt(
        "unit", "official", "add", "--role", "head", "--title", "Chủ tịch", "--name", "Sùng Mí Pháo",
        "--from", "2025-01-01",
    )  # fmt: skip
    assert code == 1 and "trùng với nhiệm kỳ" in err
    code, _out, err = tdkt("unit", "official", "remove", "--id", str(added["id"]))
    assert code == 0, err
    assert len(json.loads(tdkt("unit", "official", "list", "--json")[1])) == 2


def test_the_two_tone_placements_are_one_name_and_a_far_future_start_is_refused(demo):
    """ "Lò Thị Thuỷ" recorded, "Lò Thị Thủy" typed on the decision: the same person (both spellings are in use)."""
    officials.add_official(demo, role="deputy", title="Phó Chủ tịch", full_name="Lò Thị Thuỷ", start_date="2021-07-01")
    assert officials.signer_problem(demo, mode="deputy", signer_name="Lò Thị Thủy", day=date(2025, 12, 20)) is None
    assert officials.signer_problem(demo, mode="deputy", signer_name="Lò Thị Thùy", day=date(2025, 12, 20))
    with pytest.raises(ValidationError, match="quá xa trong tương lai"):
        officials.add_official(
            demo, role="deputy", title="Phó Chủ tịch", full_name="Lò Văn Chứ", start_date="2099-02-01"
        )


def test_a_term_of_the_other_role_that_day_is_no_signature_of_this_one(demo):
    """Review O: the chair in office signing "KT. CHỦ TỊCH" as his own deputy, and a recorded deputy signing
    "CHỦ TỊCH" in a file with no head term, both printed and passed the check."""
    chair = officials.officials_on(demo, role="head", day=date(2025, 12, 20))[0]["full_name"]
    problem = officials.signer_problem(demo, mode="deputy", signer_name=chair, day=date(2025, 12, 20))
    assert problem and chair in problem and "người đứng đầu" in problem and "cấp phó" in problem
    # before his head term began he may have been the deputy: not flagged
    assert officials.signer_problem(demo, mode="deputy", signer_name=chair, day=date(2019, 1, 10)) is None
    for row in officials.list_officials(demo):
        officials.remove_official(demo, official_id=row["id"])
    officials.add_official(demo, role="deputy", title="Phó Chủ tịch", full_name="Lò Văn Minh", start_date="2025-01-01")
    for mode in ("chair", "body"):
        problem = officials.signer_problem(demo, mode=mode, signer_name="Lò Văn Minh", day=date(2025, 12, 20))
        assert problem and "cấp phó" in problem and "Phó Chủ tịch" in problem
    # a name the terms do not know is still not checked while no head term is recorded
    assert officials.signer_problem(demo, mode="chair", signer_name="Hoàng Văn Dũng", day=date(2025, 12, 20)) is None


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x","Lò Văn Minh")', "---", "<b>Lò Văn Minh</b>", "x"])
def test_a_signer_name_that_is_no_persons_name_is_refused(demo, name):
    """Review O: these were recorded as terms and printed under the signature of a decision."""
    with pytest.raises(ValidationError) as refused:
        officials.add_official(demo, role="deputy", title="Phó Chủ tịch", full_name=name, start_date="2025-01-01")
    assert refused.value.field == "full_name"
    from desktop.ops.review.common import printed_text

    with pytest.raises(ValidationError) as refused:
        printed_text("signer_name", name)
    assert refused.value.field == "signer_name"
    assert printed_text("signer_name", "H'Hen Niê") == "H'Hen Niê"


def test_a_proposal_of_a_past_year_printed_again_is_signed_by_the_head_of_its_date(demo, tmp_path):
    """Sùng Mí Pháo chaired until 30/06/2025; Lầu Mí Dình is today's head (the unit row). The 2024 tờ trình to the
    province, dated at its council (15/12/2024) and printed again today, is still signed by Sùng Mí Pháo."""
    from pypdf import PdfReader

    from desktop.ops import setup
    from desktop.ops.documents import render_document

    _new_chair_from(demo, date(2025, 7, 1))
    setup.update_unit(demo, values={"head_name": "Lầu Mí Dình"})
    round_2024 = demo.scalar("SELECT id FROM review_rounds WHERE year = 2024")
    upward = review.proposal_doc(demo, round_id=round_2024, upward=True)
    assert (upward.doc_date, upward.unit.head_name) == (date(2024, 12, 15), "Sùng Mí Pháo")
    pdf = render_document(demo, kind="proposal", out=tmp_path / "ttr.pdf", round_id=round_2024, upward=True)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Sùng Mí Pháo" in text and "Lầu Mí Dình" not in text
    # a tờ trình dated after the change (the round of 2025 at its council) is signed by the new head
    round_2025 = review.create_round(demo, year=2025, today=DEMO_TODAY)
    review.set_council(
        demo, round_id=round_2025, meeting_date=date(2025, 12, 15), location="Hội trường", members=COUNCIL
    )
    assert review.proposal_doc(demo, round_id=round_2025, upward=True).unit.head_name == "Lầu Mí Dình"


def test_a_movements_review_report_is_signed_by_the_head_of_its_review_date(demo, tmp_path):
    """The demo's sơ kết of 30/06/2023 (Sùng Mí Pháo chaired then) and of 15/07/2025 (after Lầu Mí Dình took over on
    01/07/2025), printed today: each is signed by the head of its own day."""
    from pypdf import PdfReader

    from desktop.ops import movements, setup

    _new_chair_from(demo, date(2025, 7, 1))
    setup.update_unit(demo, values={"head_name": "Lầu Mí Dình"})
    signed = {}
    for row in demo.query("SELECT id, review_date FROM movement_reviews ORDER BY review_date"):
        pdf = movements.export_review(demo, review_id=row["id"], out=tmp_path / f"review{row['id']}.pdf")
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        signed[row["review_date"]] = [name for name in ("Sùng Mí Pháo", "Lầu Mí Dình") if name in text]
    assert signed == {"2023-06-30": ["Sùng Mí Pháo"], "2025-07-15": ["Lầu Mí Dình"]}


def test_check_lists_terms_that_overlap_as_entering_them_now_refuses(demo):
    # terms recorded before the program refused overlaps (or edited by hand): a deputy made chair whose deputy term
    # was left open, and a second chair whose predecessor's term was never closed
    deputy = officials.add_official(
        demo, role="deputy", title="Phó Chủ tịch", full_name="Lò Văn Chứ", start_date=date(2016, 7, 1)
    )
    assert check_database(demo)["overlapping_terms"] == []
    stamp = "2024-01-01T00:00:00"
    for role, name, start in (("head", "LÒ VĂN CHỨ", "2023-01-01"), ("head", "Lầu Mí Dình", "2024-03-01")):
        demo.execute(
            "INSERT INTO unit_officials (uuid, role, title, full_name, start_date, end_date, created_at, updated_at) "
            "VALUES (?, ?, 'Chủ tịch', ?, ?, NULL, ?, ?)",
            (f"u-{name}", role, name, start, stamp, stamp),
        )
    report = check_database(demo)
    found = {(f["full_name"], f["other_id"]) for f in report["overlapping_terms"]}
    pháo = demo.scalar("SELECT id FROM unit_officials WHERE full_name = 'Sùng Mí Pháo'")
    chứ = demo.scalar("SELECT id FROM unit_officials WHERE full_name = 'LÒ VĂN CHỨ'")
    # the deputy's head term clashes with his own open deputy term and with the open chair's; the later chair with
    # both open chairs; each pair once, named by its later term
    assert found == {("LÒ VĂN CHỨ", deputy), ("LÒ VĂN CHỨ", pháo), ("Lầu Mí Dình", pháo), ("Lầu Mí Dình", chứ)}
    assert not report["ok"] and chứ
    assert any("trùng thời gian" in m and "01/03/2024" in m for m in report["messages"])
    # closing the old terms clears it
    demo.execute("UPDATE unit_officials SET end_date = '2022-12-31' WHERE id IN (?, ?)", (deputy, pháo))
    demo.execute("UPDATE unit_officials SET end_date = '2024-02-29' WHERE id = ?", (chứ,))
    assert check_database(demo)["overlapping_terms"] == []
