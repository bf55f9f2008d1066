"""Which schema a file has, and whether this program may open it: all the start-up needs to know.

Opening a file whose schema is already the latest needs neither the migration steps nor the audit-trigger
generator (:mod:`desktop.store.migrations`, loaded only when a file must be upgraded: docs/architecture.md,
"Imports inside functions"). ``LATEST_VERSION`` is the number of the last migration; the migrations module
refuses to load if the two disagree.
"""

from __future__ import annotations

from desktop.i18n import _
from desktop.store.db import Store
from desktop.store.errors import SchemaTooNewError

LATEST_VERSION = 15


def current_version(store: Store) -> int:
    exists = store.scalar("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'")
    if not exists:
        return 0
    return int(store.scalar("SELECT coalesce(max(version), 0) FROM schema_version") or 0)


def check_not_newer(store: Store) -> int:
    version = current_version(store)
    if version > LATEST_VERSION:
        raise SchemaTooNewError(
            _(
                "Tệp dữ liệu {path} được tạo bởi phiên bản mới hơn của chương trình "
                "(cấu trúc số {found}, phiên bản này chỉ hiểu đến số {known}). "
                "Hãy cài phiên bản mới nhất rồi mở lại; tệp không bị thay đổi."
            ).format(path=store.path, found=version, known=LATEST_VERSION)
        )
    return version
