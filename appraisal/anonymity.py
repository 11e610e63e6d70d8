"""The 360° anonymity rules, as pure functions (no database).

The guarantee (README, "360° feedback"): peer and subordinate answers are released once, when
the feedback window closes, as one frozen result per group; before that nobody sees a number or
an exact count, only "enough / not yet enough". A group is shown only with at least
`ANONYMITY_THRESHOLD` answers, averages are banded to `BAND`, comments are shown only to the
employee, shuffled and never attributed. Peers are drawn at random (a recorded seed) from the
whole team when it has more candidates than raters needed; a group drawn from fewer than
`SMALL_POOL` people is told plainly that its raters are known.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

ANONYMITY_THRESHOLD = 3  # answers needed before a peer or subordinate group is shown
BAND = Decimal("0.5")  # shown averages are rounded to the nearest half point
MAX_PEERS = 4  # peers asked per employee and period; each peer is also asked about MAX_PEERS
SMALL_POOL = MAX_PEERS + 1  # below this many candidates everyone is asked: raters are known


def band(value: float) -> float:
    """An average rounded to the nearest `BAND` (half up): 3.74 → 3.5, 3.75 → 4.0."""
    steps = (Decimal(str(value)) / BAND).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(steps * BAND)


def peer_draw(pool: list[int], seed: str, k: int = MAX_PEERS) -> dict[int, list[int]]:
    """Who rates whom in one team: employee id → peer rater ids, from the pool and the seed.

    The team is shuffled with the seed and each member is rated by the next `k` members around
    the shuffled circle, so every member asks and is asked equally often, and the same seed and
    pool always give the same draw. With `k` or fewer candidates, everyone rates everyone.
    """
    order = sorted(pool)
    random.Random(seed).shuffle(order)
    size = len(order)
    steps = min(k, size - 1)
    return {
        employee: [order[(i + step) % size] for step in range(1, steps + 1)]
        for i, employee in enumerate(order)
    }


def is_small_pool(candidates: int) -> bool:
    """Whether a group's raters are known to the employee (everyone who could be asked was)."""
    return candidates < SMALL_POOL


def shuffled(comments: list[str], seed: str) -> list[str]:
    """Comments in an order that says nothing about who wrote them or when."""
    result = sorted(comments)
    random.Random(seed).shuffle(result)
    return result
