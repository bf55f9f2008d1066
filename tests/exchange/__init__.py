"""Helpers for the package tests: two (or more) real databases, trusted keys both ways, crafted zips."""

from __future__ import annotations

import hashlib
import io
import json
import time
import zipfile
from pathlib import Path
from typing import Any

from desktop.exchange.exporter import export_package
from desktop.exchange.keys import UnitKeys, b64, load_unit_keys, sign_manifest
from desktop.exchange.manifest import canonical_bytes
from desktop.store import Store, new_uuid, now_iso, open_store
from tests.demo_date import DEMO_TODAY

LUNG_CU = "00715"
LAM_BINH = "02266"
YEAR = 2025


def make_unit(folder: Path, *, name: str = "Ủy ban nhân dân xã Lũng Cú", commune: str = LUNG_CU) -> Store:
    from desktop.ops.setup import init_unit

    store = open_store(folder / f"unit-{commune}.sqlite3", actor="xa")
    init_unit(store, unit_name=name, commune_code=commune, head_title="Chủ tịch", head_name="Nguyễn Văn Hùng")
    return store


def make_province(folder: Path) -> Store:
    from desktop.exchange.province import set_mode
    from desktop.ops.setup import init_unit

    store = open_store(folder / "province.sqlite3", actor="tinh")
    init_unit(store, unit_name="Sở Nội vụ tỉnh Tuyên Quang", commune_code=LUNG_CU)
    set_mode(store, mode="province")
    return store


def link(unit: Store, province: Store, folder: Path) -> None:
    """Exchange public key files both ways, as the clerks would on a USB stick."""
    from desktop.ops.exchange import export_public_key, trust_key

    unit_file = export_public_key(unit, path=folder / f"{unit.path.stem}-key")
    province_file = export_public_key(province, path=folder / "province-key")
    trust_key(province, path=unit_file, role="unit")
    trust_key(unit, path=province_file, role="province")


def seed_dossier(store: Store, *, year: int = YEAR) -> list[str]:
    """The demo commune plus a round whose upward nominations are already in a dossier (status sent_up)."""
    from desktop.ops.demo import fill_demo

    fill_demo(store, today=DEMO_TODAY)
    staff = store.query("SELECT id FROM staff ORDER BY id LIMIT 2")
    department = store.scalar("SELECT id FROM departments ORDER BY id LIMIT 1")
    stamp = now_iso()
    uuids = []
    with store.transaction(operation="test.seed"):
        round_id = store.insert(
            "review_rounds",
            {"uuid": new_uuid(), "year": year, "name": "Bình xét", "created_at": stamp, "updated_at": stamp},
        )
        targets = [
            ("individual", staff[0]["id"], None, "CSTD_TINH", "title"),
            ("individual", staff[1]["id"], None, "BK_TINH", "award_form"),
            ("collective", None, department, "BK_TINH", "award_form"),
        ]
        for kind, staff_id, department_id, code, category in targets:
            uuid = new_uuid()
            uuids.append(uuid)
            store.insert(
                "nominations",
                {
                    "uuid": uuid,
                    "round_id": round_id,
                    "target_kind": kind,
                    "staff_id": staff_id,
                    "department_id": department_id,
                    "code": code,
                    "category": category,
                    "engine_reasons": json.dumps([{"text": "Đủ 3 năm CSTĐCS", "cite": "Điều 22", "met": True}]),
                    "achievement": "Hoàn thành xuất sắc nhiệm vụ",
                    "status": "sent_up",
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
    return uuids


def table_checksum(store: Store) -> str:
    """SHA-256 over every row of every table (audit log and settings included; not SQLite's own statistics)."""
    digest = hashlib.sha256()
    names = [
        r["name"]
        for r in store.query(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    for name in names:
        digest.update(name.encode())
        for row in store.conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def craft(
    path: Path,
    keys: UnitKeys,
    manifest: dict[str, Any],
    entries: dict[str, bytes],
    *,
    fix_checksums: bool = True,
    sign: bool = True,
    compress: bool = True,
) -> Path:
    """Write a package by hand (for refusal tests): entries, manifest (checksums recomputed), signature."""
    if fix_checksums:
        manifest = manifest | {
            "entries": [
                {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                for name, data in entries.items()
            ]
        }
    manifest_bytes = canonical_bytes(manifest)
    signature = {
        "algorithm": "Ed25519",
        "signer_fingerprint": keys.fingerprint,
        "signature": b64(sign_manifest(keys, manifest_bytes)),
    }
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("manifest.json", manifest_bytes)
        for name, data in entries.items():
            archive.writestr(name, data)
        if sign:
            archive.writestr("signature", canonical_bytes(signature))
    path.write_bytes(buffer.getvalue())
    return path


def unpack(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and the data entries of a (plain) package."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        entries = {n: archive.read(n) for n in archive.namelist() if n not in ("manifest.json", "signature")}
    return manifest, entries


def own_keys(store: Store) -> UnitKeys:
    keys = load_unit_keys(store)
    assert keys is not None
    return keys


OVERRIDE_HEAD = """[pack]
id = "vn-tq-{v}"
name = "Quy định tỉnh {v}"
version = "2026.{v}"
valid_from = 2026-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"
"""


def months_override(v: int, months: int) -> str:
    """The province's override number ``v`` of 2026 setting the months a new recruit must work."""
    cite = f"QĐ {v}/2026/QĐ-UBND tỉnh"
    return OVERRIDE_HEAD.format(v=v) + (
        f'\n[settings]\nnew_staff_min_months = {{ value = {months}, cite = "{cite}", from = 2026-01-01 }}\n'
    )


def send_rule_override(province: Store, folder: Path, name: str) -> Path:
    """The province's rule-override package of 2026 as the exporter makes it."""
    time.sleep(1.05)  # packages are told apart by their creation time, to the second
    return export_package(province, kind="rule_override", year=2026, out=folder / name)
