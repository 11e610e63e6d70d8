"""The PKN Tingkat II program with its eligibility rules from DOMAIN.md, editable by BKD staff."""

from django.db import migrations

PKN_II_RULES = [
    # (description, position_level, min_rank, min_months_in_rank, max_age)
    ("JPT Pratama", "jpt_pratama", None, None, None),
    ("Administrator, IV/a, 3 tahun 6 bulan dalam pangkat, usia maks. 55", "administrator", "IV/a", 42, 55),
    ("JF Ahli Madya, IV/a, 2 tahun 6 bulan dalam pangkat, usia maks. 55", "ahli_madya", "IV/a", 30, 55),
]


def seed(apps, schema_editor):
    Program = apps.get_model("training", "Program")
    Rule = apps.get_model("training", "EligibilityRule")
    Rank = apps.get_model("personnel", "Rank")
    program, created = Program.objects.get_or_create(
        code="PKN-II",
        defaults={
            "title": "Pelatihan Kepemimpinan Nasional Tingkat II",
            "kind": "pkn_ii",
            "competency_area": "Kepemimpinan",
            "jp": 600,
            "delivery": "blended",
            "provider": "Lembaga Administrasi Negara",
            "min_attendance_percent": 100,
        },
    )
    if not created:
        return
    for description, level, rank_code, months, age in PKN_II_RULES:
        Rule.objects.create(
            program=program,
            description=description,
            position_level=level,
            min_rank=Rank.objects.get(scheme="PNS", code=rank_code) if rank_code else None,
            min_months_in_rank=months,
            max_age=age,
        )


def unseed(apps, schema_editor):
    Program = apps.get_model("training", "Program")
    Program.objects.filter(code="PKN-II", sessions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
