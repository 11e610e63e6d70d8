"""SKP: drafting with cascading results, submission, approval or return, versions."""

import pytest
from django.core.exceptions import ValidationError

from appraisal import services
from appraisal.models import Plan, PlanVersion
from asn_portal.common.models import Notification

from .factories import PlanResultFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(cycle, org):
    """The plans of the chief (who has one result) and of the first staff member."""
    chief_plan = Plan.objects.get(cycle=cycle, employee=org.chief)
    staff_plan = Plan.objects.get(cycle=cycle, employee=org.staff[0])
    parent = PlanResultFactory(plan=chief_plan, description="Layanan SD meningkat")
    return chief_plan, staff_plan, parent


def add(plan, user, parent, **kw):
    return services.plan_result_add(
        plan=plan,
        by=user,
        description=kw.get("description", "Data guru mutakhir"),
        indicator="Persentase data guru yang mutakhir",
        target="100%",
        parent=parent,
    )


def test_a_result_cascades_from_one_of_the_supervisors_results(plans, org):
    _chief_plan, staff_plan, parent = plans

    result = add(staff_plan, org.staff[0].user, parent)

    assert result.parent == parent
    assert list(parent.children.all()) == [result]


def test_a_result_without_its_supervisors_result_is_refused(plans, org):
    _chief_plan, staff_plan, _parent = plans

    with pytest.raises(ValidationError, match="supervisor's result"):
        add(staff_plan, org.staff[0].user, None)


def test_a_result_cannot_cascade_from_someone_elses_result(plans, org, cycle):
    _chief_plan, staff_plan, _parent = plans
    foreign = PlanResultFactory(plan=Plan.objects.get(cycle=cycle, employee=org.outsider))

    with pytest.raises(ValidationError, match="only cascade"):
        add(staff_plan, org.staff[0].user, foreign)


def test_top_of_the_tree_needs_no_parent_result(cycle, org):
    head_plan = Plan.objects.get(cycle=cycle, employee=org.head)

    result = add(head_plan, org.head.user, None)

    assert result.parent is None


def test_only_the_employee_drafts_their_skp(plans, org):
    _chief_plan, staff_plan, parent = plans

    with pytest.raises(ValidationError, match="Only the employee"):
        add(staff_plan, org.staff[1].user, parent)


def test_an_empty_skp_cannot_be_submitted(plans, org):
    _chief_plan, staff_plan, _parent = plans

    with pytest.raises(ValidationError, match="at least one"):
        services.plan_submit(plan=staff_plan, by=org.staff[0].user)


def test_submitting_freezes_a_version_and_tells_the_supervisor(plans, org):
    _chief_plan, staff_plan, parent = plans
    add(staff_plan, org.staff[0].user, parent)

    services.plan_submit(plan=staff_plan, by=org.staff[0].user)

    version = PlanVersion.objects.get(plan=staff_plan)
    assert version.number == 1
    assert version.results[0]["description"] == "Data guru mutakhir"
    assert Notification.objects.filter(recipient=org.chief.user, title__contains="SKP").exists()


def test_a_submitted_skp_cannot_be_edited(plans, org):
    _chief_plan, staff_plan, parent = plans
    add(staff_plan, org.staff[0].user, parent)
    services.plan_submit(plan=staff_plan, by=org.staff[0].user)

    with pytest.raises(ValidationError, match="draft or returned"):
        add(staff_plan, org.staff[0].user, parent, description="Tambahan")


def test_the_supervisor_approves_a_submitted_skp(plans, org):
    _chief_plan, staff_plan, parent = plans
    add(staff_plan, org.staff[0].user, parent)
    services.plan_submit(plan=staff_plan, by=org.staff[0].user)

    plan = services.plan_approve(plan=staff_plan, by=org.chief.user)

    assert plan.status == Plan.Status.APPROVED
    assert PlanVersion.objects.get(plan=plan, number=1).decision == "approved"


@pytest.mark.parametrize("who", ["self", "peer", "grand_supervisor"])
def test_nobody_but_the_direct_supervisor_approves(plans, org, who):
    _chief_plan, staff_plan, parent = plans
    add(staff_plan, org.staff[0].user, parent)
    services.plan_submit(plan=staff_plan, by=org.staff[0].user)
    user = {"self": org.staff[0], "peer": org.staff[1], "grand_supervisor": org.head}[who].user

    with pytest.raises(ValidationError, match="direct supervisor"):
        services.plan_approve(plan=staff_plan, by=user)


def test_returning_needs_a_comment(plans, org):
    _chief_plan, staff_plan, parent = plans
    add(staff_plan, org.staff[0].user, parent)
    services.plan_submit(plan=staff_plan, by=org.staff[0].user)

    with pytest.raises(ValidationError, match="what should change"):
        services.plan_return(plan=staff_plan, by=org.chief.user, comment="  ")


def test_a_returned_skp_is_resubmitted_as_a_new_version(plans, org):
    _chief_plan, staff_plan, parent = plans
    add(staff_plan, org.staff[0].user, parent)
    services.plan_submit(plan=staff_plan, by=org.staff[0].user)
    services.plan_return(plan=staff_plan, by=org.chief.user, comment="Target terlalu rendah")
    add(staff_plan, org.staff[0].user, parent, description="Guru terlatih")

    services.plan_submit(plan=staff_plan, by=org.staff[0].user)

    versions = list(PlanVersion.objects.filter(plan=staff_plan).order_by("number"))
    assert [(v.number, v.decision, len(v.results)) for v in versions] == [
        (1, "returned", 1),
        (2, "", 2),
    ]
    assert versions[0].comment == "Target terlalu rendah"


def test_an_approved_skp_cannot_be_approved_again(plans, org):
    _chief_plan, staff_plan, parent = plans
    add(staff_plan, org.staff[0].user, parent)
    services.plan_submit(plan=staff_plan, by=org.staff[0].user)
    services.plan_approve(plan=staff_plan, by=org.chief.user)

    with pytest.raises(ValidationError, match="cannot change from"):
        services.plan_approve(plan=staff_plan, by=org.chief.user)


def test_a_result_others_cascade_from_cannot_be_removed(plans, org):
    chief_plan, staff_plan, parent = plans
    add(staff_plan, org.staff[0].user, parent)

    with pytest.raises(ValidationError, match="cascade from this one"):
        services.plan_result_delete(result=parent, by=org.chief.user)
