"""Write docs/legal-basis.md from the bundled national rule pack, so the table never drifts from the data.

Usage: python build/legal_basis_doc.py [--check]   (``make legal-basis``; ``--check`` exits 1 when the file is stale)

The table has one row per dated entry of every value the pack asserts — item, value, citation, in force from/to,
confirmed or not. The decisions the pack cannot hold (how documents are signed and worded) are written by hand in
the introduction (build/legal_basis_intro.md) and kept true by their own tests.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.domain.rules import load_default_pack  # noqa: E402
from desktop.domain.rules.pack import Cited, RulePack  # noqa: E402

TARGET = ROOT / "docs" / "legal-basis.md"

INTRO = (Path(__file__).resolve().parent / "legal_basis_intro.md").read_text(encoding="utf-8")


def _value(cited: Cited) -> str:
    value = cited.value
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, Decimal | int | float):
        text = format(Decimal(value).normalize(), "f") if isinstance(value, Decimal) else str(value)
        whole, _sep, frac = text.partition(".")
        grouped = f"{int(whole):,}".replace(",", ".")
        return f"{grouped},{frac}" if frac else grouped
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _rows(pack: RulePack) -> list[str]:
    rows = []
    for key in pack.value_keys():
        entries = pack.history(key)
        for index, entry in enumerate(entries):
            until = _day(entries[index + 1].valid_from - timedelta(days=1)) if index + 1 < len(entries) else "—"
            cite = entry.cite.replace("|", "/")
            confirmed = "chưa xác nhận" if entry.unconfirmed else "đã xác nhận"
            rows.append(
                f"| `{key}` | {_value(entry).replace('|', '/')} | {cite} | {_day(entry.valid_from)} | {until} "
                f"| {confirmed} |"
            )
    return rows


def render() -> str:
    pack = load_default_pack()
    lines = [INTRO.format(first=_day(pack.valid_from))]
    lines.append("| item | value | citation | in force from | to | confirmed |")
    lines.append("|---|---|---|---|---|---|")
    lines.extend(_rows(pack))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is stale: run `make legal-basis`", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(TARGET)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
