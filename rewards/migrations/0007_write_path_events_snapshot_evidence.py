"""One write path: case and nomination events move to common.StatusEvent (copied, then the
old tables dropped); objections get their history too; decrees keep what they said when issued
(`Sanction.issued`, backfilled with the type before any objection changed it); cases keep the
attendance evidence and a complaint's public code; attendance proposals are unique per year."""

from django.db import migrations, models
from django.db.models import Q


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="rewards", model=model)[0]


def copy_events(apps, schema_editor):
    StatusEvent = apps.get_model("common", "StatusEvent")
    CaseEvent = apps.get_model("rewards", "CaseEvent")
    NominationEvent = apps.get_model("rewards", "NominationEvent")
    Objection = apps.get_model("rewards", "Objection")
    rows = []
    for model, events, key in (
        ("disciplinarycase", CaseEvent, "case_id"),
        ("nomination", NominationEvent, "nomination_id"),
    ):
        ct = _content_type(apps, model)
        for e in events.objects.order_by("at", "pk").iterator():
            rows.append(
                StatusEvent(
                    content_type=ct,
                    object_id=getattr(e, key),
                    from_status=e.from_status,
                    to_status=e.to_status,
                    by_id=e.by_id,
                    at=e.at,
                    note=e.note,
                )
            )
    ct = _content_type(apps, "objection")
    for o in Objection.objects.order_by("pk").iterator():
        rows.append(StatusEvent(content_type=ct, object_id=o.pk, to_status="pending", at=o.created_at))
        if o.outcome != "pending":
            rows.append(
                StatusEvent(
                    content_type=ct,
                    object_id=o.pk,
                    from_status="pending",
                    to_status=o.outcome,
                    at=o.created_at,
                    note=o.decision_number,
                )
            )
    StatusEvent.objects.bulk_create(rows, batch_size=1000)


def freeze_decrees(apps, schema_editor):
    Sanction = apps.get_model("rewards", "Sanction")
    Objection = apps.get_model("rewards", "Objection")
    first_kind = {}
    for o in Objection.objects.exclude(original_kind="").order_by("-decided_on", "-pk"):
        first_kind[o.sanction_id] = o.original_kind  # the earliest amendment wins
    levels = {
        "verbal_reprimand": "light",
        "written_reprimand": "light",
        "written_dissatisfaction": "light",
        "tpp_cut_6": "medium",
        "tpp_cut_9": "medium",
        "tpp_cut_12": "medium",
        "demotion": "heavy",
        "release": "heavy",
        "dismissal": "heavy",
    }
    sanctions = Sanction.objects.select_related(
        "case__employee__rank", "case__employee__position", "case__employee__unit"
    )
    for s in sanctions.iterator():
        case, employee = s.case, s.case.employee
        kind = first_kind.get(s.pk, s.kind)
        name = f"{employee.front_title} {employee.name}".strip()
        if employee.back_title:
            name = f"{name}, {employee.back_title}"
        rank = employee.rank
        rank_label = ""
        if rank is not None:
            rank_label = f"{rank.code} {rank.pangkat}".strip() if rank.pangkat else rank.code
        s.issued = {
            "decree_number": s.decree_number,
            "decree_date": s.decree_date.isoformat(),
            "level": levels[kind],
            "kind": kind,
            "official_name": s.official_name,
            "official_title": s.official_title,
            "employee_name": name,
            "employee_nip": employee.nip,
            "employee_rank": rank_label,
            "employee_position": employee.position.name if employee.position_id else "",
            "employee_unit": employee.unit.name if employee.unit_id else "",
            "violation": case.violation,
            "legal_article": case.legal_article,
        }
        s.save(update_fields=["issued"])


def mark_attendance_years(apps, schema_editor):
    """Attendance proposals so far: the report's year; a repeated proposal keeps no year."""
    DisciplinaryCase = apps.get_model("rewards", "DisciplinaryCase")
    seen = set()
    for case in DisciplinaryCase.objects.filter(source="attendance").order_by("pk"):
        key = (case.employee_id, case.reported_on.year, case.proposed_kind)
        if key in seen:
            continue
        seen.add(key)
        case.absence_year = case.reported_on.year
        case.save(update_fields=["absence_year"])


def forwards(apps, schema_editor):
    copy_events(apps, schema_editor)
    freeze_decrees(apps, schema_editor)
    mark_attendance_years(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0002_status_event"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("personnel", "0002_seed_ranks"),
        ("rewards", "0006_seed_remedy_policy"),
    ]

    operations = [
        migrations.AddField(
            model_name="disciplinarycase",
            name="absence_dates",
            field=models.JSONField(
                blank=True,
                default=list,
                editable=False,
                help_text="The attendance evidence behind a proposal: every unexcused day of the year.",
                verbose_name="dates of unexcused absence",
            ),
        ),
        migrations.AddField(
            model_name="disciplinarycase",
            name="absence_year",
            field=models.PositiveSmallIntegerField(
                blank=True, editable=False, null=True, verbose_name="year of the absences"
            ),
        ),
        migrations.AddField(
            model_name="disciplinarycase",
            name="complaint_code",
            field=models.CharField(
                blank=True,
                help_text="Tracking code of the public report the case comes from.",
                max_length=20,
                verbose_name="citizen complaint",
            ),
        ),
        migrations.AddField(
            model_name="sanction",
            name="issued",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                help_text="What the decree said when it was issued; never changed afterwards.",
                verbose_name="decree as issued",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="disciplinarycase",
            constraint=models.UniqueConstraint(
                condition=Q(("source", "attendance")),
                fields=("employee", "absence_year", "proposed_kind"),
                name="case_attendance_proposed_once",
                violation_error_message="This sanction was already proposed from this year's attendance.",
            ),
        ),
        migrations.DeleteModel(name="CaseEvent"),
        migrations.DeleteModel(name="NominationEvent"),
    ]
