"""Three packages of one sender, made in order P1, P2, P3, where P3 takes back P2's change (a movement renamed by
mistake and named back, a dossier corrected and restored, a decision number mistyped and fixed). Imported P1, P3,
then P2 arriving late: P2 is older than the copy kept, so it is a conflict and changes nothing.

Before, P3 was "unchanged" and left the copy kept with P1's time, so the late P2 was compared with P1, judged newer
and applied: the unit showed the mistaken name again, the province the corrected-away dossier."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.exchange.exporter import export_package
from desktop.ops import exchange as ops
from desktop.store import Store
from desktop.store.db import new_uuid
from tests.exchange import LUNG_CU, YEAR, craft, own_keys, unpack
from tests.exchange.test_province_movements import _province_movement as province_movement

NOW = datetime.now(UTC).replace(microsecond=0)


def _made(path: Path, sender: Store, out: Path, hours_ago: int, change: Callable[[dict[str, Any]], None]) -> Path:
    """``path`` made again by its sender ``hours_ago`` hours ago, its first record changed by ``change``."""
    manifest, entries = unpack(path)
    (name,) = [n for n in entries if n.startswith("data/") and n.endswith(".json")]
    data = json.loads(entries[name])
    change(data["records"][0])
    entries[name] = json.dumps(data, ensure_ascii=False).encode()
    created = (NOW - timedelta(hours=hours_ago)).isoformat()
    return craft(out, own_keys(sender), manifest | {"package_uuid": new_uuid(), "created_at": created}, entries)


def _three(path: Path, sender: Store, folder: Path, key: str, mistake: Any) -> list[Path]:
    """P1 (as sent), P2 (``key`` set to ``mistake``), P3 (as P1, the mistake taken back), made in that order."""

    def keep(_record: dict[str, Any]) -> None:
        return None

    def mistaken(record: dict[str, Any]) -> None:
        record[key] = mistake

    return [
        _made(path, sender, folder / "p1.tdkt", 3, keep),
        _made(path, sender, folder / "p2.tdkt", 2, mistaken),
        _made(path, sender, folder / "p3.tdkt", 1, keep),
    ]


def _late(receiver: Store, first: Path, third: Path, second: Path) -> dict[str, Any]:
    """Import the first and the third, then the second: its dry run and its import's counts."""
    for path in (first, third):
        (result,) = ops.import_files(receiver, files=[path])
        assert result.status == "applied"
    [plan] = ops.dry_run(receiver, files=[second])
    (result,) = ops.import_files(receiver, files=[second])
    return {"plan": plan.to_json(), "result": result}


def _older(late: dict[str, Any], kind: str) -> None:
    counts = late["plan"]["counts"][kind]
    assert counts["updated"] == 0 and counts["conflicts"] == 1, late["plan"]
    assert "gói cũ hơn" in late["plan"]["conflicts"][0]["reason"]


def test_a_late_movement_package_does_not_bring_back_a_name_the_province_took_back(pair, tmp_path):
    unit, prov = pair
    province_movement(prov)
    sent = export_package(prov, kind="movements", year=2026, out=tmp_path / "pt.tdkt", receiver=LUNG_CU)
    first, second, third = _three(sent, prov, tmp_path, "name", "Thi đua chuyển đổi số (nhầm)")
    _older(_late(unit, first, third, second), "movement")
    assert unit.scalar("SELECT name FROM movements WHERE source = 'province'") == "Thi đua chuyển đổi số 2026"


def test_a_late_dossier_does_not_replace_the_one_sent_after_it(sent_dossier, tmp_path):
    unit, prov, path = sent_dossier
    first, second, third = _three(path, unit, tmp_path, "achievement", "Thành tích ghi nhầm")
    _older(_late(prov, first, third, second), "nomination")
    contents = [json.loads(r["content"]) for r in prov.query("SELECT content FROM remote_records")]
    assert "Thành tích ghi nhầm" not in {c.get("achievement") for c in contents}


def test_a_late_decision_package_does_not_bring_back_a_number_the_province_corrected(decided, tmp_path):
    unit, prov, path, _nominations = decided
    first, second, third = _three(path, prov, tmp_path, "decision_no", "21/QĐ-UBND")
    _older(_late(unit, first, third, second), "province_decision")
    assert unit.scalar("SELECT decision_no FROM awards WHERE source = 'above' AND decision_no LIKE '%/QĐ-UBND' "
                       "AND decision_date = ?", (f"{YEAR + 1}-03-01",)) == "12/QĐ-UBND"  # fmt: skip
