"""An override that a later one sets aside is named, and re-enabling the optional papers takes effect.

Overrides are layered by the order they were saved or received: a later one replaces a key from its own first
date on. A clerk who edited the unit's own rule (a TTLĐTT share, the optional LĐTT papers) after a province pack
arrived was told "saved" while the province's value stayed in force, and "Bật in giấy chứng nhận LĐTT, TTLĐTT"
after a province pack turned them off reported done and changed nothing.
"""

from __future__ import annotations

from datetime import date

from desktop.ops import certificates, rules
from desktop.store.rules_repo import save_override

HEAD = """
[pack]
id = "{id}"
name = "{name}"
version = "2026.1"
valid_from = {start}
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"
"""
SHARE = """
[titles.TTLDTT.params]
ldtt_share_more_than_percent = {{ value = {value}, cite = "{cite}", from = {start} }}
"""
PAPERS_OFF = """
[settings]
print_optional_certificates = { value = false, cite = "Quyết định 5/2026/QĐ-UBND tỉnh, Điều 2", from = 2026-01-01 }
"""


def _pack(pack_id: str, name: str, start: str, body: str) -> str:
    return HEAD.format(id=pack_id, name=name, start=start) + body


def _share(value: int, cite: str, start: str) -> str:
    return SHARE.format(value=value, cite=cite, start=start)


def test_switching_the_papers_back_on_after_a_province_pack_takes_effect(unit_store):
    day = date(2026, 6, 1)
    certificates.set_optional_certificates(unit_store, on=True, cite="Quyết định 1/QĐ-UBND xã")
    assert certificates.optional_certificates_on(unit_store, day)
    save_override(
        unit_store,
        name="Quy định của tỉnh 2026",
        toml_text=_pack("vn-tinh", "Quy định của tỉnh 2026", "2026-01-01", PAPERS_OFF),
        source="province",
    )
    assert not certificates.optional_certificates_on(unit_store, day)

    certificates.set_optional_certificates(unit_store, on=True, cite="Quyết định 9/QĐ-UBND xã (in lại giấy)")

    assert certificates.optional_certificates_on(unit_store, day)
    rows = [r for r in rules.list_overrides(unit_store) if r["name"] == certificates.OPTIONAL_OVERRIDE_NAME]
    assert [r["active"] for r in rows] == [False, True]  # the old choice kept (history), switched off
    assert rules.list_overrides(unit_store)[-1]["superseded"] == []
    # Saved again while already in force: no new row.
    certificates.set_optional_certificates(unit_store, on=True, cite="Quyết định 9/QĐ-UBND xã (in lại giấy)")
    assert len([r for r in rules.list_overrides(unit_store) if r["name"] == certificates.OPTIONAL_OVERRIDE_NAME]) == 2


def test_a_units_rule_under_a_later_province_pack_is_named_with_the_key_and_the_date(unit_store):
    own = _pack("xa", "Quy định của xã", "2026-01-01", _share(70, "Nghị quyết 3/NQ-HĐND xã", "2026-01-01"))
    own_id = save_override(unit_store, name="Quy định của xã", toml_text=own, source="local")
    assert rules.superseded_lines(unit_store, own_id) == []
    province = _pack(
        "vn-tinh", "Quy định của tỉnh", "2026-07-01", _share(60, "Quyết định 5/QĐ-UBND tỉnh", "2026-07-01")
    )
    save_override(unit_store, name="Quy định của tỉnh", toml_text=province, source="province")

    row = next(r for r in rules.list_overrides(unit_store) if r["id"] == own_id)
    assert row["superseded"] == [
        {
            "key": "titles.TTLDTT.params.ldtt_share_more_than_percent",
            "by": "Quy định của tỉnh",
            "from": date(2026, 7, 1),
            "whole": False,
        }
    ]
    lines = rules.superseded_lines(unit_store, own_id)
    assert lines == [
        "titles.TTLDTT.params.ldtt_share_more_than_percent: chỉ áp dụng đến trước 01/07/2026; từ ngày đó theo "
        "quy định “Quy định của tỉnh” (nhập sau)."
    ]

    # Edited in place (75 % from 01/01/2026): still under the province's pack from 01/07/2026, and said so.
    save_override(
        unit_store,
        name="Quy định của xã",
        toml_text=own.replace("value = 70", "value = 75"),
        source="local",
        override_id=own_id,
    )
    pack = rules.effective_pack(unit_store)
    assert pack.param("TTLDTT", "ldtt_share_more_than_percent", date(2026, 3, 1)) == 75
    assert pack.param("TTLDTT", "ldtt_share_more_than_percent", date(2026, 9, 1)) == 60
    assert len(rules.superseded_lines(unit_store, own_id)) == 1


def test_a_rule_set_aside_from_its_first_day_says_it_does_not_apply(unit_store):
    own = _pack("xa", "Quy định của xã", "2026-07-01", _share(70, "Nghị quyết 3/NQ-HĐND xã", "2026-07-01"))
    own_id = save_override(unit_store, name="Quy định của xã", toml_text=own, source="local")
    province = _pack(
        "vn-tinh", "Quy định của tỉnh", "2026-01-01", _share(60, "Quyết định 5/QĐ-UBND tỉnh", "2026-01-01")
    )
    province_id = save_override(unit_store, name="Quy định của tỉnh", toml_text=province, source="province")

    assert rules.superseded_lines(unit_store, own_id) == [
        "titles.TTLDTT.params.ldtt_share_more_than_percent: không áp dụng, vì quy định “Quy định của tỉnh” (nhập "
        "sau) đặt giá trị khác từ 01/01/2026."
    ]
    assert rules.superseded_lines(unit_store, province_id) == []
    # Switched off, the province's pack no longer sets the unit's rule aside.
    rules.set_override_active(unit_store, override_id=province_id, active=False)
    assert rules.superseded_lines(unit_store, own_id) == []
