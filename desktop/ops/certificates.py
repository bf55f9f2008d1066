"""Certificate operations for the CLI and the window (page "In giấy khen, bằng chứng nhận"): data from a
decision, rendering, the register of printed sheets and reprints, printer profiles, user templates and QR
verification.

Which paper an award gets comes from the rule pack (``pack.paper``): Giấy khen for Giấy khen, Bằng chứng nhận
for CSTĐCS and TTLĐXS, Giấy công nhận for Gia đình văn hóa, Bằng khen for the province's; LĐTT and TTLĐTT are
money and a line in the decision, printed (on a "Giấy chứng nhận") only where the province or the unit turns
``print_optional_certificates`` on. The template follows the paper; an award without paper is refused.

The certificate text comes from the decision's frozen snapshot (what was decided is what is printed, even if
the person changed job since). Every certificate carries a QR text signed with the unit's Ed25519 key, the key
the exchange module makes at setup (``unit_keys``). Prints are recorded in ONE transaction after the PDF is
written, so a failed or cancelled batch records nothing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.documents.certificates import (
    CertificateData,
    CertificateError,
    FitError,
    PayloadError,
    PayloadFields,
    PrinterProfile,
    Template,
    TemplateError,
    bundled_template,
    field_boxes,
    list_templates,
    load_template,
    parse_payload,
    render_certificates,
    render_one_per_person,
    save_template,
    sign_payload,
    verify_payload,
)
from desktop.documents.certificates.template import MODES
from desktop.domain import codes, signing
from desktop.domain.rules import RulePackError
from desktop.domain.text import nfc
from desktop.i18n import N_, _
from desktop.store import NotFoundError, Store, ValidationError, certificates_repo, unit_repo
from desktop.store.certificates_repo import REPRINT_REASONS

Progress = Callable[[int, int], None]

#: The pseudo-printer "save as PDF": no correction is applied.
PDF_PRINTER = ""

MODE_LABELS: dict[str, str] = {"preprinted": N_("Phôi in sẵn"), "full": N_("Giấy trắng in đầy đủ")}
REPRINT_LABELS: dict[str, str] = {
    "spoiled": N_("Hỏng phôi"),
    "correction": N_("Sửa nội dung in sai"),
    "other": N_("Lý do khác"),
}

# The bundled template of each paper, for one person or for a collective (a household prints like a collective).
_TEMPLATE_BY_PAPER: dict[tuple[str, str], str] = {
    ("giay_khen", "individual"): "giay_khen_a4",
    ("giay_khen", "collective"): "giay_khen_tap_the_a4",
    ("bang_chung_nhan", "individual"): "cstdcs_a4",
    ("bang_chung_nhan", "collective"): "bang_chung_nhan_tap_the_a4",
    ("giay_chung_nhan", "individual"): "ldtt_a4",
    ("giay_chung_nhan", "collective"): "giay_chung_nhan_tap_the_a4",
    ("giay_cong_nhan", "individual"): "giay_cong_nhan_a4",
    ("giay_cong_nhan", "collective"): "giay_cong_nhan_a4",
    ("bang_khen", "individual"): "bang_khen_400x300",
    ("bang_khen", "collective"): "bang_khen_400x300",
}
# The paper of each code of the national pack, for callers without a database (template_for without a paper).
_PAPER_BY_CODE = {
    "LDTT": "giay_chung_nhan",
    "TTLDTT": "giay_chung_nhan",
    "CSTDCS": "bang_chung_nhan",
    "CSTD_TINH": "bang_chung_nhan",
    "CSTD_TQ": "bang_chung_nhan",
    "TTLDXS": "bang_chung_nhan",
    "XA_TIEU_BIEU": "bang_chung_nhan",
    "GDVH": "giay_cong_nhan",
    "THON_VH": "giay_cong_nhan",
    "GIAY_KHEN": "giay_khen",
}
# What the certificate says before the award's name: "TẶNG DANH HIỆU" + a title, "TẶNG" + "GIẤY KHEN".
_GIVE_WORDS = {"giay_cong_nhan": "CÔNG NHẬN DANH HIỆU"}
# How the clerk turns the optional papers on: a rule override of the unit or the province (national pack key).
OPTIONAL_SETTING = "print_optional_certificates"
OPTIONAL_OVERRIDE_NAME = N_("In giấy chứng nhận Lao động tiên tiến, Tập thể lao động tiên tiến (đơn vị quyết định)")


# -- templates ----------------------------------------------------------------------------------------------------


def template_for(code: str, target_kind: str, paper: str | None = None) -> str:
    """The bundled template a title or award form is printed on, chosen by its paper (``pack.paper``).

    Without ``paper`` the national pack's paper of the code is assumed (LĐTT: its optional Giấy chứng nhận).
    """
    code = (code or "").upper()
    if paper is None:
        paper = _PAPER_BY_CODE.get(code, "bang_khen" if code.startswith("BK_") else "giay_khen")
    who = "individual" if target_kind == "individual" else "collective"
    return _TEMPLATE_BY_PAPER.get((paper, who), "giay_khen_tap_the_a4" if who == "collective" else "giay_khen_a4")


def paper_name(paper: str) -> str:
    """ "Giấy khen", "Bằng chứng nhận", "Giấy chứng nhận" … (translated); "" when the award has no paper."""
    return _(codes.PAPER_NAMES[paper]) if paper in codes.PAPER_NAMES else ""


def no_paper_message(name: str, code_name: str) -> str:
    """Why an award is not printed, and how a unit that wants a paper for it turns it on."""
    return _(
        "{name} — “{title}”: danh hiệu này là tiền thưởng và một dòng trong quyết định, không có giấy chứng nhận "
        "để in. Nếu tỉnh hoặc đơn vị quyết định in giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động tiên "
        "tiến, hãy bật “print_optional_certificates” (lệnh “tdkt certificates optional on --cite …”, hoặc trang "
        "Quy định → Quy định riêng của tỉnh)."
    ).format(name=name, title=code_name)


def user_templates_dir() -> Path:
    """``templates/`` in the user's data folder: templates the clerk changed in the editor (bundled files stay)."""
    from desktop.paths import user_data_dir

    return user_data_dir() / "templates"


def save_user_template(template: Template) -> Path:
    """Save ``template`` into the user's folder under its id; it then replaces the bundled one of that id."""
    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return save_template(dataclasses.replace(template, source=None), folder / f"{template.id}.toml")


def get_template(template_id: str) -> Template:
    """The user's copy of a template when there is one, else the bundled file."""
    user_file = user_templates_dir() / f"{template_id}.toml"
    if user_file.is_file():
        return load_template(user_file)
    try:
        return bundled_template(template_id)
    except TemplateError:
        raise NotFoundError(_("Không có mẫu giấy chứng nhận “{id}”.").format(id=template_id)) from None


def available_templates(errors: list[str] | None = None) -> list[Template]:
    return list_templates(user_templates_dir(), errors=errors if errors is not None else [])


# -- optional papers (LĐTT, TTLĐTT) ------------------------------------------------------------------------------


def optional_certificates_on(store: Store, on: date | None = None) -> bool:
    """Whether LĐTT and TTLĐTT get a printable "Giấy chứng nhận" (the province's or the unit's choice)."""
    from desktop.ops import rules as rules_ops

    pack = rules_ops.effective_pack(store)
    return bool(pack.has_setting(OPTIONAL_SETTING) and pack.setting(OPTIONAL_SETTING, on or date.today()))


def set_optional_certificates(
    store: Store, *, on: bool, cite: str, valid_from: date | None = None, actor: str = "system"
) -> int:
    """Turn the optional papers on (or off) by the unit's own rule override, with the document that decides it.

    One local override holds the choice; ``valid_from`` defaults to the first date the rule pack covers, so
    decisions already issued can be printed too. Returns the override's id.
    """
    from desktop.ops import rules as rules_ops

    text = nfc(cite)
    if not text:
        raise ValidationError(
            _("Hãy ghi văn bản quyết định việc in giấy chứng nhận (ví dụ: Quyết định số …/QĐ-UBND của tỉnh)."),
            field="cite",
        )
    pack = rules_ops.effective_pack(store)
    start = valid_from or pack.valid_from
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    toml = "\n".join(
        [
            "# In giấy chứng nhận cho Lao động tiên tiến, Tập thể lao động tiên tiến (tạo bởi chương trình).",
            "[pack]",
            'id = "local-optional-certificates"',
            'name = "In giấy chứng nhận LĐTT, TTLĐTT"',
            f'version = "{date.today().isoformat()}"',
            f"valid_from = {start.isoformat()}",
            'jurisdiction = "local"',
            'kind = "override"',
            f'base = "{pack.meta.id}"',
            "",
            "[settings]",
            f'{OPTIONAL_SETTING} = {{ value = {"true" if on else "false"}, cite = "{escaped}", '
            f"from = {start.isoformat()} }}",
            "",
        ]
    )
    name = OPTIONAL_OVERRIDE_NAME
    existing = store.scalar(
        "SELECT id FROM rule_overrides WHERE name = ? AND source = 'local' ORDER BY id LIMIT 1", (name,)
    )
    try:
        override_id = rules_ops.save_override(
            store, name=name, toml_text=toml, source="local", actor=actor, override_id=existing
        )
        if existing is not None:
            rules_ops.set_override_active(store, override_id=override_id, active=True, actor=actor)
    except RulePackError as exc:
        raise ValidationError("; ".join(exc.problems), field="cite") from exc
    return int(override_id)


# -- printer profiles ---------------------------------------------------------------------------------------------


def get_printer_profile(store: Store, name: str | None) -> PrinterProfile:
    """The correction for printer ``name``; no correction for an unknown printer or for "save as PDF"."""
    if not name:
        return PrinterProfile(name="")
    row = certificates_repo.get_printer_profile(store, name)
    if row is None:
        return PrinterProfile(name=name)
    return PrinterProfile(name, float(row["offset_x_mm"]), float(row["offset_y_mm"]), float(row["scale"]))


def list_printer_profiles(store: Store) -> list[dict[str, Any]]:
    return certificates_repo.list_printer_profiles(store)


def save_printer_profile(
    store: Store,
    *,
    name: str,
    offset_x_mm: float,
    offset_y_mm: float,
    scale: float = 1.0,
    notes: str = "",
    actor: str = "system",
) -> PrinterProfile:
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Chưa ghi tên máy in."), field="printer")
    for label, value in (("offset_x_mm", offset_x_mm), ("offset_y_mm", offset_y_mm)):
        if not -50 <= float(value) <= 50:
            raise ValidationError(
                _("Độ lệch {field} = {value} mm quá lớn (chỉ nhận từ -50 đến 50 mm); hãy đo lại.").format(
                    field=label, value=f"{float(value):g}"
                ),
                field=label,
            )
    if not 0.8 <= float(scale) <= 1.2:
        raise ValidationError(
            _("Tỉ lệ in {value} không hợp lệ (chỉ nhận từ 0,8 đến 1,2).").format(value=f"{float(scale):g}"),
            field="scale",
        )
    with store.transaction(operation="certificates.printer", actor=actor):
        certificates_repo.upsert_printer_profile(
            store,
            printer_name=name,
            offset_x_mm=round(float(offset_x_mm), 3),
            offset_y_mm=round(float(offset_y_mm), 3),
            scale=round(float(scale), 5),
            notes=notes,
        )
    return get_printer_profile(store, name)


# -- the unit's signing key and the keys we trust ---------------------------------------------------------------


def _signing_pem(store: Store) -> bytes:
    """The unit's Ed25519 private key (PKCS#8 PEM), made on first use if setup did not make it."""
    from cryptography.hazmat.primitives import serialization

    from desktop.exchange import keys as keymod

    keys = keymod.load_unit_keys(store)
    if keys is None:
        with store.transaction(operation="exchange.keys", actor="system"):
            keys = keymod.ensure_unit_keys(store)
    return keys.signing_private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _known_keys(store: Store) -> tuple[dict[str, bytes], dict[str, dict[str, Any]]]:
    """Public signing keys by fingerprint (ours, old ones included, and every trusted peer) and who owns each."""
    from desktop.exchange import keys as keymod

    unit = unit_repo.get_unit(store) or {}
    keys: dict[str, bytes] = {}
    owners: dict[str, dict[str, Any]] = {}
    for row in store.query("SELECT fingerprint, signing_public, active FROM unit_keys ORDER BY id DESC"):
        try:
            keys[row["fingerprint"]] = keymod.unb64(row["signing_public"], size=32)
        except ValueError:
            continue
        owners[row["fingerprint"]] = {
            "own": True,
            "unit_code": str(unit.get("commune_code") or ""),
            "unit_name": str(unit.get("name") or ""),
        }
    trusted = store.query(
        "SELECT fingerprint, signing_public, unit_code, unit_name FROM trusted_keys WHERE revoked = 0 ORDER BY id"
    )
    for row in trusted:
        if row["fingerprint"] in keys:
            continue
        try:
            keys[row["fingerprint"]] = keymod.unb64(row["signing_public"], size=32)
        except ValueError:
            continue
        owners[row["fingerprint"]] = {"own": False, "unit_code": row["unit_code"], "unit_name": row["unit_name"]}
    return keys, owners


# -- certificate data ---------------------------------------------------------------------------------------------


def _decision(store: Store, decision_id: int | None, decision_number: str | None, year: int | None) -> dict[str, Any]:
    from desktop.ops import review

    if decision_id is None and decision_number:
        text = nfc(decision_number)
        matches = [d for d in review.list_decisions(store, year=year) if d["number_text"] == text]
        if not matches:
            raise NotFoundError(_("Không tìm thấy quyết định {number}.").format(number=text))
        if len(matches) > 1:
            raise ValidationError(
                _("Có {n} quyết định số {number} ở các năm khác nhau; hãy chọn năm.").format(
                    n=len(matches), number=text
                ),
                field="year",
            )
        decision_id = int(matches[0]["id"])
    decision = review.get_decision(store, decision_id=decision_id)
    if decision["status"] == "revoked":
        raise ValidationError(
            _(
                "Quyết định số {number} đã bị hủy bỏ, khen thưởng đã bị thu hồi ({reason}); không in giấy khen, "
                "bằng chứng nhận theo quyết định này."
            ).format(number=decision["number_text"], reason=decision["status_reason"]),
            field="decision_id",
        )
    if decision["status"] == "corrected":
        newer = store.scalar("SELECT number_text FROM decisions WHERE replaces_id = ?", (decision["id"],))
        raise ValidationError(
            _("Quyết định số {number} đã bị thay thế bằng Quyết định số {newer}; hãy in theo quyết định mới.").format(
                number=decision["number_text"], newer=newer or ""
            ),
            field="decision_id",
        )
    return decision


def _prefix(awardee: dict[str, Any]) -> str:
    if awardee["target_kind"] != "individual":
        return ""
    gender = str(awardee.get("snapshot_gender") or "").upper()
    return {"M": "Ông", "F": "Bà"}.get(gender, "")  # printed on the certificate: never translated


def _pairs(
    store: Store, decision: dict[str, Any], awardee_ids: Iterable[int] | None
) -> list[tuple[dict[str, Any], CertificateData]]:
    """Each chosen awardee with what its paper prints; refuses an award that gets no paper (LĐTT by default)."""
    from desktop.ops import review

    unit = unit_repo.get_unit(store) or {}
    unit_name = str(unit.get("name") or "")
    kind = str(unit.get("unit_kind") or "") or "ubnd_xa"
    head = signing.head_title(str(unit.get("head_title") or ""), kind)
    # the authority line is the head's whoever signs; the block above the name follows the decision
    official = " ".join(part for part in (head, unit_name) if part)
    lines = review.signature_lines(store, decision)
    commune = str(unit.get("commune_name") or "")
    unit_code = str(unit.get("commune_code") or unit.get("code") or "")
    issued_on = date.fromisoformat(decision["decision_date"])
    awardees = decision["awardees"]
    if awardee_ids is not None:
        wanted = {int(i) for i in awardee_ids}
        unknown = wanted - {int(a["id"]) for a in awardees}
        if unknown:
            raise NotFoundError(
                _("Quyết định số {number} không có người được khen mã {ids}.").format(
                    number=decision["number_text"], ids=", ".join(str(i) for i in sorted(unknown))
                )
            )
        awardees = [a for a in awardees if int(a["id"]) in wanted]
    else:
        awardees = [a for a in awardees if a["paper"]]  # the whole decision: only the awards that get a paper
    if not awardees:
        if awardee_ids is None and decision["awardees"]:
            first = decision["awardees"][0]
            raise ValidationError(no_paper_message(first["snapshot_name"], first["code_name"]), field="awardee_ids")
        raise ValidationError(_("Chưa chọn người nào để in giấy khen, bằng chứng nhận."), field="awardee_ids")
    for awardee in awardees:
        if not awardee["paper"]:
            raise ValidationError(no_paper_message(awardee["snapshot_name"], awardee["code_name"]), field="awardee_ids")
    awardees = sorted(awardees, key=lambda a: int(a["register_no"]))
    pem = _signing_pem(store)
    out = []
    for awardee in awardees:
        individual = awardee["target_kind"] == "individual"
        paper = awardee["paper"]
        payload = sign_payload(
            pem,
            PayloadFields(
                unit_code=unit_code,
                decision_number=decision["number_text"],
                register_no=str(awardee["register_no"]),
                name=awardee["snapshot_name"],
                issued_on=issued_on,
                paper=paper,
            ),
        )
        title = awardee["category"] == "title"
        data = CertificateData(
            recipient_prefix=_prefix(awardee),
            recipient_name=awardee["snapshot_name"],
            position=awardee["snapshot_position"] if individual else "",
            unit_name=awardee["snapshot_department"] if individual else (awardee["snapshot_department"] or commune),
            achievement=awardee["achievement"],
            award_name=nfc(awardee["code_name"]).upper(),
            give_word=_GIVE_WORDS.get(paper, "TẶNG DANH HIỆU" if title else "TẶNG"),
            decision_number_text=decision["number_text"],
            decision_date=issued_on,
            register_no=awardee["register_no"],
            place_name=str(unit.get("place_name") or ""),
            official_title=official,
            issuing_body=unit_name,
            signer_title=lines[-1],
            signing_line=lines[0] if len(lines) > 1 else "",
            signer_name=decision["signer_name"],
            qr_payload=payload,
        )
        out.append((awardee, data))
    return out


def certificate_data_for_decision(
    store: Store, *, decision_id: int, awardee_ids: Iterable[int] | None = None
) -> list[CertificateData]:
    """What is printed for each awardee of a decision (or the chosen ones), in register-number order."""
    decision = _decision(store, decision_id, None, None)
    return [data for _awardee, data in _pairs(store, decision, awardee_ids)]


# -- batches ------------------------------------------------------------------------------------------------------


def next_serial(serial: str) -> str:
    """The serial after ``serial``: its last run of digits plus one, zeros kept ("AA000099" → "AA000100")."""
    match = re.search(r"(\d+)(?!.*\d)", serial)
    if not match:
        return serial
    digits = match.group(1)
    bumped = str(int(digits) + 1).zfill(len(digits))
    return serial[: match.start(1)] + bumped + serial[match.end(1) :]


@dataclass
class Group:
    template: Template
    rows: list[tuple[dict[str, Any], CertificateData]]


@dataclass
class Batch:
    """Everything a batch needs, read from the database once; writing it needs no database."""

    decision: dict[str, Any]
    mode: str
    printer: str
    profile: PrinterProfile
    groups: list[Group] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)  # awards of the decision that get no paper

    @property
    def count(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    @property
    def rows(self) -> list[tuple[dict[str, Any], CertificateData, Template]]:
        return [(a, d, g.template) for g in self.groups for a, d in g.rows]


def prepare_batch(
    store: Store,
    *,
    decision_id: int | None = None,
    decision_number: str | None = None,
    year: int | None = None,
    mode: str = "full",
    printer: str | None = None,
    awardee_ids: Iterable[int] | None = None,
    template_id: str | None = None,
    serial_start: str = "",
) -> Batch:
    if mode not in MODES:
        raise ValidationError(
            _("Chế độ in “{mode}” không có; chỉ có: {modes}.").format(mode=mode, modes=", ".join(MODES)), field="mode"
        )
    decision = _decision(store, decision_id, decision_number, year)
    pairs = _pairs(store, decision, awardee_ids)
    serial = (serial_start or "").strip()
    if serial:
        numbered = []
        for awardee, data in pairs:
            numbered.append((awardee, dataclasses.replace(data, serial=serial)))
            serial = next_serial(serial)
        pairs = numbered
    groups: dict[str, Group] = {}
    for awardee, data in pairs:
        chosen = template_id or template_for(awardee["code"], awardee["target_kind"], awardee["paper"])
        if chosen not in groups:
            groups[chosen] = Group(get_template(chosen), [])
        groups[chosen].rows.append((awardee, data))
    printer_name = printer or PDF_PRINTER
    skipped = [a for a in decision["awardees"] if not a["paper"]] if awardee_ids is None else []
    profile = get_printer_profile(store, printer_name)
    return Batch(decision, mode, printer_name, profile, list(groups.values()), skipped)


def _fit_message(error: FitError, awardee: dict[str, Any]) -> str:
    return _("Không in được {paper} của {name} (số sổ vàng {register_no}): {reason}").format(
        paper=paper_name(awardee.get("paper") or "giay_khen").lower(),
        name=awardee["snapshot_name"],
        register_no=awardee["register_no"],
        reason=error,
    )


def check_batch(batch: Batch) -> None:
    """Lay out every certificate before writing anything; a text that cannot fit names the person and the field."""
    for group in batch.groups:
        for awardee, data in group.rows:
            try:
                field_boxes(group.template, data, batch.mode, **batch.profile.render_kwargs())
            except FitError as exc:
                raise CertificateError(_fit_message(exc, awardee)) from exc


def write_batch(
    batch: Batch,
    out: Path,
    *,
    per_person: bool = False,
    emblem_path: Path | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[Path]:
    """Write the PDF(s): one file (``out``), or one per person in the folder ``out``; touches no database.

    When the batch needs several templates (a decision mixing titles), each template gets its own file,
    named after ``out`` with the template id added.
    """
    check_batch(batch)
    out = Path(out)
    total = batch.count
    done = 0
    paths: list[Path] = []
    kwargs = batch.profile.render_kwargs()
    for group in batch.groups:
        items = [data for _a, data in group.rows]
        before = done

        def step(index: int, _count: int, before: int = before) -> None:
            if progress is not None:
                progress(before + index, total)

        try:
            if per_person:
                out.mkdir(parents=True, exist_ok=True)
                paths += render_one_per_person(
                    items,
                    group.template,
                    out,
                    mode=batch.mode,
                    emblem_path=emblem_path,
                    progress=step,
                    should_cancel=should_cancel,
                    **kwargs,
                )
            else:
                target = out if len(batch.groups) == 1 else out.with_name(f"{out.stem}-{group.template.id}{out.suffix}")
                target.parent.mkdir(parents=True, exist_ok=True)
                paths.append(
                    render_certificates(
                        items,
                        group.template,
                        target,
                        mode=batch.mode,
                        emblem_path=emblem_path,
                        progress=step,
                        should_cancel=should_cancel,
                        **kwargs,
                    )
                )
        except FitError as exc:  # check_batch lays out the same text; kept for safety
            raise CertificateError(str(exc)) from exc
        done += len(items)
    return paths


def record_batch(store: Store, batch: Batch, *, printer: str | None = None, actor: str = "system") -> list[int]:
    """Record every certificate of the batch as printed, in one transaction; returns the new print ids."""
    printer_name = batch.printer if printer is None else printer
    ids = []
    with store.transaction(operation="certificates.print", actor=actor):
        for awardee, data, template in batch.rows:
            ids.append(
                certificates_repo.insert_print(
                    store,
                    awardee_id=int(awardee["id"]),
                    decision_id=int(batch.decision["id"]),
                    template_id=template.id,
                    mode=batch.mode,
                    printer_name=printer_name,
                    form_serial=data.serial,
                    printed_by=actor,
                    qr_payload=data.qr_payload or "",
                )
            )
    return ids


def render_decision_certificates(
    store: Store,
    *,
    decision_id: int | None = None,
    decision_number: str | None = None,
    year: int | None = None,
    out: Path,
    mode: str = "full",
    printer: str | None = None,
    per_person: bool = False,
    awardee_ids: Iterable[int] | None = None,
    template_id: str | None = None,
    serial_start: str = "",
    emblem_path: Path | None = None,
    record: bool = True,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
    actor: str = "system",
) -> list[Path]:
    """Certificates of a decision into one PDF (or one per person), in register-number order, then recorded.

    ``printer`` picks the correction (offsets, scale) measured for that printer. With ``record`` off (a preview)
    nothing is written to the database.
    """
    batch = prepare_batch(
        store,
        decision_id=decision_id,
        decision_number=decision_number,
        year=year,
        mode=mode,
        printer=printer,
        awardee_ids=awardee_ids,
        template_id=template_id,
        serial_start=serial_start,
    )
    paths = write_batch(
        batch, out, per_person=per_person, emblem_path=emblem_path, progress=progress, should_cancel=should_cancel
    )
    if record:
        record_batch(store, batch, actor=actor)
    return paths


# -- reprints and the register ------------------------------------------------------------------------------------


def record_reprint(
    store: Store,
    *,
    print_id: int,
    reason: str,
    note: str = "",
    serial: str = "",
    printer: str | None = None,
    actor: str = "system",
) -> int:
    """Record that the certificate of print ``print_id`` was printed again, and why; returns the new print id."""
    original = certificates_repo.get_print(store, int(print_id))
    if original is None:
        raise NotFoundError(_("Không có lần in mã {id} trong sổ theo dõi.").format(id=print_id))
    reason = (reason or "").strip()
    note = nfc(note or "").strip()
    if reason not in REPRINT_REASONS:
        raise ValidationError(
            _("Lý do in lại “{reason}” không hợp lệ; chỉ nhận: {allowed}.").format(
                reason=reason, allowed=", ".join(_(REPRINT_LABELS[r]) for r in REPRINT_REASONS)
            ),
            field="reason",
        )
    if reason == "other" and not note:
        raise ValidationError(_("Hãy ghi rõ lý do in lại."), field="note")
    serial = (serial or "").strip()
    with store.transaction(operation="certificates.reprint", actor=actor):
        return certificates_repo.insert_print(
            store,
            awardee_id=int(original["awardee_id"]),
            decision_id=int(original["decision_id"]),
            template_id=original["template_id"],
            mode=original["mode"],
            printer_name=original["printer_name"] if printer is None else printer,
            form_serial=serial,
            printed_by=actor,
            qr_payload=original["qr_payload"],
            reprint_of=int(print_id),
            reprint_reason=reason,
            reprint_note=note,
        )


def _reason_text(row: dict[str, Any]) -> str:
    if not row["reprint_reason"]:
        return ""
    label = _(REPRINT_LABELS.get(row["reprint_reason"], row["reprint_reason"]))
    return f"{label}: {row['reprint_note']}" if row["reprint_note"] else label


def print_register(store: Store, *, decision_id: int | None = None) -> list[dict[str, Any]]:
    """Per certificate: how many times it was printed, the form serials used and why it was reprinted.

    With ``decision_id``: every awardee of that decision (never printed ones too, count 0), register order.
    Without: every certificate printed at least once, by decision then register number.
    """
    if decision_id is not None:
        awardees = store.query(
            "SELECT a.*, d.number_text, d.decision_date FROM decision_awardees a "
            "JOIN decisions d ON d.id = a.decision_id "
            "WHERE a.decision_id = ? ORDER BY a.register_no",
            (decision_id,),
        )
    else:
        awardees = store.query(
            "SELECT a.*, d.number_text, d.decision_date FROM decision_awardees a "
            "JOIN decisions d ON d.id = a.decision_id "
            "WHERE a.id IN (SELECT awardee_id FROM certificate_prints) ORDER BY d.decision_date, d.id, a.register_no"
        )
    prints = certificates_repo.prints_for_awardees(store, [a["id"] for a in awardees])
    out = []
    for awardee in awardees:
        rows = prints.get(int(awardee["id"]), [])
        out.append(
            {
                "awardee_id": awardee["id"],
                "decision_id": awardee["decision_id"],
                "decision_number": awardee["number_text"],
                "decision_date": awardee["decision_date"],
                "register_no": awardee["register_no"],
                "name": awardee["snapshot_name"],
                "code": awardee["code"],
                "target_kind": awardee["target_kind"],
                "times_printed": len(rows),
                "reprints": sum(1 for r in rows if r["reprint_of"]),
                "serials": [r["form_serial"] for r in rows if r["form_serial"]],
                "reprint_reasons": [_reason_text(r) for r in rows if r["reprint_reason"]],
                "last_printed_at": rows[-1]["printed_at"] if rows else None,
                "last_print_id": rows[-1]["id"] if rows else None,
                "prints": [
                    {
                        "id": r["id"],
                        "printed_at": r["printed_at"],
                        "printed_by": r["printed_by"],
                        "printer": r["printer_name"],
                        "mode": r["mode"],
                        "template_id": r["template_id"],
                        "serial": r["form_serial"],
                        "reprint_of": r["reprint_of"],
                        "reason": r["reprint_reason"],
                        "reason_text": _reason_text(r),
                    }
                    for r in rows
                ],
            }
        )
    return out


# -- verification -------------------------------------------------------------------------------------------------


def read_scan_file(path: Path) -> str:
    """A scanner's output saved to a file: UTF-8, or UTF-16 (with or without BOM) as some Windows scanners write."""
    data = Path(path).read_bytes()[: 64 * 1024]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:200]:  # UTF-16 without a BOM: every other byte of ASCII text is NUL
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def extract_payload(text: str) -> str:
    """The certificate payload inside a scanner's output (it may add text around it): from "TDKT" to the line end.

    Normalised to NFC (a scanner or a paste may give decomposed letters: the signature is over the NFC text) and
    cleared of the zero-width characters and BOM some scanners add.
    """
    import unicodedata

    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch for ch in text if ch not in "\ufeff\u200b\u200c\u200d")
    text = text.replace("\r", "\n")
    index = text.find("TDKT")
    if index < 0:
        return text.strip()
    return text[index:].split("\n", 1)[0].strip()


def _match_register(store: Store, fields: PayloadFields) -> dict[str, Any] | None:
    rows = (
        store.query(
            "SELECT a.id AS awardee_id, a.register_no, a.snapshot_name, a.code, d.id AS decision_id, d.number_text, "
            "d.decision_date, d.status FROM decision_awardees a JOIN decisions d ON d.id = a.decision_id "
            "WHERE d.number_text = ? AND d.decision_date = ? AND a.register_no = ?",
            (nfc(fields.decision_number), fields.issued_on.isoformat(), int(fields.register_no)),
        )
        if fields.register_no.isdigit()
        else []
    )
    wanted = nfc(fields.name).casefold()
    for row in rows:
        if nfc(row["snapshot_name"]).casefold() == wanted:
            row["times_printed"] = int(
                store.scalar("SELECT count(*) FROM certificate_prints WHERE awardee_id = ?", (row["awardee_id"],)) or 0
            )
            return row
    return None


def verify(store: Store, *, payload: str) -> dict[str, Any]:
    """Is this QR text genuine, which unit signed it, and does it match a certificate in our register?"""
    text = extract_payload(payload)
    keys, owners = _known_keys(store)
    result = verify_payload(text, keys)
    fields = result.fields
    out: dict[str, Any] = {
        "payload": text,
        "genuine": False,
        "valid": False,  # genuine AND (another unit's, or in our register on a decision still in force)
        "signer": None,
        "fingerprint": result.signer_fingerprint,
        "fields": None,
        "match": None,
        "message": result.message,
    }
    if fields is None:
        try:
            parse_payload(text)
        except PayloadError as exc:
            out["message"] = str(exc)
        return out
    out["fields"] = {
        "unit_code": fields.unit_code,
        "decision_number": fields.decision_number,
        "register_no": fields.register_no,
        "name": fields.name,
        "issued_on": fields.issued_on.isoformat(),
        "paper": fields.paper,
    }
    out["paper"] = fields.paper
    paper = paper_name(fields.paper) or _("Giấy chứng nhận")
    out["paper_label"] = paper
    if not result.genuine or result.signer_fingerprint is None:
        out["message"] = _(
            "KHÔNG xác nhận được {paper}: chữ ký không khớp khóa của đơn vị nào đã biết — nội dung mã QR có thể đã "
            "bị sửa, hoặc do một đơn vị chưa được tin cậy cấp."
        ).format(paper=paper.lower())
        return out
    owner = owners[result.signer_fingerprint]
    out["signer"] = {**owner, "fingerprint": result.signer_fingerprint}
    if owner["unit_code"] and fields.unit_code != owner["unit_code"]:
        out["message"] = _(
            "KHÔNG hợp lệ: mã QR ghi mã đơn vị {claimed} nhưng được ký bằng khóa của {unit} (mã {code})."
        ).format(claimed=fields.unit_code, unit=owner["unit_name"], code=owner["unit_code"])
        return out
    out["genuine"] = True
    if not owner["own"]:
        out["valid"] = True
        out["message"] = _(
            "{paper} thật, do {unit} (mã {code}) cấp: Quyết định số {number} ngày {day}, số sổ vàng {register_no}, "
            "{name}. Giấy của đơn vị khác nên không có trong sổ của đơn vị này."
        ).format(
            paper=paper,
            unit=owner["unit_name"],
            code=owner["unit_code"],
            number=fields.decision_number,
            day=fields.issued_on.strftime("%d/%m/%Y"),
            register_no=fields.register_no,
            name=fields.name,
        )
        return out
    match = _match_register(store, fields)
    out["match"] = match
    if match is not None and not fields.paper:  # a version-1 code: the paper of the award in the register
        from desktop.ops import rules as rules_ops

        pack = rules_ops.effective_pack(store)
        on = date.fromisoformat(match["decision_date"])
        found = pack.paper(match["code"], on) if pack.has(match["code"]) else ""
        paper = paper_name(found) or paper
        out["paper"], out["paper_label"] = found, paper
    details = {
        "paper": paper,
        "kind": paper.lower(),
        "unit": owner["unit_name"],
        "number": fields.decision_number,
        "day": fields.issued_on.strftime("%d/%m/%Y"),
        "register_no": fields.register_no,
        "name": fields.name,
    }
    if match is None:
        out["message"] = _(
            "Chữ ký đúng của {unit} nhưng sổ không có {kind} này (Quyết định số {number} ngày {day}, số sổ vàng "
            "{register_no}, {name}): hãy kiểm tra lại."
        ).format(**details)
    elif match["status"] == "revoked":
        out["message"] = _(
            "{paper} thật của {unit} (Quyết định số {number} ngày {day}, số sổ vàng {register_no}, {name}) nhưng "
            "quyết định này ĐÃ BỊ HỦY BỎ, khen thưởng đã bị thu hồi."
        ).format(**details)
    elif match["status"] == "corrected":
        out["message"] = _(
            "{paper} thật của {unit} (Quyết định số {number} ngày {day}, số sổ vàng {register_no}, {name}) nhưng "
            "quyết định này ĐÃ BỊ THAY THẾ bằng quyết định khác."
        ).format(**details)
    else:
        out["valid"] = True
        out["message"] = _(
            "{paper} thật, do {unit} cấp, khớp sổ: Quyết định số {number} ngày {day}, số sổ vàng {register_no}, {name}."
        ).format(**details)
    return out


def decision_summaries(store: Store, *, year: int | None = None) -> list[dict[str, Any]]:
    """Decisions for the page's picker: how many awards, how many of them get a paper, how many were printed."""
    from desktop.ops import review
    from desktop.ops import rules as rules_ops

    pack = rules_ops.effective_pack(store)
    rows = review.list_decisions(store, year=year)
    counts: dict[int, list[int]] = {}
    for r in store.query(
        "SELECT a.decision_id, a.code, d.decision_date, EXISTS (SELECT 1 FROM certificate_prints p "
        "WHERE p.awardee_id = a.id) AS printed FROM decision_awardees a JOIN decisions d ON d.id = a.decision_id"
    ):
        entry = counts.setdefault(int(r["decision_id"]), [0, 0, 0])
        entry[0] += 1
        entry[1] += int(bool(pack.has(r["code"]) and pack.paper(r["code"], date.fromisoformat(r["decision_date"]))))
        entry[2] += int(r["printed"])
    for row in rows:
        row["awardees_count"], row["papers_count"], row["printed_count"] = counts.get(int(row["id"]), (0, 0, 0))
    return rows


def decision_awardees(store: Store, *, decision_id: int) -> list[dict[str, Any]]:
    """A decision's awardees in register order with their print counts (for the page's checklist)."""
    register = {r["awardee_id"]: r for r in print_register(store, decision_id=decision_id)}
    from desktop.ops import review

    rows = review.get_decision(store, decision_id=decision_id)["awardees"]
    for row in rows:
        entry = register.get(row["id"], {})
        row["paper_name"] = paper_name(row["paper"])
        row["times_printed"] = entry.get("times_printed", 0)
        row["serials"] = entry.get("serials", [])
        row["last_print_id"] = entry.get("last_print_id")
    return rows


def first_certificate(store: Store, *, decision_id: int | None = None) -> CertificateData | None:
    """The first awardee's certificate of a decision (the latest issued one when none is given): editor preview."""
    from desktop.ops import review

    if decision_id is None:
        issued = [d for d in review.list_decisions(store) if d["status"] == "issued"]
        if not issued:
            return None
        decision_id = int(issued[0]["id"])
    try:
        decision = _decision(store, decision_id, None, None)
        printable = [a for a in decision["awardees"] if a["paper"]]
        if not printable:
            return None
        return _pairs(store, decision, [printable[0]["id"]])[0][1]
    except (ValidationError, NotFoundError):
        return None


def sample_certificate(store: Store | None = None) -> CertificateData:
    """A made-up certificate for the editor when there is no decision yet."""
    unit = unit_repo.get_unit(store) if store is not None else None
    unit = unit or {}
    name = str(unit.get("name") or "Ủy ban nhân dân xã")
    return CertificateData(
        recipient_prefix="Bà",
        recipient_name="Nguyễn Thị Minh Khai",
        position="Chuyên viên",
        unit_name="Văn phòng HĐND và UBND",
        achievement="Đã hoàn thành xuất sắc nhiệm vụ năm " + str(date.today().year),
        decision_number_text="1/QĐ-UBND",
        decision_date=date.today(),
        register_no=1,
        place_name=str(unit.get("place_name") or ""),
        official_title=" ".join(p for p in (str(unit.get("head_title") or "Chủ tịch"), name) if p),
        issuing_body=name,
        signer_title=str(unit.get("head_title") or "Chủ tịch"),
        signer_name=str(unit.get("head_name") or ""),
        qr_payload="TDKT1|00000|1/QĐ-UBND|1|Nguyễn Thị Minh Khai|2025-01-01|" + "A" * 86,
    )


__all__ = [
    "MODE_LABELS",
    "PDF_PRINTER",
    "REPRINT_LABELS",
    "REPRINT_REASONS",
    "Batch",
    "available_templates",
    "certificate_data_for_decision",
    "check_batch",
    "decision_awardees",
    "decision_summaries",
    "extract_payload",
    "first_certificate",
    "get_printer_profile",
    "get_template",
    "list_printer_profiles",
    "next_serial",
    "no_paper_message",
    "optional_certificates_on",
    "paper_name",
    "prepare_batch",
    "print_register",
    "record_batch",
    "record_reprint",
    "render_decision_certificates",
    "sample_certificate",
    "save_printer_profile",
    "save_user_template",
    "set_optional_certificates",
    "template_for",
    "user_templates_dir",
    "verify",
    "write_batch",
]
