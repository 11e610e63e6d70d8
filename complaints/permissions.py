"""Who may handle which reports, and who may see a reporter's identity.

Intake officers (the complaints officer role, or a superuser) see every report. An OPD operator
sees only reports disposed to their unit's subtree. The reporter's identity follows the access
matrix's reporter-identity cell (asn_portal.personnel.access): intake officers and BKD
administrators see it (a confidential one on request, recorded); an OPD operator only what the
reporter consented to: a public report's contact, except for conduct and whistle-blowing reports
where the reporter did not choose to share it with the OPD. Nobody sees an anonymous reporter.
"""

from __future__ import annotations

from django.db.models import QuerySet

from asn_portal.common.workflow import can_move
from asn_portal.personnel.access import (
    DataKind,
    Scope,
    is_opd_operator,
    scope_of,
    units_visible_to,
)

from .models import Complaint, Privacy

UNIT_STATUSES = (Complaint.Status.DISPOSED, Complaint.Status.RESPONDED, Complaint.Status.CLOSED)


def is_intake_officer(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or user.has_perm("complaints.change_complaint"))
    )


def complaints_visible_to(user) -> QuerySet[Complaint]:
    qs = Complaint.objects.all()
    if is_intake_officer(user):
        return qs
    if is_opd_operator(user):
        return qs.filter(disposed_unit__in=units_visible_to(user), status__in=UNIT_STATUSES)
    return qs.none()


def can_see_complaint(user, complaint: Complaint) -> bool:
    return complaints_visible_to(user).filter(pk=complaint.pk).exists()


def can_see_identity(user, complaint: Complaint) -> bool:
    """Anonymous: nobody; confidential: intake officers only; public: intake officers, and the
    OPD handling it where the reporter consented (always, unless a conduct or whistle-blowing
    report whose reporter kept their contact with BKD)."""
    if complaint.privacy == Privacy.ANONYMOUS:
        return False
    scope = scope_of(user, DataKind.REPORTER_IDENTITY)
    if scope == Scope.ALL:
        return True
    if complaint.privacy != Privacy.PUBLIC or scope < Scope.CONSENTED:
        return False
    if complaint.is_conduct_report and not complaint.contact_shared_with_opd:
        return False
    return can_see_complaint(user, complaint)


def can_follow_up(user, complaint: Complaint) -> bool:
    """The OPD's operators (and intake officers on their behalf) answer a disposed report:
    the workflow's follow-up move, asked for this user."""
    return can_move(complaint, Complaint.Status.RESPONDED, user)
