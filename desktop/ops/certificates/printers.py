"""Printer profiles: the offsets and scale measured for each printer, applied to pre-printed forms."""

from __future__ import annotations

import math
from typing import Any

from desktop.documents.certificates import PrinterProfile
from desktop.domain.text import nfc
from desktop.i18n import N_, _
from desktop.store import Store, ValidationError, certificates_repo

#: The pseudo-printer "save as PDF": no correction is applied.
PDF_PRINTER = ""


def find_printer_profile(store: Store, name: str | None) -> PrinterProfile | None:
    """The correction stored for printer ``name``, under the name it was stored with; None for "save as PDF" and for
    a printer never calibrated. Names are compared without their case and spaces (``certificates_repo.printer_key``):
    "canon lbp " finds the profile of "Canon LBP"."""
    row = certificates_repo.get_printer_profile(store, nfc(name)) if nfc(name) else None
    if row is None:
        return None
    printer = str(row["printer_name"])
    return PrinterProfile(
        printer,
        _stored_number(printer, row["offset_x_mm"], N_("lệch ngang"), -OFFSET_LIMIT_MM, OFFSET_LIMIT_MM),
        _stored_number(printer, row["offset_y_mm"], N_("lệch dọc"), -OFFSET_LIMIT_MM, OFFSET_LIMIT_MM),
        _stored_number(printer, row["scale"], N_("tỉ lệ"), *SCALE_RANGE),
    )


#: What :func:`save_printer_profile` accepts, and so what a stored profile may hold.
OFFSET_LIMIT_MM = 50.0
SCALE_RANGE = (0.8, 1.2)


def _stored_number(printer: str, value: Any, label: str, low: float, high: float) -> float:
    """A stored correction value as a number. The offsets have no CHECK in the database: a restored, copied or
    hand-edited file may hold text ("2,5", "") or a value no calibration gives; printing with it would crash or
    print every form out of place, so it is refused, naming the printer, until the printer is calibrated again."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if math.isfinite(number) and low <= number <= high:
        return number
    raise ValidationError(
        _(
            "Độ lệch lưu cho máy in “{printer}” bị hỏng: {field} = “{value}” không phải là số từ {low} đến {high}. "
            "Hãy căn chỉnh lại máy in này (trang căn chỉnh, rồi lưu độ lệch mới); chưa in, chưa ghi gì."
        ).format(
            printer=printer,
            field=_(label),
            value=f"{value:g}".replace(".", ",") if isinstance(value, int | float) else str(value or ""),
            low=f"{low:g}".replace(".", ","),
            high=f"{high:g}".replace(".", ","),
        ),
        field="printer",
    )


def get_printer_profile(store: Store, name: str | None) -> PrinterProfile:
    """The correction for printer ``name`` (see :func:`find_printer_profile`); no correction for a printer never
    calibrated (named as given, trimmed) or for "save as PDF"."""
    found = find_printer_profile(store, name)
    return found if found is not None else PrinterProfile(name=nfc(name))


def check_printer_calibrated(store: Store, name: str | None) -> PrinterProfile:
    """The correction of printer ``name``; refused, naming the printer and the printers calibrated, when none is
    stored for it: a typo or a printer never calibrated would print the pre-printed forms uncorrected, and the
    register would record them as originals. "Save as PDF" (no name) needs none."""
    found = find_printer_profile(store, name)
    if found is not None or not nfc(name):
        return found or PrinterProfile(name="")
    names = [str(row["printer_name"]) for row in certificates_repo.list_printer_profiles(store)]
    known = (
        _("Các máy in đã căn chỉnh: {names}.").format(names=", ".join(f"“{n}”" for n in names))
        if names
        else _("Chưa có máy in nào được căn chỉnh.")
    )
    raise ValidationError(
        _(
            "Máy in “{name}” chưa được căn chỉnh: không có độ lệch nào lưu cho tên này (không phân biệt chữ hoa, chữ "
            "thường, khoảng trắng). {known} Hãy ghi đúng tên máy in, hoặc căn chỉnh máy này trước (lệnh “tdkt "
            "certificates calibration-page” rồi “tdkt certificates printer set”), hoặc thêm --uncalibrated để in "
            "không hiệu chỉnh độ lệch. Chưa in, chưa ghi gì."
        ).format(name=nfc(name), known=known),
        field="printer",
    )


def list_printer_profiles(store: Store) -> list[dict[str, Any]]:
    return certificates_repo.list_printer_profiles(store)


def save_printer_profile(
    store: Store,
    *,
    name: str,
    offset_x_mm: float,
    offset_y_mm: float,
    scale: float = 1.0,
    notes: str = "",
) -> PrinterProfile:
    """Store the correction of printer ``name`` (trimmed, as typed otherwise). A profile the printer already has under
    another spelling (case, spaces: :func:`find_printer_profile`) is updated and keeps its name, so one printer never
    has two corrections."""
    name = nfc(name)
    if not name:
        raise ValidationError(_("Chưa ghi tên máy in."), field="printer")
    for key, label, value in (
        ("offset_x_mm", N_("ngang"), offset_x_mm),
        ("offset_y_mm", N_("dọc"), offset_y_mm),
    ):
        if not -OFFSET_LIMIT_MM <= float(value) <= OFFSET_LIMIT_MM:
            raise ValidationError(
                _("Độ lệch {field} = {value} mm quá lớn (chỉ nhận từ -50 đến 50 mm); hãy đo lại.").format(
                    field=_(label), value=f"{float(value):g}"
                ),
                field=key,
            )
    if not SCALE_RANGE[0] <= float(scale) <= SCALE_RANGE[1]:
        raise ValidationError(
            _("Tỉ lệ in {value} không hợp lệ (chỉ nhận từ 0,8 đến 1,2).").format(value=f"{float(scale):g}"),
            field="scale",
        )
    with store.transaction(operation="certificates.printer"):
        certificates_repo.upsert_printer_profile(
            store,
            printer_name=name,
            offset_x_mm=round(float(offset_x_mm), 3),
            offset_y_mm=round(float(offset_y_mm), 3),
            scale=round(float(scale), 5),
            notes=notes,
        )
    return get_printer_profile(store, name)
