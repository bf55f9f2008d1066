"""Hostile packages between a commune and its province: what a trusted but careless (or dishonest) sender may not do.

Each test feeds one crafted package (or key file) to real databases and checks it is refused with a message naming
what is wrong, and that nothing is written.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from desktop.exchange import province
from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.exchange.importer import own_identity
from desktop.ops import exchange as ops
from desktop.store import new_uuid, now_iso
from tests.exchange import YEAR, craft, make_province, make_unit, own_keys, table_checksum, unpack

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _with_attachment(unit, path: Path, out: Path, name: str, content: bytes) -> Path:
    """The unit's dossier again, with one more file attached to its first nomination (re-signed by the unit)."""
    manifest, entries = unpack(path)
    data = json.loads(entries["data/nominations.json"])
    data["records"][0]["attachments"] = [name]
    entries["data/nominations.json"] = json.dumps(data).encode()
    entries[f"attachments/{name}"] = content
    return craft(out, own_keys(unit), manifest | {"package_uuid": new_uuid()}, entries)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao-thanh-tich.pdf.bat", b"@echo off\r\ncalc.exe\r\n"),
        ("bao-cao-thanh-tich.pdf.bat", PDF),  # a PDF header does not make a .bat harmless
        ("bao-cao-thanh-tich.pdf.", PDF),  # Windows drops the trailing dot: "x.pdf." would be saved as what?
        ("bao-cao.exe", PDF),
        ("bao-cao", PDF),
        ("bao-cao.PDF", b"MZ\x90\x00"),  # the right name, a program inside
    ],
)
def test_an_attachment_that_is_not_a_pdf_is_refused_by_verify(sent_dossier, tmp_path, name, content):
    unit, prov, path = sent_dossier
    bad = _with_attachment(unit, path, tmp_path / "kem.tdkt", name, content)
    before = table_checksum(prov)
    with pytest.raises(PackageError) as refused:
        ops.verify_file(prov, path=bad)
    assert name in refused.value.message and "PDF" in refused.value.message
    with pytest.raises(PackageError):
        ops.import_files(prov, files=[bad])
    assert table_checksum(prov) == before


def test_a_real_pdf_with_an_upper_case_suffix_is_kept_and_saved_as_pdf(sent_dossier, tmp_path):
    unit, prov, path = sent_dossier
    good = _with_attachment(unit, path, tmp_path / "kem.tdkt", "Bao-cao.PDF", PDF)
    ops.import_files(prov, files=[good])
    listed = province.list_attachments(prov)
    assert [row["name"] for row in listed] == ["Bao-cao.PDF"]
    saved = province.save_attachment(prov, attachment_id=listed[0]["id"], folder=tmp_path / "mo")
    assert saved.name.endswith(".pdf") and saved.read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content"),
    [("bao-cao-thanh-tich.pdf.bat", b"@echo off\r\ncalc.exe\r\n"), ("bao-cao.pdf", b"@echo off\r\n")],
)
def test_an_attachment_kept_by_an_earlier_version_is_never_saved_as_something_to_run(
    sent_dossier, tmp_path, name, content
):
    """A file received before verify refused such names is still in the database: saving it is refused too."""
    _unit, prov, path = sent_dossier
    ops.import_files(prov, files=[path])
    package_id = prov.scalar("SELECT id FROM packages ORDER BY id DESC LIMIT 1")
    stamp = now_iso()
    with prov.transaction(operation="test.seed"):
        prov.execute(
            "INSERT INTO remote_attachments (uuid, unit_code, package_id, name, size, sha256, content, created_at, "
            "updated_at) VALUES (?, '00715', ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), package_id, name, len(content), hashlib.sha256(content).hexdigest(), content, stamp, stamp),
        )
    attachment_id = province.list_attachments(prov)[0]["id"]
    folder = tmp_path / "mo"
    with pytest.raises(PackageError) as refused:
        province.save_attachment(prov, attachment_id=attachment_id, folder=folder)
    assert name in refused.value.message
    assert not folder.exists() or not any(folder.iterdir())


def test_the_province_window_opens_only_a_pdf(sent_dossier, tmp_path, qtbot, monkeypatch):
    """Even if a file of another kind reached the disk, the window never hands it to the system to open."""
    from PySide6.QtGui import QDesktopServices

    from desktop.ui.context import AppContext
    from desktop.ui.exchange.page import ExchangePage

    unit, prov, path = sent_dossier
    good = _with_attachment(unit, path, tmp_path / "kem.tdkt", "bao-cao.pdf", PDF)
    ops.import_files(prov, files=[good])
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    page = ExchangePage(AppContext(prov, actor="tinh"))
    qtbot.addWidget(page)
    attachment_id = province.list_attachments(prov)[0]["id"]
    assert page.province.open_attachment(attachment_id) is not None
    assert len(opened) == 1 and opened[0].endswith(".pdf")

    script = tmp_path / "00715-bao-cao.pdf.bat"
    script.write_bytes(b"@echo off\r\n")
    monkeypatch.setattr("desktop.ops.province.save_attachment", lambda store, **kwargs: script)
    assert page.province.open_attachment(attachment_id) is None
    assert len(opened) == 1
    assert "không phải PDF" in page.province.folder_message.text()


# -- 2. rule overrides a province sends ---------------------------------------------------------------------------

OVERRIDE_HEAD = """[pack]
id = "vn-tinh-thu"
name = "Quy định của tỉnh"
version = "1"
valid_from = 2026-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"
"""


def _override_package(prov, out: Path, body: str) -> Path:
    """A rule override package signed by the province, as a province program without these checks would write it."""
    record = {"uuid": new_uuid(), "name": "Quy định tỉnh", "toml": OVERRIDE_HEAD + body, "note": ""}
    manifest = {
        "format": "tdkt-package",
        "format_version": "1.1",
        "package_uuid": new_uuid(),
        "kind": "rule_override",
        "sender": {"code": own_identity(prov)[0], "name": "Sở Nội vụ tỉnh Tuyên Quang"},
        "receiver": {"code": "", "name": ""},
        "created_at": now_iso(),
        "app_version": "0.1.0",
        "year": 2026,
        "counts": {"rule_override": 1},
        "entries": [],
        "encryption": None,
    }
    data = json.dumps({"record_kind": "rule_override", "records": [record]}).encode()
    return craft(out, own_keys(prov), manifest, {"data/rule_overrides.json": data})


def _refused_override(unit, path: Path) -> str:
    before = table_checksum(unit)
    with pytest.raises(PackageError) as refused:
        ops.verify_file(unit, path=path)
    with pytest.raises(PackageError):
        ops.dry_run(unit, files=[path])
    with pytest.raises(PackageError):
        ops.import_files(unit, files=[path])
    assert table_checksum(unit) == before
    return refused.value.message


@pytest.mark.parametrize(
    ("body", "key", "shown"),
    [
        ('[[base_salary]]\nvalue = 9000000\ncite = "QĐ tỉnh"\nfrom = 2018-01-01\n', "base_salary", "01/01/2018"),
        (
            '[titles.LDTT]\ncoefficient.individual = [ { value = 0.5, cite = "QĐ tỉnh", from = 2025-12-31 } ]\n',
            "titles.LDTT.coefficient.individual",
            "31/12/2025",
        ),
        (
            '[titles.CSTDCS]\nballot_required = [ { value = true, cite = "QĐ 1", from = 2026-01-01 },'
            ' { value = false, cite = "QĐ 2", from = 2019-05-01 } ]\n',
            "titles.CSTDCS.ballot_required",
            "01/05/2019",
        ),
    ],
)
def test_a_province_override_may_not_rewrite_the_law_before_its_own_date(pair, tmp_path, body, key, shown):
    from datetime import date

    from desktop.ops import rules as rules_ops

    unit, prov = pair
    before = rules_ops.money(unit, code="LDTT", target="individual", decision_date=date(2019, 5, 1)).amount
    message = _refused_override(unit, _override_package(prov, tmp_path / "quy-dinh.tdkt", body))
    assert key in message and shown in message and "01/01/2026" in message
    assert rules_ops.money(unit, code="LDTT", target="individual", decision_date=date(2019, 5, 1)).amount == before


@pytest.mark.parametrize(
    ("body", "key", "value"),
    [
        (
            '[titles.LDTT]\ncoefficient.individual = { value = 50, cite = "QĐ", from = 2026-01-01 }\n',
            "coefficient",
            "50",
        ),
        ('[titles.LDTT]\ncoefficient.individual = { value = 20.5, cite = "QĐ", from = 2026-01-01 }\n', "", "20.5"),
        ('[[base_salary]]\nvalue = 900000\ncite = "QĐ"\nfrom = 2026-01-01\n', "base_salary", "900000"),
        ('[[base_salary]]\nvalue = 20000001\ncite = "QĐ"\nfrom = 2026-01-01\n', "base_salary", "20000001"),
        (
            '[titles.LDTT]\nballot_threshold_percent = { value = 1, cite = "QĐ", from = 2026-01-01 }\n',
            "titles.LDTT.ballot_threshold_percent",
            "1%",
        ),
        (
            '[titles.CSTDCS]\nballot_threshold_percent = { value = 49.9, cite = "QĐ", from = 2026-01-01 }\n',
            "titles.CSTDCS.ballot_threshold_percent",
            "49.9%",
        ),
    ],
)
def test_a_province_override_must_stay_within_plausible_values(pair, tmp_path, body, key, value):
    unit, prov = pair
    message = _refused_override(unit, _override_package(prov, tmp_path / "quy-dinh.tdkt", body))
    assert key in message and value in message


@pytest.mark.parametrize(
    "setting",
    ["maternity_counts_as_worked", "defer_while_pending", "count_from_discipline_end", "women_first_on_tie"],
)
def test_a_province_override_may_not_switch_off_what_the_decree_fixes_for_everyone(pair, tmp_path, setting):
    """NĐ 152/2025, Điều 4 (maternity counts as time worked, awards wait while an inquiry is pending, …): a province
    switching one off would take a right from the people it protects, whatever its citation."""
    unit, prov = pair
    body = f'[settings]\n{setting} = {{ value = false, cite = "QĐ tỉnh", from = 2026-01-01 }}\n'
    message = _refused_override(unit, _override_package(prov, tmp_path / f"{setting}.tdkt", body))
    assert f"settings.{setting}" in message and "NĐ 152/2025/NĐ-CP, Điều 4" in message
    assert "áp dụng cho mọi tỉnh, mọi đơn vị" in message


@pytest.mark.parametrize(
    ("table", "code", "value"),
    [
        ("titles", "CSTD_TQ", "unit"),
        ("award_forms", "BK_TTG", "unit"),
        ("titles", "CO_CP", "district"),
        ("titles", "CSTD_TINH", "unit"),
        ("award_forms", "BK_TINH", "unit"),
        ("titles", "CO_TINH", "unit"),
    ],
)
def test_a_province_override_may_not_make_the_commune_confer_what_only_a_higher_level_confers(
    pair, tmp_path, table, code, value
):
    unit, prov = pair
    for form, body in (
        (
            "by kind",
            f'[{table}.{code}]\nconferred_by.ubnd_xa = [ {{ value = "{value}", cite = "QĐ", from = 2026-01-01 }} ]\n',
        ),
        ("for all", f'[{table}.{code}]\nconferred_by = {{ value = "{value}", cite = "QĐ", from = 2026-06-01 }}\n'),
    ):
        message = _refused_override(unit, _override_package(prov, tmp_path / f"{form}.tdkt", body))
        assert f"{table}.{code}.conferred_by" in message and f"“{value}”" in message, form


def test_a_lawful_province_override_still_goes_in(pair, tmp_path):
    """Values within bounds from the pack's own date, and delegating what the province itself confers (TTLĐXS)."""
    from datetime import date

    from desktop.ops import rules as rules_ops

    unit, prov = pair
    body = (
        '[[base_salary]]\nvalue = 2600000\ncite = "QĐ tỉnh"\nfrom = 2026-07-01\n\n'
        '[titles.TTLDXS]\nconferred_by = { value = "unit", cite = "QĐ tỉnh (ủy quyền)", from = 2026-01-01 }\n\n'
        '[titles.LDTT]\nballot_threshold_percent = { value = 50, cite = "QĐ tỉnh", from = 2026-01-01 }\n'
    )
    ops.import_files(unit, files=[_override_package(prov, tmp_path / "quy-dinh.tdkt", body)])
    # the province's base salary × the decree's 0,3 (a coefficient of NĐ 152 is not the province's to change:
    # tests/domain/test_override_fixed_by_law.py)
    # (its row corrects the national row the pack marks unconfirmed: tests/exchange/test_province_base_salary.py)
    assert rules_ops.money(unit, code="LDTT", target="individual", decision_date=date(2026, 8, 1)).amount == 780_000
    pack = rules_ops.effective_pack(unit)
    assert pack.conferred_by("TTLDXS", date(2026, 3, 1), "ubnd_xa") == "unit"
    assert pack.base_salary_on(date(2025, 1, 1)) == 2_340_000  # the national table before the pack's date


def test_the_national_pack_and_the_example_override_still_load():
    from desktop.domain.rules import check_override, load_default_pack
    from desktop.paths import resource_path

    assert load_default_pack().titles
    assert check_override(resource_path("rulepacks", "examples", "province-override-example.toml")).overrides


# -- 3. province decisions applied to the unit ---------------------------------------------------------------------


def _changed_decision(prov, path: Path, out: Path, change: dict[str, object]) -> Path:
    manifest, entries = unpack(path)
    data = json.loads(entries["data/decisions.json"])
    data["records"][0].update(change)
    entries["data/decisions.json"] = json.dumps(data).encode()
    return craft(out, own_keys(prov), manifest | {"package_uuid": new_uuid()}, entries)


def _future(days: int) -> str:
    from datetime import date, timedelta

    return (date.today() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        ({"decision_date": "2099-12-31"}, "31/12/2099"),
        ({"decision_date": "1901-01-01"}, "01/01/1901"),
        ({"decision_date": f"{YEAR - 1}-12-31"}, f"31/12/{YEAR - 1}"),  # before the year it rewards
        ({"decision_date": f"{YEAR + 3}-01-01"}, f"01/01/{YEAR + 3}"),  # more than two years after it
        ({"decision_date": _future(2)}, "hôm nay"),  # in the future, beyond a day of grace
        ({"unit_code": "99999"}, "99999"),
        ({"unit_code": "02266"}, "02266"),  # a neighbouring commune's decision
    ],
)
def test_a_province_decision_that_cannot_be_this_units_is_a_refused_record(decided, tmp_path, change, shown):
    unit, prov, path, nominations = decided
    bad = _changed_decision(prov, path, tmp_path / "qd-sua.tdkt", change)
    awards_before = unit.query("SELECT * FROM awards ORDER BY id")
    [plan] = ops.dry_run(unit, files=[bad])
    conflicts = plan.to_json()["conflicts"]
    assert len(conflicts) == 1 and shown in conflicts[0]["reason"], conflicts
    assert plan.to_json()["counts"]["province_decision"]["new"] == 0
    ops.import_files(unit, files=[bad])
    assert unit.query("SELECT * FROM awards ORDER BY id") == awards_before
    status = unit.scalar("SELECT status FROM nominations WHERE uuid = ?", (nominations[0],))
    assert status == "sent_up"


def test_a_genuine_province_decision_is_still_applied(decided):
    unit, _prov, path, nominations = decided
    [plan] = ops.dry_run(unit, files=[path])
    assert plan.to_json()["conflicts"] == []
    ops.import_files(unit, files=[path])
    row = unit.query_one("SELECT year, decision_date, source FROM awards WHERE decision_no = '12/QĐ-UBND'")
    assert row == {"year": YEAR, "decision_date": f"{YEAR + 1}-03-01", "source": "above"}
    assert unit.scalar("SELECT status FROM nominations WHERE uuid = ?", (nominations[0],)) == "decided"


def test_the_province_cannot_record_a_decision_its_unit_would_refuse(decided):
    from datetime import date

    _unit, prov, _path, nominations = decided
    before = table_checksum(prov)
    for signed in (date(YEAR - 1, 6, 1), date(2099, 12, 31)):
        with pytest.raises(PackageError) as refused:
            province.record_decision(
                prov, unit_code="00715", nomination_uuid=nominations[1], awarded=True, decision_no="13/QĐ-UBND",
                decision_date=signed, issuer="UBND tỉnh",
            )  # fmt: skip
        assert signed.strftime("%d/%m/%Y") in refused.value.message
    assert table_checksum(prov) == before


# -- 4. trusting a key ---------------------------------------------------------------------------------------------


def _relabelled_key(tmp_path: Path, **fields: str) -> tuple[Path, str]:
    """A neighbouring commune's real public key file, its owner rewritten (the fingerprint stays the neighbour's)."""
    from tests.exchange import LAM_BINH

    folder = tmp_path / "hang-xom"
    folder.mkdir(exist_ok=True)
    other = make_unit(folder, name="Ủy ban nhân dân xã Lâm Bình", commune=LAM_BINH)
    path = ops.export_public_key(other, path=folder / "khoa")
    fingerprint = own_keys(other).fingerprint
    other.close()
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data | fields, ensure_ascii=False), encoding="utf-8")
    return path, fingerprint


def _active(store) -> set[tuple[str, str]]:
    return {(k["unit_code"], k["role"]) for k in ops.list_trusted(store) if not k["revoked"]}


def test_a_neighbours_key_relabelled_province_is_not_trusted(pair, tmp_path, capsys):
    from desktop.cli import main

    unit, prov = pair
    path, fingerprint = _relabelled_key(tmp_path, role="province", unit_code="99", unit_name="UBND tỉnh")
    province_code = own_identity(prov)[0]
    before = table_checksum(unit)
    with pytest.raises(PackageError) as plain:
        ops.trust_key(unit, path=path)  # the role written in the file is not enough
    assert plain.value.code == "role_unconfirmed" and "--role province" in plain.value.message
    with pytest.raises(PackageError) as second:
        ops.trust_key(unit, path=path, role="province", expected_fingerprint=fingerprint)
    assert second.value.code == "key_exists" and province_code in second.value.message
    assert table_checksum(unit) == before and _active(unit) == {(province_code, "province")}
    unit.close()
    assert main(["--db", str(unit.path), "keys", "trust", str(path)]) == 1
    assert "--role province" in capsys.readouterr().err
    assert main(["--db", str(unit.path), "keys", "trust", str(path), "--role", "province"]) == 1
    assert "một khóa cấp tỉnh" in capsys.readouterr().err


def test_the_province_key_is_trusted_once_its_role_is_confirmed(tmp_path):
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    try:
        path = ops.export_public_key(prov, path=tmp_path / "tinh")
        with pytest.raises(PackageError):
            ops.trust_key(unit, path=path)
        assert ops.trust_key(unit, path=path, role="province")["role"] == "province"
        # a new province key replaces the old one only when named
        fresh, fingerprint = _relabelled_key(tmp_path, role="province", unit_code="08", unit_name="UBND tỉnh mới")
        old = own_keys(prov).fingerprint
        found = ops.trust_key(unit, path=fresh, role="province", expected_fingerprint=fingerprint, replace=old)
        assert found["replaced"] == old and _active(unit) == {("08", "province")}
    finally:
        unit.close()
        prov.close()


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"unit_code": "ABC"}, "chữ số"),
        ({"unit_code": "007 15"}, "chữ số"),
        ({"unit_code": "٠٠٧١٥"}, "chữ số"),  # Arabic-Indic digits pass str.isdigit()
        ({"unit_code": "00715\u202e"}, "U+202E"),
        ({"unit_name": "Xã Lâm Bình\u202egpj.exe"}, "U+202E"),
        ({"unit_name": "Xã\x1b[31m Lâm Bình"}, "U+001B"),
        ({"unit_name": "Xã Lâm Bình\nSở Nội vụ"}, "tên đơn vị"),
        ({"unit_name": "X" * 201}, "tên đơn vị"),
    ],
)
def test_a_key_file_with_a_crafted_owner_is_refused(pair, tmp_path, fields, shown):
    unit, _prov = pair
    path, _fingerprint = _relabelled_key(tmp_path, **fields)
    before = table_checksum(unit)
    with pytest.raises(PackageError) as refused:
        ops.trust_key(unit, path=path, role="unit")
    assert refused.value.code == "key_file" and shown in refused.value.message
    assert table_checksum(unit) == before


def test_the_window_asks_before_trusting_a_key_as_the_province(tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.context import AppContext
    from desktop.ui.exchange.page import ExchangePage

    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    try:
        path = ops.export_public_key(prov, path=tmp_path / "tinh")
        fingerprint = own_keys(prov).fingerprint
        answers: list[bool] = []
        questions: list[str] = []

        def ask(_parent, _title, text):
            questions.append(text)
            return answers.pop(0)

        monkeypatch.setattr("desktop.ui.exchange.keys.ask_confirm", ask)
        monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: QMessageBox.StandardButton.Ok)
        page = ExchangePage(AppContext(unit, actor="xa"))
        qtbot.addWidget(page)
        page.keys.key_file.setText(str(path))
        page.keys.expected.setText(fingerprint)
        answers[:] = [False]  # "is this the province?" — no
        assert page.keys.trust() is None
        assert "CẤP TỈNH" in questions[-1] and _active(unit) == set()
        answers[:] = [True]
        assert page.keys.trust()["role"] == "province"
        assert _active(unit) == {(own_identity(prov)[0], "province")}

        # a neighbour's key relabelled "province": confirming the role is not enough beside the real province
        fake, fake_fingerprint = _relabelled_key(tmp_path, role="province", unit_code="99", unit_name="UBND tỉnh")
        page.keys.key_file.setText(str(fake))
        page.keys.expected.setText(fake_fingerprint)
        answers[:] = [True, False]  # the role: yes; replace the real province's key: no
        assert page.keys.trust() is None
        assert "một khóa cấp tỉnh" in questions[-1]
        assert _active(unit) == {(own_identity(prov)[0], "province")}
    finally:
        unit.close()
        prov.close()


# -- 5. the award register sent up ---------------------------------------------------------------------------------


def test_the_award_register_sends_the_recipient_as_the_decision_named_them(pair, tmp_path):
    """A person renamed, promoted and moved since the decision: the register the province gets says what the
    decision says (the frozen snapshot), as the printed decision and certificates do."""
    from desktop.ops.demo import fill_demo
    from tests.demo_date import DEMO_TODAY

    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    decided = unit.query_one(
        "SELECT x.uuid, x.year, x.staff_id, a.snapshot_name, a.snapshot_position, a.snapshot_department "
        "FROM awards x JOIN decision_awardees a ON a.id = x.awardee_id WHERE x.target_kind = 'individual' "
        "ORDER BY x.id DESC LIMIT 1"
    )
    other_department = unit.scalar(
        "SELECT id FROM departments WHERE name != ? ORDER BY id LIMIT 1", (decided["snapshot_department"],)
    )
    with unit.transaction(operation="test.seed"):
        unit.execute(
            "UPDATE staff SET full_name = 'Tên Mới Sau Quyết Định', position = 'Chủ tịch', department_id = ? "
            "WHERE id = ?",
            (other_department, decided["staff_id"]),
        )
    path = export_package(unit, kind="award_register", year=decided["year"], out=tmp_path / "so.tdkt")
    _manifest, entries = unpack(path)
    records = {r["uuid"]: r for r in json.loads(entries["data/awards.json"])["records"]}
    person = records[decided["uuid"]]["person"]
    assert (person["name"], person["position"], person["department"]) == (
        decided["snapshot_name"],
        decided["snapshot_position"],
        decided["snapshot_department"],
    )
    # the province keeps what was sent
    ops.import_files(prov, files=[path])
    kept = prov.scalar("SELECT content FROM remote_records WHERE record_uuid = ?", (decided["uuid"],))
    assert "Tên Mới Sau Quyết Định" not in kept and decided["snapshot_name"] in kept


def test_an_award_not_from_a_decision_of_the_unit_travels_as_the_person_is_now(pair, tmp_path):
    from desktop.ops.demo import fill_demo
    from tests.demo_date import DEMO_TODAY

    unit, _prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    row = unit.query_one(
        "SELECT x.uuid, x.year, s.full_name FROM awards x JOIN staff s ON s.id = x.staff_id "
        "WHERE x.awardee_id IS NULL AND x.target_kind = 'individual' ORDER BY x.id LIMIT 1"
    )
    path = export_package(unit, kind="award_register", year=row["year"], out=tmp_path / "so.tdkt")
    records = {r["uuid"]: r for r in json.loads(unpack(path)[1]["data/awards.json"])["records"]}
    assert records[row["uuid"]]["person"]["name"] == row["full_name"]


def _with_second_decision(prov, path: Path, out: Path, change: dict[str, object]) -> Path:
    """The package with a second record on the first record's nomination (another UUID), re-signed."""
    manifest, entries = unpack(path)
    data = json.loads(entries["data/decisions.json"])
    data["records"].append(dict(data["records"][0]) | {"uuid": new_uuid()} | change)
    entries["data/decisions.json"] = json.dumps(data).encode()
    counts = {"province_decision": len(data["records"])}
    return craft(out, own_keys(prov), manifest | {"package_uuid": new_uuid(), "counts": counts}, entries)


@pytest.mark.parametrize(
    "change",
    [{"decision_no": "13/QĐ-UBND"}, {"awarded": False}],
    ids=["two-awards", "award-and-refusal"],
)
def test_two_decisions_on_one_nomination_in_one_package_are_both_refused(decided, tmp_path, change):
    """Review: a re-signed package with a second record for the same nomination entered two CSTĐ tỉnh awards for
    one person (or an award and then the nomination marked failed): each record was planned against the database
    as it was before the import."""
    unit, prov, path, nominations = decided
    bad = _with_second_decision(prov, path, tmp_path / "qd-hai.tdkt", change)
    awards_before = unit.query("SELECT * FROM awards ORDER BY id")
    [plan] = ops.dry_run(unit, files=[bad])
    reasons = [conflict["reason"] for conflict in plan.to_json()["conflicts"]]
    assert len(reasons) == 2, reasons
    assert "mã quyết định" in reasons[1] or "2 quyết định cho cùng một đề nghị" in reasons[1]
    assert "gói có 2 quyết định cho cùng một đề nghị (các bản ghi thứ 1, 2)" in reasons[0]
    ops.import_files(unit, files=[bad])
    assert unit.query("SELECT * FROM awards ORDER BY id") == awards_before
    assert unit.scalar("SELECT status FROM nominations WHERE uuid = ?", (nominations[0],)) == "sent_up"
    ops.import_files(unit, files=[path])  # the genuine package still goes in afterwards
    assert unit.scalar("SELECT count(*) FROM awards WHERE decision_no = '12/QĐ-UBND'") == 1


def test_a_province_decision_under_a_uuid_not_derived_from_its_nomination_is_refused(decided, tmp_path):
    unit, prov, path, _nominations = decided
    bad = _changed_decision(prov, path, tmp_path / "qd-ma.tdkt", {"uuid": new_uuid()})
    [plan] = ops.dry_run(unit, files=[bad])
    conflicts = plan.to_json()["conflicts"]
    assert len(conflicts) == 1 and "không phải mã của quyết định về đề nghị" in conflicts[0]["reason"]
