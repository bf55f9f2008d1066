"""A province's rule override package is the snapshot of its overrides in force (packages made by the program's own
exporter, real databases).

- The province repeals QĐ 1 and sends QĐ 2: the unit switches QĐ 1 off in the same import, audited, and judges by
  QĐ 2 only; a correction of the target of a code QĐ 1 created is accepted; verify and the dry run agree.
- The unit's own overrides and another province's are never switched off; an older package repeals nothing.
- Reports of two years: the older year's package is not called older than data imported.
- An older dossier imported after a newer one keeps none of its achievement reports.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.exchange.importer import import_file, plan_import
from desktop.ops import exchange as ops
from desktop.ops.rules import list_overrides, set_override_active
from desktop.store.rules_repo import effective_pack, save_override
from tests.exchange import (
    LAM_BINH,
    OVERRIDE_HEAD,
    YEAR,
    link,
    make_province,
    make_unit,
    months_override,
    seed_dossier,
    send_rule_override,
)

ON = date(2026, 6, 1)


def _cap(v: int, percent: int) -> str:
    cite = f"QĐ {v}/2026/QĐ-UBND tỉnh"
    return OVERRIDE_HEAD.format(v=v) + (
        f'\n[titles.CSTDCS.params]\ncap_percent_of_ldtt = {{ value = {percent}, cite = "{cite}", from = 2026-01-01 }}\n'
    )


def _form(v: int, target: str) -> str:
    cite = f"QĐ {v}/2026/QĐ-UBND tỉnh"
    return (
        OVERRIDE_HEAD.format(v=v)
        + f"""
[award_forms.GK_PHONG_TRAO]
name = "Giấy khen phong trào (tỉnh quy định)"
short = "GKPT"
target = ["{target}"]
rank = 15
ballot_required = [{{ value = false, cite = "{cite}", from = 2026-01-01 }}]
basis = [{{ cite = "{cite}", from = 2026-01-01 }}]
conferred_by.default = [{{ value = "unit", cite = "{cite}", from = 2026-01-01 }}]
"""
    )


def _active(store) -> list[str]:
    return [o["name"] for o in list_overrides(store) if o["active"]]


def test_a_repealed_province_override_is_switched_off_at_the_unit(pair, tmp_path):
    unit, prov = pair
    first = save_override(prov, name="QĐ 1/2026", toml_text=months_override(1, 10))
    save_override(unit, name="Quy định của xã", toml_text=_cap(9, 25))  # the unit's own: never touched
    assert import_file(unit, send_rule_override(prov, tmp_path, "r1.tdkt")).status == "applied"
    assert effective_pack(unit).setting("new_staff_min_months", ON) == 10
    set_override_active(prov, override_id=first, active=False)  # the province repeals QĐ 1 ...
    save_override(prov, name="QĐ 2/2026 (thay QĐ 1)", toml_text=_cap(2, 20))  # ... and sends QĐ 2 instead
    r2 = send_rule_override(prov, tmp_path, "r2.tdkt")

    plan = plan_import(unit, r2)
    assert [r["label"] for r in plan.repealed] == ["QĐ 1/2026"] and plan.has_changes
    assert "QĐ 1/2026" in " ".join(plan.messages())
    assert plan.to_json()["repealed"][0]["label"] == "QĐ 1/2026"
    assert _active(unit) == ["Quy định của xã", "QĐ 1/2026"]  # the dry run wrote nothing

    result = import_file(unit, r2)
    assert "QĐ 1/2026" in result.message
    assert _active(unit) == ["Quy định của xã", "QĐ 2/2026 (thay QĐ 1)"]
    pack = effective_pack(unit)
    assert pack.setting("new_staff_min_months", ON) == 6  # the national value again
    assert pack.param("CSTDCS", "cap_percent_of_ldtt", ON) == 20
    switched = unit.query_one(
        "SELECT a.operation FROM audit_log a JOIN rule_overrides o ON o.uuid = a.record_uuid "
        "WHERE a.table_name = 'rule_overrides' AND o.name = 'QĐ 1/2026' AND a.action = 'update' "
        "ORDER BY a.id DESC LIMIT 1"
    )
    assert switched is not None and switched["operation"] == "package.import"


def test_a_province_may_correct_the_target_of_a_code_it_created_and_verify_agrees(pair, tmp_path):
    unit, prov = pair
    first = save_override(prov, name="QĐ 1/2026", toml_text=_form(1, "individual"))
    import_file(unit, send_rule_override(prov, tmp_path, "r1.tdkt"))
    set_override_active(prov, override_id=first, active=False)
    save_override(prov, name="QĐ 2/2026 (thay QĐ 1)", toml_text=_form(2, "collective"))
    r2 = send_rule_override(prov, tmp_path, "r2.tdkt")
    assert ops.verify_file(unit, path=r2)["valid"]
    [plan] = ops.dry_run(unit, files=[r2])
    assert plan.counts["rule_override"].new == 1 and not plan.conflicts
    assert import_file(unit, r2).status == "applied"
    assert _active(unit) == ["QĐ 2/2026 (thay QĐ 1)"]
    assert effective_pack(unit).item("GK_PHONG_TRAO").targets == ("collective",)


def test_verify_refuses_what_the_dry_run_refuses(pair, tmp_path):
    """A package that does not layer with the unit's own override: verify says so, like the dry run and import."""
    unit, prov = pair
    save_override(unit, name="Quy định của xã", toml_text=_form(9, "individual"))
    save_override(prov, name="QĐ 2/2026", toml_text=_form(2, "collective"))
    path = send_rule_override(prov, tmp_path, "r.tdkt")
    for attempt in (
        lambda: ops.verify_file(unit, path=path),
        lambda: ops.dry_run(unit, files=[path]),
        lambda: ops.import_files(unit, files=[path]),
    ):
        with pytest.raises(PackageError) as refused:
            attempt()
        assert refused.value.code == "rule_pack" and "r.tdkt" in refused.value.message
    assert _active(unit) == ["Quy định của xã"]


def test_an_empty_package_repeals_all_and_a_later_one_brings_an_override_back(pair, tmp_path):
    unit, prov = pair
    first = save_override(prov, name="QĐ 1/2026", toml_text=months_override(1, 10))
    import_file(unit, send_rule_override(prov, tmp_path, "r1.tdkt"))
    set_override_active(prov, override_id=first, active=False)
    # the province has nothing in force: the package repeals everything
    none = send_rule_override(prov, tmp_path, "r2.tdkt")
    assert import_file(unit, none).status == "applied" and _active(unit) == []
    set_override_active(prov, override_id=first, active=True)
    again = send_rule_override(prov, tmp_path, "r3.tdkt")
    plan = plan_import(unit, again)
    assert plan.counts["rule_override"].updated == 1
    import_file(unit, again)
    assert _active(unit) == ["QĐ 1/2026"] and effective_pack(unit).setting("new_staff_min_months", ON) == 10


def test_an_older_package_repeals_nothing_and_brings_back_nothing(pair, tmp_path):
    unit, prov = pair
    first = save_override(prov, name="QĐ 1/2026", toml_text=months_override(1, 10))
    r1 = send_rule_override(prov, tmp_path, "r1.tdkt")
    set_override_active(prov, override_id=first, active=False)
    save_override(prov, name="QĐ 2/2026", toml_text=_cap(2, 20))
    r2 = send_rule_override(prov, tmp_path, "r2.tdkt")
    import_file(unit, r2)
    plan = plan_import(unit, r1)
    assert plan.older_than_imported and plan.repealed == [] and len(plan.conflicts) == 1
    import_file(unit, r1)
    assert _active(unit) == ["QĐ 2/2026"]


def test_a_province_never_switches_off_another_provinces_overrides(tmp_path):
    """The unit's province changed (provinces merged): the new province's snapshot leaves the old one's alone."""
    from desktop.exchange.keys import load_keyring
    from desktop.ops.exchange import export_public_key, trust_key

    unit = make_unit(tmp_path)
    old = make_province(tmp_path)
    link(unit, old, tmp_path)
    save_override(old, name="QĐ của tỉnh cũ", toml_text=_cap(7, 25))
    import_file(unit, send_rule_override(old, tmp_path, "cu.tdkt"))
    other_folder = tmp_path / "tinh-moi"
    other_folder.mkdir()
    new = make_province(other_folder)
    with new.transaction(operation="test.code"):
        new.execute("UPDATE unit SET code = '99'")
    trust_key(new, path=export_public_key(unit, path=other_folder / "xa-key"), role="unit")
    replaced = next(iter(load_keyring(unit).trusted))
    trust_key(unit, path=export_public_key(new, path=other_folder / "tinh-key"), role="province", replace=replaced)
    first = save_override(new, name="QĐ 1/2026", toml_text=months_override(1, 10))
    import_file(unit, send_rule_override(new, other_folder, "r1.tdkt"))
    set_override_active(new, override_id=first, active=False)
    save_override(new, name="QĐ 2/2026", toml_text=months_override(2, 8))
    import_file(unit, send_rule_override(new, other_folder, "r2.tdkt"))
    assert _active(unit) == ["QĐ của tỉnh cũ", "QĐ 2/2026"]
    for store in (unit, old, new):
        store.close()


def test_a_report_of_another_year_is_not_called_older(pair, tmp_path):
    from desktop.ops.demo import fill_demo
    from tests.demo_date import DEMO_TODAY

    unit, prov = pair
    fill_demo(unit, today=DEMO_TODAY)
    older_year = export_package(unit, kind="yearly_report", year=YEAR - 1, out=tmp_path / "bao-cao-1.tdkt")
    same_year = export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "bao-cao-2.tdkt")
    time.sleep(1.05)
    import_file(prov, export_package(unit, kind="yearly_report", year=YEAR, out=tmp_path / "bao-cao-3.tdkt"))
    plan = plan_import(prov, older_year)
    assert not plan.older_than_imported and plan.messages() == []
    assert "CŨ HƠN" in " ".join(plan_import(prov, same_year).messages())  # the same year's older package still is


def test_an_older_dossier_keeps_none_of_its_reports(pair, tmp_path):
    unit, prov = pair
    seed_dossier(unit)
    old = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "ho-so-cu.tdkt")
    time.sleep(1.05)
    with unit.transaction(operation="test.edit"):
        unit.execute("UPDATE nominations SET achievement = 'Thành tích đã bổ sung theo yêu cầu của tỉnh'")
    new = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "ho-so-moi.tdkt")
    assert import_file(prov, new).counts["nomination"]["new"] == 3
    assert import_file(prov, old).counts["nomination"]["conflicts"] == 3
    kept = prov.query(
        "SELECT p.file_name FROM remote_attachments a JOIN packages p ON p.id = a.package_id ORDER BY a.id"
    )
    assert [row["file_name"] for row in kept] == ["ho-so-moi.tdkt"] * 3


def test_a_second_unit_is_unaffected(tmp_path):
    """Two units of one province: each keeps its own copy; a repeal at one does not touch the other's own rules."""
    a = make_unit(tmp_path)
    b = make_unit(tmp_path, name="Ủy ban nhân dân xã Lâm Bình", commune=LAM_BINH)
    prov = make_province(tmp_path)
    link(a, prov, tmp_path)
    link(b, prov, tmp_path)
    first = save_override(prov, name="QĐ 1/2026", toml_text=months_override(1, 10))
    save_override(b, name="Quy định của Lâm Bình", toml_text=_cap(9, 25))
    r1 = send_rule_override(prov, tmp_path, "r1.tdkt")
    set_override_active(prov, override_id=first, active=False)
    r2 = send_rule_override(prov, tmp_path, "r2.tdkt")
    for unit in (a, b):
        import_file(unit, r1)
        import_file(unit, r2)
    assert _active(a) == [] and _active(b) == ["Quy định của Lâm Bình"]
    for store in (a, b, prov):
        store.close()
