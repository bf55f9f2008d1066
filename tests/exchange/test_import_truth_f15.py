"""What an import of several packages says is what it did (packages made by the program's exporter, real databases).

- ``tdkt package import r1 r2``: the files go in together in one transaction — a file refused when applied leaves
  nothing of the batch (r1 is not left half of a refused batch); r2, the province's newer rules, repeals r1's.
- A folder import at the province: the database is busy while one file is applied; the files before it stay
  imported, the next ones are tried, and the summary says which file was not imported and why.
- Achievement reports sent twice (a unit's first dossier, then its corrected one): listed newest package first with
  the package's date, the window opens the line chosen, and writing them out never overwrites one with another.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.exchange import province
from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.ops import exchange as ops
from desktop.ops.rules import list_overrides, set_override_active
from desktop.store import open_store
from desktop.store.rules_repo import save_override
from tests.exchange import YEAR, seed_dossier


def _rule_pack(version: int, target: str) -> str:
    return f'''[pack]
id = "vn-tq-{version}"
name = "Quy định tỉnh {version}"
version = "2026.{version}"
valid_from = 2026-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[award_forms.GK_PHONG_TRAO]
name = "Giấy khen phong trào (tỉnh quy định)"
short = "GKPT"
target = ["{target}"]
rank = 15
ballot_required = [{{ value = false, cite = "QĐ {version}/2026/QĐ-UBND tỉnh", from = 2026-01-01 }}]
basis = [{{ cite = "QĐ {version}/2026/QĐ-UBND tỉnh", from = 2026-01-01 }}]
conferred_by.default = [{{ value = "unit", cite = "QĐ {version}/2026/QĐ-UBND tỉnh", from = 2026-01-01 }}]
'''


def _clashing_rule_packages(prov, folder: Path) -> tuple[Path, Path]:
    """r1 defines GK_PHONG_TRAO for individuals; the province then switches it off and defines the code for
    collectives (r2). Each is valid on its own; at a unit holding r1's pack, r2 changes an existing code's target."""
    first = save_override(prov, name="QĐ 1/2026", toml_text=_rule_pack(1, "individual"))
    r1 = export_package(prov, kind="rule_override", year=2026, out=folder / "r1.tdkt")
    set_override_active(prov, override_id=first, active=False)
    save_override(prov, name="QĐ 2/2026 (thay QĐ 1)", toml_text=_rule_pack(2, "collective"))
    r2 = export_package(prov, kind="rule_override", year=2026, out=folder / "r2.tdkt")
    return r1, r2


def _received(store) -> list[str]:
    return [r["file_name"] for r in store.query("SELECT file_name FROM packages WHERE direction = 'received'")]


def _refuse_the_second(monkeypatch) -> None:
    """The second file of a batch refused when applied, after the first went in (a refusal no real package of one
    province can provoke any more since a rule-override package is the province's snapshot: injected here, on the
    real database, to show the batch's one transaction)."""
    real = ops.apply_import
    calls: list[str] = []

    def apply(store, plan):
        calls.append(plan.package.file_name)
        if len(calls) == 2:
            raise PackageError(f"Gói {plan.package.file_name}: bị từ chối khi nhập (thử nghiệm).", code="rule_pack")
        return real(store, plan)

    monkeypatch.setattr(ops, "apply_import", apply)


def test_the_provinces_newer_rules_repeal_the_ones_it_sent_before(pair, tmp_path):
    unit, prov = pair
    r1, r2 = _clashing_rule_packages(prov, tmp_path)
    assert [r.status for r in ops.import_files(unit, files=[r1, r2])] == ["applied", "applied"]
    assert [o["name"] for o in list_overrides(unit) if o["active"]] == ["QĐ 2/2026 (thay QĐ 1)"]


def test_a_file_refused_after_the_one_before_it_is_applied_leaves_nothing_written(pair, tmp_path, monkeypatch):
    unit, prov = pair
    r1, r2 = _clashing_rule_packages(prov, tmp_path)
    _refuse_the_second(monkeypatch)
    with pytest.raises(PackageError) as refused:
        ops.import_files(unit, files=[r1, r2])
    assert "r2.tdkt" in refused.value.message
    assert "Không gói nào trong 2 gói đã chọn được nhập." in refused.value.message
    assert _received(unit) == [] and list_overrides(unit) == []  # r1, applied first, went back with the batch


def test_the_command_line_refusal_of_a_batch_writes_nothing(pair, tmp_path, capsys, monkeypatch):
    unit, prov = pair
    r1, r2 = _clashing_rule_packages(prov, tmp_path)
    path = unit.path
    unit.close()
    _refuse_the_second(monkeypatch)
    code = main(["--db", str(path), "package", "import", str(r1), str(r2)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("Lỗi: Gói r2.tdkt") and "Không gói nào trong 2 gói đã chọn được nhập." in err
    with open_store(path, actor="kiem-tra") as store:
        assert _received(store) == [] and list_overrides(store) == []


def _busy_folder(unit, folder: Path) -> Path:
    seed_dossier(unit)
    inbox = folder / "hop-thu"
    inbox.mkdir()
    export_package(unit, kind="nomination_dossier", year=YEAR, out=inbox / "1-ho-so.tdkt", with_attachments=False)
    export_package(unit, kind="yearly_report", year=YEAR, out=inbox / "2-bao-cao.tdkt")
    export_package(unit, kind="award_register", year=YEAR, out=inbox / "3-so-khen.tdkt")
    return inbox


def _import_while_another_window_writes(prov, inbox: Path) -> list[dict]:
    """Another window holds the write lock while the 2nd file is applied, and lets go before the 3rd."""
    prov.conn.execute("PRAGMA busy_timeout = 200")  # the real wait is 5 s; the same refusal, sooner
    blocker: list[sqlite3.Connection] = []

    def progress(index: int, _total: int, name: str) -> None:
        if index == 1 and name:
            other = sqlite3.connect(str(prov.path), isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            blocker.append(other)
        elif blocker:
            blocker.pop().execute("ROLLBACK")

    try:
        return province.import_folder(prov, inbox, progress=progress)
    finally:
        for other in blocker:
            other.execute("ROLLBACK")
            other.close()


def test_a_busy_database_fails_one_file_of_the_folder_and_the_others_are_still_imported(pair, tmp_path):
    unit, prov = pair
    inbox = _busy_folder(unit, tmp_path)
    rows = _import_while_another_window_writes(prov, inbox)
    assert [(row["file"], row["status"]) for row in rows] == [
        ("1-ho-so.tdkt", "applied"),
        ("2-bao-cao.tdkt", "failed"),
        ("3-so-khen.tdkt", "applied"),
    ]
    message = rows[1]["message"]
    assert message.startswith("Chưa nhập tệp 2-bao-cao.tdkt: Không ghi được vào cơ sở dữ liệu")
    assert "chương trình khác" in message
    assert sorted(_received(prov)) == ["1-ho-so.tdkt", "3-so-khen.tdkt"]
    # the folder again: the file that failed goes in, the others are not imported twice
    again = province.import_folder(prov, inbox)
    assert [row["status"] for row in again] == ["duplicate", "applied", "duplicate"]


def test_the_window_shows_the_folder_summary_with_the_file_not_imported(pair, tmp_path, qtbot):
    from desktop.ui.context import AppContext
    from desktop.ui.exchange.page import ExchangePage

    unit, prov = pair
    rows = _import_while_another_window_writes(prov, _busy_folder(unit, tmp_path))
    page = ExchangePage(AppContext(prov, actor="tinh"))
    qtbot.addWidget(page)
    tab = page.province
    tab._folder_done(rows)
    qtbot.waitUntil(lambda: tab.job is None, timeout=10000)  # the counts are read again afterwards
    table = tab.summary
    assert table.rowCount() == 3
    assert [table.item(r, 0).text() for r in range(3)] == ["1-ho-so.tdkt", "2-bao-cao.tdkt", "3-so-khen.tdkt"]
    assert [table.item(r, 1).text() for r in range(3)] == ["Đã nhập", "Chưa nhập được", "Đã nhập"]
    assert table.item(1, 5).text().startswith("Chưa nhập tệp 2-bao-cao.tdkt")
    text = tab.folder_message.text()
    assert "2 nhập mới" in text and "1 tệp chưa nhập được" in text


def _two_versions(unit, folder: Path) -> tuple[Path, Path]:
    """The unit's dossier, then (a second later) the same nominations with a corrected achievement text."""
    seed_dossier(unit)
    old = export_package(unit, kind="nomination_dossier", year=YEAR, out=folder / "ho-so-cu.tdkt")
    time.sleep(1.1)  # a package's time is kept to the second
    with unit.transaction(operation="test.edit"):
        unit.execute("UPDATE nominations SET achievement = 'Thành tích đã bổ sung theo yêu cầu của tỉnh'")
    new = export_package(unit, kind="nomination_dossier", year=YEAR, out=folder / "ho-so-moi.tdkt")
    return old, new


def _contents(prov) -> dict[int, tuple[str, str]]:
    """Attachment id → (package file, SHA-256 of the content)."""
    return {
        r["id"]: (r["file_name"], r["sha256"])
        for r in prov.query(
            "SELECT a.id, a.sha256, p.file_name FROM remote_attachments a JOIN packages p ON p.id = a.package_id"
        )
    }


def test_the_window_opens_the_current_report_when_the_older_dossier_arrived_last(pair, tmp_path, qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QInputDialog

    from desktop.ui.context import AppContext
    from desktop.ui.exchange.page import ExchangePage

    unit, prov = pair
    old, new = _two_versions(unit, tmp_path)
    ops.import_files(prov, files=[new])
    ops.import_files(prov, files=[old])  # arrives last: its records are conflicts, its files are not kept
    rows = province.list_attachments(prov)
    contents = _contents(prov)
    assert [contents[r["id"]][0] for r in rows] == ["ho-so-moi.tdkt"] * 3
    assert [r["outdated"] for r in rows] == [False] * 3

    offered: list[list[str]] = []
    picks: list[int] = []

    def choose(_parent, _title, _label, items, *_args):
        offered.append(list(items))
        return items[picks.pop(0)], True

    opened: list[str] = []
    monkeypatch.setattr(QInputDialog, "getItem", choose)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    page = ExchangePage(AppContext(prov, actor="tinh"))
    qtbot.addWidget(page)
    for index in range(3):
        picks.append(index)
        path = page.province.open_attachment()
        assert path is not None
        assert hashlib.sha256(path.read_bytes()).hexdigest() == contents[rows[index]["id"]][1]
    labels = offered[0]
    assert len(set(labels)) == 3
    assert labels[0].startswith("1. 00715 — Ủy ban nhân dân xã Lũng Cú — ") and "gói lập lúc" in labels[0]
    assert "bản cũ" not in labels[0]
    assert province.package_time_text(rows[0]["package_created_at"]) in labels[0]
    assert len(opened) == 3


def test_writing_the_reports_out_never_overwrites_one_version_with_another(pair, tmp_path, capsys):
    unit, prov = pair
    old, new = _two_versions(unit, tmp_path)
    ops.import_files(prov, files=[old])
    ops.import_files(prov, files=[new])  # the usual order: the corrected dossier last
    contents = _contents(prov)
    path = prov.path
    prov.close()
    out = tmp_path / "mo-ra"
    code = main(["--db", str(path), "province", "attachments", "--out", str(out), "--json"])
    listed = json.loads(capsys.readouterr().out)["attachments"]
    assert code == 0 and len(listed) == 6
    assert [contents[r["id"]][0] for r in listed] == ["ho-so-moi.tdkt"] * 3 + ["ho-so-cu.tdkt"] * 3
    assert len({r["path"] for r in listed}) == 6 and len(list(out.iterdir())) == 6
    for row in listed:
        written = Path(row["path"]).read_bytes()
        assert hashlib.sha256(written).hexdigest() == contents[row["id"]][1]
    # the newest version takes the plain name; the earlier one the next free name
    assert not Path(listed[0]["path"]).stem.endswith(")") and Path(listed[3]["path"]).stem.endswith(" (2)")

    # the same command again: the same files, nothing overwritten, nothing doubled
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["--db", str(path), "province", "attachments", "--out", str(out), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["attachments"]
    assert [r["path"] for r in again] == [r["path"] for r in listed]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    # the text lists the package's date and which line is the earlier version
    assert main(["--db", str(path), "province", "attachments"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6
    assert [line.split("\t")[5] for line in lines] == ["mới nhất"] * 3 + ["bản cũ"] * 3


def test_a_file_already_in_the_folder_is_never_overwritten(pair, tmp_path):
    unit, prov = pair
    _old, new = _two_versions(unit, tmp_path)
    ops.import_files(prov, files=[new])
    row = province.list_attachments(prov)[0]
    folder = tmp_path / "mo"
    first = province.save_attachment(prov, attachment_id=row["id"], folder=folder)
    first.write_bytes(b"%PDF-1.4 ban cua can bo tinh da ghi chu\n")  # the clerk annotated the saved copy
    second = province.save_attachment(prov, attachment_id=row["id"], folder=folder)
    assert second != first and second.name.endswith(" (2).pdf")
    assert first.read_bytes() == b"%PDF-1.4 ban cua can bo tinh da ghi chu\n"
    assert hashlib.sha256(second.read_bytes()).hexdigest() == row["sha256"]
