"""A printer profile whose offset is not a number in the database (no CHECK on the offsets, unlike the scale; a
restored or hand-edited file): choosing that printer crashes with a bare ValueError instead of a refusal that names
the printer and says to calibrate it again."""

from __future__ import annotations

import pytest

from desktop.ops import certificates as ops
from desktop.ops.demo import fill_demo
from desktop.store import StoreError, ValidationError
from tests.demo_date import DEMO_TODAY


@pytest.mark.parametrize("garbled", ["2,5", "abc", ""])
def test_a_garbled_offset_is_refused_cleanly(store, garbled):
    fill_demo(store, today=DEMO_TODAY)
    ops.save_printer_profile(store, name="Canon LBP", offset_x_mm=1.0, offset_y_mm=1.0)
    with store.transaction(operation="test"):
        store.execute("UPDATE printer_profiles SET offset_x_mm = ?", (garbled,))
    assert store.scalar("SELECT typeof(offset_x_mm) FROM printer_profiles") == "text"
    with pytest.raises(StoreError):  # ValidationError is a StoreError: a refusal the window and CLI show
        ops.prepare_batch(store, decision_number="2/QĐ-UBND", year=2024, mode="preprinted", printer="Canon LBP")


@pytest.fixture
def demo(store):
    fill_demo(store, today=DEMO_TODAY)
    ops.save_printer_profile(store, name="Canon LBP", offset_x_mm=1.0, offset_y_mm=1.0)
    return store


def _garble(store, column: str, value) -> None:
    with store.transaction(operation="test"):
        store.execute(f"UPDATE printer_profiles SET {column} = ?", (value,))


@pytest.mark.parametrize(
    "column, value, shown",
    [("offset_x_mm", "2,5", "lệch ngang = “2,5”"), ("offset_y_mm", 999.0, "lệch dọc = “999”")],
)
def test_the_refusal_names_the_printer_and_the_value_and_says_to_calibrate_again(demo, column, value, shown):
    _garble(demo, column, value)
    with pytest.raises(ValidationError) as refused:
        ops.find_printer_profile(demo, "canon lbp")
    message = str(refused.value)
    assert refused.value.field == "printer"
    assert "máy in “Canon LBP”" in message and shown in message and "căn chỉnh lại máy in này" in message


def test_the_command_line_check_refuses_it_too(demo):
    _garble(demo, "offset_x_mm", "abc")
    with pytest.raises(ValidationError, match="Canon LBP"):
        ops.check_printer_calibrated(demo, "Canon LBP")


def test_calibrating_the_printer_again_mends_it(demo):
    _garble(demo, "offset_x_mm", "abc")
    profile = ops.save_printer_profile(demo, name="Canon LBP", offset_x_mm=2.5, offset_y_mm=1.0)
    assert profile.offset_mm == (2.5, 1.0)
    batch = ops.prepare_batch(demo, decision_number="2/QĐ-UBND", year=2024, mode="preprinted", printer="Canon LBP")
    assert batch.profile.offset_x_mm == 2.5
