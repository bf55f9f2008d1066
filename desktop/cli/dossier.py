"""``tdkt dossier build``: the nominations the unit sends up to the province."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import add_command, add_group, open_store, print_rows, reply, whole_arg
from desktop.i18n import _
from desktop.ops import review


def build(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        dossier_id = review.build_dossier(store, round_id=args.round)
        dossier = review.get_dossier(store, dossier_id=dossier_id)

    def text() -> None:
        nominations = dossier["nominations"]
        print(_("Đã lập hồ sơ đề nghị cấp trên số {id}: {n} đề nghị.").format(id=dossier_id, n=len(nominations)))
        print_rows(nominations, ("id", "name", "code"))

    return reply(args, dossier, text)


def register(sub: Any) -> None:
    add_group(sub, "dossier", _("hồ sơ đề nghị khen thưởng cấp trên"), _dossier_commands)


def _dossier_commands(dossier: Any) -> None:
    p = add_command(dossier, "build", build, _("lập hồ sơ từ các đề nghị lên cấp trên đã qua Hội đồng"), json=True)
    p.add_argument("--round", type=whole_arg, required=True)
