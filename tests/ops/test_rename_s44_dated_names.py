"""A department's rename is dated (schema v15): what is dated before the rename keeps the old name.

Phòng Kinh tế becomes "Phòng Kinh tế - Hạ tầng - Đô thị". The TTLĐTT decision signed on paper on 26/12/2025, before
the rename, and entered into the program after it, named the collective by its new name, and so did the register for
an award of 2024 recorded from above: a rename overwrote the name and kept no day. Now the name has periods, a rename
says from which day the new name holds, and a decision freezes the name in force on its date, the register names an
award from above by the name in force on the award's date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.ops import collectives, review, rules, unit
from desktop.ops.documents import render_document
from desktop.store import ValidationError
from tests.collective_flow import DECISION_DAY, ECONOMY, OFFICE, YEAR, add_people, decide_members_ldtt
from tests.ops.test_movements import pdf_text

NEW_NAME = "Phòng Kinh tế - Hạ tầng - Đô thị"
RENAMED_ON = date(2025, 12, 28)  # two days after the decisions of 26/12/2025 were signed on paper


@pytest.fixture
def commune(unit_store):
    add_people(unit_store)
    departments = {name: collectives.department_by_name(unit_store, name)["id"] for name in (ECONOMY, OFFICE)}
    return unit_store, departments[ECONOMY]


def _ttldtt(store, round_id: int, day: date) -> dict:
    [nomination] = [n for n in review.get_round(store, round_id)["nominations"] if n["code"] == "TTLDTT"]
    decision_id = review.issue_decision(
        store, round_id=round_id, decision_date=day, signer_title="Chủ tịch", signer_name="Sùng Mí Pháo",
        subject="Về việc tặng danh hiệu Tập thể lao động tiên tiến năm 2025",
        achievement_text="Đã hoàn thành tốt nhiệm vụ năm 2025", nomination_ids=[nomination["id"]],
    )  # fmt: skip
    return review.get_decision(store, decision_id=decision_id)


def _names_on(store, department_id: int) -> list[tuple[str, date | None, date | None]]:
    return [(n["name"], n["valid_from"], n["valid_to"]) for n in unit.name_history(store, department_id=department_id)]


def test_a_decision_signed_before_the_rename_and_entered_after_it_keeps_the_old_name(commune, tmp_path: Path):
    store, economy = commune
    collectives.set_collective_rating(store, department_id=economy, year=YEAR, rating="HTTNV")
    round_id = review.create_round(store, year=YEAR, decision_date=DECISION_DAY)
    decide_members_ldtt(store, round_id, economy, DECISION_DAY)

    unit.rename_department(
        store, department_id=economy, name=NEW_NAME, kind="department", valid_from=RENAMED_ON, today=RENAMED_ON
    )
    assert collectives.get_department(store, economy)["name"] == NEW_NAME  # lists show the name of today
    decision = _ttldtt(store, round_id, DECISION_DAY)  # the paper of 26/12/2025, entered afterwards

    [awardee] = decision["awardees"]
    assert (awardee["snapshot_name"], awardee["code"]) == (ECONOMY, "TTLDTT")
    text = pdf_text(
        render_document(store, kind="decision", decision_number=decision["number_text"], out=tmp_path / "q.pdf")
    )
    assert ECONOMY in text and "Hạ tầng" not in text
    [entry] = [e for e in review.register_entries(store, department_id=economy) if e["code"] == "TTLDTT"]
    assert entry["name"] == ECONOMY


def test_a_rename_dated_in_the_past_names_a_decision_entered_later_by_the_new_name(commune):
    """The council renamed the department from 20/12/2025; the clerk enters it on 28/12: the TTLĐTT of 26/12 and its
    members' LĐTT (their department on the decision) carry the new name, the periods say when each name held."""
    store, economy = commune
    collectives.set_collective_rating(store, department_id=economy, year=YEAR, rating="HTTNV")
    round_id = review.create_round(store, year=YEAR, decision_date=DECISION_DAY)
    unit.rename_department(store, department_id=economy, name=NEW_NAME, valid_from=date(2025, 12, 20), today=RENAMED_ON)
    members = review.get_decision(store, decision_id=decide_members_ldtt(store, round_id, economy, DECISION_DAY))
    decision = _ttldtt(store, round_id, DECISION_DAY)

    assert [a["snapshot_name"] for a in decision["awardees"]] == [NEW_NAME]
    assert {a["snapshot_department"] for a in members["awardees"]} == {NEW_NAME}
    assert _names_on(store, economy) == [(ECONOMY, None, date(2025, 12, 19)), (NEW_NAME, date(2025, 12, 20), None)]


def test_a_person_decided_for_a_day_before_the_rename_is_named_in_the_old_department(commune):
    store, economy = commune
    round_id = review.create_round(store, year=YEAR, decision_date=DECISION_DAY)
    unit.rename_department(store, department_id=economy, name=NEW_NAME, valid_from=RENAMED_ON, today=RENAMED_ON)
    members = review.get_decision(store, decision_id=decide_members_ldtt(store, round_id, economy, DECISION_DAY))
    assert {a["snapshot_department"] for a in members["awardees"]} == {ECONOMY}


def test_the_register_names_an_award_from_above_as_the_collective_was_called_then(commune, tmp_path: Path):
    store, economy = commune
    rules.record_award_from_above(
        store, department_id=economy, year=2024, code="TTLDTT", decision_no="55/QĐ-UBND",
        decision_date=date(2025, 1, 15), issuer="Chủ tịch UBND huyện Đồng Văn", today=RENAMED_ON,
    )  # fmt: skip
    rules.record_award_from_above(
        store, department_id=economy, year=2023, code="TTLDTT", decision_no="12/QĐ-UBND",
        decision_date=None, issuer="Chủ tịch UBND huyện Đồng Văn", today=RENAMED_ON,
    )  # fmt: skip
    rules.record_award_from_above(
        store, department_id=economy, year=2025, code="GIAY_KHEN", decision_no="80/QĐ-UBND",
        decision_date=None, issuer="Chủ tịch UBND tỉnh", today=date(2026, 1, 10),
    )  # fmt: skip
    unit.rename_department(store, department_id=economy, name=NEW_NAME, valid_from=date(2025, 7, 1), today=RENAMED_ON)

    names = {(e["year"], e["code"]): e["name"] for e in review.register_entries(store, department_id=economy)}
    # 15/01/2025 and the end of 2023 come before the rename; the end of 2025 (no date known) after it
    assert names == {(2023, "TTLDTT"): ECONOMY, (2024, "TTLDTT"): ECONOMY, (2025, "GIAY_KHEN"): NEW_NAME}


def test_a_rename_decided_in_advance_leaves_earlier_decisions_the_old_name(commune):
    store, economy = commune
    collectives.set_collective_rating(store, department_id=economy, year=YEAR, rating="HTTNV")
    round_id = review.create_round(store, year=YEAR, decision_date=DECISION_DAY)
    decide_members_ldtt(store, round_id, economy, DECISION_DAY)
    unit.rename_department(
        store, department_id=economy, name=NEW_NAME, valid_from=date(2026, 1, 1), today=date(2025, 12, 20)
    )
    assert collectives.get_department(store, economy)["name"] == NEW_NAME
    assert [a["snapshot_name"] for a in _ttldtt(store, round_id, DECISION_DAY)["awardees"]] == [ECONOMY]


def test_the_new_name_may_not_begin_before_the_present_one_nor_too_far_ahead(commune):
    store, economy = commune
    unit.rename_department(store, department_id=economy, name=NEW_NAME, valid_from=RENAMED_ON, today=RENAMED_ON)
    with pytest.raises(ValidationError) as before:
        unit.rename_department(
            store, department_id=economy, name="Phòng Kinh tế - Hạ tầng", valid_from=date(2025, 12, 1), today=RENAMED_ON
        )
    assert before.value.field == "valid_from"
    assert f"Tên “{NEW_NAME}” dùng từ ngày 28/12/2025" in str(before.value) and "01/12/2025" in str(before.value)
    with pytest.raises(ValidationError) as ahead:
        unit.rename_department(
            store, department_id=economy, name="Phòng Kinh tế - Hạ tầng", valid_from=date(2027, 1, 1), today=RENAMED_ON
        )
    assert ahead.value.field == "valid_from" and "01/01/2027" in str(ahead.value)
    # nothing written by the refusals
    assert _names_on(store, economy) == [(ECONOMY, None, date(2025, 12, 27)), (NEW_NAME, RENAMED_ON, None)]
    assert collectives.get_department(store, economy)["name"] == NEW_NAME


def test_a_second_rename_the_same_day_replaces_the_first_and_undoing_it_leaves_one_name(commune):
    store, economy = commune
    unit.rename_department(store, department_id=economy, name="Phòng Kinh tê - Hạ tầng", today=RENAMED_ON)
    unit.rename_department(store, department_id=economy, name=NEW_NAME, today=RENAMED_ON)
    assert _names_on(store, economy) == [(ECONOMY, None, date(2025, 12, 27)), (NEW_NAME, RENAMED_ON, None)]
    unit.rename_department(store, department_id=economy, name=ECONOMY, today=RENAMED_ON)
    assert _names_on(store, economy) == [(ECONOMY, None, None)]
    assert collectives.get_department(store, economy)["name"] == ECONOMY


def test_a_misspelt_name_is_corrected_over_its_whole_period(commune):
    store, economy = commune
    unit.rename_department(store, department_id=economy, name="Phong Kinh te", correction=True, today=RENAMED_ON)
    assert _names_on(store, economy) == [("Phong Kinh te", None, None)]
    unit.rename_department(store, department_id=economy, name=NEW_NAME, valid_from=date(2025, 7, 1), today=RENAMED_ON)
    unit.rename_department(
        store, department_id=economy, name="Phòng Kinh tế - Hạ tầng - Đô thị xã", correction=True, today=RENAMED_ON
    )
    assert _names_on(store, economy) == [
        ("Phong Kinh te", None, date(2025, 6, 30)),
        ("Phòng Kinh tế - Hạ tầng - Đô thị xã", date(2025, 7, 1), None),
    ]


def test_changing_only_the_kind_starts_no_new_name_and_a_rename_is_one_audited_operation(commune):
    store, economy = commune
    unit.rename_department(store, department_id=economy, name=ECONOMY, kind="collective", today=RENAMED_ON)
    assert _names_on(store, economy) == [(ECONOMY, None, None)]
    assert collectives.get_department(store, economy)["kind"] == "collective"
    unit.rename_department(store, department_id=economy, name=NEW_NAME, today=RENAMED_ON)
    logged = store.query(
        "SELECT table_name, action, operation FROM audit_log WHERE table_name IN ('departments', 'department_names') "
        "AND operation = 'department.rename' ORDER BY id"
    )
    assert {(r["table_name"], r["action"]) for r in logged} == {
        ("departments", "update"),
        ("department_names", "insert"),
    }
