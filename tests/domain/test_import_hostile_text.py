"""Invisible format characters (Unicode Cf) in imported names: dropped, so "Đỗ Văn O" + U+2060 is "Đỗ Văn O" and
the duplicate check finds it; the bidirectional controls among them are still refused."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from desktop.domain.text import InputTextError, clean_input
from desktop.ops.staff_import import import_staff_file
from desktop.store import staff_repo

BIDI_CONTROLS = {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def test_every_format_character_is_dropped_or_refused() -> None:
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        if unicodedata.category(char) != "Cf":
            continue
        if point in BIDI_CONTROLS:
            with pytest.raises(InputTextError):
                clean_input(f"Lò{char}Văn", field="Họ và tên")
        else:
            assert clean_input(f"Lò{char} Văn", field="Họ và tên") == "Lò Văn", f"U+{point:04X}"


@pytest.mark.parametrize("hidden", ["\u2060", "\u00ad", "\u200c", "\u200d", "\u200b", "\ufeff", "\u200e", "\U000e0041"])
def test_a_hidden_format_character_does_not_hide_a_duplicate(unit_store, tmp_path: Path, hidden: str) -> None:
    first = tmp_path / "a.csv"
    first.write_text("Họ và tên,Ngày sinh\nĐỗ Văn O,12/01/1980\n", encoding="utf-8")
    import_staff_file(unit_store, first)
    second = tmp_path / "b.csv"
    second.write_text(
        f"Họ và tên,Ngày sinh\nĐỗ Văn O{hidden},12/01/1980\nĐỗ{hidden} Văn O,12/01/1980\n", encoding="utf-8"
    )
    report = import_staff_file(unit_store, second)
    assert [row.status for row in report.preview.rows] == ["duplicate", "duplicate"]
    names = [row["full_name"] for row in staff_repo.list_staff(unit_store, include_left=True)]
    assert names == ["Đỗ Văn O"]


def test_a_mark_after_a_dropped_joiner_composes_with_its_letter() -> None:
    assert clean_input("Ánh".replace("Á", "A\u2060\u0301"), field="Họ và tên") == "Ánh"
