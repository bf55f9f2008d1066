"""The yearly review (bình xét): rounds, nominations, the council's ballot, posting, decisions, the dossier.

One keyword-only function per clerk's operation, each change in ONE ``store.transaction`` so the audit log
names it (``review.*`` / ``decision.*``). The window and ``tdkt review|council|decision|dossier`` call these.

Decisions are permanent records:

- the number comes from the unit's own series (``number_series``: one counter per series key and year), taken
  inside the same ``BEGIN IMMEDIATE`` transaction that writes the decision, so two clerks never get the same
  number and a number is never reused; numbers skipped on purpose are recorded in ``number_gaps`` with a reason;
- each awardee gets a register number (số sổ vàng, 1..n within the decision) and a frozen snapshot of name,
  position, department and gender: later edits to the staff record never change an issued decision;
- a replacement (thay thế) issues a NEW decision (new number) citing the old one's number and date, with an
  article saying it replaces it; the old one stays with status ``corrected`` (shown as "đã bị thay thế") and
  the reason. A cancellation (hủy bỏ) keeps the decision with status ``revoked`` (shown as "đã hủy bỏ") and its
  reason; its awards and money are withdrawn (thu hồi). The functions keep their first names
  (``correct_decision``, ``revoke_decision``); ``replace_decision`` and ``cancel_decision`` are the same;
- the signing mode (``chair``, ``deputy`` "KT.", ``body`` "TM.", :mod:`desktop.domain.signing`) is stored on
  the decision; its documents, payment list and certificates all follow it, and a replacement keeps it.

Award history: every awardee also becomes an ``awards`` row (source ``unit``, ``decision_id``, ``awardee_id``)
so the consecutive-year rules see it next year. Revoking a decision REMOVES its ``awards`` rows from the
history (the award no longer exists in law); the audit log keeps the deleted rows, and the decision itself
keeps its awardee list for the record. A replacement moves the rows to the replacing decision.

The ``*_doc`` functions fill the plain dataclasses of :mod:`desktop.documents.review_data`; their text is the
text of Vietnamese administrative documents (the language of the law), so it is data, not translated UI text.

The package, by subject: :mod:`.rounds` (rounds, nominations, posting), :mod:`.council` (members and ballots),
:mod:`.numbering` (series and gaps), :mod:`.decisions` (issue and read), :mod:`.money_lines` (title money once per
year), :mod:`.corrections` (replace and cancel), :mod:`.dossier` (sent up), :mod:`.register` (the award register),
:mod:`.documents` (the documents' data), :mod:`.signatures` (signing modes) and :mod:`.common` (codes and the
decision-date check). The nominations as they are read, and :func:`round_date`, are store-level
(:mod:`desktop.store.review_repo`); the achievement report and the unit's header are filled in
:mod:`desktop.documents.achievement_report`. Callers import from this package: ``from desktop.ops import review``.
"""

from __future__ import annotations

from desktop.documents.achievement_report import achievement_report_doc, unit_header
from desktop.ops.review.common import (
    ACTIVE_STATUSES,
    COUNCIL_ROLES,
    DECISION_STATUSES,
    DEFAULT_SERIES,
    NOMINATION_STATUSES,
    OVERRIDE_VERDICTS,
    PROPOSED_VERDICTS,
    ROUND_KINDS,
    legal_basis,
)
from desktop.ops.review.corrections import (
    CORRECTABLE_FIELDS,
    HEADER_FIELDS,
    SNAPSHOT_FIELDS,
    cancel_decision,
    correct_decision,
    names_changed_since,
    replace_decision,
    replacement_notes,
    revoke_decision,
)
from desktop.ops.review.council import record_ballot, set_council
from desktop.ops.review.decisions import check_posting, get_decision, issue_decision, list_decisions
from desktop.ops.review.documents import (
    decision_doc,
    minutes_doc,
    payment_doc,
    proposal_doc,
    register_doc,
    standing_agency_symbol,
)
from desktop.ops.review.dossier import build_dossier, get_dossier
from desktop.ops.review.numbering import (
    list_number_gaps,
    list_number_series,
    record_number_gap,
    set_series_next_number,
)
from desktop.ops.review.register import register_entries
from desktop.ops.review.rounds import (
    add_nomination,
    create_round,
    delete_round,
    get_round,
    list_rounds,
    refresh_proposals,
    remove_nomination,
    start_posting,
    year_ratings,
)
from desktop.ops.review.signatures import default_signing_mode, signature_lines, signing_choices
from desktop.store.review_repo import TARGET_KINDS, round_date

__all__ = [
    "ACTIVE_STATUSES",
    "CORRECTABLE_FIELDS",
    "COUNCIL_ROLES",
    "DECISION_STATUSES",
    "DEFAULT_SERIES",
    "HEADER_FIELDS",
    "NOMINATION_STATUSES",
    "OVERRIDE_VERDICTS",
    "PROPOSED_VERDICTS",
    "ROUND_KINDS",
    "SNAPSHOT_FIELDS",
    "TARGET_KINDS",
    "achievement_report_doc",
    "add_nomination",
    "build_dossier",
    "cancel_decision",
    "check_posting",
    "correct_decision",
    "create_round",
    "decision_doc",
    "default_signing_mode",
    "delete_round",
    "get_decision",
    "get_dossier",
    "get_round",
    "issue_decision",
    "legal_basis",
    "list_decisions",
    "list_number_gaps",
    "list_number_series",
    "list_rounds",
    "minutes_doc",
    "names_changed_since",
    "payment_doc",
    "proposal_doc",
    "record_ballot",
    "record_number_gap",
    "refresh_proposals",
    "register_doc",
    "register_entries",
    "remove_nomination",
    "replace_decision",
    "replacement_notes",
    "revoke_decision",
    "round_date",
    "set_council",
    "set_series_next_number",
    "signature_lines",
    "signing_choices",
    "standing_agency_symbol",
    "start_posting",
    "unit_header",
    "year_ratings",
]
