"""A refusal or a file problem as one Vietnamese sentence a clerk can act on; the technical detail goes to the log.

The program's own refusals (:func:`desktop.ops.errors.is_refusal`) and the domain's ValueErrors already carry
Vietnamese messages and are shown as they are. What the operating system or Python says (``[Errno 13]
Permission denied: 'C:\\…'``, ``'utf-8' codec can't decode byte…``) is never shown: it becomes a sentence that
says what is wrong and what to do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.files.problems import os_reason
from desktop.i18n import _
from desktop.ops.errors import is_refusal
from desktop.ui.operations import show_in
from desktop.ui.widgets import show_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

_log = logging.getLogger(__name__)


def reason_text(error: BaseException) -> str:
    """The Vietnamese reason to show for ``error`` (logged with its detail when it is not our own message)."""
    if is_refusal(error):
        return str(error) or _("Thao tác bị từ chối.")
    if isinstance(error, UnicodeError):
        _log.warning("text not readable: %r", error)
        return _("Tệp không phải văn bản Unicode (UTF-8); hãy lưu lại tệp với bảng mã Unicode (UTF-8) rồi thử lại.")
    if isinstance(error, OSError):
        _log.warning("file problem: %r", error)
        return os_reason(error)
    if isinstance(error, ValueError) and str(error):
        return str(error)
    _log.error("unexpected problem shown to the clerk as a generic message", exc_info=error)
    return _("Có lỗi không mong muốn; hãy thử lại, nếu vẫn lỗi hãy báo cho người hỗ trợ kỹ thuật.")


def show_reason_in(label: QLabel) -> Callable[[BaseException], object]:
    """A failure callback that writes :func:`reason_text` into ``label`` (a FieldError shows itself)."""
    return show_in(label, reason_text)


def show_reason_box(parent: QWidget | None) -> Callable[[BaseException], None]:
    """A failure callback that shows :func:`reason_text` in an error box."""
    return lambda error: show_error(parent, reason_text(error))
