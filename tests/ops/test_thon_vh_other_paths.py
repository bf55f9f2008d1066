"""Thôn, tổ dân phố văn hóa (THON_VH) is a thôn's or a tổ dân phố's title (NĐ 86/2023/NĐ-CP), never an office's.

The nomination and the decision refused an office ("Phòng Kinh tế", kind "department"); three other ways let one in:
a past year's award in the history workbook, a province decision in a package received on a nomination an older
version sent up, and the dossier sent up while the district decided THON_VH (before 1/7/2025). Each refuses it
now with :func:`desktop.store.department_kinds.collective_kind_problem`; the thôn beside it goes through.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.exchange.exporter import export_package
from desktop.exchange.importer import apply_import, plan_import
from desktop.exchange.province import record_decisions
from desktop.ops import review
from desktop.ops.exchange import import_files
from desktop.ops.history_import import apply_history, preview_history
from desktop.ops.unit import add_department
from desktop.store import ValidationError, new_uuid, now_iso
from tests.exchange import LUNG_CU, link, make_province, make_unit

OFFICE = "Phòng Kinh tế"
VILLAGE = "Thôn Lô Lô Chải"
KIND_SAID = "“Phòng Kinh tế” là tập thể loại “Phòng, ban, bộ phận”"
LAW = "NĐ 86/2023/NĐ-CP"
DISTRICT_DAY = date(2024, 12, 20)  # the district chair still decided Thôn văn hóa (NĐ 129/2025 from 1/7/2025)


def _departments(store) -> tuple[int, int]:
    return add_department(store, name=OFFICE, kind="department"), add_department(store, name=VILLAGE, kind="collective")


def _older_nomination(store, round_id: int, department_id: int, *, status: str = "proposed") -> int:
    """An office's THON_VH nomination as an older version let it in (add_nomination refuses it now)."""
    stamp = now_iso()
    with store.transaction(operation="test.older_version"):
        return int(
            store.insert(
                "nominations",
                {
                    "uuid": new_uuid(),
                    "round_id": round_id,
                    "target_kind": "collective",
                    "department_id": department_id,
                    "household_name": "",
                    "code": "THON_VH",
                    "category": "title",
                    "engine_verdict": "",
                    "engine_reasons": "[]",
                    "proposed_by_engine": 0,
                    "change_reason": "Họp thôn bình xét",
                    "override_reason": "",
                    "achievement": "",
                    "status": status,
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
        )


# -- 1. the history workbook ----------------------------------------------------------------------------------------
AWARD_HEADERS = ["Tập thể", "Năm", "Danh hiệu", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]


def _history_book(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Khen thưởng"
    sheet.append(AWARD_HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_history_refuses_an_offices_thon_van_hoa_naming_row_and_field(unit_store, tmp_path: Path) -> None:
    _departments(unit_store)
    path = _history_book(
        tmp_path / "khen thuong.xlsx",
        [
            [OFFICE, 2024, "Thôn, tổ dân phố văn hóa", "310/QĐ-UBND", DISTRICT_DAY, "UBND huyện Đồng Văn"],
            [VILLAGE, 2024, "THON_VH", "310/QĐ-UBND", DISTRICT_DAY, "UBND huyện Đồng Văn"],
        ],
    )
    preview = preview_history(unit_store, path)
    office, village = preview.rows
    assert (office.row_number, office.status, office.fields) == (2, "error", ["collective"])
    [said] = office.problems
    assert said.startswith("Tập thể: " + KIND_SAID) and LAW in said and "Thôn, tổ dân phố văn hóa" in said
    assert village.status == "new"
    assert apply_history(unit_store, preview) == {"inserted": 1, "updated": 0}
    stored = unit_store.query("SELECT d.name FROM awards a JOIN departments d ON d.id = a.department_id")
    assert [r["name"] for r in stored] == [VILLAGE]


def test_history_checks_the_kind_again_when_writing(unit_store, tmp_path: Path) -> None:
    """A thôn recorded as an office between the preview and the write: its row is refused, nothing written."""
    _office, village = _departments(unit_store)
    path = _history_book(
        tmp_path / "h.xlsx", [[VILLAGE, 2024, "THON_VH", "310/QĐ-UBND", DISTRICT_DAY, "UBND huyện Đồng Văn"]]
    )
    preview = preview_history(unit_store, path)
    assert [row.status for row in preview.rows] == ["new"]
    with unit_store.transaction(operation="test.kind"):
        unit_store.execute("UPDATE departments SET kind = 'department' WHERE id = ?", (village,))
    assert apply_history(unit_store, preview) == {"inserted": 0, "updated": 0}
    [row] = preview.rows
    assert row.status == "error" and row.fields == ["collective"] and "tập thể loại “Phòng, ban" in row.problems[0]
    assert unit_store.scalar("SELECT count(*) FROM awards WHERE department_id IS NOT NULL") == 0


# -- 2. a province decision in a package received -----------------------------------------------------------------
@pytest.fixture
def pair(tmp_path: Path):
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    yield unit, prov
    unit.close()
    prov.close()


def test_a_province_decision_giving_an_office_thon_van_hoa_is_a_conflict(pair, tmp_path: Path) -> None:
    unit, prov = pair
    office, village = _departments(unit)
    round_id = review.create_round(unit, year=2024, kind="occasion", name="Thôn văn hóa", decision_date=DISTRICT_DAY)
    sent = [_older_nomination(unit, round_id, d, status="sent_up") for d in (office, village)]
    uuids = [str(unit.scalar("SELECT uuid FROM nominations WHERE id = ?", (n,))) for n in sent]
    up = export_package(unit, kind="nomination_dossier", year=2024, out=tmp_path / "len.tdkt", with_attachments=False)
    import_files(prov, files=[up])
    record_decisions(prov, nominations=[(LUNG_CU, u) for u in uuids], awarded=True, decision_no="310/QĐ-UBND",
                     decision_date=date(2025, 1, 15), issuer="UBND huyện Đồng Văn")  # fmt: skip
    down = export_package(prov, kind="province_decisions", year=2024, out=tmp_path / "qd.tdkt", receiver=LUNG_CU)
    plan = plan_import(unit, down)
    [conflict] = plan.conflicts
    assert KIND_SAID in conflict.reason and LAW in conflict.reason
    apply_import(unit, plan)
    awarded = unit.query("SELECT department_id FROM awards WHERE code = 'THON_VH' AND source = 'above'")
    assert [r["department_id"] for r in awarded] == [village]
    statuses = {r["id"]: r["status"] for r in unit.query("SELECT id, status FROM nominations")}
    assert statuses == {sent[0]: "sent_up", sent[1]: "decided"}


# -- 3. the dossier sent up -----------------------------------------------------------------------------------------
@pytest.fixture
def district_round(unit_store):
    office, village = _departments(unit_store)
    round_id = review.create_round(
        unit_store, year=2024, kind="occasion", name="Thôn văn hóa 2024", decision_date=DISTRICT_DAY
    )
    return unit_store, round_id, office, village


def test_the_dossier_leaves_an_offices_thon_van_hoa_out_saying_why(district_round) -> None:
    store, round_id, office, village = district_round
    good = review.add_nomination(store, round_id=round_id, target_kind="collective", code="THON_VH",
                                 department_id=village, change_reason="Họp thôn bình xét")  # fmt: skip
    bad = _older_nomination(store, round_id, office)
    dossier_id = review.build_dossier(store, round_id=round_id)
    items = {r["nomination_id"] for r in store.query("SELECT nomination_id FROM dossier_items")}
    assert items == {good}
    statuses = {r["id"]: r["status"] for r in store.query("SELECT id, status FROM nominations")}
    assert statuses == {good: "sent_up", bad: "proposed"}
    notes = str(store.scalar("SELECT notes FROM dossiers WHERE id = ?", (dossier_id,)))
    assert KIND_SAID in notes and LAW in notes


def test_a_dossier_of_the_office_alone_is_refused(district_round) -> None:
    store, round_id, office, _village = district_round
    bad = _older_nomination(store, round_id, office)
    with pytest.raises(ValidationError) as refused:
        review.build_dossier(store, round_id=round_id)
    assert KIND_SAID in str(refused.value) and LAW in str(refused.value)
    assert store.scalar("SELECT count(*) FROM dossiers") == 0
    assert store.scalar("SELECT status FROM nominations WHERE id = ?", (bad,)) == "proposed"
