"""A unit sends report v1 (P1), then v2 (P2), then goes back to v1 (P3, the newest dossier). The province must
show the file of its newest package (v1) as the current one, not v2; a late older package moves nothing."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.exchange.importer import import_file
from desktop.exchange.keys import UnitKeys
from desktop.exchange.province import list_attachments
from tests.exchange import craft, own_keys, unpack

V1 = b"%PDF-1.4 version one"
V2 = b"%PDF-1.4 version two"


def _repack(base: Path, out: Path, keys: UnitKeys, created: datetime, pdf: bytes) -> Path:
    """The dossier ``base`` again, made at ``created``, its first nomination carrying ``pdf`` as its report."""
    manifest, entries = unpack(base)
    data = json.loads(entries["data/nominations.json"])
    name = "bao-cao-thanh-tich-" + data["records"][0]["uuid"] + ".pdf"
    for record in data["records"]:
        record["attachments"] = []
    data["records"][0]["attachments"] = [name]
    entries = {
        "data/nominations.json": json.dumps(data, ensure_ascii=False).encode(),
        "attachments/" + name: pdf,
    }
    manifest = manifest | {"package_uuid": str(uuid.uuid4()), "created_at": created.isoformat(timespec="seconds")}
    return craft(out, keys, manifest, entries)


def _three(sent_dossier, tmp_path):
    unit, prov, base = sent_dossier
    keys = own_keys(unit)
    now = datetime.now(UTC)
    p1 = _repack(base, tmp_path / "p1.tdkt", keys, now - timedelta(hours=3), V1)
    p2 = _repack(base, tmp_path / "p2.tdkt", keys, now - timedelta(hours=2), V2)
    p3 = _repack(base, tmp_path / "p3.tdkt", keys, now - timedelta(hours=1), V1)
    return prov, p1, p2, p3


def _current(prov):
    rows = list_attachments(prov)
    current = [r for r in rows if not r["outdated"]]
    assert len(current) == 1
    content = prov.scalar("SELECT content FROM remote_attachments WHERE id = ?", (current[0]["id"],))
    return current[0], bytes(content), rows


def test_report_sent_back_to_first_version_is_current(sent_dossier, tmp_path):
    prov, p1, p2, p3 = _three(sent_dossier, tmp_path)
    for path in (p1, p2, p3):
        assert import_file(prov, path).status == "applied"
    current, content, rows = _current(prov)
    # the newest dossier (p3) carries version one: that is the report the province must read
    assert current["package_file"] == "p3.tdkt"
    assert content == V1
    assert [r["package_file"] for r in rows if r["outdated"]] == ["p2.tdkt"]


def test_older_package_imported_late_moves_nothing(sent_dossier, tmp_path):
    """P3 then P1 (older, same file as P3): the file stays with P3, the newest package carrying it."""
    prov, p1, p2, p3 = _three(sent_dossier, tmp_path)
    for path in (p2, p3, p1):
        import_file(prov, path)
    current, content, _rows = _current(prov)
    assert current["package_file"] == "p3.tdkt"
    assert content == V1
    assert prov.scalar("SELECT count(*) FROM remote_attachments") == 2
