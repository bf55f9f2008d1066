"""What the province's summary and a unit's movement report say must be true: a unit's nomination shows only its
own unit's decision, a yearly report is for a year that has begun, an award the province conferred counts in the
movement whose nomination it answered."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.exchange.importer import apply_import, plan_import
from desktop.exchange.province import consolidated
from tests.exchange import YEAR, craft, own_keys, unpack


def test_a_yearly_report_for_a_future_year_is_neither_sent_nor_received(pair, tmp_path):
    unit, prov = pair
    future = date.today().year + 1
    with pytest.raises(PackageError) as refused:
        export_package(unit, kind="yearly_report", year=future, out=tmp_path / "bc.tdkt")
    assert str(future) in str(refused.value) and not (tmp_path / "bc.tdkt").exists()
    # a package made elsewhere (an old program, or by hand) with a future year is a conflict, never applied
    good = export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "bc-good.tdkt")
    manifest, entries = unpack(good)
    [name] = [n for n in entries if n.endswith("yearly_report.json")]
    data = json.loads(entries[name])
    for record in data["records"]:
        record["year"], record["uuid"] = future, str(uuid.uuid4())
    entries[name] = json.dumps(data, ensure_ascii=False).encode()
    manifest = dict(manifest, package_uuid=str(uuid.uuid4()), year=future)
    forged = craft(tmp_path / "bc-future.tdkt", own_keys(unit), manifest, entries)
    plan = plan_import(prov, forged)
    assert plan.counts["yearly_report"].conflicts == 1 and plan.counts["yearly_report"].new == 0
    assert str(future) in plan.conflicts[0].reason
    apply_import(prov, plan)
    assert prov.scalar("SELECT count(*) FROM remote_records WHERE record_kind = 'yearly_report'") == 0
    assert consolidated(prov, year=future)["units"][0]["yearly_report"] is None
    # this year's report still goes up
    assert apply_import(prov, plan_import(prov, good)).status == "applied"
    assert prov.scalar("SELECT count(*) FROM remote_records WHERE record_kind = 'yearly_report'") == 1
