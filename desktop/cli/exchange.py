"""``tdkt keys``, ``tdkt package`` and ``tdkt province``: the signed packages exchanged with the province.

A refused package raises ``PackageError``, which :mod:`desktop.cli.common` turns into its one line (exit code 1).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    CliError,
    Exit,
    add_command,
    add_group,
    done,
    in_store,
    note,
    open_store,
    optional_day,
    options,
    print_json,
    print_rows,
    reply,
    year_arg,
)
from desktop.exchange.format import KINDS, PackageError
from desktop.i18n import _
from desktop.ops import province

# -- keys --------------------------------------------------------------------------------------------------------


def keys_show(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    with open_store(args) as store:
        exchange.ensure_unit_keys(store)
        info = exchange.show_keys(store)

    def text() -> None:
        print(_("Dấu vân tay khóa của đơn vị {name}: {fingerprint}").format(name=info["unit_name"], **info))
        print_rows(
            [key["role"], key["unit_code"], key["unit_name"], key["fingerprint"], _state(key)]
            for key in info["trusted"]
        )

    return reply(args, info, text)


def _state(key: dict[str, Any]) -> str:
    return _("đã thu hồi") if key["revoked"] else _("tin cậy")


def keys_export_public(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    with open_store(args) as store:
        path = exchange.export_public_key(store, path=Path(args.file))
        fingerprint = exchange.show_keys(store)["fingerprint"]
    return done(
        _("Đã ghi khóa công khai vào {path}; dấu vân tay: {fingerprint}").format(path=path, fingerprint=fingerprint)
    )


def keys_trust(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    trust = options(args, "role", "replace", expected_fingerprint="fingerprint")
    found = in_store(args, exchange.trust_key, path=Path(args.file), **trust)
    message = _("Đã tin cậy khóa của {name} ({code}, vai trò {role}); dấu vân tay: {fingerprint}")
    if found.get("unchanged"):
        message = _(
            "Khóa của {name} ({code}, vai trò {role}) đã được tin cậy từ trước; không thay đổi gì. "
            "Dấu vân tay: {fingerprint}"
        )
    return reply(
        args,
        found,
        message.format(
            name=found["unit_name"], code=found["unit_code"], role=found["role"], fingerprint=found["fingerprint"]
        ),
    )


def keys_replace(args: argparse.Namespace) -> int:
    """A new key pair for this unit; asks "CO" at a terminal unless --yes (refused without one)."""
    from desktop.ops import exchange

    exchange.replacement_reason(args.reason)  # an empty reason is refused before anything is asked
    if not args.yes:
        with contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext():
            if not _replace_asked(args):
                return Exit.REFUSED
    info = in_store(args, exchange.replace_unit_keys, reason=args.reason)

    def text() -> None:
        print(
            _("Đã tạo khóa mới cho đơn vị; dấu vân tay mới: {fingerprint}").format(fingerprint=info["new_fingerprint"])
        )
        if info["old_fingerprint"]:
            print(
                _("Khóa cũ ({fingerprint}) được giữ lại để kiểm tra giấy khen cũ và mở gói đã mã hóa cho nó.").format(
                    fingerprint=info["old_fingerprint"]
                )
            )
        print(info["advice"])

    return reply(args, info, text)


def _replace_asked(args: argparse.Namespace) -> bool:
    """The clerk's typed go-ahead; without a terminal (and without --yes) the replacement is refused."""
    if not sys.stdin.isatty():
        raise CliError(_("Không có bàn phím để xác nhận; thêm --yes nếu chắc chắn muốn tạo khóa mới."))
    from desktop.ops import exchange

    current = in_store(args, exchange.show_keys)["fingerprint"]
    print(
        _(
            "Sẽ tạo khóa mới cho đơn vị và dùng nó từ nay (khóa hiện dùng: {fingerprint}). Gói và giấy khen mới "
            "sẽ ký bằng khóa mới; Sở Nội vụ và các đơn vị đang tin cậy khóa này phải tin cậy khóa mới thì mới nhận "
            "được gói của đơn vị."
        ).format(fingerprint=current or "—")
    )
    if input(_("Gõ CO để xác nhận: ")).strip().upper() in ("CO", "CÓ"):
        return True
    note(_("Đã hủy; không thay đổi gì."))
    return False


# -- packages ----------------------------------------------------------------------------------------------------


def package_export(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    package = options(args, "kind", "year", "encrypt_to", "receiver")
    info = in_store(args, exchange.export, out=Path(args.out), **package)
    return reply(args, info, _("Đã tạo gói {path}.").format(path=info["path"]))


def package_verify(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    with open_store(args) as store:
        try:
            info = exchange.verify_file(store, path=Path(args.file))
        except PackageError as exc:
            if not args.json:
                raise
            print_json({"valid": False, "file": Path(args.file).name, "code": exc.code, "message": exc.message})
            return Exit.REFUSED
    message = _("Gói hợp lệ: {kind} năm {year} từ {sender}, ký bởi khóa {fingerprint}.")
    return reply(
        args,
        info,
        lambda: print(
            message.format(
                kind=info["kind"],
                year=info["year"],
                sender=info["sender"]["name"],
                fingerprint=info["signer"]["fingerprint"],
            )
        ),
    )


def _print_plans(plans: list[Any]) -> None:
    line = _("{file}: {kind}: {new} mới, {updated} cập nhật, {unchanged} không đổi, {conflicts} xung đột")
    for plan in plans:
        report = plan.to_json()
        for kind, counts in report["counts"].items():
            print(line.format(file=report["file"], kind=kind, **counts))
        for message in report["messages"]:
            print("  " + message)
        for conflict in report["conflicts"]:
            print("  " + _("Xung đột: {label} — {reason}").format(**conflict))
            for field in conflict["fields"]:
                print("    {field}: {ours} ≠ {theirs}".format(**field))


def package_import(args: argparse.Namespace) -> int:
    from desktop.ops import exchange

    files = [Path(name) for name in args.files]
    if args.dry_run:
        plans = in_store(args, exchange.dry_run, files=files)
        return reply(
            args, lambda: {"dry_run": True, "packages": [plan.to_json() for plan in plans]}, lambda: _print_plans(plans)
        )
    results = in_store(args, exchange.import_files, files=files)
    return reply(
        args,
        lambda: {"dry_run": False, "packages": [result.to_json() for result in results]},
        lambda: print_rows([result.message] for result in results),
    )


# -- province mode -------------------------------------------------------------------------------------------------


def province_consolidated(args: argparse.Namespace) -> int:
    from desktop.exchange.province import consolidated

    summary = in_store(args, consolidated, year=args.year)

    def text() -> None:
        total = _("Tổng: {units} đơn vị, {nominations} đề nghị, {decided} đã có quyết định, {awards} khen thưởng.")
        keys = ("code", "name", "nominations", "decided", "awards")
        print_rows(summary["units"], keys, total=total.format(**summary["totals"]), blank_none=True)
        for nomination in summary["nominations"]:  # recording the second is refused: say so before, on stderr
            if nomination["duplicate_note"]:
                print(_("Lưu ý: {warning}").format(warning=nomination["duplicate_note"]), file=sys.stderr)

    return reply(args, summary, text)


def province_mode(args: argparse.Namespace) -> int:
    from desktop.exchange.province import get_mode, set_mode

    with open_store(args) as store:
        if args.mode:
            set_mode(store, mode=args.mode)
        mode = get_mode(store)
    if mode == "province":
        text = _("Chế độ cấp tỉnh: nhận và tổng hợp gói dữ liệu của các đơn vị, gửi quyết định về đơn vị.")
    else:
        text = _("Chế độ đơn vị: gửi hồ sơ, báo cáo lên tỉnh và nhận quyết định của tỉnh.")
    return reply(args, {"mode": mode}, text)


def province_attachments(args: argparse.Namespace) -> int:
    from desktop.exchange.province import list_attachments, package_time_text, save_attachment

    with open_store(args) as store:
        rows = list_attachments(store, unit_code=args.unit)
        folder = Path(args.out) if args.out else None
        saved = [str(save_attachment(store, attachment_id=r["id"], folder=folder)) for r in rows] if folder else []

    def text() -> None:
        paths = saved or [""] * len(rows)
        lines = (
            [r["unit_code"], r["unit_name"], r["name"], r["size"], package_time_text(r["package_created_at"]),
             _("bản cũ") if r["outdated"] else _("mới nhất"), p, r["nominee"]]
            for r, p in zip(rows, paths, strict=True)
        )  # fmt: skip
        print_rows(lines, total=_("Tổng: {n} tệp đính kèm.").format(n=len(rows)))

    listed = [row | {"path": path} for row, path in zip(rows, saved, strict=True)] if saved else rows
    return reply(args, {"attachments": listed}, text)


def province_decide(args: argparse.Namespace) -> int:
    pairs = []
    for item in args.nomination:
        unit_code, _sep, uuid = item.partition(":")
        if not unit_code or not uuid:
            raise CliError(
                _("“{value}” không đúng dạng MÃ_ĐƠN_VỊ:MÃ_ĐỀ_NGHỊ (xem tdkt province consolidated --json).").format(
                    value=item
                )
            )
        pairs.append((unit_code.strip(), uuid.strip()))
    uuids = in_store(
        args,
        province.decide,
        nominations=pairs,
        awarded=args.awarded,
        decision_no=args.number or "",
        decision_date=optional_day(args.date),
        issuer=args.issuer or "",
        note=args.note or "",
    )
    verdict = _("khen thưởng") if args.awarded else _("không khen thưởng")
    message = _("Đã ghi quyết định của tỉnh ({verdict}) cho {n} đề nghị.").format(verdict=verdict, n=len(uuids))
    return reply(args, {"decisions": uuids, "awarded": args.awarded}, message)


def register(sub: Any) -> None:
    add_group(sub, "keys", _("khóa ký số và mã hóa gói dữ liệu"), _keys_commands)
    add_group(sub, "package", _("gói dữ liệu gửi và nhận với cấp tỉnh"), _package_commands)
    add_group(sub, "province", _("chế độ cấp tỉnh: tổng hợp dữ liệu các đơn vị"), _province_commands)


def _keys_commands(keys: Any) -> None:
    add_command(keys, "show", keys_show, _("dấu vân tay của đơn vị và các khóa được tin cậy"), json=True)
    p = add_command(keys, "export-public", keys_export_public, _("ghi khóa công khai ra tệp để gửi cho cấp tỉnh"))
    p.add_argument("file")
    p = add_command(keys, "trust", keys_trust, _("tin cậy khóa công khai trong một tệp .tdktkey"), json=True)
    p.add_argument("file")
    p.add_argument("--role", choices=("province", "unit"))
    p.add_argument("--fingerprint", help=_("dấu vân tay đọc qua điện thoại, để đối chiếu"))
    p.add_argument(
        "--replace",
        metavar="FINGERPRINT",
        help=_("đổi khóa: thu hồi khóa cũ có dấu vân tay này và tin cậy khóa mới trong cùng một lần"),
    )

    p = add_command(
        keys,
        "replace",
        keys_replace,
        _("tạo khóa mới thay khóa đang dùng (khi bản sao khóa bị mất, lộ); khóa cũ được giữ để kiểm tra"),
        json=True,
    )
    p.add_argument("--reason", required=True, help=_("lý do tạo khóa mới (ghi vào nhật ký)"))
    p.add_argument("--yes", action="store_true", help=_("không hỏi lại"))


def _package_commands(package: Any) -> None:
    p = add_command(package, "export", package_export, _("tạo gói dữ liệu"), json=True)
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--encrypt-to", metavar="FINGERPRINT")
    p.add_argument("--receiver", metavar="CODE", help=_("mã đơn vị nhận (gói quyết định của tỉnh)"))
    p = add_command(package, "verify", package_verify, _("kiểm tra một gói mà không ghi gì"), json=True)
    p.add_argument("file")
    p = add_command(
        package, "import", package_import, _("nhập gói (kiểm tra trước; --dry-run chỉ xem trước)"), json=True
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true")


def _province_commands(province: Any) -> None:
    p = add_command(
        province, "mode", province_mode, _("xem hoặc đổi chế độ: province (cấp tỉnh) hay unit (đơn vị)"), json=True
    )
    p.add_argument("mode", nargs="?", choices=("province", "unit"))
    p = add_command(
        province, "attachments", province_attachments, _("các tệp đơn vị gửi kèm gói (báo cáo thành tích)"), json=True
    )
    p.add_argument("--unit", metavar="CODE")
    p.add_argument("--out", metavar="FOLDER", help=_("ghi các tệp vào thư mục này để mở, in"))
    p = add_command(
        province, "consolidated", province_consolidated, _("danh sách và số liệu tổng hợp theo đơn vị"), json=True
    )
    p.add_argument("--year", type=year_arg, required=True)
    p = add_command(
        province, "decide", province_decide, _("ghi quyết định của tỉnh cho các đề nghị đơn vị gửi lên"), json=True
    )
    p.add_argument(
        "--nomination", action="append", required=True, metavar="UNIT:UUID",
        help=_("mã đơn vị và mã đề nghị (từ tdkt province consolidated --json); ghi nhiều lần cho nhiều đề nghị"),
    )  # fmt: skip
    verdict = p.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--awarded", action="store_true", help=_("được khen thưởng"))
    verdict.add_argument("--not-awarded", action="store_true", help=_("không được khen thưởng"))
    p.add_argument("--number", help=_("số quyết định, ví dụ 215/QĐ-UBND (bắt buộc khi được khen thưởng)"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("ngày ký quyết định (bắt buộc khi được khen thưởng)"))
    p.add_argument("--issuer", help=_("cơ quan, người ban hành (mặc định: tên đơn vị này)"))
    p.add_argument("--note")
