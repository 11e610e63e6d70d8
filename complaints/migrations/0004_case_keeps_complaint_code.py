"""Rewards keeps the report's public code on the case (a plain field), so it never reads
complaints: copy the code of every report already linked to a case."""

from django.db import migrations


def copy_codes(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    DisciplinaryCase = apps.get_model("rewards", "DisciplinaryCase")
    linked = Complaint.objects.filter(discipline_case__isnull=False).order_by("pk")
    for case_id, code in linked.values_list("discipline_case_id", "tracking_code"):
        DisciplinaryCase.objects.filter(pk=case_id, complaint_code="").update(complaint_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0003_complaint_contact_shared_with_opd"),
        ("rewards", "0007_write_path_events_snapshot_evidence"),
    ]

    operations = [migrations.RunPython(copy_codes, migrations.RunPython.noop)]
