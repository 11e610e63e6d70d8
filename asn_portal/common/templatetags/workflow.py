"""Templates ask the workflow which moves a user may make, never compare status strings."""

from django import template

from asn_portal.common import workflow

register = template.Library()


@register.simple_tag
def allowed_moves(obj, user):
    """`{% allowed_moves obj request.user as moves %}`: the moves this user may make now."""
    return workflow.allowed_moves(obj, user)


@register.simple_tag
def can_move(obj, to, user=None):
    """`{% can_move obj "approved" request.user as may_approve %}`."""
    return workflow.can_move(obj, to, user)


@register.filter
def is_final(obj) -> bool:
    """True when no move leaves `obj`'s current status (`{% if obj|is_final %}`)."""
    wf = workflow.workflow_of(obj)
    return wf.is_final(getattr(obj, wf.field))
