"""A foreign staff member (GSO code 55 "Người nước ngoài") is not a người dân tộc thiểu số: neither in the yearly
report sent to the province (forms 0601–0605) nor on the reports page (rvreport finding 5)."""

from __future__ import annotations

from datetime import date

from desktop.domain import codes
from desktop.domain.movement_report import AwardFact, figures
from desktop.domain.staff import StaffDraft
from desktop.exchange.exporter import yearly_report_records
from desktop.ops.staff import add_staff
from desktop.store import awards_repo
from tests.conftest import set_up_lung_cu


def _person(store, name: str, code: str, ethnic: str) -> int:
    draft = StaffDraft(
        full_name=name,
        staff_code=code,
        gender="F",
        ethnic_code=ethnic,
        birth_date=date(1990, 1, 1),
        start_date=date(2020, 1, 1),
        department="Văn phòng",
    )
    staff_id = add_staff(store, draft=draft)
    with store.transaction():
        awards_repo.add_award(
            store,
            target_kind="individual",
            staff_id=staff_id,
            year=2025,
            code="LDTT",
            category="title",
            source="above",
            decision_no="1/QĐ-UBND",
            decision_date=date(2025, 12, 20),
            issuer="Chủ tịch UBND xã",
        )
    return staff_id


def test_foreigner_is_not_an_ethnic_minority_in_the_yearly_report(store):
    set_up_lung_cu(store)
    _person(store, "Anna Schmidt", "NN01", "55")
    _person(store, "Giàng Thị Mỷ", "NN02", "08")
    [report] = yearly_report_records(store, year=2025, unit_code="00715")
    assert report["ethnic_minority_total"] == 1
    [row] = [r for r in report["rows"] if r["code"] == "LDTT"]
    assert row["ethnic_minority"] == 1 and row["total"] == 2


def test_minority_codes_are_the_53_groups_besides_kinh():
    assert codes.FOREIGN_ETHNIC_CODE == "55" and codes.ETHNIC_GROUPS["55"] == "Người nước ngoài"
    assert len(codes.MINORITY_ETHNIC_CODES) == 53
    assert codes.MAJORITY_ETHNIC_CODE not in codes.MINORITY_ETHNIC_CODES
    assert codes.FOREIGN_ETHNIC_CODE not in codes.MINORITY_ETHNIC_CODES


def test_reports_page_does_not_count_a_foreigner_as_a_minority():
    facts = [
        AwardFact(
            "LDTT", "Lao động tiên tiến", "title", "individual", ethnic_code="55", ethnic_name="Người nước ngoài"
        ),
        AwardFact("LDTT", "Lao động tiên tiến", "title", "individual", ethnic_code="08", ethnic_name="HMông"),
        AwardFact("LDTT", "Lao động tiên tiến", "title", "individual", ethnic_code="01", ethnic_name="Kinh"),
        AwardFact("LDTT", "Lao động tiên tiến", "title", "individual", ethnic_code="", ethnic_name=""),
    ]
    data = figures(facts)
    assert data["ethnic"]["minority"] == 1
    assert data["ethnic"]["majority"] == 2
    assert data["ethnic"]["foreign"] == 1
    assert data["ethnic"]["minority_share"] == 25.0
    assert "1/4" in data["highlights"][2]


def test_reports_tables_give_foreigners_their_own_row_so_the_groups_add_up():
    from desktop.documents.movement_docs import report_tables

    facts = [
        AwardFact("LDTT", "Lao động tiên tiến", "title", "individual", ethnic_code=code, ethnic_name=name)
        for code, name in (("55", "Người nước ngoài"), ("08", "HMông"), ("01", "Kinh"))
    ]
    rows = {row[0]: row[1] for _heading, _columns, table in report_tables(figures(facts)) for row in table}
    assert rows["Dân tộc Kinh"] + rows["Dân tộc thiểu số"] + rows["Người nước ngoài"] == 3
    no_foreigner = report_tables(figures(facts[1:]))
    assert all(row[0] != "Người nước ngoài" for _h, _c, table in no_foreigner for row in table)
