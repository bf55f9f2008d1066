"""The one reading of a yes/no spreadsheet cell that the staff import and the history import share."""

from __future__ import annotations

import pytest

from desktop.documents.spreadsheet import NO_WORDS, YES_WORDS, yes_or_no
from desktop.domain.text import fold
from desktop.ops.history_import.cells import _bool
from desktop.ops.staff_import import _parse_leader


@pytest.mark.parametrize("cell", ["x", "X", "Có", "có", "1", "Yes", "y", "TRUE", "v", "Đúng"])
def test_yes_words_read_as_true(cell: str) -> None:
    assert yes_or_no(fold(cell)) is True


@pytest.mark.parametrize("cell", ["", "0", "Không", "không", "no", "N", "false", "-"])
def test_no_words_and_an_empty_cell_read_as_false(cell: str) -> None:
    assert yes_or_no(fold(cell)) is False


def test_anything_else_is_none_so_the_caller_can_say_what_is_wrong() -> None:
    assert yes_or_no(fold("Có lẽ")) is None
    assert yes_or_no(fold("2")) is None
    assert yes_or_no("lanh dao") is None  # a column's own word counts only in that column


def test_a_columns_own_yes_words() -> None:
    assert yes_or_no("lanh dao", ("lanh dao", "ld")) is True
    assert yes_or_no("ld", ("lanh dao", "ld")) is True
    assert yes_or_no("khong", ("lanh dao",)) is False
    assert not YES_WORDS & NO_WORDS


def test_the_staff_leader_column_and_the_history_pending_column() -> None:
    assert [_parse_leader(c) for c in ("Lãnh đạo", "LĐ", "Phải", "x", "Không", "", "Đang xem xét")] == [
        True,
        True,
        True,
        True,
        False,
        False,
        None,
    ]
    assert [_bool(c) for c in ("Đang xem xét", "đang xem xét.", "Có", "-", None, "Lãnh đạo")] == [
        True,
        True,
        True,
        False,
        False,
        None,
    ]
