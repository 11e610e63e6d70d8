"""pg_trgm for duplicate suggestions; default categories and the SP4N-LAPOR! SLA (3/5/10)."""

import datetime as dt

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CATEGORIES = [
    "Pelayanan administrasi kependudukan",
    "Pendidikan",
    "Kesehatan",
    "Perizinan",
    "Infrastruktur dan pekerjaan umum",
    "Sosial",
    "Perilaku dan disiplin ASN",
    "Pungutan liar dan gratifikasi",
    "Lainnya",
]


def seed(apps, schema_editor):
    Category = apps.get_model("complaints", "Category")
    SlaPolicy = apps.get_model("complaints", "SlaPolicy")
    for order, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"order": order * 10})
    SlaPolicy.objects.get_or_create(
        effective_from=dt.date(2018, 1, 1),
        defaults={
            "verify_days": 3,
            "follow_up_days": 5,
            "auto_close_days": 10,
            "info_wait_days": 10,
            "reopen_days": 10,
            "remind_before_days": 1,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
