"""``tdkt certificates`` (giấy khen, bằng chứng nhận of a decision, the printers, the print register) and
``tdkt verify`` (the QR code of a printed paper)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    CliError,
    Exit,
    add_command,
    add_group,
    decision_id,
    done,
    in_store,
    note,
    number_arg,
    open_store,
    options,
    print_rows,
    reply,
    whole_arg,
    year_arg,
)
from desktop.domain.codes import PAPER_NAMES
from desktop.domain.text import fold
from desktop.i18n import _


def render(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    with open_store(args) as store:
        chosen = decision_id(store, args.decision, args.year)
        awardees = certificates.unprinted_awardee_ids(store, chosen, paper=args.paper) if args.unprinted else None
        if awardees == []:
            raise CliError(
                _(
                    "Mọi người của quyết định {number} đã được in giấy; "
                    "in lại từng giấy bằng tdkt certificates reprint."
                ).format(number=args.decision)
            )
        batch = certificates.prepare_batch(
            store,
            decision_id=chosen,
            awardee_ids=awardees,
            **options(args, "mode", "printer", "paper", "award", template_id="template"),
            serial_start=args.serial or "",
            require_calibration=not args.uncalibrated,
        )
        paths = certificates.print_batch(store, batch, Path(args.out), per_person=args.per_person)
    sheets = [awardee for group in batch.groups for awardee, _data in group.rows]
    skipped = [{"register_no": a["register_no"], "name": a["snapshot_name"], "code": a["code"]} for a in batch.skipped]

    def text() -> None:
        print_rows([path] for path in paths)
        papers = ", ".join(sorted({certificates.paper_name(a["paper"]) for a in sheets}))
        message = _("Đã in {n} tờ ({papers}) vào {files} tệp; đã ghi vào sổ theo dõi in.")
        print(message.format(n=batch.count, papers=papers, files=len(paths)))
        if batch.skipped:
            titles = ", ".join(sorted({a["code_name"] for a in batch.skipped}))
            left_out = _(
                "Không in {n} dòng ({titles}): tiền thưởng và một dòng trong quyết định, không có giấy chứng nhận "
                "(bật bằng “tdkt certificates optional on --cite …”)."
            )
            note(left_out.format(n=len(batch.skipped), titles=titles))

    data = {
        "decision": args.decision,
        "mode": args.mode,
        "paths": [str(p) for p in paths],
        "papers": [a["paper"] for a in sheets],
        "skipped": skipped,
    }
    return reply(args, data, text)


def reprint_reason(text: str, note: str) -> tuple[str, str]:
    """The reason code and note of ``--reason``/``--note``: a code (spoiled, correction, other) or its Vietnamese
    words ("Hỏng phôi") as given; any other words are the reason itself ("other", the words as the note)."""
    from desktop.ops import certificates

    wanted = (text or "").strip()
    for code in certificates.REPRINT_REASONS:
        if fold(wanted) in (fold(code), fold(_(certificates.REPRINT_LABELS[code]))):
            return code, note
    words = "; ".join(part for part in (wanted, (note or "").strip()) if part)
    return "other", words


def reprint(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    reason, reason_note = reprint_reason(args.reason, args.note or "")
    with open_store(args) as store:
        result = certificates.reprint_certificate(
            store,
            out=Path(args.out),
            reason=reason,
            note=reason_note,
            awardee_id=args.awardee,
            print_id=args.print_id,
            serial=args.serial or "",
            printer=args.printer,
            require_calibration=not args.uncalibrated,
        )
    label = _(certificates.REPRINT_LABELS[result["reason"]])
    why = f"{label}: {result['note']}" if result["note"] else label
    data = result | {"paths": [str(p) for p in result["paths"]]}

    def text() -> None:
        print_rows([path] for path in result["paths"])
        message = _(
            "Đã in lại giấy của {name} (số sổ vàng {register_no}, Quyết định số {number}), lý do: {why}; đã ghi vào "
            "sổ theo dõi in là bản in lại của lần in mã {original}."
        )
        print(
            message.format(
                name=result["name"],
                register_no=result["register_no"],
                number=result["decision_number"],
                why=why,
                original=result["reprint_of"],
            )
        )
        if result["printer_from_original"] and result["printer"]:
            profile = result["profile"]
            taken = _(
                "Dùng máy in “{printer}” như lần in mã {original} (lệch ngang {x} mm, lệch dọc {y} mm, tỉ lệ "
                "{scale}); in bằng máy khác thì thêm --printer TÊN."
            )
            print(
                taken.format(
                    printer=result["printer"],
                    original=result["reprint_of"],
                    x=f"{profile['offset_x_mm']:g}",
                    y=f"{profile['offset_y_mm']:g}",
                    scale=f"{profile['scale']:g}",
                )
            )

    return reply(args, data, text)


def optional(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    on = args.state == "on"
    in_store(args, certificates.set_optional_certificates, on=on, cite=args.cite or "")
    if on:
        message = _("Đã bật in giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động tiên tiến (căn cứ: {cite}).")
        return done(message.format(cite=args.cite))
    return done(_("Đã tắt in giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động tiên tiến."))


def calibration(args: argparse.Namespace) -> int:
    from desktop.documents.certificates import calibration_page

    path = calibration_page(Path(args.out), page_w_mm=args.width_mm, page_h_mm=args.height_mm)
    return done(_("Đã ghi trang căn chỉnh máy in: {path}").format(path=path))


def printer_set(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    with open_store(args) as store:
        offsets = options(args, "name", "scale", offset_x_mm="offset_x", offset_y_mm="offset_y")
        profile = certificates.save_printer_profile(store, **offsets)
    message = _("Máy in {name}: lệch ngang {x} mm, lệch dọc {y} mm, tỉ lệ {scale}.")
    return reply(
        args,
        profile.to_dict,
        message.format(
            name=profile.name, x=f"{profile.offset_x_mm:g}", y=f"{profile.offset_y_mm:g}", scale=f"{profile.scale:g}"
        ),
    )


def print_register(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    with open_store(args) as store:
        found = decision_id(store, args.decision, args.year) if args.decision else None
        rows = certificates.print_register(store, decision_id=found)
    columns = ("decision_number", "register_no", "name", "times_printed")
    return reply(
        args,
        rows,
        lambda: print_rows(
            [
                *(row[key] for key in columns),
                ", ".join(row["serials"]),
                "; ".join(row["reprint_reasons"]),
                row["decision_status_text"],
            ]
            for row in rows
        ),
    )


def verify(args: argparse.Namespace) -> int:
    from desktop.ops import certificates

    text = args.payload
    candidate = Path(text)
    if len(text) < 1024 and "|" not in text and candidate.is_file():
        text = certificates.read_scan_file(candidate)
    result = in_store(args, certificates.verify, payload=text)
    # 0 only for a paper that can be trusted today: genuine, and (ours) in the register on a decision in force
    return reply(args, result, result["message"], code=Exit.OK if result["valid"] else Exit.REFUSED)


def register(sub: Any) -> None:
    add_group(
        sub, "certificates", _("in giấy khen, bằng chứng nhận, giấy chứng nhận theo quyết định"), _certificates_commands
    )
    p = add_command(
        sub,
        "verify",
        verify,
        _("kiểm tra mã QR trên giấy khen, bằng chứng nhận: thật hay giả, loại giấy nào, đơn vị nào cấp"),
        json=True,
    )
    p.add_argument(
        "payload", metavar="PAYLOAD_OR_IMAGE_TEXT", help=_("nội dung mã QR, hoặc tệp chữ do máy quét ghi ra")
    )


def _certificates_commands(certificates: Any) -> None:
    p = add_command(
        certificates,
        "render",
        render,
        _(
            "in giấy khen, bằng chứng nhận của một quyết định ra PDF, mỗi khen thưởng đúng loại giấy của nó "
            "(ghi vào sổ theo dõi in)"
        ),
        json=True,
    )
    p.add_argument("--decision", required=True, metavar="NUMBER", help=_("số quyết định, ví dụ 125/QĐ-UBND"))
    p.add_argument("--year", type=year_arg, help=_("năm ký quyết định, khi số quyết định trùng giữa các năm"))
    p.add_argument(
        "--mode", choices=("full", "preprinted"), default="full", help=_("full: giấy trắng; preprinted: phôi")
    )
    p.add_argument("--printer", metavar="NAME", help=_("tên máy in: dùng độ lệch đã căn chỉnh cho máy đó"))
    _uncalibrated_arg(p)
    p.add_argument("--per-person", action="store_true", help=_("mỗi người một tệp; --out là thư mục"))
    p.add_argument("--unprinted", action="store_true", help=_("chỉ in những người chưa được in giấy"))
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument(
        "--template", metavar="ID", help=_("mã mẫu, ví dụ giay_khen_a4 (mặc định: theo loại giấy của khen thưởng)")
    )
    p.add_argument("--serial", metavar="SERIAL", help=_("số sê-ri của tờ phôi đầu tiên (các tờ sau tăng dần)"))
    p.add_argument(
        "--paper", choices=sorted(PAPER_NAMES), help=_("chỉ in những người được loại giấy này (một loại phôi)")
    )
    p.add_argument(
        "--award",
        metavar="CODE",
        help=_("chỉ in những người được danh hiệu, hình thức khen thưởng mã này (ví dụ GDVH)"),
    )
    p = add_command(
        certificates,
        "reprint",
        reprint,
        _(
            "in lại giấy của một người đã in (hỏng phôi, in sai…) ra PDF, ghi vào sổ theo dõi in là bản in lại, "
            "kèm lý do"
        ),
        json=True,
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--awardee",
        type=whole_arg,
        metavar="ID",
        help=_("mã người được khen (awardee_id trong “tdkt certificates register --json”): in lại lần in gần nhất"),
    )
    which.add_argument(
        "--print-id", type=whole_arg, metavar="N", help=_("mã lần in trong sổ theo dõi in (prints[].id) được in lại")
    )
    p.add_argument(
        "--reason",
        required=True,
        metavar="TEXT",
        help=_("lý do: spoiled (hỏng phôi), correction (sửa nội dung in sai), other, hoặc ghi rõ lý do khác"),
    )
    p.add_argument("--note", metavar="TEXT", help=_("ghi chú thêm cho lý do (bắt buộc với other)"))
    p.add_argument("--serial", metavar="SERIAL", help=_("số sê-ri của tờ phôi mới"))
    p.add_argument("--printer", metavar="NAME", help=_("tên máy in: dùng độ lệch đã căn chỉnh cho máy đó"))
    _uncalibrated_arg(p)
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p = add_command(certificates, "calibration-page", calibration, _("trang căn chỉnh máy in có thước và dấu thập"))
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--width-mm", type=number_arg, default=297.0)
    p.add_argument("--height-mm", type=number_arg, default=210.0)
    add_group(certificates, "printer", _("độ lệch của máy in"), _printer_commands)
    p = add_command(
        certificates,
        "register",
        print_register,
        _("sổ theo dõi giấy khen, bằng chứng nhận đã in: số lần in, số phôi, lý do in lại"),
        json=True,
    )
    p.add_argument("--decision", metavar="NUMBER")
    p.add_argument("--year", type=year_arg)
    p = add_command(
        certificates,
        "optional",
        optional,
        _(
            "bật/tắt in giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động tiên tiến (mặc định không in: "
            "tiền thưởng và một dòng trong quyết định)"
        ),
    )
    p.add_argument("state", choices=("on", "off"))
    p.add_argument("--cite", help=_("văn bản của tỉnh hoặc đơn vị quyết định việc này (bắt buộc)"))


def _uncalibrated_arg(p: Any) -> None:
    p.add_argument(
        "--uncalibrated",
        action="store_true",
        help=_(
            "in bằng máy in chưa căn chỉnh (không có độ lệch đã lưu): không hiệu chỉnh độ lệch; thiếu tùy chọn này "
            "thì máy in chưa căn chỉnh bị từ chối"
        ),
    )


def _printer_commands(printer: Any) -> None:
    p = add_command(printer, "set", printer_set, _("ghi độ lệch (mm) và tỉ lệ của một máy in"), json=True)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--offset-x", type=number_arg, required=True, metavar="MM")
    p.add_argument("--offset-y", type=number_arg, required=True, metavar="MM")
    p.add_argument("--scale", type=number_arg, default=1.0, metavar="S")
