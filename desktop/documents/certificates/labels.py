"""What the clerk sees for each field of a certificate template ("recipient" → "Người nhận").

The keys stay inside the template files and the program; every message and screen names a field by its label.
"""

from __future__ import annotations

from desktop.i18n import N_, _

FIELD_LABELS: dict[str, str] = {
    "national_name": N_("Quốc hiệu"),
    "motto": N_("Tiêu ngữ"),
    "issuing_body": N_("Cơ quan cấp"),
    "official_title": N_("Chức danh người có thẩm quyền"),
    "give_word": N_("Chữ “Tặng”"),
    "award_name": N_("Tên danh hiệu, hình thức khen"),
    "recipient": N_("Người nhận"),
    "position_unit": N_("Chức vụ, đơn vị người nhận"),
    "achievement": N_("Thành tích"),
    "decision_line": N_("Số, ngày quyết định"),
    "register_no": N_("Số sổ vàng"),
    "place_date": N_("Địa danh, ngày tháng"),
    "signer_title": N_("Chức vụ người ký"),
    "signer_name": N_("Họ tên người ký"),
    "qr": N_("Mã QR xác thực"),
}


def field_label(key: str, index: int | None = None) -> str:
    """The Vietnamese name of a template field; a field the program does not know (added by hand to a template
    file) is named by its place in the template."""
    if key in FIELD_LABELS:
        return _(FIELD_LABELS[key])
    return _("Trường thêm {n}").format(n=index) if index is not None else _("Trường thêm")


__all__ = ["FIELD_LABELS", "field_label"]
