"""Reads of discipline and rewards that other apps (payroll, promotion, the portal) may use.

Effects of a sanction are derived here from the decision's dates, never copied elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from asn_portal.common.calendar import month_start
from asn_portal.personnel.models import Employee
from asn_portal.personnel.selectors import ACTIVE_STATES, active_employees

from .models import (
    PREDIKAT_ORDER,
    TPP_CUT_KINDS,
    AwardType,
    DisciplinaryCase,
    Examination,
    Nomination,
    Objection,
    RemedyPolicy,
    Sanction,
    SanctionKind,
    SanctionLevel,
)
from .periods import anniversary, completed_years

SERIOUS_LEVELS = (SanctionLevel.MEDIUM, SanctionLevel.HEAVY)

# Cumulative unexcused absence days in a year -> proposed sanction (PP 94/2021, as in DOMAIN.md):
# the first row whose minimum is reached, from the top.
ABSENCE_TABLE: tuple[tuple[int, str], ...] = (
    (28, SanctionKind.DISMISSAL),
    (25, SanctionKind.RELEASE),
    (21, SanctionKind.DEMOTION),
    (17, SanctionKind.TPP_CUT_12),
    (14, SanctionKind.TPP_CUT_9),
    (11, SanctionKind.TPP_CUT_6),
    (7, SanctionKind.WRITTEN_DISSATISFACTION),
    (4, SanctionKind.WRITTEN_REPRIMAND),
    (3, SanctionKind.VERBAL_REPRIMAND),
)
DISMISSAL_CONSECUTIVE_DAYS = 10


def absence_sanction_proposal(
    days_unexcused_in_year: int, consecutive_days: int = 0
) -> SanctionKind | None:
    """The sanction PP 94/2021 sets for unexcused absence, or None below 3 days.

    10 consecutive working days lead to dismissal whatever the yearly count. This only
    proposes: an officer examines the case and decides.
    """
    if consecutive_days >= DISMISSAL_CONSECUTIVE_DAYS:
        return SanctionKind.DISMISSAL
    for minimum, kind in ABSENCE_TABLE:
        if days_unexcused_in_year >= minimum:
            return SanctionKind(kind)
    return None


# Heaviest first: DISMISSAL, RELEASE, … VERBAL_REPRIMAND.
ABSENCE_SEVERITY: tuple[str, ...] = tuple(kind for _minimum, kind in ABSENCE_TABLE)


def absence_already_proposed(employee_id: int, year: int, kind: str) -> bool:
    """Whether the year's attendance already proposed `kind` or a heavier sanction."""
    heavier_or_same = ABSENCE_SEVERITY[: ABSENCE_SEVERITY.index(kind) + 1]
    return DisciplinaryCase.objects.filter(
        employee_id=employee_id,
        source=DisciplinaryCase.Source.ATTENDANCE,
        absence_year=year,
        proposed_kind__in=heavier_or_same,
    ).exists()


def _in_force_on(day: dt.date) -> Q:
    return Q(cancelled_on__isnull=True, effective_from__lte=day) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )


DEFAULT_REMEDY_POLICY = RemedyPolicy(
    effective_from=dt.date(2000, 1, 1), objection_days=14, appeal_days=14
)


def remedy_policy_on(day: dt.date) -> RemedyPolicy:
    """The filing windows in force on `day` (the placeholder defaults when none is recorded)."""
    return RemedyPolicy.objects.filter(effective_from__lte=day).first() or DEFAULT_REMEDY_POLICY


def filing_deadline(sanction: Sanction, kind: str) -> dt.date | None:
    """Last day to file an objection or appeal against the decision: the policy's calendar days
    after delivery, under the policy in force on the delivery day. None before delivery.
    """
    if sanction.delivered_on is None:
        return None
    policy = remedy_policy_on(sanction.delivered_on)
    days = policy.appeal_days if kind == Objection.Kind.APPEAL else policy.objection_days
    return sanction.delivered_on + dt.timedelta(days=days)


def sanctions_of(employee: Employee) -> QuerySet[Sanction]:
    """Every decision about the employee, cancelled ones included."""
    return Sanction.objects.filter(case__employee=employee).select_related("case")


def sanctions_in_force(employee: Employee, on_date: dt.date) -> QuerySet[Sanction]:
    """Decisions in force on the date: delivered, past their effective date, not ended or cancelled.

    A light sanction is in force on its effective day only; a dismissal never ends.
    """
    return sanctions_of(employee).filter(_in_force_on(on_date))


def tpp_cuts_for(employee_ids, year: int, month: int) -> dict[int, str]:
    """employee id -> why their TPP of the month is cut (the decree), for those cut; one query.

    A month is cut when a medium sanction is in force on its first day, so a 6/9/12-month
    sanction cuts exactly 6/9/12 monthly payments: from the month after it takes effect (or that
    month, when it takes effect on the 1st). A light sanction is in force on its effective day
    only; a decision cancelled on objection or appeal cuts nothing. How much is cut is payroll's
    versioned rate (`PayRules.sanction_cut_pct`), not a rule of discipline.
    """
    first_day = month_start(year, month)
    rows = (
        Sanction.objects.filter(
            _in_force_on(first_day), case__employee_id__in=employee_ids, kind__in=TPP_CUT_KINDS
        )
        .order_by("case__employee_id", "-decree_date", "-pk")
        .values_list("case__employee_id", "decree_number", "kind")
    )
    cuts: dict[int, str] = {}
    for employee_id, number, kind in rows:
        cuts.setdefault(
            employee_id,
            _("%(kind)s, decree %(number)s") % {"kind": SanctionKind(kind).label, "number": number},
        )
    return cuts


def tpp_cut_for(employee: Employee, year: int, month: int) -> str | None:
    """Why the employee's TPP of the month is cut, or None: `tpp_cuts_for` for one employee."""
    return tpp_cuts_for([employee.pk], year, month).get(employee.pk)


def is_blocked_from_rewards(employee: Employee, on_date: dt.date) -> bool:
    """Any sanction in force blocks rewards (issue 6; DOMAIN.md)."""
    return sanctions_in_force(employee, on_date).exists()


def is_blocked_from_promotion(employee: Employee, on_date: dt.date) -> bool:
    """A medium or heavy sanction in force blocks promotion and regular raises (DOMAIN.md)."""
    return sanctions_in_force(employee, on_date).filter(level__in=SERIOUS_LEVELS).exists()


def pay_kept_under_appeal(employee: Employee, on_date: dt.date) -> bool:
    """A dismissed ASN keeps their pay while their appeal to BPASN is pending (PP 79/2021).

    Pending on the date: filed by then and not decided before it, so past months read true.
    """
    appeals = Objection.objects.filter(
        Q(outcome=Objection.Outcome.PENDING) | Q(decided_on__gt=on_date),
        sanction=OuterRef("pk"),
        kind=Objection.Kind.APPEAL,
        filed_on__lte=on_date,
    )
    return (
        sanctions_in_force(employee, on_date)
        .filter(Exists(appeals), kind=SanctionKind.DISMISSAL)
        .exists()
    )


def serious_sanctions_ever(employee: Employee, on_date: dt.date) -> QuerySet[Sanction]:
    """Medium or heavy decisions dated on or before the date; cancelled ones do not count."""
    return sanctions_of(employee).filter(
        level__in=SERIOUS_LEVELS, decree_date__lte=on_date, cancelled_on__isnull=True
    )


def annual_predikat(employee: Employee, year: int) -> str | None:
    """The employee's yearly predikat, read from `appraisal` when it is installed."""
    if not apps.is_installed("appraisal"):
        return None
    from appraisal.selectors import predikat_for

    return predikat_for(employee=employee, year=year)


def award_eligibility(
    employee: Employee, award_type: AwardType, on_date: dt.date
) -> tuple[bool, str]:
    """Whether the employee may receive the award on the date, and the reason, for display."""
    if employee.state not in ACTIVE_STATES:
        return False, _("The employee is no longer in active service.")
    years = completed_years(employee.tmt_cpns, on_date)
    required = award_type.min_service_years
    if required is not None and years < required:
        return False, _(
            "%(years)d years of service from TMT CPNS; %(required)d years are required."
        ) % {"years": max(years, 0), "required": required}
    if award_type.requires_clean_record:
        serious = serious_sanctions_ever(employee, on_date).first()
        if serious is not None:
            return False, _(
                "The employee has had a medium or heavy disciplinary sanction (%(decree)s)."
            ) % {"decree": serious.decree_number}
    if is_blocked_from_rewards(employee, on_date):
        return False, _("A disciplinary sanction is in force.")
    if award_type.min_predikat:
        year = on_date.year - 1
        predikat = annual_predikat(employee, year)
        if predikat is None:
            return False, _("No predikat of %(year)d is recorded.") % {"year": year}
        worst = len(PREDIKAT_ORDER)
        rank = PREDIKAT_ORDER.index(predikat) if predikat in PREDIKAT_ORDER else worst
        if rank > PREDIKAT_ORDER.index(award_type.min_predikat):
            return False, _("The predikat of %(year)d is below “%(required)s”.") % {
                "year": year,
                "required": award_type.get_min_predikat_display(),
            }
    if (
        award_type.once_per_employee
        and Nomination.objects.filter(
            employee=employee, award_type=award_type, status=Nomination.Status.APPROVED
        ).exists()
    ):
        return False, _("The employee has already received this award.")
    if required is not None:
        return True, _("%(years)d years of service from TMT CPNS; requirements met.") % {
            "years": years
        }
    return True, _("Requirements met.")


def satyalancana_eligibility(
    employee: Employee, award_type: AwardType, on_date: dt.date
) -> tuple[bool, str]:
    """Satyalancana Karya Satya X/XX/XXX: 10/20/30 years of continuous service from TMT CPNS
    (the anniversary itself counts) and never a medium or heavy sanction.

    Service breaks (e.g. unpaid leave) are not recorded yet, so service counts from TMT CPNS.
    """
    if award_type.category != AwardType.Category.SATYALANCANA:
        raise ValueError("not a Satyalancana award type")
    return award_eligibility(employee, award_type, on_date)


@dataclass(frozen=True)
class SatyalancanaCandidate:
    employee: Employee
    award_type: AwardType
    eligible_on: dt.date


def satyalancana_candidates(year: int) -> list[SatyalancanaCandidate]:
    """Active employees completing 10/20/30 years from TMT CPNS in the year, never seriously
    sanctioned, who do not already hold or await that award. Three queries in all.
    """
    types = {
        t.min_service_years: t
        for t in AwardType.objects.filter(category=AwardType.Category.SATYALANCANA, is_active=True)
    }
    if not types:
        return []
    year_end = dt.date(year, 12, 31)
    serious = Sanction.objects.filter(
        case__employee=OuterRef("pk"),
        level__in=SERIOUS_LEVELS,
        decree_date__lte=year_end,
        cancelled_on__isnull=True,
    )
    employees = list(
        active_employees()
        .filter(tmt_cpns__year__in=[year - n for n in types])
        .exclude(Exists(serious))
        .order_by("unit__path", "name")
    )
    taken = set(
        Nomination.objects.filter(
            employee__in=[e.pk for e in employees], award_type__in=types.values()
        )
        .filter(Q(status=Nomination.Status.APPROVED) | Q(status__in=Nomination.OPEN, year=year))
        .values_list("employee_id", "award_type_id")
    )
    candidates = []
    for employee in employees:
        award_type = types[year - employee.tmt_cpns.year]
        if (employee.pk, award_type.pk) in taken:
            continue
        eligible_on = anniversary(employee.tmt_cpns, award_type.min_service_years)
        candidates.append(SatyalancanaCandidate(employee, award_type, eligible_on))
    return candidates


def cases_of(employee: Employee) -> QuerySet[DisciplinaryCase]:
    """The employee's own cases with their decisions, in one query (for the portal)."""
    return (
        DisciplinaryCase.objects.filter(employee=employee)
        .select_related("sanction")
        .order_by("-reported_on", "-pk")
    )


def cases_examined_by(employee: Employee) -> QuerySet[DisciplinaryCase]:
    """Open cases the employee is an examiner of, with the employee concerned, in one query."""
    return (
        DisciplinaryCase.objects.filter(
            status=DisciplinaryCase.Status.EXAMINATION,
            pk__in=Examination.objects.filter(examiners=employee).values("case_id"),
        )
        .select_related("employee", "employee__unit")
        .order_by("reported_on", "pk")
    )


def awards_of(employee: Employee) -> QuerySet[Nomination]:
    """Awards the employee received (approved nominations), newest first."""
    return (
        Nomination.objects.filter(employee=employee, status=Nomination.Status.APPROVED)
        .select_related("award_type")
        .order_by("-sk_date", "-pk")
    )


def public_awardees(year: int) -> list[dict]:
    """Awardees of a year for the public list: name, unit and award, no other personal data."""
    rows = (
        Nomination.objects.filter(year=year, status=Nomination.Status.APPROVED)
        .select_related("employee__unit", "award_type")
        .only(
            "employee__name",
            "employee__front_title",
            "employee__back_title",
            "employee__unit__name",
            "award_type__name",
        )
        .order_by("award_type__name", "employee__name")
    )
    return [
        {"name": n.employee.full_name, "unit": n.employee.unit.name, "award": n.award_type.name}
        for n in rows
    ]
