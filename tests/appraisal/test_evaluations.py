"""Periodic evaluation: realisation, self-assessment, the supervisor's rating, acknowledgement."""

import pytest
from django.core.exceptions import ValidationError

from appraisal import services
from appraisal.models import Evaluation, FeedbackNote, Plan, UnitAssessment

from .factories import approved_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(cycle, org):
    """The first staff member's February evaluation, on an approved SKP with two results."""
    approved_plan(Plan.objects.get(cycle=cycle, employee=org.staff[0]), results=2)
    return Evaluation.objects.get(employee=org.staff[0], period__kind="periodic", period__number=2)


def record_all(evaluation, user):
    for result in evaluation.plan.results.all():
        services.realisation_save(
            evaluation=evaluation,
            result=result,
            by=user,
            realisation="Selesai 12 laporan",
            evidence_url="https://drive.example.go.id/laporan",
        )


def submitted(evaluation, org):
    record_all(evaluation, org.staff[0].user)
    return services.evaluation_submit(evaluation=evaluation, by=org.staff[0].user)


def rate(evaluation, user, results="meets", behaviour="above"):
    return services.evaluation_rate(
        evaluation=evaluation,
        by=user,
        rating_results=results,
        rating_behaviour=behaviour,
        results_feedback="Target tercapai",
    )


def test_the_employee_records_a_realisation_with_evidence(evaluation, org):
    record_all(evaluation, org.staff[0].user)

    assert evaluation.realisations.count() == 2
    assert evaluation.realisations.first().evidence_url.startswith("https://")


def test_a_realisation_needs_an_approved_skp(cycle, org):
    evaluation = Evaluation.objects.get(
        employee=org.staff[1], period__number=2, period__kind="periodic"
    )
    result = approved_plan(evaluation.plan).results.first()
    Plan.objects.filter(pk=evaluation.plan_id).update(status="draft")

    with pytest.raises(ValidationError, match="approved SKP"):
        services.realisation_save(
            evaluation=evaluation, result=result, by=org.staff[1].user, realisation="x"
        )


def test_the_self_assessment_needs_every_result_realised(evaluation, org):
    result = evaluation.plan.results.first()
    services.realisation_save(
        evaluation=evaluation, result=result, by=org.staff[0].user, realisation="Separuh"
    )

    with pytest.raises(ValidationError, match="every result"):
        services.evaluation_submit(evaluation=evaluation, by=org.staff[0].user)


def test_the_supervisor_rates_and_the_predikat_follows_the_matrix(evaluation, org):
    submitted(evaluation, org)

    rated = rate(evaluation, org.chief.user, results="meets", behaviour="above")

    assert (rated.status, rated.predikat) == ("rated", "baik")


@pytest.mark.parametrize("who", ["employee", "peer", "head_of_the_supervisor", "outsider"])
def test_only_the_direct_supervisor_rates(evaluation, org, who):
    submitted(evaluation, org)
    user = {
        "employee": org.staff[0],
        "peer": org.staff[1],
        "head_of_the_supervisor": org.head,
        "outsider": org.outsider,
    }[who].user

    with pytest.raises(ValidationError, match="direct supervisor"):
        rate(evaluation, user)


def test_rating_before_the_self_assessment_is_refused(evaluation, org):
    with pytest.raises(ValidationError, match="cannot change from"):
        rate(evaluation, org.chief.user)


def test_a_rating_needs_written_feedback(evaluation, org):
    submitted(evaluation, org)

    with pytest.raises(ValidationError, match="feedback"):
        services.evaluation_rate(
            evaluation=evaluation,
            by=org.chief.user,
            rating_results="meets",
            rating_behaviour="meets",
            results_feedback="",
        )


def test_a_unit_heads_rating_hasil_kerja_is_the_units_result(cycle, org):
    approved_plan(Plan.objects.get(cycle=cycle, employee=org.chief))
    evaluation = Evaluation.objects.get(
        employee=org.chief, period__number=2, period__kind="periodic"
    )
    UnitAssessment.objects.create(
        period=evaluation.period, unit=org.units["A1"], predikat="istimewa"
    )
    for result in evaluation.plan.results.all():
        services.realisation_save(
            evaluation=evaluation, result=result, by=org.chief.user, realisation="Tuntas"
        )
    services.evaluation_submit(evaluation=evaluation, by=org.chief.user)

    rated = rate(evaluation, org.head.user, results="below", behaviour="above")

    assert (rated.rating_results, rated.unit_result_applied) == ("above", True)
    assert rated.predikat == "sangat_baik"


def test_a_unit_result_does_not_touch_staff_who_do_not_head_the_unit(evaluation, org):
    UnitAssessment.objects.create(
        period=evaluation.period, unit=org.units["A1"], predikat="istimewa"
    )
    submitted(evaluation, org)

    rated = rate(evaluation, org.chief.user, results="below", behaviour="above")

    assert (rated.rating_results, rated.predikat) == ("below", "butuh_perbaikan")


def test_the_employee_acknowledges_the_result(evaluation, org):
    submitted(evaluation, org)
    rate(evaluation, org.chief.user)

    acknowledged = services.evaluation_acknowledge(evaluation=evaluation, by=org.staff[0].user)

    assert acknowledged.status == "acknowledged" and acknowledged.acknowledged_at


def test_continuous_feedback_notes_come_from_the_employee_or_supervisor(evaluation, org):
    services.feedback_note_add(evaluation=evaluation, by=org.chief.user, text="Bagus, lanjutkan")
    services.feedback_note_add(evaluation=evaluation, by=org.staff[0].user, text="Terima kasih")

    assert FeedbackNote.objects.filter(evaluation=evaluation).count() == 2


def test_a_peer_cannot_add_a_continuous_feedback_note(evaluation, org):
    with pytest.raises(ValidationError, match="Only the employee and the direct supervisor"):
        services.feedback_note_add(evaluation=evaluation, by=org.staff[1].user, text="Halo")


def test_nothing_is_recorded_in_a_closed_period(evaluation, org):
    evaluation.period.status = "closed"
    evaluation.period.save()

    with pytest.raises(ValidationError, match="not open"):
        record_all(evaluation, org.staff[0].user)
