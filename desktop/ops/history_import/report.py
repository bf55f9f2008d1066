"""What an import did, for the command line (JSON, problem lines, one summary sentence)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.i18n import _
from desktop.ops.history_import.checking import preview_history
from desktop.ops.history_import.fields import SHEET_LABELS
from desktop.ops.history_import.preview import HistoryPreview
from desktop.ops.history_import.writing import apply_history
from desktop.store import Store


@dataclass
class HistoryImportReport:
    ok: bool
    dry_run: bool
    inserted: int
    updated: int
    preview: HistoryPreview

    def as_json(self) -> dict[str, Any]:
        preview = self.preview
        return {
            "ok": self.ok,
            "file": str(preview.path),
            "dry_run": self.dry_run,
            "inserted": self.inserted,
            "updated": self.updated,
            "counts": preview.counts,
            "sheets": [
                {
                    "kind": sheet.kind,
                    "sheet": sheet.sheet,
                    "header_row": sheet.table.header_row,
                    "layout": sheet.layout,
                    "counts": sheet.counts,
                    "problems": list(sheet.problems),
                    "encoding_note": sheet.table.encoding_note,
                }
                for sheet in preview.sheets
            ],
            "missing_sheets": preview.missing,
            "ignored_sheets": list(preview.ignored_sheets),
            "hidden_sheets": list(preview.hidden_sheets),
            "rows": [
                {
                    "kind": row.kind,
                    "sheet": row.sheet,
                    "row": row.row_number,
                    "status": row.status,
                    "person": row.person,
                    "staff_code": row.staff_code,
                    "what": row.what,
                    "old": row.old,
                    "same_as": row.same_as,
                    "problems": list(row.problems),
                    "fields": list(row.fields),
                }
                for row in preview.rows
                if row.status != "new"
            ],
        }

    def problem_lines(self) -> list[str]:
        name = self.preview.path.name
        lines: list[str] = []
        for sheet in self.preview.sheets:
            lines += [_("{file}: {message}").format(file=name, message=m) for m in sheet.problems]
            for row in sheet.rows:
                for message in row.problems:
                    lines.append(
                        _("{file}, trang “{sheet}”, dòng {row}: {message}").format(
                            file=name, sheet=sheet.sheet, row=row.row_number, message=message
                        )
                    )
        return lines

    def summary(self) -> str:
        counts = self.preview.counts
        name = self.preview.path.name
        if self.dry_run:
            text = _(
                "Chạy thử tệp {file}: {new} dòng mới, {update} dòng sửa, {unchanged} dòng đã có, {error} dòng lỗi; "
                "chưa ghi gì vào cơ sở dữ liệu."
            ).format(file=name, **{k: counts[k] for k in ("new", "update", "unchanged", "error")})
        else:
            text = _(
                "Đã nhập lịch sử thi đua từ tệp {file}: thêm {inserted} dòng, sửa {updated} dòng; "
                "bỏ qua {unchanged} dòng đã có và {error} dòng lỗi."
            ).format(
                file=name,
                inserted=self.inserted,
                updated=self.updated,
                unchanged=counts["unchanged"],
                error=counts["error"],
            )
        missing = self.preview.missing
        if missing:
            text += " " + _("Không có trang: {sheets}.").format(sheets=", ".join(_(SHEET_LABELS[k]) for k in missing))
        note = self.preview.encoding_note
        return f"{text} {note}." if note else text


def import_history_file(store: Store, path: Path, *, dry_run: bool = False, pack: Any = None) -> HistoryImportReport:
    """Read, check and (unless a dry run) write the good rows. Raises ImportFileError if unreadable."""
    preview = preview_history(store, Path(path), pack=pack)
    written = {"inserted": 0, "updated": 0} if dry_run else apply_history(store, preview)
    return HistoryImportReport(
        ok=True, dry_run=dry_run, inserted=written["inserted"], updated=written["updated"], preview=preview
    )
