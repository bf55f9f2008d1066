"""What the unit proposes upward is what it sends: the tờ trình and its list lên tỉnh hold one sending (the
nominations a dossier would take now and no dossier has taken, else the latest dossier's, or a given dossier's),
never a nominee the council refused or has not voted on; and a CSTĐ cấp tỉnh, which builds on the person's CSTĐCS
of the year (Luật TĐKT 2022, Điều 22), does not go up when the council did not vote that CSTĐCS through.

The demo commune of 20/11/2026 and its 2026 round: Vũ Thị Hồng Hằng is proposed for Bằng khen tỉnh, Đỗ Văn Khánh
too (his HTXSNV run 2023–2026 and two initiatives within it, needing no vote), Đặng Văn Sơn for CSTĐ cấp tỉnh (his
Bằng khen tỉnh of 2025 used his CSTĐCS years up to 2025: none again from them), Phòng Kinh tế and the office for
TTLĐXS, each building on CSTĐCS 2026.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop.ops import documents, review
from desktop.ops.demo import fill_demo
from desktop.ops.review.common import cstdcs_reliance
from desktop.store import Store, ValidationError
from desktop.store.rules_repo import effective_pack
from tests.collective_flow import decide_members_ldtt

TODAY = date(2026, 11, 20)
MEETING = date(2026, 11, 25)
COUNCIL = [{"full_name": "Chủ tịch A", "role": "chair", "attended": True}] + [
    {"full_name": f"Ủy viên {i}", "role": "member", "attended": True} for i in range(1, 10)
]


def pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


@pytest.fixture
def year_round(store: Store) -> int:
    fill_demo(store, today=TODAY)
    return review.create_round(store, year=2026, today=TODAY)


def nomination(store: Store, round_id: int, code: str, name: str) -> dict[str, Any]:
    (row,) = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == code and n["name"] == name]
    return row


def vote(store: Store, nomination_id: int, agree: int) -> None:
    review.record_ballot(store, nomination_id=nomination_id, agree=agree, disagree=10 - agree, invalid=0)


def council_refuses_son(store: Store, round_id: int) -> None:
    """Sơn's CSTĐCS 2026 fails (5/10), his CSTĐ cấp tỉnh passes its own ballot (10/10); Hằng's CSTĐCS passes."""
    review.set_council(store, round_id=round_id, meeting_date=MEETING, location="Hội trường", members=COUNCIL)
    vote(store, nomination(store, round_id, "CSTDCS", "Đặng Văn Sơn")["id"], 5)
    vote(store, nomination(store, round_id, "CSTD_TINH", "Đặng Văn Sơn")["id"], 10)
    vote(store, nomination(store, round_id, "CSTDCS", "Vũ Thị Hồng Hằng")["id"], 10)


def office_ldtt_decided(store: Store, round_id: int) -> None:
    """The commune decides the office's members' LĐTT 2026: its TTLĐXS goes up on the share they hold (Luật TĐKT
    2022, Điều 27), not on the forecast."""
    office = store.scalar("SELECT id FROM departments WHERE name = ?", ("Văn phòng HĐND và UBND",))
    decide_members_ldtt(store, round_id, office, MEETING)


def lines(store: Store, round_id: int) -> set[tuple[str, str]]:
    return {(line.name, line.code) for line in review.proposal_doc(store, round_id=round_id, upward=True).lines}


def test_the_rule_pack_says_which_upward_proposals_build_on_this_years_cstdcs(year_round, store):
    pack = effective_pack(store)
    assert cstdcs_reliance(pack, "CSTD_TINH", 2026) == "own"  # Điều 22: CSTĐCS years ending this one
    assert cstdcs_reliance(pack, "BK_TINH", 2026) == "own_route"  # or HTXSNV years
    assert cstdcs_reliance(pack, "TTLDXS", 2026) == "members"
    assert cstdcs_reliance(pack, "LDTT", 2026) == ""
    assert cstdcs_reliance(pack, "CSTDCS", 2026) == ""  # builds on LĐTT, not on itself


def test_cstd_tinh_does_not_go_up_when_the_persons_cstdcs_failed(year_round, store):
    council_refuses_son(store, year_round)
    dossier = review.get_dossier(store, dossier_id=review.build_dossier(store, round_id=year_round))
    sent = {(n["name"], n["code"]) for n in dossier["nominations"]}
    assert ("Đặng Văn Sơn", "CSTD_TINH") not in sent
    assert ("Đặng Văn Sơn", "BK_TINH") not in sent
    assert ("Vũ Thị Hồng Hằng", "BK_TINH") in sent
    assert (
        "Đặng Văn Sơn (Chiến sĩ thi đua cấp tỉnh): đề nghị dựa vào danh hiệu Chiến sĩ thi đua cơ sở năm 2026"
        in (dossier["notes"])
    )
    son = nomination(store, year_round, "CSTD_TINH", "Đặng Văn Sơn")
    assert son["status"] == "passed"  # its own ballot passed; it stays at home, not sent up


def test_before_the_dossier_the_to_trinh_lists_what_the_dossier_takes(year_round, store, tmp_path):
    council_refuses_son(store, year_round)
    proposed = lines(store, year_round)
    assert ("Đặng Văn Sơn", "CSTD_TINH") not in proposed and ("Vũ Thị Hồng Hằng", "BK_TINH") in proposed
    pdf = documents.render_document(
        store, kind="proposal", round_id=year_round, upward=True, out=tmp_path / "to-trinh.pdf"
    )
    text = pdf_text(pdf)
    assert "Vũ Thị Hồng Hằng" in text and "Đặng Văn Sơn" not in text
    assert "Chiến sĩ thi đua cấp tỉnh" not in text
    listed = pdf_text(
        documents.render_document(
            store, kind="proposal_list", round_id=year_round, upward=True, out=tmp_path / "danh-sach.pdf"
        )
    )
    assert "Vũ Thị Hồng Hằng" in listed and "Đặng Văn Sơn" not in listed
    dossier = review.get_dossier(store, dossier_id=review.build_dossier(store, round_id=year_round))
    assert {(n["name"], n["code"]) for n in dossier["nominations"]} == proposed
    assert lines(store, year_round) == proposed  # and after it, the same


def test_after_the_dossier_the_to_trinh_holds_the_dossiers_nominations(year_round, store, tmp_path):
    council_refuses_son(store, year_round)
    office_ldtt_decided(store, year_round)
    dossier = review.get_dossier(store, dossier_id=review.build_dossier(store, round_id=year_round))
    in_dossier = {(n["name"], n["code"]) for n in dossier["nominations"]}
    assert lines(store, year_round) == in_dossier  # nothing else is ready: a reprint of what was sent
    # Khánh's CSTĐCS, voted after the dossier was built, makes the office's TTLĐXS ready: the next sending's
    # tờ trình lists it alone; the dossier's own tờ trình still holds what it sent.
    vote(store, nomination(store, year_round, "CSTDCS", "Đỗ Văn Khánh")["id"], 10)
    assert lines(store, year_round) == {("Văn phòng HĐND và UBND", "TTLDXS")}
    text = pdf_text(
        documents.render_document(
            store, kind="proposal", round_id=year_round, upward=True, dossier_id=dossier["id"], out=tmp_path / "tt.pdf"
        )
    )
    assert "Chiến sĩ thi đua cấp tỉnh" not in text
    sent = review.proposal_doc(store, round_id=year_round, upward=True, dossier_id=dossier["id"]).lines
    assert {(line.name, line.code) for line in sent} == in_dossier  # not the office's TTLĐXS
    for name, _code in in_dossier:
        assert name in text


def test_without_any_ballot_nothing_is_proposed_upward_and_the_refusal_says_why(year_round, store, tmp_path):
    # Khánh's Bằng khen rests on his HTXSNV years and two initiatives of that run (Điều 74.1.d), on no vote of
    # this year: it goes up without a ballot. Withdrawn here, nothing else may go.
    assert lines(store, year_round) == {("Đỗ Văn Khánh", "BK_TINH")}
    khanh = nomination(store, year_round, "BK_TINH", "Đỗ Văn Khánh")
    review.remove_nomination(store, nomination_id=khanh["id"], reason="Thử: chỉ còn đề nghị cần bỏ phiếu")
    out = tmp_path / "to-trinh.pdf"
    for kind in ("proposal", "proposal_list"):
        with pytest.raises(ValidationError) as refused:
            documents.render_document(store, kind=kind, round_id=year_round, upward=True, out=out)
        message = str(refused.value)
        assert "để đưa vào tờ trình" in message
        assert "Vũ Thị Hồng Hằng (Bằng khen của Chủ tịch UBND tỉnh)" in message and "Hội đồng chưa bỏ phiếu" in message
        assert "Chiến sĩ thi đua cấp tỉnh" not in message  # its own ballot is missing: not proposed at all
    assert not out.exists()
    # The unit's own tờ trình (titles it confers) is still printed before the council votes.
    assert review.proposal_doc(store, round_id=year_round, upward=False).lines


def test_the_to_trinh_follows_one_sending_the_next_or_else_the_last(year_round, store, tmp_path):
    """Dossier 1 sends Hằng's Bằng khen; Sơn's ballots pass later: the tờ trình is the next sending (Sơn's CSTĐ cấp
    tỉnh, not Hằng's again); once dossier 2 sends them, it reprints dossier 2; each dossier prints its own."""
    review.set_council(store, round_id=year_round, meeting_date=MEETING, location="Hội trường", members=COUNCIL)
    vote(store, nomination(store, year_round, "CSTDCS", "Vũ Thị Hồng Hằng")["id"], 10)
    first = review.build_dossier(store, round_id=year_round)
    sent_first = {(n["name"], n["code"]) for n in review.get_dossier(store, dossier_id=first)["nominations"]}
    assert ("Vũ Thị Hồng Hằng", "BK_TINH") in sent_first
    assert lines(store, year_round) == sent_first  # nothing new is ready: a reprint of dossier 1
    vote(store, nomination(store, year_round, "CSTDCS", "Đặng Văn Sơn")["id"], 10)
    vote(store, nomination(store, year_round, "CSTD_TINH", "Đặng Văn Sơn")["id"], 10)
    son = {("Đặng Văn Sơn", "CSTD_TINH")}
    assert lines(store, year_round) == son
    for kind in ("proposal", "proposal_list"):
        text = pdf_text(
            documents.render_document(
                store, kind=kind, round_id=year_round, upward=True, out=tmp_path / f"{kind}-next.pdf"
            )
        )
        assert "Đặng Văn Sơn" in text and "Chiến sĩ thi đua cấp tỉnh" in text
        assert "Vũ Thị Hồng Hằng" not in text  # already sent by dossier 1, not proposed twice
    second = review.build_dossier(store, round_id=year_round)
    assert {(n["name"], n["code"]) for n in review.get_dossier(store, dossier_id=second)["nominations"]} == son
    text = pdf_text(
        documents.render_document(store, kind="proposal", round_id=year_round, upward=True, out=tmp_path / "tt.pdf")
    )
    assert "Đặng Văn Sơn" in text and "Vũ Thị Hồng Hằng" not in text  # a reprint of dossier 2
    # Each dossier's own tờ trình (the dossier window writes it into the dossier's folder).
    text = pdf_text(
        documents.render_document(
            store, kind="proposal", round_id=year_round, upward=True, dossier_id=first, out=tmp_path / "d1.pdf"
        )
    )
    assert "Vũ Thị Hồng Hằng" in text and "Đặng Văn Sơn" not in text
    with pytest.raises(ValidationError) as refused:
        review.proposal_doc(store, round_id=year_round, upward=False, dossier_id=first)
    assert f"Hồ sơ đề nghị số {first} gửi cấp trên" in str(refused.value)
    other = review.create_round(store, year=2025, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        review.proposal_doc(store, round_id=other, upward=True, dossier_id=first)
    assert f"thuộc đợt bình xét số {year_round}, không thuộc đợt số {other}" in str(refused.value)


def test_a_collectives_cstdcs_members_are_those_of_the_year_not_of_today(year_round, store):
    """Khánh (Văn phòng HĐND và UBND) passes CSTĐCS 2026, then moves to Phòng Kinh tế on 05/01/2027: the office's
    TTLĐXS of 2026 still rests on him (the dossier counted today's department and left the office out)."""
    from desktop.ops import staff
    from desktop.store import staff_repo
    from tests.staff_drafts import draft_from_row

    council_refuses_son(store, year_round)
    office_ldtt_decided(store, year_round)
    khanh = nomination(store, year_round, "CSTDCS", "Đỗ Văn Khánh")
    vote(store, khanh["id"], 10)
    assert ("Văn phòng HĐND và UBND", "TTLDXS") in lines(store, year_round)
    person = staff_repo.get_staff(store, khanh["staff_id"])
    staff.edit_staff(
        store,
        staff_id=person["id"],
        draft=draft_from_row(person, department="Phòng Kinh tế"),
        moved_on=date(2027, 1, 5),
    )
    assert ("Văn phòng HĐND và UBND", "TTLDXS") in lines(store, year_round)


def test_an_award_already_in_the_register_does_not_go_up_again(year_round, store):
    """Khánh's Bằng khen tỉnh of 2026, decided by the province and recorded after the round was made, is left out
    of the dossier with the reason: asked again, the province would decide (and pay) it twice (review F)."""
    from desktop.ops import rules

    khanh = nomination(store, year_round, "BK_TINH", "Đỗ Văn Khánh")
    rules.record_award_from_above(
        store,
        staff_id=khanh["staff_id"],
        year=2026,
        code="BK_TINH",
        decision_no="2518/QĐ-UBND",
        decision_date=date(2026, 11, 21),
        issuer="Chủ tịch UBND tỉnh Tuyên Quang",
    )
    council_refuses_son(store, year_round)
    dossier = review.get_dossier(store, dossier_id=review.build_dossier(store, round_id=year_round))
    assert ("Đỗ Văn Khánh", "BK_TINH") not in {(n["name"], n["code"]) for n in dossier["nominations"]}
    assert ("Vũ Thị Hồng Hằng", "BK_TINH") in {(n["name"], n["code"]) for n in dossier["nominations"]}
    assert (
        "Đỗ Văn Khánh (Bằng khen của Chủ tịch UBND tỉnh): sổ khen thưởng đã có khen thưởng này năm 2026 "
        "(2518/QĐ-UBND ngày 21/11/2026, Chủ tịch UBND tỉnh Tuyên Quang)" in dossier["notes"]
    )
    assert ("Đỗ Văn Khánh", "BK_TINH") not in lines(store, year_round)


def test_what_goes_up_carries_the_councils_cstdcs_vote_it_waited_for(year_round, store):
    """Hằng's Bằng khen tỉnh was proposed "Phụ thuộc kết quả bỏ phiếu CSTĐCS năm 2026"; the council passed that
    CSTĐCS 10/10 before the dossier was built, so the nomination sent up says so, in the package too (the province
    read only the old wait, review F). A nomination that counted on no vote gets nothing added."""
    from desktop.exchange.exporter import dossier_records

    council_refuses_son(store, year_round)
    office_ldtt_decided(store, year_round)
    vote(store, nomination(store, year_round, "CSTDCS", "Đỗ Văn Khánh")["id"], 10)
    hang = nomination(store, year_round, "BK_TINH", "Vũ Thị Hồng Hằng")
    assert hang["engine_verdict"] == "needs_vote"
    assert any("Phụ thuộc kết quả bỏ phiếu" in r["text"] for r in hang["engine_reasons"])
    before = {n["id"]: n["engine_reasons"] for n in review.get_round(store, year_round)["nominations"]}
    review.build_dossier(store, round_id=year_round)
    settled = {
        "text": "Hội đồng đã bỏ phiếu đạt Chiến sĩ thi đua cơ sở năm 2026: 10/10 thành viên đồng ý",
        "cite": effective_pack(store).param_cited("BK_TINH", "consecutive_cstdcs_years", date(2026, 12, 31)).citation(),
        "met": True,
    }
    assert nomination(store, year_round, "BK_TINH", "Vũ Thị Hồng Hằng")["engine_reasons"][-1] == settled
    (record,) = [r for r in dossier_records(store, year=2026) if r["uuid"] == hang["uuid"]]
    assert record["engine_reasons"][-1] == settled
    office = nomination(store, year_round, "TTLDXS", "Văn phòng HĐND và UBND")
    assert office["status"] == "sent_up"
    assert office["engine_reasons"][-1]["text"] == (
        "Số thành viên đạt Chiến sĩ thi đua cơ sở năm 2026 (Hội đồng đã bỏ phiếu đạt hoặc đã công nhận): 1"
    )
    khanh = nomination(store, year_round, "BK_TINH", "Đỗ Văn Khánh")  # route B: HTXSNV years and initiatives
    assert khanh["status"] == "sent_up"
    assert khanh["engine_reasons"] == before[khanh["id"]]
