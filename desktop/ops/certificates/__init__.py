"""Certificate operations for the CLI and the window (page "In giấy khen, bằng chứng nhận"): data from a
decision, rendering, the register of printed sheets and reprints, printer profiles, user templates and QR
verification.

Which paper an award gets comes from the rule pack (``pack.paper``): Giấy khen for Giấy khen, Bằng chứng nhận
for CSTĐCS and TTLĐXS, Giấy công nhận for Gia đình văn hóa, Bằng khen for the province's; LĐTT and TTLĐTT are
money and a line in the decision, printed (on a "Giấy chứng nhận") only where the province or the unit turns
``print_optional_certificates`` on. The template follows the paper; an award without paper is refused.

The certificate text comes from the decision's frozen snapshot (what was decided is what is printed, even if
the person changed job since). Every certificate carries a QR text signed with the unit's Ed25519 key, the key
the exchange module makes at setup (``unit_keys``). Prints are recorded in ONE transaction after the PDF is
written, so a failed or cancelled batch records nothing.

The package, by subject: :mod:`.papers` (which paper and template an award gets, the optional papers, user
templates), :mod:`.printers` (printer profiles), :mod:`.data` (what each certificate of a decision prints, signed),
:mod:`.batches` (render and record a batch), :mod:`.register` (prints, reprints and the register), :mod:`.verify`
(a scanned QR code checked against the register).
"""

from __future__ import annotations

from desktop.ops.certificates.batches import (
    MODE_LABELS,
    Batch,
    Group,
    Progress,
    check_batch,
    check_first_prints,
    check_serials,
    group_file_names,
    next_serial,
    paper_label,
    prepare_batch,
    prepare_reprint,
    print_batch,
    record_batch,
    record_or_discard,
    record_reprint_of,
    render_decision_certificates,
    reprint_certificate,
    unprinted_awardee_ids,
    write_batch,
)
from desktop.ops.certificates.data import (
    certificate_data_for_decision,
    decision_summaries,
    first_certificate,
    sample_certificate,
)
from desktop.ops.certificates.papers import (
    OPTIONAL_OVERRIDE_NAME,
    OPTIONAL_SETTING,
    available_templates,
    get_template,
    no_paper_message,
    optional_certificates_on,
    paper_name,
    save_user_template,
    set_optional_certificates,
    template_for,
    user_template_file,
    user_templates_dir,
)
from desktop.ops.certificates.printers import (
    PDF_PRINTER,
    check_printer_calibrated,
    find_printer_profile,
    get_printer_profile,
    list_printer_profiles,
    save_printer_profile,
)
from desktop.ops.certificates.register import REPRINT_LABELS, decision_awardees, print_register, record_reprint
from desktop.ops.certificates.verify import extract_payload, read_scan_file, verify
from desktop.store.certificates_repo import REPRINT_REASONS

__all__ = [
    "MODE_LABELS",
    "OPTIONAL_OVERRIDE_NAME",
    "OPTIONAL_SETTING",
    "PDF_PRINTER",
    "REPRINT_LABELS",
    "REPRINT_REASONS",
    "Batch",
    "Group",
    "Progress",
    "available_templates",
    "certificate_data_for_decision",
    "check_batch",
    "check_first_prints",
    "check_printer_calibrated",
    "check_serials",
    "decision_awardees",
    "decision_summaries",
    "extract_payload",
    "find_printer_profile",
    "first_certificate",
    "get_printer_profile",
    "get_template",
    "group_file_names",
    "list_printer_profiles",
    "next_serial",
    "no_paper_message",
    "optional_certificates_on",
    "paper_label",
    "paper_name",
    "prepare_batch",
    "prepare_reprint",
    "print_batch",
    "print_register",
    "read_scan_file",
    "record_batch",
    "record_or_discard",
    "record_reprint",
    "record_reprint_of",
    "render_decision_certificates",
    "reprint_certificate",
    "sample_certificate",
    "save_printer_profile",
    "save_user_template",
    "set_optional_certificates",
    "template_for",
    "unprinted_awardee_ids",
    "user_template_file",
    "user_templates_dir",
    "verify",
    "write_batch",
]
