"""Writes for discipline and rewards: every state change with its checks, in one transaction.

One module per workflow: `cases` (open, examine, close, evidence), `sanctions` (decide,
deliver, dismissals), `objections` (keberatan and banding), `nominations` (awards) and
`attendance` (cases proposed from unexcused absence). Status changes go through
`common.workflow.transition`, which checks the model's `workflow` table and records the event.
"""

from .attendance import (
    ABSENCE_LEGAL_ARTICLE,
    case_propose_from_attendance,
    cases_propose_from_absences,
    longest_working_day_run,
)
from .cases import (
    MIN_TEAM_SIZE,
    case_close,
    case_open,
    case_start_examination,
    case_update_details,
    evidence_add,
    examination_open,
    examination_record,
)
from .nominations import (
    nomination_approve,
    nomination_reject,
    nomination_start_review,
    nomination_submit,
    nomination_withdraw,
    nominations_create_satyalancana,
)
from .objections import objection_decide, objection_file
from .sanctions import (
    decree_snapshot,
    dismissals_apply,
    sanction_decide,
    sanction_record_delivery,
    sanction_window,
)

__all__ = [
    "ABSENCE_LEGAL_ARTICLE",
    "MIN_TEAM_SIZE",
    "case_close",
    "case_open",
    "case_propose_from_attendance",
    "case_start_examination",
    "case_update_details",
    "cases_propose_from_absences",
    "decree_snapshot",
    "dismissals_apply",
    "evidence_add",
    "examination_open",
    "examination_record",
    "longest_working_day_run",
    "nomination_approve",
    "nomination_reject",
    "nomination_start_review",
    "nomination_submit",
    "nomination_withdraw",
    "nominations_create_satyalancana",
    "objection_decide",
    "objection_file",
    "sanction_decide",
    "sanction_record_delivery",
    "sanction_window",
]
