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


STATUS_LABELS: dict[Status, str] = {
    Status.ELIGIBLE: N_("Đủ điều kiện"),
    Status.NOT_ELIGIBLE: N_("Không đủ điều kiện"),
    Status.NEEDS_VOTE: N_("Cần Hội đồng xem xét, bỏ phiếu"),
    Status.DEFERRED: N_("Tạm hoãn xét"),
}


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
