"""Province mode for the window: switch it, read the consolidated figures, import a folder of packages, open the
files units sent, know which units exist, and read whose key a key file holds. Thin: the work is in
:mod:`desktop.exchange.province` and :mod:`desktop.exchange.keys`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from desktop.exchange.format import EXTENSION
from desktop.i18n import _
from desktop.ops.backup import before_operation
from desktop.ops.review.common import check_law_date
from desktop.store import Store
from desktop.store.rules_repo import effective_pack


def mode(store: Store) -> str:
    """``"province"`` or ``"unit"``."""
    from desktop.exchange.province import get_mode

    return str(get_mode(store))


def set_mode(store: Store, *, mode: str) -> None:
    from desktop.exchange.province import set_mode as set_exchange_mode

    set_exchange_mode(store, mode=mode)


def consolidated(store: Store, *, year: int) -> dict[str, Any]:
    from desktop.exchange import province

    return province.consolidated(store, year=year)


def decide(
    store: Store,
    *,
    nominations: list[tuple[str, str]],
    awarded: bool,
    decision_no: str = "",
    decision_date: date | None = None,
    issuer: str = "",
    note: str = "",
) -> list[str]:
    """The province's decision on the chosen nominations (``(unit_code, nomination_uuid)``), in one transaction;
    sent back to the units with the next "Quyết định của tỉnh" package. Its date is checked as a unit's decision
    date is: covered by the law of the rule pack, not far in the future."""
    from desktop.exchange import province

    if decision_date is not None:
        check_law_date(effective_pack(store), decision_date, _("Quyết định của tỉnh"))
    return province.record_decisions(
        store,
        nominations=nominations,
        awarded=awarded,
        decision_no=decision_no,
        decision_date=decision_date,
        issuer=issuer,
        note=note,
    )


def import_folder(
    store: Store,
    *,
    folder: Path,
    progress: Callable[[int, int, str], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[dict[str, Any]]:
    """Every package of ``folder``, each in its own transaction; one summary row per file.

    A backup is made first, as before any package import (``before_import``): a folder of hundreds of packages
    (a register that withdraws awards among them) is undone from it, not file by file. A row's ``duplicates`` counts
    the nominations its package brought that repeat another of the unit's (same subject, award and year; its message
    names the other package): the package is received all the same, the clerk chooses when deciding."""
    from desktop.exchange import province

    if not store.readonly and any(p.is_file() and p.suffix.lower() == EXTENSION for p in Path(folder).iterdir()):
        before_operation(store, reason="before_import")
    return province.import_folder(store, folder, progress=progress, should_cancel=should_cancel)


def list_attachments(store: Store) -> list[dict[str, Any]]:
    from desktop.exchange.province import list_attachments as attachments

    return attachments(store)


def attachment_label(row: dict[str, Any]) -> str:
    """The line naming one file of :func:`list_attachments` (unit, file, the package's date, "bản cũ")."""
    from desktop.exchange.province import attachment_label as label

    return label(row)


def save_attachment(store: Store, *, attachment_id: int, folder: Path) -> Path:
    from desktop.exchange.province import save_attachment as save

    return save(store, attachment_id=attachment_id, folder=folder)


def remote_units(store: Store) -> list[dict[str, Any]]:
    """``code`` and ``name`` of the units whose packages arrived here, by code."""
    return store.query("SELECT code, name FROM remote_units ORDER BY code")


def read_key_file(path: Path) -> dict[str, str]:
    """Whose key a public key file (.tdktkey) holds: ``unit_name``, ``unit_code`` and ``fingerprint``."""
    from desktop.exchange.keys import read_public_key_file

    found = read_public_key_file(path)
    return {"unit_name": found["unit_name"], "unit_code": found["unit_code"], "fingerprint": found["keys"].fingerprint}
