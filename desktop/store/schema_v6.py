"""Schema version 6: certificate printing — printer corrections and the register of printed certificates.

``printer_profiles`` keeps, per printer name, the offset (mm) and scale measured with the calibration page: the
correction belongs to the printer, never to the template. ``certificate_prints`` is the stock register of
pre-printed forms (phôi): one row per sheet printed, who printed it and when, the form's serial when the clerk
records it, and for a reprint the print it replaces and why (a spoiled sheet, a correction, another reason).
The signed QR text printed on the sheet is kept so a scanned certificate can be matched to its print.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v6.sql")
