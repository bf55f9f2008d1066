"""Fixtures the package tests share: a commune and its province that trust each other, and the commune's
nomination dossier exported for the province (not imported yet)."""

from __future__ import annotations

import pytest

from desktop.exchange.exporter import export_package
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
