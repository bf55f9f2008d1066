"""A decision as its number and issuer name it, spelling aside: what makes two written numbers one document.

A decision number stands for one document of its issuer: "15/QĐ-UBND" typed again as "15/QD-UBND", "Số 15/qđ-UBND",
"15 / QĐ–UBND", full-width "１５/ＱĐ-ＵＢＮＤ" or with a Cyrillic "В" is the same number, so it cannot come with a
second signing day. The history import (``desktop.ops.history_import``), the province recording its decisions and
the checks on what a package brings (``desktop.exchange``) all compare numbers and issuers through these keys; the
text stored is always the text as typed or received.
"""

from __future__ import annotations

import re
import unicodedata

from desktop.domain.series_key import DASH_LOOK_ALIKES, LETTER_LOOK_ALIKES
from desktop.domain.text import fold

# A leading "Số" ("Số 15/QĐ-UBND", "Số: 15/QĐ-UBND"), folded, before the number's first digit.
_NUMBER_WORD = re.compile(r"^so\s*[:.]?\s*(?=\d)")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_UBND = re.compile(r"\bubnd\b")


def _plain(text: object) -> str:
    """NFKC (full-width digits and letters as ASCII), letters of other scripts as the Latin ones they pass for."""
    return unicodedata.normalize("NFKC", str(text or "")).translate(LETTER_LOOK_ALIKES)


def decision_number_key(number: object) -> str:
    """A decision number, spelling aside: "15/QĐ-UBND", "15/QD-UBND", "Số 15/qđ-UBND" and "15 / QĐ–UBND" are one
    number (accents and Đ, case, spaces, a leading "Số", the kind of dash, full-width forms, look-alike letters of
    other scripts): one decision is never recorded twice, nor with two signing days. "" for no number."""
    text = _NUMBER_WORD.sub("", fold(_plain(number)).strip())
    return "".join(text.translate(DASH_LOOK_ALIKES).split()).upper()


def issuer_key(issuer: object) -> str:
    """An issuer's name, spelling aside: accents, case, punctuation, and "UBND" = "Ủy ban nhân dân"."""
    return _UBND.sub("uy ban nhan dan", " ".join(_NOT_WORD.sub(" ", fold(_plain(issuer))).split()))


def decision_key(issuer: object, number: object) -> tuple[str, str]:
    """A decision as its issuer and number name it, spelling aside (:func:`issuer_key`, :func:`decision_number_key`)."""
    return issuer_key(issuer), decision_number_key(number)


__all__ = ["decision_key", "decision_number_key", "issuer_key"]
