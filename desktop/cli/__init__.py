"""``tdkt``: the same operations as the window, without it. The commands and their JSON are documented in docs/cli.md.

The root parser is built here; each command group lives in its own module, which adds its subcommands through one
function, ``register(subparsers)``, listed in :data:`GROUPS` in the order ``tdkt --help`` shows them.
:mod:`desktop.cli.common` holds what they share: the store, the exit codes, JSON or text, the argument types.

Errors go to stderr as one line in the user's language, with exit code 1 (refused: bad input or data), 2 (bad
command line) or 130 (interrupted).
"""

from __future__ import annotations

import argparse
import codecs
import sys
from functools import lru_cache
from typing import Any

from desktop import __version__
from desktop.cli import (
    backup,
    certificates,
    collective,
    council,
    decision,
    documents,
    dossier,
    exchange,
    history,
    movement,
    report,
    review,
    rules,
    setup,
    staff,
)
from desktop.cli.common import CliError, Exit, Parser, run
from desktop.cli.documents import DOCUMENT_KINDS
from desktop.i18n import _, current_language, set_language

__all__ = ["COMMANDS", "DOCUMENT_KINDS", "CliError", "build_parser", "main"]

# The command groups, in the order of `tdkt --help`.
GROUPS = (
    setup,  # init, demo
    staff,
    history,
    rules,  # evaluate, money, rules
    review,
    council,
    decision,
    dossier,
    exchange,  # keys, package, province
    movement,
    report,
    documents,
    certificates,  # certificates, verify
    collective,
    backup,  # check, backup
)


def _root_parser() -> Parser:
    """The root parser and every command, each command's own arguments added when it is used (:class:`Parser`)."""
    parser = Parser(prog="tdkt", description=_("Phần mềm thi đua, khen thưởng — dòng lệnh"))
    parser.add_argument(
        "--version", "-V", action="version", version=f"tdkt {__version__}", help=_("xem số phiên bản rồi thoát")
    )
    parser.add_argument("--db", metavar="PATH", help=_("tệp cơ sở dữ liệu (mặc định trong thư mục người dùng)"))
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help=_("ngôn ngữ thông báo"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for group in GROUPS:
        group.register(sub)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, every command filled in, its help in the current language."""
    return _root_parser().filled(everything=True)


@lru_cache(maxsize=2)
def _parser(language: str) -> Parser:
    """The parser ``main`` uses, in ``language``, built once: ``python -m desktop`` reads COMMANDS from it, then parses
    with it."""
    return _root_parser()


def __getattr__(name: str) -> Any:
    # COMMANDS, the names `tdkt` takes (`python -m desktop` sends them here), read from the parser when first asked for.
    if name == "COMMANDS":
        return tuple(_parser(current_language()).commands.choices)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _undecodable(args: list[str]) -> str | None:
    """The first argument that is not UTF-8 (a file name from an old FAT stick, a bad paste), shown readably."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return None


def _utf8_output() -> None:
    """stdout and stderr in UTF-8, as docs/cli.md promises, whatever the console or ``PYTHONIOENCODING`` says: a
    Windows ``tdkt … > out.json`` writes in the ANSI code page (cp1252 has no "ư", "ệ"), and every Vietnamese answer
    would end in UnicodeEncodeError. stdout stays strict: data is never written with letters replaced."""
    for stream, lossless in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        encoding = getattr(stream, "encoding", None) or ""
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or _is_utf8(encoding):
            continue
        errors = getattr(stream, "errors", None)
        stream.flush()
        reconfigure(encoding="utf-8", errors=lossless if errors in (None, "replace", "ignore") else errors)


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    args_list = sys.argv[1:] if argv is None else argv
    language = "vi"
    if "--lang" in args_list:
        index = args_list.index("--lang")
        if index + 1 < len(args_list):
            language = args_list[index + 1]
    language = set_language(language)  # before building the parser, so its help texts are translated too
    shown = _undecodable(args_list)
    if shown is not None:
        print(
            _(
                "Lỗi dòng lệnh: “{arg}” có ký tự không đọc được (không phải chữ UTF-8); hãy gõ lại hoặc đổi tên tệp."
            ).format(arg=shown),
            file=sys.stderr,
        )
        return int(Exit.USAGE)
    args = _parser(language).parse_args(args_list)
    return run(args.func, args)
