"""First-run set-up of the unit: name, administrative place, head, place name for documents, and the council's
standing agency (cơ quan thường trực Hội đồng Thi đua - Khen thưởng) that issues the tờ trình."""

from __future__ import annotations

from typing import Any

from desktop.domain.text import TEXT_MAX_LENGTH, InputTextError, clean_input, nfc
from desktop.i18n import N_, _
from desktop.store import Store, ValidationError, unit_repo

#: The unit's texts, by field, with the label a message names: they are printed on every paper and carried in the
#: unit's key file, which the province refuses with a hidden character or over 200 characters.
UNIT_TEXT_LABELS: dict[str, str] = {
    "name": N_("Tên đơn vị"),
    "address": N_("Địa chỉ"),
    "parent_body": N_("Cơ quan cấp trên"),
    "head_title": N_("Chức vụ người đứng đầu"),
    "head_name": N_("Họ tên người đứng đầu"),
    "place_name": N_("Địa danh ghi trên văn bản"),
    "standing_agency": N_("Cơ quan thường trực"),
    "standing_agency_head_title": N_("Chức vụ người ký tờ trình"),
    "standing_agency_head_name": N_("Họ tên người ký tờ trình"),
}


def _clean_unit_text(key: str, value: object) -> str:
    return clean_input(value, field=_(UNIT_TEXT_LABELS[key]), max_length=TEXT_MAX_LENGTH)


def unit_text_problem(key: str, value: object) -> str:
    """What is wrong with one of the unit's texts (a hidden or control character, too long), or ""."""
    try:
        _clean_unit_text(key, value)
    except InputTextError as error:
        return str(error)
    return ""


def _cleaned_texts(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with the unit's texts cleaned (:func:`clean_input`); :class:`ValidationError` naming the field."""
    cleaned = dict(values)
    for key in UNIT_TEXT_LABELS.keys() & values.keys():
        try:
            cleaned[key] = _clean_unit_text(key, values[key])
        except InputTextError as error:
            raise ValidationError(str(error), field=key) from error
    return cleaned


def lookup_commune(commune_code: str) -> dict[str, str]:
    """Province and commune names for a 5-digit commune code from the official list."""
    from vietnam_provinces import Province, Ward

    code = str(commune_code).strip()
    if not code.isdigit():
        raise ValidationError(_("Mã xã “{code}” phải là số (5 chữ số).").format(code=code), field="commune_code")
    try:
        ward = Ward.from_code(int(code))  # type: ignore[arg-type]
    except (ValueError, KeyError):
        raise ValidationError(
            _("Không có xã, phường, đặc khu mã “{code}” trong danh mục hành chính hiện hành.").format(code=code),
            field="commune_code",
        ) from None
    province = Province.from_code(ward.province_code)
    return {
        "commune_code": f"{int(ward.code):05d}",
        "commune_name": ward.name,
        "province_code": f"{int(province.code):02d}",
        "province_name": province.name,
    }


def provinces() -> list[tuple[str, str]]:
    from vietnam_provinces import Province

    return [(f"{int(p.code):02d}", p.name) for p in Province.iter_all()]


def communes(province_code: str) -> list[tuple[str, str]]:
    from vietnam_provinces import Province, Ward

    province = Province.from_code(int(province_code))  # type: ignore[arg-type]
    return [(f"{int(w.code):05d}", w.name) for w in Ward.iter_by_province(province.code)]


def default_place_name(commune_name: str) -> str:
    """'Xã Lũng Cú' -> 'Lũng Cú' for the 'Lũng Cú, ngày ... tháng ... năm ...' line."""
    name = nfc(commune_name)
    for prefix in ("Thị trấn ", "Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def check_unit_input(*, unit_name: str, commune_code: str, **texts: str) -> dict[str, str]:
    """What :func:`init_unit` checks before it touches the file, without a database: a name, a commune of the official
    list, texts without hidden characters (``texts`` by the keys of :data:`UNIT_TEXT_LABELS`). Returns the place
    (:func:`lookup_commune`); :class:`ValidationError` naming the field. ``tdkt init`` asks this before it makes a new
    file, so a wrong code leaves none behind."""
    if not nfc(unit_name):
        raise ValidationError(_("Chưa nhập tên đơn vị."), field="unit_name")
    place = lookup_commune(commune_code)
    _cleaned_texts({"name": unit_name, **texts})
    return place


def init_unit(
    store: Store,
    *,
    unit_name: str,
    commune_code: str,
    unit_kind: str | None = None,
    head_title: str = "",
    head_name: str = "",
    place_name: str = "",
    address: str = "",
    parent_body: str = "",
    standing_agency: str = "",
    standing_agency_head_title: str = "",
    standing_agency_head_name: str = "",
    change_exchange_code: bool = False,
) -> dict[str, Any]:
    """Record the unit. Running it again updates the same unit (there is only one per file); it is refused, as
    :func:`update_unit` is, when it would change the code of the packages after keys or packages were exchanged.

    ``standing_agency`` (e.g. "Phòng Văn hóa - Xã hội") issues the tờ trình to the chair, signed by its head
    (``standing_agency_head_title``, ``standing_agency_head_name``). On an existing unit, an empty text and a
    ``unit_kind`` of None leave what was recorded.
    """
    place = check_unit_input(unit_name=unit_name, commune_code=commune_code)
    recorded = unit_repo.get_unit(store)
    values: dict[str, Any] = {"name": unit_name, **place}
    if unit_kind or not recorded:  # run again without a kind, a school stays a school
        values["unit_kind"] = unit_kind or "ubnd_xa"
    given = {
        "head_title": head_title,
        "head_name": head_name,
        # the recorded place name holds while the commune does; a new commune's is its own
        "place_name": place_name
        or (
            ""
            if recorded and recorded["commune_code"] == place["commune_code"]
            else default_place_name(place["commune_name"])
        ),
        "address": address,
        "parent_body": parent_body,
        "standing_agency": standing_agency,
        "standing_agency_head_title": standing_agency_head_title,
        "standing_agency_head_name": standing_agency_head_name,
    }
    # run again, a text not given keeps what was recorded (it used to blank the head and the place name)
    values = _cleaned_texts(values | {key: value for key, value in given.items() if nfc(value) or not recorded})
    from desktop.exchange.importer import own_identity
    from desktop.exchange.keys import ensure_unit_keys

    with store.transaction(operation="unit.setup"):
        before = own_identity(store)[0]
        unit = unit_repo.save_unit(store, values)
        _guard_exchange_code(store, before, confirmed=change_exchange_code)
        ensure_unit_keys(store)  # the key pair for packages to and from the province is made at setup
        return unit


class ExchangeCodeChange(ValidationError):
    """Saving would change the code this file writes in its packages after it has already exchanged keys or
    packages under the old one; the caller asks the clerk and saves again with ``change_exchange_code=True``."""

    def __init__(self, message: str, *, old: str, new: str) -> None:
        super().__init__(message, field="commune_code")
        self.old, self.new = old, new


def _guard_exchange_code(store: Store, before: str, *, confirmed: bool) -> None:
    """Inside the saving transaction (a refusal rolls it back): the province knows this unit by its code — its key
    is trusted under it and its packages were filed under it — so a commune picked by mistake would make every later
    package come from a unit the province has never heard of, and the province's decisions stop matching."""
    from desktop.exchange.importer import own_identity

    after = own_identity(store)[0]
    if confirmed or not before or after == before:
        return
    exchanged = store.scalar("SELECT count(*) FROM trusted_keys") or store.scalar("SELECT count(*) FROM packages")
    if not exchanged:
        return
    raise ExchangeCodeChange(
        _(
            "Đơn vị đã trao đổi khóa hoặc gói dữ liệu với cấp trên bằng mã {old}. Lưu xã, phường mới sẽ đổi mã "
            "đơn vị trong các gói gửi đi thành {new}: cấp tỉnh sẽ không nhận ra đơn vị, các quyết định đã nhận "
            "không còn khớp, và phải trao đổi khóa lại. Chỉ đổi khi đơn vị thật sự chuyển sang xã, phường khác."
        ).format(old=before, new=after),
        old=before,
        new=after,
    )


def update_unit(store: Store, *, values: dict[str, Any], change_exchange_code: bool = False) -> dict[str, Any]:
    """Save the unit's details; a change of the code written in packages after keys or packages were exchanged is
    refused with :class:`ExchangeCodeChange` unless ``change_exchange_code`` says the clerk confirmed it."""
    if "name" in values and not nfc(values["name"]):
        raise ValidationError(_("Chưa nhập tên đơn vị."), field="name")
    values = _cleaned_texts(values)
    if values.get("commune_code"):
        values = values | lookup_commune(values["commune_code"])
    from desktop.exchange.importer import own_identity

    with store.transaction(operation="unit.update"):
        before = own_identity(store)[0]
        saved = unit_repo.save_unit(store, values)
        _guard_exchange_code(store, before, confirmed=change_exchange_code)
        return saved


def is_set_up(store: Store) -> bool:
    return unit_repo.get_unit(store) is not None
