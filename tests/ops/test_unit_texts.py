"""The unit's own texts are cleaned like every printed text before they are stored (review W2).

They are printed on every paper and carried in the unit's key file; the province refuses a key file whose unit name
has a hidden direction control, a control character or more than 200 characters, so storing one cut the unit off.
"""

from __future__ import annotations

import pytest

from desktop.ops.setup import init_unit, update_unit
from desktop.store import ValidationError, unit_repo


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("unit_name", "Ủy ban nhân dân xã Lũng Cú\u202e", "U+202E"),
        ("head_name", "Nguyễn\x1b Văn Hùng", "U+001B"),
        ("place_name", "Lũng Cú" * 40, "200"),
    ],
)
def test_setting_up_with_a_text_the_province_refuses_writes_nothing(store, field, value, named):
    values = {"unit_name": "Ủy ban nhân dân xã Lũng Cú", "commune_code": "00715", "head_name": "Nguyễn Văn Hùng"}
    with pytest.raises(ValidationError) as caught:
        init_unit(store, **(values | {field: value}))
    assert named in str(caught.value) and caught.value.field == field.replace("unit_name", "name")
    assert unit_repo.get_unit(store) is None


def test_invisible_characters_are_dropped_and_an_update_is_checked_too(unit_store):
    update_unit(unit_store, values={"head_name": "Nguyễn\u200b Văn  Hùng "})
    assert unit_repo.get_unit(unit_store)["head_name"] == "Nguyễn Văn Hùng"
    with pytest.raises(ValidationError) as caught:
        update_unit(unit_store, values={"name": "Ủy ban\x07 nhân dân"})
    assert caught.value.field == "name" and "U+0007" in str(caught.value)
