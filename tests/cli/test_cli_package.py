"""``tdkt keys``, ``tdkt package``, ``tdkt province``: two real databases talking through files."""

from __future__ import annotations

import json

from desktop.cli import main
from tests.exchange import YEAR, make_province, make_unit, seed_dossier, table_checksum


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_keys_package_and_province_commands(capsys, tmp_path):
    unit = make_unit(tmp_path)
    seed_dossier(unit)
    unit.close()
    prov = make_province(tmp_path)
    prov.close()
    u, p = ["--db", str(unit.path)], ["--db", str(prov.path)]

    code, out, _ = run(capsys, *u, "keys", "show", "--json")
    unit_fp = json.loads(out)["fingerprint"]
    assert code == 0 and len(unit_fp) == 39 and unit_fp.count("-") == 7
    code, out, _ = run(capsys, *p, "keys", "show", "--json")
    province_fp = json.loads(out)["fingerprint"]

    assert run(capsys, *u, "keys", "export-public", str(tmp_path / "xa.tdktkey"))[0] == 0
    code, out, _ = run(capsys, *p, "keys", "export-public", str(tmp_path / "tinh"))
    assert code == 0 and province_fp in out and (tmp_path / "tinh.tdktkey").exists()
    # the fingerprint read on the phone must match the file
    code, _, err = run(capsys, *u, "keys", "trust", str(tmp_path / "tinh.tdktkey"), "--fingerprint", unit_fp)
    assert code == 1 and "KHÁC" in err
    code, out, _ = run(
        capsys, *u, "keys", "trust", str(tmp_path / "tinh.tdktkey"), "--role", "province", "--fingerprint",
        province_fp.replace("-", " ").lower(), "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["role"] == "province"
    assert run(capsys, *p, "keys", "trust", str(tmp_path / "xa.tdktkey"), "--role", "unit")[0] == 0
    code, out, _ = run(capsys, *u, "keys", "show")
    assert code == 0 and province_fp in out

    out_file = tmp_path / "ho-so.tdkt"
    code, out, _ = run(
        capsys, *u, "package", "export", "--kind", "nomination_dossier", "--year", str(YEAR), "--out", str(out_file),
        "--encrypt-to", province_fp, "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["encrypted"] is True

    code, out, _ = run(capsys, *p, "package", "verify", str(out_file), "--json")
    assert code == 0 and json.loads(out)["counts"] == {"nomination": 3}
    code, out, _ = run(capsys, *u, "package", "verify", str(out_file), "--json")  # the unit cannot read it
    assert code == 1 and json.loads(out)["valid"] is False

    from desktop.store import open_store

    with open_store(prov.path) as store:
        before = table_checksum(store)
    code, out, _ = run(capsys, *p, "package", "import", str(out_file), "--dry-run", "--json")
    report = json.loads(out)
    assert code == 0 and report["dry_run"] and report["packages"][0]["counts"]["nomination"]["new"] == 3
    code, out, _ = run(capsys, *p, "package", "import", str(out_file), "--dry-run")
    assert code == 0 and "3 mới" in out
    with open_store(prov.path) as store:
        assert table_checksum(store) == before
    code, out, _ = run(capsys, *p, "package", "import", str(out_file), "--json")
    assert code == 0 and json.loads(out)["packages"][0]["status"] == "applied"
    code, out, _ = run(capsys, *p, "package", "import", str(out_file))
    assert code == 0 and "đã được nhập" in out

    code, out, err = run(capsys, *p, "province", "consolidated", "--year", str(YEAR), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["totals"]["nominations"] == 3 and summary["units"][0]["code"] == "00715"
    code, out, err = run(capsys, *p, "province", "consolidated", "--year", str(YEAR))
    assert code == 0 and "00715" in out and "3 đề nghị" in err

    # The province decides: two nominees in one decision, a third refused; an award without its date is refused.
    nominations = [f"{n['unit_code']}:{n['uuid']}" for n in summary["nominations"]]
    code, _, err = run(capsys, *p, "province", "decide", "--nomination", nominations[0], "--awarded", "--number", "7")
    assert code == 1 and "ngày ký" in err
    for hostile in ("0001-01-01", "2999-12-31"):  # before the law the pack holds, far in the future: nothing written
        code, _, err = run(
            capsys, *p, "province", "decide", "--nomination", nominations[0], "--awarded", "--number", "7/QĐ-UBND",
            "--date", hostile,
        )  # fmt: skip
        assert code == 1 and len(err.strip().splitlines()) == 1, err
    with open_store(prov.path) as store:
        assert store.scalar("SELECT count(*) FROM remote_records WHERE record_kind = 'province_decision'") == 0
    code, _, err = run(capsys, *p, "province", "decide", "--nomination", "00715", "--not-awarded")
    assert code == 1 and "MÃ_ĐƠN_VỊ:MÃ_ĐỀ_NGHỊ" in err
    code, _, err = run(capsys, *p, "province", "decide", "--nomination", "00715:khong-co", "--not-awarded")
    assert code == 1 and "khong-co" in err
    code, out, err = run(
        capsys, *p, "province", "decide", "--nomination", nominations[0], "--nomination", nominations[1],
        "--awarded", "--number", "215/QĐ-UBND", "--date", f"{YEAR + 1}-01-20", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert len(json.loads(out)["decisions"]) == 2
    code, out, err = run(capsys, *p, "province", "decide", "--nomination", nominations[2], "--not-awarded")
    assert code == 0 and "không khen thưởng" in out
    code, out, _ = run(capsys, *p, "province", "consolidated", "--year", str(YEAR), "--json")
    decided = {n["uuid"]: n["decision"] for n in json.loads(out)["nominations"]}
    assert sum(bool(d and d["awarded"]) for d in decided.values()) == 2 and summary["totals"]["decided"] == 0
    assert json.loads(out)["totals"]["decided"] == 3
    back = tmp_path / "quyet-dinh.tdkt"
    code, out, err = run(
        capsys, *p, "package", "export", "--kind", "province_decisions", "--year", str(YEAR), "--out", str(back),
        "--receiver", "00715", "--json",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(capsys, *u, "package", "import", str(back), "--json")
    assert code == 0, err
    with open_store(unit.path) as store:
        numbers = {r["decision_no"] for r in store.query("SELECT decision_no FROM awards WHERE source != 'unit'")}
    assert "215/QĐ-UBND" in numbers

    broken = tmp_path / "hong.tdkt"
    broken.write_bytes(out_file.read_bytes()[:50])
    code, _, err = run(capsys, *p, "package", "import", str(broken))
    assert code == 1 and "hong.tdkt" in err and len(err.strip().splitlines()) == 1
