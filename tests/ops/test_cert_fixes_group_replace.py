"""A two-file batch whose second file cannot be put in place (a folder of that name, or the file held open by a
PDF viewer past the retry time) after the first file REPLACED an earlier file of the same name: the first file
now holds the new, complete, QR-signed originals, nothing is recorded, and the file is kept (its name "was there
before"), while the clerk's earlier file is gone. Neither all nor nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop.documents.blocks import DocumentError
from desktop.documents.certificates import CertificateError
from desktop.ops import certificates as ops
from desktop.ops.certificates import batches
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


@pytest.fixture
def ldtt(store):
    fill_demo(store, today=DEMO_TODAY)
    ops.set_optional_certificates(store, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    return store


def test_failed_second_replace_leaves_first_file_as_unrecorded_originals(ldtt, tmp_path):
    batch = ops.prepare_batch(ldtt, decision_number="1/QĐ-UBND", year=2024)
    [group] = batch.groups
    batch.groups = [dataclasses.replace(group, rows=group.rows[:5]), dataclasses.replace(group, rows=group.rows[5:])]
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "Giay chung nhan.pdf"
    first, second = ops.group_file_names(batch, out)
    earlier = b"%PDF-1.4 the clerk's earlier file"
    first.write_bytes(earlier)
    second.mkdir()  # the second file cannot be put in place
    with pytest.raises(DocumentError):
        ops.print_batch(ldtt, batch, out)
    assert int(ldtt.scalar("SELECT count(*) FROM certificate_prints")) == 0
    # all or nothing: the earlier file must be as it was, not replaced by unrecorded originals
    assert first.read_bytes() == earlier


def _two_files(store, tmp_path):
    batch = ops.prepare_batch(store, decision_number="1/QĐ-UBND", year=2024)
    [group] = batch.groups
    batch.groups = [dataclasses.replace(group, rows=group.rows[:5]), dataclasses.replace(group, rows=group.rows[5:])]
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "Giay chung nhan.pdf"
    return batch, out, ops.group_file_names(batch, out)


def test_a_folder_named_like_a_file_is_refused_before_drawing_naming_it(ldtt, tmp_path, monkeypatch):
    batch, out, (first, second) = _two_files(ldtt, tmp_path)
    first.write_bytes(b"%PDF-1.4 earlier")
    second.mkdir()
    drawn = []
    monkeypatch.setattr(batches, "render_certificates", lambda *a, **k: drawn.append(a))
    with pytest.raises(CertificateError) as refused:
        ops.print_batch(ldtt, batch, out)
    assert str(second) in str(refused.value) and "thư mục trùng tên" in str(refused.value)
    assert drawn == []  # the clerk does not wait for a render that cannot be put in place
    assert sorted(p.name for p in out.parent.iterdir()) == sorted([first.name, second.name])


def test_a_second_file_failing_after_the_check_gives_the_first_its_old_contents_back(ldtt, tmp_path, monkeypatch):
    """The simple check passes (the viewer opens the second file only afterwards): the first name, already replaced,
    gets the clerk's earlier file back from its copy; no copy or drawing stays in the folder."""
    batch, out, (first, second) = _two_files(ldtt, tmp_path)
    earlier = b"%PDF-1.4 the clerk's earlier file"
    first.write_bytes(earlier)
    real = batches.replace_file

    def held_open(source, target, **kwargs):
        if Path(target) == second:
            raise PermissionError(13, "held by a PDF viewer")
        real(source, target, **kwargs)

    monkeypatch.setattr(batches, "replace_file", held_open)
    with pytest.raises(CertificateError) as refused:
        ops.print_batch(ldtt, batch, out)
    assert str(second) in str(refused.value)
    assert first.read_bytes() == earlier
    assert not second.exists()
    assert [p.name for p in out.parent.iterdir()] == [first.name]  # no "~… .ban-cu.pdf", no "~… .dang-ve.pdf"
    assert int(ldtt.scalar("SELECT count(*) FROM certificate_prints")) == 0


def test_a_copy_that_cannot_be_put_back_is_kept_and_named(ldtt, tmp_path, monkeypatch):
    """Never lose the earlier file, never leave unrecorded originals under its name: when even the copy cannot go
    back, the new file is deleted and the message says where the earlier one is kept."""
    batch, out, (first, second) = _two_files(ldtt, tmp_path)
    earlier = b"%PDF-1.4 the clerk's earlier file"
    first.write_bytes(earlier)
    real = batches.replace_file

    def failing(source, target, **kwargs):
        if Path(target) == second or ".ban-cu" in Path(source).name:
            raise PermissionError(13, "held")
        real(source, target, **kwargs)

    monkeypatch.setattr(batches, "replace_file", failing)
    with pytest.raises(CertificateError) as refused:
        ops.print_batch(ldtt, batch, out)
    [kept] = list(out.parent.iterdir())
    assert kept.name.startswith("~") and kept.read_bytes() == earlier
    assert str(kept) in str(refused.value) and "bản cũ được giữ" in str(refused.value)
    assert not first.exists() and not second.exists()
    assert int(ldtt.scalar("SELECT count(*) FROM certificate_prints")) == 0


def test_a_whole_batch_replaces_the_earlier_files_and_leaves_no_copy(ldtt, tmp_path):
    batch, out, (first, second) = _two_files(ldtt, tmp_path)
    first.write_bytes(b"%PDF-1.4 earlier")
    paths = ops.print_batch(ldtt, batch, out)
    assert paths == [first, second]
    assert first.read_bytes().startswith(b"%PDF") and first.read_bytes() != b"%PDF-1.4 earlier"
    assert sorted(p.name for p in out.parent.iterdir()) == sorted([first.name, second.name])
    assert int(ldtt.scalar("SELECT count(*) FROM certificate_prints")) == batch.count
