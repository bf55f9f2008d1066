"""What the tabs of page "Trao đổi dữ liệu" share: labels, colours, how fingerprints, dates and counts read."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from desktop.domain.dates import format_date
from desktop.exchange.format import (
    KIND_LABELS,
    RECORD_KIND_LABELS,
)
from desktop.i18n import N_, _
from desktop.ui.context import AppContext
from desktop.ui.widgets import wrapped_label


class ExchangeHost(QWidget):
    """What a tab needs from the page holding it (:class:`desktop.ui.exchange.page.ExchangePage`): the window's
    context and the tab widget (whose titles follow the working mode)."""

    context: AppContext
    tabs: QTabWidget


DIRECTION_LABELS: dict[str, str] = {"sent": N_("Gửi đi"), "received": N_("Nhận về")}
STATUS_LABELS: dict[str, str] = {
    "sent": N_("Đã gửi"),
    "applied": N_("Đã nhập"),
    "duplicate": N_("Đã nhập trước đây"),
    "refused": N_("Bị từ chối"),
}
ROLE_LABELS: dict[str, str] = {"province": N_("Cấp tỉnh"), "unit": N_("Đơn vị")}


def group_fingerprint(fingerprint: str | None) -> str:
    """'3F2A09C1…' → '3F2A 09C1 …': groups of four are easy to read aloud on the phone."""
    text = (fingerprint or "").upper().replace("-", "").replace(" ", "")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def when(text: str | None) -> str:
    """A stored timestamp ("2026-12-04T15:03:00+07:00") as the clerk reads it: "04/12/2026 15:03", local time."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return format_date(text[:10]) if len(text) >= 10 and text[4:5] == "-" else text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year} {moment.hour:02d}:{moment.minute:02d}"


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def record_kind_label(kind: str) -> str:
    return _(RECORD_KIND_LABELS[kind]) if kind in RECORD_KIND_LABELS else kind


def counts_text(counts: dict[str, Any]) -> str:
    """Sent rows count records per kind; received rows count new/updated/unchanged/conflicts per kind."""
    parts = []
    for kind, value in counts.items():
        if isinstance(value, dict):
            parts.append(
                _("{kind}: {new} mới, {updated} cập nhật, {unchanged} không đổi, {conflicts} xung đột").format(
                    kind=record_kind_label(kind), **{k: value.get(k, 0) for k in STATUS_KEYS}
                )
            )
        else:
            parts.append(_("{kind}: {n}").format(kind=record_kind_label(kind), n=value))
    return "; ".join(parts)


STATUS_KEYS = ("new", "updated", "unchanged", "conflicts")


def message_label() -> QLabel:
    label = wrapped_label()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def say(label: QLabel, text: str, color: str = "") -> None:
    label.setStyleSheet(f"color: {color};" if color else "")
    label.setText(text)


def show_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
