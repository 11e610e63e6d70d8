"""Payroll: versioned pay rules, attendance, monthly runs with explained payslips.

Every reference table carries an `effective_from` date: a month is computed with the rows in
force on its first day, so a past month recomputes with the rules it had. Money is whole rupiah
(integers). Runs go draft → checked → approved → paid; payslips and lines of approved or paid
runs are refused by a database trigger (migration 0003), not only by the services.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from asn_portal.common.workflow import Move, Workflow
from asn_portal.personnel.models import Employee, OrgUnit, Position

PCT = {"max_digits": 7, "decimal_places": 4}


class Scheme(models.TextChoices):
    PNS = "PNS", _("PNS (also CPNS)")
    PPPK = "PPPK", _("PPPK")


class BasicSalary(models.Model):
    """One cell of a gaji pokok (basic salary) table: golongan × MKG, in force from a date.

    PNS: PP 5/2024; PPPK: Perpres 11/2024. A cell applies from its MKG (masa kerja golongan,
    years of service in rank) up to the next listed MKG.
    """

    scheme = models.CharField(_("scheme"), max_length=4, choices=Scheme.choices)
    golongan = models.CharField(_("golongan"), max_length=10)
    mkg = models.PositiveSmallIntegerField(_("MKG (years)"))
    amount = models.PositiveIntegerField(_("amount (Rp)"))
    effective_from = models.DateField(_("effective from"))
    source = models.CharField(_("legal basis"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("gaji pokok cell")
        verbose_name_plural = _("gaji pokok table")
        ordering = ["scheme", "golongan", "mkg", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "golongan", "mkg", "effective_from"],
                name="payroll_basic_salary_unique",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payroll_basic_salary_positive"),
        ]

    def __str__(self):
        return f"{self.golongan} MKG {self.mkg}: {self.amount}"


class PayRules(models.Model):
    """The pay rules in force from a date: allowances, contributions and the TPP formula.

    Defaults come from DOMAIN.md ("Pay", "TPP"); rates are percentages. A region edits them
    by adding a row with a later effective date, never by changing a past row.
    """

    effective_from = models.DateField(_("effective from"), unique=True)
    note = models.CharField(_("legal basis / note"), max_length=200, blank=True)
    spouse_pct = models.DecimalField(_("spouse allowance (%)"), default=Decimal("10"), **PCT)
    child_pct = models.DecimalField(_("child allowance per child (%)"), default=Decimal("2"), **PCT)
    max_children = models.PositiveSmallIntegerField(_("children counted at most"), default=2)
    child_age_limit = models.PositiveSmallIntegerField(_("child age limit"), default=21)
    child_age_limit_studying = models.PositiveSmallIntegerField(
        _("child age limit while studying"), default=25
    )
    food_per_person = models.PositiveIntegerField(
        _("food allowance per person (Rp)"),
        default=72420,
        help_text=_("10 kg rice × Rp 7.242."),
    )
    general_allowance_i = models.PositiveIntegerField(
        _("general allowance group I"), default=175000
    )
    general_allowance_ii = models.PositiveIntegerField(
        _("general allowance group II"), default=180000
    )
    general_allowance_iii = models.PositiveIntegerField(
        _("general allowance group III"), default=185000
    )
    general_allowance_iv = models.PositiveIntegerField(
        _("general allowance group IV"), default=190000
    )
    bpjs_employee_pct = models.DecimalField(_("BPJS Kesehatan, employee (%)"), default=1, **PCT)
    bpjs_employer_pct = models.DecimalField(_("BPJS Kesehatan, employer (%)"), default=4, **PCT)
    bpjs_cap = models.PositiveIntegerField(_("BPJS Kesehatan base cap (Rp)"), default=12000000)
    taspen_tht_pct = models.DecimalField(_("Taspen THT (%)"), default=Decimal("3.25"), **PCT)
    taspen_pension_pct = models.DecimalField(
        _("Taspen pension (%)"), default=Decimal("4.75"), **PCT
    )
    taspen_for_pppk = models.BooleanField(_("Taspen deducted from PPPK"), default=False)
    tpp_performance_weight = models.DecimalField(_("TPP performance weight (%)"), default=60, **PCT)
    tpp_discipline_weight = models.DecimalField(_("TPP discipline weight (%)"), default=40, **PCT)
    factor_sangat_baik = models.DecimalField(_("factor: Sangat Baik (%)"), default=100, **PCT)
    factor_baik = models.DecimalField(_("factor: Baik (%)"), default=100, **PCT)
    factor_butuh_perbaikan = models.DecimalField(
        _("factor: Butuh Perbaikan (%)"), default=80, **PCT
    )
    factor_kurang = models.DecimalField(_("factor: Kurang/Misconduct (%)"), default=60, **PCT)
    factor_sangat_kurang = models.DecimalField(_("factor: Sangat Kurang (%)"), default=40, **PCT)
    factor_no_appraisal = models.DecimalField(_("factor: no appraisal (%)"), default=0, **PCT)
    late_1_30_pct = models.DecimalField(_("late 1–30 min (%)"), default=Decimal("0.5"), **PCT)
    late_31_60_pct = models.DecimalField(_("late 31–60 min (%)"), default=1, **PCT)
    late_61_90_pct = models.DecimalField(_("late 61–90 min (%)"), default=Decimal("1.25"), **PCT)
    late_over_90_pct = models.DecimalField(
        _("late > 90 min or no record (%)"), default=Decimal("1.5"), **PCT
    )
    missed_assembly_pct = models.DecimalField(_("missed Monday assembly (%)"), default=2, **PCT)
    absent_unexcused_pct = models.DecimalField(_("unexcused absent day (%)"), default=3, **PCT)
    sanction_cut_pct = models.DecimalField(
        _("TPP cut under a medium sanction (%)"),
        default=25,
        help_text=_(
            "The share of the month's TPP withheld while a sanction is in force on the 1st "
            "(the sanction comes from the discipline module)."
        ),
        **PCT,
    )
    cpns_pct = models.DecimalField(_("CPNS share of TPP (%)"), default=80, **PCT)

    class Meta:
        verbose_name = _("pay rules")
        verbose_name_plural = _("pay rules")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tpp_performance_weight__gte=0, tpp_discipline_weight__gte=0),
                name="payroll_rules_weights_not_negative",
            ),
        ]

    def __str__(self):
        return f"{_('Pay rules')} {self.effective_from:%d-%m-%Y}"


class TerCategory(models.TextChoices):
    """PPh 21 TER (tarif efektif rata-rata, average effective rate) categories, PP 58/2023."""

    A = "A", _("A (TK/0, TK/1, K/0)")
    B = "B", _("B (TK/2, TK/3, K/1, K/2)")
    C = "C", _("C (K/3)")


class TerBracket(models.Model):
    """One row of a monthly PPh 21 TER table (PMK 168/2023): gross up to `upper_bound` → rate.

    The top row has no upper bound.
    """

    category = models.CharField(_("category"), max_length=1, choices=TerCategory.choices)
    upper_bound = models.BigIntegerField(_("monthly gross up to (Rp)"), null=True, blank=True)
    rate_pct = models.DecimalField(_("rate (%)"), **PCT)
    effective_from = models.DateField(_("effective from"))

    class Meta:
        verbose_name = _("PPh 21 TER bracket")
        verbose_name_plural = _("PPh 21 TER brackets")
        ordering = ["category", "-effective_from", models.F("upper_bound").asc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "upper_bound", "effective_from"],
                name="payroll_ter_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(rate_pct__gte=0, rate_pct__lte=100), name="payroll_ter_rate_range"
            ),
        ]

    def __str__(self):
        return f"TER {self.category} ≤ {self.upper_bound or '∞'}: {self.rate_pct}%"


class TppAmount(models.Model):
    """The monthly TPP (regional merit-based incentive) for a kelas jabatan, set by Perkada.

    Rows without a unit apply everywhere; a row for an OPD carries the criteria of that place
    of duty (workload, place, working conditions, scarce profession) and overrides the general
    amount for the OPD's employees, sub-units included.
    """

    kelas_jabatan = models.PositiveSmallIntegerField(
        _("kelas jabatan"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("OPD"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for every unit; an OPD for an amount set by criteria of its place."),
    )
    amount = models.PositiveIntegerField(_("monthly amount (Rp)"))
    effective_from = models.DateField(_("effective from"))
    note = models.CharField(_("criteria / legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("TPP amount")
        verbose_name_plural = _("TPP amounts")
        ordering = ["kelas_jabatan", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["kelas_jabatan", "unit", "effective_from"],
                name="payroll_tpp_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17),
                name="payroll_tpp_kelas_1_17",
            ),
        ]

    def __str__(self):
        return f"{_('Kelas')} {self.kelas_jabatan}: {self.amount}"


class PositionAllowance(models.Model):
    """A structural or functional position allowance; its holder gets no general allowance."""

    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.CASCADE, related_name="+"
    )
    amount = models.PositiveIntegerField(_("monthly amount (Rp)"))
    effective_from = models.DateField(_("effective from"))

    class Meta:
        verbose_name = _("position allowance")
        verbose_name_plural = _("position allowances")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "effective_from"], name="payroll_position_allowance_unique"
            ),
        ]

    def __str__(self):
        return f"{self.position}: {self.amount}"


class Absence(models.TextChoices):
    NONE = "", _("Present")
    EXCUSED = "excused", _("Absent with reason")
    UNEXCUSED = "unexcused", _("Absent without reason")


class AttendanceRecord(models.Model):
    """One employee's day from the fingerprint system, imported per month."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    minutes_late = models.PositiveSmallIntegerField(_("minutes late"), default=0)
    minutes_early = models.PositiveSmallIntegerField(_("minutes left early"), default=0)
    absence = models.CharField(
        _("absence"), max_length=10, choices=Absence.choices, default="", blank=True
    )
    missed_assembly = models.BooleanField(_("missed assembly"), default=False)
    no_record = models.BooleanField(_("no fingerprint record"), default=False)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        ordering = ["employee", "date"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "date"], name="payroll_attendance_unique"),
        ]

    def __str__(self):
        return f"{self.employee_id} {self.date}"


class OtherDeduction(models.Model):
    """A recurring deduction ordered by the employee or a decision (cooperative, loan…)."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(_("description"), max_length=100)
    amount = models.PositiveIntegerField(_("monthly amount (Rp)"))
    first_month = models.DateField(_("first month"), help_text=_("First day of the month."))
    last_month = models.DateField(_("last month"), null=True, blank=True)

    class Meta:
        verbose_name = _("other deduction")
        verbose_name_plural = _("other deductions")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_month__isnull=True) | Q(last_month__gte=models.F("first_month")),
                name="payroll_other_deduction_period",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.amount}"


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CHECKED = "checked", _("Checked")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")


LOCKED_STATUSES = (RunStatus.APPROVED, RunStatus.PAID)


class ComputeState(models.TextChoices):
    IDLE = "idle", _("Not computed")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Computing")
    DONE = "done", _("Computed")
    FAILED = "failed", _("Failed")


RUN_OFFICER = "payroll.change_payrollrun"  # the permission to move a run through its workflow


def _computed(run, user):
    if run.compute_state != ComputeState.DONE:
        return _("Compute the payroll run before checking it.")
    return None


class PayrollRun(models.Model):
    """The payroll of one month for all units or some of them."""

    workflow = Workflow(
        Move(RunStatus.DRAFT, RunStatus.CHECKED, _("Mark as checked"), permission=RUN_OFFICER,
             condition=_computed),
        Move(RunStatus.CHECKED, RunStatus.DRAFT, _("Send back to draft"), permission=RUN_OFFICER),
        Move(RunStatus.CHECKED, RunStatus.APPROVED, _("Approve (locks the run)"),
             permission=RUN_OFFICER),
        Move(RunStatus.APPROVED, RunStatus.PAID, _("Mark as paid"), permission=RUN_OFFICER),
    )  # fmt: skip

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("units"),
        blank=True,
        related_name="+",
        help_text=_("Empty for all units; a unit includes its sub-units."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    compute_state = models.CharField(
        _("computation"), max_length=10, choices=ComputeState.choices, default=ComputeState.IDLE
    )
    progress_done = models.PositiveIntegerField(_("payslips computed"), default=0)
    progress_total = models.PositiveIntegerField(_("payslips to compute"), default=0)
    error_count = models.PositiveIntegerField(_("payslips with errors"), default=0)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payroll run")
        verbose_name_plural = _("payroll runs")
        ordering = ["-year", "-month", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="payroll_run_month_1_12"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in RunStatus]), name="payroll_run_status"
            ),
        ]

    def __str__(self):
        return f"{_('Payroll')} {self.month:02d}/{self.year} #{self.pk}"

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_STATUSES


class Payslip(models.Model):
    """One employee's pay for a run, with a snapshot of the data it was computed from."""

    run = models.ForeignKey(
        PayrollRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="payslips"
    )
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    nip = models.CharField(_("NIP"), max_length=18)
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=4)
    golongan = models.CharField(_("golongan"), max_length=10)
    mkg_years = models.PositiveSmallIntegerField(_("MKG years"), default=0)
    position_name = models.CharField(_("position"), max_length=200)
    ptkp_status = models.CharField(_("tax status (PTKP)"), max_length=4)
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    bank_account = models.CharField(_("bank account number"), max_length=30, blank=True)
    gross = models.BigIntegerField(_("gross (Rp)"), default=0)
    deductions = models.BigIntegerField(_("deductions (Rp)"), default=0)
    net = models.BigIntegerField(_("net (Rp)"), default=0)
    employer_contributions = models.BigIntegerField(_("employer contributions (Rp)"), default=0)
    tpp = models.BigIntegerField(_("TPP (Rp)"), default=0)
    pph21 = models.BigIntegerField(_("PPh 21 (Rp)"), default=0)
    error = models.TextField(_("error"), blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)

    class Meta:
        verbose_name = _("payslip")
        verbose_name_plural = _("payslips")
        ordering = ["run", "name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "employee"], name="payroll_payslip_unique"),
        ]
        indexes = [models.Index(fields=["employee", "run"], name="payroll_payslip_emp_run")]

    def __str__(self):
        return f"{self.name} ({self.nip})"


class LineKind(models.TextChoices):
    EARNING = "earning", _("Earning")
    DEDUCTION = "deduction", _("Deduction")
    EMPLOYER = "employer", _("Employer contribution")


class PayslipLine(models.Model):
    """One line of a payslip with its explanation: the inputs, the rule and its version."""

    # A copy of payslip.run for the lock trigger and fast per-run reads and deletes; no database
    # foreign key of its own (the payslip's already guarantees it), which saves one check per
    # line at commit: a run writes about ten lines per employee.
    run = models.ForeignKey(
        PayrollRun,
        verbose_name=_("run"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # Checked by a statement-level trigger (migration 0003) instead of a row-level foreign key:
    # one set-based check per insert instead of one lookup per line at commit.
    payslip = models.ForeignKey(
        Payslip,
        verbose_name=_("payslip"),
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="lines",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=30)
    kind = models.CharField(_("kind"), max_length=10, choices=LineKind.choices)
    label = models.CharField(_("label"), max_length=100)
    amount = models.BigIntegerField(_("amount (Rp)"))
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("payslip line")
        verbose_name_plural = _("payslip lines")
        ordering = ["payslip", "position"]

    def __str__(self):
        return f"{self.label}: {self.amount}"


class Adjustment(models.Model):
    """A correction of an approved payslip, paid or deducted in a later run, linked to it."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    original = models.ForeignKey(
        Payslip,
        verbose_name=_("corrected payslip"),
        on_delete=models.PROTECT,
        related_name="adjustments",
    )
    amount = models.BigIntegerField(
        _("amount (Rp)"), help_text=_("Positive: paid to the employee; negative: deducted.")
    )
    reason = models.CharField(_("reason"), max_length=300)
    applied_in = models.ForeignKey(
        PayrollRun,
        verbose_name=_("applied in run"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adjustments",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="payroll_adjustment_not_zero"),
        ]

    def __str__(self):
        return f"{self.employee_id}: {self.amount}"
