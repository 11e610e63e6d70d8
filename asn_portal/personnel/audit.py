"""Every change to personnel data is recorded by django-auditlog (who, when, old and new values)."""

from auditlog.registry import auditlog

from .models import Employee, FamilyMember, OrgUnit, Position, PositionHistory, Rank, RankHistory

auditlog.register(Employee)
auditlog.register(FamilyMember)
auditlog.register(RankHistory)
auditlog.register(PositionHistory)
auditlog.register(OrgUnit, exclude_fields=["path", "depth", "numchild"])
auditlog.register(Rank)
auditlog.register(Position)
