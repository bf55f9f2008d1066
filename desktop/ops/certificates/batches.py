"""A batch of certificates: prepared, checked to fit, written to PDF, then recorded in one transaction."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from desktop.documents.certificates import (
    CertificateData,
    CertificateError,
    FitError,
    PrinterProfile,
    Template,
    field_boxes,
    render_certificates,
    render_one_per_person,
)
from desktop.documents.certificates.labels import field_label
from desktop.documents.certificates.render import artwork_off_page, fields_off_page
from desktop.documents.certificates.template import MODES
from desktop.files.names import fit_path
from desktop.files.replace import FileInUseError, discard, probe_writable, replace_file
from desktop.i18n import N_, _
from desktop.ops.certificates.data import _decision, _pairs
from desktop.ops.certificates.papers import get_template, paper_name, template_for
from desktop.ops.certificates.printers import PDF_PRINTER, check_printer_calibrated, get_printer_profile
from desktop.ops.certificates.register import (
    check_reprint_reason,
    decision_awardees,
    latest_print,
    record_reprint,
    refuse_changed_decision,
    refuse_printed,
    refuse_used_serials,
)
from desktop.store import Store, StoreError, ValidationError, certificates_repo

Progress = Callable[[int, int], None]
_T = TypeVar("_T")


MODE_LABELS: dict[str, str] = {"preprinted": N_("Phôi in sẵn"), "full": N_("Giấy trắng in đầy đủ")}


def next_serial(serial: str) -> str:
    """The serial after ``serial``: its last run of digits plus one, zeros kept ("AA000099" → "AA000100")."""
    match = re.search(r"(\d+)(?!.*\d)", serial)
    if not match:
        return serial
    digits = match.group(1)
    bumped = str(int(digits) + 1).zfill(len(digits))
    return serial[: match.start(1)] + bumped + serial[match.end(1) :]


@dataclass
class Group:
    template: Template
    rows: list[tuple[dict[str, Any], CertificateData]]


@dataclass
class Batch:
    """Everything a batch needs, read from the database once; writing it needs no database."""

    decision: dict[str, Any]
    mode: str
    printer: str
    profile: PrinterProfile
    groups: list[Group] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)  # awards of the decision that get no paper

    @property
    def count(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    @property
    def rows(self) -> list[tuple[dict[str, Any], CertificateData, Template]]:
        return [(a, d, g.template) for g in self.groups for a, d in g.rows]


def prepare_batch(
    store: Store,
    *,
    decision_id: int | None = None,
    decision_number: str | None = None,
    year: int | None = None,
    mode: str = "full",
    printer: str | None = None,
    awardee_ids: Iterable[int] | None = None,
    template_id: str | None = None,
    serial_start: str = "",
    paper: str | None = None,
    award: str | None = None,
    require_calibration: bool = False,
) -> Batch:
    """The batch of a decision's certificates: every awardee with a paper, or ``awardee_ids``, or those whose paper
    is ``paper`` and whose title or award form is ``award`` (one kind of pre-printed form, for its own run of
    serials).

    ``printer`` picks the correction stored for that printer, its name compared without case and spaces; the batch
    (and so the register) names the printer as its profile does. With ``require_calibration`` (the command line,
    where the name is typed) a printer with no stored correction is refused (:func:`check_printer_calibrated`)."""
    if mode not in MODES:
        raise ValidationError(
            _("Chế độ in “{mode}” không có; chỉ có: {modes}.").format(mode=mode, modes=", ".join(MODES)), field="mode"
        )
    if require_calibration:
        check_printer_calibrated(store, printer)
    decision = _decision(store, decision_id, decision_number, year)
    pairs = _pairs(store, decision, awardee_ids)
    if paper:
        pairs = [(awardee, data) for awardee, data in pairs if awardee["paper"] == paper]
        if not pairs:
            raise ValidationError(
                _("Quyết định {number} không có ai được in {paper}.").format(
                    number=decision["number_text"], paper=paper_name(paper)
                ),
                field="paper",
            )
    if award:
        pairs = [(awardee, data) for awardee, data in pairs if str(awardee["code"]).upper() == award.strip().upper()]
        if not pairs:
            raise ValidationError(
                _("Quyết định {number} không có ai được in giấy của khen thưởng mã {code}.").format(
                    number=decision["number_text"], code=award.strip().upper()
                ),
                field="award",
            )
    groups: dict[str, Group] = {}
    for awardee, data in pairs:
        chosen = template_id or template_for(awardee["code"], awardee["target_kind"], awardee["paper"])
        if chosen not in groups:
            groups[chosen] = Group(get_template(chosen), [])
        groups[chosen].rows.append((awardee, data))
    serial = (serial_start or "").strip()
    if serial:
        _check_one_form(groups)
        for group in groups.values():  # file after file, each in register order: as the sheets go to the printer
            numbered = []
            for awardee, data in group.rows:
                numbered.append((awardee, dataclasses.replace(data, serial=serial)))
                serial = next_serial(serial)
            group.rows = numbered
    skipped = [a for a in decision["awardees"] if not a["paper"]] if awardee_ids is None else []
    profile = get_printer_profile(store, printer or PDF_PRINTER)
    return Batch(decision, mode, profile.name, profile, list(groups.values()), skipped)


def _form_kind(template: Template, awardee: dict[str, Any]) -> tuple[str, str]:
    """The pile of pre-printed forms a sheet is taken from: its paper, and its title too when the template leaves
    the title to the form (it prints no award name on a pre-printed sheet: "Gia đình văn hóa" and "Thôn văn hóa"
    are both a Giấy công nhận, but each form carries its own title)."""
    titled_by_form = not any(item.key == "award_name" and item.visible("preprinted") for item in template.fields)
    return str(awardee["paper"] or ""), str(awardee["code"]) if titled_by_form else ""


def _check_one_form(groups: dict[str, Group]) -> None:
    """Form serials count up through one pile of pre-printed forms, one kind of form (a person's and a collective's
    Giấy khen are laid out by two templates on the same form): a batch printing on two kinds (a Giấy khen and a
    Giấy công nhận, or the forms of two titles) would number the second kind from the first's pile, and the
    register would hold serials of forms never used. Every sheet is looked at, not one a template: a template
    chosen by hand lays out sheets of any paper. Refused; each kind is printed on its own, with its own first
    serial."""
    kinds: dict[tuple[str, str], set[str]] = {}
    titles: dict[str, str] = {}
    for template_id, group in groups.items():
        for awardee, _data in group.rows:
            kinds.setdefault(_form_kind(group.template, awardee), set()).add(template_id)
            titles[str(awardee["code"])] = str(awardee.get("code_name") or awardee["code"])
    if len(kinds) > 1:
        shown = ", ".join(
            f"“{paper_name(paper)}{' — ' + titles[code] if code else ''}” ({', '.join(sorted(templates))})"
            for (paper, code), templates in kinds.items()
        )
        raise ValidationError(
            _(
                "Quyết định này in trên {n} loại phôi: {kinds}; số sê-ri phôi chỉ đánh được cho một loại phôi mỗi "
                "lần in. Hãy in từng loại riêng, mỗi loại với số sê-ri tờ đầu của nó: trong cửa sổ, chỉ đánh dấu "
                "những người cùng một loại phôi; ở dòng lệnh, thêm --paper (ví dụ --paper giay_khen) và, khi một "
                "loại giấy có nhiều danh hiệu, --award (ví dụ --award GDVH)."
            ).format(n=len(kinds), kinds=shown),
            field="serial",
        )


def _fit_message(error: FitError, awardee: dict[str, Any]) -> str:
    return _("Không in được {paper} của {name} (số sổ vàng {register_no}): {reason}").format(
        paper=paper_name(awardee.get("paper") or "giay_khen").lower(),
        name=awardee["snapshot_name"],
        register_no=awardee["register_no"],
        reason=error,
    )


def check_batch(batch: Batch, *, emblem_path: Path | None = None) -> None:
    """Lay out every certificate before writing anything; a text that cannot fit (or a character the font lacks)
    names the person and the field. Every such line of the batch is named, so the clerk corrects them in one go.

    First, every field must land on the sheet once the printer's offset and scale are applied: a field reaching off
    the paper (beyond :data:`~desktop.documents.certificates.template.EDGE_TOLERANCE_MM`) would print cut off, or
    beside the pre-printed form, and still be recorded as the original. On blank paper ("full") the frame, the
    emblem (drawn when the template or ``emblem_path`` gives an image) and the flags are moved by the same
    correction, and the PDF page would clip them, so they are checked the same way. Each such part is named once,
    with the printer profile that pushes it off (or the template, when it is off the page without any correction)."""
    problems: list[str] = []
    off: dict[tuple[str, bool], list[tuple[Template, str, str]]] = {}  # (template, printer's fault) → parts
    named: set[tuple[str, str]] = set()
    for group in batch.groups:
        template = group.template
        if batch.mode == "full":
            _check_artwork(batch, template, emblem_path, off)
        keys = [item.key for item in template.fields]
        for awardee, data in group.rows:
            try:
                boxes = field_boxes(template, data, batch.mode, **batch.profile.render_kwargs())
            except FitError as exc:
                problems.append(_fit_message(exc, awardee))
                continue
            for key, where in fields_off_page(template, boxes):
                if (template.id, key) not in named:
                    named.add((template.id, key))
                    printers_fault = _printers_fault(batch, template, data, key)
                    label = field_label(key, keys.index(key) + 1)
                    off.setdefault((template.id, printers_fault), []).append((template, label, where))
    if off:
        raise CertificateError("\n".join(_off_page_message(batch, parts, fault) for (_id, fault), parts in off.items()))
    if len(problems) == 1:
        raise CertificateError(problems[0])
    if problems:
        shown = "\n".join(f"- {problem}" for problem in problems[:_SHOWN_PROBLEMS])
        more = len(problems) - _SHOWN_PROBLEMS
        raise CertificateError(
            _("Không in được {n} tờ; chưa ghi gì:").format(n=len(problems))
            + "\n"
            + shown
            + ("\n" + _("… và {n} tờ khác.").format(n=more) if more > 0 else "")
        )


def _check_artwork(
    batch: Batch,
    template: Template,
    emblem_path: Path | None,
    off: dict[tuple[str, bool], list[tuple[Template, str, str]]],
) -> None:
    """Add to ``off`` the parts of the template's artwork the printer's correction puts off the sheet (the same for
    every sheet of the template, so looked at once)."""
    moved = artwork_off_page(template, emblem_path, **batch.profile.render_kwargs())
    if not moved:
        return
    uncorrected = dict(artwork_off_page(template, emblem_path))
    for label, where in moved:
        off.setdefault((template.id, label not in uncorrected), []).append((template, label, where))


def _printers_fault(batch: Batch, template: Template, data: CertificateData, key: str) -> bool:
    """True when the field is on the sheet without the printer's correction: the correction pushed it off."""
    profile = batch.profile
    if profile.offset_mm == (0.0, 0.0) and profile.scale == 1.0:
        return False
    return key not in dict(fields_off_page(template, field_boxes(template, data, batch.mode)))


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _off_page_message(batch: Batch, parts: list[tuple[Template, str, str]], printers_fault: bool) -> str:
    """The parts of one template (fields by their label, the frame, emblem, flags) that reach off the sheet, and who
    must fix it: the printer's correction (when they are on the sheet without it) or the template."""
    template = parts[0][0]
    named = [(label, where) for _t, label, where in parts]
    profile = batch.profile
    values = {
        "template": template.name or template.id,
        "printer": profile.name,
        "x": _number(profile.offset_x_mm),
        "y": _number(profile.offset_y_mm),
        "scale": _number(profile.scale),
    }
    if printers_fault:
        fix = _("Hãy in trang căn chỉnh và đo lại độ lệch của máy in này; chưa in, chưa ghi gì.")
        if len(named) == 1:
            head = _(
                "Trường “{field}” của mẫu “{template}” ra ngoài tờ giấy khi in bằng máy in “{printer}” (lệch ngang "
                "{x} mm, lệch dọc {y} mm, tỉ lệ {scale}): {where}."
            )
            return head.format(field=named[0][0], where=named[0][1], **values) + " " + fix
        head = _(
            "{n} trường của mẫu “{template}” ra ngoài tờ giấy khi in bằng máy in “{printer}” (lệch ngang {x} mm, "
            "lệch dọc {y} mm, tỉ lệ {scale}):"
        )
    else:
        fix = _("Hãy sửa mẫu, kéo trường vào trong trang; chưa in, chưa ghi gì.")
        if len(named) == 1:
            head = _("Trường “{field}” của mẫu “{template}” ra ngoài tờ giấy: {where}.")
            return head.format(field=named[0][0], where=named[0][1], **values) + " " + fix
        head = _("{n} trường của mẫu “{template}” ra ngoài tờ giấy:")
    lines = [head.format(n=len(named), **values)]
    lines += [f"- “{label}”: {where}" for label, where in named]
    return "\n".join([*lines, fix])


_SHOWN_PROBLEMS = 10  # named one by one; the rest counted


def write_batch(
    batch: Batch,
    out: Path,
    *,
    per_person: bool = False,
    emblem_path: Path | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[Path]:
    """Write the PDF(s): one file (``out``), or one per person in the folder ``out``; touches no database.

    When the batch needs several templates (a decision mixing titles), each template gets its own file named
    after ``out`` and the paper: "Giay khen 2025.pdf" → "Giay khen 2025 - Giấy khen tập thể.pdf" (see
    :func:`group_file_names`).

    All or nothing: cancelled (``should_cancel``), refused or interrupted (Ctrl+C) part-way, every file the batch
    already wrote (earlier groups' files, earlier people's files) is deleted before the exception goes on, since
    each is a complete, QR-signed original the register never recorded. A file that was on the disk before the
    batch started is left as it was: group files are drawn under a temporary name and put in place only once the
    whole batch is drawn (so a file chosen to be replaced is replaced then, not half-way), and one file per person
    never takes the name of a file already in the folder. Before the first group file is put in place every name is
    checked (:func:`_check_targets`: no folder of that name, no file another program holds), and each earlier file
    is copied aside (:func:`_set_aside`); when a later file still cannot be put in place, the earlier files already
    replaced get their old contents back (:func:`_put_back`), so no name holds unrecorded originals.
    """
    check_batch(batch, emblem_path=emblem_path)
    out = Path(out)
    total = batch.count
    done = 0
    paths: list[Path] = []
    kwargs = batch.profile.render_kwargs()
    targets = group_file_names(batch, out)
    folder_was_there = out.is_dir()
    there_before = _existing_files(out if per_person else None, targets)
    if not per_person:
        _check_targets(targets)  # before the long drawing too: a folder of that name is known now
    replaced: list[Path] = []
    aside: dict[Path, Path] = {}  # an earlier file → its copy, until the whole batch is in place
    try:
        for group, target in zip(batch.groups, targets, strict=True):
            items = [data for _a, data in group.rows]
            before = done

            def step(index: int, _count: int, before: int = before) -> None:
                if progress is not None:
                    progress(before + index, total)

            # the same drawing options whether the group goes to one file or to one file per person
            options = dict(kwargs, mode=batch.mode, emblem_path=emblem_path, progress=step, should_cancel=should_cancel)
            try:
                if per_person:
                    out.mkdir(parents=True, exist_ok=True)
                    paths += render_one_per_person(items, group.template, out, **options)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    paths.append(render_certificates(items, group.template, _drawing_name(target), **options))
            except FitError as exc:  # check_batch lays out the same text; kept for safety
                raise CertificateError(str(exc)) from exc
            done += len(items)
        if not per_person:  # the whole batch is drawn: now into its places
            _check_targets(targets)
            aside.update(_set_aside(targets))
            for drawn, target in zip(list(paths), targets, strict=True):
                try:
                    replace_file(drawn, target)
                except OSError as exc:  # the file opened in a viewer after the check, past the retry time
                    raise CertificateError(_write_failed(target, exc)) from exc
                replaced.append(target)
                paths[paths.index(drawn)] = target
    except BaseException as exc:  # cancelled, refused, Ctrl+C: nothing of the batch stays to be printed unrecorded
        kept = _put_back(replaced, aside)
        _discard_new([path for path in paths if path not in replaced], there_before)
        for copy in aside.values():
            if copy not in kept:
                discard(copy)
        if per_person and not folder_was_there:
            with contextlib.suppress(OSError):
                out.rmdir()  # only when empty: the folder this batch made for its files
        if kept and isinstance(exc, Exception):
            raise CertificateError(_kept_message(exc, kept)) from exc
        raise
    for copy in aside.values():  # the whole batch is in place: the earlier files were chosen to be replaced
        discard(copy)
    return paths


def _write_failed(target: Path, exc: OSError) -> str:
    if isinstance(exc, FileInUseError):  # names the file and says what to close
        return str(exc) + " " + _("Chưa in, chưa ghi gì.")
    return _("Không ghi được tệp {path}: {error}").format(path=target, error=exc)


def _check_targets(targets: Iterable[Path]) -> None:
    """Refuse, before any group file is put in place, a name that cannot take one: a folder of that name, or an
    earlier file another program holds open (a PDF viewer; retried as :func:`replace_file` retries an antivirus's
    brief hold). Otherwise the first files would replace the clerk's earlier files and the batch fail on a later
    one."""
    for target in dict.fromkeys(Path(t) for t in targets):
        if target.is_dir():
            raise CertificateError(
                _(
                    "Không ghi được tệp {path}: đã có một thư mục trùng tên. Hãy chọn tên tệp khác hoặc đổi tên thư "
                    "mục đó; chưa in, chưa ghi gì."
                ).format(path=target)
            )
        if target.exists():
            _probe_writable(target)


def _probe_writable(target: Path) -> None:
    """Open the earlier file for writing without changing it; a file held open by another program (Windows) or
    without write permission is refused, naming it."""
    try:
        probe_writable(target)
    except OSError as exc:
        raise CertificateError(
            _(
                "Không ghi được tệp {path}: tệp đang được một chương trình khác mở (trình đọc PDF, Word hoặc phần "
                "mềm diệt virus) hoặc không có quyền ghi. Hãy đóng chương trình đó rồi làm lại; tệp cũ vẫn còn "
                "nguyên, chưa in, chưa ghi gì."
            ).format(path=target)
        ) from exc


def _set_aside(targets: Iterable[Path]) -> dict[Path, Path]:
    """Copy every earlier file a group file is about to replace beside it ("~<name>.ban-cu.pdf"), so a batch that
    fails half-way can give each its old contents back. A copy that cannot be made stops the batch before anything is
    replaced (its copies so far are deleted)."""
    copies: dict[Path, Path] = {}
    try:
        for target in dict.fromkeys(Path(t) for t in targets):
            if target.is_file():  # there before the batch, or saved there while it was drawn
                copy = target.with_name(f"~{target.stem}.ban-cu.pdf")
                if copy.exists():  # a copy left by a crash: never overwritten, it may be the only one
                    copy = target.with_name(f"~{target.stem}.ban-cu-{os.urandom(3).hex()}.pdf")
                shutil.copy2(target, copy)
                copies[target] = copy
    except OSError as exc:
        for copy in copies.values():
            discard(copy)
        raise CertificateError(
            _("Không chép được tệp {path} sang chỗ tạm trước khi thay: {error}; chưa in, chưa ghi gì.").format(
                path=target, error=exc
            )
        ) from exc
    return copies


def _put_back(replaced: Iterable[Path], aside: dict[Path, Path]) -> set[Path]:
    """Undo the group files already put in place by a batch that failed: an earlier file gets its copy back, a new
    name is deleted. Returns the copies that could not be put back (kept, and named in the message)."""
    kept: set[Path] = set()
    for target in replaced:
        copy = aside.get(target)
        if copy is None:
            discard(target)
            continue
        try:
            replace_file(copy, target)
        except OSError:
            discard(target)  # unrecorded originals must not stay under the clerk's name
            kept.add(copy)
    return kept


def _kept_message(exc: BaseException, kept: set[Path]) -> str:
    return (
        str(exc)
        + " "
        + _("Không trả lại được tệp cũ; bản cũ được giữ ở: {paths}.").format(
            paths=", ".join(str(path) for path in sorted(kept))
        )
    )


def _drawing_name(target: Path) -> Path:
    """Where a group file is drawn before it takes the place of ``target`` (same folder, so the move is one step)."""
    return target.with_name(f"~{target.stem}.dang-ve.pdf")


def _existing_files(folder: Path | None, targets: Iterable[Path]) -> set[Path]:
    """The files already on the disk before a batch is written: the group files, or everything in the folder of a
    batch written one file per person."""
    found = {Path(target) for target in targets if Path(target).exists()}
    if folder is not None and folder.is_dir():
        found.update(folder.iterdir())
    return found


def _discard_new(paths: Iterable[Path], there_before: set[Path]) -> None:
    """Delete the files a batch stopped part-way wrote; a file that was there before it started is kept."""
    for path in paths:
        if Path(path) not in there_before:
            discard(path)


def paper_label(template: Template) -> str:
    """What a template prints, for a file name: its name without the size ("Giấy khen tập thể (A4 ngang)" →
    "Giấy khen tập thể"); the id when the name is empty."""
    label = re.sub(r"\s*\([^()]*\)\s*$", "", template.name or "").strip()
    return label or template.id


def group_file_names(batch: Batch, out: Path) -> list[Path]:
    """The PDF of each group of ``batch`` when written to ``out``: ``out`` itself for a single group, else
    "<stem> - <paper>.pdf" per group (made safe for Windows, never twice the same name)."""
    out = Path(out)
    if len(batch.groups) <= 1:
        return [out] * len(batch.groups)
    taken: list[str] = []
    names = []
    for group in batch.groups:
        path = fit_path(out.parent, f"{out.stem} - {paper_label(group.template)}", out.suffix or ".pdf", taken=taken)
        taken.append(path.name)
        names.append(path)
    return names


def check_serials(store: Store, batch: Batch) -> None:
    """Refuse a batch whose form serials repeat within it or were already recorded for another print, naming the
    serial, the person it was recorded for and the day. Call it before rendering a batch that will be recorded (the
    clerk then does not wait for a render that cannot be recorded); :func:`record_batch` checks again under the
    write lock, which is the real guard."""
    refuse_used_serials(store, [(data.serial, awardee) for awardee, data, _template in batch.rows])


def check_first_prints(store: Store, batch: Batch) -> None:
    """Refuse a batch of first prints (originals) that includes awardees already printed, naming them: a second
    sheet is a reprint with its reason (:func:`reprint_certificate`, the window's “In lại”). Call it before rendering
    a batch that will be recorded; :func:`record_batch` checks again under the write lock."""
    refuse_printed(store, [awardee for awardee, _data, _template in batch.rows])


def unprinted_awardee_ids(store: Store, decision_id: int, *, paper: str | None = None) -> list[int]:
    """The awardees of a decision with a paper to print (of kind ``paper`` when given) and no certificate in the
    print register yet: the rest of a partly printed decision, as the window ticks them. A line with no paper (an
    LĐTT whose optional certificate is off: money and a line in the decision only) is not left to print."""
    return [
        int(row["id"])
        for row in decision_awardees(store, decision_id=decision_id)
        if row["paper"] and not row["times_printed"] and (not paper or row["paper"] == paper)
    ]


def record_batch(store: Store, batch: Batch, *, printer: str | None = None) -> list[int]:
    """Record every certificate of the batch as printed (first prints), in one transaction; returns the new print
    ids.

    The batch was read when it was prepared, maybe long ago (a render of hundreds of sheets); inside the
    transaction the decision must still be in force and list every awardee as prepared, no form serial may be
    taken, and no awardee may have been printed already (a second sheet is a reprint, with its reason), or nothing
    is recorded (:func:`refuse_changed_decision`, :func:`refuse_used_serials`, :func:`refuse_printed`)."""
    printer_name = batch.printer if printer is None else printer
    ids = []
    with store.transaction(operation="certificates.print"):
        # Read under the write lock: another window may have cancelled or replaced the decision, or recorded the
        # same form serials, while this batch was being rendered and printed.
        refuse_changed_decision(store, int(batch.decision["id"]), [a for a, _d, _t in batch.rows], batch.count)
        check_serials(store, batch)
        check_first_prints(store, batch)
        for awardee, data, template in batch.rows:
            ids.append(
                certificates_repo.insert_print(
                    store,
                    awardee_id=int(awardee["id"]),
                    decision_id=int(batch.decision["id"]),
                    template_id=template.id,
                    mode=batch.mode,
                    printer_name=printer_name,
                    form_serial=data.serial,
                    printed_by=store.actor,
                    qr_payload=data.qr_payload or "",
                )
            )
    return ids


def render_decision_certificates(
    store: Store,
    *,
    decision_id: int | None = None,
    decision_number: str | None = None,
    year: int | None = None,
    out: Path,
    mode: str = "full",
    printer: str | None = None,
    per_person: bool = False,
    awardee_ids: Iterable[int] | None = None,
    template_id: str | None = None,
    serial_start: str = "",
    emblem_path: Path | None = None,
    record: bool = True,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[Path]:
    """Certificates of a decision into one PDF (or one per person), in register-number order, then recorded.

    ``printer`` picks the correction (offsets, scale) measured for that printer. With ``record`` off (a preview)
    nothing is written to the database. When recording, form serials already used and awardees already printed
    (their next sheet is a reprint: :func:`reprint_certificate`) are refused before rendering.
    """
    batch = prepare_batch(
        store,
        decision_id=decision_id,
        decision_number=decision_number,
        year=year,
        mode=mode,
        printer=printer,
        awardee_ids=awardee_ids,
        template_id=template_id,
        serial_start=serial_start,
    )
    return print_batch(
        store,
        batch,
        out,
        per_person=per_person,
        emblem_path=emblem_path,
        record=record,
        progress=progress,
        should_cancel=should_cancel,
    )


def print_batch(
    store: Store,
    batch: Batch,
    out: Path,
    *,
    per_person: bool = False,
    emblem_path: Path | None = None,
    record: bool = True,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[Path]:
    """Render a prepared batch into PDF and record it: used form serials and sheets already printed are refused
    before the long render (``record_batch`` checks again under the write lock), and the files are deleted when the
    register refuses them meanwhile. With ``record`` off (a preview) nothing is checked or written to the database."""
    if record:
        check_serials(store, batch)
        check_first_prints(store, batch)
    paths = write_batch(
        batch, out, per_person=per_person, emblem_path=emblem_path, progress=progress, should_cancel=should_cancel
    )
    if record:
        record_or_discard(store, batch, paths)
    return paths


def record_or_discard(store: Store, batch: Batch, paths: list[Path]) -> None:
    """Record a written batch in the print register; when the register refuses it (another clerk printed the same
    people or used a serial meanwhile, the decision was cancelled), delete the files just written: a complete PDF
    of originals nobody recorded must not stay on the disk to be printed and handed out."""
    _recorded_or_discarded(paths, lambda: record_batch(store, batch))


def _recorded_or_discarded(paths: list[Path], record: Callable[[], _T]) -> _T:
    """Run ``record``; when the register refuses (or the database is locked or unwritable), delete ``paths`` and
    say so in the message, so no PDF of unrecorded originals or reprints stays on the disk."""
    try:
        return record()
    except StoreError as exc:  # refused, or the file locked or unwritable: nothing recorded either way
        for path in paths:
            discard(path)
        raise type(exc)(str(exc) + " " + _("Các tệp PDF vừa tạo đã được xóa, không in và không phát.")) from exc
    except BaseException:  # Ctrl+C or a fault while recording: the transaction is rolled back, so the files go too
        for path in paths:
            discard(path)
        raise


def prepare_reprint(
    store: Store,
    *,
    awardee_id: int | None = None,
    print_id: int | None = None,
    serial: str = "",
    printer: str | None = None,
    require_calibration: bool = False,
) -> tuple[dict[str, Any], Batch]:
    """The print a reprint continues (``print_id``, or the latest print of ``awardee_id``) and the batch of its one
    sheet, drawn as that print was: same decision, template and mode, whatever the window's page is set to now (a
    Giấy khen first printed on a pre-printed form is reprinted on one, without the border and headings the form
    has), on ``serial`` when given. ``printer`` gives the correction: None takes the first print's printer.

    The QR text is signed again now (:func:`record_reprint` records the one drawn, ``data.qr_payload``)."""
    original = latest_print(store, awardee_id=awardee_id, print_id=print_id)
    batch = prepare_batch(
        store,
        decision_id=int(original["decision_id"]),
        mode=original["mode"],
        printer=str(original["printer_name"] or "") if printer is None else printer,
        awardee_ids=[int(original["awardee_id"])],
        template_id=original["template_id"],
        serial_start=(serial or "").strip(),
        require_calibration=require_calibration,
    )
    return original, batch


def record_reprint_of(
    store: Store, batch: Batch, *, print_id: int, reason: str, note: str = "", printer: str | None = None
) -> int:
    """Record the one sheet of a reprint batch (:func:`prepare_reprint`, written and printed) as a reprint of
    ``print_id``: its serial, its printer (``printer`` when given, else the batch's) and the QR text drawn on it."""
    [(_awardee, data, _template)] = batch.rows
    return record_reprint(
        store,
        print_id=print_id,
        reason=reason,
        note=note,
        serial=data.serial,
        printer=batch.printer if printer is None else printer,
        qr_payload=data.qr_payload or "",
    )


def reprint_certificate(
    store: Store,
    *,
    out: Path,
    reason: str,
    note: str = "",
    awardee_id: int | None = None,
    print_id: int | None = None,
    serial: str = "",
    printer: str | None = None,
    emblem_path: Path | None = None,
    require_calibration: bool = False,
) -> dict[str, Any]:
    """Print one certificate again (“In lại”) into the PDF ``out`` and record it as a reprint of ``print_id`` (or of
    the latest print of ``awardee_id``), with its reason (:func:`record_reprint`, as the window records it).

    The sheet is drawn as the first print was (same template and mode, and the same printer's correction unless
    ``printer`` names another: a pre-printed form fed to that printer needs its offsets: :func:`prepare_reprint`),
    on ``serial`` when given (a new form's serial: never one already recorded). The reason, the serial and the
    decision still in force are checked before drawing; :func:`record_reprint` checks again under the write lock.
    With ``require_calibration`` a printer (named or the first print's) with no stored correction is refused.
    Returns the new print id, the print it continues, the printer used (``printer_from_original`` when it was the
    earlier print's) and the PDF."""
    original = latest_print(store, awardee_id=awardee_id, print_id=print_id)
    reason, note = check_reprint_reason(reason, note)
    serial = (serial or "").strip()
    from_original = printer is None
    original, batch = prepare_reprint(
        store,
        print_id=int(original["id"]),
        serial=serial,
        printer=printer,
        require_calibration=require_calibration,
    )
    [(awardee, _data, _template)] = batch.rows
    refuse_changed_decision(store, int(original["decision_id"]), [awardee], 1)
    check_serials(store, batch)
    paths = write_batch(batch, Path(out), emblem_path=emblem_path)
    new_id = _recorded_or_discarded(  # another clerk reprinted it or used the serial meanwhile: no stray PDF
        paths,
        lambda: record_reprint_of(store, batch, print_id=int(original["id"]), reason=reason, note=note),
    )
    return {
        "print_id": new_id,
        "reprint_of": int(original["id"]),
        "awardee_id": int(original["awardee_id"]),
        "name": awardee["snapshot_name"],
        "register_no": awardee["register_no"],
        "decision_number": batch.decision["number_text"],
        "reason": reason,
        "note": note,
        "serial": serial,
        "printer": batch.printer,
        "printer_from_original": from_original,
        "profile": batch.profile.to_dict(),
        "paths": paths,
    }
