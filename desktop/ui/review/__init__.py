"""The yearly review in the window: rounds, the council's ballot, decisions, documents and the dossier upward.

Every step calls one function of :mod:`desktop.ops.review` (so the CLI and the window do the same thing and the
audit log names each step). Documents are rendered off the UI thread on a connection of their own, into the
user's data folder ``documents/``, and opened with the system viewer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.files.names import safe_name
from desktop.i18n import N_, _
from desktop.ui.jobs import Job, JobCancelled, run_store_job

TARGET_LABELS: dict[str, str] = {
    "individual": N_("Cá nhân"),
    "collective": N_("Tập thể"),
    "household": N_("Hộ gia đình"),
}
CATEGORY_LABELS: dict[str, str] = {"title": N_("Danh hiệu"), "award_form": N_("Hình thức khen thưởng")}
VERDICT_LABELS: dict[str, str] = {
    "eligible": N_("Đủ điều kiện"),
    "needs_vote": N_("Đủ điều kiện, cần bỏ phiếu"),
    "deferred": N_("Tạm hoãn xét"),
    "not_eligible": N_("Chưa đủ điều kiện"),
    "": N_("Chương trình không đề xuất"),
}
CONFERRED_LABELS: dict[str, str] = {
    "unit": N_("Đơn vị"),
    "upward": N_("Cấp trên"),
    "district": N_("Cấp huyện"),
    "province": N_("Cấp tỉnh"),
    "central": N_("Trung ương"),
    "none": N_("Không áp dụng"),
}
SOURCE_LABELS: dict[str, str] = {"unit": N_("Đơn vị"), "above": N_("Cấp trên"), "import": N_("Nhập từ Excel")}
DOCUMENT_KINDS: dict[str, str] = {
    "decision": N_("Quyết định"),
    "payment": N_("Danh sách chi tiền thưởng"),
    "minutes": N_("Biên bản họp Hội đồng"),
    "proposal": N_("Tờ trình"),
    "proposal_list": N_("Danh sách đề nghị"),
    "achievement_report": N_("Báo cáo thành tích"),
    "register": N_("Sổ theo dõi khen thưởng"),
}
FORMATS: dict[str, str] = {"pdf": N_("PDF (để in)"), "docx": N_("Word (để sửa)")}
DATE_HINT = N_("ngày/tháng/năm, ví dụ 20/12/2025")
OK_COLOR = "#1b6e20"
BAD_COLOR = "#b00020"
MUTED_COLOR = "#6b6b6b"


def documents_dir() -> Path:
    """``documents/`` in the user's data folder, where rendered documents go before they are opened."""
    from desktop.paths import user_data_dir

    folder = user_data_dir() / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def safe_file_name(text: str) -> str:
    """A file name from a decision number such as "12/QĐ-UBND" (no slashes, no characters Windows refuses)."""
    return safe_name(text, separator="-", fallback="van-ban")


def open_file(path: Path) -> bool:
    """Open ``path`` with the system's viewer (PDF reader, Word, Excel), from where the clerk prints it."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def render_in_background(
    parent: QWidget | None,
    db_path: Path,
    *,
    kind: str,
    out: Path,
    on_done: Callable[[Path], None] | None = None,
    open_after: bool = True,
    **targets: Any,
) -> Job:
    """Render one document in a worker thread with its own store, then open it (unless ``open_after`` is off)."""
    title = _("Đang lập văn bản: {kind}").format(kind=_(DOCUMENT_KINDS.get(kind, kind)))

    def work(store: Any, _progress: Callable[[int, int, str], None], _should_cancel: Callable[[], bool]) -> Path:
        from desktop.ops.documents import render_document

        return Path(render_document(store, kind=kind, out=out, **targets))

    def done(path: Path) -> None:
        if open_after:
            open_file(path)
        if on_done is not None:
            on_done(path)

    return run_store_job(parent, title, db_path, work, on_done=done, message=title)


def render_document_file(
    parent: QWidget | None, db_path: Path, *, kind: str, name: str, fmt: str, **targets: Any
) -> tuple[Path, Job]:
    """Render into the user's ``documents/`` folder as ``name`` (made safe) in ``fmt``, then open it to print.

    The one render-and-open flow of the window's document buttons; returns the file's path and the running job.
    """
    out = documents_dir() / f"{safe_file_name(name)}.{fmt}"
    return out, render_in_background(parent, db_path, kind=kind, out=out, **targets)


def render_many_in_background(
    parent: QWidget | None,
    db_path: Path,
    jobs: Sequence[dict[str, Any]],
    *,
    on_done: Callable[[list[Path]], None],
) -> Job:
    """Render several documents (each a dict of render_document keywords, ``out`` included) in one worker."""
    title = _("Đang lập văn bản hồ sơ")

    def work(store: Any, progress: Callable[[int, int, str], None], should_cancel: Callable[[], bool]) -> list[Path]:
        from desktop.ops.documents import render_document

        made: list[Path] = []
        for index, spec in enumerate(jobs):
            if should_cancel():
                raise JobCancelled
            progress(index, len(jobs), Path(spec["out"]).name)
            made.append(Path(render_document(store, **spec)))
        return made

    return run_store_job(parent, title, db_path, work, on_done=on_done)


def ask_reason(parent: QWidget | None, title: str, label: str) -> str | None:
    """The reason for a change (several lines allowed); None when the clerk cancels."""
    text, ok = QInputDialog.getMultiLineText(parent, title, label, "")
    return text.strip() if ok else None


def make_table(headers: Sequence[str], *, stretch: int = -1) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


@contextmanager
def bulk_fill(table: QTableWidget) -> Iterator[None]:
    """Fill ``table`` without re-measuring every column after every cell (slow with hundreds of rows)."""
    header = table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(table.columnCount())]
    table.setUpdatesEnabled(False)
    table.blockSignals(True)
    for column in range(table.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    try:
        yield
    finally:
        table.blockSignals(False)
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)
        table.setUpdatesEnabled(True)


def cell(text: Any, *, data: Any = None, right: bool = False, color: str = "", tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if color:
        from PySide6.QtGui import QBrush, QColor

        item.setForeground(QBrush(QColor(color)))
    if tooltip:
        item.setToolTip(tooltip)
    return item


def money_text(amount: int | None) -> str:
    from desktop.documents.numbers import format_money

    return format_money(int(amount or 0)) if amount else ""


def date_text(value: date | str | None) -> str:
    from desktop.domain.dates import format_date

    return format_date(value) if value else ""


def date_edit(initial: date | None = None) -> QLineEdit:
    edit = QLineEdit(initial.strftime("%d/%m/%Y") if initial else "")
    edit.setPlaceholderText(_(DATE_HINT))
    edit.setMaximumWidth(160)
    return edit


def read_date(edit: QLineEdit) -> date | None:
    """The date typed in ``edit``; raises DateError (a ValueError with a Vietnamese message) when unreadable."""
    from desktop.domain.dates import parse_date

    return parse_date(edit.text())
