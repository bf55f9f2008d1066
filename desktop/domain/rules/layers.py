"""Which values of a stack of override packs a later pack sets aside, and from which date.

Layering (:func:`desktop.domain.rules.reader.layered`) lets a later pack replace a key from its own first date on, so
an earlier pack's value for that key holds only before that date; a base-salary row is replaced only by a row of
the same date, and a code a pack adds to the catalog by a later pack's different entry of that code (a national
code's name and rank cannot change, so only added codes can be set aside). A clerk who edits or
re-enables an override that sits under a later one would otherwise be told "saved" while nothing changes: this
module names, for each pack, the keys a later pack has taken over, so the window and the operations can say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop.domain.rules.pack import national_pack_path
from desktop.domain.rules.reader import layered, read_file, read_text
from desktop.domain.rules.values import CatalogItem, PackData


@dataclass(frozen=True)
class Superseded:
    """A key of one pack that a later pack (``by``, its name) sets aside from ``from_date`` on.

    ``whole``: the pack's value never holds (the later pack starts on or before its first date).
    """

    key: str
    by: str
    from_date: date
    whole: bool


def _slot_superseded(key: str, own: PackData, later: Sequence[tuple[str, PackData]]) -> Superseded | None:
    entries = own.slots[key]
    if key == "base_salary":  # merged row by row: only a later row of the same date replaces one
        dates = {entry.valid_from for entry in entries}
        for name, layer in later:
            same = sorted(dates & {entry.valid_from for entry in layer.slots.get(key, [])})
            if same:
                return Superseded(key, name, same[0], whole=len(same) == len(dates))
        return None
    found: tuple[date, str] | None = None
    for name, layer in later:
        theirs = layer.slots.get(key)
        if theirs and (found is None or theirs[0].valid_from < found[0]):
            found = (theirs[0].valid_from, name)
    if found is None:
        return None
    return Superseded(key, found[1], found[0], whole=found[0] <= entries[0].valid_from)


def _identity(item: CatalogItem) -> tuple[object, ...]:
    return (item.name, item.short, item.rank, item.targets, item.basis.cite, item.basis.valid_from)


def superseded_keys(texts: Sequence[tuple[str, str]]) -> list[list[Superseded]]:
    """For each ``(name, toml_text)`` override, in layering order over the bundled national pack, the keys a later
    override sets aside. Raises :class:`RulePackError` as :func:`load_default_pack` does."""
    national = read_file(national_pack_path(), None)
    data = national
    layers: list[tuple[str, PackData]] = []
    for name, text in texts:
        layer = read_text(name, text, data, stored=True, national=national)
        layers.append((name, layer))
        data = layered(data, layer)
    result: list[list[Superseded]] = []
    for index, (_name, own) in enumerate(layers):
        later = layers[index + 1 :]
        found = [hit for key in own.slots if (hit := _slot_superseded(key, own, later)) is not None]
        for code, item in own.items.items():
            if code in national.items:
                continue
            by = next(
                (
                    name
                    for name, layer in later
                    if code in layer.items and _identity(layer.items[code]) != _identity(item)
                ),
                None,
            )
            if by is not None:
                found.append(Superseded(code, by, item.basis.valid_from, whole=True))
        result.append(found)
    return result
