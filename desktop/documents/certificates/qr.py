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
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

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
# Python; 1,000 certificates need it far faster. We keep its function-pattern placement (done once per version)
# and replace the rest: one fixed mask (any of the eight is valid, every reader handles them), the Reed-Solomon
# division on Python integers (one shift and one XOR per data byte), and the data placement as one C-level
# gather (``operator.itemgetter``) through a permutation cached per version: matrix cell → data bit (masked or not)
# or a fixed function-pattern module.

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


_TABLES: dict[int, list[int]] = {}


def _ec_bytes(data: Sequence[int], degree: int) -> list[int]:
    """Remainder of data·x^degree divided by the generator: the block's error-correction bytes.

    The remainder is held as one integer of ``degree`` bytes (first coefficient in the high byte); each data byte
    shifts it by one byte and XORs in the generator multiplied by the outgoing coefficient (a table row, also packed
    into an integer).
    """
    table = _TABLES.get(degree)
    if table is None:
        logs = [_LOG[g] for g in _generator(degree)[1:]]
        table = [0] + [int.from_bytes(bytes(_EXP[_LOG[f] + lg] for lg in logs), "big") for f in range(1, 256)]
        _TABLES[degree] = table
    top = 8 * (degree - 1)
    full = (1 << (8 * degree)) - 1
    rem = 0
    for byte in data:
        rem = ((rem << 8) & full) ^ table[byte ^ (rem >> top)]
    return list(rem.to_bytes(degree, "big"))


@dataclass(frozen=True)
class _Layout:
    """What every code of one version and level shares."""

    size: int  # modules per side
    blocks: tuple[tuple[int, int], ...]  # (data bytes, total bytes) of each Reed-Solomon block
    capacity_bits: int
    places: int  # data positions, remainder bits included
    interleave: Callable[[Sequence[int]], tuple[int, ...]]  # data blocks then EC blocks, concatenated → stream order
    gather: Callable[[str], tuple[str, ...]]  # source string → every module, row by row


_LAYOUTS: dict[tuple[int, int], _Layout] = {}


def _layout(version: int, ec_level: int) -> _Layout:
    layout = _LAYOUTS.get((version, ec_level))
    if layout is None:
        from reportlab.graphics.barcode import qrencoder

        code = qrencoder.QRCode(version, ec_level)
        code.dataCache = []
        code.mapData = lambda _data, _mask: None  # data placed through the permutation below
        code.makeImpl(False, _MASK)
        size = code.moduleCount
        positions = list(code._dataPosIterator())
        places = len(positions)
        # source string = data bits (places) + the same bits inverted (places) + "0" + "1"
        perm = [2 * places + int(bool(dark)) for row in code.modules for dark in row]
        for index, (col, row) in enumerate(positions):
            perm[row * size + col] = index + (places if col % 3 == 0 else 0)
        blocks = tuple((b.dataCount, b.totalCount) for b in qrencoder.QRRSBlock.getRSBlocks(version, ec_level))
        order: list[int] = []
        start = 0
        for lengths in ([d for d, _t in blocks], [t - d for d, t in blocks]):
            starts = [start + sum(lengths[:i]) for i in range(len(lengths))]
            for i in range(max(lengths)):
                order.extend(s + i for s, n in zip(starts, lengths, strict=True) if i < n)
            start += sum(lengths)
        layout = _Layout(
            size,
            blocks,
            sum(d for d, _t in blocks) * 8,
            places,
            operator.itemgetter(*order),
            operator.itemgetter(*perm),
        )
        _LAYOUTS[(version, ec_level)] = layout
    return layout


_INVERT = str.maketrans("01", "10")


@cache
def _capacity_bits(version: int, ec_level: int) -> int:
    from reportlab.graphics.barcode import qrencoder

    return sum(b.dataCount for b in qrencoder.QRRSBlock.getRSBlocks(version, ec_level)) * 8


def _version_for(payload_len: int, ec_level: int) -> int:
    """The smallest version that holds the payload in byte mode (as reportlab's ``calculate_version``)."""
    for version in range(1, 40):
        length_bits = 8 if version < 10 else 16
        if 4 + length_bits + 8 * payload_len <= _capacity_bits(version, ec_level):
            break
    return version


def qr_rows(text: str, *, level: str = "M") -> list[str]:
    """Rows of a QR code (byte mode, UTF-8) for ``text``, top to bottom, each a string of "1" (dark) and "0"."""
    from reportlab.graphics.barcode import qrencoder

    ec_level = getattr(qrencoder.QRErrorCorrectLevel, level)
    payload = text.encode("utf-8")
    version = _version_for(len(payload), ec_level)
    layout = _layout(version, ec_level)
    length_bits = 8 if version < 10 else 16
    capacity = layout.capacity_bits
    bits = "0100" + format(len(payload), f"0{length_bits}b")
    if payload:
        bits += format(int.from_bytes(payload, "big"), f"0{8 * len(payload)}b")
    bits += "0" * min(4, capacity - len(bits))  # terminator
    bits += "0" * (-len(bits) % 8)
    data = list(int(bits, 2).to_bytes(len(bits) // 8, "big"))
    data += [(0xEC, 0x11)[i % 2] for i in range(capacity // 8 - len(data))]
    ec: list[int] = []
    offset = 0
    for data_count, total_count in layout.blocks:
        ec += _ec_bytes(data[offset : offset + data_count], total_count - data_count)
        offset += data_count
    stream = layout.interleave(data + ec)
    placed = format(int.from_bytes(bytes(stream), "big"), f"0{8 * len(stream)}b")[: layout.places]
    placed = placed.ljust(layout.places, "0")  # remainder bits are light before masking
    flat = "".join(layout.gather(placed + placed.translate(_INVERT) + "01"))
    size = layout.size
    return [flat[i : i + size] for i in range(0, size * size, size)]


def qr_matrix(text: str, *, level: str = "M") -> list[list[bool]]:
    """Dark/light modules of a QR code (byte mode, UTF-8) for ``text``; rows top to bottom."""
    return [[ch == "1" for ch in row] for row in qr_rows(text, level=level)]


__all__ = [
    "PayloadError",
    "PayloadFields",
    "VerifyResult",
    "fingerprint",
    "generate_keypair",
    "parse_payload",
    "public_key_of",
    "qr_matrix",
    "qr_rows",
    "sign_payload",
    "verify_payload",
]
