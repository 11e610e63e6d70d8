"""Demo data: a synthetic regency, "Kabupaten Contoh", with its units, positions, staff and logins.

One seed decides everything, so the same seed and date give the same people. Units and their
head positions are created one by one (about 120 rows, the tree needs it); employees, histories,
families, users and group memberships are written with bulk_create, without signals or audit
entries, so 5,000 employees take seconds. Used by `manage.py seed_demo` and the benchmarks.
"""

from __future__ import annotations

import datetime as dt
import random

from auditlog.context import disable_auditlog
from django.db import transaction
from django.utils import timezone

from asn_portal.accounts import roles

from ..models import OrgUnit
from .catalogue import DEMO_PASSWORD, MIN_EMPLOYEES, OPD_CODES
from .organisation import opds_for, shared_positions_create, units_create
from .people import PeopleDrafter
from .records import DemoAccount, DemoResult
from .saving import drafts_save, employee_users_create, staff_accounts_create

__all__ = [
    "DEMO_PASSWORD",
    "MIN_EMPLOYEES",
    "OPD_CODES",
    "DemoAccount",
    "DemoResult",
    "demo_present",
    "demo_seed",
]

# --- Entry points ------------------------------------------------------------------------------


def demo_present() -> bool:
    """Whether the demo units have been created already."""
    return OrgUnit.objects.filter(code__in=OPD_CODES).exists()


@transaction.atomic
def demo_seed(
    *, employees: int = 500, seed: int = 2026, today: dt.date | None = None
) -> DemoResult:
    """Create the demo regency. The caller checks demo_present() first; this never tops up."""
    if employees < MIN_EMPLOYEES:
        raise ValueError(f"At least {MIN_EMPLOYEES} employees are needed for the demo.")
    roles.sync_roles()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with disable_auditlog():
        jobs = shared_positions_create()
        units = units_create(opds_for(employees))
        people = PeopleDrafter(rng, today)
        drafts = [people.head(unit) for unit in units]
        drafts += people.staff(units, jobs, employees - len(drafts), total=employees)
        drafts_save(drafts)
        users = employee_users_create(drafts)
        accounts = staff_accounts_create(units, drafts)
    return DemoResult(
        units=len(units),
        positions=len(units) + len(jobs),
        employees=len(drafts),
        family_members=sum(len(d.family) for d in drafts),
        users=users,
        accounts=accounts,
    )
