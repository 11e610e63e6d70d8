"""Dashboard cards that modules add to the employee's portal.

A module registers a function `card(request, employee) -> Card | None` in its AppConfig.ready():

    from asn_portal.portal.cards import register
    register(my_card, order=20)

Each card function must run a bounded number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Card:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


_registry: list[tuple[int, Callable]] = []


def register(func: Callable, *, order: int = 100) -> None:
    if all(existing is not func for _order, existing in _registry):
        _registry.append((order, func))
        _registry.sort(key=lambda item: item[0])


def cards_for(request, employee) -> list[Card]:
    cards = []
    for order, func in _registry:
        card = func(request, employee)
        if card is not None:
            card.order = order
            cards.append(card)
    return cards
