"""360° anonymity against arithmetic (issue 11): the difference attack, counts, banding, the
recorded random draw of peers, and the honest notice to small teams."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from appraisal import selectors, services
from appraisal.anonymity import band, peer_draw
from appraisal.models import Evaluation, FeedbackRequest, PeerDraw
from tests import factories

from .factories import answer, open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief_evaluation(cycle, org):
    """The chief's January evaluation: four subordinates are asked."""
    return Evaluation.objects.get(employee=org.chief, period__number=1, period__kind="periodic")


def subordinates(evaluation):
    return list(evaluation.feedback_requests.filter(group="subordinate").order_by("rater_id"))


def seen(evaluation, client, user) -> tuple:
    """Everything the appraised employee can read of the 360°: the selector and the page."""
    summary = selectors.feedback_summary(evaluation, for_employee=True)
    client.force_login(user)
    page = client.get(reverse("appraisal:evaluation", args=[evaluation.pk])).content.decode()
    start = page.index('id="feedback-summary"')
    return repr(summary), page[start : page.index("</table>", start)]


def test_one_more_answer_changes_nothing_anyone_sees_before_the_release(
    chief_evaluation, org, client
):
    raters = subordinates(chief_evaluation)
    for request, score in zip(raters[:3], (5, 3, 4), strict=True):
        answer(request, score)
    before = seen(chief_evaluation, client, org.chief.user)
    answer(raters[3], 1)  # the difference attack: one more answer, then look again
    after = seen(chief_evaluation, client, org.chief.user)

    assert before == after
    summary = selectors.feedback_summary(chief_evaluation)
    assert all(g.averages == {} for g in summary if g.anonymous)


def test_after_the_release_every_view_shows_one_frozen_value(chief_evaluation, org, client):
    raters = subordinates(chief_evaluation)
    for request, score in zip(raters[:3], (5, 3, 4), strict=True):
        answer(request, score)
    services.feedback_release(evaluation=chief_evaluation)
    first = seen(chief_evaluation, client, org.chief.user)

    with pytest.raises(ValidationError, match="window has closed"):
        answer(raters[3], 1)
    FeedbackRequest.objects.filter(pk=raters[3].pk).update(  # even a row changed behind our back
        answered_at=raters[0].answered_at, **{f: 1 for f in selectors.SCORE_FIELDS}
    )
    services.feedback_release(evaluation=chief_evaluation)

    assert seen(chief_evaluation, client, org.chief.user) == first


def test_the_daily_job_releases_once_the_window_has_closed(chief_evaluation):
    for request in subordinates(chief_evaluation)[:3]:
        answer(request, 4)
    due = chief_evaluation.period.feedback_due

    assert services.feedback_release_due(on_date=due) == 0  # still open on the due day
    assert services.feedback_release_due(on_date=due.replace(day=due.day + 1)) >= 1
    assert services.feedback_release_due(on_date=due.replace(day=due.day + 1)) == 0
    assert group_of(chief_evaluation, "subordinate").averages["loyal"] == 4.0


def group_of(evaluation, name):
    return next(g for g in selectors.feedback_summary(evaluation) if g.group == name)


def test_counts_are_never_exact_for_peers_and_subordinates(chief_evaluation, org, client):
    for request in subordinates(chief_evaluation)[:2]:
        answer(request, 4)
    summary = selectors.feedback_summary(chief_evaluation)
    anonymous = [g for g in summary if g.anonymous]
    _, table = seen(chief_evaluation, client, org.chief.user)

    assert all(g.answered is None for g in anonymous)
    assert group_of(chief_evaluation, "subordinate").enough is False
    assert "2/4" not in table and "/4" not in table and "not yet enough" in table


@pytest.mark.parametrize(
    ("value", "shown"), [(3.74, 3.5), (3.75, 4.0), (4.25, 4.5), (1.0, 1.0), (4.333, 4.5)]
)
def test_averages_are_banded_to_half_points(value, shown):
    assert band(value) == shown


def test_comments_are_shown_only_to_the_employee_after_release(chief_evaluation, org):
    for request in subordinates(chief_evaluation)[:3]:
        answer(request, 4, comment=f"Catatan dari {request.rater.name}"[:12])
    assert group_of(chief_evaluation, "subordinate").comments == []
    services.feedback_release(evaluation=chief_evaluation)

    mine = selectors.feedback_summary(chief_evaluation, for_employee=True)
    theirs = selectors.feedback_summary(chief_evaluation, for_employee=False)
    assert len(next(g for g in mine if g.group == "subordinate").comments) == 3
    assert next(g for g in theirs if g.group == "subordinate").comments == []


def test_peers_are_drawn_at_random_from_a_large_team_and_the_draw_is_recorded(org, time_machine):
    for i in range(6):
        factories.EmployeeFactory(name=f"Staf tambahan {i}", unit=org.units["A1"])
    cycle = open_cycle()
    january = cycle.periods.get(number=1, kind="periodic")
    draw = PeerDraw.objects.get(period=january, supervisor=org.chief)

    replay = peer_draw(draw.pool, draw.seed)
    actual = {
        employee: sorted(
            FeedbackRequest.objects.filter(
                evaluation__period=january, evaluation__employee_id=employee, group="peer"
            ).values_list("rater_id", flat=True)
        )
        for employee in draw.pool
    }
    assert len(draw.pool) == 10 and all(len(raters) == 4 for raters in actual.values())
    assert actual == {employee: sorted(raters) for employee, raters in replay.items()}


def test_the_draw_depends_on_the_seed_not_on_the_order_of_nips():
    pool = list(range(1, 11))
    draws = {tuple(map(tuple, peer_draw(pool, seed).values())) for seed in ("a", "b", "c", "d")}
    assert peer_draw(pool, "a") == peer_draw(list(reversed(pool)), "a")
    assert len(draws) > 1


def test_a_small_team_is_told_on_the_form_and_on_the_results(chief_evaluation, org, client):
    peer_request = FeedbackRequest.objects.filter(
        rater=org.staff[1], group="peer", evaluation__period=chief_evaluation.period
    ).first()
    client.force_login(org.staff[1].user)
    form = client.get(reverse("appraisal:feedback", args=[peer_request.pk])).content.decode()
    client.force_login(org.chief.user)
    results = client.get(reverse("appraisal:evaluation", args=[chief_evaluation.pk]))

    assert 'id="small-team-notice"' in form and "not anonymous" in form
    assert "small-team-notice" in results.content.decode()


def test_a_large_team_is_not_told_it_is_small(org, time_machine):
    for i in range(6):
        factories.EmployeeFactory(name=f"Staf tambahan {i}", unit=org.units["A1"])
    cycle = open_cycle()
    evaluation = Evaluation.objects.get(period__cycle=cycle, period__number=1,
                                        period__kind="periodic", employee=org.staff[0])  # fmt: skip
    assert group_of(evaluation, "peer").small is False


def test_a_refused_user_cannot_open_someone_elses_feedback_form(chief_evaluation, org, client):
    request = subordinates(chief_evaluation)[0]
    client.force_login(org.outsider.user)
    assert client.get(reverse("appraisal:feedback", args=[request.pk])).status_code == 404
