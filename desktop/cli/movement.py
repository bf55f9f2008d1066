"""``tdkt movement``: emulation movements — registrations, covenants, criteria, scores, ranking and reviews."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from desktop.cli.common import (
    CliError,
    add_command,
    add_group,
    day_arg,
    department_id,
    done,
    in_store,
    number_arg,
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
from desktop.domain.scoring import format_points
from desktop.files.replace import discard
from desktop.i18n import N_, _

# The keys of a movement (MOVEMENT in docs/cli.md).
_MOVEMENT_KEYS = (
    "id",
    "uuid",
    "kind",
    "name",
    "theme",
    "launched_by",
    "launch_date",
    "start_date",
    "end_date",
    "year",
    "status",
    "period",
    "plan_name",
    "plan_sha256",
)
# The keys of each list of `tdkt movement show --json`.
_SHOW_KEYS = {
    "registrations": ("id", "target_kind", "name", "code", "registered_on"),
    "covenants": ("id", "block_name", "signed_on", "signatories", "changed"),
    "criteria": ("id", "name", "max_points", "weight", "mandatory", "kind"),
    "reviews": ("id", "kind", "review_date", "round_id"),
}


def _movement_json(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row.get(key) for key in _MOVEMENT_KEYS}


def _split_arg(text: str, parts: int, shape: str, *, last_may_be_empty: bool = False) -> list[str]:
    values = [v.strip() for v in text.split("|")]
    needed = values[:-1] if last_may_be_empty else values
    if len(values) != parts or not all(needed):
        raise CliError(_("“{value}” không đúng dạng {shape}.").format(value=text, shape=shape))
    return values


def _one_named(found: list[dict[str, Any]], given: str, what: str, code: str) -> dict[str, Any] | None:
    """The one row ``given`` names; refused when a name fits several (the first one would take points silently)."""
    if len(found) > 1:
        raise CliError(
            _("Có {n} {what} cùng tên “{name}”; hãy ghi mã thay cho tên: {codes}.").format(
                n=len(found), what=_(what), name=given, codes=", ".join(str(row[code]) for row in found)
            )
        )
    return found[0] if found else None


def create(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with open_store(args) as store:
        days = options(args, "launch_date", start_date="start", end_date="end")
        dates: dict[str, Any] = {key: optional_day(text) for key, text in days.items()}
        movement_id = movements.create_movement(  # with its plan, checked first: all or nothing
            store,
            **options(args, "name", "kind", "year") | texts(args, "theme", "launched_by"),
            **dates,
            targets=args.target or [],
            plan_path=args.plan or None,
        )
        row = movements.get_movement(store, movement_id)
    message = _("Đã tạo phong trào {id}: {name}").format(id=movement_id, name=row["name"])
    return reply(args, _movement_json(row), message)


def list_(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    rows = in_store(args, movements.list_movements, year=args.year)
    return reply(
        args,
        lambda: {"movements": [_movement_json(r) | {"registrations": r["registrations"]} for r in rows]},
        lambda: print_rows(rows, ("id", "kind", "period", "status", "registrations", "name")),
    )


def _show_json(row: dict[str, Any]) -> dict[str, Any]:
    lists = {name: [{key: item[key] for key in keys} for item in row[name]] for name, keys in _SHOW_KEYS.items()}
    return _movement_json(row) | {"targets": row["targets"]} | lists


def _print_movement(row: dict[str, Any]) -> None:
    print(
        _("Phong trào {id}: {name} — {kind}, {period}, {status}").format(
            id=row["id"], name=row["name"], kind=row["kind_label"], period=row["period"], status=row["status_label"]
        )
    )
    for target in row["targets"]:
        print(f"- {target}")
    print(
        _("Đăng ký: {count}; tiêu chí: {criteria}; giao ước: {covenants}").format(
            count=len(row["registrations"]), criteria=len(row["criteria"]), covenants=len(row["covenants"])
        )
    )
    print_rows(row["criteria"], ("id", "kind", "max_points", "weight", "mandatory", "name"))


def show(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    row = in_store(args, movements.get_movement, args.movement_id)
    return reply(args, lambda: _show_json(row), lambda: _print_movement(row))


def close(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    in_store(args, movements.close_movement, movement_id=args.movement_id, reason=args.reason or "")
    return done(_("Đã kết thúc phong trào {id}.").format(id=args.movement_id))


def launch(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    in_store(args, movements.launch, movement_id=args.movement_id, launch_date=day_arg(args.date))
    return done(_("Đã phát động phong trào {id}.").format(id=args.movement_id))


def registration(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with open_store(args) as store:
        who: dict[str, Any]
        if args.staff_code:
            who = {"staff_id": staff_id(store, args.staff_code), "department_id": None}
        else:
            who = {"staff_id": None, "department_id": department_id(store, args.department)}
        registration_id = movements.register(
            store,
            movement_id=args.movement_id,
            code=args.code,
            registered_on=optional_day(args.date),
            **who,
        )
    return reply(args, {"registration_id": registration_id}, _("Đã ghi bản đăng ký {id}.").format(id=registration_id))


def covenant(args: argparse.Namespace) -> int:
    """All or nothing: the block (found by its name's key, or created), the members it lacks, the covenant and its
    document are written in one transaction; a refused date or a document that cannot be written leaves nothing."""
    from desktop.ops import movements
    from desktop.ops.movements.reviews import review_report_path

    out = review_report_path(args.out) if args.out else None
    signers = []
    for text in args.signer or []:
        name, title, member = _split_arg(text, 3, "TÊN|CHỨC_VỤ|ĐƠN_VỊ")
        signers.append({"name": name, "title": title, "member": member})
    with open_store(args) as store:
        departments = [department_id(store, name) for name in args.department or []]
        written = None
        try:
            with store.transaction(operation="movement.sign_covenant"):
                signed = movements.sign_block_covenant(
                    store,
                    movement_id=args.movement_id,
                    block_name=args.block,
                    department_ids=departments,
                    external_names=args.external or [],
                    signed_on=day_arg(args.date),
                    signatories=signers,
                    place=args.place or "",
                )
                if out is not None:
                    written = movements.export_covenant(
                        store, movement_id=args.movement_id, covenant_id=signed["covenant_id"], out=out
                    )
        except BaseException:
            if written is not None:  # the document of a covenant that was not recorded (the commit failed)
                discard(written)
            raise
    data = {"covenant_id": signed["covenant_id"], "block_id": signed["block_id"]}
    return reply(args, data, _("Đã ghi giao ước {id}.").format(id=signed["covenant_id"]))


def print_covenant(args: argparse.Namespace) -> int:
    """Print a covenant already signed, as it was signed, without signing it again (its date and terms unchanged):
    ``--covenant`` (the number ``covenant`` and ``show`` give), or the movement's only covenant."""
    from desktop.ops import movements
    from desktop.ops.movements.reviews import review_report_path

    out = review_report_path(args.out)
    with open_store(args) as store:
        written = movements.export_covenant(store, movement_id=args.movement_id, covenant_id=args.covenant, out=out)
        covenants = movements.get_movement(store, args.movement_id)["covenants"]
    # the one printed: the one asked for, or the movement's only one (several without --covenant were refused)
    chosen = next(c for c in covenants if c["id"] == args.covenant) if args.covenant is not None else covenants[0]
    data = {"covenant_id": chosen["id"], "block_name": chosen["block_name"], "out": str(written)}
    message = _("Đã in giao ước {id} ({block}): {path}").format(
        id=chosen["id"], block=chosen["block_name"], path=written
    )
    return reply(args, data, message)


def criterion(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    given = options(args, "movement_id", "name", "weight", "mandatory", "kind", max_points="max")
    criterion_id = in_store(args, movements.add_criterion, **given)
    return reply(args, {"criterion_id": criterion_id}, _("Đã thêm tiêu chí {id}.").format(id=criterion_id))


def _score_entry(text: str, people: list[dict[str, Any]], criteria: list[dict[str, Any]]) -> dict[str, Any]:
    who, what, points = _split_arg(text, 3, "ĐƠN_VỊ|TIÊU_CHÍ|ĐIỂM", last_may_be_empty=True)  # "": clear the cell
    by_key = [p for p in people if p["key"] == who]
    person = _one_named(by_key or [p for p in people if p["name"] == who], who, N_("đơn vị tham gia"), "key")
    if person is None:
        raise CliError(_("“{name}” không tham gia chấm điểm phong trào này.").format(name=who))
    by_id = [c for c in criteria if str(c["id"]) == what]
    found = _one_named(by_id or [c for c in criteria if c["name"] == what], what, N_("tiêu chí"), "id")
    if found is None:
        raise CliError(_("Phong trào không có tiêu chí “{name}”.").format(name=what))
    return {"participant": person["key"], "criterion_id": found["id"], "points": points}


def score(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    with open_store(args) as store:
        people = movements.participants(store, movement_id=args.movement_id)
        criteria = movements.list_criteria(store, movement_id=args.movement_id)
        entries = [_score_entry(text, people, criteria) for text in args.set]
        count = movements.record_scores(store, movement_id=args.movement_id, entries=entries)
    return reply(args, {"saved": count}, _("Đã lưu {count} điểm.").format(count=count))


def rank(args: argparse.Namespace) -> int:
    from desktop.ops import movements

    result = in_store(args, movements.ranking, movement_id=args.movement_id)

    def text() -> None:
        blocks = len({row.block for row in result.results}) > 1  # each block ranked apart: say which
        print_rows(
            [
                f"{row.rank}=" if row.tied else str(row.rank),
                *([row.block] if blocks else []),
                row.name,
                format_points(row.total),
                row.reason,
            ]
            for row in result.results
        )
        print(result.note)

    return reply(args, lambda: movements.ranking_json(result), text)


def review(args: argparse.Namespace) -> int:
    """All or nothing: the report's path is checked before anything is written; the review, its round and the
    report are made in one transaction, so a refused proposal or a report that cannot be written leaves no review."""
    from desktop.ops import movements
    from desktop.ops.movements.reviews import review_report_path

    out = review_report_path(args.out) if args.out else None
    with open_store(args) as store:
        written = None
        try:
            with store.transaction(operation="movement.review"):
                review_id = movements.create_review(
                    store,
                    **options(args, "movement_id", "kind") | texts(args, "summary", "achievements"),
                    review_date=day_arg(args.date) if args.date else date.today(),
                )
                detail = movements.get_review(store, review_id)
                round_id = None
                if args.propose:
                    round_id = movements.propose_to_review(
                        store,
                        movement_id=args.movement_id,
                        year=args.year or int(str(detail["review_date"])[:4]),
                        proposals=detail["proposals"],
                        review_id=review_id,
                    )
                if out is not None:
                    written = movements.export_review(store, review_id=review_id, out=out)
        except BaseException:
            if written is not None:  # the report of a review that was not recorded (the commit failed)
                discard(written)  # never hides the error being raised
            raise

    def text() -> None:
        print(_("Đã ghi hội nghị {id}. {note}").format(id=review_id, note=detail["ranking"].get("note", "")))
        if round_id is not None:
            proposed = _("Đã đưa {count} đề xuất vào đợt bình xét {round}.")
            print(proposed.format(count=len(detail["proposals"]), round=round_id))

    data = {"review_id": review_id, "round_id": round_id} | {key: detail[key] for key in ("ranking", "proposals")}
    return reply(args, data, text)


def register(sub: Any) -> None:
    add_group(sub, "movement", _("phong trào thi đua"), _movement_commands)


def _movement_commands(movement: Any) -> None:
    def about_one(name: str, func: Any, help: str, *, json: bool = False) -> argparse.ArgumentParser:
        """A subcommand about one movement, named by its ID first."""
        p = add_command(movement, name, func, help, json=json)
        p.add_argument("movement_id", type=whole_arg, metavar="ID")
        return p

    p = add_command(movement, "create", create, _("tạo phong trào thi đua"), json=True)
    p.add_argument("--name", required=True)
    p.add_argument("--kind", choices=("regular", "thematic", "campaign"), default="regular")
    p.add_argument("--theme")
    p.add_argument("--launched-by")
    p.add_argument("--launch-date", metavar="YYYY-MM-DD")
    p.add_argument("--start", metavar="YYYY-MM-DD")
    p.add_argument("--end", metavar="YYYY-MM-DD")
    p.add_argument("--year", type=year_arg)
    p.add_argument("--target", action="append", help=_("một mục tiêu, chỉ tiêu (nhắc lại được)"))
    p.add_argument("--plan", metavar="FILE", help=_("tệp kế hoạch .pdf/.docx"))
    p = add_command(movement, "list", list_, _("danh sách phong trào"), json=True)
    p.add_argument("--year", type=year_arg)
    about_one("show", show, _("một phong trào"), json=True)
    p = about_one("close", close, _("kết thúc phong trào"))
    p.add_argument("--reason", help=_("lý do kết thúc khi chưa tổng kết (bắt buộc trước hội nghị tổng kết)"))
    p = about_one("launch", launch, _("phát động phong trào"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p = about_one("register", registration, _("ghi bản đăng ký thi đua"), json=True)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff-code")
    who.add_argument("--department")
    p.add_argument("--code", required=True, help=_("danh hiệu đăng ký, ví dụ LDTT, CSTDCS, TTLDTT"))
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p = about_one("covenant", covenant, _("ký giao ước thi đua của một khối"), json=True)
    p.add_argument(
        "--block", required=True, help=_("tên khối/cụm (tạo mới nếu chưa có; không kể hoa thường, cách bỏ dấu)")
    )
    p.add_argument("--department", action="append", help=_("phòng, ban thành viên (nhắc lại được)"))
    p.add_argument("--external", action="append", help=_("đơn vị ngoài thành viên (nhắc lại được)"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--place")
    p.add_argument("--signer", action="append", required=True, metavar="TÊN|CHỨC_VỤ|ĐƠN_VỊ")
    p.add_argument("--out", metavar="FILE.pdf|.docx")
    p = about_one("print-covenant", print_covenant, _("in lại giao ước đã ký (không ký lại)"), json=True)
    p.add_argument(
        "--covenant", type=whole_arg, metavar="N", help=_("số giao ước (bắt buộc khi phong trào có nhiều giao ước)")
    )
    p.add_argument("--out", required=True, metavar="FILE.pdf|.docx")
    p = about_one("criterion", criterion, _("thêm tiêu chí chấm điểm"), json=True)
    p.add_argument("--name", required=True)
    p.add_argument("--max", type=number_arg, required=True)
    p.add_argument("--weight", type=number_arg, default=1.0)
    p.add_argument("--mandatory", action="store_true")
    p.add_argument("--kind", choices=("normal", "bonus", "penalty"), default="normal")
    p = about_one("score", score, _("ghi điểm (một lần lưu cho cả loạt)"), json=True)
    p.add_argument("--set", action="append", required=True, metavar="ĐƠN_VỊ|TIÊU_CHÍ|ĐIỂM")
    about_one("rank", rank, _("tổng điểm và xếp hạng"), json=True)
    p = about_one("review", review, _("sơ kết, tổng kết phong trào"), json=True)
    p.add_argument("--kind", choices=("so_ket", "tong_ket"), required=True)
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--summary")
    p.add_argument("--achievements")
    p.add_argument("--propose", action="store_true", help=_("đưa đề xuất khen thưởng vào một đợt bình xét mới"))
    p.add_argument("--year", type=year_arg, help=_("năm của đợt bình xét (mặc định năm của hội nghị)"))
    p.add_argument("--out", metavar="FILE.pdf|.docx")
