"""Emulation movements (phong trào thi đua): launch, registrations, blocks and covenants, criteria and scores,
ranking, sơ kết / tổng kết with proposals that go straight into a review round, exemplary models, report data.

One keyword-only function per clerk's operation, each change in ONE ``store.transaction`` named ``movement.*``
so the audit log keeps it; the window (``desktop.ui.movements``) and ``tdkt movement|report`` call these.

Participants of the scoring are the members of the blocks that signed the movement's covenant (departments of
this unit or external units of a khối/cụm); a movement without a covenant scores the unit's active departments.
A participant's key is ``"m:<block member id>"`` or ``"d:<department id>"``; a department, or an external unit by
its name's key, is one participant however many blocks list it. A block's name is unique by its key.

The package, by subject: :mod:`.lifecycle` (the movements themselves), :mod:`.registrations`, :mod:`.blocks`
(blocks and covenants), :mod:`.scores` (criteria, points, ranking), :mod:`.reviews` (sơ kết / tổng kết and their
proposals), :mod:`.models` (exemplary models), :mod:`.report` (figures and documents) and :mod:`.common`. The demo
commune's movements are filled by :mod:`desktop.ops.demo`. Callers import from this package.
"""

from __future__ import annotations

from desktop.i18n import label
from desktop.ops.movements.blocks import (
    block_members,
    create_block,
    find_block,
    list_blocks,
    sign_block_covenant,
    sign_covenant,
)
from desktop.ops.movements.common import (
    BLOCK_KINDS,
    COVENANT_PARTS,
    CRITERION_KINDS,
    KINDS,
    MODEL_KINDS,
    PLAN_SUFFIXES,
    REVIEW_KINDS,
    REVIEW_WORDS,
    STATUSES,
)
from desktop.ops.movements.lifecycle import (
    attach_plan,
    close_movement,
    create_movement,
    get_movement,
    launch,
    list_movements,
    period_text,
    registrations_for_year,
    set_status,
    set_targets,
    update_movement,
)
from desktop.ops.movements.models import add_model, delete_model, search_models, update_model
from desktop.ops.movements.registrations import list_registrations, register, unregister
from desktop.ops.movements.report import (
    export_covenant,
    export_registrations,
    export_report,
    export_review,
    report,
)
from desktop.ops.movements.reviews import create_review, default_proposals, get_review, propose_to_review
from desktop.ops.movements.scores import (
    RankingInputs,
    add_criterion,
    delete_criterion,
    list_criteria,
    participants,
    rank_inputs,
    ranking,
    ranking_inputs,
    ranking_json,
    record_scores,
    score_grid,
    update_criterion,
)

__all__ = [
    "BLOCK_KINDS",
    "COVENANT_PARTS",
    "CRITERION_KINDS",
    "KINDS",
    "MODEL_KINDS",
    "PLAN_SUFFIXES",
    "REVIEW_KINDS",
    "REVIEW_WORDS",
    "STATUSES",
    "RankingInputs",
    "add_criterion",
    "add_model",
    "attach_plan",
    "block_members",
    "close_movement",
    "create_block",
    "create_movement",
    "create_review",
    "default_proposals",
    "delete_criterion",
    "delete_model",
    "export_covenant",
    "export_registrations",
    "export_report",
    "export_review",
    "find_block",
    "get_movement",
    "get_review",
    "label",
    "launch",
    "list_blocks",
    "list_criteria",
    "list_movements",
    "list_registrations",
    "participants",
    "period_text",
    "propose_to_review",
    "rank_inputs",
    "ranking",
    "ranking_inputs",
    "ranking_json",
    "record_scores",
    "register",
    "registrations_for_year",
    "report",
    "score_grid",
    "search_models",
    "set_status",
    "set_targets",
    "sign_block_covenant",
    "sign_covenant",
    "unregister",
    "update_criterion",
    "update_model",
    "update_movement",
]
