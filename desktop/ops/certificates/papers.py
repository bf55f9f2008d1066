"""Which paper and template each award is printed on, the optional papers (LĐTT, TTLĐTT) and user templates."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from desktop.documents.certificates import (
    Template,
    TemplateError,
    bundled_template,
    list_templates,
    load_template,
    save_template,
)
from desktop.domain import codes
from desktop.domain.rules import RulePackError
from desktop.domain.text import nfc
from desktop.files.names import fit_path
from desktop.i18n import N_, _
from desktop.ops import rules as rules_ops
from desktop.paths import user_data_dir
from desktop.store import NotFoundError, Store, ValidationError

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
        "tiến, hãy bấm “Bật in giấy chứng nhận LĐTT, TTLĐTT…” ở trang In giấy khen (hoặc lệnh “tdkt certificates "
        "optional on --cite …”)."
    ).format(name=name, title=code_name)


def user_templates_dir() -> Path:
    """``templates/`` in the user's data folder: templates the clerk changed in the editor (bundled files stay)."""
    return user_data_dir() / "templates"


def user_template_file(template_id: str) -> Path:
    """Where the user's copy of a template lives: its id as the name, made safe (an id may be "con" or "aux")."""
    return fit_path(user_templates_dir(), template_id, ".toml")


def save_user_template(template: Template) -> Path:
    """Save ``template`` into the user's folder under its id; it then replaces the bundled one of that id."""
    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return save_template(dataclasses.replace(template, source=None), user_template_file(template.id))


def get_template(template_id: str) -> Template:
    """The user's copy of a template when there is one, else the bundled file."""
    user_file = user_template_file(template_id)
    if user_file.is_file():
        return load_template(user_file)
    try:
        return bundled_template(template_id)
    except TemplateError:
        raise NotFoundError(_("Không có mẫu giấy chứng nhận “{id}”.").format(id=template_id)) from None


def available_templates(errors: list[str] | None = None) -> list[Template]:
    return list_templates(user_templates_dir(), errors=errors if errors is not None else [])


def optional_certificates_on(store: Store, on: date | None = None) -> bool:
    """Whether LĐTT and TTLĐTT get a printable "Giấy chứng nhận" (the province's or the unit's choice)."""
    pack = rules_ops.effective_pack(store)
    return bool(pack.has_setting(OPTIONAL_SETTING) and pack.setting(OPTIONAL_SETTING, on or date.today()))


def set_optional_certificates(store: Store, *, on: bool, cite: str, valid_from: date | None = None) -> int:
    """Turn the optional papers on (or off) by the unit's own rule override, with the document that decides it.

    One local override holds the choice; ``valid_from`` defaults to the first date the rule pack covers, so
    decisions already issued can be printed too. Returns the override's id.
    """
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
    try:
        # One transaction: two clicks (or two windows) at once must not each find no override and make one apiece.
        with store.transaction(operation="certificates.optional_papers"):
            existing = store.scalar(
                "SELECT id FROM rule_overrides WHERE name = ? AND source = 'local' ORDER BY id DESC LIMIT 1", (name,)
            )
            override_id = rules_ops.save_override(
                store, name=name, toml_text=toml, source="local", override_id=existing
            )
            if existing is not None:
                rules_ops.set_override_active(store, override_id=override_id, active=True)
                if rules_ops.superseded_overrides(store).get(int(override_id)):
                    # A pack received since (a province's) sets the paper; edited in place, the clerk's choice
                    # would sit under it and change nothing while "done" was said. The newest decision is the
                    # one in force: the old row is switched off and the choice saved anew, on top.
                    rules_ops.set_override_active(store, override_id=override_id, active=False)
                    override_id = rules_ops.save_override(store, name=name, toml_text=toml, source="local")
    except RulePackError as exc:
        raise ValidationError("; ".join(exc.problems), field="cite") from exc
    return int(override_id)
