"""360° feedback: answering, and the anonymity threshold of peer and subordinate answers."""

import pytest
from django.core.exceptions import ValidationError

from appraisal import selectors, services
from appraisal.models import CoreValue, Evaluation, FeedbackRequest
from tests import factories

from .factories import answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief_evaluation(cycle, org):
    """The chief's January evaluation: four subordinates are asked."""
    return Evaluation.objects.get(employee=org.chief, period__number=1, period__kind="periodic")


def subordinate_requests(evaluation):
    return list(evaluation.feedback_requests.filter(group="subordinate").order_by("rater_id"))


def group(summary, name):
    return next(g for g in summary if g.group == name)


def test_two_subordinate_answers_show_no_aggregate_even_after_release(chief_evaluation):
    for request, score in zip(subordinate_requests(chief_evaluation)[:2], (5, 3), strict=True):
        answer(request, score)
    services.feedback_release(evaluation=chief_evaluation)

    subordinates = group(selectors.feedback_summary(chief_evaluation), "subordinate")

    assert (subordinates.enough, subordinates.visible, subordinates.averages) == (False, False, {})


def test_three_subordinate_answers_show_the_average_per_value_once_released(chief_evaluation):
    for request, score in zip(subordinate_requests(chief_evaluation)[:3], (5, 3, 4), strict=True):
        answer(request, score)
    services.feedback_release(evaluation=chief_evaluation)

    subordinates = group(selectors.feedback_summary(chief_evaluation), "subordinate")

    assert subordinates.visible is True
    assert subordinates.averages == dict.fromkeys(CoreValue.values, 4.0)


def test_the_aggregate_names_no_rater(chief_evaluation, org):
    for request in subordinate_requests(chief_evaluation)[:3]:
        answer(request, 4, comment="Komunikatif")
    services.feedback_release(evaluation=chief_evaluation)

    summary = selectors.feedback_summary(chief_evaluation, for_employee=True)

    assert all(e.name not in repr(summary) and e.nip not in repr(summary) for e in org.staff)
    assert group(summary, "subordinate").comments == ["Komunikatif"] * 3


def test_the_supervisor_answer_is_shown_as_soon_as_given(chief_evaluation, org):
    answer(chief_evaluation.feedback_requests.get(group="supervisor"), 5)

    supervisor = group(selectors.feedback_summary(chief_evaluation), "supervisor")

    assert supervisor.visible and supervisor.averages["loyal"] == 5.0


def test_every_value_needs_a_score_from_1_to_5(chief_evaluation, org):
    request = subordinate_requests(chief_evaluation)[0]
    scores = dict.fromkeys(CoreValue.values, 4) | {"loyal": 6}

    with pytest.raises(ValidationError, match="1 to 5"):
        services.feedback_answer(request=request, by=request.rater.user, scores=scores)


def test_a_rater_answers_only_once(chief_evaluation):
    request = subordinate_requests(chief_evaluation)[0]
    answer(request)

    with pytest.raises(ValidationError, match="already answered"):
        answer(request)


def test_only_the_rater_may_answer(chief_evaluation, org):
    request = subordinate_requests(chief_evaluation)[0]

    with pytest.raises(ValidationError, match="someone else"):
        services.feedback_answer(
            request=request,
            by=org.outsider.user,
            scores=dict.fromkeys(CoreValue.values, 3),
        )


def test_bkd_staff_add_a_rater(chief_evaluation, org):
    officer = factories.UserFactory(role="Petugas Penilaian Kinerja")

    request = services.feedback_rater_add(
        evaluation=chief_evaluation, rater=org.outsider, group="peer", by=officer
    )

    assert request.group == "peer"


def test_an_employee_cannot_change_the_raters(chief_evaluation, org):
    with pytest.raises(ValidationError, match="Only BKD staff"):
        services.feedback_rater_add(
            evaluation=chief_evaluation, rater=org.outsider, group="peer", by=org.chief.user
        )


def test_an_answered_request_cannot_be_removed(chief_evaluation):
    officer = factories.UserFactory(role="Petugas Penilaian Kinerja")
    request = answer(subordinate_requests(chief_evaluation)[0])

    with pytest.raises(ValidationError, match="answered"):
        services.feedback_rater_remove(request=request, by=officer)
    assert FeedbackRequest.objects.filter(pk=request.pk).exists()
