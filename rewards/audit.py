"""Every change to cases, sanctions and awards is recorded by django-auditlog."""

from auditlog.registry import auditlog

from .models import AwardType, DisciplinaryCase, Nomination, Objection, Sanction

auditlog.register(DisciplinaryCase)
auditlog.register(Sanction)
auditlog.register(Objection)
auditlog.register(AwardType)
auditlog.register(Nomination)
