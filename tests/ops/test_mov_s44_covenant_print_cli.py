"""A covenant already signed is printed again by its number without signing it again: `tdkt movement covenant --out`
was the only way to print one, and it rewrote the signing date; a movement's second block could not be printed at
all (the first was printed whatever was asked). `tdkt movement print-covenant ID [--covenant N] --out FILE`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.ops import movements as mv
from desktop.store import NotFoundError, ValidationError, open_store
from tests.conftest import set_up_lung_cu
from tests.ops.movement_flow import DEPARTMENTS, setup_unit


def _pdf(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages)


@pytest.fixture
def tdkt(capsys, db_path):
    """The command line on the unit of tests/ops/movement_flow.py: ``run(*args)`` gives (exit code, stdout, stderr)."""
    store = open_store(db_path)
    set_up_lung_cu(store)
    setup_unit(store)
    store.close()

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _json(result: tuple[int, str, str]) -> dict:
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def two_covenants(tdkt) -> tuple[str, int, int]:
    movement = str(
        _json(
            tdkt(
                "movement", "create", "--name", "Thi đua chuyển đổi số", "--kind", "thematic", "--start",
                "2025-01-01", "--end", "2025-12-31", "--launch-date", "2025-01-05", "--json",
            )
        )["id"]
    )  # fmt: skip
    first = ["movement", "covenant", movement, "--block", "Khối Đảng, đoàn thể", "--date", "2025-02-10"]
    for name in DEPARTMENTS[:4]:
        first += ["--department", name]
    first += ["--signer", "Lê Văn Bình|Trưởng khối|Khối Đảng", "--json"]
    second = ["movement", "covenant", movement, "--block", "Cụm thi đua Thủy Hòa", "--date", "2025-02-15"]
    for name in DEPARTMENTS[4:]:
        second += ["--department", name]
    second += ["--external", "UBND xã Yên Minh", "--signer", "Vàng Seo Páo|Chủ tịch|UBND xã Yên Minh", "--json"]
    return movement, _json(tdkt(*first))["covenant_id"], _json(tdkt(*second))["covenant_id"]


def _signed(db_path: Path) -> list[tuple]:
    store = open_store(db_path)
    try:
        return [tuple(r.values()) for r in store.query("SELECT id, signed_on, updated_at FROM covenants ORDER BY id")]
    finally:
        store.close()


def test_the_second_blocks_covenant_prints_by_its_number_without_signing_again(tdkt, two_covenants, db_path, tmp_path):
    movement, first, second = two_covenants
    before = _signed(db_path)
    out = tmp_path / "giao-uoc-cum.pdf"
    printed = _json(
        tdkt("movement", "print-covenant", movement, "--covenant", str(second), "--out", str(out), "--json")
    )
    assert printed == {"covenant_id": second, "block_name": "Cụm thi đua Thủy Hòa", "out": str(out)}
    text = _pdf(out)
    assert "Thủy Hòa" in text and "Vàng Seo Páo" in text and "Lê Văn Bình" not in text
    assert _signed(db_path) == before  # nothing signed again: the date and the record unchanged

    docx = tmp_path / "giao-uoc-khoi.docx"
    code, said, err = tdkt("movement", "print-covenant", movement, "--covenant", str(first), "--out", str(docx))
    assert code == 0, err
    assert docx.exists() and "Khối Đảng, đoàn thể" in said


def test_several_covenants_need_the_number_and_an_unknown_number_is_refused(tdkt, two_covenants, tmp_path):
    movement, first, second = two_covenants
    out = tmp_path / "giao-uoc.pdf"
    code, _out, err = tdkt("movement", "print-covenant", movement, "--out", str(out))
    assert code == 1 and not out.exists()
    assert "có 2 giao ước thi đua" in err and f"số {first}: Khối Đảng, đoàn thể" in err and f"số {second}:" in err
    code, _out, err = tdkt("movement", "print-covenant", movement, "--covenant", "999", "--out", str(out))
    assert code == 1 and not out.exists()
    assert "không có giao ước thi đua số 999" in err
    code, _out, err = tdkt("movement", "print-covenant", movement, "--covenant", "2", "--out", str(tmp_path / "x.txt"))
    assert code == 1 and ".pdf hoặc .docx" in err


def test_the_movements_only_covenant_prints_without_its_number(tdkt, tmp_path):
    movement = str(
        _json(tdkt("movement", "create", "--name", "Thi đua X", "--start", "2025-01-01", "--end", "2025-12-31",
                   "--launch-date", "2025-01-05", "--json"))["id"]
    )  # fmt: skip
    out = tmp_path / "giao-uoc.pdf"
    code, _out, err = tdkt("movement", "print-covenant", movement, "--out", str(out))
    assert code == 1 and "chưa có giao ước thi đua nào" in err
    signed = ["movement", "covenant", movement, "--block", "Khối các phòng, ban", "--date", "2025-02-10"]
    _json(tdkt(*signed, "--department", DEPARTMENTS[0], "--signer", "Lê Văn Bình|Trưởng phòng|x", "--json"))
    assert tdkt("movement", "print-covenant", movement, "--out", str(out))[0] == 0
    assert "Khối các phòng, ban" in _pdf(out)


def test_the_operation_refuses_to_guess_which_covenant(unit_store, tmp_path):
    store = unit_store
    departments = list(setup_unit(store).values())
    movement = mv.create_movement(store, name="Thi đua Y", launch_date="2025-01-05", end_date="2025-12-31")
    signer = [{"name": "A", "title": "B", "member": ""}]
    mv.sign_block_covenant(store, movement_id=movement, block_name="Khối 1", department_ids=departments[:2],
                           signed_on="2025-02-10", signatories=signer)  # fmt: skip
    mv.sign_block_covenant(store, movement_id=movement, block_name="Khối 2", department_ids=departments[2:],
                           signed_on="2025-02-10", signatories=signer)  # fmt: skip
    with pytest.raises(ValidationError, match="hãy chọn giao ước cần in") as refused:
        mv.export_covenant(store, movement_id=movement, out=tmp_path / "g.pdf")
    assert refused.value.field == "covenant"
    with pytest.raises(NotFoundError, match="không có giao ước thi đua số 77"):
        mv.export_covenant(store, movement_id=movement, covenant_id=77, out=tmp_path / "g.pdf")
    assert not (tmp_path / "g.pdf").exists()
