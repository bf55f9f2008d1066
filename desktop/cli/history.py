"""``tdkt history import``: ratings, initiatives, discipline, leave and awards from one workbook."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.common import add_command, add_group, import_reply, in_store
from desktop.i18n import _
from desktop.ops.history_import import import_history_file


def import_(args: argparse.Namespace) -> int:
    return import_reply(args, in_store(args, import_history_file, Path(args.file), dry_run=args.dry_run))


def register(sub: Any) -> None:
    add_group(sub, "history", _("lịch sử thi đua: xếp loại, sáng kiến, kỷ luật, khen thưởng"), _history_commands)


def _history_commands(history: Any) -> None:
    p = add_command(history, "import", import_, _("nhập từ tệp .xlsx (mỗi loại một trang)"), json=True)
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true")
