"""A CSTĐCS is decided on the LĐTT its holder holds, not on the engine's forecast.

Luật TĐKT 2022, Điều 23: Chiến sĩ thi đua cơ sở goes to a person who *achieves* Lao động tiên tiến that year (the
rule pack's ``requires_title``). The engine counts a person meeting LĐTT's criteria as LĐTT, so the council could
take a nominee's LĐTT off and the CSTĐCS was still issued: on the demo commune's 2025 round, fifteen CSTĐCS were
issued to people the council had refused LĐTT, with no LĐTT award anywhere.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.store import Store, ValidationError
from tests.demo_date import DEMO_TODAY
from tests.ops.test_council_truth import TEN, record

ROUND_DAY = date(2025, 12, 10)
LDTT_DAY = date(2025, 12, 26)
TITLE_DAY = date(2025, 12, 27)
HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng năm 2025"}


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(store, today=DEMO_TODAY)
    return store


@pytest.fixture
def voted(demo: Store) -> int:
    """The 2025 round with its council recorded and every CSTĐCS passed 10/10."""
    round_id = review.create_round(demo, year=2025, today=ROUND_DAY)
    record(demo, round_id, TEN)
    for row in _nominations(demo, round_id, "CSTDCS"):
        review.record_ballot(demo, nomination_id=row["id"], agree=10, disagree=0, invalid=0)
    return round_id


def _nominations(store: Store, round_id: int, code: str) -> list[dict[str, Any]]:
    return [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == code]


def _ldtt_of(store: Store, round_id: int, staff_ids: set[int]) -> list[dict[str, Any]]:
    return [n for n in _nominations(store, round_id, "LDTT") if n["staff_id"] in staff_ids]


def _issue(store: Store, round_id: int, ids: list[int], day: date = LDTT_DAY) -> int:
    return review.issue_decision(store, round_id=round_id, decision_date=day, nomination_ids=ids, **HEADER)


def test_a_cstdcs_whose_ldtt_the_council_took_off_is_refused_naming_everyone(demo, voted):
    cstdcs = _nominations(demo, voted, "CSTDCS")
    assert len(cstdcs) == 15
    for row in _ldtt_of(demo, voted, {n["staff_id"] for n in cstdcs}):
        review.remove_nomination(demo, nomination_id=row["id"], reason="Hội đồng không đề nghị")
    ids = [n["id"] for n in cstdcs]

    with pytest.raises(ValidationError) as asked:  # before "Ban hành?"
        review.check_posting(demo, round_id=voted, decision_date=LDTT_DAY, nomination_ids=ids)
    with pytest.raises(ValidationError) as refused:
        _issue(demo, voted, ids)
    message = str(refused.value)
    assert str(asked.value) == message
    assert refused.value.field == "nomination_ids"
    assert message.startswith(
        "Danh hiệu “Chiến sĩ thi đua cơ sở” cần người được tặng đạt danh hiệu “Lao động tiên tiến” năm 2025 (Luật "
        "TĐKT 2022, Điều 23); chưa có danh hiệu “Lao động tiên tiến” năm 2025 (theo quyết định đang có hiệu lực "
        "hoặc được tặng trong quyết định này): "
    )
    first = cstdcs[0]
    assert f"{first['name']} (đề nghị số {first['id']})" in message
    assert "và 10 người khác" in message  # five named, the rest counted
    # nothing written: no decision, no award, the nominations wait
    assert not demo.scalar("SELECT count(*) FROM decisions WHERE round_id = ?", (voted,))
    assert not demo.scalar("SELECT count(*) FROM awards WHERE year = 2025")
    assert {n["status"] for n in _nominations(demo, voted, "CSTDCS")} == {"passed"}


def test_one_nominee_without_ldtt_stops_the_decision_and_is_the_one_named(demo, voted):
    cstdcs = _nominations(demo, voted, "CSTDCS")[:3]
    [taken_off] = _ldtt_of(demo, voted, {cstdcs[1]["staff_id"]})
    review.remove_nomination(demo, nomination_id=taken_off["id"], reason="Vi phạm nội quy cơ quan")
    others = _ldtt_of(demo, voted, {cstdcs[0]["staff_id"], cstdcs[2]["staff_id"]})
    with pytest.raises(ValidationError) as refused:
        _issue(demo, voted, [n["id"] for n in others + cstdcs])
    message = str(refused.value)
    assert f": {cstdcs[1]['name']} (đề nghị số {cstdcs[1]['id']}). Hãy ra quyết định tặng" in message
    assert cstdcs[0]["name"] not in message and cstdcs[2]["name"] not in message
    assert refused.value.row == cstdcs[1]["id"]


def test_ldtt_in_the_same_decision_or_one_before_carries_the_cstdcs(demo, voted):
    cstdcs = _nominations(demo, voted, "CSTDCS")
    first, rest = cstdcs[:2], cstdcs[2:]
    # the same decision: LĐTT and CSTĐCS of two people
    together = _issue(demo, voted, [n["id"] for n in _ldtt_of(demo, voted, {n["staff_id"] for n in first}) + first])
    codes = sorted(a["code"] for a in review.get_decision(demo, decision_id=together)["awardees"])
    assert codes == ["CSTDCS", "CSTDCS", "LDTT", "LDTT"]
    # alone, before their LĐTT is decided: refused
    with pytest.raises(ValidationError, match="chưa có danh hiệu “Lao động tiên tiến” năm 2025"):
        _issue(demo, voted, [n["id"] for n in rest], day=TITLE_DAY)
    # their LĐTT decided first, the CSTĐCS then stands alone
    _issue(demo, voted, [n["id"] for n in _ldtt_of(demo, voted, {n["staff_id"] for n in rest})])
    alone = _issue(demo, voted, [n["id"] for n in rest], day=TITLE_DAY)
    assert {a["code"] for a in review.get_decision(demo, decision_id=alone)["awardees"]} == {"CSTDCS"}
    assert demo.scalar("SELECT count(*) FROM awards WHERE year = 2025 AND code = 'CSTDCS'") == len(cstdcs)


def test_a_cancelled_ldtt_decision_carries_no_cstdcs(demo, voted):
    [one] = _nominations(demo, voted, "CSTDCS")[:1]
    ldtt = _ldtt_of(demo, voted, {one["staff_id"]})
    cancelled = _issue(demo, voted, [n["id"] for n in ldtt])
    review.revoke_decision(demo, decision_id=cancelled, reason="Sai ngày ký")
    with pytest.raises(ValidationError, match=f"{one['name']} \\(đề nghị số {one['id']}\\)"):
        _issue(demo, voted, [one["id"]], day=TITLE_DAY)


def test_cancelling_the_ldtt_under_a_cstdcs_in_force_names_that_cstdcs(demo, voted):
    [one, two] = _nominations(demo, voted, "CSTDCS")[:2]
    ldtt_decision = _issue(demo, voted, [n["id"] for n in _ldtt_of(demo, voted, {one["staff_id"], two["staff_id"]})])
    title_decision = _issue(demo, voted, [one["id"], two["id"]], day=TITLE_DAY)
    number = review.get_decision(demo, decision_id=title_decision)["number_text"]

    notes = review.revoke_decision(demo, decision_id=ldtt_decision, reason="Sai đối tượng, hủy để xét lại")
    mine = [n for n in notes if "không còn danh hiệu “Lao động tiên tiến”" in n]
    assert sorted(mine) == sorted(
        f"{name} không còn danh hiệu “Lao động tiên tiến” năm 2025, nhưng vẫn có danh hiệu “Chiến sĩ thi đua cơ sở” "
        f"năm 2025 theo Quyết định số {number} ngày 27/12/2025; danh hiệu “Chiến sĩ thi đua cơ sở” cần đạt danh hiệu "
        "“Lao động tiên tiến” (Luật TĐKT 2022, Điều 23). Hãy xem xét thay thế hoặc hủy bỏ quyết định tặng danh hiệu "
        "đó."
        for name in (one["name"], two["name"])
    )
    # a note, not a refusal: the cancellation stands
    assert review.get_decision(demo, decision_id=ldtt_decision)["status"] == "revoked"


def test_cancelling_a_decision_that_gave_both_titles_says_nothing_of_the_cstdcs(demo, voted):
    [one] = _nominations(demo, voted, "CSTDCS")[:1]
    both = _issue(demo, voted, [n["id"] for n in _ldtt_of(demo, voted, {one["staff_id"]})] + [one["id"]])
    notes = review.revoke_decision(demo, decision_id=both, reason="Sai thẩm quyền")
    assert not [n for n in notes if "không còn danh hiệu “Lao động tiên tiến”" in n]


def test_replacing_the_ldtt_decision_without_a_cstdcs_holder_names_the_cstdcs(demo, voted):
    [one, two] = _nominations(demo, voted, "CSTDCS")[:2]
    old = _issue(demo, voted, [n["id"] for n in _ldtt_of(demo, voted, {one["staff_id"], two["staff_id"]})])
    title = review.get_decision(demo, decision_id=_issue(demo, voted, [one["id"], two["id"]], day=TITLE_DAY))
    [line] = [
        a["register_no"]
        for a in review.get_decision(demo, decision_id=old)["awardees"]
        if a["staff_id"] == one["staff_id"]
    ]
    new = review.correct_decision(
        demo,
        decision_id=old,
        reason="Bị kỷ luật trước ngày ký, bỏ khỏi quyết định",
        decision_date=TITLE_DAY,
        changes={"remove_register_nos": [line]},
    )
    notes = [
        n for n in review.replacement_notes(demo, decision_id=new) if "không còn danh hiệu “Lao động tiên tiến”" in n
    ]
    assert len(notes) == 1
    assert notes[0].startswith(f"{one['name']} không còn danh hiệu “Lao động tiên tiến” năm 2025")
    assert f"theo Quyết định số {title['number_text']} ngày 27/12/2025" in notes[0]
