"""The refusal type of the module (the moves themselves are each model's `workflow` table)."""

from django.core.exceptions import ValidationError


class RecruitmentError(ValidationError):
    """A refused action, with a message for the user (a ValidationError, so forms show it)."""
