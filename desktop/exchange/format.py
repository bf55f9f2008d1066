"""Constants of the package format (docs/package-format.md): names, kinds, limits.

Changing a value here changes the format: bump :data:`FORMAT_VERSION` (minor for additions an older reader may
ignore, major for anything an older reader would misread) and update the document.
"""

from __future__ import annotations

import uuid

from desktop.i18n import N_

EXTENSION = ".tdkt"
FORMAT_NAME = "tdkt-package"
FORMAT_VERSION = "1.1"  # 1.1: collectives' own yearly ratings (optional fields, see docs/package-format.md)
FORMAT_MAJOR = 1
PUBLIC_KEY_EXTENSION = ".tdktkey"
PUBLIC_KEY_FORMAT = "tdkt-public-key"

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "signature"
DATA_PREFIX = "data/"
ATTACHMENTS_PREFIX = "attachments/"
RESERVED_NAMES = (MANIFEST_NAME, SIGNATURE_NAME)

# The message signed is this prefix followed by the exact bytes of manifest.json (domain separation).
SIGNATURE_CONTEXT = b"TDKT-PACKAGE-SIGNATURE-V1\n"
SIGNATURE_ALGORITHM = "Ed25519"
ENCRYPTION_ALGORITHM = "X25519-HKDF-SHA256-AES-256-GCM"
HKDF_INFO = b"tdkt-package-encryption-v1"

UPWARD_KINDS = ("nomination_dossier", "yearly_report", "award_register")
DOWNWARD_KINDS = ("province_decisions", "rule_override", "movements")
KINDS = UPWARD_KINDS + DOWNWARD_KINDS
KIND_LABELS: dict[str, str] = {
    "nomination_dossier": N_("Hồ sơ đề nghị khen thưởng cấp trên"),
    "yearly_report": N_("Báo cáo thống kê thi đua, khen thưởng năm"),
    "award_register": N_("Sổ theo dõi khen thưởng"),
    "province_decisions": N_("Quyết định của tỉnh về các đề nghị"),
    "rule_override": N_("Bộ quy tắc riêng của tỉnh"),
    "movements": N_("Phong trào thi đua do tỉnh phát động"),
}
# The one data entry of each package kind and the record kind it holds.
KIND_ENTRIES: dict[str, tuple[str, str]] = {
    "nomination_dossier": ("data/nominations.json", "nomination"),
    "yearly_report": ("data/yearly_report.json", "yearly_report"),
    "award_register": ("data/awards.json", "award"),
    "province_decisions": ("data/decisions.json", "province_decision"),
    "rule_override": ("data/rule_overrides.json", "rule_override"),
    "movements": ("data/movements.json", "movement"),
}
RECORD_KINDS = tuple(record_kind for _entry, record_kind in KIND_ENTRIES.values())
RECORD_KIND_LABELS: dict[str, str] = {
    "nomination": N_("Đề nghị khen thưởng"),
    "yearly_report": N_("Báo cáo năm"),
    "award": N_("Khen thưởng"),
    "province_decision": N_("Quyết định của tỉnh"),
    "rule_override": N_("Bộ quy tắc riêng"),
    "movement": N_("Phong trào thi đua"),
}
ROLES = ("province", "unit")
MODES = ("unit", "province")
MODE_SETTING = "exchange.mode"
# Namespace of the name-based UUIDs (uuid5) of derived records: the award made from a province decision, the
# yearly report of a unit and year, the province's decision on one nomination.
UUID_NAMESPACE = "5b0c2f0e-5a43-4c59-9a53-7d0c6f1e7a11"


def derived_uuid(*parts: str) -> str:
    """The name-based UUID of a derived record: ``derived_uuid("yearly_report", unit_code, str(year))``."""
    return str(uuid.uuid5(uuid.UUID(UUID_NAMESPACE), ":".join(parts)))


# Size limits, checked from the central directory BEFORE anything is decompressed, and again while reading.
MAX_FILE_SIZE = 300 * 1024 * 1024
MAX_ENTRIES = 2_000
MAX_ENTRY_SIZE = 32 * 1024 * 1024
# 64 MiB (lowered from 256 MiB on 04/12/2026): hundreds of nominations with their achievement reports; a bigger total
# is a bomb made of many small entries. The writer refuses to make a package over any of these limits.
MAX_TOTAL_UNCOMPRESSED = 64 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM = 64 * 1024  # entries smaller than this cannot be a bomb whatever their ratio
MAX_MANIFEST_SIZE = 1024 * 1024
MAX_SIGNATURE_SIZE = 4 * 1024
MAX_RECORDS = 200_000
MAX_NAME_LENGTH = 200


class PackageError(Exception):
    """A package was refused: ONE clear Vietnamese message; ``code`` names the reason for programs and tests.

    Codes: not_found, not_zip, corrupt, unsafe_name, too_large, zip_bomb, missing_entry, extra_entry, manifest,
    future_version, checksum, signature, untrusted, sender_mismatch, wrong_direction, not_for_us, decrypt,
    record, duplicate_record, rule_pack, key_file, file_changed (a file replaced since its dry run).
    """

    def __init__(self, message: str, *, code: str, file: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.file = file
        self.reason = reason or message

    def __str__(self) -> str:
        return self.message
