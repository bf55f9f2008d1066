"""What is printed on one certificate, and the placeholders a template's text patterns may use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop.documents.numbers import date_line, date_text, short_date
from desktop.domain.text import nfc


@dataclass(frozen=True)
class CertificateData:
    """One awardee's certificate. Empty strings leave a field out; a template's [defaults] fill some of them."""

    recipient_prefix: str = ""  # "Ông", "Bà", or "" for a collective
    recipient_name: str = ""
    position: str = ""
    unit_name: str = ""
    achievement: str = ""
    award_name: str = ""  # "GIẤY KHEN", "CHIẾN SĨ THI ĐUA CƠ SỞ"; empty: the template's default
    give_word: str = ""  # "TẶNG" / "TẶNG DANH HIỆU"; empty: the template's default
    decision_number_text: str = ""  # "125/QĐ-UBND"
    decision_date: date | datetime | str | None = None
    register_no: str | int = ""  # Số sổ vàng: the recipient's ordinal within the decision
    place_name: str = ""  # "Lũng Cú"
    official_title: str = ""  # "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ"
    issuing_body: str = ""  # "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" (optional line above the official's title)
    signer_title: str = ""  # "CHỦ TỊCH", "PHÓ CHỦ TỊCH": the signer's own title
    signer_name: str = ""
    # The decision's signing mode above the signer's title: "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", or "";
    # a deputy signing for the body has two, one a line: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH".
    signing_line: str = ""
    qr_payload: str | None = None
    serial: str = ""  # the pre-printed form's serial: recorded with the print, printed nowhere

    def placeholders(self) -> dict[str, str]:
        """Values for ``{name}`` in template text patterns (all NFC, single-spaced)."""
        prefix, name = nfc(self.recipient_prefix), nfc(self.recipient_name)
        position, unit = nfc(self.position), nfc(self.unit_name)
        decision_date = self.decision_date or None
        place = nfc(self.place_name)
        register = nfc(str(self.register_no)) if self.register_no not in (None, "") else ""
        # each line of the block on its own (nfc() makes one line of a text)
        above = "\n".join(line for line in (nfc(part) for part in self.signing_line.splitlines()) if line)
        return {
            "recipient_prefix": prefix,
            "recipient_name": name,
            "recipient": " ".join(part for part in (prefix, name) if part),
            "position": position,
            "unit_name": unit,
            "position_unit": ", ".join(part for part in (position, unit) if part),
            "achievement": nfc(self.achievement),
            "award_name": nfc(self.award_name),
            "give_word": nfc(self.give_word),
            "decision_number": nfc(self.decision_number_text),
            "decision_date": short_date(decision_date),
            "decision_date_text": date_text(decision_date) if decision_date else "",
            "register_no": register,
            "place_name": place,
            "place_date": date_line(place, decision_date) if place and decision_date else "",
            "official_title": nfc(self.official_title),
            "issuing_body": nfc(self.issuing_body),
            # the whole block above the signature: "KT. CHỦ TỊCH" and "PHÓ CHỦ TỊCH" on two lines (three with "TM.")
            "signer_title": "\n".join(part for part in (above, nfc(self.signer_title)) if part),
            "signing_line": above,
            "signer_position": nfc(self.signer_title),
            "signer_name": nfc(self.signer_name),
        }


#: Every placeholder a template may use (for validation and the editor's list).
PLACEHOLDERS: tuple[str, ...] = tuple(CertificateData().placeholders())


__all__ = ["PLACEHOLDERS", "CertificateData"]
