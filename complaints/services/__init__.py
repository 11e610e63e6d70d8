"""Every change to a complaint: submission, the agency's workflow, the reporter's actions.

Each move goes through `Complaint.workflow` (`common.workflow.transition`), adds a
`ComplaintEvent` to the reporter's timeline and resets the stage's
deadline in working days (Asia/Jakarta, shared holiday calendar): verification within 3,
follow-up within 5, auto-close 10 after the follow-up (SLA policy, editable by BKD).
Emails to reporters go through the `ReporterEmail` outbox after commit, so a submission is kept
even when the broker is down.

One module per side of the workflow: `public` (the citizen), `handling` (the agency),
`periodic` (reminders and auto-close), `outbox` (emails to reporters).
"""

from ._base import DuplicateSubmission
from .handling import (
    complaint_archive,
    complaint_dispose,
    complaint_identity_reveal,
    complaint_merge,
    complaint_note,
    complaint_open_discipline_case,
    complaint_postpone,
    complaint_reject_not_authority,
    complaint_respond,
    complaint_verify,
)
from .outbox import reporter_email_send, reporter_outbox_flush
from .periodic import complaints_auto_close, complaints_send_reminders
from .public import (
    Submitted,
    TrackResult,
    complaint_accept,
    complaint_add_information,
    complaint_rate,
    complaint_reopen,
    complaint_submit,
    tracking_authenticate,
)

__all__ = [
    "DuplicateSubmission",
    "Submitted",
    "TrackResult",
    "complaint_accept",
    "complaint_add_information",
    "complaint_archive",
    "complaint_dispose",
    "complaint_identity_reveal",
    "complaint_merge",
    "complaint_note",
    "complaint_open_discipline_case",
    "complaint_postpone",
    "complaint_rate",
    "complaint_reject_not_authority",
    "complaint_reopen",
    "complaint_respond",
    "complaint_submit",
    "complaint_verify",
    "complaints_auto_close",
    "complaints_send_reminders",
    "reporter_email_send",
    "reporter_outbox_flush",
    "tracking_authenticate",
]
