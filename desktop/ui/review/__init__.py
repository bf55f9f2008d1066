"""The yearly review in the window: rounds, the council's ballot, decisions, documents and the dossier upward.

Every step calls one function of :mod:`desktop.ops.review` (so the CLI and the window do the same thing and the
audit log names each step). Documents are rendered off the UI thread on a connection of their own, into the
user's data folder ``documents/``, and opened with the system viewer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QInputDialog, QWidget

from desktop.domain.dates import format_date
from desktop.files.names import safe_name
from desktop.i18n import N_, _
from desktop.paths import user_data_dir
from desktop.ui.history_import_dialog import HistoryImportDialog
from desktop.ui.jobs import Job, JobCancelled
from desktop.ui.operations import Operation, OperationContext
from desktop.ui.widgets import open_dialog

TARGET_LABELS: dict[str, str] = {
    "individual": N_("Cá nhân"),
    "collective": N_("Tập thể"),
    "household": N_("Hộ gia đình"),
}
CATEGORY_LABELS: dict[str, str] = {"title": N_("Danh hiệu"), "award_form": N_("Hình thức khen thưởng")}
CONFERRED_LABELS: dict[str, str] = {
    "unit": N_("Đơn vị"),
    "upward": N_("Cấp trên"),
    "district": N_("Cấp huyện"),
    "province": N_("Cấp tỉnh"),
    "central": N_("Trung ương"),
    "none": N_("Không áp dụng"),
    "unknown": N_("Chưa rõ (bộ quy tắc chưa có giá trị cho ngày này)"),
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
# The first columns of an awardee's row, wherever the awardees of a decision are listed (its page, the certificates).
AWARDEE_COLUMNS = (
    N_("Số sổ vàng"),
    N_("Họ tên, tập thể"),
    N_("Chức vụ"),
    N_("Phòng ban"),
    N_("Danh hiệu, hình thức"),
)
FORMATS: dict[str, str] = {"pdf": N_("PDF (để in)"), "docx": N_("Word (để sửa)")}


def documents_dir() -> Path:
    """``documents/`` in the user's data folder, where rendered documents go before they are opened."""
    folder = user_data_dir() / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def safe_file_name(text: str) -> str:
    """A file name from a decision number such as "12/QĐ-UBND" (no slashes, no characters Windows refuses)."""
    return safe_name(text, separator="-", fallback="van-ban")


#: How each document's file starts, in the clerk's words without accents ("quyet-dinh-12-QĐ-UBND-2025.pdf"), as
#: the dossier's files do: never the program's own codes ("decision-…") nor a database id.
DOCUMENT_FILE_STEMS: dict[str, str] = {
    "proposal": "to-trinh",
    "proposal_list": "danh-sach-de-nghi",
    "minutes": "bien-ban-hop-hoi-dong",
    "decision": "quyet-dinh",
    "payment": "danh-sach-chi-thuong",
    "achievement_report": "bao-cao-thanh-tich",
    "register": "so-khen-thuong",
}


def document_file_name(kind: str, *details: object) -> str:
    """``kind``'s file stem followed by its details (a decision number, a year, a round's name without accents)."""
    return safe_file_name("-".join([DOCUMENT_FILE_STEMS[kind], *(str(d) for d in details if str(d))]))


def open_file(path: Path) -> bool:
    """Open ``path`` with the system's viewer (PDF reader, Word, Excel), from where the clerk prints it."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def render_in_background(
    parent: QWidget | None,
    context: OperationContext,
    *,
    kind: str,
    out: Path,
    on_done: Callable[[Path], None] | None = None,
    open_after: bool = True,
    **targets: Any,
) -> Job:
    """Render one document in a worker thread with its own store, then open it (unless ``open_after`` is off)."""
    from desktop.ops.documents import render_document

    title = _("Đang lập văn bản: {kind}").format(kind=_(DOCUMENT_KINDS.get(kind, kind)))

    def done(path: Any) -> None:
        path = Path(path)
        if open_after:
            open_file(path)
        if on_done is not None:
            on_done(path)

    operation = Operation(parent, context, render_document, kind=kind, out=out, **targets).success(done)
    return operation.run_in_background(title, message=title)


def render_document_file(
    parent: QWidget | None, context: OperationContext, *, kind: str, name: str, fmt: str, **targets: Any
) -> tuple[Path, Job]:
    """Render into the user's ``documents/`` folder as ``name`` (made safe) in ``fmt``, then open it to print.

    The one render-and-open flow of the window's document buttons; returns the file's path and the running job.
    """
    out = documents_dir() / f"{safe_file_name(name)}.{fmt}"
    return out, render_in_background(parent, context, kind=kind, out=out, **targets)


def render_many(
    store: Any,
    *,
    specs: Sequence[dict[str, Any]],
    progress: Callable[[int, int, str], None],
    should_cancel: Callable[[], bool],
) -> list[Path]:
    """Render several documents (each a dict of render_document keywords, ``out`` included), one after another."""
    from desktop.ops.documents import render_document

    made: list[Path] = []
    for index, spec in enumerate(specs):
        if should_cancel():
            raise JobCancelled
        progress(index, len(specs), Path(spec["out"]).name)
        made.append(Path(render_document(store, **spec)))
    return made


def render_many_in_background(
    parent: QWidget | None,
    context: OperationContext,
    specs: Sequence[dict[str, Any]],
    *,
    on_done: Callable[[list[Path]], None],
) -> Job:
    """Render several documents in one worker, with progress and Cancel."""
    operation = Operation(parent, context, render_many, specs=list(specs)).success(on_done)
    return operation.run_in_background(_("Đang lập văn bản hồ sơ"))


def open_history_import(owner: QWidget, context: Any) -> QWidget:
    """The ratings and history import (“Nhập lịch sử thi đua từ Excel…” of the Tệp menu), opened from a review page.

    The main window's own action when the page sits in it (one way to open it), else the same dialog here.
    """
    opener = getattr(owner.window(), "open_history_import", None)
    if callable(opener):
        dialog = opener()
        if isinstance(dialog, QWidget):
            owner.last_dialog = dialog  # type: ignore[attr-defined]
            return dialog

    return open_dialog(owner, HistoryImportDialog(context, owner))


def shown_name(row: dict[str, Any], key: str = "name") -> str:
    """The name as lists show it: with the birth year or staff code beside it when another person in the same
    list bears the same name (``name_mark`` from the ops layer)."""
    name = str(row.get(key) or "")
    mark = row.get("name_mark")
    return _("{name} ({mark})").format(name=name, mark=mark) if mark else name


def fill_award_choices(combo: QComboBox, pack: Any, target: str, *, bold_headings: bool = True) -> None:
    """The titles and award forms of ``pack`` open to ``target`` (individual, collective, household) in ``combo``:
    two groups, each under a heading that cannot be chosen, the code as each item's data. The choice made before
    stays when it is still offered, else the first title or form is chosen; no signal fires while filling."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    model = combo.model()
    for heading, items in (
        (_("— Danh hiệu thi đua —"), pack.titles),
        (_("— Hình thức khen thưởng —"), pack.award_forms),
    ):
        usable = [item for item in items if target in item.targets]
        if not usable:
            continue
        combo.addItem(heading, None)
        if isinstance(model, QStandardItemModel):
            head = model.item(combo.count() - 1)
            head.setEnabled(False)
            if bold_headings:
                font = head.font()
                font.setBold(True)
                head.setFont(font)
        for item in usable:
            combo.addItem("    " + item.name, item.code)
    index = combo.findData(current) if current else -1
    if index < 0:
        index = next((i for i in range(combo.count()) if combo.itemData(i)), -1)
    combo.setCurrentIndex(index)
    combo.blockSignals(False)


def ask_reason(parent: QWidget | None, title: str, label: str) -> str | None:
    """The reason for a change (several lines allowed); None when the clerk cancels."""
    text, ok = QInputDialog.getMultiLineText(parent, title, label, "")
    return text.strip() if ok else None


def money_text(amount: int | None) -> str:
    from desktop.documents.numbers import format_money

    return format_money(int(amount or 0)) if amount else ""


def date_text(value: date | str | None) -> str:
    return format_date(value) if value else ""
