"""A trusted unit signs with its own key but may write any name in its manifest: the province records and shows the
name confirmed when the key was trusted, and says when the package names itself otherwise."""

from __future__ import annotations

from desktop.ops import exchange as ops
from tests.exchange import craft, own_keys, unpack


def test_a_package_calling_itself_another_unit_is_recorded_under_its_trusted_name(sent_dossier, tmp_path):
    unit, prov, path = sent_dossier
    manifest, entries = unpack(path)
    code = manifest["sender"]["code"]
    trusted = prov.scalar("SELECT unit_name FROM trusted_keys WHERE unit_code = ?", (code,))
    assert trusted == "Ủy ban nhân dân xã Lũng Cú"
    claimed = "Ủy ban nhân dân xã Lũng Táo"
    liar = craft(
        tmp_path / "mao-ten.tdkt", own_keys(unit), manifest | {"sender": {"code": code, "name": claimed}}, entries
    )

    [plan] = ops.dry_run(prov, files=[liar])
    [notice] = [m for m in plan.messages() if claimed in m]
    assert trusted in notice and code in notice and "tên của khóa đã tin cậy" in notice

    [result] = ops.import_files(prov, files=[liar])
    assert result.sender_name == trusted
    assert prov.scalar("SELECT name FROM remote_units WHERE code = ?", (code,)) == trusted
    assert prov.scalar("SELECT sender_name FROM packages WHERE direction = 'received'") == trusted
    assert not prov.scalar("SELECT count(*) FROM remote_units WHERE name LIKE '%Lũng Táo%'")


def test_the_same_name_written_otherwise_raises_no_notice(sent_dossier, tmp_path):
    unit, prov, path = sent_dossier
    manifest, entries = unpack(path)
    code = manifest["sender"]["code"]
    same = craft(
        tmp_path / "chu-thuong.tdkt",
        own_keys(unit),
        manifest | {"sender": {"code": code, "name": "ủy ban nhân dân  xã Lũng Cú"}},
        entries,
    )
    [plan] = ops.dry_run(prov, files=[same])
    assert not any("khóa đã tin cậy" in m for m in plan.messages())
