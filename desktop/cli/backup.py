"""``tdkt check`` (the database's integrity) and ``tdkt backup create|list|restore``."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    CliError,
    Exit,
    add_command,
    add_group,
    db_path,
    in_store,
    note,
    print_rows,
    reply,
)
from desktop.domain.money import format_number
from desktop.domain.text import fold
from desktop.i18n import _
from desktop.ops.backup import backup_now, list_backups, restore_notes, unit_change
from desktop.ops.backup import restore as restore_backup
from desktop.ops.check import check_report
from desktop.store import Store
from desktop.store import backup as core


def check(args: argparse.Namespace) -> int:
    report = in_store(args, check_report, must_be_set_up=False)
    return reply(
        args,
        report,
        lambda: print_rows([line] for line in report["messages"]),
        code=Exit.OK if report["ok"] else Exit.REFUSED,
    )


def _backup_line(info: Any) -> list[str]:
    mark = _("đã kiểm tra") if info.verified else _("CHƯA KIỂM TRA ĐƯỢC: {problem}").format(problem=info.problem)
    return [
        info.created.strftime("%d/%m/%Y %H:%M"),
        info.reason_label(),
        _("{size} KB").format(size=format_number(max(info.size // 1024, 1))),
        _("{staff} cán bộ").format(staff=info.counts.get("staff", 0)),
        mark,
        str(info.path),
        info.unit_name or _("không rõ đơn vị"),
    ]


def create(args: argparse.Namespace) -> int:
    folder = Path(args.folder) if args.folder else None
    info = in_store(args, backup_now, must_be_set_up=False, folder=folder)
    return reply(args, info.as_json, _("Đã sao lưu và kiểm tra: {path}").format(path=info.path))


def list_(args: argparse.Namespace) -> int:
    # A folder is listed whole (each line says whose data it is); without one, only this file's unit's backups.
    if args.folder:
        backups = core.list_backups(Path(args.folder))
    else:
        backups = in_store(args, list_backups, must_be_set_up=False)
    return reply(
        args,
        lambda: {"backups": [info.as_json() for info in backups]},
        lambda: print_rows(map(_backup_line, backups), total=_("Tổng: {n} bản sao lưu").format(n=len(backups))),
    )


def _confirm(prompt: str, no_terminal: str, accepted: Callable[[str], bool]) -> bool:
    """The clerk's typed confirmation; without a terminal the restore is refused."""
    if not sys.stdin.isatty():
        raise CliError(no_terminal)
    if accepted(input(prompt)):
        return True
    note(_("Đã hủy; không thay đổi gì."))
    return False


def _unit_warning(change: dict[str, Any]) -> str:
    """The line that says a restore puts another unit's data in the file (before the question, or on stderr)."""
    return _("CẢNH BÁO: {warning}").format(warning=change["warning"])


def _print_what_changes(
    args: argparse.Namespace, path: Path, backup_path: Path, info: Any, change: dict[str, Any] | None
) -> None:
    """What a restore replaces: the tables whose counts differ and the last decision, backup vs current."""
    if change is not None:
        print(_unit_warning(change))
    print(_("Sẽ thay toàn bộ dữ liệu trong {path} bằng bản sao lưu {backup}.").format(path=path, backup=backup_path))
    print(
        _("Bản sao lưu lúc {time} ({reason}).").format(
            time=info.created.strftime("%d/%m/%Y %H:%M"), reason=info.reason_label()
        )
    )
    comparison = _comparison(args, path, info)
    if comparison is not None:
        print(_("Bảng\tBản sao lưu\tHiện tại"))
        changed = [row for row in comparison["counts"] if row["backup"] != row["current"]]
        print_rows(changed, ("table", "backup", "current"))
        print(
            _("Quyết định cuối: {backup} (bản sao lưu) — {current} (hiện tại)").format(
                backup=comparison["backup_last_decision"] or "—",
                current=comparison["current_last_decision"] or "—",
            )
        )
    print(_("Dữ liệu hiện tại sẽ được sao lưu trước khi thay."))


def _comparison(args: argparse.Namespace, path: Path, info: Any) -> dict[str, Any] | None:
    """The counts of the backup beside the current file's, or None with the reason printed: a file the other
    commands refuse (0 bytes, no data) is exactly the one a clerk restores over, so it never stops the question."""
    if not path.exists():
        return None
    try:
        comparison: dict[str, Any] = in_store(args, core.compare, info, must_be_set_up=False)
    except CliError as refused:
        print(_("Dữ liệu hiện tại không so sánh được với bản sao lưu: {reason}").format(reason=refused))
        return None
    return comparison


def restore(args: argparse.Namespace) -> int:
    """With ``--json`` the question and what it replaces go to stderr, so stdout is the JSON answer alone."""
    path = db_path(args)
    backup_path = Path(args.file)
    # Refuses a damaged or altered file before asking anything; one with no checksum only with --unverified.
    info = core.describe_backup(backup_path, allow_unverified=args.unverified)
    change = unit_change(path, info)  # another unit's data: said plainly before anything is asked or done
    with contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext():
        if not _asked(args, path, backup_path, info, change):
            return Exit.REFUSED
    safety = restore_backup(path, backup_path=backup_path, allow_unverified=not info.verified)
    kept = _kept_notes(path)
    answer = {
        "path": str(path),
        "backup": info.as_json(),
        "safety": str(safety) if safety else None,
        "unit_changed": change is not None,
        "previous_unit_uuid": change["current_unit_uuid"] if change else None,
        "previous_unit_name": change["current_unit_name"] if change else None,
        "kept": kept,
    }
    return reply(args, answer, lambda: _print_restored(path, backup_path, change, safety, kept))


def _kept_notes(path: Path) -> str:
    """What the restore kept of the replaced file (numbers taken, prints, keys), as the window says it."""
    with Store(path, readonly=True) as restored:
        return restore_notes(restored)


def _asked(args: argparse.Namespace, path: Path, backup_path: Path, info: Any, change: dict[str, Any] | None) -> bool:
    """The clerk's go-ahead: typed words for an unverified file, CO otherwise, none with --yes (the warning that
    another unit's data comes in is still said)."""
    if not info.verified:
        if change is not None:
            print(_unit_warning(change))
        print(
            _(
                "CẢNH BÁO: bản sao lưu {backup} không có mã kiểm tra đi kèm; không biết nó có bị hỏng khi sao chép "
                "hay không. Dữ liệu hiện tại vẫn được sao lưu trước khi thay."
            ).format(backup=backup_path)
        )
        return _confirm(
            _("Gõ KHOI PHUC CHUA KIEM CHUNG để xác nhận: "),
            _("Khôi phục bản chưa kiểm chứng cần gõ xác nhận tại bàn phím; --yes không thay được."),
            lambda answer: " ".join(fold(answer).split()) == "khoi phuc chua kiem chung",
        )
    if not args.yes:
        _print_what_changes(args, path, backup_path, info, change)
        return _confirm(
            _("Gõ CO để xác nhận: "),
            _("Không có bàn phím để xác nhận; thêm --yes nếu chắc chắn muốn khôi phục."),
            lambda answer: answer.strip().upper() in ("CO", "CÓ"),
        )
    if change is not None:
        note(_unit_warning(change))  # --yes: no question, but not silent
    return True


def _print_restored(
    path: Path, backup_path: Path, change: dict[str, Any] | None, safety: Path | None, kept: str
) -> None:
    print(_("Đã khôi phục {path} từ {backup}.").format(path=path, backup=backup_path))
    if change is not None:
        print(change["after"])
    if safety:
        print(_("Dữ liệu trước khi khôi phục được giữ ở: {safety}").format(safety=safety))
    if kept:
        print(kept)


def register(sub: Any) -> None:
    add_command(sub, "check", check, _("kiểm tra tính toàn vẹn của cơ sở dữ liệu"), json=True)

    add_group(sub, "backup", _("sao lưu và khôi phục dữ liệu"), _backup_commands)


def _backup_commands(backup: Any) -> None:
    p = add_command(backup, "create", create, _("sao lưu ngay (rồi kiểm tra bản sao)"), json=True)
    p.add_argument("--folder", metavar="F", help=_("thư mục sao lưu (mặc định: thư mục đã chọn trong chương trình)"))
    p = add_command(backup, "list", list_, _("các bản sao lưu, mới nhất trước"), json=True)
    p.add_argument("--folder", metavar="F")
    p = add_command(backup, "restore", restore, _("khôi phục dữ liệu từ một bản sao lưu"), json=True)
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help=_("không hỏi lại"))
    p.add_argument(
        "--unverified",
        action="store_true",
        help=_("cho phép khôi phục một tệp không có mã kiểm tra đi kèm (luôn phải gõ xác nhận)"),
    )
