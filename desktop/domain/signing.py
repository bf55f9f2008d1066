"""Who signs a decision, and how the signature block reads (NĐ 30/2020/NĐ-CP, thể thức ký văn bản).

Three ways, stored on the decision (``decisions.signing_mode``) and followed by its payment list and its
certificates:

- ``chair``: the head signs himself — "CHỦ TỊCH" (or "HIỆU TRƯỞNG", "GIÁM ĐỐC" … from the unit's head title);
- ``deputy``: a deputy signs for the head — "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH";
- ``body``: the head signs on behalf of a collective body, where the law gives the power to the body —
  "TM. ỦY BAN NHÂN DÂN" above "CHỦ TỊCH". Only a unit that is such a body (a People's Committee) can.

A deputy signing a body's decision (``body`` with a deputy's title, or ``deputy`` where the law of the decision's
date gives an award to the body) signs "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"; an acting head
("Quyền Chủ tịch") signs "Q. CHỦ TỊCH" (NĐ 30/2020, Phụ lục I). Decisions issued before these forms keep the lines
they were printed with (:func:`legacy_signature_lines`).

The authority line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …") is the head's and never changes with the
mode. The lines returned here are printed upper-case by the renderers; the text is Vietnamese document data.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.domain.text import nfc
from desktop.i18n import N_, _

SIGNING_MODES = ("chair", "deputy", "body")
# Short names of the modes (window, CLI help); the lines themselves come from signature_lines().
SIGNING_LABELS: dict[str, str] = {
    "chair": N_("Người đứng đầu ký"),
    "deputy": N_("Cấp phó ký thay (KT.)"),
    "body": N_("Thay mặt tập thể (TM.)"),
}
# The order in which a decision's default is chosen when its awards would default differently.
_STRENGTH = {"chair": 0, "deputy": 1, "body": 2}
_PEOPLES_COMMITTEE = "Ủy ban nhân dân"
# Between the lines of a signature block kept as one text (``decisions.on_behalf``; the decisions list).
BLOCK_SEPARATOR = " / "


class SigningError(ValueError):
    """A signing mode that does not fit the unit or the signer; the message says what to choose instead."""


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def head_title(title: str, unit_kind: str = "ubnd_xa") -> str:
    """The unit head's title ("Chủ tịch"), with a default when the unit has not recorded one."""
    text = nfc(title)
    if text:
        return _upper_first(text)
    return "Chủ tịch" if unit_kind == "ubnd_xa" else "Thủ trưởng đơn vị"


def deputy_title(head: str) -> str:
    """ "Chủ tịch" → "Phó Chủ tịch", "Hiệu trưởng" → "Phó Hiệu trưởng"."""
    head = nfc(head)
    if head.lower().startswith("phó "):
        return _upper_first(head)
    return f"Phó {_upper_first(head)}"


def is_deputy_title(title: str) -> bool:
    return nfc(title).lower().startswith("phó ")


def body_name(unit_kind: str, unit_name: str) -> str:
    """The collective body a head may sign for ("Ủy ban nhân dân"), or "" when the unit is not one."""
    name = nfc(unit_name)
    if unit_kind == "ubnd_xa" or name.lower().startswith(_PEOPLES_COMMITTEE.lower()):
        return _PEOPLES_COMMITTEE
    return ""


def province_body(province_name: str) -> str:
    """The People's Committee above a commune when the unit has not recorded one: "Ủy ban nhân dân tỉnh Tuyên
    Quang", but "Ủy ban nhân dân Thành phố Hà Nội" for the six centrally-run cities, which the official list names
    "Thành phố …" (never "tỉnh Thành phố …"). Document text, not translated; the same rule as the exchange screen's
    ``desktop.ops.exchange._province_label``. "" without a province."""
    name = nfc(province_name).strip()
    if not name:
        return ""
    return f"{_PEOPLES_COMMITTEE} {name if name.lower().startswith('thành phố') else f'tỉnh {name}'}"


def default_mode(modes: Iterable[str]) -> str:
    """The decision's default from the rule pack's default of each award it confers (``pack.signing_default``).

    Where the law gives one award to the body, the whole decision is the body's; otherwise a deputy's when the
    pack says so; otherwise the head signs.
    """
    chosen = "chair"
    for mode in modes:
        if mode in _STRENGTH and _STRENGTH[mode] > _STRENGTH[chosen]:
            chosen = mode
    return chosen


# Abbreviations titles and unit names are written with, spelt out for comparing ("Chủ tịch UBND xã" is "Chủ tịch Ủy
# ban nhân dân xã", "Trường THCS" is "Trường Trung học cơ sở"). "uỷ" is made "ủy" before the lookup.
_SPELT_OUT = {
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông",
    "ptdtbt": "phổ thông dân tộc bán trú",
    "ptdtnt": "phổ thông dân tộc nội trú",
    "mn": "mầm non",
    "ttyt": "trung tâm y tế",
    "gd&đt": "giáo dục và đào tạo",
    "gdđt": "giáo dục và đào tạo",
}
_WORD_EDGES = " .,;:()\"“”'"


def _title_words(title: str) -> str:
    """A title or a unit's name for comparing: lower case, abbreviations spelt out, punctuation around words
    ("Lũng Cú, huyện Đồng Văn") and extra spaces dropped."""
    words = (word.strip(_WORD_EDGES) for word in nfc(title).lower().replace("uỷ", "ủy").split())
    return " ".join(_SPELT_OUT.get(word, word) for word in words if word)


def _same_title(title: str, head: str) -> bool:
    """``title`` names the head's post: the same words, or one a longer form of the other ("Chủ tịch" and
    "Chủ tịch UBND xã"), case, abbreviations and a final full stop aside. Which unit the longer form names is
    :func:`_names_this_unit`'s question."""
    a, b = _title_words(title), _title_words(head)
    return bool(a and b) and (a == b or a.startswith(b + " ") or b.startswith(a + " "))


# Words a deputy's title may carry between the post and the unit ("Phó Chủ tịch thường trực UBND xã").
_DEPUTY_QUALIFIERS = (("thường", "trực"), ("tt",))


def _unit_forms(unit_kind: str, unit_name: str) -> list[list[str]]:
    """The words a title may name this unit with: its name, and for a People's Committee the name with and
    without "ủy ban nhân dân" in front ("Chủ tịch UBND xã Lũng Cú", "Chủ tịch xã Lũng Cú")."""
    name = _title_words(unit_name).split()
    if not name:
        return []
    forms = [name]
    body = _title_words(_PEOPLES_COMMITTEE).split()
    if name[: len(body)] == body:
        if len(name) > len(body):
            forms.append(name[len(body) :])
    elif unit_kind == "ubnd_xa":
        forms.append(body + name)
    return forms


def bare_post(head: str, unit_name: str, unit_kind: str = "ubnd_xa") -> str:
    """The head's title without the words that start naming this unit ("Chủ tịch Ủy ban nhân dân", "Chủ tịch UBND
    xã" → "Chủ tịch" for "Ủy ban nhân dân xã Lũng Cú"): the authority line puts the unit's name after the title,
    and a title that already names the body would print it twice. A title naming no unit is returned as it is."""
    words = nfc(head).split()
    forms = _unit_forms(unit_kind, unit_name)
    for cut in range(1, len(words)):  # the longest tail first; the post itself is never cut away
        tail = _title_words(" ".join(words[cut:])).split()
        if tail and any(form[: len(tail)] == tail for form in forms):
            return " ".join(words[:cut])
    return " ".join(words)


def authority(head: str, unit_name: str, unit_kind: str = "ubnd_xa") -> str:
    """Whose decision it is: the head's post, then the unit's name, naming the body once ("Chủ tịch Ủy ban nhân dân
    xã Lũng Cú" also for a head title "Chủ tịch UBND xã"). The authority line of the decision, the certificate's
    line above the award and the award register's issuer are this text (upper-cased where printed so)."""
    name = nfc(unit_name).strip()
    return f"{bare_post(head, name, unit_kind)} {name}".strip()


def _names_this_unit(
    title: str, head: str, *, unit_kind: str, unit_name: str, qualifiers: tuple[tuple[str, ...], ...] = ()
) -> bool:
    """False when ``title`` is a longer form of the head's title whose extra words name another unit: "Chủ tịch
    UBND xã Lũng Táo" would print the chair of another commune on this unit's decision. The extra words must
    start this unit's name, or carry on from where the head's title already starts it ("Chủ tịch UBND" + "xã
    Lũng Cú" for "Ủy ban nhân dân xã Lũng Cú"). With no unit name there is nothing to compare."""
    words, head_words = _title_words(title).split(), _title_words(head).split()
    if len(words) <= len(head_words) or words[: len(head_words)] != head_words:
        return True  # the same post, or a shorter form of it: no unit named
    extra = words[len(head_words) :]
    for qualifier in qualifiers:
        if extra[: len(qualifier)] == list(qualifier):
            extra = extra[len(qualifier) :]
            break
    forms = _unit_forms(unit_kind, unit_name)
    if not extra or not forms:
        return True
    for form in forms:
        for overlap in range(min(len(head_words), len(form)) + 1):
            if overlap and head_words[-overlap:] != form[:overlap]:
                continue
            rest = form[overlap:]
            # the start of the name ("xã Lũng Cú" of "... xã Lũng Cú, huyện Đồng Văn"), or the whole name with
            # more after it ("xã Lũng Cú, huyện Đồng Văn" for "Ủy ban nhân dân xã Lũng Cú")
            if rest[: len(extra)] == extra or (rest and extra[: len(rest)] == rest):
                return True
    return False


def _acting(title: str) -> str:
    """The post an acting head holds: "Quyền Chủ tịch", "Q. Chủ tịch", "Q.Giám đốc" → the head's title (signed
    as the head)."""
    text = nfc(title).strip()
    lower = text.lower()
    for prefix in ("quyền ", "q. ", "q."):
        if lower.startswith(prefix):
            return text[len(prefix) :].strip()
    return text


def is_acting_title(title: str) -> bool:
    """Whether ``title`` is an acting head's ("Quyền Chủ tịch", "Q. Chủ tịch"): signed as the head, but printed with
    "Q." (:func:`signed_title`), and only by someone the terms record as acting."""
    text = nfc(title).strip()
    return bool(text) and _acting(text) != text


def check(mode: str, *, unit_kind: str, unit_name: str, head: str, signer_title: str) -> None:
    """Raise :class:`SigningError` when ``mode`` cannot be used by this unit and this signer."""
    if mode not in SIGNING_MODES:
        raise SigningError(
            _("Cách ký “{mode}” không hợp lệ; chỉ dùng: chair (người đứng đầu ký), deputy (KT.), body (TM.).").format(
                mode=mode
            )
        )
    title = nfc(signer_title)
    head = head_title(head, unit_kind)
    if mode == "body" and not body_name(unit_kind, unit_name):
        raise SigningError(
            _(
                "“{unit}” không phải một tập thể lãnh đạo (như Ủy ban nhân dân) nên không ký “TM.” được; "
                "hãy chọn {head} ký, hoặc cấp phó ký thay (KT.)."
            ).format(unit=nfc(unit_name) or _("Đơn vị"), head=head)
        )
    if mode == "deputy" and title and title.lower() == head.lower():
        raise SigningError(
            _("Cấp phó ký thay thì chức vụ người ký là “{deputy}”, không phải “{head}”.").format(
                deputy=deputy_title(head), head=head
            )
        )
    # A deputy signs a body's decision "TM. …" / "KT. …": checked below as any deputy's title.
    deputy = mode == "deputy" or (mode == "body" and is_deputy_title(title))
    if mode == "chair" and is_deputy_title(title):
        raise SigningError(
            _("Người ký là {title}: hãy chọn cách ký “Cấp phó ký thay (KT. {head})”.").format(
                title=title, head=head.upper()
            )
        )
    # Only the head (or an acting head) signs in his own name or for the body; only a deputy of that head signs KT.
    if not deputy and title and not _same_title(_acting(title), head):
        raise SigningError(
            _(
                "Cách ký này dành cho người đứng đầu ({head}) hoặc người được giao quyền ({acting}); chức vụ "
                "“{title}” không ký như vậy được. Nếu chức vụ người đứng đầu đơn vị ghi sai, hãy sửa ở mục Đơn vị."
            ).format(head=head, acting=f"Quyền {head}", title=title)
        )
    if deputy and title and not (is_deputy_title(title) and _same_title(title[4:], head)):
        raise SigningError(
            _(
                "Ký thay (KT. {head_upper}) chỉ do cấp phó của {head} ký, chức vụ như “{deputy}”; “{title}” không "
                "phải cấp phó của {head}."
            ).format(head_upper=head.upper(), head=head, deputy=deputy_title(head), title=title)
        )
    # The post is right; any unit the title adds must be this one, or the decision prints another unit's officer.
    if not deputy:
        names_unit = _names_this_unit(_acting(title), head, unit_kind=unit_kind, unit_name=unit_name)
        expected = head
    else:
        names_unit = _names_this_unit(
            title[4:], head, unit_kind=unit_kind, unit_name=unit_name, qualifiers=_DEPUTY_QUALIFIERS
        )
        expected = deputy_title(head)
    if title and not names_unit:
        raise SigningError(
            _(
                "Chức vụ người ký “{title}” ghi tên một đơn vị khác, không phải “{unit}” là đơn vị ban hành quyết "
                "định; hãy ghi “{expected}” hoặc chức vụ kèm đúng tên đơn vị. Nếu tên đơn vị ghi sai, hãy sửa ở mục "
                "Đơn vị."
            ).format(title=title, unit=nfc(unit_name), expected=expected)
        )


def signed_title(title: str) -> str:
    """The signer's title as signed, upper-case: an acting head's with "Q." before the head's title ("Quyền Chủ
    tịch" → "Q. CHỦ TỊCH", NĐ 30/2020 Phụ lục I), any other as typed."""
    text = nfc(title).strip()
    if is_acting_title(text):
        return f"Q. {_acting(text)}".upper()
    return text.upper()


def signature_lines(
    mode: str, *, head: str, signer_title: str, body: str = "", for_body: bool = False
) -> tuple[str, ...]:
    """The title lines above the signature, upper-case: ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and so on.

    A deputy signing for a body — ``body`` with a deputy's title, or ``deputy`` with ``for_body`` (the law gives an
    award of the decision to the body) — signs ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    head_text = _upper_first(nfc(head)) or "Chủ tịch"
    title = nfc(signer_title).strip()
    if mode == "body" and body and is_deputy_title(title):
        mode, for_body = "deputy", True
    if mode == "deputy":
        kt = (f"KT. {head_text}".upper(), signed_title(title or deputy_title(head_text)))
        return (f"TM. {body}".upper(), *kt) if for_body and body else kt
    if mode == "body" and body:
        return (f"TM. {body}".upper(), signed_title(title or head_text))
    return (signed_title(title or head_text),)


def legacy_signature_lines(mode: str, *, head: str, signer_title: str, body: str = "") -> tuple[str, ...]:
    """The lines decisions issued before the "Q." and "TM." + "KT." forms printed, kept for their reprints: the
    title as typed ("QUYỀN CHỦ TỊCH"), and a deputy's "KT." without "TM."."""
    head_text = _upper_first(nfc(head)) or "Chủ tịch"
    title = nfc(signer_title)
    if mode == "deputy":
        return (f"KT. {head_text}".upper(), (title or deputy_title(head_text)).upper())
    if mode == "body" and body:
        return (f"TM. {body}".upper(), (title or head_text).upper())
    return ((title or head_text).upper(),)


__all__ = [
    "BLOCK_SEPARATOR",
    "SIGNING_LABELS",
    "SIGNING_MODES",
    "SigningError",
    "authority",
    "bare_post",
    "body_name",
    "check",
    "default_mode",
    "deputy_title",
    "head_title",
    "is_acting_title",
    "is_deputy_title",
    "legacy_signature_lines",
    "province_body",
    "signature_lines",
    "signed_title",
]
