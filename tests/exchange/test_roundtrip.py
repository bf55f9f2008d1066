"""Unit → province → unit with real files and two real databases."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.exchange import importer, province
from desktop.exchange.exporter import export_package
from desktop.exchange.reader import read_header
from desktop.ops import exchange as ops
from tests.demo_date import DEMO_TODAY
from tests.exchange import YEAR, seed_dossier, table_checksum


def test_unit_to_province_to_unit(pair, tmp_path):
    unit, prov = pair
    nominations = seed_dossier(unit)
    province_fp = ops.show_keys(prov)["fingerprint"]
    unit_fp = ops.show_keys(unit)["fingerprint"]

    # up: the dossier, encrypted to the province, with the achievement reports as PDFs
    sent = ops.export(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "ho-so", encrypt_to=province_fp)
    path = tmp_path / "ho-so.tdkt"
    assert sent["path"] == str(path) and sent["encrypted"] and sent["counts"] == {"nomination": 3}
    header = read_header(path)  # routing header readable without any key
    assert header.sender.code == "00715" and header.receiver.code == "08" and header.encryption is not None
    raw = path.read_bytes()
    assert "Hoàn thành xuất sắc".encode() not in raw  # personal data is not readable on the stick

    info = ops.verify_file(prov, path=path)
    assert info["encrypted"] and info["signer"]["role"] == "unit"
    assert len(info["attachments"]) == 3 and all(a.endswith(".pdf") for a in info["attachments"])
    [plan] = ops.dry_run(prov, files=[path])
    assert plan.to_json()["counts"] == {"nomination": {"new": 3, "updated": 0, "unchanged": 0, "conflicts": 0}}
    [result] = ops.import_files(prov, files=[path])
    assert result.status == "applied"
    summary = province.consolidated(prov, year=YEAR)
    assert summary["totals"]["nominations"] == 3
    assert summary["units"][0]["code"] == "00715" and summary["units"][0]["nominations_by_code"] == {
        "CSTD_TINH": 1,
        "BK_TINH": 2,
    }

    # the same file again: nothing changes and it says so
    before = table_checksum(prov)
    [again] = ops.import_files(prov, files=[path])
    assert again.status == "duplicate" and "đã được nhập" in again.message
    assert table_checksum(prov) == before

    # down: the province decides; the decisions go back encrypted to the unit
    province.record_decision(
        prov, unit_code="00715", nomination_uuid=nominations[0], awarded=True, decision_no="15/QĐ-UBND",
        decision_date=date(2026, 1, 20), issuer="Chủ tịch UBND tỉnh Tuyên Quang",
    )  # fmt: skip
    province.record_decision(prov, unit_code="00715", nomination_uuid=nominations[1], awarded=False)
    down = export_package(prov, kind="province_decisions", year=YEAR, out=tmp_path / "qd.tdkt", encrypt_to=unit_fp)
    [plan] = ops.dry_run(unit, files=[down])
    assert plan.counts["province_decision"].new == 2
    [result] = ops.import_files(unit, files=[down])
    assert result.status == "applied"
    staff_id = unit.scalar("SELECT staff_id FROM nominations WHERE uuid = ?", (nominations[0],))
    award = unit.query_one("SELECT * FROM awards WHERE staff_id = ? AND code = 'CSTD_TINH'", (staff_id,))
    assert award["source"] == "above" and award["decision_no"] == "15/QĐ-UBND" and award["year"] == YEAR
    assert award["decision_date"] == "2026-01-20"
    other = unit.scalar("SELECT staff_id FROM nominations WHERE uuid = ?", (nominations[1],))
    assert unit.scalar("SELECT count(*) FROM awards WHERE staff_id = ? AND code = 'BK_TINH'", (other,)) == 0
    # the province's answer closes each nomination that was sent up
    status = "SELECT status FROM nominations WHERE uuid = ?"
    assert unit.scalar(status, (nominations[0],)) == "decided"
    assert unit.scalar(status, (nominations[1],)) == "failed"
    assert unit.scalar(status, (nominations[2],)) == "sent_up"  # not decided yet
    audit = unit.query("SELECT DISTINCT operation, actor FROM audit_log WHERE table_name = 'nominations'")
    assert {"operation": "package.import", "actor": "xa"} in audit, audit
    # the same decisions again: nothing changes, the statuses stay
    before = table_checksum(unit)
    [again] = ops.import_files(unit, files=[down])
    assert again.status == "duplicate" and table_checksum(unit) == before
    assert unit.scalar(status, (nominations[0],)) == "decided" and unit.scalar(status, (nominations[1],)) == "failed"
    # the consecutive-year rules read the award history: the engine input sees the province's award
    from desktop.store.engine_input import load_unit_data

    data = load_unit_data(unit, year=YEAR + 1)
    person = next(
        p for p in data.people if p.id == staff_id or getattr(p, "uuid", None) == award["uuid"] or p.id == staff_id
    )
    assert any(a.code == "CSTD_TINH" and a.year == YEAR for a in person.awards)
    audit = unit.query("SELECT DISTINCT operation FROM audit_log WHERE table_name = 'awards' AND actor = 'xa'")
    assert {"operation": "package.import"} in audit

    # the province corrects a decision number: a newer package updates the award, fields side by side
    province.record_decision(
        prov, unit_code="00715", nomination_uuid=nominations[0], awarded=True, decision_no="16/QĐ-UBND",
        decision_date=date(2026, 1, 21), issuer="Chủ tịch UBND tỉnh Tuyên Quang",
    )  # fmt: skip
    corrected = export_package(prov, kind="province_decisions", year=YEAR, out=tmp_path / "qd2.tdkt", receiver="00715")
    [plan] = ops.dry_run(unit, files=[corrected])
    report = plan.to_json()
    assert report["counts"]["province_decision"] == {"new": 0, "updated": 1, "unchanged": 1, "conflicts": 0}
    fields = {f["field"]: (f["ours"], f["theirs"]) for f in report["updates"][0]["fields"]}
    assert fields["decision_no"] == ("15/QĐ-UBND", "16/QĐ-UBND")
    ops.import_files(unit, files=[corrected])
    assert unit.scalar("SELECT decision_no FROM awards WHERE id = ?", (award["id"],)) == "16/QĐ-UBND"

    history = ops.history(unit)
    assert [h["direction"] for h in history] == ["received", "received", "sent"]
    assert history[-1]["kind"] == "nomination_dossier" and history[-1]["status"] == "sent"


def test_yearly_report_and_register_reach_the_province(pair, tmp_path):
    unit, prov = pair
    from desktop.ops.demo import fill_demo

    fill_demo(unit, today=DEMO_TODAY)
    year = unit.scalar("SELECT max(year) FROM awards")
    report = export_package(unit, kind="yearly_report", year=year, out=tmp_path / "bc.tdkt")
    register = export_package(unit, kind="award_register", year=year, out=tmp_path / "so.tdkt")
    results = ops.import_files(prov, files=[report, register])
    assert [r.status for r in results] == ["applied", "applied"]
    summary = province.consolidated(prov, year=year)
    [row] = summary["units"]
    awards = unit.scalar("SELECT count(*) FROM awards WHERE year = ?", (year,))
    assert row["awards"] == awards > 0
    figures = row["yearly_report"]
    assert figures["staff_total"] > 0 and sum(r["total"] for r in figures["rows"]) == awards
    women = unit.scalar(
        "SELECT count(*) FROM awards a JOIN staff s ON s.id = a.staff_id WHERE a.year = ? AND s.gender = 'F'", (year,)
    )
    assert sum(r["women"] for r in figures["rows"]) == women
    # a second report for the same year replaces the first (same record UUID): updated, not duplicated
    again = export_package(unit, kind="yearly_report", year=year, out=tmp_path / "bc2.tdkt")
    [plan] = ops.dry_run(prov, files=[again])
    assert plan.counts["yearly_report"].unchanged == 1


def test_rule_override_and_movements_go_down(pair, tmp_path):
    unit, prov = pair
    from desktop.ops.movements import list_movements
    from desktop.ops.rules import effective_pack, save_override

    toml_text = (
        '[pack]\nid = "tq-2026"\nname = "Quy định riêng tỉnh Tuyên Quang"\nversion = "2026.1"\n'
        'valid_from = 2026-01-01\njurisdiction = "08"\nkind = "override"\nbase = "vn-national"\n'
    )
    save_override(prov, name="Quy định riêng tỉnh Tuyên Quang", toml_text=toml_text)
    province.add_movement(prov, name="Thi đua chuyển đổi số", theme="Chuyển đổi số", period_from=date(2026, 1, 1))
    pack_file = export_package(prov, kind="rule_override", year=2026, out=tmp_path / "ql.tdkt", receiver="00715")
    movement_file = export_package(prov, kind="movements", year=2026, out=tmp_path / "pt.tdkt", receiver="00715")
    results = ops.import_files(unit, files=[pack_file, movement_file])
    assert [r.status for r in results] == ["applied", "applied"]
    row = unit.query_one("SELECT * FROM rule_overrides WHERE source = 'province'")
    assert row["name"] == "Quy định riêng tỉnh Tuyên Quang" and row["active"] == 1
    assert any(meta.id == "tq-2026" for meta in effective_pack(unit).overrides)
    stored = unit.query_one("SELECT * FROM remote_records WHERE record_kind = 'movement'")
    assert json.loads(stored["content"])["name"] == "Thi đua chuyển đổi số"  # the base of the next comparison
    [movement] = list_movements(unit)
    assert movement["uuid"] == stored["record_uuid"] and movement["name"] == "Thi đua chuyển đổi số"
    assert movement["source"] == "province" and movement["launched_by"] == "Sở Nội vụ tỉnh Tuyên Quang"
    before = table_checksum(unit)
    assert [r.status for r in ops.import_files(unit, files=[pack_file, movement_file])] == ["duplicate"] * 2
    assert table_checksum(unit) == before


def test_province_movement_becomes_a_unit_movement(pair, tmp_path):
    unit, prov = pair
    from desktop.ops import movements

    record_uuid = province.add_movement(
        prov, name="Thi đua xây dựng nông thôn mới", kind="thematic", theme="Nông thôn mới",
        launched_on=date(2026, 2, 3), period_from=date(2026, 2, 3), period_to=date(2030, 12, 31),
        description="Phát động trên toàn tỉnh",
    )  # fmt: skip
    first = export_package(prov, kind="movements", year=2026, out=tmp_path / "pt1.tdkt", receiver="00715")
    [plan] = ops.dry_run(unit, files=[first])
    assert plan.to_json()["counts"] == {"movement": {"new": 1, "updated": 0, "unchanged": 0, "conflicts": 0}}
    assert unit.scalar("SELECT count(*) FROM movements") == 0  # the dry run writes nothing
    [result] = ops.import_files(unit, files=[first])
    assert result.status == "applied"
    [row] = movements.list_movements(unit, year=2027)
    assert row["uuid"] == record_uuid and row["name"] == "Thi đua xây dựng nông thôn mới"
    assert row["launched_by"] == "Sở Nội vụ tỉnh Tuyên Quang" and row["source"] == "province"
    assert row["kind"] == "thematic" and row["theme"] == "Nông thôn mới" and row["status"] == "launched"
    assert (row["launch_date"], row["start_date"], row["end_date"]) == ("2026-02-03", "2026-02-03", "2030-12-31")
    assert row["notes"] == "Phát động trên toàn tỉnh"
    audit = unit.query("SELECT DISTINCT operation, actor FROM audit_log WHERE table_name = 'movements'")
    assert audit == [{"operation": "package.import", "actor": "xa"}]

    # the same movements in a new package: unchanged, the movement row is not touched
    same = export_package(prov, kind="movements", year=2026, out=tmp_path / "pt2.tdkt", receiver="00715")
    [plan] = ops.dry_run(unit, files=[same])
    assert plan.counts["movement"].unchanged == 1 and not plan.has_changes
    before = unit.query("SELECT * FROM movements")
    assert ops.import_files(unit, files=[same])[0].status == "applied"
    assert unit.query("SELECT * FROM movements") == before

    def province_edits(**changes):
        content = prov.scalar("SELECT content FROM remote_records WHERE record_uuid = ?", (record_uuid,))
        with prov.transaction(operation="province.movement"):
            code = importer.own_identity(prov)[0]
            province._put_record(prov, unit_code=code, record_kind="movement", record=json.loads(content) | changes)

    # the unit adds its own note; the province renames the movement and shortens it: the new package updates
    # the same movement (fields side by side) and keeps the unit's note and its own work
    movements.update_movement(unit, movement_id=row["id"], notes="Xã đăng ký tham gia")
    movements.set_status(unit, movement_id=row["id"], status="mid_reviewed")
    province_edits(name="Thi đua chung sức xây dựng nông thôn mới", period_to="2029-12-31")
    renamed = export_package(prov, kind="movements", year=2026, out=tmp_path / "pt3.tdkt", receiver="00715")
    [plan] = ops.dry_run(unit, files=[renamed])
    report = plan.to_json()
    assert report["counts"]["movement"] == {"new": 0, "updated": 1, "unchanged": 0, "conflicts": 0}
    fields = {f["field"]: (f["ours"], f["theirs"]) for f in report["updates"][0]["fields"]}
    assert fields == {
        "name": ("Thi đua xây dựng nông thôn mới", "Thi đua chung sức xây dựng nông thôn mới"),
        "end_date": ("2030-12-31", "2029-12-31"),
    }
    ops.import_files(unit, files=[renamed])
    assert unit.scalar("SELECT count(*) FROM movements") == 1
    updated = movements.get_movement(unit, row["id"])
    assert updated["name"] == "Thi đua chung sức xây dựng nông thôn mới" and updated["end_date"] == "2029-12-31"
    assert updated["notes"] == "Xã đăng ký tham gia" and updated["status"] == "mid_reviewed"

    # both sides change the name: a conflict shown side by side, and the unit's name stays
    movements.update_movement(unit, movement_id=row["id"], name="Phong trào nông thôn mới của xã")
    province_edits(name="Thi đua nông thôn mới giai đoạn 2026–2029", theme="Nông thôn mới nâng cao")
    clash = export_package(prov, kind="movements", year=2026, out=tmp_path / "pt4.tdkt", receiver="00715")
    [plan] = ops.dry_run(unit, files=[clash])
    report = plan.to_json()
    assert report["counts"]["movement"] == {"new": 0, "updated": 0, "unchanged": 0, "conflicts": 1}
    [conflict] = report["conflicts"]
    assert conflict["record_uuid"] == record_uuid and "giữ dữ liệu của đơn vị" in conflict["reason"]
    assert conflict["fields"] == [
        {
            "field": "name",
            "ours": "Phong trào nông thôn mới của xã",
            "theirs": "Thi đua nông thôn mới giai đoạn 2026–2029",
        }
    ]
    before = unit.query("SELECT * FROM movements")
    ops.import_files(unit, files=[clash])
    assert unit.query("SELECT * FROM movements") == before


def test_mode_decides_which_kinds_are_accepted(pair, tmp_path):
    unit, prov = pair
    from desktop.exchange.format import PackageError

    with pytest.raises(PackageError) as excinfo:
        export_package(unit, kind="province_decisions", year=YEAR, out=tmp_path / "x.tdkt", receiver="08")
    assert "không gửi được" in str(excinfo.value)
    assert importer.current_mode(prov) == "province" and importer.own_identity(prov)[0] == "08"
