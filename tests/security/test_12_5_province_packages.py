"""Issue 12.5: a province package changes only what the unit sent up; packages that lie are refused by verify,
so verify, dry run and import always agree; keys rotate only by replacing the old one; attachments are kept.

Crafted packages (marked ``crafted``): each is refused (a ``PackageError`` with a Vietnamese message, or a conflict
in the dry run that the import does not apply) and the receiving database hashes the same before and after.
Structural attacks on the package reader (tampered bytes, path tricks, symlinks, zip bombs, wrong keys…) are
tested in tests/exchange/test_refusals.py and tests/exchange/test_fuzz.py."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import datetime, timedelta

import pytest

from desktop.cli import main
from desktop.exchange import province
from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.exchange.keys import generate_unit_keys
from desktop.ops import exchange as ops
from tests.exchange import YEAR, craft, link, make_province, make_unit, own_keys, seed_dossier, table_checksum, unpack
from tests.security import cases, crafted, database_hash


@pytest.fixture(scope="module")
def _pair_template(tmp_path_factory):
    """A unit that sent its dossier up, and the province that received it: made once, copied for each test."""
    folder = tmp_path_factory.mktemp("pair")
    unit = make_unit(folder)
    prov = make_province(folder)
    link(unit, prov, folder)
    nominations = seed_dossier(unit)
    up = export_package(unit, kind="nomination_dossier", year=YEAR, out=folder / "len.tdkt")
    ops.import_files(prov, files=[up])
    paths = (unit.path, prov.path)
    for store in (unit, prov):
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
    return paths, nominations


@pytest.fixture
def pair(_pair_template, tmp_path):
    from desktop.store import open_store

    (unit_path, prov_path), nominations = _pair_template
    opened = []
    for source, actor in ((unit_path, "xa"), (prov_path, "tinh")):
        shutil.copyfile(source, tmp_path / source.name)
        opened.append(open_store(tmp_path / source.name, actor=actor))
    unit, prov = opened
    yield unit, prov, nominations
    unit.close()
    prov.close()


def _rows(store, table: str) -> list[tuple]:
    return store.conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()


def _decisions(prov, tmp_path, name="qd.tdkt"):
    return export_package(prov, kind="province_decisions", year=YEAR, out=tmp_path / name, receiver="00715")


@crafted
def test_a_province_decision_on_a_nomination_the_commune_decided_itself_is_a_conflict(pair, tmp_path):
    unit, prov, nominations = pair
    province.record_decision(prov, unit_code="00715", nomination_uuid=nominations[0], awarded=False)
    path = _decisions(prov, tmp_path)
    with unit.transaction():  # meanwhile the commune decided it itself (its own decision, status "decided")
        unit.execute("UPDATE nominations SET status = 'decided' WHERE uuid = ?", (nominations[0],))
    before = _rows(unit, "nominations")
    hashed = database_hash(unit, skip=["audit_log", "packages", "backups"])
    [plan] = ops.dry_run(unit, files=[path])
    assert plan.counts["province_decision"].conflicts == 1 and plan.counts["province_decision"].new == 0
    reason = plan.to_json()["conflicts"][0]["reason"]
    assert "không được đơn vị gửi lên cấp trên" in reason and "decided" in reason
    ops.import_files(unit, files=[path])
    assert unit.scalar("SELECT status FROM nominations WHERE uuid = ?", (nominations[0],)) == "decided"
    assert unit.scalar("SELECT count(*) FROM awards WHERE source = 'above' AND year = ?", (YEAR,)) == 0
    assert _rows(unit, "nominations") == before
    assert database_hash(unit, skip=["audit_log", "packages", "backups"]) == hashed  # nothing but the receipt


@pytest.mark.parametrize(
    ("field", "value", "words"),
    cases(
        {
            "another-code": ("code", "BK_TTG", "quyết định của tỉnh lại ghi “BK_TTG”"),
            "year-1900": ("year", 1900, "lại ghi năm 1900"),
        }
    ),
)
def test_a_decision_for_another_code_or_year_is_a_conflict(pair, tmp_path, field, value, words):
    unit, prov, nominations = pair
    province.record_decision(
        prov, unit_code="00715", nomination_uuid=nominations[1], awarded=True, decision_no="9/QĐ-UBND",
        decision_date=datetime(2026, 1, 20).date(),
    )  # fmt: skip
    path = _decisions(prov, tmp_path)
    manifest, entries = unpack(path)
    data = json.loads(entries["data/decisions.json"])
    data["records"][0][field] = value
    entries["data/decisions.json"] = json.dumps(data, ensure_ascii=False).encode()
    if field == "year":
        manifest["year"] = 1900
    crafted = craft(tmp_path / f"sai-{field}.tdkt", own_keys(prov), manifest, entries)
    before = (_rows(unit, "awards"), _rows(unit, "nominations"))
    [plan] = ops.dry_run(unit, files=[crafted])
    assert plan.counts["province_decision"].conflicts == 1
    assert words in plan.to_json()["conflicts"][0]["reason"]
    ops.import_files(unit, files=[crafted])
    assert (_rows(unit, "awards"), _rows(unit, "nominations")) == before


@crafted
def test_a_package_made_in_the_future_is_refused_and_blocks_nothing(pair, tmp_path):
    unit, prov, nominations = pair
    province.record_decision(prov, unit_code="00715", nomination_uuid=nominations[0], awarded=False)
    path = _decisions(prov, tmp_path)
    manifest, entries = unpack(path)
    manifest["created_at"] = (datetime.now().astimezone() + timedelta(days=3650)).isoformat(timespec="seconds")
    future = craft(tmp_path / "tuong-lai.tdkt", own_keys(prov), manifest, entries)
    before = database_hash(unit)
    with pytest.raises(PackageError) as refused:
        ops.verify_file(unit, path=future)
    assert "ở tương lai" in refused.value.message
    for attempt in (lambda: ops.dry_run(unit, files=[future]), lambda: ops.import_files(unit, files=[future])):
        with pytest.raises(PackageError, match="ở tương lai"):
            attempt()
    assert database_hash(unit) == before
    [result] = ops.import_files(unit, files=[path])  # the genuine package still goes in
    assert result.status == "applied"


@crafted
def test_a_second_key_for_a_unit_is_refused_until_the_old_one_is_replaced(tmp_path, capsys):
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    link(unit, prov, tmp_path)
    old_fp = ops.show_keys(prov)["fingerprint"]
    # A forged key file claiming to be the province:
    from desktop.exchange.keys import public_key_document

    forged = generate_unit_keys()
    path = tmp_path / "gia-mao.tdktkey"
    document = public_key_document(keys=forged.public, unit_code=own_code(prov), unit_name="Sở (giả)", role="province")
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = database_hash(unit)
    with pytest.raises(PackageError) as refused:
        ops.trust_key(unit, path=path, role="province")
    assert refused.value.code == "key_exists" and old_fp in refused.value.message
    assert database_hash(unit) == before
    assert {k["fingerprint"] for k in ops.list_trusted(unit) if not k["revoked"]} == {old_fp}
    unit.close()
    code = main(["--db", str(unit.path), "keys", "trust", str(path), "--role", "province", "--replace", old_fp])
    assert code == 0
    capsys.readouterr()
    from desktop.store import open_store

    with open_store(unit.path) as store:
        active = {k["fingerprint"] for k in ops.list_trusted(store) if not k["revoked"]}
        assert active == {forged.public.fingerprint}
    prov.close()


def own_code(store) -> str:
    from desktop.exchange.importer import own_identity

    return own_identity(store)[0]


@crafted
def test_the_total_uncompressed_size_is_bounded(tmp_path):
    """1,990 entries of just under 64 KiB (130 MB inflated) passed before; refused now, before anything is inflated."""
    prov = make_province(tmp_path)
    bomb = tmp_path / "nhieu-muc.tdkt"
    block = b"\0" * (64 * 1024 - 1)  # just under the size from which the compression ratio is checked
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"{}")
        archive.writestr("signature", b"{}")
        for index in range(1990):
            archive.writestr(f"attachments/a{index:04d}.pdf", block)
    before = database_hash(prov)
    with pytest.raises(PackageError) as refused:
        ops.verify_file(prov, path=bomb)
    assert refused.value.code == "too_large"
    with pytest.raises(PackageError):
        ops.import_files(prov, files=[bomb])
    assert database_hash(prov) == before
    prov.close()


@pytest.mark.parametrize(
    ("toml", "words"),
    cases(
        {
            "5000 digits": (
                "[settings]\nrounding_step = { value = " + "9" * 5000 + ", cite = \"x\", from = 2026-01-01 }\n",
                "số quá dài",
            ),
            "nested 5000 deep": ("[settings]\nx = " + "[" * 5000 + "]" * 5000 + "\n", "lồng nhau quá sâu"),
            "infinity": (
                "[settings]\nrounding_step = { value = inf, cite = \"x\", from = 2026-01-01 }\n",
                "không hợp lệ",
            ),
        }
    ),
)
def test_a_hostile_rule_override_is_refused_by_verify(pair, tmp_path, toml, words):
    unit, prov, _nominations = pair
    head = (
        '[pack]\nid = "t"\nname = "Tỉnh"\nversion = "1"\nvalid_from = 2026-01-01\njurisdiction = "VN-08"\n'
        'kind = "override"\n'
    )
    record = {"uuid": "0d5b8f0e-5a43-4c59-9a53-7d0c6f1e7a11", "name": "Quy định tỉnh", "toml": head + toml, "note": ""}
    from desktop.exchange.format import KIND_ENTRIES

    entry = KIND_ENTRIES["rule_override"][0]
    manifest = {
        "format": "tdkt-package",
        "format_version": "1.1",
        "package_uuid": "6a1c2f0e-5a43-4c59-9a53-7d0c6f1e7a12",
        "kind": "rule_override",
        "sender": {"code": own_code(prov), "name": "Tỉnh"},
        "receiver": {"code": "", "name": ""},
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "app_version": "test",
        "year": 2026,
        "counts": {"rule_override": 1},
        "entries": [],
        "encryption": None,
    }
    data = json.dumps({"record_kind": "rule_override", "records": [record]}).encode()
    path = craft(tmp_path / "quy-dinh.tdkt", own_keys(prov), manifest, {entry: data})
    before = table_checksum(unit)
    for attempt in (lambda: ops.verify_file(unit, path=path), lambda: ops.dry_run(unit, files=[path])):
        with pytest.raises(PackageError) as refused:
            attempt()
        assert words in refused.value.message
    assert table_checksum(unit) == before


@crafted
def test_a_json_integer_of_5000_digits_is_a_clear_refusal(pair, tmp_path):
    unit, prov, nominations = pair
    province.record_decision(prov, unit_code="00715", nomination_uuid=nominations[0], awarded=False)
    manifest, entries = unpack(_decisions(prov, tmp_path))
    import re

    entries["data/decisions.json"] = re.sub(
        rb'"year": ?' + str(YEAR).encode(), b'"year": ' + b"9" * 5000, entries["data/decisions.json"]
    )
    assert b"9" * 5000 in entries["data/decisions.json"]
    path = craft(tmp_path / "so-dai.tdkt", own_keys(prov), manifest, entries)
    before = database_hash(unit)
    with pytest.raises(PackageError) as refused:
        ops.verify_file(unit, path=path)
    assert "JSON" in refused.value.message and "ValueError" not in refused.value.message
    with pytest.raises(PackageError):
        ops.import_files(unit, files=[path])
    assert database_hash(unit) == before


def test_attachments_sent_up_are_kept_at_the_province_and_can_be_opened(pair, tmp_path, capsys):
    _unit, prov, _nominations = pair
    listed = province.list_attachments(prov)
    assert listed and all(a["name"].endswith(".pdf") and a["unit_code"] == "00715" for a in listed)
    path = province.save_attachment(prov, attachment_id=listed[0]["id"], folder=tmp_path / "mo")
    assert path.read_bytes().startswith(b"%PDF-")
    prov.close()
    code = main(["--db", str(prov.path), "province", "attachments", "--out", str(tmp_path / "in"), "--json"])
    out = capsys.readouterr().out
    assert code == 0 and len(json.loads(out)["attachments"]) == len(listed)
    assert len(list((tmp_path / "in").iterdir())) == len(listed)
