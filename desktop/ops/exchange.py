"""Package exchange operations for the CLI and the window (page "Trao đổi dữ liệu"): keys, trust, export, import.

Each function is keyword-only; each write is ONE ``store.transaction`` (``exchange.*`` / ``package.*``).
Refusals raise :class:`desktop.exchange.PackageError` with one Vietnamese message and ``code``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.domain.dates import DateError, check_year
from desktop.domain.text import NOTES_MAX_LENGTH
from desktop.exchange import keys as keymod
from desktop.exchange.exporter import export_package, plan_export
from desktop.exchange.format import (
    KIND_ENTRIES,
    KIND_LABELS,
    PUBLIC_KEY_EXTENSION,
    RECORD_KIND_LABELS,
    ROLES,
    PackageError,
)
from desktop.exchange.importer import (
    ImportPlan,
    ImportResult,
    apply_import,
    current_mode,
    own_identity,
    plan_import,
    verify,
)
from desktop.files.replace import write_file
from desktop.i18n import N_, _
from desktop.ops.backup import before_operation
from desktop.ops.common import clean_text
from desktop.ops.setup import lookup_commune, provinces
from desktop.store import Store, ValidationError, audit, now_iso
from desktop.store.review_repo import catalog_name
from desktop.store.rules_repo import effective_pack


def ensure_unit_keys(store: Store) -> str:
    """Make this unit's key pair if it has none (at setup); returns its fingerprint."""
    with store.transaction(operation="exchange.keys"):
        return keymod.ensure_unit_keys(store).fingerprint


def replace_unit_keys(store: Store, *, reason: str) -> dict[str, Any]:
    """Make a new key pair for this unit and use it from now on (a copy of the old private key was lost, the PC was
    stolen, or the old key was trusted by mistake somewhere).

    ONE ``exchange.replace_keys`` transaction: the new pair becomes the active one and the audit log keeps the
    reason with both fingerprints. The old pair stays, inactive, never deleted: certificates whose QR codes it
    signed keep verifying here, and a package the province encrypted to it before it learned the new key still
    opens. New packages and certificates are signed with the new key, so the province and every unit that trusts
    this one must trust the new public key (``tdkt keys trust FILE --replace OLD``), checked by phone.
    """
    text = replacement_reason(reason)
    with store.transaction(operation="exchange.replace_keys"):
        old, new, uuid = keymod.replace_unit_keys(store)
        old_fingerprint = old.fingerprint if old else None
        audit.record_event(
            store,
            table="unit_keys",
            record_uuid=uuid,
            before={"fingerprint": old_fingerprint},
            after={"fingerprint": new.fingerprint, "reason": text},
        )
    province = current_mode(store) == "province"
    return {
        "old_fingerprint": old_fingerprint,
        "new_fingerprint": new.fingerprint,
        "reason": text,
        "mode": "province" if province else "unit",
        "advice": _replacement_advice(old_fingerprint, province=province),
    }


def replacement_reason(reason: str) -> str:
    """The reason for a new key pair, cleaned like any note; refused when empty."""
    text = clean_text(reason, "reason", _("Lý do tạo khóa mới"), multiline=True, max_length=NOTES_MAX_LENGTH)
    if not text:
        raise ValidationError(
            _("Hãy ghi lý do tạo khóa mới (ví dụ: máy cũ bị mất, bản sao khóa bị lộ)."), field="reason"
        )
    return text


def replacement_recipients(*, province: bool) -> str:
    """Who must trust a new key pair: the units when the province replaces its key, else the province and peers."""
    if province:
        return _("mọi đơn vị đang tin cậy khóa của tỉnh")
    return _("Sở Nội vụ (cấp tỉnh) và mọi đơn vị đang tin cậy khóa của đơn vị này")


def _replacement_advice(old_fingerprint: str | None, *, province: bool) -> str:
    """What the clerk must do next, in the words of the command line (``tdkt keys …``); the window says it with
    its own buttons (``ui/exchange/keys.py``)."""
    whom = replacement_recipients(province=province)
    if old_fingerprint is None:
        return _(
            "Hãy ghi khóa công khai mới ra tệp (tdkt keys export-public TỆP, hoặc nút “Ghi khóa công khai ra "
            "tệp…”), gửi cho {whom} và đọc dấu vân tay mới qua điện thoại để họ đối chiếu."
        ).format(whom=whom)
    return _(
        "Hãy ghi khóa công khai mới ra tệp (tdkt keys export-public TỆP, hoặc nút “Ghi khóa công khai ra tệp…”), "
        "gửi cho {whom} và đọc dấu vân tay mới qua điện thoại. Nơi nhận tin cậy khóa mới bằng “thay khóa cũ” "
        "(tdkt keys trust TỆP --replace {old}); đến khi đó, gói ký bằng khóa mới sẽ bị họ từ chối."
    ).format(whom=whom, old=old_fingerprint)


def show_keys(store: Store) -> dict[str, Any]:
    """Our fingerprint (to read aloud) and every trusted key."""
    keys = keymod.load_unit_keys(store)
    code, name = own_identity(store)
    return {
        "unit_code": code,
        "unit_name": name,
        "mode": current_mode(store),
        "fingerprint": keys.fingerprint if keys else None,
        "trusted": list_trusted(store),
    }


def export_public_key(store: Store, *, path: Path) -> Path:
    """Write our public keys to a .tdktkey file to hand to the province (or, at the province, to the units)."""
    fingerprint = ensure_unit_keys(store)
    keys = keymod.load_unit_keys(store)
    assert keys is not None and keys.fingerprint == fingerprint
    code, name = own_identity(store)
    role = "province" if current_mode(store) == "province" else "unit"
    path = Path(path)
    if path.suffix.lower() != PUBLIC_KEY_EXTENSION:
        path = path.with_name(path.name + PUBLIC_KEY_EXTENSION)
    document = keymod.public_key_document(keys=keys.public, unit_code=code, unit_name=name, role=role)
    return write_file(path, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def _place_of(code: str, role: str) -> tuple[str, str] | None:
    """(province code, "commune, province" or province name) of a key's code when it is an official one: a unit's
    5-digit commune code, a province's 2-digit code; None for any other code (an agency's own number)."""
    if role == "unit" and len(code) == 5:
        try:
            place = lookup_commune(code)
        except ValidationError:
            return None
        return place["province_code"], f"{place['commune_name']}, {_province_label(place['province_name'])}"
    if role == "province" and len(code) == 2:
        name = dict(provinces()).get(code)
        return (code, _province_label(name)) if name else None
    return None


def _province_label(name: str) -> str:
    """ "Thành phố Hà Nội" as it is; "Tuyên Quang" (the list names provinces bare) as "tỉnh Tuyên Quang"."""
    return name if name.startswith("Thành phố") else _("tỉnh {name}").format(name=name)


def _refuse_other_province(store: Store, code: str, name: str, role: str) -> None:
    """A key whose official code places it in another province is not trusted: a province counts only its own units
    in its summary, and a unit takes decisions and rule packs only from its own province. A slip in the list of key
    files is the likely cause (a neighbour's file), or a relabelled one; nothing is known of codes that are not
    official, so those pass."""
    own = str(store.scalar("SELECT province_code FROM unit ORDER BY id LIMIT 1") or "")
    own_name = _province_label(dict(provinces()).get(own, own)) if own else ""
    if own and role == "province" and not (len(code) == 2 and code.isdigit()):
        # a province's key carries a 2-digit province code: one of role province with a commune's code (a ward's
        # 00004 of Hà Nội) would pass the place check below, which reads only 2-digit codes as provinces
        raise PackageError(
            _(
                "Không tin cậy khóa cấp tỉnh của {name}: mã {code} không phải mã tỉnh (2 chữ số, mã của {own} là "
                "{own_code}). Khóa cấp tỉnh của đơn vị chỉ là khóa của tỉnh mình; hãy kiểm tra lại tệp khóa."
            ).format(name=name, code=code, own_code=own, own=own_name),
            code="key_file",
        )
    place = _place_of(code, role)
    if not own or place is None or place[0] == own:
        return
    raise PackageError(
        _(
            "Không tin cậy khóa của {name}: mã {code} là của {place}, không thuộc {own}. Tỉnh chỉ nhận gói của đơn vị "
            "trong tỉnh và đơn vị chỉ nhận quyết định, quy định của tỉnh mình; hãy kiểm tra lại tệp khóa."
        ).format(name=name, code=code, place=place[1], own=own_name),
        code="key_file",
    )


def _refuse_own_code(store: Store, code: str, name: str) -> None:
    """A key file that names this installation's own code but is not one of its keys is a forgery (or another
    installation made from a copy of this file): trusted, its certificates would read as genuine papers of this
    unit that its register does not hold, and its packages as sent by this unit."""
    own = {own_identity(store)[0]}
    if current_mode(store) == "unit":  # a province's commune code only places its office; units of it are not it
        unit = store.query_one("SELECT code, commune_code FROM unit ORDER BY id LIMIT 1") or {}
        own |= {str(unit.get("code") or ""), str(unit.get("commune_code") or "")}
    if code and code in own - {""}:
        raise PackageError(
            _(
                "Không tin cậy khóa “{name}”: tệp khóa ghi mã {code} của chính đơn vị này nhưng không phải khóa của "
                "đơn vị. Đơn vị chỉ ký bằng khóa của mình; tệp này có thể là giả, hoặc của một máy cài từ bản sao "
                "dữ liệu của đơn vị."
            ).format(name=name, code=code),
            code="key_file",
        )


def trust_key(
    store: Store,
    *,
    path: Path,
    role: str | None = None,
    expected_fingerprint: str | None = None,
    replace: str | None = None,
) -> dict[str, Any]:
    """Trust the keys in a .tdktkey file; with ``expected_fingerprint`` (read aloud on the phone) they must match.

    A unit code keeps ONE trusted key: a second key for a code that already has one is refused, so a stolen or
    forged key file cannot quietly sit beside the real one. Rotating a key names the old fingerprint in
    ``replace``: the old key is revoked and the new one trusted in the same transaction.
    """
    found = keymod.read_public_key_file(Path(path))
    public: keymod.PublicKeys = found["keys"]
    if expected_fingerprint is not None:
        wanted = keymod.normalise_fingerprint(expected_fingerprint)
        if not wanted:
            raise PackageError(
                _("“{text}” không phải dấu vân tay (32 ký tự 0-9, A-F).").format(text=expected_fingerprint),
                code="key_file",
            )
        if wanted != public.fingerprint:
            raise PackageError(
                _(
                    "Dấu vân tay của tệp khóa ({found}) KHÁC dấu vân tay được đọc ({wanted}): tệp có thể bị tráo, "
                    "không tin cậy khóa này."
                ).format(found=public.fingerprint, wanted=wanted),
                code="key_file",
            )
    if role is None and found["role"] == "province":
        # the role is what makes a key able to send decisions and rule packs: never taken from the file alone
        raise PackageError(
            _(
                "Tệp khóa của {name} ({code}) tự ghi vai trò CẤP TỈNH. Khóa cấp tỉnh được gửi quyết định khen thưởng "
                "và bộ quy tắc cho đơn vị, nên phải xác nhận vai trò này: chỉ làm khi đã gọi điện xác nhận với Sở Nội "
                "vụ (tdkt keys trust TỆP --role province)."
            ).format(name=found["unit_name"], code=found["unit_code"]),
            code="role_unconfirmed",
        )
    chosen = role or found["role"]
    if chosen not in ROLES:
        raise PackageError(
            _("Vai trò “{role}” không hợp lệ; chỉ dùng: province, unit.").format(role=chosen), code="key_file"
        )
    if store.scalar("SELECT 1 FROM unit_keys WHERE fingerprint = ?", (public.fingerprint,)):  # also a replaced one
        raise PackageError(_("Đây là khóa của chính đơn vị này, không cần tin cậy."), code="key_file")
    _refuse_own_code(store, str(found["unit_code"]), str(found["unit_name"]))
    old = keymod.normalise_fingerprint(replace) if replace else ""
    if replace and not old:
        raise PackageError(
            _("“{text}” không phải dấu vân tay (32 ký tự 0-9, A-F).").format(text=replace), code="key_file"
        )
    _refuse_other_province(store, str(found["unit_code"]), str(found["unit_name"]), chosen)
    with store.transaction(operation="exchange.trust_key"):
        # Checked inside the write transaction: two windows trusting two keys at once cannot both pass.
        stored = store.query_one("SELECT * FROM trusted_keys WHERE fingerprint = ?", (public.fingerprint,))
        if stored is not None:
            _refuse_stored_key(store, stored, found, chosen, path=Path(path), replace=old)
            return {
                "unit_code": stored["unit_code"],
                "unit_name": stored["unit_name"],
                "role": stored["role"],
                "fingerprint": public.fingerprint,
                "replaced": None,
                "unchanged": True,
            }
        active = store.query(
            "SELECT fingerprint, unit_name FROM trusted_keys WHERE unit_code = ? AND revoked = 0 AND fingerprint != ?",
            (found["unit_code"], public.fingerprint),
        )
        # ONE province: a second province key (a neighbour's file relabelled) would decide beside the real one
        provinces = (
            store.query(
                "SELECT fingerprint, unit_code, unit_name FROM trusted_keys WHERE role = 'province' AND revoked = 0 "
                "AND fingerprint != ?",
                (public.fingerprint,),
            )
            if chosen == "province"
            else []
        )
        if old and old not in {row["fingerprint"] for row in active + provinces}:
            raise PackageError(
                _("Đơn vị {code} không có khóa đang tin cậy với dấu vân tay {fingerprint} để thay.").format(
                    code=found["unit_code"], fingerprint=old
                ),
                code="key_file",
            )
        others = [row for row in active if row["fingerprint"] != old]
        if others:
            raise PackageError(
                _(
                    "Đơn vị {code} ({name}) đã có một khóa đang được tin cậy (dấu vân tay {fingerprint}). Một đơn "
                    "vị chỉ có một khóa: muốn đổi khóa, hãy gọi điện xác nhận với đơn vị đó rồi chọn “thay khóa "
                    "cũ” (hoặc tdkt keys trust TỆP --replace DẤU_VÂN_TAY_CŨ); khóa cũ sẽ bị thu hồi."
                ).format(code=found["unit_code"], name=others[0]["unit_name"], fingerprint=others[0]["fingerprint"]),
                code="key_exists",
            )
        other_provinces = [row for row in provinces if row["fingerprint"] != old]
        if other_provinces:
            raise PackageError(
                _(
                    "Máy này đã tin cậy khóa cấp tỉnh của {name} ({code}, dấu vân tay {fingerprint}); chỉ tin cậy một "
                    "khóa cấp tỉnh. Nếu tỉnh đổi khóa, hãy gọi điện xác nhận rồi chọn “thay khóa cũ” (hoặc tdkt keys "
                    "trust TỆP --role province --replace DẤU_VÂN_TAY_CŨ); khóa cũ sẽ bị thu hồi."
                ).format(
                    name=other_provinces[0]["unit_name"],
                    code=other_provinces[0]["unit_code"],
                    fingerprint=other_provinces[0]["fingerprint"],
                ),
                code="key_exists",
            )
        if old:
            store.execute("UPDATE trusted_keys SET revoked = 1, updated_at = ? WHERE fingerprint = ?", (now_iso(), old))
        keymod.add_trusted_key(
            store, unit_code=found["unit_code"], unit_name=found["unit_name"], role=chosen, keys=public
        )
    return {
        "unit_code": found["unit_code"],
        "unit_name": found["unit_name"],
        "role": chosen,
        "fingerprint": public.fingerprint,
        "replaced": old or None,
        "unchanged": False,
    }


_ROLE_WORDS = {"province": N_("cấp tỉnh"), "unit": N_("đơn vị")}


def _role_word(role: str) -> str:
    return _(_ROLE_WORDS[role]) if role in _ROLE_WORDS else role


def _refuse_stored_key(
    store: Store, stored: dict[str, Any], found: dict[str, Any], role: str, *, path: Path, replace: str
) -> None:
    """The file's key is already in the trusted list: trusting it again changes nothing, or is refused.

    A revoked key is never trusted again this way (its unit's PC was stolen, or the key was replaced), and a trusted
    key never takes another role, code or name from a file: a relabelled copy of the province's key would otherwise
    turn the province into a unit (its genuine packages refused from then on), or a unit into the province.
    """
    fingerprint = stored["fingerprint"]
    if stored["revoked"]:
        when, why = _revocation(store, stored)
        raise PackageError(
            _(
                "Khóa trong tệp {file} (dấu vân tay {fingerprint}, của {name} ({code})) đã bị thu hồi {when}{why}. "
                "Khóa đã thu hồi không bao giờ được tin cậy lại. Nếu nơi đó cần gửi gói, hãy đề nghị họ tạo khóa "
                "mới, gọi điện đối chiếu dấu vân tay rồi tin cậy khóa mới."
            ).format(
                file=path.name,
                fingerprint=fingerprint,
                name=stored["unit_name"],
                code=stored["unit_code"],
                when=when,
                why=why,
            ),
            code="key_revoked",
        )
    differences = []
    if stored["role"] != role:
        differences.append(
            _("vai trò {stored} → {new}").format(stored=_role_word(stored["role"]), new=_role_word(role))
        )
    if stored["unit_code"] != found["unit_code"]:
        differences.append(_("mã {stored} → {new}").format(stored=stored["unit_code"], new=found["unit_code"]))
    if stored["unit_name"] != found["unit_name"]:
        differences.append(_("tên «{stored}» → «{new}»").format(stored=stored["unit_name"], new=found["unit_name"]))
    if differences:
        raise PackageError(
            _(
                "Khóa trong tệp {file} (dấu vân tay {fingerprint}) đã được tin cậy là khóa của {name} ({code}, vai "
                "trò {role}); tệp ghi khác: {differences}. Tin cậy lại không đổi vai trò, mã hay tên của một khóa "
                "đã tin cậy — tệp có thể đã bị sửa. Nếu thay đổi này là thật (đã gọi điện xác nhận), hãy đề nghị "
                "nơi đó gửi khóa mới rồi tin cậy bằng “thay khóa cũ” (tdkt keys trust TỆP_KHÓA_MỚI --replace "
                "{fingerprint}); khóa cũ sẽ bị thu hồi."
            ).format(
                file=path.name,
                fingerprint=fingerprint,
                name=stored["unit_name"],
                code=stored["unit_code"],
                role=_role_word(stored["role"]),
                differences="; ".join(differences),
            ),
            code="key_relabelled",
        )
    if replace:
        raise PackageError(
            _(
                "Khóa trong tệp {file} (dấu vân tay {fingerprint}) đã đang được tin cậy; “thay khóa cũ” chỉ dùng để "
                "tin cậy một khóa mới thay cho khóa cũ {old}."
            ).format(file=path.name, fingerprint=fingerprint, old=replace),
            code="key_trusted",
        )


def _revocation(store: Store, stored: dict[str, Any]) -> tuple[str, str]:
    """When a trusted key was revoked ("lúc 05/12/2026 14:03") and why (", khi thay bằng khóa mới"), from the
    audit log; the row's last change when the log does not say."""
    when_text, why = str(stored.get("updated_at") or ""), ""
    for event in audit.history(store, table="trusted_keys", record_uuid=str(stored["uuid"])):
        before, after = _json_object(event.get("before")), _json_object(event.get("after"))
        if after.get("revoked") and not before.get("revoked"):
            when_text = str(event.get("at") or when_text)
            if event.get("operation") == "exchange.trust_key":
                why = _(", khi được thay bằng một khóa mới")
            elif event.get("operation") == "exchange.revoke_key":
                why = _(", do người dùng thu hồi")
            break  # newest first
    try:
        when = _("lúc {time}").format(time=datetime.fromisoformat(when_text).astimezone().strftime("%d/%m/%Y %H:%M"))
    except ValueError:
        when = ""
    return when, why


def _json_object(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    try:
        parsed = json.loads(value) if value else {}
    except (TypeError, ValueError):
        return {}
    return parsed if isinstance(parsed, dict) else {}


def revoke_key(store: Store, *, fingerprint: str) -> None:
    wanted = keymod.normalise_fingerprint(fingerprint)
    row = store.query_one("SELECT id FROM trusted_keys WHERE fingerprint = ?", (wanted,))
    if row is None:
        raise PackageError(
            _("Không có khóa tin cậy có dấu vân tay “{text}”.").format(text=fingerprint), code="key_file"
        )
    with store.transaction(operation="exchange.revoke_key"):
        store.update("trusted_keys", int(row["id"]), {"revoked": 1})


def default_encryption_key(store: Store, *, receiver: str | None = None) -> str | None:
    """The fingerprint a package is encrypted to unless the clerk says otherwise: at a unit, the province's trusted
    key; at the province, the receiving unit's. None when there is no such key (or more than one to choose from)."""
    role = "unit" if current_mode(store) == "province" else "province"
    keys = [
        k
        for k in list_trusted(store)
        if not k["revoked"] and k["role"] == role and (receiver is None or k["unit_code"] == receiver)
    ]
    return str(keys[0]["fingerprint"]) if len(keys) == 1 else None


def list_trusted(store: Store) -> list[dict[str, Any]]:
    return [row | {"revoked": bool(row["revoked"])} for row in keymod.trusted_keys(store, include_revoked=True)]


def verify_file(store: Store, *, path: Path) -> dict[str, Any]:
    """Every check, nothing written: the readable summary of a valid package (raises PackageError otherwise)."""
    package = verify(store, Path(path))
    manifest = package.manifest
    return {
        "valid": True,
        "file": package.file_name,
        "file_sha256": package.file_sha256,
        "package_uuid": manifest.package_uuid,
        "format_version": manifest.format_version,
        "kind": manifest.kind,
        "year": manifest.year,
        "sender": manifest.sender.to_json(),
        "receiver": manifest.receiver.to_json(),
        "created_at": manifest.created_at,
        "app_version": manifest.app_version,
        "counts": manifest.counts,
        "encrypted": package.encrypted,
        "signer": {
            "unit_code": package.signer.unit_code,
            "unit_name": package.signer.unit_name,
            "role": package.signer.role,
            "fingerprint": package.signer.fingerprint,
        },
        "attachments": sorted(package.attachments),
    }


def dry_run(store: Store, *, files: Sequence[Path]) -> list[ImportPlan]:
    """The plan of each file, in order; stops at the first refused file (its PackageError names the file)."""
    return [plan_import(store, Path(path)) for path in files]


def import_files(
    store: Store, *, files: Sequence[Path], expected_sha256: Sequence[str] | None = None
) -> list[ImportResult]:
    """Verify and plan ALL files first, then apply them together in ONE ``package.import`` transaction.

    Each file is planned again under the write lock, after the files before it are applied (a rule pack valid on
    its own may clash with the one the file before it brought): a file refused then rolls back the files applied
    before it too, so one refused file always means nothing written, as the dry run promised.

    ``expected_sha256``, one per file: the digests of the files the clerk's dry run read. A file whose bytes read now
    differ (replaced at the same path since) is refused, so what is applied is what the clerk was shown; the digest
    compared is of the very bytes verified and applied.
    """
    try:
        plans = dry_run(store, files=files)
        if expected_sha256 is not None:
            _refuse_changed_files(plans, list(expected_sha256))
        if any(not plan.already_imported for plan in plans) and not store.in_transaction and not store.readonly:
            before_operation(store, reason="before_import")  # issue 8: a backup before every import
        with store.transaction(operation="package.import"):
            return [apply_import(store, plan) for plan in plans]
    except PackageError as exc:
        if len(files) < 2:
            raise
        raise PackageError(
            exc.message.rstrip(" .") + ". " + _("Không gói nào trong {n} gói đã chọn được nhập.").format(n=len(files)),
            code=exc.code,
            file=exc.file,
            reason=exc.reason,
        ) from exc


def _refuse_changed_files(plans: list[ImportPlan], expected: list[str]) -> None:
    """Refuse (``file_changed``) when a file is not the one the dry run read: see :func:`import_files`."""
    for index, plan in enumerate(plans):
        package = plan.package
        if index >= len(expected) or package.file_sha256 != expected[index]:
            raise PackageError(
                _(
                    "Tệp {file} đã thay đổi từ lúc kiểm tra (nội dung khác với tệp đã chạy thử); không có gì được "
                    "ghi. Hãy bấm “Chọn gói để kiểm tra…” để kiểm tra lại tệp rồi mới nhập."
                ).format(file=package.file_name),
                code="file_changed",
                file=package.file_name,
            )


def _check_year(year: int) -> None:
    try:
        check_year(year)  # a package the reader would refuse is never written
    except DateError as exc:
        raise ValidationError(str(exc), field="year") from None


def _record_name(record: dict[str, Any], kind: str, names: dict[str, str]) -> str:
    """One line per record for the clerk: who (and which title), or the record's own name."""
    person = record.get("person") or {}
    collective = record.get("collective") or {}
    who = person.get("name") or collective.get("name") or record.get("household_name") or record.get("name") or ""
    code = record.get("code")
    title = names.get(code, code) if code else ""
    if kind == "yearly_report":
        rows = sum(int(row.get("total", 0)) for row in record.get("rows", []))
        return _("Báo cáo năm {year}: {staff} người, {awards} lượt khen thưởng").format(
            year=record.get("year"), staff=record.get("staff_total", 0), awards=rows
        )
    if who and title:
        return _("{who} — {title}").format(who=who, title=title)
    return str(who or title or record.get("uuid", ""))


def package_preview(
    store: Store, *, kind: str, year: int, encrypt_to: str | None = None, receiver: str | None = None
) -> dict[str, Any]:
    """What a package would hold, checked as :func:`export` checks it, before any file is chosen or written.

    Returns the kind's label, the receiver, the number of records and one line per record ("Nguyễn Văn A —
    Bằng khen của Chủ tịch UBND tỉnh"); a package that could not be made raises its PackageError now.
    """
    _check_year(year)
    plan = plan_export(store, kind=kind, year=year, encrypt_to=encrypt_to, receiver=receiver)
    pack = effective_pack(store)
    codes = {r["code"] for r in plan.records if r.get("code")}
    names = {code: catalog_name(pack, code) for code in codes}
    record_kind = KIND_ENTRIES[kind][1]
    return {
        "kind": kind,
        "kind_label": _(KIND_LABELS[kind]),
        "year": year,
        "record_kind": record_kind,
        "record_label": _(RECORD_KIND_LABELS[record_kind]),
        "count": len(plan.records),
        "names": [_record_name(r, kind, names) for r in plan.records],
        "receiver": plan.receiver.to_json(),
        "encrypted": plan.recipient_key is not None,
    }


def export(
    store: Store,
    *,
    kind: str,
    year: int,
    out: Path,
    encrypt_to: str | None = None,
    receiver: str | None = None,
) -> dict[str, Any]:
    _check_year(year)
    path = export_package(store, kind=kind, year=year, out=Path(out), encrypt_to=encrypt_to, receiver=receiver)
    row = store.query_one("SELECT * FROM packages WHERE direction = 'sent' ORDER BY id DESC LIMIT 1") or {}
    return {"path": str(path), **_history_row(row)} if row else {"path": str(path)}


def _history_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "direction": row["direction"],
        "package_uuid": row["package_uuid"],
        "kind": row["kind"],
        "year": row["year"],
        "sender": {"code": row["sender_code"], "name": row["sender_name"]},
        "receiver": {"code": row["receiver_code"], "name": row["receiver_name"]},
        "package_created_at": row["package_created_at"],
        "file_name": row["file_name"],
        "file_sha256": row["file_sha256"],
        "encrypted": bool(row["encrypted"]),
        "status": row["status"],
        "counts": json.loads(row["counts"] or "{}"),
        "message": row["message"],
        "at": row["created_at"],
    }


def history(store: Store, *, direction: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Packages sent and received, newest first."""
    rows = store.query(
        "SELECT * FROM packages WHERE (? IS NULL OR direction = ?) ORDER BY id DESC LIMIT ?",
        (direction, direction, limit),
    )
    return [_history_row(row) for row in rows]


__all__ = [
    "default_encryption_key",
    "dry_run",
    "ensure_unit_keys",
    "export",
    "export_public_key",
    "history",
    "import_files",
    "list_trusted",
    "package_preview",
    "replace_unit_keys",
    "replacement_reason",
    "revoke_key",
    "show_keys",
    "trust_key",
    "verify_file",
]
