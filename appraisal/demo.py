"""Demo data: an open appraisal cycle for the current year, with SKPs, evaluations and 360°
feedback in various states, for the demo regency seeded by `seed_demo`.

The cycle is quarterly; quarters that ended more than a quarter ago are closed, so the previous
quarter (being rated, some steps overdue), the current one and the annual evaluation are open.
Results, versions, realisations, ratings and answers are written in bulk, consistent with the
database constraints (the predikat always follows the matrix).
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Mod
from django.utils import timezone

from asn_portal.common import calendar
from asn_portal.personnel.models import OrgUnit

from . import services
from .models import (
    PREDIKAT_MATRIX,
    SCORE_FIELDS,
    Cycle,
    Evaluation,
    FeedbackRequest,
    Period,
    Plan,
    PlanResult,
    PlanVersion,
    Rating,
    Realisation,
    UnitAssessment,
    UnitPredikat,
)

RESULTS = [
    (
        "Layanan administrasi kepegawaian tepat waktu",
        "Persentase layanan selesai sesuai SOP",
        "95%",
    ),
    ("Dokumen perencanaan kegiatan tersusun", "Jumlah dokumen perencanaan", "4 dokumen"),
    ("Laporan realisasi anggaran akurat", "Jumlah laporan bulanan tanpa koreksi", "12 laporan"),
    ("Data pegawai unit mutakhir", "Persentase data SIASN yang mutakhir", "100%"),
    ("Pengaduan masyarakat ditindaklanjuti", "Persentase pengaduan selesai ≤ 5 hari kerja", "90%"),
    ("Arsip digital tertata", "Jumlah berkas yang didigitalkan", "500 berkas"),
]
BATCH = 2000
RETURN_COMMENT = "Target belum terukur; mohon dirinci."


@transaction.atomic
def seed_module_demo(*, seed: int, stdout) -> None:
    """Add the demo appraisal; does nothing when a cycle exists already."""
    if Cycle.objects.exists():
        stdout.write("Appraisal: a cycle exists, nothing added.")
        return
    rng = random.Random(seed)
    today = calendar.today()
    year = today.year
    cycle = services.cycle_create(
        year=year, frequency=Cycle.Frequency.QUARTERLY, plan_due=dt.date(year, 1, 31)
    )
    current_quarter = (today.month - 1) // 3 + 1
    cycle.periods.filter(kind=Period.Kind.PERIODIC, number__lt=current_quarter - 1).update(
        status=Period.Status.CLOSED
    )
    services.cycle_open(cycle=cycle, on_date=today)
    now = timezone.now()

    plans = list(Plan.objects.filter(cycle=cycle))
    states = {plan.pk: _plan_state(rng.random()) for plan in plans}
    results_of = _results(plans, states, rng)
    _plan_states(plans, states, results_of, now)

    # The previous quarter: most approved SKPs rated, some waiting on the supervisor or employee.
    previous = (
        cycle.periods.filter(kind=Period.Kind.PERIODIC, status=Period.Status.OPEN)
        .order_by("number")
        .first()
    )
    if previous is not None:
        _evaluate(previous, states, results_of, rng, now)
        _answer_feedback(previous, rng, now)
        UnitAssessment.objects.bulk_create(
            UnitAssessment(
                period=previous,
                unit=unit,
                predikat=rng.choice([UnitPredikat.ISTIMEWA, UnitPredikat.BAIK, UnitPredikat.BAIK]),
            )
            for unit in OrgUnit.objects.filter(depth=1).order_by("code")[:5]
        )
    stdout.write(
        f"Appraisal: cycle {year} opened with {len(plans)} SKPs, "
        f"{Evaluation.objects.filter(period__cycle=cycle).count()} evaluations."
    )


def _plan_state(roll: float) -> str:
    if roll < 0.65:
        return Plan.Status.APPROVED
    if roll < 0.8:
        return Plan.Status.SUBMITTED
    if roll < 0.9:
        return Plan.Status.RETURNED
    return Plan.Status.DRAFT


def _results(plans, states, rng) -> dict[int, list[PlanResult]]:
    """Two results per SKP (none for half the drafts), each cascaded from the supervisor's
    first result: created level by level down the hierarchy so the parents exist."""
    by_employee = {plan.employee_id: plan for plan in plans}
    levels: dict[int, int] = {}

    def level(plan) -> int:
        if plan.pk not in levels:
            levels[plan.pk] = 0  # guards against a supervisor cycle
            above = by_employee.get(plan.supervisor_id)
            levels[plan.pk] = level(above) + 1 if above else 0
        return levels[plan.pk]

    results_of: dict[int, list[PlanResult]] = {}
    for depth in sorted({level(plan) for plan in plans}):
        batch = []
        for plan in plans:
            if level(plan) != depth:
                continue
            if states[plan.pk] == Plan.Status.DRAFT and rng.random() < 0.5:
                continue
            above = by_employee.get(plan.supervisor_id)
            parents = results_of.get(above.pk) if above else None
            for order, (description, indicator, target) in enumerate(rng.sample(RESULTS, 2), 1):
                result = PlanResult(
                    plan=plan,
                    order=order,
                    description=description,
                    indicator=indicator,
                    target=target,
                    parent=parents[0] if parents else None,
                )
                results_of.setdefault(plan.pk, []).append(result)
                batch.append(result)
        PlanResult.objects.bulk_create(batch, batch_size=BATCH)
    return results_of


def _plan_states(plans, states, results_of, now) -> None:
    """Move the SKPs to their states (one update per state) and keep their first version."""
    versions, by_state = [], {}
    for plan in plans:
        status = states[plan.pk]
        if status == Plan.Status.DRAFT or plan.pk not in results_of:
            states[plan.pk] = Plan.Status.DRAFT
            continue
        by_state.setdefault(status, []).append(plan.pk)
        decided = status in (Plan.Status.APPROVED, Plan.Status.RETURNED)
        versions.append(
            PlanVersion(
                plan=plan,
                number=1,
                results=[
                    {"description": r.description, "indicator": r.indicator, "target": r.target}
                    for r in results_of[plan.pk]
                ],
                submitted_at=now,
                decision=status if decided else "",
                decided_at=now if decided else None,
                comment=RETURN_COMMENT if status == Plan.Status.RETURNED else "",
            )
        )
    PlanVersion.objects.bulk_create(versions, batch_size=BATCH)
    for status, pks in by_state.items():
        fields = {"status": status, "submitted_at": now}
        if status == Plan.Status.APPROVED:
            fields |= {"decided_at": now}
        if status == Plan.Status.RETURNED:
            fields |= {"decided_at": now, "comment": RETURN_COMMENT, "version": 2}
        Plan.objects.filter(pk__in=pks).update(**fields)


def _evaluate(period, states, results_of, rng, now) -> None:
    """Realisations for most approved SKPs; of those, most rated (one update per rating pair)."""
    ratings = [Rating.ABOVE, Rating.MEETS, Rating.MEETS, Rating.MEETS, Rating.BELOW]
    realisations, submitted, rated = [], [], {}
    evaluations = Evaluation.objects.filter(period=period).values_list(
        "pk", "plan_id", "supervisor_id"
    )
    for pk, plan_id, supervisor_id in evaluations:
        if states.get(plan_id) != Plan.Status.APPROVED:
            continue
        roll = rng.random()
        if roll < 0.15:
            continue  # still open: the employee has not submitted
        realisations += [
            Realisation(
                evaluation_id=pk,
                result=result,
                realisation=f"Tercapai {rng.randint(80, 110)}% dari target",
            )
            for result in results_of[plan_id]
        ]
        if roll >= 0.3 and supervisor_id:
            rated.setdefault((rng.choice(ratings), rng.choice(ratings)), []).append(pk)
        else:
            submitted.append(pk)
    Realisation.objects.bulk_create(realisations, batch_size=BATCH)
    Evaluation.objects.filter(pk__in=submitted).update(
        status=Evaluation.Status.SUBMITTED, submitted_at=now
    )
    for (results_rating, behaviour), pks in rated.items():
        Evaluation.objects.filter(pk__in=pks).update(
            status=Evaluation.Status.RATED,
            submitted_at=now,
            rating_results=results_rating,
            rating_behaviour=behaviour,
            predikat=PREDIKAT_MATRIX[(results_rating, behaviour)],
            results_feedback="Hasil kerja sesuai rencana.",
            rated_at=now,
        )


def _answer_feedback(period, rng, now) -> None:
    """About 70% of the quarter's 360° requests answered, scores 3–5 varying by request."""
    pks = FeedbackRequest.objects.filter(evaluation__period=period).values_list("pk", flat=True)
    answered = [pk for pk in pks if rng.random() < 0.7]
    scores = {name: Mod(F("id") * (step + 2), 3) + 3 for step, name in enumerate(SCORE_FIELDS)}
    for start in range(0, len(answered), BATCH):
        FeedbackRequest.objects.filter(pk__in=answered[start : start + BATCH]).update(
            answered_at=now, **scores
        )
