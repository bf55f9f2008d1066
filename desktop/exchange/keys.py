"""Keys: Ed25519 signatures over the manifest, X25519 + HKDF-SHA256 + AES-256-GCM encryption of the entries.

A unit's identity is a pair of keys (signing, encryption); its fingerprint is the first 16 bytes of
SHA-256("tdkt-key-v1" | Ed25519 public | X25519 public) in upper-case hex, in groups of four so a clerk can read
it aloud on the phone ("3F2A-09C1-..."). Private keys live in ``unit_keys`` as unencrypted PKCS#8 PEM: protected
only by the operating-system account (see docs/package-format.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.domain.text import NAME_MAX_LENGTH, InputTextError, clean_input
from desktop.exchange import strict_json
from desktop.exchange.format import (
    ENCRYPTION_ALGORITHM,
    HKDF_INFO,
    PUBLIC_KEY_FORMAT,
    ROLES,
    SIGNATURE_CONTEXT,
    PackageError,
)
from desktop.i18n import _
from desktop.store.db import Store, new_uuid, now_iso

# A unit's code in a key file: digits only (2-digit province, 5-digit commune, or the unit's own number code)
_UNIT_CODE = re.compile(r"[0-9]+")
_UNIT_CODE_MAX = 40

FINGERPRINT_BYTES = 16
_FINGERPRINT_RE = re.compile(r"^[0-9A-F]{32}$")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any, *, size: int | None = None) -> bytes:
    """Strict base64 decoding; raises ValueError on anything else (wrong type, padding, length)."""
    if not isinstance(text, str):
        raise ValueError("not a string")
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError(str(exc)) from exc
    if size is not None and len(data) != size:
        raise ValueError("wrong length")
    return data


def fingerprint(signing_public: bytes, encryption_public: bytes) -> str:
    digest = hashlib.sha256(b"tdkt-key-v1" + signing_public + encryption_public).hexdigest().upper()
    short = digest[: FINGERPRINT_BYTES * 2]
    return "-".join(short[i : i + 4] for i in range(0, len(short), 4))


def normalise_fingerprint(text: str) -> str:
    """Accept what a clerk types ("3f2a 09c1 ...", with or without dashes); '' when it is not a fingerprint."""
    compact = re.sub(r"[\s\-:]", "", str(text)).upper()
    if not _FINGERPRINT_RE.match(compact):
        return ""
    return "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))


@dataclass(frozen=True)
class PublicKeys:
    """The public half of a unit's identity (what a trusted-key row or a .tdktkey file holds)."""

    signing: bytes
    encryption: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing, self.encryption)


@dataclass(frozen=True)
class UnitKeys:
    signing_private: Ed25519PrivateKey
    encryption_private: X25519PrivateKey

    @property
    def public(self) -> PublicKeys:
        raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
        return PublicKeys(
            self.signing_private.public_key().public_bytes(*raw),
            self.encryption_private.public_key().public_bytes(*raw),
        )

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint


@dataclass(frozen=True)
class TrustedKey:
    unit_code: str
    unit_name: str
    role: str
    public: PublicKeys
    fingerprint: str


@dataclass(frozen=True)
class Keyring:
    """What verification needs: the keys we trust (by fingerprint) and our own keys to decrypt with.

    ``own`` is the active pair (what new packages are signed with); ``own_all`` holds every pair this unit ever
    had, by fingerprint, the replaced ones included: a package the province encrypted to our old key before it
    learned the new one still opens.
    """

    trusted: dict[str, TrustedKey]
    own: UnitKeys | None
    own_all: dict[str, UnitKeys] = field(default_factory=dict)

    def own_key(self, fingerprint_text: str) -> UnitKeys | None:
        """Our pair (active or replaced) with this fingerprint; None when it is not one of ours."""
        if self.own is not None and self.own.fingerprint == fingerprint_text:
            return self.own
        return self.own_all.get(fingerprint_text)


def generate_unit_keys() -> UnitKeys:
    return UnitKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())


def _pem(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


def _load_private(pem: str) -> Any:
    return serialization.load_pem_private_key(pem.encode("ascii"), password=None)


# -- signatures ------------------------------------------------------------------------------------------------


def sign_manifest(keys: UnitKeys, manifest_bytes: bytes) -> bytes:
    return keys.signing_private.sign(SIGNATURE_CONTEXT + manifest_bytes)


def verify_manifest(signing_public: bytes, signature: bytes, manifest_bytes: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(signing_public).verify(signature, SIGNATURE_CONTEXT + manifest_bytes)
    except (InvalidSignature, ValueError):
        return False
    return True


# -- encryption ------------------------------------------------------------------------------------------------


def _entry_key(shared: bytes, package_uuid: str, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=package_uuid.encode("utf-8"),
        info=HKDF_INFO + ephemeral_public + recipient_public,
    ).derive(shared)


def _aad(package_uuid: str, name: str) -> bytes:
    return f"{package_uuid}\n{name}".encode()


def encrypt_entries(
    entries: dict[str, bytes], *, recipient: PublicKeys, package_uuid: str
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Encrypt every entry to ``recipient``; returns the manifest's encryption header and the ciphertexts."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.encryption))
    aead = AESGCM(_entry_key(shared, package_uuid, ephemeral_public, recipient.encryption))
    nonces: dict[str, str] = {}
    out: dict[str, bytes] = {}
    for name, data in entries.items():
        nonce = os.urandom(12)
        nonces[name] = b64(nonce)
        out[name] = aead.encrypt(nonce, data, _aad(package_uuid, name))
    header = {
        "algorithm": ENCRYPTION_ALGORITHM,
        "recipient_fingerprint": recipient.fingerprint,
        "ephemeral_public_key": b64(ephemeral_public),
        "nonces": nonces,
    }
    return header, out


def decrypt_entries(
    entries: dict[str, bytes], *, header: dict[str, Any], own: UnitKeys, package_uuid: str
) -> dict[str, bytes]:
    """Decrypt with our X25519 key; any failure is one refusal (the AEAD tag covers every byte and the name)."""
    ephemeral_public = unb64(header["ephemeral_public_key"], size=32)
    recipient_public = own.public.encryption
    shared = own.encryption_private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    aead = AESGCM(_entry_key(shared, package_uuid, ephemeral_public, recipient_public))
    out: dict[str, bytes] = {}
    for name, data in entries.items():
        try:
            out[name] = aead.decrypt(unb64(header["nonces"][name], size=12), data, _aad(package_uuid, name))
        except (InvalidTag, ValueError, KeyError):
            raise PackageError(
                _(
                    "Không giải mã được mục “{name}” của gói: dữ liệu đã bị thay đổi hoặc không mã hóa cho đơn vị này."
                ).format(name=name),
                code="decrypt",
            ) from None
    return out


# -- public key files ------------------------------------------------------------------------------------------


def public_key_document(*, keys: PublicKeys, unit_code: str, unit_name: str, role: str) -> dict[str, Any]:
    return {
        "format": PUBLIC_KEY_FORMAT,
        "version": 1,
        "unit_code": unit_code,
        "unit_name": unit_name,
        "role": role,
        "signing_public_key": b64(keys.signing),
        "encryption_public_key": b64(keys.encryption),
        "fingerprint": keys.fingerprint,
        "created_at": now_iso(),
    }


def read_public_key_file(path: Path) -> dict[str, Any]:
    """Parse a .tdktkey file; the fingerprint is recomputed, never taken from the file."""
    path = Path(path)

    def refuse(reason: str) -> PackageError:
        return PackageError(
            _("Tệp khóa công khai {file} không hợp lệ: {reason}").format(file=path.name, reason=reason),
            code="key_file",
            file=path.name,
        )

    try:
        if path.stat().st_size > 64 * 1024:
            raise refuse(_("tệp quá lớn."))
        # utf-8-sig: a key file opened and saved again in Notepad gains a UTF-8 mark; the key is the same
        data = strict_json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise PackageError(_("Không tìm thấy tệp {file}.").format(file=path), code="not_found") from None
    except (OSError, ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        # RecursionError: JSON nested thousands deep (a few bytes each) fits under the size limit
        raise refuse(_("không đọc được nội dung JSON.")) from None
    if not isinstance(data, dict) or data.get("format") != PUBLIC_KEY_FORMAT:
        raise refuse(_("không phải tệp khóa công khai của chương trình."))
    try:
        keys = PublicKeys(
            unb64(data.get("signing_public_key"), size=32), unb64(data.get("encryption_public_key"), size=32)
        )
        Ed25519PublicKey.from_public_bytes(keys.signing)
        X25519PublicKey.from_public_bytes(keys.encryption)
    except ValueError:
        raise refuse(_("khóa công khai bị hỏng.")) from None
    code, name, role = data.get("unit_code"), data.get("unit_name"), data.get("role")
    if not isinstance(code, str) or not code.strip() or not isinstance(name, str):
        raise refuse(_("thiếu mã hoặc tên đơn vị."))
    if role not in ROLES:
        raise refuse(_("vai trò “{role}” không hợp lệ.").format(role=role))
    # What the file says of its owner is shown to the clerk and written in the database: cleaned like any input
    try:
        code = clean_input(code, field=_("mã đơn vị"), max_length=_UNIT_CODE_MAX)
        name = clean_input(name, field=_("tên đơn vị"), max_length=NAME_MAX_LENGTH)
    except InputTextError as exc:
        raise refuse(f"{exc}") from None
    if not _UNIT_CODE.fullmatch(code):
        raise refuse(_("mã đơn vị “{code}” phải gồm chữ số 0-9.").format(code=code))
    return {"unit_code": code, "unit_name": name, "role": role, "keys": keys}


# -- the keys stored in the database ---------------------------------------------------------------------------


def load_unit_keys(store: Store) -> UnitKeys | None:
    row = store.query_one(
        "SELECT signing_private_pem, encryption_private_pem FROM unit_keys WHERE active = 1 ORDER BY id DESC LIMIT 1"
    )
    if row is None:
        return None
    return UnitKeys(_load_private(row["signing_private_pem"]), _load_private(row["encryption_private_pem"]))


def load_all_unit_keys(store: Store) -> dict[str, UnitKeys]:
    """Every key pair of this unit, the active one and the replaced ones, by fingerprint (newest first)."""
    found: dict[str, UnitKeys] = {}
    for row in store.query(
        "SELECT fingerprint, signing_private_pem, encryption_private_pem FROM unit_keys ORDER BY id DESC"
    ):
        try:
            keys = UnitKeys(_load_private(row["signing_private_pem"]), _load_private(row["encryption_private_pem"]))
        except (ValueError, TypeError, AttributeError, UnsupportedAlgorithm):
            continue  # a damaged old row must not stop the active key from working
        found.setdefault(keys.fingerprint, keys)
    return found


def store_unit_keys(store: Store, keys: UnitKeys) -> int:
    """Insert a key pair as the active one (call inside a transaction)."""
    stamp = now_iso()
    public = keys.public
    store.execute("UPDATE unit_keys SET active = 0, updated_at = ? WHERE active = 1", (stamp,))
    return store.insert(
        "unit_keys",
        {
            "uuid": new_uuid(),
            "signing_private_pem": _pem(keys.signing_private),
            "signing_public": b64(public.signing),
            "encryption_private_pem": _pem(keys.encryption_private),
            "encryption_public": b64(public.encryption),
            "fingerprint": public.fingerprint,
            "active": 1,
            "created_at": stamp,
            "updated_at": stamp,
        },
    )


def _trusted_from_row(row: dict[str, Any]) -> TrustedKey:
    public = PublicKeys(unb64(row["signing_public"], size=32), unb64(row["encryption_public"], size=32))
    return TrustedKey(row["unit_code"], row["unit_name"], row["role"], public, row["fingerprint"])


def trusted_keys(store: Store, *, include_revoked: bool = False) -> list[dict[str, Any]]:
    where = "" if include_revoked else "WHERE revoked = 0"
    return store.query(
        "SELECT id, uuid, unit_code, unit_name, role, fingerprint, trusted_at, revoked, notes FROM trusted_keys "
        f"{where} ORDER BY role, unit_code, id"
    )


def trusted_key(store: Store, fingerprint_text: str) -> TrustedKey | None:
    row = store.query_one(
        "SELECT * FROM trusted_keys WHERE fingerprint = ? AND revoked = 0", (normalise_fingerprint(fingerprint_text),)
    )
    return _trusted_from_row(row) if row else None


def load_keyring(store: Store) -> Keyring:
    rows = store.query("SELECT * FROM trusted_keys WHERE revoked = 0")
    return Keyring(
        {row["fingerprint"]: _trusted_from_row(row) for row in rows}, load_unit_keys(store), load_all_unit_keys(store)
    )


def add_trusted_key(
    store: Store, *, unit_code: str, unit_name: str, role: str, keys: PublicKeys, notes: str = ""
) -> int:
    """Trust a peer's keys (call inside a transaction). A key already stored is never changed here: trusting it again
    as the same unit with the same role is a no-op; a revoked one, or one stored with another code, name or role, is
    refused (``desktop.ops.exchange.trust_key`` says why first), so a relabelled key file cannot turn the province's
    key into a unit's, nor bring back a revoked key."""
    stamp = now_iso()
    existing = store.query_one(
        "SELECT id, unit_code, unit_name, role, revoked FROM trusted_keys WHERE fingerprint = ?", (keys.fingerprint,)
    )
    if existing:
        same = (existing["unit_code"], existing["unit_name"], existing["role"]) == (unit_code, unit_name, role)
        if existing["revoked"] or not same:
            raise PackageError(
                _("Khóa có dấu vân tay {fingerprint} đã có trong danh sách tin cậy (đã thu hồi hoặc ghi khác).").format(
                    fingerprint=keys.fingerprint
                ),
                code="key_stored",
            )
        return int(existing["id"])
    values = {
        "unit_code": unit_code,
        "unit_name": unit_name,
        "role": role,
        "trusted_at": stamp,
        "revoked": 0,
        "notes": notes,
        "updated_at": stamp,
    }
    return store.insert(
        "trusted_keys",
        values
        | {
            "uuid": new_uuid(),
            "signing_public": b64(keys.signing),
            "encryption_public": b64(keys.encryption),
            "fingerprint": keys.fingerprint,
            "created_at": stamp,
        },
    )


def replace_unit_keys(store: Store) -> tuple[UnitKeys | None, UnitKeys, str]:
    """A new key pair made the active one (call inside a transaction): (the old pair or None, the new pair, the new
    row's uuid). The old pair stays in ``unit_keys``, inactive, never deleted: certificates whose QR codes it signed
    keep verifying, and packages encrypted to it still open."""
    old = load_unit_keys(store)
    new = generate_unit_keys()
    row_id = store_unit_keys(store, new)
    uuid = store.scalar("SELECT uuid FROM unit_keys WHERE id = ?", (row_id,))
    return old, new, str(uuid)


def ensure_unit_keys(store: Store) -> UnitKeys:
    """This unit's keys, made and stored on first use (call inside a transaction)."""
    keys = load_unit_keys(store)
    if keys is None:
        keys = generate_unit_keys()
        store_unit_keys(store, keys)
    return keys
