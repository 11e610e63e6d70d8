"""Changes to the selection's set-up, applications and objections are recorded by django-auditlog.

Rankings and score imports are set-based writes (one statement for many rows); their record is
the published, fingerprinted snapshot.
"""

from auditlog.registry import auditlog

from .models import Application, Formasi, Objection, PassingGrade, Selection, TimelineStage

auditlog.register(Selection)
auditlog.register(TimelineStage)
auditlog.register(PassingGrade)
auditlog.register(Formasi)
auditlog.register(Application)
auditlog.register(Objection)
