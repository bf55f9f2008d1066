"""A title the province decides is sent up once per person and year: while a dossier of one round waits for the
province, another round of the year (yearly or occasion) may not take the same nomination, and its dossier leaves out
one it took before the first was sent (rvreport finding 1)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.exchange.exporter import dossier_records
from desktop.ops import review
from desktop.ops.demo import fill_demo
from desktop.ops.review.dossier import proposed_upward_ids
from desktop.ops.review.rounds import _insert_nomination
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY

TODAY = date(2026, 1, 10)
COUNCIL = [
    {"full_name": "Sùng Mí Pháo", "role": "chair", "attended": True},
    {"full_name": "Lò Văn Chứ", "role": "deputy", "attended": True},
    {"full_name": "Hoàng Thị Mai", "role": "member", "attended": True},
    {"full_name": "Giàng Seo Dũng", "role": "member", "attended": True},
    {"full_name": "Lý Văn Hùng", "role": "member", "attended": True},
    {"full_name": "Đỗ Thị Lan", "role": "member", "attended": True},
    {"full_name": "Phạm Văn Long", "role": "member", "attended": True},
    {"full_name": "Trần Văn Minh", "role": "member", "attended": True},
    {"full_name": "Vũ Thị Nga", "role": "member", "attended": True},
    {"full_name": "Vàng Thị Dở", "role": "secretary", "attended": True},
]


def _yearly_round_ready(store) -> int:
    """The demo's yearly round of 2025 with staff 3's CSTĐCS decided and CSTĐ tỉnh voted through (not yet sent)."""
    first = review.create_round(store, year=2025, posting_days=5, today=TODAY)
    noms = review.get_round(store, first)["nominations"]
    cstdcs = next(n for n in noms if n["code"] == "CSTDCS" and n["staff_id"] == 3)
    ldtt = next(n for n in noms if n["code"] == "LDTT" and n["staff_id"] == 3)
    cstd_tinh = next(n for n in noms if n["code"] == "CSTD_TINH" and n["staff_id"] == 3)
    review.set_council(store, round_id=first, meeting_date=date(2025, 12, 5), location="Hội trường", members=COUNCIL)
    assert review.record_ballot(store, nomination_id=cstdcs["id"], agree=10, disagree=0, invalid=0)["passed"]
    assert review.record_ballot(store, nomination_id=cstd_tinh["id"], agree=10, disagree=0, invalid=0)["passed"]
    review.start_posting(store, round_id=first, start=date(2025, 12, 8))
    review.issue_decision(
        store,
        round_id=first,
        decision_date=date(2025, 12, 20),
        nomination_ids=[ldtt["id"], cstdcs["id"]],
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
        achievement_text="Đã hoàn thành xuất sắc nhiệm vụ năm 2025",
    )
    return first


def _add_cstd_tinh(store, round_id: int) -> int:
    return review.add_nomination(
        store,
        round_id=round_id,
        target_kind="individual",
        code="CSTD_TINH",
        staff_id=3,
        change_reason="Bổ sung",
        override_reason="Bổ sung",
    )


def _older_version_line(store, round_id: int, code: str, **subject) -> int:
    """A nomination an older version let into a second round while another round of the year still listed it."""
    target_kind = "collective" if "department_id" in subject else "individual"
    with store.transaction(operation="test.older_version"):
        return _insert_nomination(
            store,
            {"round_id": round_id, "target_kind": target_kind, "code": code, "category": "title",
             "change_reason": "Bổ sung"} | subject,
        )  # fmt: skip


def _cstd_tinh_records(store) -> list[dict]:
    return [r for r in dossier_records(store, year=2025) if r["code"] == "CSTD_TINH"]


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def test_title_waiting_for_the_province_is_not_added_to_another_round(demo):
    store = demo
    first = _yearly_round_ready(store)
    first_dossier = review.build_dossier(store, round_id=first)
    sent = review.get_dossier(store, dossier_id=first_dossier)["nominations"]
    assert ("CSTD_TINH", 3) in {(n["code"], n["staff_id"]) for n in sent}
    person = next(n["name"] for n in sent if n["code"] == "CSTD_TINH" and n["staff_id"] == 3)
    first_name = review.get_round(store, first)["name"]

    second = review.create_round(store, year=2025, kind="occasion", posting_days=0, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        _add_cstd_tinh(store, second)
    message = str(refused.value)
    assert person in message and "Chiến sĩ thi đua" in message and first_name in message
    assert f"hồ sơ số {first_dossier}" in message
    assert not [n for n in review.get_round(store, second)["nominations"] if n["code"] == "CSTD_TINH"]
    assert len(_cstd_tinh_records(store)) == 1


def test_second_round_dossier_leaves_out_what_another_round_sent_up(demo):
    store = demo
    first = _yearly_round_ready(store)
    # taken by a supplementary round before the yearly round's dossier went up: refused at add now (the title is
    # still listed there), but a file an older version wrote may hold it
    second = review.create_round(store, year=2025, kind="occasion", posting_days=0, today=TODAY)
    with pytest.raises(ValidationError):
        _add_cstd_tinh(store, second)
    again = _older_version_line(store, second, "CSTD_TINH", staff_id=3)
    review.set_council(store, round_id=second, meeting_date=date(2025, 12, 6), location="Hội trường", members=COUNCIL)
    assert review.record_ballot(store, nomination_id=again, agree=10, disagree=0, invalid=0)["passed"]
    first_dossier = review.build_dossier(store, round_id=first)
    first_name = review.get_round(store, first)["name"]

    with pytest.raises(ValidationError) as refused:  # nothing else to send: the build names what it left out
        review.build_dossier(store, round_id=second)
    message = str(refused.value)
    assert "Chiến sĩ thi đua" in message and first_name in message and f"hồ sơ số {first_dossier}" in message
    row = store.query_one("SELECT status FROM nominations WHERE id = ?", (again,))
    assert row["status"] == "passed"
    records = _cstd_tinh_records(store)
    assert len(records) == 1
    # the tờ trình of the second round does not list it either
    with pytest.raises(ValidationError):
        proposed_upward_ids(store, second)


def test_household_waiting_for_the_province_is_compared_on_its_name_key(demo):
    store = demo
    first = review.create_round(store, year=2025, kind="occasion", posting_days=0, today=TODAY)
    review.add_nomination(
        store,
        round_id=first,
        target_kind="household",
        household_name="Hộ ông Lò Văn Thuỷ",
        code="BK_TINH",
        change_reason="Đề nghị của thôn",
        override_reason="Có thành tích xuất sắc",
    )
    second = review.create_round(store, year=2025, kind="occasion", posting_days=0, today=TODAY)
    review.build_dossier(store, round_id=first)  # sent up first: listed in two rounds at once, it is refused at add
    later = review.add_nomination(
        store,
        round_id=second,
        target_kind="household",
        household_name="hộ ông  Lò Văn Thủy",
        code="BK_TINH",
        change_reason="Đề nghị của thôn",
        override_reason="Có thành tích xuất sắc",
    )
    with pytest.raises(ValidationError) as refused:
        review.build_dossier(store, round_id=second)
    assert "Lò Văn Th" in str(refused.value)
    assert store.query_one("SELECT status FROM nominations WHERE id = ?", (later,))["status"] == "proposed"
