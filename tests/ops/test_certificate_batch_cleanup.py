"""A certificate batch stopped part-way (cancelled, refused, Ctrl+C) leaves none of the files it wrote.

Each file is a complete original with a signed QR code; the register records a batch only once it is all written, so
a file left behind would be an original nobody recorded. Files that were on the disk before the batch are kept.
"""

from __future__ import annotations

import dataclasses

import pytest
from pypdf import PdfReader

from desktop.documents.blocks import DocumentError
from desktop.documents.certificates import RenderCancelled
from desktop.ops import certificates as ops
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def ldtt(store):
    """The demo commune's 2024 LĐTT decision (36 people), its optional Giấy chứng nhận turned on."""
    fill_demo(store, today=DEMO_TODAY)
    ops.set_optional_certificates(store, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    return store


def _prints(store) -> int:
    return int(store.scalar("SELECT count(*) FROM certificate_prints"))


def _stop_at(count: int, *, interrupt: bool = False):
    """A progress callback and a should_cancel that stop the batch once ``count`` sheets are written."""
    done = {"n": 0}

    def progress(index: int, _total: int) -> None:
        done["n"] = index
        if interrupt and index >= count:
            raise KeyboardInterrupt

    return progress, (lambda: done["n"] >= count)


def _cancelled_per_person(ldtt, out, *, at: int) -> None:
    """A per-person render of 1/QĐ-UBND stopped by the cancel button after ``at`` steps."""
    progress, cancel = _stop_at(at)
    with pytest.raises(RenderCancelled):
        ops.render_decision_certificates(
            ldtt,
            decision_number="1/QĐ-UBND",
            year=2024,
            out=out,
            per_person=True,
            progress=progress,
            should_cancel=cancel,
        )


def test_cancelled_per_person_render_leaves_no_file_and_records_nothing(ldtt, tmp_path):
    out = tmp_path / "giay"
    out.mkdir()
    (out / "ghi chu.txt").write_text("của người dùng", encoding="utf-8")  # there before: kept
    _cancelled_per_person(ldtt, out, at=10)
    assert sorted(p.name for p in out.iterdir()) == ["ghi chu.txt"]
    assert _prints(ldtt) == 0


def test_ctrl_c_during_a_per_person_render_leaves_no_file_and_no_folder(ldtt, tmp_path):
    out = tmp_path / "new folder"
    progress, _cancel = _stop_at(4, interrupt=True)
    with pytest.raises(KeyboardInterrupt):
        ops.render_decision_certificates(
            ldtt, decision_number="1/QĐ-UBND", year=2024, out=out, per_person=True, progress=progress
        )
    assert not out.exists()
    assert _prints(ldtt) == 0


def test_a_file_already_there_under_a_persons_name_is_never_deleted(ldtt, tmp_path):
    out = tmp_path / "giay"
    first = ops.render_decision_certificates(
        ldtt, decision_number="1/QĐ-UBND", year=2024, out=out, per_person=True, record=False
    )
    _cancelled_per_person(ldtt, out, at=5)
    assert sorted(out.iterdir()) == sorted(first)  # the preview's files, there before this batch
    assert _prints(ldtt) == 0


@pytest.mark.parametrize("per_person", [False, True])
def test_a_batch_stopped_in_its_second_file_removes_the_first(ldtt, tmp_path, per_person):
    batch = ops.prepare_batch(ldtt, decision_number="1/QĐ-UBND", year=2024)
    [group] = batch.groups
    batch.groups = [dataclasses.replace(group, rows=group.rows[:5]), dataclasses.replace(group, rows=group.rows[5:])]
    parent = tmp_path / "out"
    parent.mkdir()
    out = parent / ("giay" if per_person else "Giay chung nhan.pdf")
    progress, cancel = _stop_at(8)
    with pytest.raises(RenderCancelled):
        ops.print_batch(ldtt, batch, out, per_person=per_person, progress=progress, should_cancel=cancel)
    assert list(parent.iterdir()) == []
    assert _prints(ldtt) == 0


def test_an_error_in_the_second_file_removes_the_first_but_not_what_was_there_before(ldtt, tmp_path):
    batch = ops.prepare_batch(ldtt, decision_number="1/QĐ-UBND", year=2024)
    [group] = batch.groups
    batch.groups = [dataclasses.replace(group, rows=group.rows[:5]), dataclasses.replace(group, rows=group.rows[5:])]
    out = tmp_path / "out" / "Giay chung nhan.pdf"
    _first, second = ops.group_file_names(batch, out)
    second.mkdir(parents=True)  # the second file cannot be written: an error once the first file is complete
    (second / "x.txt").write_text("của người dùng", encoding="utf-8")
    with pytest.raises(DocumentError):
        ops.print_batch(ldtt, batch, out)
    assert sorted(p.name for p in out.parent.iterdir()) == [second.name]
    assert (second / "x.txt").read_text(encoding="utf-8") == "của người dùng"
    assert _prints(ldtt) == 0


def test_a_whole_batch_is_still_written_and_recorded(ldtt, tmp_path):
    out = tmp_path / "giay"
    paths = ops.render_decision_certificates(ldtt, decision_number="1/QĐ-UBND", year=2024, out=out, per_person=True)
    assert len(paths) == 36 == _prints(ldtt)
    assert all(len(PdfReader(p).pages) == 1 for p in paths)


def test_files_already_there_are_neither_overwritten_nor_kept_as_new_originals(ldtt, tmp_path):
    """Printing into a folder that holds an earlier batch's files, then cancelling: the earlier files used to be
    overwritten by the new decision's sheets, which then stayed as unrecorded originals because the name "was there
    before". Now the earlier files are untouched (same bytes) and nothing of the cancelled batch stays."""
    out = tmp_path / "giay"
    first = ops.render_decision_certificates(
        ldtt, decision_number="1/QĐ-UBND", year=2024, out=out, per_person=True, record=False
    )
    before = {path.name: path.read_bytes() for path in first}
    _cancelled_per_person(ldtt, out, at=5)
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    # a whole batch into the same folder: new names beside the old ones, never over them
    again = ops.render_decision_certificates(ldtt, decision_number="1/QĐ-UBND", year=2024, out=out, per_person=True)
    assert not {path.name for path in again} & set(before)
    assert {path.name: path.read_bytes() for path in first} == before
    assert again[0].name.endswith(" (2).pdf")


@pytest.mark.parametrize("interrupt", [False, True])
def test_a_group_file_chosen_to_be_replaced_stays_as_it_was_when_the_batch_stops(ldtt, tmp_path, interrupt):
    """A batch of two group files into a name that exists: the file is replaced only when the whole batch is drawn;
    stopped in the second group, the old file is as it was and no drawing is left behind."""
    batch = ops.prepare_batch(ldtt, decision_number="1/QĐ-UBND", year=2024)
    [group] = batch.groups
    batch.groups = [dataclasses.replace(group, rows=group.rows[:5]), dataclasses.replace(group, rows=group.rows[5:])]
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "Giay chung nhan.pdf"
    first, _second = ops.group_file_names(batch, out)
    first.write_bytes(b"%PDF-1.4 the clerk's earlier file")
    progress, cancel = _stop_at(8, interrupt=interrupt)
    with pytest.raises(KeyboardInterrupt if interrupt else RenderCancelled):
        ops.print_batch(ldtt, batch, out, progress=progress, should_cancel=None if interrupt else cancel)
    assert [p.name for p in out.parent.iterdir()] == [first.name]
    assert first.read_bytes() == b"%PDF-1.4 the clerk's earlier file"
    assert _prints(ldtt) == 0


def test_ctrl_c_while_the_batch_is_recorded_leaves_no_file(ldtt, tmp_path, monkeypatch):
    """Ctrl+C lands while the prints are written to the register: the transaction is rolled back, and the PDF of
    originals nobody recorded goes too (only a refusal by the register removed it before)."""
    from desktop.store import certificates_repo

    batch = ops.prepare_batch(ldtt, decision_number="1/QĐ-UBND", year=2024)
    real_insert = certificates_repo.insert_print
    calls = {"n": 0}

    def interrupted(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(certificates_repo, "insert_print", interrupted)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "giay.pdf"
    with pytest.raises(KeyboardInterrupt):
        ops.print_batch(ldtt, batch, out)
    assert list(out.parent.iterdir()) == []
    assert _prints(ldtt) == 0
