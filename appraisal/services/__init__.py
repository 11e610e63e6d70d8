"""Writes of the appraisal: every state change, with its checks, in one transaction.

The tables of allowed moves are on the models (`Cycle.workflow`, `Period.workflow`,
`Plan.workflow`, `Evaluation.workflow`); every move goes through `common.workflow.transition`,
which refuses an illegal one with a message and records it with the acting user.
"""

from .cycles import (
    OPEN_JOB,
    cycle_close,
    cycle_create,
    cycle_enrol_new,
    cycle_open,
    cycle_open_enqueue,
    cycle_open_request,
    cycle_supervisors_refresh,
    cycle_update,
    feedback_rater_add,
    feedback_rater_remove,
    period_close,
    period_deadlines_set,
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
from .feedback import feedback_release, feedback_release_due
from .plans import (
    plan_approve,
    plan_result_add,
    plan_result_delete,
    plan_return,
    plan_submit,
)

__all__ = [
    "cycle_close",
    "cycle_create",
    "cycle_enrol_new",
    "cycle_open",
    "OPEN_JOB",
    "cycle_open_enqueue",
    "cycle_open_request",
    "cycle_update",
    "cycle_supervisors_refresh",
    "evaluation_acknowledge",
    "evaluation_rate",
    "evaluation_submit",
    "feedback_answer",
    "feedback_note_add",
    "feedback_rater_add",
    "feedback_release",
    "feedback_release_due",
    "feedback_rater_remove",
    "period_close",
    "period_deadlines_set",
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
