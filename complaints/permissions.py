"""Who may handle which reports, and who may see a reporter's identity.

Intake officers (the complaints officer role, or a superuser) see every report. An OPD operator
sees only reports disposed to their unit's subtree, and never a confidential reporter's identity.
"""

from __future__ import annotations

from django.db.models import QuerySet

from asn_portal.accounts.permissions import is_opd_operator, units_visible_to
from asn_portal.common.workflow import can_move

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
    """Public: those handling it; confidential: intake officers only; anonymous: nobody."""
    if complaint.privacy == Privacy.ANONYMOUS:
        return False
    if complaint.privacy == Privacy.CONFIDENTIAL:
        return is_intake_officer(user)
    return is_intake_officer(user) or can_see_complaint(user, complaint)


def can_follow_up(user, complaint: Complaint) -> bool:
    """The OPD's operators (and intake officers on their behalf) answer a disposed report:
    the workflow's follow-up move, asked for this user."""
    return can_move(complaint, Complaint.Status.RESPONDED, user)
