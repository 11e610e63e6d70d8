"""Writes of the appraisal: every state change, with its checks, in one transaction.

Workflows are explicit tables of allowed moves (`CYCLE_MOVES`, `PLAN_MOVES`, `EVALUATION_MOVES`);
an illegal move raises a ValidationError with a message for the user.
"""

from ._workflow import CYCLE_MOVES, EVALUATION_MOVES, PLAN_MOVES
from .cycles import (
    cycle_close,
    cycle_create,
    cycle_enrol_new,
    cycle_open,
    cycle_supervisors_refresh,
    feedback_rater_add,
    feedback_rater_remove,
    period_close,
    period_open,
    periods_generate,
    periods_open_due,
    raters_assign,
)
from .evaluations import (
    evaluation_acknowledge,
    evaluation_rate,
    evaluation_submit,
    feedback_answer,
    feedback_note_add,
    realisation_save,
    unit_assessment_set,
)
from .plans import (
    plan_approve,
    plan_result_add,
    plan_result_delete,
    plan_return,
    plan_submit,
)

__all__ = [
    "CYCLE_MOVES",
    "EVALUATION_MOVES",
    "PLAN_MOVES",
    "cycle_close",
    "cycle_create",
    "cycle_enrol_new",
    "cycle_open",
    "cycle_supervisors_refresh",
    "evaluation_acknowledge",
    "evaluation_rate",
    "evaluation_submit",
    "feedback_answer",
    "feedback_note_add",
    "feedback_rater_add",
    "feedback_rater_remove",
    "period_close",
    "period_open",
    "periods_generate",
    "periods_open_due",
    "plan_approve",
    "plan_result_add",
    "plan_result_delete",
    "plan_return",
    "plan_submit",
    "raters_assign",
    "realisation_save",
    "unit_assessment_set",
]
