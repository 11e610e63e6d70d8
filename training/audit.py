"""Changes to the catalogue, enrolments, JP credits and certificates are kept by django-auditlog."""

from auditlog.registry import auditlog

from .models import (
    Certificate,
    EligibilityRule,
    Enrolment,
    ExternalTraining,
    JpCredit,
    Program,
    TrainingSession,
)

auditlog.register(Program)
auditlog.register(EligibilityRule)
auditlog.register(TrainingSession)
auditlog.register(Enrolment)
auditlog.register(JpCredit)
auditlog.register(Certificate)
auditlog.register(ExternalTraining)
