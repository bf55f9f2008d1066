"""desktop.ops.rules on a real database: the demo commune evaluated, overrides, base salary, awards from above."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.rules import RulePackError
from desktop.ops import rules
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "rulepacks" / "examples" / "province-override-example.toml"
)
TODAY = date(2026, 1, 10)
PERSON_1, MATERNITY, DISCIPLINED, NEWCOMER = 1, 9, 13, 40

# An override that lets staff hired in the year be considered after 4 months (a province's own rule).
FOUR_MONTHS = """
[pack]
id = "vn-test-province"
name = "Quy định của tỉnh (thử)"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[settings]
new_staff_min_months = { value = 4, cite = "Quyết định 12/2025/QĐ-UBND tỉnh, Điều 3", from = 2025-01-01 }

[titles.LDTT.params]
min_months_worked = { value = 4, cite = "Quyết định 12/2025/QĐ-UBND tỉnh, Điều 4", from = 2025-01-01 }
"""
BAD = FOUR_MONTHS.replace('value = 4, cite = "Quyết định 12/2025/QĐ-UBND tỉnh, Điều 3"', 'value = "bốn", cite = "x"')


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    return store


def _verdict(verdicts, subject_id, code, subject="person"):
    return next(v for v in verdicts if v.subject == subject and v.subject_id == subject_id and v.code == code)


def _texts(verdict):
    return [reason.text for reason in verdict.reasons]


def test_demo_commune_2025(demo):
    verdicts = rules.evaluate_year(demo, year=2025, today=TODAY)
    ldtt = [v for v in verdicts if v.code == "LDTT"]
    assert any(v.status == "eligible" for v in ldtt)
    assert len(ldtt) == 40

    # Discipline ended 1/3/2025: achievements count from the next day, 02/03–31/12 is 9 months and 30 days of
    # December's 31 (9,9 in calendar months), enough (NĐ152 Điều 4).
    disciplined = _verdict(verdicts, DISCIPLINED, "LDTT")
    assert "Hết thời hạn kỷ luật: thành tích tính từ ngày 02/03/2025" in _texts(disciplined)
    assert any("9,9 tháng (cần từ 6 tháng)" in text for text in _texts(disciplined))
    assert disciplined.status == "eligible"

    # Started 1/8/2025: fewer than 6 months in the year, not considered (TT 01/2024).
    newcomer = _verdict(verdicts, NEWCOMER, "LDTT")
    assert newcomer.status == "not_eligible"
    assert any("Mới tuyển dụng từ 01/08/2025" in text for text in _texts(newcomer))

    # Six months of maternity leave count as time worked (NĐ152 Điều 4).
    maternity = _verdict(verdicts, MATERNITY, "LDTT")
    assert "Nghỉ thai sản 181 ngày được tính là thời gian công tác" in _texts(maternity)
    assert any("12,0 tháng" in text for text in _texts(maternity))

    # Collectives are evaluated too.
    assert {v.code for v in verdicts if v.subject == "collective"} == {"TTLDTT", "TTLDXS", "GIAY_KHEN"}


def test_verdicts_json_keys(demo):
    pack = rules.effective_pack(demo)
    rows = rules.verdicts_json(rules.evaluate_year(demo, year=2025, today=TODAY), pack)
    json.dumps(rows, ensure_ascii=False)
    row = next(r for r in rows if r["id"] == NEWCOMER and r["code"] == "LDTT")
    assert set(row) >= {
        "target_kind",
        "id",
        "uuid",
        "name",
        "code",
        "category",
        "verdict",
        "reasons",
        "conferred_by",
        "rank",
    }
    assert (row["target_kind"], row["category"], row["verdict"], row["conferred_by"], row["rank"]) == (
        "individual",
        "title",
        "not_eligible",
        "unit",
        None,
    )
    assert all(set(reason) >= {"text", "citation"} for reason in row["reasons"])
    bk = next(r for r in rows if r["code"] == "BK_TINH")
    assert (bk["category"], bk["conferred_by"]) == ("award_form", "upward")
    assert {r["target_kind"] for r in rows if r["code"] == "TTLDTT"} == {"collective"}


def test_award_from_above_counts_toward_consecutive_years(demo):
    demo.actor = "tester"  # the store is opened for this clerk: the audit log names them
    before = _verdict(rules.evaluate_year(demo, year=2025, today=TODAY), PERSON_1, "BK_TINH")
    # eligible by HTXSNV years and two initiatives of that run; no run of CSTĐCS years yet
    assert not any("cấp trên khen" in text for text in _texts(before))
    award_id = rules.record_award_from_above(
        demo,
        staff_id=PERSON_1,
        year=2024,
        code="CSTDCS",
        decision_no="88/QĐ-UBND",
        decision_date=date(2024, 12, 20),
        issuer="UBND tỉnh Tuyên Quang",
    )
    row = demo.query_one("SELECT * FROM awards WHERE id = ?", (award_id,))
    assert (row["source"], row["category"], row["target_kind"]) == ("above", "title", "individual")
    after = _verdict(rules.evaluate_year(demo, year=2025, today=TODAY), PERSON_1, "BK_TINH")
    assert after.status == "needs_vote"  # 2024 from above + 2025 proposed (Luật Điều 74.1.d)
    assert any("2024 (cấp trên khen)" in text for text in _texts(after))
    audit = demo.query_one(
        "SELECT actor, operation FROM audit_log WHERE table_name = 'awards' AND record_uuid = ?", (row["uuid"],)
    )
    assert audit == {"actor": "tester", "operation": "rules.award_from_above"}


def test_award_from_above_refusals(demo):
    common = {"year": 2024, "decision_no": "1/QĐ", "decision_date": date(2024, 12, 1), "issuer": "UBND tỉnh"}
    awards_before = demo.scalar("SELECT count(*) FROM awards")
    with pytest.raises(ValidationError, match="XYZ") as error:
        rules.record_award_from_above(demo, staff_id=1, code="XYZ", **common)
    assert error.value.field == "code"
    with pytest.raises(ValidationError, match="không dùng để khen cá nhân"):
        rules.record_award_from_above(demo, staff_id=1, code="TTLDTT", **common)
    with pytest.raises(ValidationError):
        rules.record_award_from_above(demo, code="LDTT", **common)
    with pytest.raises(ValidationError, match="số quyết định"):
        rules.record_award_from_above(demo, staff_id=1, code="LDTT", **{**common, "decision_no": " "})
    initiative = demo.scalar("SELECT min(id) FROM initiatives WHERE staff_id = 1")
    rules.record_award_from_above(demo, staff_id=1, code="BK_TINH", initiative_id=initiative, **common)
    # One initiative backs one award only (Công văn 5007/BNV-TĐKT/2023).
    with pytest.raises(ValidationError, match="5007"):
        rules.record_award_from_above(demo, staff_id=1, code="CSTDCS", initiative_id=initiative, **common)
    assert demo.scalar("SELECT count(*) FROM awards") == awards_before + 1
    department = demo.scalar("SELECT min(id) FROM departments")
    # 2021: the demo's decisions of 2022–2024 already gave its TTLĐTT (a title is held once a year)
    award_id = rules.record_award_from_above(
        demo, department_id=department, code="TTLDTT", **{**common, "year": 2021, "decision_date": date(2021, 12, 1)}
    )
    row = demo.query_one("SELECT target_kind, category, source FROM awards WHERE id = ?", (award_id,))
    assert row == {"target_kind": "collective", "category": "title", "source": "above"}


def test_override_changes_a_value_and_can_be_switched_off(demo):
    pack = rules.effective_pack(demo)
    assert rules.effective_pack(demo) is pack  # cached
    override_id = rules.save_override(demo, name="Quy định tỉnh Tuyên Quang", toml_text=FOUR_MONTHS)
    changed = rules.effective_pack(demo)
    assert changed is not pack
    cited = changed.setting_cited("new_staff_min_months", date(2025, 12, 31))
    assert (cited.value, cited.source) == (4, "Quy định tỉnh Tuyên Quang")
    newcomer = _verdict(rules.evaluate_year(demo, year=2025, today=TODAY), NEWCOMER, "LDTT")
    assert newcomer.status == "eligible"  # 5 months ≥ 4, under the province's own rule
    assert not any("Mới tuyển dụng" in text for text in _texts(newcomer))
    assert any("Quyết định 12/2025/QĐ-UBND tỉnh, Điều 4" in reason.cite for reason in newcomer.reasons)

    listed = rules.list_overrides(demo)
    assert [(o["id"], o["name"], o["active"], o["pack_id"]) for o in listed] == [
        (override_id, "Quy định tỉnh Tuyên Quang", True, "vn-test-province")
    ]
    summary = rules.rules_summary(demo, on=date(2025, 12, 31))
    assert summary["settings"]["new_staff_min_months"]["source"] == "Quy định tỉnh Tuyên Quang"
    assert [s["id"] for s in summary["sources"]] == ["vn-national", "vn-test-province"]

    rules.set_override_active(demo, override_id=override_id, active=False)
    assert rules.effective_pack(demo).setting("new_staff_min_months", date(2025, 12, 31)) == 6
    operations = [
        r["operation"] for r in demo.query("SELECT operation FROM audit_log WHERE table_name = 'rule_overrides'")
    ]
    assert operations == ["rules.save_override", "rules.set_override_active"]


def test_editing_an_override_replaces_its_text(demo):
    override_id = rules.save_override(demo, name="Tỉnh", toml_text=FOUR_MONTHS)
    assert rules.effective_pack(demo).setting("new_staff_min_months", date(2025, 12, 31)) == 4
    same = rules.save_override(
        demo, name="Tỉnh", toml_text=FOUR_MONTHS.replace("value = 4,", "value = 5,"), override_id=override_id
    )
    assert same == override_id
    assert rules.effective_pack(demo).setting("new_staff_min_months", date(2025, 12, 31)) == 5
    assert demo.scalar("SELECT count(*) FROM rule_overrides") == 1


def test_bad_override_is_refused_with_its_key_and_nothing_saved(demo):
    with pytest.raises(RulePackError) as error:
        rules.save_override(demo, name="Tỉnh (sai)", toml_text=BAD)
    assert any("Tỉnh (sai)" in p and "settings.new_staff_min_months" in p for p in error.value.problems)
    with pytest.raises(RulePackError, match="TOML"):
        rules.save_override(demo, name="Tỉnh", toml_text="[pack\nid=")
    assert demo.scalar("SELECT count(*) FROM rule_overrides") == 0
    assert demo.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'rule_overrides'") == 0


def test_base_salary_edit_is_used_by_money_and_audited(demo):
    demo.actor = "ke-toan"  # the store is opened for this clerk: the audit log names them
    table = rules.base_salary_table(demo)
    assert [(e["valid_from"], e["amount"], e["unconfirmed"]) for e in table] == [
        (date(2017, 7, 1), 1_300_000, False),
        (date(2018, 7, 1), 1_390_000, False),
        (date(2019, 7, 1), 1_490_000, False),
        (date(2023, 7, 1), 1_800_000, False),
        (date(2024, 7, 1), 2_340_000, False),
        (date(2026, 7, 1), 2_530_000, True),
    ]
    entries = [(e["valid_from"], e["amount"], e["cite"]) for e in table[:5]]
    entries += [(date(2026, 7, 1), 2_530_000, "NĐ 161/2026/NĐ-CP, Điều 3"), (date(2027, 1, 1), 2_700_000, "NĐ 5/2027")]
    rules.set_base_salary_entries(demo, entries=entries)

    result = rules.money(demo, code="LDTT", target="individual", decision_date=date(2027, 2, 1))
    assert (result.base_salary, result.amount) == (2_700_000, 810_000)
    confirmed = rules.money_json(rules.money(demo, code="CSTDCS", target="individual", decision_date=date(2026, 8, 1)))
    assert confirmed["amount"] == 2_530_000 and "NĐ 161/2026/NĐ-CP, Điều 3" in confirmed["citations"]
    assert not any("chưa xác nhận" in c for c in confirmed["citations"])
    new_table = rules.base_salary_table(demo)
    assert new_table[-1]["source"] == rules.BASE_SALARY_OVERRIDE_NAME
    assert new_table[0]["unconfirmed"] is False and len(new_table) == 7

    # Saving again replaces the same row; each change is in the audit log.
    rules.set_base_salary_entries(demo, entries=entries[:-1])
    assert demo.scalar("SELECT count(*) FROM rule_overrides") == 1
    assert rules.money(demo, code="LDTT", target="individual", decision_date=date(2027, 2, 1)).base_salary == 2_530_000
    audit = demo.query("SELECT action, actor, operation, after FROM audit_log WHERE table_name = 'rule_overrides'")
    assert [(a["action"], a["actor"], a["operation"]) for a in audit] == [
        ("insert", "ke-toan", "rules.base_salary"),
        ("update", "ke-toan", "rules.base_salary"),
    ]
    assert "2700000" in audit[0]["after"]


def test_base_salary_entries_are_checked(demo):
    with pytest.raises(RulePackError) as error:
        rules.set_base_salary_entries(
            demo,
            entries=[
                (date(2024, 7, 1), 2_340_500, "NĐ 73/2024/NĐ-CP"),
                (date(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP"),
                (date(2026, 7, 1), -5, ""),
            ],
        )
    text = "\n".join(error.value.problems)
    assert "Dòng 1" in text and "chẵn nghìn" in text
    assert "Dòng 2: ngày áp dụng 01/07/2024 trùng với dòng 1" in text
    assert "Dòng 3" in text and "căn cứ" in text
    with pytest.raises(RulePackError):
        rules.set_base_salary_entries(demo, entries=[])
    assert demo.scalar("SELECT count(*) FROM rule_overrides") == 0


def test_money_json(demo):
    result = rules.money_json(rules.money(demo, code="LDTT", target="individual", decision_date=date(2025, 12, 30)))
    assert result["amount"] == 710_000 and result["words"] == "Bảy trăm mười nghìn đồng"
    assert (result["coefficient"], result["base_salary"], result["raw_amount"]) == (0.3, 2_340_000, 702_000)
    assert set(result) >= {"code", "target", "decision_date", "arithmetic", "citations"}
    with pytest.raises(RulePackError):
        rules.money(demo, code="LDTT", target="village", decision_date=date(2025, 12, 30))


def test_rules_summary_keeps_titles_and_award_forms_apart(demo):
    summary = rules.rules_summary(demo, on=date(2025, 12, 31))
    json.dumps(summary, ensure_ascii=False)
    titles = {t["code"]: t for t in summary["titles"]}
    forms = {f["code"]: f for f in summary["award_forms"]}
    assert {"LDTT", "CSTDCS", "TTLDTT"} <= set(titles) and "GIAY_KHEN" not in titles
    assert {"GIAY_KHEN", "BK_TINH", "BK_TTG"} <= set(forms) and not set(forms) & set(titles)
    ldtt = titles["LDTT"]
    assert ldtt["coefficients"]["individual"]["value"] == 0.3
    assert ldtt["conferred_by"]["value"] == "unit"
    assert set(ldtt["coefficients"]["individual"]) >= {"value", "cite", "from", "unconfirmed", "source"}
    cstdcs = titles["CSTDCS"]
    assert cstdcs["ballot_required"]["value"] is True and cstdcs["ballot_threshold_percent"]["value"] == 80
    assert cstdcs["ballot_threshold_percent"]["unconfirmed"] is True
    assert summary["pack"]["id"] == "vn-national"
    assert [b["amount"] for b in summary["base_salary"]] == [
        1_300_000,
        1_390_000,
        1_490_000,
        1_800_000,
        2_340_000,
        2_530_000,
    ]
    assert summary["settings"]["rounding_step"]["value"] == 10_000


def test_check_override_file(tmp_path):
    assert rules.check_override_file(EXAMPLE) == []
    bad = tmp_path / "tinh.toml"
    bad.write_text(BAD, encoding="utf-8")
    problems = rules.check_override_file(bad)
    assert len(problems) == 1 and problems[0].startswith("tinh.toml, khóa settings.new_staff_min_months")


def test_a_stored_override_this_version_refuses_says_where_to_switch_it_off(demo):
    """An override saved by an older version (before the bounds on base salary) now fails to layer: every use of the
    law says which one and where to switch it off; switching it off brings the national law back."""
    from desktop.store import now_iso

    old = FOUR_MONTHS.replace(
        "[settings]", '[[base_salary]]\nvalue = 900000\ncite = "QĐ cũ"\nfrom = 2025-01-01\n\n[settings]'
    )
    with demo.transaction(operation="test.old_override"):  # as the older version stored it, unchecked
        override_id = demo.add(
            "rule_overrides",
            {"uuid": "old-1", "name": "Quy định cũ", "source": "province", "toml": old, "created_at": now_iso(),
             "updated_at": now_iso()},
        )  # fmt: skip
    with pytest.raises(RulePackError) as refused:
        rules.evaluate_year(demo, year=2025, today=TODAY)
    assert any("Quy định cũ" in p and "900000" in p for p in refused.value.problems)
    assert "bấm Ngừng áp dụng" in refused.value.problems[-1]
    assert [o["name"] for o in rules.list_overrides(demo)] == ["Quy định cũ"]  # still listed for the clerk
    rules.set_override_active(demo, override_id=override_id, active=False)
    assert rules.effective_pack(demo).base_salary_on(date(2025, 12, 31)) == 2_340_000


def test_a_title_held_for_the_year_is_not_recorded_again_from_above(demo):
    """A second LĐTT 2025 "from above" beside the unit's own, or the same Bằng khen decision entered twice, counted
    one person twice in the yearly report and the award register sent up."""
    held = demo.query_one(
        "SELECT staff_id, year, decision_no FROM awards WHERE code = 'LDTT' AND target_kind = 'individual' "
        "AND source = 'unit' ORDER BY id LIMIT 1"
    )
    before = demo.scalar("SELECT count(*) FROM awards")
    with pytest.raises(ValidationError, match="mỗi năm một danh hiệu chỉ được tặng một lần") as refused:
        rules.record_award_from_above(
            demo,
            staff_id=held["staff_id"],
            year=held["year"],
            code="LDTT",
            decision_no="99/QĐ-UBND",
            decision_date=date(held["year"] + 1, 1, 5),
            issuer="UBND huyện",
        )
    assert held["decision_no"] in str(refused.value)
    common = {"year": 2024, "decision_no": "12/QĐ-UBND", "decision_date": date(2025, 3, 1), "issuer": "UBND tỉnh"}
    rules.record_award_from_above(demo, staff_id=held["staff_id"], code="BK_TINH", **common)
    with pytest.raises(ValidationError, match="không ghi lại lần thứ hai"):
        rules.record_award_from_above(demo, staff_id=held["staff_id"], code="BK_TINH", **common)
    rules.record_award_from_above(  # another Bằng khen the same year, for another achievement: allowed
        demo, staff_id=held["staff_id"], code="BK_TINH", **{**common, "decision_no": "30/QĐ-UBND"}
    )
    assert demo.scalar("SELECT count(*) FROM awards") == before + 2
