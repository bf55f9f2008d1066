"""Certificates (giấy khen, title certificates, bằng khen): templates as data, rendering, calibration, signed QR.

The database and the window build on this package: they pass :class:`CertificateData` rows, a
:class:`Template` and a printer's offsets/scale, and get PDFs back.
"""

from __future__ import annotations

from desktop.documents.certificates.calibration import (
    PrinterProfile,
    calibration_page,
    offsets_from_measurement,
    scale_from_two_points,
)
from desktop.documents.certificates.data import PLACEHOLDERS, CertificateData
from desktop.documents.certificates.fit import FitError, Fitted, fit_text
from desktop.documents.certificates.qr import (
    PayloadError,
    PayloadFields,
    VerifyResult,
    fingerprint,
    generate_keypair,
    parse_payload,
    public_key_of,
    sign_payload,
    verify_payload,
)
from desktop.documents.certificates.render import (
    CertificateError,
    FieldBox,
    RenderCancelled,
    field_boxes,
    render_certificates,
    render_one_per_person,
)
from desktop.documents.certificates.template import (
    Template,
    TemplateError,
    bundled_template,
    list_templates,
    load_template,
    save_template,
)

__all__ = [
    "PLACEHOLDERS",
    "CertificateData",
    "CertificateError",
    "FieldBox",
    "FitError",
    "Fitted",
    "PayloadError",
    "PayloadFields",
    "PrinterProfile",
    "RenderCancelled",
    "Template",
    "TemplateError",
    "VerifyResult",
    "bundled_template",
    "calibration_page",
    "field_boxes",
    "fingerprint",
    "fit_text",
    "generate_keypair",
    "list_templates",
    "load_template",
    "offsets_from_measurement",
    "parse_payload",
    "public_key_of",
    "render_certificates",
    "render_one_per_person",
    "save_template",
    "scale_from_two_points",
    "sign_payload",
    "verify_payload",
]
