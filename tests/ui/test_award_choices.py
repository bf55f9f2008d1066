"""The titles and award forms offered in a combo (a nominee added by hand, an award from above): one filling."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox

from desktop.ops import rules
from desktop.ui.review import fill_award_choices
from desktop.ui.staff.records import AwardFromAboveDialog


def _item(code: str, name: str, *targets: str) -> SimpleNamespace:
    return SimpleNamespace(code=code, name=name, targets=targets)


PACK = SimpleNamespace(
    titles=[
        _item("LDTT", "Lao động tiên tiến", "individual"),
        _item("TTLDTT", "Tập thể lao động tiên tiến", "collective"),
    ],
    award_forms=[_item("GK", "Giấy khen", "individual", "collective", "household")],
)


def _rows(combo: QComboBox) -> list[tuple[str, object, bool]]:
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    return [(combo.itemText(i), combo.itemData(i), model.item(i).isEnabled()) for i in range(combo.count())]


def test_two_groups_under_headings_that_cannot_be_chosen(qtbot):
    combo = QComboBox()
    qtbot.addWidget(combo)
    fill_award_choices(combo, PACK, "individual")
    assert _rows(combo) == [
        ("— Danh hiệu thi đua —", None, False),
        ("    Lao động tiên tiến", "LDTT", True),
        ("— Hình thức khen thưởng —", None, False),
        ("    Giấy khen", "GK", True),
    ]
    assert combo.currentData() == "LDTT"
    assert combo.model().item(0).font().bold()


def test_a_group_with_nothing_for_the_target_is_left_out_and_the_choice_kept_when_still_offered(qtbot):
    combo = QComboBox()
    qtbot.addWidget(combo)
    fill_award_choices(combo, PACK, "individual")
    combo.setCurrentIndex(combo.findData("GK"))
    seen: list[int] = []
    combo.currentIndexChanged.connect(seen.append)
    fill_award_choices(combo, PACK, "household")
    assert _rows(combo) == [("— Hình thức khen thưởng —", None, False), ("    Giấy khen", "GK", True)]
    assert combo.currentData() == "GK" and seen == []
    fill_award_choices(combo, PACK, "collective", bold_headings=False)
    assert combo.currentData() == "GK" and not combo.model().item(0).font().bold()


def test_the_award_from_above_offers_the_individual_titles_and_forms_of_the_rule_pack(app_context, qtbot):
    from desktop.domain.staff import StaffDraft
    from desktop.ops import staff as staff_ops

    store = app_context.store
    staff_id = staff_ops.add_staff(store, draft=StaffDraft(full_name="Nguyễn Văn An"))
    dialog = AwardFromAboveDialog(store, staff_id)
    qtbot.addWidget(dialog)
    pack = rules.effective_pack(store)
    offered = [data for _text, data, _enabled in _rows(dialog.code) if data]
    expected = [i.code for i in (*pack.titles, *pack.award_forms) if "individual" in i.targets]
    assert offered == expected and dialog.code.currentData() == expected[0]
    assert not dialog.code.model().item(0).isEnabled() and not dialog.code.model().item(0).font().bold()
