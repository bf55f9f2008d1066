"""A unit makes a new key pair (``tdkt keys replace``, ops ``replace_unit_keys``) when a copy of its key is lost.

The old pair stays, inactive: certificates whose QR codes it signed still verify, a package the province encrypted
to it before it learned the new key still opens; packages signed with the new key verify at a peer once it trusted
the new key with ``--replace``. A reason is required; the command line asks "CO" at a terminal unless --yes, and
refuses without a terminal.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.exchange import keys as keymod
from desktop.exchange import province
from desktop.exchange.exporter import export_package, plan_export
from desktop.exchange.format import PackageError
from desktop.exchange.writer import build_package
from desktop.ops import certificates, review
from desktop.ops import exchange as ops
from desktop.ops.demo import fill_demo
from desktop.store import ValidationError
from tests.demo_date import DEMO_TODAY
from tests.exchange import YEAR, make_province, seed_dossier, table_checksum


def _unit_keys(store) -> list[tuple[str, int]]:
    return [
        (r["fingerprint"], r["active"]) for r in store.query("SELECT fingerprint, active FROM unit_keys ORDER BY id")
    ]


def test_a_reason_is_required_and_nothing_changes_without_one(unit_store):
    before = table_checksum(unit_store)
    for empty in ("", "   ", "\n\t\n"):
        with pytest.raises(ValidationError) as excinfo:
            ops.replace_unit_keys(unit_store, reason=empty)
        assert excinfo.value.field == "reason" and "lý do" in str(excinfo.value)
    with pytest.raises(ValidationError):
        ops.replace_unit_keys(unit_store, reason="Mất máy\x1b[31m")  # cleaned like any note: a control is refused
    assert table_checksum(unit_store) == before


def test_replacing_keeps_the_old_pair_inactive_in_one_audited_transaction(unit_store):
    old = ops.show_keys(unit_store)["fingerprint"]
    info = ops.replace_unit_keys(unit_store, reason="\nMáy cũ bị mất trộm  \nngày 05/12\n\n")
    assert info["old_fingerprint"] == old and info["new_fingerprint"] != old
    assert info["reason"] == "Máy cũ bị mất trộm\nngày 05/12"
    assert _unit_keys(unit_store) == [(old, 0), (info["new_fingerprint"], 1)]
    assert ops.show_keys(unit_store)["fingerprint"] == info["new_fingerprint"]
    assert "--replace " + old in info["advice"] and "Sở Nội vụ" in info["advice"]
    assert "tdkt keys export-public" in info["advice"]
    events = unit_store.query("SELECT * FROM audit_log WHERE operation = 'exchange.replace_keys' ORDER BY id")
    assert {(e["table_name"], e["action"]) for e in events} == {
        ("unit_keys", "update"),
        ("unit_keys", "insert"),
        ("unit_keys", "event"),
    }
    event = next(e for e in events if e["action"] == "event")
    assert json.loads(event["before"]) == {"fingerprint": old}
    assert json.loads(event["after"]) == {"fingerprint": info["new_fingerprint"], "reason": info["reason"]}
    assert all("PRIVATE KEY" not in (e["after"] or "") for e in events)  # the private keys never reach the log
    # twice: three pairs, only the newest active; the keyring can still open with each
    again = ops.replace_unit_keys(unit_store, reason="Lần hai")
    assert [active for _fp, active in _unit_keys(unit_store)] == [0, 0, 1]
    keyring = keymod.load_keyring(unit_store)
    assert keyring.own is not None and keyring.own.fingerprint == again["new_fingerprint"]
    for fingerprint, _active in _unit_keys(unit_store):
        found = keyring.own_key(fingerprint)
        assert found is not None and found.fingerprint == fingerprint


def test_at_the_province_the_advice_names_the_units(tmp_path):
    prov = make_province(tmp_path)
    try:
        info = ops.replace_unit_keys(prov, reason="Đổi máy chủ")
        assert info["mode"] == "province" and "mọi đơn vị đang tin cậy khóa của tỉnh" in info["advice"]
        assert "Sở Nội vụ" not in info["advice"]
    finally:
        prov.close()


def test_a_replaced_own_key_is_not_trusted_as_a_peer(unit_store, tmp_path):
    old_file = ops.export_public_key(unit_store, path=tmp_path / "cu")
    ops.replace_unit_keys(unit_store, reason="Bản sao khóa bị lộ")
    with pytest.raises(PackageError) as excinfo:
        ops.trust_key(unit_store, path=old_file, role="unit")
    assert "chính đơn vị này" in excinfo.value.message


def test_old_certificates_still_verify_after_the_key_is_replaced(store, tmp_path):
    fill_demo(store, today=DEMO_TODAY)
    certificates.set_optional_certificates(store, on=True, cite="Quyết định 99/2025/QĐ-UBND tỉnh (ví dụ)")
    decision = next(
        d for d in review.list_decisions(store, year=2024) if d["subject"].endswith("Lao động tiên tiến năm 2024")
    )
    printed = certificates.render_decision_certificates(
        store, decision_id=decision["id"], out=tmp_path / "giay.pdf", awardee_ids=None
    )
    assert printed and all(path.exists() for path in printed)
    old_payload = certificates.certificate_data_for_decision(store, decision_id=decision["id"])[0].qr_payload or ""
    old_fingerprint = ops.show_keys(store)["fingerprint"]
    assert certificates.verify(store, payload=old_payload)["genuine"] is True

    info = ops.replace_unit_keys(store, reason="Máy cũ bị mất")
    result = certificates.verify(store, payload=old_payload)
    assert result["genuine"] is True and result["signer"]["own"] is True, result["message"]
    assert result["match"] is not None and result["match"]["register_no"] == 1
    new_payload = certificates.certificate_data_for_decision(store, decision_id=decision["id"])[0].qr_payload or ""
    assert new_payload != old_payload  # new certificates are signed with the new key, and verify too
    assert certificates.verify(store, payload=new_payload)["genuine"] is True
    assert info["old_fingerprint"] == old_fingerprint


def test_a_package_encrypted_to_the_old_key_still_opens(pair, tmp_path):
    """The province encrypts its decisions to the key it knows; the commune replaced it meanwhile."""
    unit, prov = pair
    nominations = seed_dossier(unit)
    sent = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "hs.tdkt", with_attachments=False)
    ops.import_files(prov, files=[sent])
    province.record_decision(
        prov, unit_code="00715", nomination_uuid=nominations[0], awarded=True, decision_no="15/QĐ-UBND",
        decision_date=date(2026, 1, 20), issuer="Chủ tịch UBND tỉnh Tuyên Quang",
    )  # fmt: skip
    old_fingerprint = ops.show_keys(unit)["fingerprint"]
    down = export_package(
        prov, kind="province_decisions", year=YEAR, out=tmp_path / "qd.tdkt", encrypt_to=old_fingerprint
    )
    info = ops.replace_unit_keys(unit, reason="Máy cũ bị mất")
    assert info["new_fingerprint"] != old_fingerprint

    checked = ops.verify_file(unit, path=down)
    assert checked["encrypted"] is True and checked["counts"] == {"province_decision": 1}
    [result] = ops.import_files(unit, files=[down])
    assert result.status == "applied"
    assert unit.scalar("SELECT status FROM nominations WHERE uuid = ?", (nominations[0],)) == "decided"


def test_a_package_for_a_key_that_is_none_of_ours_names_both_keys(pair, tmp_path):
    """Encrypted to a key this commune never had (neither the active one nor a replaced one): refused, naming the
    key it was made for and the one in use."""
    unit, prov = pair
    nominations = seed_dossier(unit)
    sent = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "hs.tdkt", with_attachments=False)
    ops.import_files(prov, files=[sent])
    province.record_decision(prov, unit_code="00715", nomination_uuid=nominations[0], awarded=False)
    ops.replace_unit_keys(unit, reason="Máy cũ bị mất")
    plan = plan_export(prov, kind="province_decisions", year=YEAR, receiver="00715")
    stranger = keymod.generate_unit_keys().public
    data, _manifest = build_package(
        kind="province_decisions", sender=plan.sender, receiver=plan.receiver, records=plan.records,
        keys=keymod.load_unit_keys(prov), year=YEAR, encrypt_to=stranger,
    )  # fmt: skip
    wrong = tmp_path / "nham.tdkt"
    wrong.write_bytes(data)
    with pytest.raises(PackageError) as excinfo:
        ops.verify_file(unit, path=wrong)
    assert excinfo.value.code == "not_for_us"
    assert stranger.fingerprint in excinfo.value.message
    assert ops.show_keys(unit)["fingerprint"] in excinfo.value.message


def test_a_package_signed_with_the_new_key_verifies_at_a_peer_that_trusted_it_with_replace(pair, tmp_path):
    unit, prov = pair
    seed_dossier(unit)
    old = ops.show_keys(unit)["fingerprint"]
    info = ops.replace_unit_keys(unit, reason="Bản sao khóa bị lộ")
    province_fp = ops.show_keys(prov)["fingerprint"]
    sent = ops.export(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "moi", encrypt_to=province_fp)
    path = Path(sent["path"])
    with pytest.raises(PackageError) as excinfo:  # the province does not know the new key yet
        ops.verify_file(prov, path=path)
    assert excinfo.value.code == "untrusted" and info["new_fingerprint"] in excinfo.value.message

    new_file = ops.export_public_key(unit, path=tmp_path / "khoa-moi")
    with pytest.raises(PackageError) as refused:  # one key per unit: the new one only as a replacement
        ops.trust_key(prov, path=new_file, role="unit", expected_fingerprint=info["new_fingerprint"])
    assert refused.value.code == "key_exists"
    trusted = ops.trust_key(prov, path=new_file, role="unit", expected_fingerprint=info["new_fingerprint"], replace=old)
    assert trusted["replaced"] == old and trusted["fingerprint"] == info["new_fingerprint"]
    checked = ops.verify_file(prov, path=path)
    assert checked["signer"]["fingerprint"] == info["new_fingerprint"] and checked["signer"]["unit_code"] == "00715"
    [result] = ops.import_files(prov, files=[path])
    assert result.status == "applied"


# -- the command line ------------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def tdkt(unit_store, db_path, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_the_cli_refuses_without_a_terminal_and_without_yes(tdkt, unit_store, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("CO\n"))
    before = _unit_keys(unit_store)
    code, out, err = tdkt("keys", "replace", "--reason", "Máy cũ bị mất")
    assert code == 1 and out == ""
    assert "--yes" in err and "Traceback" not in err
    assert _unit_keys(unit_store) == before


def test_the_cli_refuses_an_empty_reason_before_asking(tdkt, unit_store, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda _prompt="": pytest.fail("asked before checking the reason"))
    before = _unit_keys(unit_store)
    code, _out, err = tdkt("keys", "replace", "--reason", "   ", "--yes")
    assert code == 1 and "lý do" in err
    code, _out, err = tdkt("keys", "replace", "--reason", "  ")
    assert code == 1 and "lý do" in err
    assert _unit_keys(unit_store) == before


def test_the_cli_asks_co_at_a_terminal(tdkt, unit_store, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Terminal())
    old = ops.show_keys(unit_store)["fingerprint"]
    prompts: list[str] = []
    answers = iter(["khong", "CO"])

    def answer(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    code, out, err = tdkt("keys", "replace", "--reason", "Máy cũ bị mất")
    assert code == 1 and "Đã hủy" in err and prompts == ["Gõ CO để xác nhận: "]
    assert old in out  # the question names the key in use
    assert len(_unit_keys(unit_store)) == 1

    code, out, _err = tdkt("keys", "replace", "--reason", "Máy cũ bị mất")
    assert code == 0 and len(prompts) == 2
    new = ops.show_keys(unit_store)["fingerprint"]
    assert new != old and new in out and f"--replace {old}" in out and "tdkt keys export-public" in out
    assert _unit_keys(unit_store) == [(old, 0), (new, 1)]


def test_the_cli_with_yes_and_json(tdkt, unit_store, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    old = ops.show_keys(unit_store)["fingerprint"]
    code, out, _err = tdkt("keys", "replace", "--reason", "Bản sao khóa bị lộ", "--yes", "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["old_fingerprint"] == old and answer["reason"] == "Bản sao khóa bị lộ"
    assert answer["new_fingerprint"] == ops.show_keys(unit_store)["fingerprint"] != old
    code, out, _err = tdkt("keys", "replace", "--reason", "Lần hai", "--yes")
    assert code == 0 and "dấu vân tay mới" in out and f"--replace {answer['new_fingerprint']}" in out


def test_our_own_package_signed_with_a_replaced_key_is_named_as_ours(pair, tmp_path):
    """A dossier the commune made before replacing its key, opened again here: "gói do chính đơn vị này lập", not
    an unknown signer."""
    unit, _prov = pair
    seed_dossier(unit)
    sent = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "hs.tdkt", with_attachments=False)
    ops.replace_unit_keys(unit, reason="Máy cũ bị mất")
    with pytest.raises(PackageError, match="chính đơn vị này lập"):
        ops.verify_file(unit, path=sent)
