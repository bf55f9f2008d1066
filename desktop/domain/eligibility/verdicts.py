"""What the engine answers: a verdict per subject and code, its status and the reasons with their citations."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.i18n import N_, _


class Status(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_VOTE = "needs_vote"
    DEFERRED = "deferred"


# The one wording of a verdict, on every screen, in the command line's text and in the exports. "Chờ kết quả bỏ
# phiếu": the nominee's own secret ballot, or this year's title an award form depends on (BK tỉnh on CSTĐCS).
STATUS_LABELS: dict[Status, str] = {
    Status.ELIGIBLE: N_("Đủ điều kiện"),
    Status.NOT_ELIGIBLE: N_("Chưa đủ điều kiện"),
    Status.NEEDS_VOTE: N_("Chờ kết quả bỏ phiếu"),
    Status.DEFERRED: N_("Tạm hoãn xét"),
}
VERDICT_LABELS: dict[str, str] = {str(status): label for status, label in STATUS_LABELS.items()}


_PASSING = (Status.ELIGIBLE, Status.NEEDS_VOTE)


@dataclass(frozen=True, slots=True)
class Reason:
    """One criterion checked: the text, the citation of the rule, and whether it was met (None = a note)."""

    text: str
    cite: str
    met: bool | None = None

    def __str__(self) -> str:
        return f"{self.text} — {self.cite}" if self.cite else self.text


@dataclass(slots=True)
class Verdict:
    subject: str  # "person" | "collective"
    subject_id: int | str
    subject_uuid: str
    subject_name: str
    code: str
    status: Status
    reasons: list[Reason]
    initiative_ids: tuple[str, ...] = ()  # initiatives this proposal relies on (one award each)
    rank: int | None = None  # position among CSTĐCS candidates when a province cap applies

    def lines(self) -> list[str]:
        return [str(reason) for reason in self.reasons]

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS[self.status])


class _Check:
    """Collects the reasons of one verdict and derives its status."""

    __slots__ = ("deferred", "failed", "reasons", "vote")

    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.failed = False
        self.deferred = False
        self.vote = False

    def ok(self, text: str, cite: str) -> None:
        self.reasons.append(Reason(text, cite, True))

    def fail(self, text: str, cite: str) -> None:
        self.reasons.append(Reason(text, cite, False))
        self.failed = True

    def defer(self, text: str, cite: str) -> None:
        self.reasons.append(Reason(text, cite, None))
        self.deferred = True

    def note(self, text: str, cite: str) -> None:
        self.reasons.append(Reason(text, cite, None))

    def needs_vote(self, text: str, cite: str) -> None:
        self.reasons.append(Reason(text, cite, None))
        self.vote = True

    def check(self, condition: bool, text: str, cite: str) -> bool:
        (self.ok if condition else self.fail)(text, cite)
        return condition

    def status(self) -> Status:
        if self.failed:
            return Status.NOT_ELIGIBLE
        if self.deferred:
            return Status.DEFERRED
        if self.vote:
            return Status.NEEDS_VOTE
        return Status.ELIGIBLE
