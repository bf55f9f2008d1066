"""An exemplary model (điển hình tiên tiến) took any year (-5, 99999) and a person not on record ended in SQLite's
English "FOREIGN KEY constraint failed": both are refused in Vietnamese, naming the field, and nothing is written."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.ops import movements as mv
from desktop.store import ValidationError
from tests.ops.movement_flow import setup_unit


def _count(store) -> int:
    return int(store.scalar("SELECT count(*) FROM exemplary_models"))


@pytest.mark.parametrize("year", [-5, 0, 1989, 99999, date.today().year + 1])
def test_a_year_out_of_reach_is_refused(unit_store, year):
    with pytest.raises(ValidationError, match=f"Năm {year} ") as refused:
        mv.add_model(unit_store, name="Giàng Seo Chứ", year=year)
    assert refused.value.field == "year"
    assert _count(unit_store) == 0


def test_a_person_or_collective_not_on_record_is_refused_naming_the_field(unit_store):
    store = unit_store
    with pytest.raises(ValidationError, match="Không tìm thấy cán bộ số 99999") as refused:
        mv.add_model(store, staff_id=99999, kind="person", name="X")
    assert refused.value.field == "staff_id"
    with pytest.raises(ValidationError, match="Không tìm thấy tập thể số 4242") as refused:
        mv.add_model(store, department_id=4242, kind="collective")
    assert refused.value.field == "department_id"
    assert _count(store) == 0


def test_a_person_on_record_names_the_model_and_an_edit_is_checked_too(unit_store):
    store = unit_store
    ids = setup_unit(store)
    person = store.scalar("SELECT id FROM staff ORDER BY id LIMIT 1")
    model = mv.add_model(store, staff_id=person, year=2024)
    assert store.scalar("SELECT name FROM exemplary_models WHERE id = ?", (model,)) == "Nguyễn Văn Sơn"
    collective = mv.add_model(store, department_id=ids["Công an xã"], kind="collective")
    assert store.scalar("SELECT name FROM exemplary_models WHERE id = ?", (collective,)) == "Công an xã"
    with pytest.raises(ValidationError) as refused:
        mv.update_model(store, model_id=model, year=-1)
    assert refused.value.field == "year"
    assert store.scalar("SELECT year FROM exemplary_models WHERE id = ?", (model,)) == 2024
    mv.update_model(store, model_id=model, year=date.today().year)  # this year, or none, is taken
    mv.add_model(store, name="Mô hình chè Shan tuyết", kind="model")
    assert _count(store) == 3
