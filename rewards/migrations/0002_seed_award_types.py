"""Seed the award types: Satyalancana Karya Satya X/XX/XXX (10/20/30 years) and the others."""

from django.db import migrations

SATYALANCANA = [
    ("slks-x", "Satyalancana Karya Satya X Tahun", 10),
    ("slks-xx", "Satyalancana Karya Satya XX Tahun", 20),
    ("slks-xxx", "Satyalancana Karya Satya XXX Tahun", 30),
]

OTHERS = [
    ("asn-berprestasi", "ASN Berprestasi", "outstanding"),
    ("inovasi", "Penghargaan Inovasi", "innovation"),
    ("piagam-penghargaan", "Piagam Penghargaan", "appreciation"),
    ("insentif-tunai", "Insentif Tunai", "cash"),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("rewards", "AwardType")
    for code, name, years in SATYALANCANA:
        AwardType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "category": "satyalancana",
                "min_service_years": years,
                "requires_clean_record": True,
                "once_per_employee": True,
                "is_active": True,
            },
        )
    for code, name, category in OTHERS:
        AwardType.objects.update_or_create(code=code, defaults={"name": name, "category": category})


def unseed(apps, schema_editor):
    AwardType = apps.get_model("rewards", "AwardType")
    codes = [row[0] for row in SATYALANCANA + OTHERS]
    AwardType.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("rewards", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
