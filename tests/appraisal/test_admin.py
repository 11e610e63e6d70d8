"""Admin for BKD appraisal officers: cycles with their periods, opening, settings validation."""

import pytest
from django.urls import reverse

from appraisal.models import Cycle, Plan
from asn_portal.accounts import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, db):
    client.force_login(factories.UserFactory(role=roles.APPRAISAL_OFFICER))
    return client


CYCLE_FORM = {
    "year": 2026,
    "frequency": "quarterly",
    "plan_due": "2026-01-31",
    "self_assessment_days": 3,
    "feedback_days": 5,
    "rating_days": 8,
    "reminder_days": "7,3,1",
    "escalation_days": 3,
    "periods-TOTAL_FORMS": 0,
    "periods-INITIAL_FORMS": 0,
}


def test_the_officer_creates_a_cycle_and_its_periods_appear(officer_client):
    response = officer_client.post(reverse("admin:appraisal_cycle_add"), CYCLE_FORM)

    assert response.status_code == 302
    assert Cycle.objects.get(year=2026).periods.count() == 5


def test_reminder_days_that_are_not_numbers_are_refused_with_a_message(officer_client):
    response = officer_client.post(
        reverse("admin:appraisal_cycle_add"), CYCLE_FORM | {"reminder_days": "7,tiga"}
    )

    assert response.status_code == 200
    assert "whole numbers of days" in response.content.decode()
    assert not Cycle.objects.exists()


def test_the_open_action_creates_every_skp(officer_client, org, django_capture_on_commit_callbacks):
    officer_client.post(reverse("admin:appraisal_cycle_add"), CYCLE_FORM)
    cycle = Cycle.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(
            reverse("admin:appraisal_cycle_changelist"),
            {"action": "open_cycles", "_selected_action": [cycle.pk], "confirmed": "yes"},
        )

    assert Cycle.objects.get().status == "open"
    assert Plan.objects.filter(cycle=cycle).count() == 7


def test_the_cycle_admin_is_closed_to_opd_operators(client, org):
    operator = factories.UserFactory(unit=org.units["A"], role=roles.OPD_OPERATOR)
    client.force_login(operator)

    assert client.get(reverse("admin:appraisal_cycle_changelist")).status_code == 403


def test_the_skp_changelist_runs_a_bounded_number_of_queries(
    officer_client, cycle, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = officer_client.get(reverse("admin:appraisal_plan_changelist"))

    assert response.status_code == 200


def test_the_admin_creates_a_cycle_through_the_service_and_records_its_first_status(client, db):
    from asn_portal.common.workflow import status_history

    officer = factories.UserFactory(role=roles.APPRAISAL_OFFICER)
    client.force_login(officer)
    client.post(reverse("admin:appraisal_cycle_add"), CYCLE_FORM)

    events = list(status_history(Cycle.objects.get(year=2026)))
    assert [(e.from_status, e.to_status, e.by) for e in events] == [("", "draft", officer)]


def test_a_unit_result_set_in_the_admin_goes_through_the_service_with_the_officer(
    client, cycle, org
):
    from auditlog.models import LogEntry

    from appraisal.models import UnitAssessment

    officer = factories.UserFactory(role=roles.APPRAISAL_OFFICER)
    client.force_login(officer)
    period = cycle.periods.get(kind="periodic", number=1)
    response = client.post(
        reverse("admin:appraisal_unitassessment_add"),
        {"period": period.pk, "unit": org.units["A1"].pk, "predikat": "istimewa", "note": ""},
    )

    result = UnitAssessment.objects.get()
    assert response.status_code == 302
    assert LogEntry.objects.get_for_object(result).get().actor == officer


def test_an_employee_cannot_open_the_unit_result_admin(client, org):
    client.force_login(org.staff[0].user)
    response = client.get(reverse("admin:appraisal_unitassessment_add"))
    assert response.status_code in (302, 403)
