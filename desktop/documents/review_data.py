"""What the yearly-review documents print, as plain data filled from the database by the ops layer.

The renderers (tờ trình, danh sách đề nghị, biên bản, quyết định, danh sách chi tiền thưởng,
báo cáo thành tích, sổ khen thưởng) only read these objects, so they are tested without a database
and the same data feeds the PDF, the .docx and the .xlsx of each document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class UnitHeader:
    """The issuing body as printed in the two-column header and the signature block."""

    parent_body: str  # "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG" (printed upper-case)
    name: str  # "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ"
    place_name: str  # "Lũng Cú" for "Lũng Cú, ngày … tháng … năm …"
    head_title: str  # the head's title, "Chủ tịch": the authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …")
    head_name: str  # who signs (the deputy's name when a deputy signs)
    # The title lines above the signature, from the decision's signing mode (desktop.domain.signing):
    # ("CHỦ TỊCH",), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") or ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"); () = head_title.
    signature: tuple[str, ...] = ()


@dataclass(frozen=True)
class AwardLine:
    """One person, collective or household in a list, with the frozen snapshot printed on documents."""

    order: int  # STT in the list; in a decision's list it is the register number (số sổ vàng)
    target_kind: str  # individual | collective | household
    name: str  # "Nguyễn Văn Sơn" or the collective's name
    position: str = ""  # chức vụ (individuals)
    department: str = ""  # phòng ban / đơn vị
    gender: str = ""  # "M" | "F" | ""
    code: str = ""  # LDTT, CSTDCS, GIAY_KHEN ...
    code_name: str = ""  # "Lao động tiên tiến"
    category: str = "title"  # title | award_form
    amount: int = 0  # VND, 0 when not paid
    achievement: str = ""  # thành tích: the line's own words (a decision mixing awards, báo cáo thành tích)
    register_no: int | None = None
    recipient_key: str = ""  # the same person or collective on several lines shares it ("individual:12")
    money_note: str = ""  # why the amount is less than the full reward ("2.340.000 − 710.000 đã nhận theo …")
    name_mark: str = ""  # tells a namesake in the same list apart ("sinh 1985", "mã CB012"); "" for most


@dataclass(frozen=True)
class BallotLine:
    """One nominee's secret-ballot result for the minutes."""

    order: int
    name: str
    code_name: str
    members_total: int
    agree: int
    disagree: int
    invalid: int
    passed: bool
    arithmetic: str  # "8/10 thành viên đồng ý = 80,0% ≥ 80% → đạt"
    written_agree: int = 0  # absent members' written votes, kept apart from the ballots cast at the meeting
    written_disagree: int = 0
    present: int | None = None  # members at the meeting (None: not recorded)
    counts_written: bool = True  # whether the rule pack counted the written votes toward the threshold

    @property
    def counted(self) -> int:
        """The "agree" votes the threshold was counted on."""
        return self.agree + (self.written_agree if self.counts_written else 0)


@dataclass(frozen=True)
class CouncilMemberLine:
    name: str
    role: str  # Vietnamese role name: Chủ tịch Hội đồng, Phó Chủ tịch, Ủy viên, Thư ký
    attended: bool
    written_opinion: str = ""


@dataclass(frozen=True)
class ProposalDoc:
    """Tờ trình (NĐ152 Mẫu 01) and its danh sách đề nghị."""

    unit: UnitHeader
    number_text: str  # "15/TTr-VHXH" or "" when not numbered yet
    doc_date: date
    recipient: str  # "Chủ tịch Ủy ban nhân dân xã Lũng Cú" / "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang"
    year: int
    subject: str  # "Về việc đề nghị tặng danh hiệu thi đua và hình thức khen thưởng năm 2025"
    lines: tuple[AwardLine, ...]
    legal_basis: tuple[str, ...] = ()  # "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" ...
    summary: str = ""  # one paragraph on the year's achievements
    # Who issues it: the council's standing agency ("Phòng Văn hóa - Xã hội") under the unit; "" = the unit.
    issuer: str = ""
    issuer_role: str = ""  # "cơ quan thường trực Hội đồng Thi đua - Khen thưởng xã", printed after its name
    symbol: str = "TTr-UBND"  # the number's symbol, the same on the tờ trình and on its list ("TTr-VHXH")
    signer_lines: tuple[str, ...] = ()  # ("TRƯỞNG PHÒNG",); () = the unit's head
    signer_name: str = ""


@dataclass(frozen=True)
class MinutesDoc:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng with the ballot table."""

    unit: UnitHeader
    meeting_date: date
    location: str
    year: int
    members: tuple[CouncilMemberLine, ...]
    ballots: tuple[BallotLine, ...]
    chair_name: str  # who presided: the chair, or a deputy chair when the chair was absent
    secretary_name: str  # who took the minutes: a secretary present
    notes: str = ""
    chair_title: str = "Chủ tịch Hội đồng"


@dataclass(frozen=True)
class DecisionDoc:
    """Quyết định with its attached list (danh sách kèm theo) and the register numbers."""

    unit: UnitHeader
    number_text: str  # "125/QĐ-UBND"
    decision_date: date
    subject: str  # "Về việc tặng danh hiệu Lao động tiên tiến năm 2025"
    legal_basis: tuple[str, ...]
    achievement_text: str  # "Đã có thành tích hoàn thành tốt nhiệm vụ năm 2025"
    lines: tuple[AwardLine, ...]
    recipients: tuple[str, ...] = ()  # "Nơi nhận"
    total_amount: int = 0
    total_in_words: str = ""
    status_note: str = ""  # "Đã bị hủy bỏ: ..." printed on copies of cancelled/replaced decisions
    # A decision that replaces another (thay thế) cites it and has an article saying so.
    replaces_number: str = ""  # "12/QĐ-UBND"
    replaces_date: date | None = None
    replaces_reason: str = ""


@dataclass(frozen=True)
class PaymentListDoc:
    """Danh sách chi tiền thưởng: amount per person, total, amount in words, signature on receipt."""

    unit: UnitHeader
    decision_number_text: str
    decision_date: date
    lines: tuple[AwardLine, ...]
    total_amount: int
    total_in_words: str
    preparer_title: str = "Người lập biểu"
    accountant_title: str = "Kế toán"
    status_note: str = ""  # a decision no longer in force: printed above the title, nothing is to be paid
    # amounts resting on a value not confirmed in the rule pack in force when rendered: footnotes under the total
    unconfirmed_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PreviousAward:
    """An award already received, as the báo cáo thành tích lists it: by which decision, of which body."""

    year: int
    name: str  # "Chiến sĩ thi đua cơ sở"
    category: str = "title"  # title | award_form
    decision_number_text: str = ""
    decision_date: date | None = None
    issuer: str = ""  # "Chủ tịch Ủy ban nhân dân xã Lũng Cú"


@dataclass(frozen=True)
class AchievementReportDoc:
    """Báo cáo thành tích (NĐ152 Mẫu 05) skeleton for one nominee, to be completed in Word."""

    unit: UnitHeader
    person: AwardLine
    birth_date: date | None
    ethnic: str
    proposed_for: str  # "Chiến sĩ thi đua cấp tỉnh"
    years: tuple[int, ...]
    ratings: tuple[tuple[int, str], ...] = ()  # (year, rating name)
    previous_awards: tuple[PreviousAward, ...] = ()
    initiatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegisterEntry:
    year: int
    code_name: str
    category: str
    decision_number_text: str
    decision_date: date | None
    issuer: str
    register_no: int | None = None
    amount: int = 0
    source: str = "unit"  # unit | above | import


@dataclass(frozen=True)
class RegisterDoc:
    """Sổ theo dõi khen thưởng for a person or a collective, across years."""

    unit: UnitHeader
    subject_name: str
    subject_kind: str  # individual | collective
    details: tuple[tuple[str, str], ...] = ()  # ("Chức vụ", "Chuyên viên"), ...
    entries: tuple[RegisterEntry, ...] = field(default_factory=tuple)
