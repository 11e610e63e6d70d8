"""Employee import and export in SIASN-style columns (django-import-export).

Re-importing updates employees by NIP. A file with any bad row imports nothing: the preview
lists each row's errors and the import cannot be confirmed.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from . import services
from .models import Employee, OrgUnit, Position, Rank, Sex

DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y")


class FlexibleDateWidget(widgets.Widget):
    """Dates as dd-mm-yyyy (SIASN), yyyy-mm-dd or a spreadsheet date cell."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        for fmt in DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 a calendar date
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date (use dd-mm-yyyy).") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d-%m-%Y") if value else ""


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its value or any of its Indonesian words (e.g. "Laki-laki" → M)."""

    def __init__(self, choices, aliases: dict[str, str] | None = None):
        super().__init__()
        self.choices = choices
        self.aliases = {k.lower(): v for k, v in (aliases or {}).items()}

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        for choice_value, label in self.choices.choices:
            if text.lower() in (str(choice_value).lower(), str(label).lower()):
                return choice_value
        if text.lower() in self.aliases:
            return self.aliases[text.lower()]
        raise ValueError(_("“%(value)s” is not an accepted value.") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value or ""


class RankWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Rank, "code")

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        try:
            return Rank.objects.get(code__iexact=str(value).strip())
        except Rank.DoesNotExist as exc:
            raise ValueError(_("Unknown golongan “%(value)s”.") % {"value": value}) from exc


class UnitWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(OrgUnit, "code")

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        try:
            return OrgUnit.objects.get(code=str(value).strip())
        except OrgUnit.DoesNotExist as exc:
            raise ValueError(_("Unknown unit code “%(value)s”.") % {"value": value}) from exc


class PositionWidget(widgets.ForeignKeyWidget):
    """A position by name: the unit's own position of that name, else the shared one."""

    def __init__(self):
        super().__init__(Position, "name")

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        unit_code = str((row or {}).get("KODE UNOR") or "").strip()
        matches = Position.objects.filter(name__iexact=str(value).strip()).filter(
            Q(unit__code=unit_code) | Q(unit__isnull=True)
        )
        position = sorted(matches, key=lambda p: p.unit_id is None)[:1]
        if not position:
            raise ValueError(_("Unknown position “%(value)s” for this unit.") % {"value": value})
        return position[0]


SEX_ALIASES = {"L": "M", "P": "F", "Laki-laki": "M", "Perempuan": "F", "Pria": "M", "Wanita": "F"}
STATE_ALIASES = {
    "Aktif": "active",
    "Cuti": "on_leave",
    "CLTN": "on_leave",
    "Pensiun": "retired",
    "Berhenti": "resigned",
    "Mengundurkan diri": "resigned",
    "Diberhentikan": "dismissed",
    "Meninggal": "deceased",
    "Wafat": "deceased",
}
MARITAL_ALIASES = {
    "Belum Kawin": "single",
    "Kawin": "married",
    "Menikah": "married",
    "Cerai Hidup": "divorced",
    "Cerai Mati": "widowed",
}


def _col(attribute, header, widget=None):
    return fields.Field(
        attribute=attribute, column_name=header, widget=widget or widgets.CharWidget()
    )


class EmployeeResource(resources.ModelResource):
    nip = _col("nip", "NIP BARU")
    nik = _col("nik", "NIK")
    name = _col("name", "NAMA")
    front_title = _col("front_title", "GELAR DEPAN")
    back_title = _col("back_title", "GELAR BELAKANG")
    sex = _col("sex", "JENIS KELAMIN", ChoiceLabelWidget(Sex, SEX_ALIASES))
    birth_place = _col("birth_place", "TEMPAT LAHIR")
    birth_date = _col("birth_date", "TANGGAL LAHIR", FlexibleDateWidget())
    status = _col("status", "STATUS PEGAWAI", ChoiceLabelWidget(Employee.Status))
    state = _col("state", "KEDUDUKAN HUKUM", ChoiceLabelWidget(Employee.State, STATE_ALIASES))
    tmt_cpns = _col("tmt_cpns", "TMT CPNS", FlexibleDateWidget())
    tmt_pns = _col("tmt_pns", "TMT PNS", FlexibleDateWidget())
    rank = _col("rank", "GOL AKHIR", RankWidget())
    rank_tmt = _col("rank_tmt", "TMT GOLONGAN", FlexibleDateWidget())
    mkg_years = _col("mkg_years", "MK TAHUN", widgets.IntegerWidget())
    mkg_months = _col("mkg_months", "MK BULAN", widgets.IntegerWidget())
    unit = _col("unit", "KODE UNOR", UnitWidget())
    unit_name = fields.Field(attribute="unit__name", column_name="NAMA UNOR", readonly=True)
    position = _col("position", "JABATAN NAMA", PositionWidget())
    position_tmt = _col("position_tmt", "TMT JABATAN", FlexibleDateWidget())
    education_level = _col(
        "education_level", "TINGKAT PENDIDIKAN", ChoiceLabelWidget(Employee.Education)
    )
    education_major = _col("education_major", "PENDIDIKAN NAMA")
    marital_status = _col(
        "marital_status", "STATUS KAWIN", ChoiceLabelWidget(Employee.Marital, MARITAL_ALIASES)
    )
    ptkp_status = _col("ptkp_status", "PTKP", ChoiceLabelWidget(Employee.Ptkp))
    bank_name = _col("bank_name", "BANK")
    bank_account = _col("bank_account", "NOMOR REKENING")
    email = _col("email", "EMAIL")
    phone = _col("phone", "NOMOR HP")

    class Meta:
        model = Employee
        import_id_fields = ("nip",)
        fields = (
            "nip",
            "nik",
            "name",
            "front_title",
            "back_title",
            "sex",
            "birth_place",
            "birth_date",
            "status",
            "state",
            "tmt_cpns",
            "tmt_pns",
            "rank",
            "rank_tmt",
            "mkg_years",
            "mkg_months",
            "unit",
            "unit_name",
            "position",
            "position_tmt",
            "education_level",
            "education_major",
            "marital_status",
            "ptkp_status",
            "bank_name",
            "bank_account",
            "email",
            "phone",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def get_queryset(self):
        return Employee.objects.select_related("rank", "position", "unit")

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """All or nothing: a row that fails validation rolls back the whole file.

        django-import-export keeps the valid rows unless `rollback_on_validation_errors` is
        passed to each call (it is not a Meta option), so it is forced here.
        """
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Report each error under the file's column header ("GOL AKHIR"), not the field name."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as exc:
            columns = {f.attribute: f.column_name for f in self.get_import_fields()}
            raise ValidationError(
                {columns.get(key, key): errors for key, errors in exc.error_dict.items()}
            ) from exc

    def before_import_row(self, row, **kwargs):
        for key, value in list(row.items()):
            if isinstance(value, int | float) and key in ("NIP BARU", "NIK", "NOMOR REKENING"):
                row[key] = str(int(value))

    def do_instance_save(self, instance, is_create):
        """A new row is registered through `employee_create` (histories and portal login); an
        existing one is saved and its rank and position history brought up to date."""
        if not is_create:
            instance.save()
            services.employee_record_history(employee=instance)
            return
        fields = {
            f.attname: getattr(instance, f.attname)
            for f in Employee._meta.concrete_fields
            if not f.primary_key and f.attname not in ("created_at", "updated_at")
        }
        created = services.employee_create(**fields)
        instance.pk = created.pk
        instance._state.adding = False
