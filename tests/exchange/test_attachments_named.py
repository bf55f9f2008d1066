"""The province's clerk picks a unit's achievement report by whose it is, not by a UUID in a file name, and the unit
selected in the summary table comes first."""

from __future__ import annotations

from desktop.exchange import province
from desktop.exchange.exporter import export_package
from desktop.exchange.importer import import_file
from tests.exchange import LAM_BINH, YEAR, link, make_unit, seed_dossier


def _names(store) -> dict[str, str]:
    rows = store.query(
        "SELECT n.uuid, coalesce(s.full_name, d.name) AS who FROM nominations n LEFT JOIN staff s ON s.id = n.staff_id "
        "LEFT JOIN departments d ON d.id = n.department_id"
    )
    return {r["uuid"]: r["who"] for r in rows}


def test_each_report_is_named_by_its_nominee_and_the_selected_unit_comes_first(pair, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from desktop.ui.context import AppContext
    from desktop.ui.exchange.page import ExchangePage

    unit, prov = pair
    other = make_unit(tmp_path, name="Ủy ban nhân dân xã Lâm Bình", commune=LAM_BINH)
    link(other, prov, tmp_path)
    seed_dossier(unit)
    seed_dossier(other)
    for store, name in ((unit, "a.tdkt"), (other, "b.tdkt")):
        package = export_package(store, kind="nomination_dossier", year=YEAR, out=tmp_path / name)
        assert import_file(prov, package).status == "applied"
    rows = province.list_attachments(prov)
    assert len(rows) == 6
    names = _names(unit) | _names(other)
    for row in rows:
        uuid = row["name"].removeprefix("bao-cao-thanh-tich-").removesuffix(".pdf")
        assert row["nominee"].startswith(names[uuid] + " — ") and str(YEAR) in row["nominee"]
        label = province.attachment_label(row)
        assert f"báo cáo của {names[uuid]} — " in label and uuid not in label

    offered: list[list[str]] = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: (offered.append(list(args[3])), ("", False))[1])
    page = ExchangePage(AppContext(prov, actor="tinh"))
    qtbot.addWidget(page)
    tab = page.province
    tab.load()
    qtbot.waitUntil(lambda: tab.units.rowCount() == 2, timeout=10000)
    for row in range(2):
        tab.units.setCurrentCell(row, 1)
        code = tab.units.item(row, 0).text()
        assert tab.open_attachment() is None
        assert [label.split(". ", 1)[1].startswith(code + " — ") for label in offered[-1]] == [True] * 3 + [False] * 3
