"""Cycles and periods: creating the year's work for every active employee in one go."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from appraisal import services
from appraisal.models import Cycle, Evaluation, FeedbackRequest, Period, Plan
from asn_portal.personnel.models import Employee
from tests import factories

from .factories import open_cycle

pytestmark = pytest.mark.django_db


def test_a_monthly_cycle_has_twelve_months_and_an_annual_period(db):
    cycle = services.cycle_create(year=2026, frequency="monthly", plan_due=dt.date(2026, 2, 27))

    periods = list(cycle.periods.order_by("kind", "number"))
    assert [p.number for p in periods] == [0, *range(1, 13)]
    assert periods[0].kind == Period.Kind.ANNUAL
    assert (periods[2].start, periods[2].end) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))


def test_a_quarterly_cycle_has_four_quarters_and_an_annual_period(db):
    cycle = services.cycle_create(year=2026, frequency="quarterly", plan_due=dt.date(2026, 2, 27))

    quarters = list(cycle.periods.filter(kind="periodic").order_by("number"))
    assert [(q.start, q.end) for q in quarters] == [
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ]


def test_period_deadlines_are_working_days_after_the_period_end(db):
    # March 2026 ends on Tuesday the 31st; Friday 3 April is Good Friday.
    cycle = services.cycle_create(year=2026, frequency="monthly", plan_due=dt.date(2026, 2, 27))

    march = cycle.periods.get(kind="periodic", number=3)
    assert march.self_assessment_due == dt.date(2026, 4, 6)  # Wed 1, Thu 2, Mon 6
    assert march.feedback_due == dt.date(2026, 4, 8)  # ... Tue 7, Wed 8
    assert march.rating_due == dt.date(2026, 4, 13)  # ... Thu 9, Fri 10, Mon 13


def test_plan_due_outside_the_year_is_refused(db):
    with pytest.raises(ValidationError):
        services.cycle_create(year=2026, frequency="monthly", plan_due=dt.date(2027, 1, 5))


def test_opening_creates_one_skp_per_active_employee_with_the_supervisor(cycle, org):
    plans = {p.employee_id: p.supervisor_id for p in Plan.objects.filter(cycle=cycle)}

    assert plans[org.staff[0].pk] == org.chief.pk
    assert plans[org.chief.pk] == org.head.pk
    assert plans[org.head.pk] is None
    assert plans[org.outsider.pk] is None
    assert len(plans) == 7


def test_opening_skips_inactive_employees_and_units_not_chosen(org, time_machine):
    Employee.objects.filter(pk=org.staff[0].pk).update(state=Employee.State.RETIRED)

    cycle = open_cycle(units=[org.units["A"]])

    employees = set(Plan.objects.filter(cycle=cycle).values_list("employee_id", flat=True))
    assert org.staff[0].pk not in employees
    assert org.outsider.pk not in employees
    assert org.staff[1].pk in employees


def test_opening_opens_the_periods_that_have_started(cycle):
    open_periods = cycle.periods.filter(status="open")

    assert sorted(open_periods.values_list("number", flat=True)) == [0, 1, 2]
    assert Evaluation.objects.filter(period__in=open_periods).count() == 3 * 7


def test_an_open_cycle_cannot_be_opened_again(cycle):
    with pytest.raises(ValidationError):
        services.cycle_open(cycle=cycle)


def test_opening_a_period_twice_creates_nothing_twice(cycle):
    january = cycle.periods.get(number=1, kind="periodic")
    before = FeedbackRequest.objects.count()

    assert services.period_open(period=january) is False
    assert FeedbackRequest.objects.count() == before


def test_raters_are_self_supervisor_peers_and_subordinates(cycle, org):
    january = cycle.periods.get(number=1, kind="periodic")
    staff_eval = Evaluation.objects.get(period=january, employee=org.staff[0])
    chief_eval = Evaluation.objects.get(period=january, employee=org.chief)

    groups = sorted(staff_eval.feedback_requests.values_list("group", "rater_id"))
    peers = {r for g, r in groups if g == "peer"}
    assert ("self", org.staff[0].pk) in groups
    assert ("supervisor", org.chief.pk) in groups
    assert peers == {e.pk for e in org.staff[1:]}  # the three others who report to the chief
    subordinates = set(
        chief_eval.feedback_requests.filter(group="subordinate").values_list("rater_id", flat=True)
    )
    assert subordinates == {e.pk for e in org.staff}


def test_at_most_four_peers_are_asked_in_a_large_team(org, time_machine):
    for i in range(5):
        factories.EmployeeFactory(name=f"Staf tambahan {i}", unit=org.units["A1"])
    cycle = open_cycle()
    january = cycle.periods.get(number=1, kind="periodic")

    evaluation = Evaluation.objects.get(period=january, employee=org.staff[0])
    assert evaluation.feedback_requests.filter(group="peer").count() == 4


def test_the_database_refuses_a_second_skp_for_the_same_employee(cycle, org):
    with pytest.raises(IntegrityError):
        Plan.objects.create(cycle=cycle, employee=org.staff[0])


def test_closing_a_cycle_closes_its_periods(cycle):
    services.cycle_close(cycle=cycle)

    assert Cycle.objects.get(pk=cycle.pk).status == "closed"
    assert not cycle.periods.exclude(status="closed").exists()


def test_an_employee_who_joins_after_opening_is_enrolled_by_the_daily_job(cycle, org):
    from appraisal.reminders import appraisal_daily

    newcomer = factories.EmployeeFactory(name="Pegawai Baru", unit=org.units["A1"])

    appraisal_daily(on_date=dt.date(2026, 2, 11))

    plan = Plan.objects.get(cycle=cycle, employee=newcomer)
    assert plan.supervisor == org.chief
    assert Evaluation.objects.filter(plan=plan).count() == 3  # January, February, the year
    january = Evaluation.objects.get(plan=plan, period__number=1, period__kind="periodic")
    assert sorted(january.feedback_requests.values_list("group", flat=True)) == [
        "self",
        "supervisor",
    ]


def test_enrolling_twice_creates_nothing_twice(cycle, org):
    factories.EmployeeFactory(name="Pegawai Baru", unit=org.units["A1"])
    services.cycle_enrol_new(cycle=cycle)

    assert services.cycle_enrol_new(cycle=cycle) == 0


def test_an_open_period_is_closed(cycle):
    january = cycle.periods.get(number=1, kind="periodic")

    services.period_close(period=january)

    assert Period.objects.get(pk=january.pk).status == "closed"


def test_a_period_not_yet_open_cannot_be_closed(cycle):
    march = cycle.periods.get(number=3, kind="periodic")

    with pytest.raises(ValidationError, match="Only an open period"):
        services.period_close(period=march)


@pytest.fixture
def transferred(cycle, org):
    """The first staff member now reports to the head of Dinas A (an override after a move);
    their January evaluation was already rated, February's is still open."""
    from django.utils import timezone

    Evaluation.objects.filter(
        employee=org.staff[0], period__kind="periodic", period__number=1
    ).update(
        status="rated",
        rating_results="meets",
        rating_behaviour="meets",
        predikat="baik",
        rated_at=timezone.now(),
    )
    Employee.objects.filter(pk=org.staff[0].pk).update(supervisor_override=org.head)
    return services.cycle_supervisors_refresh(cycle=cycle)


def test_refreshing_supervisors_moves_the_skp_to_the_new_supervisor(transferred, cycle, org):
    assert transferred == 1
    assert Plan.objects.get(cycle=cycle, employee=org.staff[0]).supervisor == org.head


def test_refreshing_supervisors_moves_open_evaluations_and_their_360_request(
    transferred, cycle, org
):
    february = Evaluation.objects.get(
        employee=org.staff[0], period__kind="periodic", period__number=2
    )

    assert february.supervisor == org.head
    assert february.feedback_requests.get(group="supervisor").rater == org.head


def test_refreshing_supervisors_keeps_who_rated_a_rated_evaluation(transferred, cycle, org):
    january = Evaluation.objects.get(
        employee=org.staff[0], period__kind="periodic", period__number=1
    )

    assert january.supervisor == org.chief
