"""A package says only what its signer may say, and the program never writes one the reader refuses.

- manifest.json: no control characters, hidden direction overrides or line breaks in its texts (the sender's name is
  shown in the province's lists as it came);
- a yearly report is the sender's own: its unit code, year and UUID are the ones the exporter derives from the
  signed header;
- a yearly report's figures can all be true: no part larger than its whole, leaders and non-leaders of a row of
  individuals adding up to its total;
- the writer refuses a package over a size limit of the format (naming the size and the limit) and stores an entry
  that would look like a zip bomb uncompressed.

Every package here is made by the program's own exporter (then changed and signed again with the unit's key, as a
dishonest or broken program would); every store is a real SQLite file.
"""

from __future__ import annotations

import copy
import json
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop.exchange import importer
from desktop.exchange.exporter import export_package, plan_export
from desktop.exchange.format import MAX_ENTRY_SIZE, MAX_TOTAL_UNCOMPRESSED, PackageError, derived_uuid
from desktop.exchange.importer import import_file
from desktop.exchange.keys import load_unit_keys
from desktop.exchange.manifest import canonical_bytes, parse_manifest
from desktop.exchange.province import consolidated
from desktop.exchange.records import validate_entry
from desktop.exchange.writer import build_package
from desktop.ops.demo import fill_demo
from desktop.store import new_uuid
from tests.demo_date import DEMO_TODAY
from tests.exchange import LAM_BINH, LUNG_CU, YEAR, craft, own_keys, seed_dossier, table_checksum, unpack

REPORT_ENTRY = "data/yearly_report.json"
REPORT_YEAR = YEAR - 1  # the demo's last year of awards: rows of individuals and of a collective


@pytest.fixture
def report(pair, tmp_path):
    """The pair, with the demo commune's real yearly report of REPORT_YEAR exported (not imported yet)."""
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    path = export_package(unit, kind="yearly_report", year=REPORT_YEAR, out=tmp_path / "bao-cao.tdkt")
    return unit, prov, path


def _resign(src: Path, dst: Path, keys, *, manifest=None, record=None) -> Path:
    """``src`` with its manifest and/or its first record changed, signed again with ``keys``."""
    data, entries = unpack(src)
    if manifest:
        manifest(data)
    if record:
        content = json.loads(entries[REPORT_ENTRY])
        record(content["records"][0])
        entries[REPORT_ENTRY] = json.dumps(content, ensure_ascii=False).encode()
    data.pop("signature", None)
    return craft(dst, keys, data, entries)


def _no_report_at(prov, year: int) -> bool:
    return all(unit["yearly_report"] is None for unit in consolidated(prov, year=year)["units"])


def _refused(prov, path: Path) -> PackageError:
    before = table_checksum(prov)
    with pytest.raises(PackageError) as excinfo:
        import_file(prov, path)
    assert table_checksum(prov) == before  # nothing written
    return excinfo.value


# -- 1. the manifest's texts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Ủy ban nhân dân xã Lâm Bình\u202e\u0007", "U+202E"),
        ("Ủy ban nhân dân xã Lũng Cú\u0007", "U+0007 (BEL)"),
        ("Ủy ban nhân dân\u2066 xã Lũng Cú", "U+2066"),
        ("Ủy ban nhân dân xã Lũng Cú\u009b", "U+009B"),
        ("Ủy ban nhân dân xã Lũng Cú\nĐã duyệt", "vị trí 27"),
    ],
)
def test_a_sender_name_with_control_or_direction_characters_is_refused(report, tmp_path, name, shown):
    unit, prov, path = report
    forged = _resign(path, tmp_path / "ten-gia.tdkt", own_keys(unit), manifest=lambda m: m["sender"].update(name=name))
    error = _refused(prov, forged)
    assert error.code == "manifest"
    assert "sender.name" in error.message and shown in error.message
    assert "\u202e" not in error.message and "\u0007" not in error.message


def test_control_characters_in_the_receiver_and_app_version_are_refused_too(report, tmp_path):
    unit, prov, path = report

    def change(m: dict[str, Any]) -> None:
        m["receiver"]["name"] = "Sở Nội vụ\u001b[2J"

    error = _refused(prov, _resign(path, tmp_path / "nhan.tdkt", own_keys(unit), manifest=change))
    assert "receiver.name" in error.message and "U+001B (ESC)" in error.message
    forged = _resign(path, tmp_path / "ban.tdkt", own_keys(unit), manifest=lambda m: m.update(app_version="1.0\u202e"))
    assert "app_version" in _refused(prov, forged).message


def test_the_reviewers_package_claiming_another_commune_is_refused_and_nothing_shows_at_the_province(pair, tmp_path):
    """f1_claims: Lũng Cú's signed report with Lâm Bình's name (plus RLO and BEL) in the manifest."""
    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    path = export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "bao-cao.tdkt")
    forged = _resign(
        path,
        tmp_path / "gia-lam-binh.tdkt",
        own_keys(unit),
        manifest=lambda m: m["sender"].update(name="Ủy ban nhân dân xã Lâm Bình\u202e\u0007"),
        record=lambda r: r.update(unit_code=LAM_BINH, staff_total=999),
    )
    _refused(prov, forged)
    assert _no_report_at(prov, YEAR)
    # the real report still goes through, under the commune's own name
    assert import_file(prov, path).status == "applied"
    assert prov.query("SELECT sender_name FROM packages WHERE direction = 'received'") == [
        {"sender_name": "Ủy ban nhân dân xã Lũng Cú"}
    ]


# -- 1. a yearly report is the sender's own ----------------------------------------------------------------------


def _entry_with_manifest(path: Path, record=None):
    data, entries = unpack(path)
    content = json.loads(entries[REPORT_ENTRY])
    if record:
        record(content["records"][0])
    return content, parse_manifest(canonical_bytes(data))


def test_the_exporter_derives_the_report_uuid_the_check_expects(report):
    _unit, _prov, path = report
    content, manifest = _entry_with_manifest(path)
    [record] = validate_entry(REPORT_ENTRY, "yearly_report", content, manifest)
    assert record["uuid"] == derived_uuid("yearly_report", LUNG_CU, str(REPORT_YEAR))


@pytest.mark.parametrize(
    ("change", "field", "shown"),
    [
        (lambda r: r.update(unit_code=LAM_BINH), "unit_code", "02266"),
        (lambda r: r.update(uuid=derived_uuid("yearly_report", LAM_BINH, str(REPORT_YEAR))), "uuid", "00715"),
        (lambda r: r.update(uuid=new_uuid()), "uuid", "00715"),
        (lambda r: r.update(year=REPORT_YEAR - 1), "year", str(REPORT_YEAR - 1)),
    ],
)
def test_a_report_that_is_not_the_senders_own_is_refused_with_the_manifest(report, change, field, shown):
    _unit, _prov, path = report
    content, manifest = _entry_with_manifest(path, change)
    validate_entry(REPORT_ENTRY, "yearly_report", copy.deepcopy(content))  # its schema alone is fine
    with pytest.raises(PackageError) as excinfo:
        validate_entry(REPORT_ENTRY, "yearly_report", content, manifest)
    assert excinfo.value.code == "record"
    assert f"trường “{field}”" in excinfo.value.message and shown in excinfo.value.message


def test_the_writer_refuses_a_report_under_another_units_code(report):
    unit, _prov, _path = report
    plan = plan_export(unit, kind="yearly_report", year=REPORT_YEAR)
    plan.records[0]["unit_code"] = LAM_BINH
    with pytest.raises(PackageError) as excinfo:
        build_package(
            kind="yearly_report", sender=plan.sender, receiver=plan.receiver, records=plan.records,
            keys=load_unit_keys(unit), year=REPORT_YEAR,
        )  # fmt: skip
    assert "unit_code" in excinfo.value.message and LAM_BINH in excinfo.value.message


def test_a_signed_report_under_another_units_code_is_refused_at_the_province(report, tmp_path):
    unit, prov, path = report
    forged = _resign(path, tmp_path / "ma-khac.tdkt", own_keys(unit), record=lambda r: r.update(unit_code=LAM_BINH))
    error = _refused(prov, forged)
    assert "unit_code" in error.message and LAM_BINH in error.message


# -- 2. figures that cannot all be true ---------------------------------------------------------------------------


def _staff(**values: int) -> dict[str, Any]:
    return {"staff_total": 10, "women_total": 4, "leaders_total": 3, "ethnic_minority_total": 6} | values


def _ldtt(**values: Any) -> dict[str, Any]:
    row = {"code": "LDTT", "category": "title", "target_kind": "individual", "total": 3, "women": 1, "leaders": 1}
    return row | {"non_leaders": 2, "ethnic_minority": 0} | values


_NO_PEOPLE_BUT_ONE = {"women": 0, "leaders": 0, "non_leaders": 0, "ethnic_minority": 1}


@pytest.mark.parametrize(
    ("figures", "field", "shown"),
    [
        (_staff(women_total=250), "women_total", "là 250, lớn hơn tổng số người của đơn vị “staff_total” (10)"),
        (_staff(leaders_total=11), "leaders_total", "là 11"),
        (_staff(ethnic_minority_total=99), "ethnic_minority_total", "là 99"),
        ({"rows": [_ldtt(women=7)]}, "rows", "dòng 1 (LDTT, cá nhân): “women” là 7"),
        ({"rows": [_ldtt(leaders=5, non_leaders=0)]}, "rows", "“leaders” là 5"),
        ({"rows": [_ldtt(ethnic_minority=8)]}, "rows", "“ethnic_minority” là 8"),
        ({"rows": [_ldtt(leaders=2, non_leaders=2)]}, "rows", "“leaders” (2) cộng “non_leaders” (2) là 4"),
        ({"rows": [_ldtt(), _ldtt(code="CSTDCS", leaders=0, non_leaders=0)]}, "rows", "dòng 2 (CSTDCS, cá nhân)"),
        (
            {"rows": [_ldtt(target_kind="collective", code="TTLDTT", total=1, women=0, leaders=0, non_leaders=2)]},
            "rows",
            "dòng 1 (TTLDTT, tập thể): “non_leaders” là 2",
        ),
        # the review's signed report: a row counted twice, a title filed as an award form, collectives with women
        ({"rows": [_ldtt(), _ldtt()]}, "rows", "dòng 2 (LDTT, cá nhân): trùng với dòng 1"),
        (
            {"rows": [_ldtt(), _ldtt(category="award_form", target_kind="household", women=0, leaders=0)]},
            "rows",
            "mã “LDTT” ở dòng 1 là danh hiệu thi đua, ở dòng này lại là hình thức khen thưởng",
        ),
        (
            {"rows": [_ldtt(target_kind="collective", code="TTLDTT", total=2, women=1, leaders=0, non_leaders=0)]},
            "rows",
            "dòng 1 (TTLDTT, tập thể): “women” là 1, nhưng chỉ khen thưởng cá nhân",
        ),
        # a title for 50 people in a unit of 10 (the hunt of stop 41: LĐTT for 50 with staff_total 5)
        (
            _staff(women_total=0) | {"rows": [_ldtt(total=50, women=0, leaders=20, non_leaders=30)]},
            "rows",
            "dòng 1 (LDTT, cá nhân): “total” là 50, nhiều hơn số người của đơn vị trong năm “staff_total” (10)",
        ),
        (
            {"rows": [_ldtt(target_kind="household", code="GIAY_KHEN", category="award_form", **_NO_PEOPLE_BUT_ONE)]},
            "rows",
            "dòng 1 (GIAY_KHEN, hộ gia đình): “ethnic_minority” là 1",
        ),
    ],
)
def test_a_report_whose_figures_contradict_each_other_is_refused(report, tmp_path, figures, field, shown):
    unit, prov, path = report
    forged = _resign(path, tmp_path / "so-sai.tdkt", own_keys(unit), record=lambda r: r.update(figures))
    error = _refused(prov, forged)
    assert error.code == "record"
    assert f"trường “{field}”" in error.message and shown in error.message
    assert _no_report_at(prov, REPORT_YEAR)


def test_the_reviewers_report_with_250_women_among_10_is_refused(report, tmp_path):
    """f_years (b)."""
    unit, prov, path = report

    def change(r: dict[str, Any]) -> None:
        r.update(staff_total=10, women_total=250, leaders_total=40, ethnic_minority_total=99)
        r["rows"] = [_ldtt(total=3, women=7, leaders=5, non_leaders=9, ethnic_minority=8)]

    _refused(prov, _resign(path, tmp_path / "bao-cao-2025-sai.tdkt", own_keys(unit), record=change))


def test_every_real_report_the_exporter_writes_passes(report):
    """The demo commune's reports (awards to men and women, leaders and not, minorities, collectives) all import."""
    unit, prov, path = report
    [record] = json.loads(unpack(path)[1][REPORT_ENTRY])["records"]
    individual = [r for r in record["rows"] if r["target_kind"] == "individual"]
    assert record["staff_total"] > 0 and record["women_total"] > 0 and record["ethnic_minority_total"] > 0
    assert individual and any(r["leaders"] and r["non_leaders"] for r in individual)
    assert any(r["target_kind"] != "individual" for r in record["rows"])
    assert import_file(prov, path).status == "applied"
    for year in (YEAR - 3, YEAR - 2, YEAR):
        older = export_package(unit, kind="yearly_report", year=year, out=path.with_name(f"bao-cao-{year}.tdkt"))
        importer.verify(prov, older)
        content, manifest = _entry_with_manifest(older)
        validate_entry(REPORT_ENTRY, "yearly_report", content, manifest)


# -- 3. the writer stays within the limits ------------------------------------------------------------------------


def _long_achievements(store, count: int, text: str) -> None:
    """``count`` nominations sent up, each with ``text`` as its achievement (as a clerk may paste it)."""
    rows = store.query(
        "SELECT x.* FROM nominations x JOIN review_rounds r ON r.id = x.round_id "
        "WHERE x.status = 'sent_up' AND r.year = ? ORDER BY x.id",
        (YEAR,),
    )
    with store.transaction(operation="test.achievements"):
        for index in range(count):
            if index < len(rows):
                store.update("nominations", int(rows[index]["id"]), {"achievement": text})
            else:
                copy_row = {k: v for k, v in rows[0].items() if k != "id"}
                store.insert("nominations", copy_row | {"uuid": new_uuid(), "achievement": text})


def _sent(store) -> int:
    return int(store.scalar("SELECT count(*) FROM packages WHERE direction = 'sent'"))


def test_a_dossier_whose_data_entry_is_over_the_entry_limit_is_not_written(pair, tmp_path):
    unit, _prov = pair
    seed_dossier(unit)
    letters = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỷỹỵ "  # three bytes each in UTF-8 (but the space)
    text = "".join(random.Random(14).choices(letters, k=990_000))  # within the record's 1,000,000 characters
    _long_achievements(unit, 13, text)
    out = tmp_path / "ho-so-lon.tdkt"
    with pytest.raises(PackageError) as excinfo:
        export_package(unit, kind="nomination_dossier", year=YEAR, out=out, with_attachments=False)
    error = excinfo.value
    assert error.code == "too_large"
    assert "data/nominations.json" in error.message
    assert f"{MAX_ENTRY_SIZE:,}".replace(",", ".") in error.message and "32,0 MB" in error.message
    assert not out.exists() and _sent(unit) == 0


def test_a_package_over_the_total_limit_is_not_built(pair, tmp_path):
    unit, _prov = pair
    seed_dossier(unit)
    plan = plan_export(unit, kind="nomination_dossier", year=YEAR)
    for record in plan.records:
        record.pop("_id", None)
    pdf = b"%PDF-1.4\n" + random.Random(3).randbytes(MAX_ENTRY_SIZE - 1024)  # each within the entry limit
    attachments = {f"bao-cao-{n}.pdf": pdf for n in range(3)}
    with pytest.raises(PackageError) as excinfo:
        build_package(
            kind="nomination_dossier", sender=plan.sender, receiver=plan.receiver, records=plan.records,
            keys=load_unit_keys(unit), year=YEAR, attachments=attachments,
        )  # fmt: skip
    assert excinfo.value.code == "too_large"
    assert f"{MAX_TOTAL_UNCOMPRESSED:,}".replace(",", ".") in excinfo.value.message
    assert "64,0 MB" in excinfo.value.message


def test_an_achievement_pasted_many_times_over_still_reaches_the_province(sent_dossier, tmp_path):
    """A text that compresses more than the reader's 100:1 is stored uncompressed, not refused as a zip bomb."""
    unit, prov, _path = sent_dossier
    _long_achievements(unit, 1, "Hoàn thành xuất sắc nhiệm vụ được giao. " * 20_000)
    path = export_package(
        unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "lap-lai.tdkt", with_attachments=False
    )
    assert import_file(prov, path).status == "applied"


def test_a_normal_package_is_compressed_as_before(sent_dossier):
    _unit, _prov, path = sent_dossier
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("data/nominations.json")
    assert info.compress_type == zipfile.ZIP_DEFLATED
