"""Appraisal decisions in the audit trail (django-auditlog), with the acting user.

Status moves (plan approval, rating, acknowledgement, cycle and period moves) are logged by
`transition`; unit assessments and cycle settings by auditlog with the officer as actor. Rows
made in bulk when a cycle or period opens are not logged one by one (bulk_create), and 360°
answers are never logged: the audit trail must not say who answered what.
"""

from auditlog.registry import auditlog

from .models import Cycle, Evaluation, Plan, UnitAssessment

auditlog.register(Cycle, m2m_fields={"units"})
auditlog.register(Plan)
auditlog.register(Evaluation)
auditlog.register(UnitAssessment)
