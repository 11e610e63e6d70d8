"""Factories and builders for the appraisal; core models come from tests/factories.py."""

from __future__ import annotations

import datetime as dt

import factory

from appraisal import services
from appraisal.models import Cycle, FeedbackRequest, Plan, PlanResult
from tests import factories


class CycleFactory(factory.django.DjangoModelFactory):
    """A draft cycle without periods; use `open_cycle` for one with its work created."""

    class Meta:
        model = Cycle
        django_get_or_create = ("year",)

    year = 2026
    frequency = Cycle.Frequency.MONTHLY
    plan_due = dt.date(2026, 2, 27)


class PlanResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanResult

    plan = None
    description = factory.Sequence(lambda n: f"Laporan kegiatan {n} tersusun")
    indicator = "Jumlah laporan"
    target = "12 laporan"


def open_cycle(*, year=2026, frequency=Cycle.Frequency.MONTHLY, on_date=None, units=(), **kw):
    """A cycle created and opened on `on_date` (default 10 Feb of the year)."""
    cycle = services.cycle_create(
        year=year,
        frequency=frequency,
        plan_due=kw.pop("plan_due", dt.date(year, 2, 27)),
        units=units,
        **kw,
    )
    services.cycle_open(cycle=cycle, on_date=on_date or dt.date(year, 2, 10))
    cycle.refresh_from_db()
    return cycle


def approved_plan(plan: Plan, *, results: int = 1) -> Plan:
    """Give the plan results and mark it approved, bypassing the flow (for evaluation tests)."""
    from django.utils import timezone

    for _ in range(results):
        PlanResultFactory(plan=plan)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED, decided_at=timezone.now())
    plan.refresh_from_db()
    return plan


def answer(request: FeedbackRequest, score: int = 4, comment: str = "") -> FeedbackRequest:
    """Answer a feedback request as its rater."""
    from appraisal.models import CoreValue

    user = (
        factories.EmployeeUserFactory(employee=request.rater)
        if not hasattr(request.rater, "user")
        else request.rater.user
    )
    return services.feedback_answer(
        request=request,
        by=user,
        scores=dict.fromkeys(CoreValue.values, score),
        comment=comment,
    )
