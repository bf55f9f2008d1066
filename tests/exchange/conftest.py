"""Fixtures the package tests share: a commune and its province that trust each other, the commune's nomination
dossier exported for the province (not imported yet), and the province's decision on it (not yet sent down)."""

from __future__ import annotations

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.province import record_decision
from desktop.ops.exchange import import_files
from tests.exchange import YEAR, link, make_province, make_unit, seed_dossier


@pytest.fixture
def pair(tmp_path):
    """A commune and its province, each trusting the other's key."""
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    yield unit, prov
    unit.close()
    prov.close()


@pytest.fixture
def sent_dossier(pair, tmp_path):
    """The pair, with a dossier sent up by the commune: (unit, province, package path)."""
    unit, prov = pair
    seed_dossier(unit)
    path = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "goc.tdkt", with_attachments=False)
    return unit, prov, path


@pytest.fixture
def decided(tmp_path):
    """The commune's dossier at the province, and a genuine decision on its first nomination (not yet sent down)."""
    from datetime import date

    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    nominations = seed_dossier(unit)
    up = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "len.tdkt", with_attachments=False)
    import_files(prov, files=[up])
    record_decision(
        prov,
        unit_code="00715",
        nomination_uuid=nominations[0],
        awarded=True,
        decision_no="12/QĐ-UBND",
        decision_date=date(YEAR + 1, 3, 1),
        issuer="UBND tỉnh",
    )
    path = export_package(prov, kind="province_decisions", year=YEAR, out=tmp_path / "qd.tdkt", receiver="00715")
    yield unit, prov, path, nominations
    unit.close()
    prov.close()
