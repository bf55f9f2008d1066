"""What a signed package claims is checked for sense at the province, whoever signed it (issue s43):

- a package of a year's data says which year (a null ``year`` skipped the check that the records are of it, and a
  null-year register withdrew nothing): only a rule-override snapshot may leave it empty;
- a yearly report's rows name awards of the catalogue, of their category and for their kind of recipient, and its
  collectives have no more members than the report's own staff total; an award register's or a dossier's record
  is given to a kind of recipient its award is for (LĐTT to a person, TTLĐTT to a collective);
- one-line texts of a record (names, codes, numbers) hold no line break or tab: printed tab by tab, one forged a row
  of ``tdkt province attachments``; the achievement keeps its lines;
- a package is applied only while its signer is still trusted: a key revoked in another window during a folder
  import, or between the dry run and the import, stops the packages it signed.
"""

from __future__ import annotations

import copy
import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import KINDS, PackageError, derived_uuid
from desktop.exchange.importer import apply_import, plan_import
from desktop.exchange.manifest import canonical_bytes, parse_manifest
from desktop.exchange.province import consolidated
from desktop.ops import province as province_ops
from desktop.ops.demo import fill_demo
from desktop.ops.exchange import import_files, list_trusted, revoke_key
from desktop.store import new_uuid, now_iso, open_store
from tests.demo_date import DEMO_TODAY
from tests.exchange import LUNG_CU, YEAR, craft, own_keys, table_checksum, unpack


def _forged(path: Path, keys: Any, out: Path, entry: str, records: list[dict[str, Any]], **manifest: Any) -> Path:
    """``path`` with ``entry``'s records replaced and the manifest fields changed, signed again with ``keys``."""
    data, entries = unpack(path)
    content = json.loads(entries[entry])
    content["records"] = records
    entries[entry] = json.dumps(content, ensure_ascii=False).encode()
    kind = next(iter(data["counts"]))
    fields = {"package_uuid": str(uuid.uuid4()), "counts": {kind: len(records)}} | manifest
    return craft(out, keys, data | fields, entries)


def _register(unit: Any, folder: Path, year: int) -> tuple[Path, list[dict[str, Any]]]:
    path = export_package(unit, kind="award_register", year=year, out=folder / f"so-{year}.tdkt")
    return path, json.loads(unpack(path)[1]["data/awards.json"])["records"]


# -- 1. a package of a year's data says its year -----------------------------------------------------------------


def _manifest(kind: str, year: int | None) -> bytes:
    return canonical_bytes(
        {
            "format": "tdkt-package", "format_version": "1.1", "package_uuid": new_uuid(), "kind": kind,
            "sender": {"code": LUNG_CU, "name": "UBND xã Lũng Cú"}, "receiver": {"code": "", "name": ""},
            "created_at": now_iso(), "app_version": "0.1.0", "year": year, "counts": {}, "entries": [],
            "encryption": None,
        }
    )  # fmt: skip


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "rule_override"])
def test_a_package_of_a_years_data_must_say_its_year(kind):
    """Every kind but the rule-override snapshot is one year's data: the importer checks its records against it."""
    assert parse_manifest(_manifest(kind, YEAR)).year == YEAR
    with pytest.raises(PackageError) as excinfo:
        parse_manifest(_manifest(kind, None))
    assert excinfo.value.code == "manifest"
    assert "không ghi năm" in excinfo.value.message and "“year”" in excinfo.value.message
    assert parse_manifest(_manifest("rule_override", None)).year is None  # a snapshot of every year's overrides


def test_a_register_without_a_year_cannot_plant_awards_in_another_year(pair, tmp_path):
    """The reviewer's case: after the 2023 register, a null-year package added a second LĐTT 2023 for one person and
    a Giấy khen, both counted in the province's 2023 figures."""
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    genuine, records = _register(unit, tmp_path, 2023)
    assert import_files(prov, files=[genuine])[0].status == "applied"
    before = consolidated(prov, year=2023)["units"][0]["awards_by_code"]
    person = next(r for r in records if r["target_kind"] == "individual" and r["code"] == "LDTT")
    planted = [
        copy.deepcopy(person) | {"uuid": str(uuid.uuid4()), "decision_no": "99/QĐ-UBND"},
        copy.deepcopy(person) | {"uuid": str(uuid.uuid4()), "code": "GIAY_KHEN", "category": "award_form"},
    ]
    time.sleep(1.05)
    forged = _forged(genuine, own_keys(unit), tmp_path / "khong-nam.tdkt", "data/awards.json", planted, year=None)
    checksum = table_checksum(prov)
    with pytest.raises(PackageError) as excinfo:
        import_files(prov, files=[forged])
    assert "khong-nam.tdkt" in excinfo.value.message and "không ghi năm" in excinfo.value.message
    assert table_checksum(prov) == checksum
    assert consolidated(prov, year=2023)["units"][0]["awards_by_code"] == before


def test_a_dossier_without_a_year_cannot_carry_a_nomination_of_another_year(sent_dossier, tmp_path):
    unit, prov, genuine = sent_dossier
    records = json.loads(unpack(genuine)[1]["data/nominations.json"])["records"]
    records[0]["year"] = 2019
    forged = _forged(genuine, own_keys(unit), tmp_path / "ho-so.tdkt", "data/nominations.json", records, year=None)
    with pytest.raises(PackageError, match="không ghi năm"):
        plan_import(prov, forged)


# -- 2. what a report or a register counts is for whom the catalogue says -----------------------------------------


def _row(code: str, category: str, target: str, total: int) -> dict[str, Any]:
    person = target == "individual"
    return {
        "code": code, "category": category, "target_kind": target, "total": total, "women": 0,
        "leaders": 0, "non_leaders": total if person else 0, "ethnic_minority": 0,
    }  # fmt: skip


def _report(unit: Any, folder: Path, rows: list[dict[str, Any]], members: list[int]) -> Path:
    record = {
        "uuid": derived_uuid("yearly_report", LUNG_CU, str(YEAR)), "year": YEAR, "unit_code": LUNG_CU,
        "staff_total": 10, "women_total": 5, "leaders_total": 2, "ethnic_minority_total": 1, "rows": rows,
        "collective_ratings": [
            {"uuid": new_uuid(), "name": f"Tổ {n}", "rating": "HTTNV", "members": count}
            for n, count in enumerate(members, start=1)
        ],
    }  # fmt: skip
    manifest = {
        "format": "tdkt-package", "format_version": "1.1", "package_uuid": new_uuid(), "kind": "yearly_report",
        "sender": {"code": LUNG_CU, "name": "Ủy ban nhân dân xã Lũng Cú"}, "receiver": {"code": "", "name": ""},
        "created_at": now_iso(), "app_version": "0.1.0", "year": YEAR, "counts": {"yearly_report": 1},
        "entries": [], "encryption": None,
    }  # fmt: skip
    content = json.dumps({"record_kind": "yearly_report", "records": [record]}, ensure_ascii=False).encode()
    return craft(
        folder / f"bao-cao-{new_uuid()[:8]}.tdkt", own_keys(unit), manifest, {"data/yearly_report.json": content}
    )


@pytest.mark.parametrize(
    ("rows", "members", "words"),
    [
        ([_row("GIAY_KHEN", "title", "individual", 3)], [4], "dòng 1 của báo cáo: “Giấy khen” là hình thức"),
        ([_row("LDTT", "award_form", "individual", 3)], [4], "“Lao động tiên tiến” là danh hiệu thi đua"),
        ([_row("KHONG_CO_MA_NAY", "award_form", "individual", 9)], [4], "mã “KHONG_CO_MA_NAY” không có trong danh mục"),
        ([_row("LDTT", "title", "household", 7)], [4], "chỉ dành cho cá nhân, không tặng cho hộ gia đình"),
        (
            [_row("LDTT", "title", "individual", 3), _row("LDTT", "title", "collective", 2)],
            [4],
            "dòng 2 của báo cáo: “Lao động tiên tiến” chỉ dành cho cá nhân, không tặng cho tập thể",
        ),
        ([_row("TTLDTT", "title", "individual", 1)], [4], "chỉ dành cho tập thể, không tặng cho cá nhân"),
        ([_row("LDTT", "title", "individual", 3)], [999_999], "tập thể “Tổ 1” có 999999 thành viên, nhiều hơn"),
        ([_row("LDTT", "title", "individual", 3)], [6, 6], "tổng cộng 12 thành viên, nhiều hơn số người"),
    ],
    ids=[
        "award form as a title", "title as an award form", "unknown code", "LĐTT to households",
        "LĐTT to collectives", "TTLĐTT to a person", "a collective larger than the unit", "collectives larger together",
    ],
)  # fmt: skip
def test_a_yearly_report_counts_only_what_the_catalogue_allows(pair, tmp_path, rows, members, words):
    unit, prov = pair
    good = _report(unit, tmp_path, [_row("LDTT", "title", "individual", 3)], [4, 6])
    assert plan_import(prov, good).conflicts == []  # the same report, true, is taken
    time.sleep(1.05)
    bad = _report(unit, tmp_path, rows, members)
    [conflict] = plan_import(prov, bad).conflicts
    assert words in conflict.reason
    assert import_files(prov, files=[bad])[0].counts["yearly_report"]["conflicts"] == 1
    report = next(u for u in consolidated(prov, year=YEAR)["units"] if u["code"] == LUNG_CU)["yearly_report"]
    assert report is None  # nothing of the report is counted


def test_a_register_gives_an_award_only_to_whom_it_is_for(pair, tmp_path):
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    genuine, records = _register(unit, tmp_path, 2024)
    assert plan_import(prov, genuine).conflicts == []  # the demo's real register: every award for its recipient
    person = next(r for r in records if r["target_kind"] == "individual" and r["code"] == "LDTT")
    collective = next(r for r in records if r["target_kind"] == "collective")
    planted = [
        copy.deepcopy(collective) | {"uuid": str(uuid.uuid4()), "code": "LDTT", "category": "title", "source": "unit"},
        copy.deepcopy(person) | {"uuid": str(uuid.uuid4()), "code": "TTLDTT", "category": "title", "source": "unit"},
    ]
    forged = _forged(genuine, own_keys(unit), tmp_path / "so-gia.tdkt", "data/awards.json", records + planted)
    plan = plan_import(prov, forged)
    assert [c.reason for c in plan.conflicts] == [
        "“Lao động tiên tiến” chỉ dành cho cá nhân, không tặng cho tập thể.",
        "“Tập thể lao động tiên tiến” chỉ dành cho tập thể, không tặng cho cá nhân.",
    ]
    apply_import(prov, plan)
    awards = consolidated(prov, year=2024)["units"][0]["awards_by_code"]
    assert awards["LDTT"] == sum(1 for r in records if r["code"] == "LDTT")
    assert awards["TTLDTT"] == sum(1 for r in records if r["code"] == "TTLDTT")


def test_a_dossier_nominates_for_an_award_only_whom_it_is_for(sent_dossier, tmp_path):
    unit, prov, dossier = sent_dossier
    assert plan_import(prov, dossier).conflicts == []
    nominations = json.loads(unpack(dossier)[1]["data/nominations.json"])["records"]
    nominations[0] |= {"code": "TTLDXS", "category": "title"}  # a collective title for a person
    forged = _forged(dossier, own_keys(unit), tmp_path / "hs-gia.tdkt", "data/nominations.json", nominations)
    assert [c.reason for c in plan_import(prov, forged).conflicts] == [
        "“Tập thể lao động xuất sắc” chỉ dành cho tập thể, không tặng cho cá nhân."
    ]


# -- 3. one-line texts of a record -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "field"),
    [
        (("person", "name"), "person"),
        (("person", "position"), "person"),
        (("person", "department"), "person"),
        (("code",), "code"),
        (("household_name",), "household_name"),
        (("attachments",), "attachments"),
    ],
    ids=["name", "position", "department", "code", "household", "attachment name"],
)
def test_a_line_break_or_a_tab_in_a_one_line_text_refuses_the_package(sent_dossier, tmp_path, where, field):
    unit, prov, genuine = sent_dossier
    records = json.loads(unpack(genuine)[1]["data/nominations.json"])["records"]
    person = next(r for r in records if r["person"])
    person["achievement"] = "Dòng một\n\tDòng hai\r\nDòng ba"  # a multi-line text keeps its lines
    lines = _forged(genuine, own_keys(unit), tmp_path / "nhieu-dong.tdkt", "data/nominations.json", records)
    assert [c.reason for c in plan_import(prov, lines).conflicts] == []

    forged_row = "\n99999\tGiả Mạo"  # a row of its own in a tab-separated listing
    if where == ("attachments",):
        person["attachments"] = ["bao-cao.pdf" + forged_row]
    elif len(where) == 2:
        person[where[0]][where[1]] += forged_row
    else:
        person[where[0]] = str(person[where[0]]) + forged_row
    forged = _forged(genuine, own_keys(unit), tmp_path / "gia.tdkt", "data/nominations.json", records)
    checksum = table_checksum(prov)
    with pytest.raises(PackageError) as excinfo:
        import_files(prov, files=[forged])
    assert excinfo.value.code == "record"
    assert f"trường “{field}”" in excinfo.value.message
    assert "dấu xuống dòng hoặc ký tự tab" in excinfo.value.message and "một dòng" in excinfo.value.message
    assert table_checksum(prov) == checksum


@pytest.mark.parametrize("field", ["decision_no", "issuer"])
def test_a_register_number_or_issuer_is_one_line(pair, tmp_path, field):
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    genuine, records = _register(unit, tmp_path, 2024)
    records[0][field] = str(records[0][field]) + "\tx"
    forged = _forged(genuine, own_keys(unit), tmp_path / "so-tab.tdkt", "data/awards.json", records)
    with pytest.raises(PackageError, match=f"trường “{field}”: có dấu xuống dòng hoặc ký tự tab"):
        plan_import(prov, forged)


# -- 4. a revoked key stops what it signed -----------------------------------------------------------------------


def _fingerprint(prov: Any) -> str:
    return str(next(k["fingerprint"] for k in list_trusted(prov) if k["unit_code"] == LUNG_CU))


def test_a_key_revoked_during_a_folder_import_stops_the_next_files(pair, tmp_path):
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    folder = tmp_path / "hop-thu"
    folder.mkdir()
    export_package(unit, kind="award_register", year=2023, out=folder / "a-2023.tdkt")
    time.sleep(1.05)
    export_package(unit, kind="award_register", year=2024, out=folder / "b-2024.tdkt")
    other = open_store(prov.path, actor="tinh2")  # another window of the province
    fingerprint = _fingerprint(prov)

    def progress(done: int, total: int, name: str) -> None:
        if done == 1 and name:  # the first file is in: the unit's PC was stolen, its key is revoked now
            revoke_key(other, fingerprint=fingerprint)

    try:
        rows = province_ops.import_folder(prov, folder=folder, progress=progress)
    finally:
        other.close()
    assert [(row["file"], row["status"]) for row in rows] == [("a-2023.tdkt", "applied"), ("b-2024.tdkt", "refused")]
    assert "đã bị thu hồi" in rows[1]["message"] and fingerprint in rows[1]["message"]
    assert prov.scalar("SELECT count(*) FROM packages WHERE direction = 'received'") == 1
    assert prov.scalar("SELECT count(*) FROM remote_records WHERE year = 2024") == 0


def test_a_key_revoked_after_the_dry_run_stops_the_import(pair, tmp_path):
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    path, _records = _register(unit, tmp_path, 2024)
    plan = plan_import(prov, path)
    revoke_key(prov, fingerprint=_fingerprint(prov))
    checksum = table_checksum(prov)
    with pytest.raises(PackageError) as excinfo:
        apply_import(prov, plan)
    assert excinfo.value.code == "untrusted" and "so-2024.tdkt" in excinfo.value.message
    assert table_checksum(prov) == checksum
