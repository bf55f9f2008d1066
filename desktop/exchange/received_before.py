"""Whether a package was received before, by its package id: the same file again is "already imported"; another
sender's package under that id (code ``package_id_taken``), or the same sender's under that id with other content
(code ``package_id_changed``), is refused (docs/package-format.md). And whether its signer is still trusted when
it is applied (code ``untrusted``)."""

from __future__ import annotations

from typing import Any

from desktop.exchange.format import PackageError
from desktop.exchange.keys import trusted_key
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
        "SELECT created_at, sender_code, sender_name, file_name, file_sha256 FROM packages "
        "WHERE direction = 'received' AND package_uuid = ?",
        (manifest.package_uuid,),
    )
    if previous is None:
        return None
    if previous["sender_code"] == manifest.sender.code:
        _refuse_other_content(package, previous)
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


def _refuse_other_content(package: VerifiedPackage, previous: dict[str, Any]) -> None:
    """The sender's package id names one export, one file: a copy of it has the same bytes. Other bytes under that id
    mean a package changed and signed again after it was sent (or a program that reuses ids); saying "already
    imported" would hide that what arrived now is not what was imported. Rows written before file digests were
    kept (empty ``file_sha256``) cannot be compared and stay "already imported"."""
    if not previous["file_sha256"] or previous["file_sha256"] == package.file_sha256:
        return
    raise PackageError(
        _(
            "Gói {file} mang mã gói {uuid} của {sender}, đã nhập lúc {at} từ tệp {other}, nhưng nội dung khác với "
            "gói đã nhập. Một lần xuất gói chỉ có một nội dung: chưa nhập gì; hãy hỏi {sender} vì sao gói bị thay "
            "đổi và đề nghị xuất gói mới."
        ).format(
            file=package.file_name,
            uuid=package.manifest.package_uuid,
            sender=package.sender_name or package.manifest.sender.code,
            at=previous["created_at"],
            other=previous["file_name"] or "—",
        ),
        code="package_id_changed",
        file=package.file_name,
    )


def refuse_untrusted_now(store: Store, package: VerifiedPackage) -> None:
    """Refuse (``untrusted``, as verifying would now) a package whose signer is no longer trusted as it was when the
    package was verified: another window may have revoked the key since (a stolen PC), and a folder import verifies
    the next file against the keys read at its start. Read under the write lock, so no revocation slips in after."""
    signer = package.signer
    now = trusted_key(store, signer.fingerprint)
    if now is not None and (now.unit_code, now.role, now.public) == (signer.unit_code, signer.role, signer.public):
        return
    raise PackageError(
        _(
            "Gói {file} không được nhập: khóa ký gói (dấu vân tay {fingerprint}) của {name} đã bị thu hồi hoặc không "
            "còn được tin cậy trên máy này từ lúc gói được kiểm tra; không có gì của gói này được ghi."
        ).format(file=package.file_name, fingerprint=signer.fingerprint, name=signer.unit_name or signer.unit_code),
        code="untrusted",
        file=package.file_name,
    )
