"""render_one_per_person stopped part-way deletes the files it wrote (each a complete original), never others."""

from __future__ import annotations

import pytest

from desktop.documents.certificates import RenderCancelled, bundled_template, render_one_per_person
from tests.documents.test_certificates import _person


def _people(n: int):
    return [_person(f"Nguyễn Văn Số {i}", "Ông", i) for i in range(1, n + 1)]


@pytest.mark.parametrize("stop", [RenderCancelled, KeyboardInterrupt, OSError])
def test_stopped_part_way_leaves_only_what_was_there_before(tmp_path, stop):
    folder = tmp_path / "giay"
    folder.mkdir()
    mine = folder / "002 - Nguyen Van So 2.pdf"  # the same name as the second sheet: there before, kept
    mine.write_bytes(b"%PDF- of the user")
    (folder / "ghi chu.txt").write_text("x", encoding="utf-8")
    written = {"n": 0}

    def progress(index: int, _total: int) -> None:
        written["n"] = index
        if index == 3 and stop is not RenderCancelled:
            raise stop("stopped")

    with pytest.raises(stop):
        render_one_per_person(
            _people(5),
            bundled_template("giay_khen_a4"),
            folder,
            progress=progress,
            should_cancel=lambda: written["n"] >= 3,
        )
    assert sorted(p.name for p in folder.iterdir()) == ["002 - Nguyen Van So 2.pdf", "ghi chu.txt"]
