"""Writes of the training module, one module per workflow; import them from here.

Enrolment and external-training moves follow each model's `workflow` table and go through
`asn_portal.common.workflow.transition` (checked, recorded as a StatusEvent, audit-logged with
the acting user).
"""

from .allocation import session_allocate_seats
from .attendance import (
    attendance_check_in,
    attendance_mark,
    enrolment_record_result,
    session_record_results,
)
from .certificates import certificate_revoke
from .enrolment import (
    enrolment_cancel,
    enrolment_confirm,
    enrolment_record_supervisor_approval,
    enrolment_reject,
    enrolment_request,
    enrolment_supervisor_approve,
    enrolment_supervisor_decline,
    waitlist_promote,
)
from .external import (
    external_training_reject,
    external_training_submit,
    external_training_validate,
)
from .reminders import REMINDER_MONTHS, below_target_reminders_send

__all__ = [
    "REMINDER_MONTHS",
    "attendance_check_in",
    "attendance_mark",
    "below_target_reminders_send",
    "certificate_revoke",
    "enrolment_cancel",
    "enrolment_confirm",
    "enrolment_record_result",
    "enrolment_record_supervisor_approval",
    "enrolment_reject",
    "enrolment_request",
    "enrolment_supervisor_approve",
    "enrolment_supervisor_decline",
    "external_training_reject",
    "external_training_submit",
    "external_training_validate",
    "session_allocate_seats",
    "session_record_results",
    "waitlist_promote",
]
