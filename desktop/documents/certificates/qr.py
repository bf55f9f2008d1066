"""Signed QR payloads on certificates, checked offline, and a fast QR matrix for printing them.

Payload, one line of UTF-8 text, ``|`` between parts, ``%`` and ``|`` inside a part escaped as %25, %7C:

    TDKT2|<unit_code>|<decision_number>|<register_no>|<name>|<date YYYY-MM-DD>|<paper>|<Ed25519 signature, base64url>

``paper`` is the kind of paper (``giay_khen``, ``bang_chung_nhan``, ``giay_chung_nhan``, …), so a check names it.
Version 1 (no paper part, certificates printed before) is still read and checked.

The signature covers the UTF-8 bytes of everything before the last ``|`` (the canonical form), so one changed
character anywhere makes it fail. The unit's key pair is made at setup; its public key is known to whoever verifies,
by a short fingerprint a clerk can read aloud over the phone.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop.documents.blocks import DocumentError
from desktop.domain.text import nfc
from desktop.i18n import _

PREFIX = "TDKT"
VERSION = 2  # what is written; versions 1 and 2 are read
VERSIONS = (1, 2)
_PARTS = {1: 7, 2: 8}


class PayloadError(DocumentError):
    """A QR text that is not a certificate payload this program can read."""


@dataclass(frozen=True)
class PayloadFields:
    unit_code: str
    decision_number: str
    register_no: str
    name: str
    issued_on: date
    version: int = VERSION
    signature: bytes = b""
    paper: str = ""  # "giay_khen", "bang_chung_nhan" …; "" in a version-1 payload

    def canonical(self) -> str:
        parts = [f"{PREFIX}{self.version}", self.unit_code, self.decision_number, self.register_no, self.name]
        parts = [parts[0], *(_escape(nfc(p)) for p in parts[1:]), self.issued_on.isoformat()]
        if self.version >= 2:
            parts.append(_escape(self.paper))
        return "|".join(parts)

    def signed_bytes(self) -> bytes:
        return self.canonical().encode("utf-8")


@dataclass(frozen=True)
class VerifyResult:
    genuine: bool
    signer_fingerprint: str | None
    fields: PayloadFields | None
    message: str


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("|", "%7C").replace("\n", " ")


def _unescape(text: str) -> str:
    return text.replace("%7C", "|").replace("%7c", "|").replace("%25", "%")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text or any(ch not in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" for ch in text):
        raise binascii.Error("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def generate_keypair() -> tuple[bytes, bytes]:
    """(private key as unencrypted PKCS#8 PEM, public key as its 32 raw bytes)."""
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return private_pem, public_key_of(private_pem)


def public_key_of(private_pem: bytes) -> bytes:
    key = _private_key(private_pem)
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _private_key(private_pem: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(private_pem, password=None)
    except (ValueError, TypeError) as exc:
        raise PayloadError(_("Khóa ký của đơn vị bị hỏng hoặc sai định dạng: {error}").format(error=exc)) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise PayloadError(_("Khóa ký của đơn vị không phải khóa Ed25519."))
    return key


def fingerprint(public_raw: bytes) -> str:
    """SHA-256 of the raw public key, first 10 bytes as five groups of four hex digits: "3F2A 9C01 …"."""
    digest = hashlib.sha256(bytes(public_raw)).hexdigest()[:20].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4))


def sign_payload(private_pem: bytes, fields: PayloadFields) -> str:
    """The full QR text for ``fields`` (its ``signature`` is ignored and replaced): version 2 when it names its
    paper, version 1 (as before) when it does not."""
    unsigned = dataclasses.replace(fields, version=VERSION if fields.paper else 1, signature=b"")
    signature = _private_key(private_pem).sign(unsigned.signed_bytes())
    return f"{unsigned.canonical()}|{_b64(signature)}"


def parse_payload(text: str) -> PayloadFields:
    """Split a scanned or pasted QR text; raises :class:`PayloadError` saying what is wrong with it."""
    text = (text or "").strip()
    if not text.startswith(PREFIX):
        raise PayloadError(_("Đây không phải mã QR giấy chứng nhận của chương trình (không bắt đầu bằng “TDKT”)."))
    parts = text.split("|")
    version_text = parts[0][len(PREFIX) :]
    if not version_text.isdigit():
        raise PayloadError(_("Đây không phải mã QR giấy chứng nhận của chương trình (không bắt đầu bằng “TDKT”)."))
    version = int(version_text)
    if version not in VERSIONS:
        raise PayloadError(
            _("Mã QR dùng phiên bản {version}, chương trình này chỉ đọc phiên bản {supported}.").format(
                version=version_text, supported=", ".join(str(v) for v in VERSIONS)
            )
        )
    if len(parts) != _PARTS[version]:
        raise PayloadError(
            _("Mã QR bị thiếu hoặc thừa thông tin: có {found} phần, cần {count}.").format(
                found=len(parts), count=_PARTS[version]
            )
        )
    try:
        issued_on = date.fromisoformat(parts[5])
    except ValueError:
        raise PayloadError(_("Ngày trong mã QR không hợp lệ: “{value}”.").format(value=parts[5])) from None
    try:
        signature = _unb64(parts[-1])
    except (binascii.Error, ValueError):
        raise PayloadError(_("Chữ ký trong mã QR bị hỏng (không giải mã được base64).")) from None
    if len(signature) != 64:
        raise PayloadError(_("Chữ ký trong mã QR bị hỏng (độ dài sai)."))
    return PayloadFields(
        unit_code=_unescape(parts[1]),
        decision_number=_unescape(parts[2]),
        register_no=_unescape(parts[3]),
        name=_unescape(parts[4]),
        issued_on=issued_on,
        version=version,
        signature=signature,
        paper=_unescape(parts[6]) if version >= 2 else "",
    )


def verify_payload(text: str, public_keys: Mapping[str, bytes]) -> VerifyResult:
    """Whether ``text`` was signed by one of ``public_keys`` (fingerprint → raw key) and not changed since."""
    try:
        fields = parse_payload(text)
    except PayloadError as exc:
        return VerifyResult(False, None, None, str(exc))
    signed = "|".join((text or "").strip().split("|")[:-1]).encode("utf-8")
    for key_fingerprint, public_raw in public_keys.items():
        try:
            Ed25519PublicKey.from_public_bytes(bytes(public_raw)).verify(fields.signature, signed)
        except (InvalidSignature, ValueError):
            continue
        message = _("Giấy chứng nhận thật: chữ ký hợp lệ của đơn vị có khóa {fingerprint}.")
        return VerifyResult(True, key_fingerprint, fields, message.format(fingerprint=key_fingerprint))
    if not public_keys:
        message = _("Chưa có khóa công khai nào để đối chiếu: không rõ đơn vị cấp.")
    else:
        message = _(
            "Không xác nhận được: chữ ký không khớp khóa của đơn vị nào đã biết — không rõ đơn vị cấp, "
            "hoặc nội dung mã QR đã bị sửa."
        )
    return VerifyResult(False, None, fields, message)


# --- QR matrix -------------------------------------------------------------------------------------------------
# reportlab's encoder is correct but spends ~20 ms per code choosing a mask and dividing polynomials in pure
# Python; 1,000 certificates need it 50 times faster. We keep its function-pattern placement and replace the
# Reed-Solomon step (table-driven, generator polynomials cached) and the data placement (positions cached per
# version), with one fixed mask: any of the eight masks is valid, every reader handles them.

_MASK = 2  # modules where column % 3 == 0 are inverted
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _i in range(255):
    _EXP[_i] = _value
    _LOG[_value] = _i
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]

_GENERATORS: dict[int, list[int]] = {}
_POSITIONS: dict[int, list[tuple[int, int]]] = {}


def _generator(degree: int) -> list[int]:
    poly = _GENERATORS.get(degree)
    if poly is None:
        poly = [1]
        for i in range(degree):
            nxt = [0] * (len(poly) + 1)
            for j, coef in enumerate(poly):
                nxt[j] ^= coef
                if coef:
                    nxt[j + 1] ^= _EXP[_LOG[coef] + i]
            poly = nxt
        _GENERATORS[degree] = poly
    return poly


_TABLES: dict[int, list[list[int]]] = {}


def _ec_bytes(data: list[int], degree: int) -> list[int]:
    """Remainder of data·x^degree divided by the generator: the block's error-correction bytes."""
    table = _TABLES.get(degree)
    if table is None:
        logs = [_LOG[g] for g in _generator(degree)[1:]]
        table = [[0] * degree] + [[_EXP[_LOG[f] + lg] for lg in logs] for f in range(1, 256)]
        _TABLES[degree] = table
    rem = [0] * degree
    for byte in data:
        row = table[byte ^ rem[0]]
        rem = [a ^ b for a, b in zip(rem[1:], row, strict=False)]
        rem.append(row[-1])
    return rem


def qr_matrix(text: str, *, level: str = "M") -> list[list[bool]]:
    """Dark/light modules of a QR code (byte mode, UTF-8) for ``text``; rows top to bottom."""
    from reportlab.graphics.barcode import qrencoder

    ec_level = getattr(qrencoder.QRErrorCorrectLevel, level)
    code = qrencoder.QRCode(None, ec_level)
    code.addData(qrencoder.QR8bitByte(text.encode("utf-8")))
    version = code.calculate_version()
    code.version = version
    blocks = qrencoder.QRRSBlock.getRSBlocks(version, ec_level)
    payload = text.encode("utf-8")
    length_bits = 8 if version < 10 else 16
    bits = "0100" + format(len(payload), f"0{length_bits}b") + "".join(format(b, "08b") for b in payload)
    capacity = sum(block.dataCount for block in blocks) * 8
    bits += "0" * min(4, capacity - len(bits))  # terminator
    bits += "0" * (-len(bits) % 8)
    data = [int(bits[i : i + 8], 2) for i in range(0, len(bits), 8)]
    filler = 0
    while len(data) * 8 < capacity:
        data.append((0xEC, 0x11)[filler % 2])
        filler += 1
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        chunk = data[offset : offset + block.dataCount]
        offset += block.dataCount
        data_blocks.append(chunk)
        ec_blocks.append(_ec_bytes(chunk, block.totalCount - block.dataCount))
    stream: list[int] = []
    for group in (data_blocks, ec_blocks):
        for i in range(max(len(b) for b in group)):
            stream.extend(b[i] for b in group if i < len(b))
    code.dataCache = stream
    code.mapData = lambda _data, _mask: None  # placed below, faster
    code.makeImpl(False, _MASK)
    positions = _POSITIONS.get(version)
    if positions is None:  # needs the module count, known only after makeImpl
        positions = _POSITIONS[version] = list(code._dataPosIterator())
    modules = code.modules
    bits = "".join(format(b, "08b") for b in stream)
    nbits = len(bits)
    for index, (col, row) in enumerate(positions):
        dark = index < nbits and bits[index] == "1"
        modules[row][col] = dark ^ (col % 3 == 0)
    return modules


__all__ = [
    "PayloadError",
    "PayloadFields",
    "VerifyResult",
    "fingerprint",
    "generate_keypair",
    "parse_payload",
    "public_key_of",
    "qr_matrix",
    "sign_payload",
    "verify_payload",
]
