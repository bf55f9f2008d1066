"""``tdkt evaluate``, ``tdkt money`` and ``tdkt rules show|check``: the rule pack and what it decides."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    Exit,
    add_command,
    add_group,
    day_arg,
    done,
    in_store,
    note,
    open_store,
    optional_day,
    reply,
    year_arg,
)
from desktop.domain.codes import AUTHORITY_LABELS, PAPER_LABELS, UNIT_KINDS
from desktop.domain.dates import format_date
from desktop.domain.money import format_number
from desktop.i18n import _
from desktop.ops import rules
from desktop.ops.rules import (
    check_override_file,
    effective_pack,
    evaluate_year,
    pack_json,
    rules_summary,
    unit_kind,
    verdicts_json,
)

_MET_MARKS = {True: "+", False: "-", None: "*"}


def evaluate(args: argparse.Namespace) -> int:
    on = optional_day(args.on)
    with open_store(args) as store:
        pack = effective_pack(store)
        verdicts = evaluate_year(store, year=args.year, on=on)
        kind = unit_kind(store)
    when = on or date(args.year, 12, 31)
    rows = verdicts_json(verdicts, pack, on=when, kind=kind)

    def text() -> None:
        kinds = {"individual": _("cá nhân"), "collective": _("tập thể")}
        current: tuple[str, Any] | None = None
        for row in rows:
            subject = (row["target_kind"], row["id"])
            if subject != current:
                if current is not None:
                    print()
                print(f"{row['name']} ({kinds[row['target_kind']]})")
                current = subject
            label = pack.item(row["code"]).label if pack.has(row["code"]) else row["code"]
            rank = _(" — thứ tự {rank}").format(rank=row["rank"]) if row["rank"] is not None else ""
            print(f"  {row['code']} ({label}): {row['verdict_label']}{rank}")
            for reason in row["reasons"]:
                cite = f" — {reason['citation']}" if reason["citation"] else ""
                print(f"    {_MET_MARKS[reason['met']]} {reason['text']}{cite}")
        note(_("Năm {year}: {n} kết quả xét.").format(year=args.year, n=len(rows)))

    return reply(
        args, lambda: {"year": args.year, "on": when.isoformat(), "pack": pack_json(pack), "verdicts": rows}, text
    )


def money(args: argparse.Namespace) -> int:

    decision_date = day_arg(args.date)
    with open_store(args, must_be_set_up=False) as store:
        result = rules.money_json(rules.money(store, code=args.code, target=args.target, decision_date=decision_date))

    def text() -> None:
        print(_("Số tiền: {amount} đồng").format(amount=format_number(result["amount"])))
        print(_("Bằng chữ: {words}").format(words=result["words"]))
        print(_("Cách tính: {arithmetic}").format(arithmetic=result["arithmetic"]))

    return reply(args, result, text)


def _value_text(entry: dict[str, Any]) -> str:
    value = entry["value"]
    if isinstance(value, bool):
        shown = _("có") if value else _("không")
    elif isinstance(value, int | float):
        shown = format_number(Decimal(str(value)))
    elif isinstance(value, list):
        shown = ", ".join(str(v) for v in value)
    else:
        shown = str(value)
    return _("{value} (từ {date}; {citation})").format(
        value=shown, date=format_date(entry["from"]), citation=entry["citation"]
    )


def _print_catalog(heading: str, items: list[dict[str, Any]]) -> None:
    print(heading)
    conferred = {code: _(label) for code, label in AUTHORITY_LABELS.items()}
    for item in items:
        targets = _("đối tượng: {targets}").format(targets=", ".join(item["targets"]))
        print(f"  {item['code']}: {item['name']} — " + targets)
        print("    " + _("Căn cứ: {citation}").format(citation=item["basis"]["citation"]))
        who = conferred.get(item["conferred_by"]["value"], item["conferred_by"]["value"])
        print("    " + _("Thẩm quyền: {who}").format(who=who) + f" ({item['conferred_by']['citation']})")
        paper = _(PAPER_LABELS.get(item["certificate"], item["certificate"]))
        print("    " + _("Giấy in: {paper}").format(paper=paper))
        for target, entry in item["coefficients"].items():
            print("    " + _("Hệ số ({target}): {value}").format(target=target, value=_value_text(entry)))
        if item["ballot_required"]["value"] and item["ballot_threshold_percent"]:
            threshold = _value_text(item["ballot_threshold_percent"])
            ballot = _("Bỏ phiếu kín, tỷ lệ đồng ý (%) trên tổng số thành viên Hội đồng: {value}")
            print("    " + ballot.format(value=threshold))
        for name, entry in item["params"].items():
            print(f"    {name} = {_value_text(entry)}")


def _print_rules(summary: dict[str, Any]) -> None:
    for source in summary["sources"]:
        print(
            _("Bộ quy tắc: {name} ({id}, phiên bản {version}, từ {valid_from})").format(
                name=source["name"],
                id=source["id"],
                version=source["version"],
                valid_from=format_date(source["valid_from"]),
            )
        )
    kind = _(UNIT_KINDS.get(summary["unit_kind"], summary["unit_kind"]))
    print(_("Quy định áp dụng ngày {date} cho đơn vị loại “{kind}”").format(date=format_date(summary["on"]), kind=kind))
    for entry in summary["legal_texts"].values():
        if entry["value"]:
            print(f"  {entry['value']}")
    print()
    _print_catalog(_("DANH HIỆU THI ĐUA"), summary["titles"])
    print()
    _print_catalog(_("HÌNH THỨC KHEN THƯỞNG"), summary["award_forms"])
    print()
    print(_("MỨC LƯƠNG CƠ SỞ"))
    for entry in summary["base_salary"]:
        print(f"  {_value_text(entry)}")
    print()
    print(_("QUY ĐỊNH CHUNG"))
    for name, entry in summary["settings"].items():
        print(f"  {name} = {_value_text(entry)}")


def show(args: argparse.Namespace) -> int:
    summary = in_store(args, rules_summary, must_be_set_up=False, on=optional_day(args.on))
    return reply(args, summary, lambda: _print_rules(summary))


def check(args: argparse.Namespace) -> int:
    problems = check_override_file(Path(args.file))
    for problem in problems:
        note(problem)
    if problems:
        return Exit.REFUSED
    return done(_("Tệp {file} hợp lệ: có thể đặt chồng lên bộ quy tắc quốc gia.").format(file=args.file))


def register(sub: Any) -> None:
    p = add_command(sub, "evaluate", evaluate, _("xét điều kiện danh hiệu, khen thưởng của một năm"), json=True)
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument(
        "--on",
        metavar="YYYY-MM-DD",
        help=_("ngày dự kiến ký quyết định (mặc định 31/12 của năm): xét theo quy định của ngày đó"),
    )

    p = add_command(sub, "money", money, _("tính tiền thưởng theo hệ số và mức lương cơ sở"), json=True)
    p.add_argument("--code", required=True)
    p.add_argument("--target", required=True, choices=("individual", "collective", "household"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=_("ngày ký quyết định khen thưởng"))

    add_group(sub, "rules", _("bộ quy tắc thi đua, khen thưởng"), _rules_commands)


def _rules_commands(rules: Any) -> None:
    p = add_command(rules, "show", show, _("danh mục và các giá trị kèm căn cứ"), json=True)
    p.add_argument(
        "--on", metavar="YYYY-MM-DD", help=_("xem bộ quy tắc như có hiệu lực vào ngày này (mặc định: hôm nay)")
    )
    p = add_command(rules, "check", check, _("kiểm tra một tệp quy tắc riêng của tỉnh (.toml)"))
    p.add_argument("file")
