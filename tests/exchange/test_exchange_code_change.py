"""The province knows a unit by the code in its packages. After keys were exchanged, picking another commune on the
Unit page (or running ``tdkt init`` again with another code) would silently make every later package come from a unit
the province has never heard of: it is refused until the clerk confirms, and nothing is saved before that."""

from __future__ import annotations

import pytest

from desktop.exchange.importer import own_identity
from desktop.ops.setup import ExchangeCodeChange, init_unit, update_unit
from desktop.store import unit_repo
from tests.exchange import LAM_BINH, LUNG_CU, make_unit


def test_a_new_commune_after_keys_were_exchanged_needs_the_clerks_word(pair):
    unit, _prov = pair
    before = dict(unit_repo.get_unit(unit))
    with pytest.raises(ExchangeCodeChange) as refused:
        update_unit(unit, values={"commune_code": LAM_BINH, "head_name": "Lò Văn Páo"})
    assert LUNG_CU in str(refused.value) and LAM_BINH in str(refused.value) and refused.value.field == "commune_code"
    assert dict(unit_repo.get_unit(unit)) == before  # the head's name of the same save is not written either
    with pytest.raises(ExchangeCodeChange):
        init_unit(unit, unit_name=before["name"], commune_code=LAM_BINH)
    assert own_identity(unit)[0] == LUNG_CU
    # the same commune, or other fields, need no question
    update_unit(unit, values={"commune_code": LUNG_CU, "head_name": "Lò Văn Páo"})
    assert unit_repo.get_unit(unit)["head_name"] == "Lò Văn Páo"
    update_unit(unit, values={"commune_code": LAM_BINH}, change_exchange_code=True)
    assert own_identity(unit)[0] == LAM_BINH


def test_a_unit_that_never_exchanged_anything_changes_freely(tmp_path):
    unit = make_unit(tmp_path)
    update_unit(unit, values={"commune_code": LAM_BINH})
    assert own_identity(unit)[0] == LAM_BINH
    unit.close()


def test_the_unit_page_asks_and_keeps_the_old_commune_when_told_no(pair, qtbot, monkeypatch):
    from desktop.ui.context import AppContext
    from desktop.ui.pages import unit_page

    unit, _prov = pair
    asked: list[str] = []
    answers = [False, True]

    def ask(_parent, _title, text):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(unit_page, "ask_confirm", ask)
    page = unit_page.UnitPage(AppContext(unit, actor="xa"))
    qtbot.addWidget(page)
    page.place.ensure_lists()
    page.place.commune.setCurrentIndex(page.place.commune.findData("00694"))
    assert not page.save()
    assert "00694" in asked[0] and LUNG_CU in asked[0]
    assert unit_repo.get_unit(unit)["commune_code"] == LUNG_CU and page.status.text() == "Chưa lưu."
    assert page.save()
    assert len(asked) == 2 and unit_repo.get_unit(unit)["commune_code"] == "00694"
    assert page.status.text() == "Đã lưu thông tin đơn vị."


def test_the_command_line_refuses_without_the_option_and_says_which(pair, capsys):
    from desktop.cli import main

    unit, _prov = pair
    path = unit.path
    name = unit_repo.get_unit(unit)["name"]
    unit.close()
    args = ["--db", str(path), "init", "--unit-name", name, "--commune-code", LAM_BINH]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert LUNG_CU in err and LAM_BINH in err and "--change-exchange-code" in err and "Traceback" not in err
    assert main([*args, "--change-exchange-code", "--json"]) == 0
    assert '"commune_code": "02266"' in capsys.readouterr().out
