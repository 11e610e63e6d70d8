"""Seed the placeholder filing windows of keberatan and banding (14 calendar days each)."""

import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    RemedyPolicy = apps.get_model("rewards", "RemedyPolicy")
    RemedyPolicy.objects.get_or_create(
        effective_from=dt.date(2000, 1, 1), defaults={"objection_days": 14, "appeal_days": 14}
    )


class Migration(migrations.Migration):
    dependencies = [("rewards", "0005_remedy_policy")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
