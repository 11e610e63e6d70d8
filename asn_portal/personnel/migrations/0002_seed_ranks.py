"""Golongan PNS I/a–IV/e with pangkat names, and PPPK golongan I–XVII (DOMAIN.md, Identifiers)."""

from django.db import migrations

PNS = [
    ("I/a", "I", "Juru Muda"),
    ("I/b", "I", "Juru Muda Tingkat I"),
    ("I/c", "I", "Juru"),
    ("I/d", "I", "Juru Tingkat I"),
    ("II/a", "II", "Pengatur Muda"),
    ("II/b", "II", "Pengatur Muda Tingkat I"),
    ("II/c", "II", "Pengatur"),
    ("II/d", "II", "Pengatur Tingkat I"),
    ("III/a", "III", "Penata Muda"),
    ("III/b", "III", "Penata Muda Tingkat I"),
    ("III/c", "III", "Penata"),
    ("III/d", "III", "Penata Tingkat I"),
    ("IV/a", "IV", "Pembina"),
    ("IV/b", "IV", "Pembina Tingkat I"),
    ("IV/c", "IV", "Pembina Utama Muda"),
    ("IV/d", "IV", "Pembina Utama Madya"),
    ("IV/e", "IV", "Pembina Utama"),
]
MAX_MKG = {"I": 27, "II": 33, "III": 32, "IV": 32}
PPPK = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII".split()


def seed(apps, schema_editor):
    Rank = apps.get_model("personnel", "Rank")
    for level, (code, group, pangkat) in enumerate(PNS, start=1):
        Rank.objects.update_or_create(
            scheme="PNS",
            code=code,
            defaults={"group": group, "pangkat": pangkat, "level": level, "max_mkg": MAX_MKG[group]},
        )
    for level, code in enumerate(PPPK, start=1):
        Rank.objects.update_or_create(
            scheme="PPPK",
            code=code,
            defaults={"group": code, "pangkat": "", "level": level, "max_mkg": 33},
        )


class Migration(migrations.Migration):
    dependencies = [("personnel", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
