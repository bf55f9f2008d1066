"""Printer profiles: the offsets and scale measured for each printer, applied to pre-printed forms."""

from __future__ import annotations

from typing import Any

from desktop.documents.certificates import PrinterProfile
from desktop.i18n import N_, _
from desktop.store import Store, ValidationError, certificates_repo

#: The pseudo-printer "save as PDF": no correction is applied.
PDF_PRINTER = ""


def get_printer_profile(store: Store, name: str | None) -> PrinterProfile:
    """The correction for printer ``name``; no correction for an unknown printer or for "save as PDF"."""
    if not name:
        return PrinterProfile(name="")
    row = certificates_repo.get_printer_profile(store, name)
    if row is None:
        return PrinterProfile(name=name)
    return PrinterProfile(name, float(row["offset_x_mm"]), float(row["offset_y_mm"]), float(row["scale"]))


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
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Chưa ghi tên máy in."), field="printer")
    for key, label, value in (
        ("offset_x_mm", N_("ngang"), offset_x_mm),
        ("offset_y_mm", N_("dọc"), offset_y_mm),
    ):
        if not -50 <= float(value) <= 50:
            raise ValidationError(
                _("Độ lệch {field} = {value} mm quá lớn (chỉ nhận từ -50 đến 50 mm); hãy đo lại.").format(
                    field=_(label), value=f"{float(value):g}"
                ),
                field=key,
            )
    if not 0.8 <= float(scale) <= 1.2:
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
