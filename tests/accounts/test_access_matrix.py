"""The access matrix, cell by cell: each role opens (or is refused) a real page and selector of
each kind of personal data about one employee of Dinas A's sub-unit.

`EXPECTED` is written out here, independently of `ACCESS_MATRIX`, as the README table states it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from appraisal import selectors as appraisal_selectors
from appraisal.models import Evaluation, Plan
from asn_portal.accounts import roles
from asn_portal.personnel.access import (
    ACCESS_MATRIX,
    DataKind,
    Scope,
    can_access,
    employees_visible_to,
)
from complaints import permissions as complaint_permissions
from complaints.models import Classification
from payroll import services as payroll_services
from rewards import permissions as rewards_permissions
from tests import factories
from tests.appraisal.factories import approved_plan, open_cycle
from tests.complaints.factories import DisposedComplaintFactory
from tests.rewards.factories import DisciplinaryCaseFactory
from tests.training.factories import EnrolmentFactory
from training import selectors as training_selectors

pytestmark = pytest.mark.django_db

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
K = DataKind

# What each role sees of another employee (in the operator's unit subtree): "yes", "no", or
# "exists" (only that a record exists). Employees see only themselves: "no" for someone else.
EXPECTED: dict[str, dict[DataKind, str]] = {
    roles.BKD_ADMIN: dict.fromkeys(DataKind, "yes"),
    roles.RECRUITMENT_OFFICER: {**dict.fromkeys(DataKind, "no"), K.IDENTITY: "yes"},
    roles.APPRAISAL_OFFICER: {
        **dict.fromkeys(DataKind, "no"),
        K.IDENTITY: "yes",
        K.APPRAISAL: "yes",
        K.FEEDBACK_360: "yes",
    },
    roles.TRAINING_OFFICER: {**dict.fromkeys(DataKind, "no"), K.IDENTITY: "yes", K.TRAINING: "yes"},
    roles.REWARDS_OFFICER: {
        **dict.fromkeys(DataKind, "no"),
        K.IDENTITY: "yes",
        K.DISCIPLINE: "yes",
    },
    roles.PAYROLL_OFFICER: {**dict.fromkeys(DataKind, "no"), K.IDENTITY: "yes", K.PAYSLIP: "yes"},
    roles.COMPLAINTS_OFFICER: {
        **dict.fromkeys(DataKind, "no"),
        K.IDENTITY: "yes",
        K.REPORTER_IDENTITY: "yes",
    },
    # The reporter of the conduct report below did not share their contact with the OPD.
    roles.OPD_OPERATOR: {
        K.IDENTITY: "yes",
        K.APPRAISAL: "yes",
        K.FEEDBACK_360: "no",
        K.TRAINING: "yes",
        K.DISCIPLINE: "exists",
        K.PAYSLIP: "yes",
        K.REPORTER_IDENTITY: "no",
    },
    roles.EMPLOYEE: dict.fromkeys(DataKind, "no"),
}

CELLS = [(role, kind) for role in roles.ALL_ROLES for kind in DataKind]


@pytest.fixture
def world(unit_tree, time_machine):
    """Dinas A's head supervises Rina (sub-unit A.1), who has an SKP and evaluation, a training
    request, a disciplinary case, an approved payslip, and is named in a public conduct report
    disposed to Dinas A."""
    time_machine.move_to(dt.datetime(2026, 2, 10, 9, 0, tzinfo=JAKARTA), tick=False)
    a, a1 = unit_tree["A"], unit_tree["A1"]
    head = factories.EmployeeFactory(name="Kepala Dinas", unit=a, position=a.head_position)
    target = factories.EmployeeFactory(name="Rina Subjek", unit=a1)
    admin = factories.UserFactory(username="matrix-admin", role=roles.BKD_ADMIN)
    cycle = open_cycle()
    plan = approved_plan(Plan.objects.get(cycle=cycle, employee=target))
    evaluation = Evaluation.objects.get(employee=target, period__kind="periodic", period__number=2)
    run = payroll_services.run_create(year=2026, month=2, by=admin)
    payroll_services.run_compute(run=run)
    payroll_services.run_check(run=run, by=admin)
    payroll_services.run_approve(run=run, by=admin)
    complaint = DisposedComplaintFactory(
        disposed_unit=a,
        classification=Classification.COMPLAINT,
        asn_named=target.name,
        reporter_name="Saksi Pelapor",
        reporter_email="saksi.pelapor@example.com",
        reporter_phone="081234567890",
    )
    return {
        "units": unit_tree,
        "head": head,
        "target": target,
        "plan": plan,
        "evaluation": evaluation,
        "enrolment": EnrolmentFactory(employee=target),
        "case": DisciplinaryCaseFactory(employee=target),
        "run": run,
        "payslip": run.payslips.get(employee=target),
        "complaint": complaint,
    }


def user_for(role: str, world):
    if role == roles.EMPLOYEE:  # a colleague in the same sub-unit
        colleague = factories.EmployeeFactory(name="Rekan Kerja", unit=world["units"]["A1"])
        return factories.EmployeeUserFactory(employee=colleague)
    if role == roles.OPD_OPERATOR:
        return factories.UserFactory(unit=world["units"]["A"], role=role)
    return factories.UserFactory(role=role)


def client_for(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


def opens(client, url) -> bool:
    return client.get(url).status_code == 200


# --- One probe per kind: (what a full-access page shows, what the selector says) -------------


def probe_identity(client, user, world) -> dict:
    target = world["target"]
    return {
        "admin employee page": opens(
            client, reverse("admin:personnel_employee_change", args=[target.pk])
        ),
        "employees_visible_to": employees_visible_to(user, K.IDENTITY)
        .filter(pk=target.pk)
        .exists(),
    }


def probe_appraisal(client, user, world) -> dict:
    plan, evaluation = world["plan"], world["evaluation"]
    return {
        "SKP page": opens(client, reverse("appraisal:plan", args=[plan.pk])),
        "evaluation page": opens(client, reverse("appraisal:evaluation", args=[evaluation.pk])),
        "evaluation PDF": opens(client, reverse("appraisal:evaluation_pdf", args=[evaluation.pk])),
        "evaluations_visible_to": appraisal_selectors.evaluations_visible_to(user)
        .filter(pk=evaluation.pk)
        .exists(),
    }


def probe_feedback_360(client, user, world) -> dict:
    evaluation = world["evaluation"]
    response = client.get(reverse("appraisal:evaluation", args=[evaluation.pk]))
    shown = response.status_code == 200 and response.context["summary"] is not None
    return {
        "360° averages on the evaluation page": shown,
        "can_see_feedback": appraisal_selectors.can_see_feedback(user, evaluation),
    }


def probe_training(client, user, world) -> dict:
    enrolment = world["enrolment"]
    return {
        "enrolment page": opens(client, reverse("training:enrolment", args=[enrolment.pk])),
        "enrolments_visible_to": training_selectors.enrolments_visible_to(user)
        .filter(pk=enrolment.pk)
        .exists(),
    }


def probe_discipline(client, user, world) -> dict:
    case = world["case"]
    return {
        "case admin page": opens(
            client, reverse("admin:rewards_disciplinarycase_change", args=[case.pk])
        ),
        "cases_visible_to": rewards_permissions.cases_visible_to(user).filter(pk=case.pk).exists(),
    }


def probe_payslip(client, user, world) -> dict:
    response = client.get(reverse("payroll:unit_recap", args=[world["run"].pk]))
    return {
        "payroll recap covers the employee's unit": response.status_code == 200
        and world["units"]["A1"].name in response.content.decode(),
        "can_access": can_access(user, K.PAYSLIP, world["target"]),
    }


def probe_reporter_identity(client, user, world) -> dict:
    complaint = world["complaint"]
    response = client.get(reverse("admin:complaints_complaint_handle", args=[complaint.pk]))
    return {
        "handling page shows the email": complaint.reporter_email in response.content.decode(),
        "handling page shows the phone": complaint.reporter_phone in response.content.decode(),
        "can_see_identity": complaint_permissions.can_see_identity(user, complaint),
    }


PROBES = {
    K.IDENTITY: probe_identity,
    K.APPRAISAL: probe_appraisal,
    K.FEEDBACK_360: probe_feedback_360,
    K.TRAINING: probe_training,
    K.DISCIPLINE: probe_discipline,
    K.PAYSLIP: probe_payslip,
    K.REPORTER_IDENTITY: probe_reporter_identity,
}


def test_the_expected_table_covers_every_role_and_kind():
    assert set(EXPECTED) == set(roles.ALL_ROLES) == set(ACCESS_MATRIX)
    assert all(set(row) == set(DataKind) for row in EXPECTED.values())


@pytest.mark.parametrize(("role", "kind"), CELLS, ids=[f"{r}-{k}" for r, k in CELLS])
def test_each_role_sees_each_kind_of_another_employees_data_only_as_the_matrix_says(
    world, role, kind
):
    user = user_for(role, world)
    expected = EXPECTED[role][kind]

    seen = PROBES[kind](client_for(user), user, world)

    wanted = expected == "yes"
    assert seen == dict.fromkeys(seen, wanted), f"{role} × {kind}: expected {expected}"


ADMIN_PAGES = {
    K.FEEDBACK_360: lambda w: reverse("admin:appraisal_feedbackrequest_changelist"),
    K.TRAINING: lambda w: reverse("admin:training_enrolment_change", args=[w["enrolment"].pk]),
    K.PAYSLIP: lambda w: reverse("admin:payroll_payslip_change", args=[w["payslip"].pk]),
}
ADMIN_CELLS = [(role, kind) for role in roles.ALL_ROLES for kind in ADMIN_PAGES]


@pytest.mark.parametrize(("role", "kind"), ADMIN_CELLS, ids=[f"{r}-{k}" for r, k in ADMIN_CELLS])
def test_module_admin_pages_open_only_to_region_wide_roles(world, role, kind):
    user = user_for(role, world)

    opened = opens(client_for(user), ADMIN_PAGES[kind](world))

    assert opened == (role in (roles.BKD_ADMIN, *REGION_WIDE[kind]))


REGION_WIDE = {
    K.FEEDBACK_360: (roles.APPRAISAL_OFFICER,),
    K.TRAINING: (roles.TRAINING_OFFICER,),
    K.PAYSLIP: (roles.PAYROLL_OFFICER,),
}


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_only_a_role_with_existence_access_learns_that_a_case_exists(world, role):
    user = user_for(role, world)

    response = client_for(user).get(reverse("rewards:unit_cases"))
    listed = response.status_code == 200 and world["target"].nip in response.content.decode()
    existence = rewards_permissions.case_existence_visible_to(user)

    assert listed == (EXPECTED[role][K.DISCIPLINE] == "exists")
    assert existence.filter(pk=world["case"].pk).exists() == listed


@pytest.mark.parametrize("kind", [k for k in DataKind if k != K.REPORTER_IDENTITY])
def test_an_operator_of_another_unit_sees_nothing_of_the_employee(world, kind):
    operator_b = factories.UserFactory(unit=world["units"]["B"], role=roles.OPD_OPERATOR)

    seen = PROBES[kind](client_for(operator_b), operator_b, world)

    assert not any(seen.values()), seen


def test_an_operator_of_another_unit_does_not_see_the_reporter(world):
    operator_b = factories.UserFactory(unit=world["units"]["B"], role=roles.OPD_OPERATOR)
    world["complaint"].contact_shared_with_opd = True
    world["complaint"].save()

    seen = probe_reporter_identity(client_for(operator_b), operator_b, world)

    assert not any(seen.values()), seen


@pytest.mark.parametrize("kind", list(DataKind))
def test_anonymous_visitors_see_nothing(world, kind):
    seen = PROBES[kind](client_for(None), AnonymousUser(), world)

    assert not any(seen.values()), seen


# --- The employee's own data and a supervisor's direct reports ----------------------------------


def test_the_employee_sees_their_own_data_of_every_kind_but_not_as_a_reporter(world):
    owner = factories.EmployeeUserFactory(employee=world["target"])
    client = client_for(owner)

    assert employees_visible_to(owner, K.IDENTITY).get() == world["target"]
    assert client.get(reverse("portal:dashboard")).status_code == 200
    assert probe_appraisal(client, owner, world)["SKP page"]
    assert all(probe_feedback_360(client, owner, world).values())
    assert all(probe_training(client, owner, world).values())
    assert rewards_permissions.cases_visible_to(owner).filter(pk=world["case"].pk).exists()
    assert opens(client, reverse("payroll:my_payslip", args=[world["payslip"].pk]))
    assert not complaint_permissions.can_see_identity(owner, world["complaint"])


def test_the_supervisor_sees_a_direct_reports_evaluation_with_360_averages(world):
    supervisor = factories.EmployeeUserFactory(employee=world["head"])
    client = client_for(supervisor)

    assert all(probe_appraisal(client, supervisor, world).values())
    assert all(probe_feedback_360(client, supervisor, world).values())
    assert not can_access(supervisor, K.PAYSLIP, world["target"])


def test_an_officer_who_is_also_an_employee_keeps_only_their_module_beyond_themselves(world):
    officer = factories.EmployeeUserFactory(
        employee=factories.EmployeeFactory(unit=world["units"]["B"]), role=roles.PAYROLL_OFFICER
    )

    assert can_access(officer, K.PAYSLIP, world["target"])
    assert not can_access(officer, K.APPRAISAL, world["target"])
    assert can_access(officer, K.APPRAISAL, officer.employee)


def test_a_superuser_counts_as_bkd_administrator(world):
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)

    assert all(can_access(superuser, kind, world["target"]) for kind in DataKind)


def test_matrix_scopes_are_ordered_from_nothing_to_region_wide():
    assert Scope.NONE < Scope.SELF < Scope.EXISTENCE < Scope.CONSENTED < Scope.UNIT < Scope.ALL
