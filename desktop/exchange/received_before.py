"""Whether a package was received before, by its package id: the same sender's package again is "already imported";
another sender's package under that id is refused (docs/package-format.md, code ``package_id_taken``)."""

from __future__ import annotations

from typing import Any

from desktop.exchange.format import PackageError
from desktop.exchange.reader import VerifiedPackage
from desktop.i18n import _
from desktop.store.db import Store


def received_before(store: Store, package: VerifiedPackage) -> dict[str, Any] | None:
    """The row of the package received earlier under this package's id (same sender), or None.

    Another sender's package under the id is refused: reporting "already imported" would let whoever sends first
    keep a unit's real package out for good. The message names both, so the province can look into it.
    """
    manifest = package.manifest
    previous = store.query_one(
        "SELECT created_at, sender_code, sender_name, file_name FROM packages "
        "WHERE direction = 'received' AND package_uuid = ?",
        (manifest.package_uuid,),
    )
    if previous is None or previous["sender_code"] == manifest.sender.code:
        return previous
    raise PackageError(
        _(
            "Gói {file} của {sender} mang mã gói {uuid}, trùng mã gói {other} của {other_sender} đã nhập lúc "
            "{at}. Hai nơi gửi không thể có cùng một gói: chưa nhập gì; hãy báo hai đơn vị kiểm tra và gửi lại "
            "gói (mỗi lần xuất gói có mã mới)."
        ).format(
            file=package.file_name,
            sender=package.sender_name or manifest.sender.code,
            uuid=manifest.package_uuid,
            other=previous["file_name"] or "—",
            other_sender=previous["sender_name"] or previous["sender_code"] or "—",
            at=previous["created_at"],
        ),
        code="package_id_taken",
        file=package.file_name,
    )
