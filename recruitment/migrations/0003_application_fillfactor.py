"""Leave room in each page of the application table so ranking updates stay HOT on Postgres.

Ranking rewrites the scores and ranks of every application of a selection; with free space on
the page Postgres updates the row in place without touching the indexes (a HOT update).
"""

from django.db import migrations


def set_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE recruitment_application SET (fillfactor = 70)")


def reset_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE recruitment_application RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0002_publication_immutable")]

    operations = [migrations.RunPython(set_fillfactor, reset_fillfactor)]
