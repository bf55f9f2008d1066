"""First-run set-up, the demo commune, and the integrity check."""

from __future__ import annotations

import pytest

from desktop.ops.check import check_database
from desktop.ops.demo import fill_demo
from desktop.ops.setup import communes, default_place_name, init_unit, lookup_commune, provinces
from desktop.store import ValidationError
from desktop.store.unit_repo import get_unit
from tests.demo_date import DEMO_TODAY


def test_lookup_uses_the_official_list_after_the_2025_merger():
    place = lookup_commune("00715")
    assert place == {
        "commune_code": "00715",
        "commune_name": "Xã Lũng Cú",
        "province_code": "08",
        "province_name": "Tuyên Quang",
    }
    assert len(provinces()) == 34
    assert ("00715", "Xã Lũng Cú") in communes("08")


def test_unknown_commune_code_is_refused_in_vietnamese():
    with pytest.raises(ValidationError, match="Không có xã, phường, đặc khu mã “99999”"):
        lookup_commune("99999")
    with pytest.raises(ValidationError, match="phải là số"):
        lookup_commune("abc")


def test_init_unit_records_and_updates_the_single_unit(store):
    init_unit(store, unit_name="UBND xã Lũng Cú", commune_code="715", head_title="Chủ tịch", head_name="A")
    init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code="00715")
    assert store.scalar("SELECT count(*) FROM unit") == 1
    unit = get_unit(store)
    assert unit["name"] == "Ủy ban nhân dân xã Lũng Cú"
    assert unit["place_name"] == "Lũng Cú"
    assert store.scalar("SELECT count(*) FROM audit_log WHERE operation = 'unit.setup' AND table_name = 'unit'") == 2


def test_default_place_name_drops_the_prefix():
    assert default_place_name("Xã Lũng Cú") == "Lũng Cú"
    assert default_place_name("Phường Hoàn Kiếm") == "Hoàn Kiếm"


def test_demo_fills_an_empty_database(store):
    summary = fill_demo(store, today=DEMO_TODAY)
    assert summary["staff"] == 40 and summary["departments"] == 5
    assert store.scalar("SELECT count(DISTINCT year) FROM ratings") == 4  # the year reviewed and three before it
    assert summary["initiatives"] >= 3 and summary["discipline"] >= 1
    assert store.scalar("SELECT count(*) FROM staff WHERE gender = 'F'") > 10
    assert store.scalar("SELECT count(*) FROM staff WHERE end_date IS NOT NULL") == 1
    assert get_unit(store)["commune_code"] == "00715"
    with pytest.raises(ValidationError, match="đã có cán bộ"):
        fill_demo(store, today=DEMO_TODAY)


def test_check_reports_a_sound_database(store):
    fill_demo(store, today=DEMO_TODAY)
    report = check_database(store)
    assert report["ok"] is True
    assert report["integrity"] == ["ok"] and report["foreign_key_violations"] == []
    assert report["counts"]["staff"] == 40
    assert any("tốt" in m for m in report["messages"])


def test_check_reports_orphans(store):
    fill_demo(store, today=DEMO_TODAY)
    store.execute("PRAGMA foreign_keys = OFF")
    store.execute("UPDATE ratings SET staff_id = 9999 WHERE id = 1")
    store.execute("PRAGMA foreign_keys = ON")
    report = check_database(store)
    assert report["ok"] is False
    assert report["foreign_key_violations"][0]["table"] == "ratings"
