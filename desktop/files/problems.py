"""What the operating system's refusal to read or write a file means for the clerk, as one Vietnamese sentence.

Python's own text (``[Errno 13] Permission denied``) is English and technical: it stays in the exception's
chain, never shown (SQLite's failures have their words in ``desktop.store.db.describe_sqlite_error``). Below
every layer (docs/architecture.md), so a backup, a restore and a window word the same problem the same way.
"""

from __future__ import annotations

import errno

from desktop.i18n import _


def os_reason(error: OSError) -> str:
    """The clerk's sentence for ``error``: what is wrong and what to do."""
    if isinstance(error, FileNotFoundError):
        return _("Không tìm thấy tệp hoặc thư mục; có thể tệp đã bị chuyển đi hoặc đổi tên.")
    if isinstance(error, IsADirectoryError):
        return _("Đây là một thư mục, không phải tệp; hãy ghi cả tên tệp.")
    if isinstance(error, NotADirectoryError):
        return _("Một phần của đường dẫn là tệp chứ không phải thư mục; hãy kiểm tra lại đường dẫn.")
    if isinstance(error, FileExistsError):
        return _("Trên đường dẫn đã có một tệp hoặc thư mục trùng tên; hãy chọn tên khác hoặc thư mục khác.")
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _(
            "Không có quyền đọc hoặc ghi tệp; tệp có thể đang mở trong chương trình khác (ví dụ Excel). "
            "Hãy đóng tệp hoặc chọn thư mục khác rồi thử lại."
        )
    if error.errno in (errno.ENOSPC, errno.EFBIG):
        return _("Ổ đĩa đã đầy; hãy giải phóng chỗ trống hoặc chọn ổ đĩa khác.")
    return _("Máy tính không đọc hoặc ghi được tệp; hãy kiểm tra ổ đĩa, thư mục rồi thử lại.")
