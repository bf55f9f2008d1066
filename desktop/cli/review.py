"""``tdkt review create|list|show|add|remove|post|refresh|delete``: the review round, its nominees, their posting."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import (
    add_command,
    add_group,
    day_arg,
    department_id,
    done,
    in_store,
    open_store,
    optional_day,
    options,
    print_rows,
    reply,
    staff_id,
    texts,
    whole_arg,
    year_arg,
)
from desktop.i18n import _
from desktop.ops import review

# The keys of a round in `tdkt review show --json` (docs/cli.md), before its nominations, council and decisions.
_ROUND_KEYS = ("id", "uuid", "year", "kind", "name", "status", "posting_days", "posted_from", "posted_to")


def _ballot(nomination: dict[str, Any]) -> str:
    return nomination["ballot"]["arithmetic"] if nomination["ballot"] else ""


def _round_reply(args: argparse.Namespace, detail: dict[str, Any]) -> int:
    def text() -> None:
        heading = _("Đợt {id}: {name} — năm {year}, trạng thái {status}")
        print(heading.format(id=detail["id"], name=detail["name"], year=detail["year"], status=detail["status"]))
        print_rows(
            [item["id"], item["name"], item["code"], item["status"], item["engine_verdict"], _ballot(item)]
            for item in detail["nominations"]
        )

    data = {key: detail[key] for key in (*_ROUND_KEYS, "nominations", "council", "decisions")}
    return reply(args, data, text)


def create(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        decision_date = optional_day(args.decision_date)
        round_options = options(args, "year", "kind", "posting_days") | texts(args, "name")
        round_id = review.create_round(store, **round_options, decision_date=decision_date)
        detail = review.get_round(store, round_id)
    return _round_reply(args, detail)


def list_(args: argparse.Namespace) -> int:
    rounds = in_store(args, review.list_rounds)
    keys = ("id", "year", "kind", "status", "nominations", "decisions", "name")
    return reply(args, {"rounds": rounds}, lambda: print_rows(rounds, keys))


def show(args: argparse.Namespace) -> int:
    return _round_reply(args, in_store(args, review.get_round, args.round_id))


def add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        who: dict[str, Any] = {"staff_id": None, "department_id": None, "household_name": ""}
        kind = "individual"
        if args.staff_code:
            who["staff_id"] = staff_id(store, args.staff_code)
        elif args.department:
            who["department_id"], kind = department_id(store, args.department), "collective"
        elif args.household:
            who["household_name"], kind = args.household, "household"
        reasons = texts(args, "change_reason", "override_reason", "achievement")
        nomination_id = review.add_nomination(
            store, round_id=args.round, target_kind=kind, code=args.code, **who, **reasons
        )
    return reply(args, {"nomination_id": nomination_id}, _("Đã thêm đề nghị số {id}.").format(id=nomination_id))


def remove(args: argparse.Namespace) -> int:
    in_store(args, review.remove_nomination, nomination_id=args.nomination, reason=args.reason)
    return done(_("Đã bỏ đề nghị số {id} khỏi danh sách.").format(id=args.nomination))


def refresh(args: argparse.Namespace) -> int:
    counts = in_store(args, review.refresh_proposals, round_id=args.round)
    message = _("Đã cập nhật đề nghị: thêm {added}, cập nhật {updated}, bỏ {dropped}, giữ nguyên {kept}.")
    return reply(args, {"round_id": args.round, **counts}, message.format(**counts))


def delete(args: argparse.Namespace) -> int:
    in_store(args, review.delete_round, round_id=args.round)
    return done(_("Đã xóa đợt bình xét số {id}.").format(id=args.round))


def post(args: argparse.Namespace) -> int:
    start = day_arg(args.start)
    result = in_store(args, review.start_posting, round_id=args.round, start=start, days=args.days)
    message = _("Niêm yết công khai từ {start} đến hết {end}.")
    return reply(args, result, message.format(start=result["posted_from"], end=result["posted_to"]))


def register(sub: Any) -> None:
    add_group(sub, "review", _("đợt bình xét: đề nghị, niêm yết"), _review_commands)


def _review_commands(review: Any) -> None:
    p = add_command(review, "create", create, _("mở đợt bình xét; chương trình đề xuất danh sách"), json=True)
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--kind", choices=("year", "movement", "occasion"), default="year")
    p.add_argument("--name")
    p.add_argument("--posting-days", type=whole_arg, default=0, help=_("số ngày niêm yết công khai (0 = không cần)"))
    p.add_argument(
        "--decision-date",
        metavar="YYYY-MM-DD",
        help=_("ngày dự kiến ký quyết định (mặc định 31/12 của năm): quy định của ngày đó quyết định ai khen"),
    )
    add_command(review, "list", list_, _("các đợt bình xét"), json=True)
    p = add_command(review, "show", show, _("một đợt bình xét và danh sách đề nghị"), json=True)
    p.add_argument("round_id", type=whole_arg, metavar="ID")
    p = add_command(review, "add", add, _("thêm một đề nghị"), json=True)
    p.add_argument("--round", type=whole_arg, required=True)
    p.add_argument("--code", required=True)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff-code")
    who.add_argument("--department")
    who.add_argument("--household")
    p.add_argument("--change-reason")
    p.add_argument("--override-reason")
    p.add_argument("--achievement")
    p = add_command(review, "remove", remove, _("bỏ một đề nghị khỏi danh sách (phải ghi lý do)"))
    p.add_argument("--nomination", type=whole_arg, required=True)
    p.add_argument("--reason", required=True)
    p = add_command(
        review, "refresh", refresh, _("cập nhật đề nghị theo dữ liệu hiện có (giữ các thay đổi đã làm)"), json=True
    )
    p.add_argument("--round", type=whole_arg, required=True)
    p = add_command(review, "delete", delete, _("xóa đợt bình xét chưa dùng (chưa bỏ phiếu, chưa có quyết định)"))
    p.add_argument("--round", type=whole_arg, required=True)
    p = add_command(review, "post", post, _("niêm yết công khai danh sách"), json=True)
    p.add_argument("--round", type=whole_arg, required=True)
    p.add_argument("--start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--days", type=whole_arg)
