"""The "In giấy khen, bằng chứng nhận" area: print a decision's certificates on blank paper or pre-printed
forms, preview them, keep the register of printed sheets and reprints, edit templates over a scan of the form,
calibrate printers and check a certificate's QR code. Every step calls one function of
:mod:`desktop.ops.certificates`.
"""
