"""No button hands Qt's ``checked`` flag to a slot that takes an argument (issue 14.1).

``clicked(bool)`` and ``triggered(bool)`` pass ``checked`` to a connected method; a slot such as
``save_pdf(self, path=None)`` then receives ``False`` as its path, which is how "Lưu PDF…" broke on every real
click while the tests that called the method directly passed. Read from the source: every
``<x>.clicked.connect(self.method)`` / ``.triggered.connect(self.method)`` in ``desktop/ui`` must name a method
that takes nothing but ``self`` (connect through ``push_button`` or a lambda otherwise).
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"
SIGNALS = {"clicked", "triggered", "toggled"}


def _methods(tree: ast.Module) -> dict[str, dict[str, ast.FunctionDef]]:
    return {
        node.name: {f.name: f for f in node.body if isinstance(f, ast.FunctionDef)}
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }


def _bad_connections(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    methods = _methods(tree)
    found = []
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        own = methods[cls.name]
        for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
            func = call.func
            if not (isinstance(func, ast.Attribute) and func.attr == "connect" and call.args):
                continue
            signal = func.value
            if not (isinstance(signal, ast.Attribute) and signal.attr in SIGNALS):
                continue
            target = call.args[0]
            if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
                continue
            if target.value.id != "self" or target.attr not in own:
                continue
            slot = own[target.attr]
            # An optional first parameter (``path=None``) is the bug; a required one means the slot wants what
            # the signal carries (``toggled(bool)`` into ``on``, a calendar's ``clicked(QDate)`` into ``day``).
            positional = slot.args.args[1:]
            defaults = slot.args.defaults
            optional = positional[len(positional) - len(defaults) :] if defaults else []
            extra = [a.arg for a in optional[:1]] if optional and optional[0] is (positional or [None])[0] else []
            if extra:
                found.append(f"{path.relative_to(UI.parent.parent)}:{call.lineno} {signal.attr} → {slot.name}{extra}")
    return found


def test_no_signal_passes_its_checked_flag_into_a_slot_argument():
    bad = [line for path in sorted(UI.rglob("*.py")) for line in _bad_connections(path)]
    assert bad == [], "\n".join(bad)


def test_the_check_finds_the_bug_it_is_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "class Page:\n"
        "    def __init__(self):\n"
        "        self.button.clicked.connect(self.save_pdf)\n"
        "        self.other.clicked.connect(self.refresh)\n"
        "    def save_pdf(self, path=None):\n"
        "        pass\n"
        "    def refresh(self):\n"
        "        pass\n"
    )
    global UI
    saved, UI = UI, tmp_path.parent
    try:
        assert [line.split(" ", 1)[1] for line in _bad_connections(sample)] == ["clicked → save_pdf['path']"]
    finally:
        UI = saved
