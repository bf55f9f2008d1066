"""A department's kind is one of the two the law's titles are checked against (an office never holds Thôn, tổ dân phố
văn hóa): an unknown kind is refused when a department is added or changed, naming the kinds allowed."""

from __future__ import annotations

import pytest

from desktop.ops import unit
from desktop.store import ValidationError


def test_unknown_kind_refused_on_add_and_on_change(store):
    with pytest.raises(ValidationError, match="“village” không hợp lệ") as refused:
        unit.add_department(store, name="Thôn Lũng Cú", kind="village")
    assert refused.value.field == "kind" and "collective" in str(refused.value)
    assert store.scalar("SELECT count(*) FROM departments") == 0

    thon = unit.add_department(store, name="Thôn Lũng Cú", kind="collective")
    with pytest.raises(ValidationError, match="không hợp lệ"):
        unit.rename_department(store, department_id=thon, name="Thôn Lũng Cú", kind="thon")
    assert store.scalar("SELECT kind FROM departments WHERE id = ?", (thon,)) == "collective"
