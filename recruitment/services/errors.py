"""The refusal type of the module and the application workflow's allowed moves."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Application


class RecruitmentError(ValidationError):
    """A refused move, with a message for the user (a ValidationError, so forms show it)."""


S = Application.Status
# Allowed moves of an application; anything else is refused.
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.ELIGIBLE, S.INELIGIBLE, S.WITHDRAWN}),
    S.INELIGIBLE: frozenset({S.ELIGIBLE}),  # an accepted objection (sanggah)
    S.ELIGIBLE: frozenset(),
    S.WITHDRAWN: frozenset(),
}


def application_move(application: Application, to: str) -> None:
    """Check a status move against the table and apply it (the caller saves)."""
    if to not in APPLICATION_TRANSITIONS[application.status]:
        raise RecruitmentError(
            _("An application that is %(current)s cannot become %(new)s.")
            % {"current": application.get_status_display(), "new": S(to).label}
        )
    application.status = to
