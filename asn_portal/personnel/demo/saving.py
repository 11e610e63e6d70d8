"""Saving the drafts in bulk, portal logins and one account per staff role."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from asn_portal.accounts import roles
from asn_portal.accounts.models import User
from asn_portal.accounts.services import staff_account_create

from ..models import Employee, FamilyMember, OrgUnit, PositionHistory, RankHistory
from .catalogue import BATCH_SIZE, DEMO_PASSWORD, OPERATOR_OPD, PNS
from .records import BuiltUnit, DemoAccount, DraftEmployee

# --- Saving ------------------------------------------------------------------------------------


def drafts_save(drafts: list[DraftEmployee]) -> None:
    employees = Employee.objects.bulk_create([d.employee for d in drafts], batch_size=BATCH_SIZE)
    rank_records, position_records, family = [], [], []
    for draft, employee in zip(drafts, employees, strict=True):
        for record in draft.rank_records:
            record.employee = employee
            rank_records.append(record)
        draft.position_record.employee = employee
        position_records.append(draft.position_record)
        for member in draft.family:
            member.employee = employee
            family.append(member)
    RankHistory.objects.bulk_create(rank_records, batch_size=BATCH_SIZE)
    PositionHistory.objects.bulk_create(position_records, batch_size=BATCH_SIZE)
    FamilyMember.objects.bulk_create(family, batch_size=BATCH_SIZE)


def employee_users_create(drafts: list[DraftEmployee]) -> int:
    """One portal login per employee (username = NIP), all with the demo password hashed once."""
    password = make_password(DEMO_PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                username=d.employee.nip,
                password=password,
                first_name=d.employee.name[:150],
                email=d.employee.email,
                employee=d.employee,
            )
            for d in drafts
        ],
        batch_size=BATCH_SIZE,
    )
    group = Group.objects.get_or_create(name=roles.EMPLOYEE)[0]
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=u.pk, group_id=group.pk) for u in users], batch_size=BATCH_SIZE
    )
    return len(users)


STAFF_ACCOUNTS = (
    ("admin", roles.BKD_ADMIN, "Admin BKD"),
    ("rekrutmen", roles.RECRUITMENT_OFFICER, "Petugas Rekrutmen"),
    ("penilaian", roles.APPRAISAL_OFFICER, "Petugas Penilaian"),
    ("pelatihan", roles.TRAINING_OFFICER, "Petugas Pelatihan"),
    ("disiplin", roles.REWARDS_OFFICER, "Petugas Disiplin"),
    ("gaji", roles.PAYROLL_OFFICER, "Petugas Gaji"),
    ("pengaduan", roles.COMPLAINTS_OFFICER, "Petugas Pengaduan"),
    ("operator", roles.OPD_OPERATOR, "Operator OPD"),
)


def staff_accounts_create(units: list[BuiltUnit], drafts: list[DraftEmployee]) -> list[DemoAccount]:
    """One account per staff role and the demo employee; existing usernames are left alone."""
    roots = [u.node for u in units if u.is_root]
    operator_unit = next((u for u in roots if u.code == OPERATOR_OPD), roots[0])
    taken = set(
        User.objects.filter(username__in=[a[0] for a in STAFF_ACCOUNTS]).values_list(
            "username", flat=True
        )
    )
    accounts = []
    for username, role, first_name in STAFF_ACCOUNTS:
        unit = operator_unit if role == roles.OPD_OPERATOR else None
        if username in taken:
            accounts.append(DemoAccount(username, role, "(unchanged)", "already existed"))
            continue
        user = staff_account_create(
            username=username, password=DEMO_PASSWORD, role=role, unit=unit, first_name=first_name
        )
        note = unit.name if unit else ""
        if role == roles.BKD_ADMIN:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
            note = "superuser"
        accounts.append(DemoAccount(username, role, DEMO_PASSWORD, note))
    employee = demo_employee_draft(drafts).employee
    accounts.append(DemoAccount(employee.nip, roles.EMPLOYEE, DEMO_PASSWORD, employee.full_name))
    return accounts


def demo_employee_draft(drafts: list[DraftEmployee]) -> DraftEmployee:
    """A PNS in a sub-unit with a spouse and children: the richest portal to show."""
    for draft in drafts:
        relations = {m.relation for m in draft.family}
        if (
            not draft.is_head
            and draft.employee.status == PNS
            and draft.employee.unit.kind == OrgUnit.Kind.SUBUNIT
            and relations == {FamilyMember.Relation.SPOUSE, FamilyMember.Relation.CHILD}
        ):
            return draft
    return next((d for d in drafts if not d.is_head), drafts[0])
