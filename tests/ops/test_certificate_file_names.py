"""The PDF files of a batch carry the name the clerk typed: the name itself for one kind of paper, the name and
the paper for several ("Giay khen 2025 - Giấy khen tập thể.pdf"), never the template's internal id."""

from __future__ import annotations

import dataclasses

from pypdf import PdfReader

from desktop.ops import certificates as ops
from desktop.ops import review
from desktop.ops.demo import fill_demo
from tests.demo_date import DEMO_TODAY


def _ldtt_batch(store) -> ops.Batch:
    fill_demo(store, today=DEMO_TODAY)
    ops.set_optional_certificates(store, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    [decision] = [
        d for d in review.list_decisions(store, year=2024) if d["subject"].endswith("Lao động tiên tiến năm 2024")
    ]
    return ops.prepare_batch(store, decision_id=decision["id"])


def test_one_kind_of_paper_keeps_the_typed_name(store, tmp_path):
    batch = _ldtt_batch(store)
    [path] = ops.write_batch(batch, tmp_path / "Giay khen 2025.pdf")
    assert path == tmp_path / "Giay khen 2025.pdf"
    assert len(PdfReader(str(path)).pages) == batch.count


def test_several_kinds_of_paper_are_named_after_the_typed_name_and_the_paper(store, tmp_path):
    batch = _ldtt_batch(store)
    rows = batch.groups[0].rows
    third = len(rows) // 3
    giay_khen = ops.get_template("giay_khen_a4")
    renamed = dataclasses.replace(giay_khen, id="giay_khen_rieng")  # a second template printing the same paper
    batch.groups = [
        ops.Group(batch.groups[0].template, rows[:third]),
        ops.Group(giay_khen, rows[third : 2 * third]),
        ops.Group(renamed, rows[2 * third :]),
    ]
    paths = ops.write_batch(batch, tmp_path / "Giay khen 2025.pdf")
    assert [p.name for p in paths] == [
        "Giay khen 2025 - Giấy chứng nhận Lao động tiên tiến.pdf",
        "Giay khen 2025 - Giấy khen.pdf",
        "Giay khen 2025 - Giấy khen (2).pdf",
    ]
    assert all("_a4" not in p.name for p in paths)
    assert sum(len(PdfReader(str(p)).pages) for p in paths) == batch.count
    assert ops.group_file_names(batch, tmp_path / "x.pdf")[0].name == "x - Giấy chứng nhận Lao động tiên tiến.pdf"


def test_paper_label_drops_the_size():
    assert ops.paper_label(ops.get_template("giay_khen_tap_the_a4")) == "Giấy khen tập thể"
    assert ops.paper_label(dataclasses.replace(ops.get_template("ldtt_a4"), name="")) == "ldtt_a4"
