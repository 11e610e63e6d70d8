"""The unexcused-absence table of PP 94/2021 at every boundary, and the 10-consecutive-days rule."""

import pytest

from rewards.models import SanctionKind
from rewards.selectors import absence_sanction_proposal

K = SanctionKind


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, None),
        (2, None),
        (3, K.VERBAL_REPRIMAND),
        (4, K.WRITTEN_REPRIMAND),
        (6, K.WRITTEN_REPRIMAND),
        (7, K.WRITTEN_DISSATISFACTION),
        (10, K.WRITTEN_DISSATISFACTION),
        (11, K.TPP_CUT_6),
        (13, K.TPP_CUT_6),
        (14, K.TPP_CUT_9),
        (16, K.TPP_CUT_9),
        (17, K.TPP_CUT_12),
        (20, K.TPP_CUT_12),
        (21, K.DEMOTION),
        (24, K.DEMOTION),
        (25, K.RELEASE),
        (27, K.RELEASE),
        (28, K.DISMISSAL),
        (60, K.DISMISSAL),
    ],
)
def test_yearly_unexcused_days_propose_the_regulation_sanction(days, expected):
    assert absence_sanction_proposal(days, 0) == expected


def test_ten_consecutive_working_days_propose_dismissal_whatever_the_yearly_count():
    assert absence_sanction_proposal(10, 10) == K.DISMISSAL


def test_nine_consecutive_days_follow_the_yearly_table():
    assert absence_sanction_proposal(9, 9) == K.WRITTEN_DISSATISFACTION
