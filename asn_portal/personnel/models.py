"""Personnel master data: organisation units, ranks, positions, employees and their histories."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from . import identifiers


class Sex(models.TextChoices):
    MALE = identifiers.MALE, _("Male")
    FEMALE = identifiers.FEMALE, _("Female")


class OrgUnit(MP_Node):
    """An organisation unit: an OPD (regional government unit) or a sub-unit, as a tree."""

    class Kind(models.TextChoices):
        OPD = "opd", _("OPD")
        SUBUNIT = "subunit", _("Sub-unit")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OPD)
    head_position = models.OneToOneField(
        "Position",
        verbose_name=_("head position"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_unit",
    )
    is_active = models.BooleanField(_("active"), default=True)

    node_order_by = ["code"]

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self):
        return self.name


class Rank(models.Model):
    """A golongan (rank): PNS I/a–IV/e with its pangkat name, or PPPK I–XVII."""

    class Scheme(models.TextChoices):
        PNS = "PNS", _("PNS")
        PPPK = "PPPK", _("PPPK")

    code = models.CharField(_("golongan"), max_length=10)
    scheme = models.CharField(_("scheme"), max_length=4, choices=Scheme.choices)
    group = models.CharField(_("group"), max_length=5, help_text=_("I, II, III or IV for PNS."))
    pangkat = models.CharField(_("pangkat"), max_length=60, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), help_text=_("Order within the scheme."))
    max_mkg = models.PositiveSmallIntegerField(_("maximum MKG (years)"), default=32)

    class Meta:
        verbose_name = _("rank (golongan)")
        verbose_name_plural = _("ranks (golongan)")
        ordering = ["scheme", "level"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="rank_unique_code"),
            models.UniqueConstraint(fields=["scheme", "level"], name="rank_unique_level"),
        ]

    def __str__(self):
        return f"{self.code} {self.pangkat}".strip() if self.pangkat else self.code


class Position(models.Model):
    """A jabatan (position): structural, functional or executor, with its kelas jabatan (1–17)."""

    class Kind(models.TextChoices):
        STRUCTURAL = "structural", _("Structural")
        FUNCTIONAL = "functional", _("Functional")
        EXECUTOR = "executor", _("Executor")

    class Level(models.TextChoices):
        JPT_MADYA = "jpt_madya", _("JPT Madya")
        JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        AHLI_UTAMA = "ahli_utama", _("Ahli Utama")
        AHLI_MADYA = "ahli_madya", _("Ahli Madya")
        AHLI_MUDA = "ahli_muda", _("Ahli Muda")
        AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
        PENYELIA = "penyelia", _("Penyelia")
        MAHIR = "mahir", _("Mahir")
        TERAMPIL = "terampil", _("Terampil")
        PELAKSANA = "pelaksana", _("Pelaksana")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=15, choices=Level.choices)
    kelas_jabatan = models.PositiveSmallIntegerField(
        _("kelas jabatan"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    retirement_age = models.PositiveSmallIntegerField(
        _("retirement age (BUP)"),
        default=58,
        validators=[MinValueValidator(58), MaxValueValidator(65)],
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        help_text=_("Empty for positions shared by all units (e.g. functional positions)."),
    )

    class Meta:
        verbose_name = _("position (jabatan)")
        verbose_name_plural = _("positions (jabatan)")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17),
                name="position_kelas_jabatan_1_17",
            ),
            models.CheckConstraint(
                condition=Q(retirement_age__in=[58, 60, 65]), name="position_retirement_age"
            ),
            models.UniqueConstraint(fields=["name", "unit"], name="position_unique_name_per_unit"),
        ]

    def __str__(self):
        return self.name


class Employee(models.Model):
    """An ASN (civil servant: PNS, CPNS or PPPK) with the current rank, position and unit.

    NIP is the civil-servant number, NIK the national ID number; TMT is an effective date and
    MKG the years and months of service in rank (masa kerja golongan). The current rank and
    position are kept here for fast reading and changed only through services, which also
    write the RankHistory and PositionHistory records.
    """

    class Status(models.TextChoices):
        CPNS = "CPNS", _("CPNS")
        PNS = "PNS", _("PNS")
        PPPK = "PPPK", _("PPPK")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        ON_LEAVE = "on_leave", _("On leave")
        RETIRED = "retired", _("Retired")
        RESIGNED = "resigned", _("Resigned")
        DISMISSED = "dismissed", _("Dismissed")
        DECEASED = "deceased", _("Deceased")

    class Education(models.TextChoices):
        SD = "SD", _("Primary school")
        SMP = "SMP", _("Junior high school")
        SMA = "SMA", _("Senior high school")
        D1 = "D1", _("Diploma I")
        D2 = "D2", _("Diploma II")
        D3 = "D3", _("Diploma III")
        D4 = "D4", _("Diploma IV")
        S1 = "S1", _("Bachelor (S1)")
        S2 = "S2", _("Master (S2)")
        S3 = "S3", _("Doctorate (S3)")

    class Marital(models.TextChoices):
        SINGLE = "single", _("Single")
        MARRIED = "married", _("Married")
        DIVORCED = "divorced", _("Divorced")
        WIDOWED = "widowed", _("Widowed")

    class Ptkp(models.TextChoices):
        TK0 = "TK/0", "TK/0"
        TK1 = "TK/1", "TK/1"
        TK2 = "TK/2", "TK/2"
        TK3 = "TK/3", "TK/3"
        K0 = "K/0", "K/0"
        K1 = "K/1", "K/1"
        K2 = "K/2", "K/2"
        K3 = "K/3", "K/3"

    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        validators=[RegexValidator(r"^\d{18}$", _("NIP must be 18 digits."))],
    )
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        unique=True,
        validators=[RegexValidator(r"^\d{16}$", _("NIK must be 16 digits."))],
    )
    name = models.CharField(_("name"), max_length=150, db_index=True)
    front_title = models.CharField(_("front title"), max_length=30, blank=True)
    back_title = models.CharField(_("back title"), max_length=60, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    birth_place = models.CharField(_("birth place"), max_length=100)
    status = models.CharField(_("status"), max_length=4, choices=Status.choices)
    state = models.CharField(
        _("employment state"), max_length=10, choices=State.choices, default=State.ACTIVE
    )
    tmt_cpns = models.DateField(_("TMT CPNS / appointment"))
    tmt_pns = models.DateField(_("TMT PNS"), null=True, blank=True)
    rank = models.ForeignKey(
        Rank, verbose_name=_("rank (golongan)"), on_delete=models.PROTECT, related_name="+"
    )
    rank_tmt = models.DateField(_("TMT rank"))
    mkg_years = models.PositiveSmallIntegerField(_("MKG years"), default=0)
    mkg_months = models.PositiveSmallIntegerField(
        _("MKG months"), default=0, validators=[MaxValueValidator(11)]
    )
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="holders"
    )
    position_tmt = models.DateField(_("TMT position"))
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employees"
    )
    supervisor_override = models.ForeignKey(
        "self",
        verbose_name=_("direct supervisor (override)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty to use the head of the unit (or of the parent unit)."),
    )
    education_level = models.CharField(
        _("education level"), max_length=3, choices=Education.choices
    )
    education_major = models.CharField(_("major"), max_length=150, blank=True)
    marital_status = models.CharField(
        _("marital status"), max_length=10, choices=Marital.choices, default=Marital.SINGLE
    )
    ptkp_status = models.CharField(
        _("tax status (PTKP)"), max_length=4, choices=Ptkp.choices, default=Ptkp.TK0
    )
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    bank_account = models.CharField(
        _("bank account number"),
        max_length=30,
        blank=True,
        validators=[RegexValidator(r"^\d{6,30}$", _("A bank account number has 6 to 30 digits."))],
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(mkg_months__lte=11), name="employee_mkg_months"),
            models.CheckConstraint(
                condition=~Q(supervisor_override=models.F("id")), name="employee_not_own_supervisor"
            ),
            models.CheckConstraint(
                condition=Q(status="PPPK", tmt_pns__isnull=True) | ~Q(status="PPPK"),
                name="employee_pppk_has_no_tmt_pns",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.nip})"

    @property
    def full_name(self) -> str:
        """Name with academic titles, as written on decrees: "Dr. Siti Aminah, S.E., M.M."."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def is_pppk(self) -> bool:
        return self.status == self.Status.PPPK

    def clean(self):
        errors: dict[str, list] = {}
        if self.nip and self.birth_date and self.sex and self.status:
            try:
                identifiers.validate_nip_for(
                    self.nip,
                    is_pppk=self.is_pppk,
                    sex=self.sex,
                    birth_date=self.birth_date,
                    tmt_cpns=None if self.is_pppk else self.tmt_cpns,
                )
            except ValidationError as exc:
                errors["nip"] = exc.messages
        if self.nik and self.birth_date and self.sex:
            try:
                identifiers.validate_nik_for(self.nik, sex=self.sex, birth_date=self.birth_date)
            except ValidationError as exc:
                errors["nik"] = exc.messages
        if self.status == self.Status.PPPK and self.tmt_pns:
            errors["tmt_pns"] = [_("A PPPK employee has no TMT PNS.")]
        if self.rank_id and self.status:
            scheme = Rank.Scheme.PPPK if self.is_pppk else Rank.Scheme.PNS
            if self.rank.scheme != scheme:
                errors["rank"] = [
                    _("The rank does not belong to the employee's status (PNS/PPPK).")
                ]
        if self.supervisor_override_id and self.supervisor_override_id == self.pk:
            errors["supervisor_override"] = [_("An employee cannot supervise themselves.")]
        if errors:
            raise ValidationError(errors)

    def retirement_date(self) -> dt.date:
        """BUP: the first day of the month after the retirement age is reached."""
        age = self.position.retirement_age
        year = self.birth_date.year + age
        month = self.birth_date.month + 1
        if month == 13:
            year, month = year + 1, 1
        return dt.date(year, month, 1)


class RankHistory(models.Model):
    """One rank (golongan) an employee held, from an SK (decree), kept as a record."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="rank_history"
    )
    rank = models.ForeignKey(
        Rank, verbose_name=_("rank"), on_delete=models.PROTECT, related_name="+"
    )
    tmt = models.DateField(_("TMT"))
    mkg_years = models.PositiveSmallIntegerField(_("MKG years"), default=0)
    mkg_months = models.PositiveSmallIntegerField(_("MKG months"), default=0)
    sk_number = models.CharField(_("SK number"), max_length=100, blank=True)
    sk_date = models.DateField(_("SK date"), null=True, blank=True)
    is_current = models.BooleanField(_("current"), default=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rank history")
        verbose_name_plural = _("rank history")
        ordering = ["employee", "-tmt"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"], condition=Q(is_current=True), name="rank_history_one_current"
            ),
        ]

    def __str__(self):
        return f"{self.rank} ({self.tmt})"


class PositionHistory(models.Model):
    """One position (jabatan) an employee held in a unit, from an SK, kept as a record."""

    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="position_history",
    )
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    tmt = models.DateField(_("TMT"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    sk_number = models.CharField(_("SK number"), max_length=100, blank=True)
    is_current = models.BooleanField(_("current"), default=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("position history")
        verbose_name_plural = _("position history")
        ordering = ["employee", "-tmt"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(is_current=True),
                name="position_history_one_current",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("tmt")),
                name="position_history_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.position} ({self.tmt})"


class FamilyMember(models.Model):
    """A spouse or child of an employee; payroll reads them for the family and food allowances."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="family"
    )
    relation = models.CharField(_("relation"), max_length=6, choices=Relation.choices)
    name = models.CharField(_("name"), max_length=150)
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        blank=True,
        validators=[RegexValidator(r"^\d{16}$", _("NIK must be 16 digits."))],
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    marriage_date = models.DateField(_("marriage date"), null=True, blank=True)
    is_studying = models.BooleanField(_("still studying"), default=False)
    is_married = models.BooleanField(_("married (child)"), default=False)
    has_income = models.BooleanField(_("has own income"), default=False)
    is_dependant = models.BooleanField(
        _("registered as dependant"),
        default=True,
        help_text=_("Listed on the payroll for family and food allowances."),
    )

    class Meta:
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        ordering = ["employee", "relation", "birth_date"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.nik and self.birth_date and self.sex:
            try:
                identifiers.validate_nik_for(self.nik, sex=self.sex, birth_date=self.birth_date)
            except ValidationError as exc:
                raise ValidationError({"nik": exc.messages}) from exc
