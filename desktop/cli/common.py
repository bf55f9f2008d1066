"""What every ``tdkt`` command shares: the store, the exit codes, the answer (JSON or text), the argument types, and
the look-ups of records named on the command line.

A command is a function ``(args) -> int``. It opens the store (:func:`open_store`, or :func:`in_store` for one
operation), answers with :func:`reply` and returns an exit code. A refusal is raised, never printed by the command:
:func:`run` turns it into ONE line on stderr and the exit code of :data:`ERRORS`.

The store, the operations (``desktop.ops``) and the documents are imported inside the functions that use them: the
store alone costs about 90 ms at start-up (sqlite-utils) and the operations together about 130 ms more, which
``tdkt --help``, a wrong command line or one command's group of operations never need.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import sqlite3
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain.text import nfc
from desktop.files.problems import os_reason
from desktop.files.replace import discard
from desktop.i18n import N_, _
from desktop.ops import review
from desktop.ops.setup import is_set_up
from desktop.paths import default_db_path
from desktop.store import open_store as open_database
from desktop.store import staff_repo, unit_repo
from desktop.store.db import sqlite_uri
from desktop.store.schema_version import LATEST_VERSION

if TYPE_CHECKING:
    from desktop.store import Store


class Exit(IntEnum):
    """The exit codes of docs/cli.md."""

    OK = 0
    REFUSED = 1  # the operation was refused or failed: one line on stderr says why, nothing half-written
    USAGE = 2  # the command line itself is wrong
    INTERRUPTED = 130  # Ctrl+C: stopped, nothing half-written


class CliError(Exception):
    """A one-line reason printed on stderr with exit code 1."""


def _reason_line(exc: BaseException, args: argparse.Namespace) -> str:
    return _("Lỗi: {reason}").format(reason=exc)


def _rule_problems_line(exc: BaseException, args: argparse.Namespace) -> str:
    problems = getattr(exc, "problems", None) or [str(exc)]
    return _("Lỗi: {reason}").format(reason="; ".join(problems))


def _interrupted_line(exc: BaseException, args: argparse.Namespace | None = None) -> str:
    return _("Đã dừng theo yêu cầu; không có gì được ghi dở dang.")


# The options that name a file or folder of the clerk's (`--out`, `--folder`, `--plan`, `--db`, `FILE`): an error
# about one of them, about a temporary file written beside one, or about a folder on its way, names it.
_PATH_OPTIONS = ("out", "file", "files", "folder", "plan", "db")


def _given_paths(args: argparse.Namespace) -> list[Path]:
    """The paths typed on this command line (and the default database when ``--db`` is not given)."""
    given: list[Path] = []
    for name in _PATH_OPTIONS:
        value = getattr(args, name, None)
        given.extend(Path(item) for item in (value if isinstance(value, list) else [value]) if isinstance(item, str))
    if hasattr(args, "db") and not args.db:
        given.append(default_db_path())
    return given


def _absolute(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def _is_temporary(path: Path) -> bool:
    """A file the program writes first and renames (``.tmp-1a2b3c4d.tmp``, ``.tdkt.sqlite3.<uuid>.tmp``): a name the
    clerk never typed, not one to show them."""
    return path.name.startswith(".") and (path.name.startswith(".tmp-") or path.name.endswith(".tmp"))


def _os_error_line(exc: BaseException, args: argparse.Namespace) -> str:
    """The operating system's refusal in Vietnamese (``desktop.files.problems.os_reason``), naming the path the
    clerk typed: the file itself, the one a temporary file was written for, or the one a folder on its way blocks
    ("/tmp/a.sqlite3/x.sqlite3 (ở /tmp/a.sqlite3)"); never a temporary name. An error the program raised with its
    own sentence (no errno: a file held by another program, a path too long for Windows) keeps that sentence."""
    if not isinstance(exc, OSError) or exc.errno is None:
        return _reason_line(exc, args)
    reason = os_reason(exc)
    named = [Path(os.fsdecode(name)) for name in (exc.filename, exc.filename2) if isinstance(name, str | bytes)]
    given = _given_paths(args)
    for path in named:
        for typed in given:
            if _absolute(path) == _absolute(typed):
                return _("Lỗi: không đọc hoặc ghi được {path}: {reason}").format(path=typed, reason=reason)
    for path in named:
        for typed in given:
            if _is_temporary(path) and _absolute(path.parent) == _absolute(typed.parent):
                return _("Lỗi: không đọc hoặc ghi được {path}: {reason}").format(path=typed, reason=reason)
            if _absolute(typed).startswith(_absolute(path) + os.sep):
                return _("Lỗi: không đọc hoặc ghi được {path} (ở {part}): {reason}").format(
                    path=typed, part=path, reason=reason
                )
    for path in named:
        if not _is_temporary(path):
            return _("Lỗi: không đọc hoặc ghi được {path}: {reason}").format(path=path, reason=reason)
    if named:
        return _("Lỗi: không ghi được vào thư mục {folder}: {reason}").format(folder=named[0].parent, reason=reason)
    return _("Lỗi: {reason}").format(reason=reason)


# How a command that raised ends: (module, exception class, exit code, its line on stderr); the first match wins and
# anything else is a bug that keeps its traceback. A class is looked up only in a module already imported: an error
# of a module never imported cannot have been raised, and `tdkt --help` must not import the store to say so.
ERRORS: tuple[tuple[str, str, Exit, Callable[[BaseException, argparse.Namespace], str]], ...] = (
    ("builtins", "KeyboardInterrupt", Exit.INTERRUPTED, _interrupted_line),
    (__name__, "CliError", Exit.REFUSED, _reason_line),
    ("desktop.store.errors", "StoreError", Exit.REFUSED, _reason_line),  # DocumentError, SpreadsheetError too
    ("desktop.exchange.format", "PackageError", Exit.REFUSED, _reason_line),  # a refused package
    ("desktop.domain.rules.pack", "RulePackError", Exit.REFUSED, _rule_problems_line),  # every problem, one line
    ("builtins", "OSError", Exit.REFUSED, _os_error_line),
)


_interrupts: list[int] = []  # the Ctrl+C presses seen while the current command ran


def _on_interrupt(signum: int, frame: object) -> None:
    """Ctrl+C: remembered, then raised as Python does. Pressed while SQLite runs one of the store's functions (the
    audit triggers call ``tdkt_now`` on every row written), the KeyboardInterrupt reaches the command as
    ``sqlite3.OperationalError`` ("user-defined function raised exception"); :func:`run` tells them apart by this."""
    _interrupts.append(signum)
    raise KeyboardInterrupt


def run(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run one command; an error of :data:`ERRORS` becomes its line on stderr and its exit code.

    An error raised after Ctrl+C was pressed is the interruption, whatever SQLite made of it: the transaction under
    way was rolled back, so the line "nothing half-written" holds (exit 130, never a traceback)."""
    _interrupts.clear()
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, _on_interrupt) if main else None
    try:
        return int(command(args))
    except BaseException as exc:
        if _interrupts and isinstance(exc, Exception):
            print(_interrupted_line(exc), file=sys.stderr)
            return int(Exit.INTERRUPTED)
        for module, name, code, line in ERRORS:
            kind = getattr(sys.modules.get(module), name, None)
            if kind is not None and isinstance(exc, kind):
                print(line(exc, args), file=sys.stderr)
                return int(code)
        raise
    finally:
        if previous is not None:  # None: a handler not set from Python, nothing to put back
            signal.signal(signal.SIGINT, previous)


class _Formatter(argparse.HelpFormatter):
    """argparse's help with its "usage:" in the clerk's language."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("Cách dùng: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse, refusing a wrong command line in the user's language with exit code 2.

    A command with subcommands is filled in only when it is used or its help is shown (``fill``): ``tdkt staff list``
    builds the staff commands, not the eighty others, which would take about three quarters of building the parser.
    A command that answers in JSON gets ``--json`` then too, after its own arguments.
    """

    def __init__(
        self, *args: Any, fill: Callable[[Parser], None] | None = None, answers_json: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # argparse's own headings and its -h line are English; the clerk reads the help in the chosen language.
        self._positionals.title = _("tham số")
        self._optionals.title = _("tùy chọn")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _("xem hướng dẫn này rồi thoát")
        self._fill = fill
        self._json = answers_json  # `--json` still to add, after the command's own arguments
        self.commands: Any = None  # the subcommands (argparse's subparsers action), once added

    def add_subparsers(self, **kwargs: Any) -> Any:
        self.commands = super().add_subparsers(**kwargs)
        return self.commands

    def filled(self, *, everything: bool = False) -> Parser:
        """This parser with its subcommands added; with ``everything``, theirs too, down to the last one."""
        if self._fill is not None:
            fill, self._fill = self._fill, None
            fill(self)
        if self._json:
            self._json = False
            self.add_argument("--json", action="store_true")
        if everything and self.commands is not None:
            for child in self.commands.choices.values():
                child.filled(everything=True)
        return self

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:  # argparse parses a subcommand here
        self.filled()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self.filled()
        return super().format_usage()

    def _get_formatter(self) -> argparse.HelpFormatter:
        return _Formatter(prog=self.prog)

    def format_help(self) -> str:
        self.filled()
        return super().format_help()

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(int(Exit.USAGE), _("Lỗi dòng lệnh: {message}").format(message=argparse_message(message)) + "\n")


# argparse writes its own refusals in English; the clerk reads them in Vietnamese (the names of the options stay).
_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), text)
    for pattern, text in (
        (
            r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)",
            N_("tham số {arg}: {value} không phải một trong các lựa chọn: {choices}."),
        ),
        (r"argument (?P<arg>.+?): expected one argument", N_("tham số {arg} cần một giá trị.")),
        (r"argument (?P<arg>.+?): expected .+", N_("tham số {arg} thiếu giá trị.")),
        (
            r"argument (?P<arg>.+?): invalid \S+ value: (?P<value>.+)",
            N_("tham số {arg}: giá trị {value} không hợp lệ."),
        ),
        (
            r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)",
            N_("tham số {arg} không dùng cùng với {other}."),
        ),
        (r"the following arguments are required: (?P<names>.+)", N_("thiếu tham số bắt buộc: {names}.")),
        (r"unrecognized arguments: (?P<names>.+)", N_("không hiểu tham số: {names}.")),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", N_("tùy chọn {option} chưa rõ: {matches}.")),
        (r"argument (?P<arg>.+?): (?P<message>.+)", N_("tham số {arg}: {message}")),  # our own message, in Vietnamese
    )
)


def argparse_message(message: str) -> str:
    """An argparse error in Vietnamese ("invalid choice: 'tinh' (choose from …)" → "… không phải một trong …")."""
    for pattern, text in _ARGPARSE_MESSAGES:
        found = pattern.fullmatch(message.strip())
        if found:
            return _(text).format(**found.groupdict())
    return message


# -- building the parser -----------------------------------------------------------------------------------------


def add_group(sub: Any, name: str, help: str, commands: Callable[[Any], None]) -> None:
    """A command with subcommands (``tdkt staff list``); ``commands(subparsers)`` adds them when first needed."""

    def fill(parser: Parser) -> None:
        commands(parser.add_subparsers(dest=f"{name}_command", required=True, parser_class=Parser))

    sub.add_parser(name, help=help, fill=fill)


def add_command(
    sub: Any,
    name: str,
    func: Callable[[argparse.Namespace], int],
    help: str,
    *,
    json: bool = False,
    aliases: Sequence[str] = (),
) -> argparse.ArgumentParser:
    """A command run by ``func(args)``; returns its parser, for its arguments. ``json``: it answers in JSON with
    ``--json``, which comes after its own arguments."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, aliases=list(aliases), answers_json=json)
    parser.set_defaults(func=func)
    return parser


# -- the store -------------------------------------------------------------------------------------------------------


def db_path(args: argparse.Namespace) -> Path:
    """``--db``, else ``tdkt.sqlite3`` in the user's data folder."""
    return Path(args.db) if args.db else default_db_path()


def open_store(args: argparse.Namespace, *, must_be_set_up: bool = True, may_create: bool = False) -> Store:
    """The database, migrated; refused until ``tdkt init`` has recorded the unit, unless ``must_be_set_up`` is off.

    Only ``may_create`` commands (``init``, ``demo``) make a new file or fill an empty one: any other refuses a path
    that is not there, a file of 0 bytes (a copy that stopped half-way) and a SQLite file without any of the program's
    tables, so a mistyped or broken ``--db`` is not answered with a fresh empty database ("ok", "no backups") as if it
    were the clerk's own. No command fills another program's SQLite file with the program's tables. A file of an
    older version is brought up to date (a copy made first, as the window does) and the command says so on stderr."""

    path = db_path(args)
    found = _schema_found(path, may_create=may_create)
    store = open_database(path)
    if found and found < LATEST_VERSION:
        note(
            _(
                "Đã nâng cấp cấu trúc dữ liệu của tệp {path} từ số {old} lên số {new} cho phiên bản chương trình "
                "này (tệp đã được sao lưu trước khi nâng cấp)."
            ).format(path=path, old=found, new=LATEST_VERSION)
        )
    if must_be_set_up and not is_set_up(store):
        store.close()
        raise CliError(
            _("Cơ sở dữ liệu {path} chưa có thông tin đơn vị; hãy chạy “tdkt init” trước.").format(path=path)
        )
    return store


def _schema_found(path: Path, *, may_create: bool) -> int | None:
    """The schema version of the file at ``path`` before anything is written to it (None: a new or empty file
    ``init`` may fill, or one only SQLite can say what is wrong with). Read through a read-only connection, so a
    file that is refused is left exactly as it was."""
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):  # a mistyped --db: refuse without creating a file or folder
        if may_create:
            return None
        missing = _("Không có tệp cơ sở dữ liệu {path}; hãy kiểm tra lại đường dẫn, hoặc chạy “tdkt init” để tạo mới.")
        raise CliError(missing.format(path=path)) from None
    if stat.S_ISDIR(status.st_mode):
        raise CliError(
            _("{path} là một thư mục, không phải tệp cơ sở dữ liệu; hãy ghi cả tên tệp (ví dụ tdkt.sqlite3).").format(
                path=path
            )
        )
    if status.st_size == 0:
        if may_create:
            return None
        raise CliError(
            _(
                "Tệp cơ sở dữ liệu {path} rỗng (0 byte), có thể do sao chép bị ngắt giữa chừng hoặc rút USB khi đang "
                "ghi. Hãy kiểm tra lại đường dẫn, hoặc khôi phục từ bản sao lưu (tdkt backup restore); chỉ chạy "
                "“tdkt init” nếu muốn tạo cơ sở dữ liệu mới tại đây."
            ).format(path=path)
        )
    try:
        version, has_tables = _read_schema(path)
    except sqlite3.Error:
        return None  # not a database, damaged, busy: the real opening says which, in the clerk's words
    if version == 0 and has_tables:
        raise CliError(
            _(
                "Tệp {path} là cơ sở dữ liệu của một chương trình khác (không có bảng ghi cấu trúc của phần mềm "
                "thi đua, khen thưởng); hãy kiểm tra lại đường dẫn. Tệp không bị thay đổi."
            ).format(path=path)
        )
    if version == 0 and not may_create:
        raise CliError(
            _(
                "Tệp cơ sở dữ liệu {path} không chứa dữ liệu nào. Hãy kiểm tra lại đường dẫn, hoặc khôi phục từ bản "
                "sao lưu (tdkt backup restore); chỉ chạy “tdkt init” nếu muốn tạo cơ sở dữ liệu mới tại đây."
            ).format(path=path)
        )
    return version or None


def _read_schema(path: Path) -> tuple[int, bool]:
    """The schema version of the SQLite file at ``path`` and whether it has any table, read-only. The migrations
    write the version in the header too (``user_version``), so a file of this version is told in a quarter of a
    millisecond; reading the tables costs SQLite the whole schema (about 8 ms), only for another version's file."""
    conn = sqlite3.connect(sqlite_uri(path.absolute(), mode="ro"), uri=True, isolation_level=None)
    try:
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) == LATEST_VERSION:
            return LATEST_VERSION, True
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        if ("schema_version",) not in tables:
            return 0, bool(tables)
        return int(conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]), True
    finally:
        conn.close()


class _NewFile:
    """The database file a ``may_create`` command makes, with the folders made for it: created here, exclusively,
    so that a command that fails removes what it made (and the ``-wal``, ``-shm`` SQLite put beside it) and never a
    file that was there before."""

    def __init__(self, path: Path, folders: list[Path]) -> None:
        self.path = path
        self.folders = folders  # outermost first

    @classmethod
    def make(cls, path: Path) -> _NewFile | None:
        """The file, made empty at ``path``; None when something is already there (or appeared meanwhile)."""
        if os.path.lexists(path):
            return None
        folders = [folder for folder in reversed(path.parents) if not os.path.lexists(folder)]
        made = cls(path, [])
        try:
            for folder in folders:
                try:
                    folder.mkdir()
                except FileExistsError:
                    if not folder.is_dir():
                        raise
                    continue  # made meanwhile by someone else: theirs
                made.folders.append(folder)
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
            except FileExistsError:  # made meanwhile by someone else: theirs, never removed
                made.remove_folders()
                return None
        except BaseException:
            made.remove_folders()
            raise
        return made

    def remove(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            discard(f"{self.path}{suffix}")
        self.remove_folders()

    def remove_folders(self) -> None:
        for folder in reversed(self.folders):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only while empty


def in_store(
    args: argparse.Namespace,
    operation: Callable[..., Any],
    /,
    *values: Any,
    must_be_set_up: bool = True,
    may_create: bool = False,
    **options: Any,
) -> Any:
    """``operation(store, *values, **options)`` on the store, closed again before the answer is printed.

    A ``may_create`` command that fails (refused, interrupted) leaves no new file behind: the next command still says
    the file is not there, instead of finding an empty database without a unit."""
    created = _NewFile.make(db_path(args)) if may_create else None
    try:
        with open_store(args, must_be_set_up=must_be_set_up, may_create=may_create) as store:
            return operation(store, *values, **options)
    except BaseException:
        if created is not None:
            created.remove()
        raise


def options(args: argparse.Namespace, *names: str, **renamed: str) -> dict[str, Any]:
    """Options passed on to an operation as keyword arguments: ``names`` under their own name, ``keyword="option"``
    where the operation names it otherwise (``round_id="round"``)."""
    return {name: getattr(args, name) for name in names} | {key: getattr(args, name) for key, name in renamed.items()}


def texts(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    """Text options passed on under their own name, "" for one not given."""
    return {name: getattr(args, name) or "" for name in names}


# -- the answer ------------------------------------------------------------------------------------------------------


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def reply(
    args: argparse.Namespace, data: Any, text: str | Callable[[], Any] | None = None, *, code: int = Exit.OK
) -> int:
    """The answer: ``data`` as JSON with ``--json`` (or the function that computes it), else ``text`` (one line, or the
    function that prints it); returns ``code``."""
    if getattr(args, "json", False):
        print_json(data() if callable(data) else data)
    elif callable(text):
        text()
    elif text is not None:
        print(text)
    return code


def done(line: str) -> int:
    """The answer of a command without ``--json``: one line; exit code 0."""
    print(line)
    return Exit.OK


def note(line: str) -> None:
    """A line beside the answer (a count, a warning): on stderr, so stdout stays the answer alone."""
    print(line, file=sys.stderr)


def print_rows(
    rows: Iterable[Any], keys: Sequence[str] = (), *, total: str | None = None, blank_none: bool = False
) -> None:
    """One tab-separated line per row: its ``keys`` (the row's own cells without ``keys``); None is shown as an empty
    cell with ``blank_none``. Then ``total`` on stderr."""
    for row in rows:
        cells = [row[key] for key in keys] if keys else list(row)
        print("\t".join("" if blank_none and cell is None else str(cell) for cell in cells))
    if total is not None:
        note(total)


def import_reply(args: argparse.Namespace, report: Any) -> int:
    """The answer of a spreadsheet import (staff, history): its report, the rows refused on stderr, exit 1 if any."""

    def text() -> None:
        for line in report.problem_lines():
            note(line)
        print(report.summary())

    return reply(args, report.as_json, text, code=Exit.OK if report.ok else Exit.REFUSED)


# -- argument types: numbers and years checked where they enter, with the Vietnamese reason -------------------------

YEAR_RANGE = (1900, 2100)
_WHOLE_MAX = 10**12  # far below SQLite's 64-bit integers: ids, counts, numbers of a series


def year_arg(text: str) -> int:
    """A calendar year 1900–2100 (``--year``): "-2025", "99999" or "2e3" are refused, not a traceback."""
    try:
        year = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” không phải năm (ví dụ 2025)").format(value=text)) from None
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise argparse.ArgumentTypeError(
            _("năm {value} ngoài khoảng {low}–{high}").format(value=year, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
        )
    return year


def whole_arg(text: str) -> int:
    """A whole number 0–10¹² (ids, counts, numbers): "1e20", "-1" or a 40-digit number are refused."""
    try:
        number = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” không phải số nguyên").format(value=text)) from None
    if not 0 <= number <= _WHOLE_MAX:
        raise argparse.ArgumentTypeError(_("số {value} không hợp lệ (từ 0 đến 10¹²)").format(value=text))
    return number


def number_arg(text: str) -> float:
    """A finite decimal number ("nan", "inf", "1e400" are refused); a comma is read as the decimal point."""
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” không phải số").format(value=text)) from None
    if number != number or number in (float("inf"), float("-inf")) or abs(number) > 1e9:
        raise argparse.ArgumentTypeError(_("số “{value}” không hợp lệ").format(value=text))
    return number


def day_arg(text: str) -> date:
    """A date written YYYY-MM-DD; a wrong one refuses the operation (exit 1), as the window refuses it."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(
            _("Ngày “{value}” không hợp lệ; hãy ghi dạng YYYY-MM-DD, ví dụ 2025-12-30.").format(value=text)
        ) from None


def optional_day(text: str | None) -> date | None:
    """:func:`day_arg` for an option that may be left out."""
    return day_arg(text) if text else None


# -- records named on the command line -------------------------------------------------------------------------------


def staff_id(store: Store, code: str) -> int:
    """The person with this staff code."""
    person = staff_repo.get_staff_by_code(store, code)
    if person is None:
        raise CliError(_("Không có cán bộ mã “{code}”.").format(code=code))
    return int(person["id"])


def department_id(store: Store, name: str) -> int:
    """The collective (phòng ban, tổ, thôn) with this name, ignoring case (Vietnamese capitals too) and spacing."""
    found = unit_repo.find_department(store, name)
    if not found:
        raise CliError(_("Không có tập thể “{name}”.").format(name=name))
    return int(found)


def decision_id(store: Store, number_text: str, year: int | None) -> int:
    """The decision numbered ``number_text`` ("125/QĐ-UBND"), of the year of its date when given."""
    text = nfc(number_text)
    found = [int(row["id"]) for row in review.list_decisions(store, year=year) if row["number_text"] == text]
    if len(found) > 1:
        raise CliError(
            _("Có {n} quyết định số {number} ở các năm khác nhau; hãy thêm --year.").format(n=len(found), number=text)
        )
    if not found:
        raise CliError(_("Không có quyết định số {number}.").format(number=text))
    return found[0]
