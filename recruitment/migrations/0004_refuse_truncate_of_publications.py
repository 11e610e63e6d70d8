"""TRUNCATE bypasses the row triggers of 0002: refuse it too on published results (Postgres).

A statement-level BEFORE TRUNCATE trigger on the publication tables raises while a publication
exists, unless the transaction explicitly allows it with
`SET LOCAL asn_portal.allow_truncate = on`. The test suite's flush between transactional tests
sets it (tests/conftest.py); production code never does.
"""

from django.db import migrations

TABLES = ("recruitment_publication", "recruitment_publicationentry")

FORWARD = """
CREATE OR REPLACE FUNCTION recruitment_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('asn_portal.allow_truncate', true), '') <> 'on'
        AND EXISTS (SELECT 1 FROM recruitment_publication)
    THEN
        RAISE EXCEPTION 'Published recruitment results are frozen: TRUNCATE of % refused',
            TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation',
                  HINT = 'SET LOCAL asn_portal.allow_truncate = on in the same transaction';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FORWARD, None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_refuse_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION recruitment_refuse_truncate();",
            None,
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_truncate ON {table};", None)
    schema_editor.execute("DROP FUNCTION IF EXISTS recruitment_refuse_truncate();", None)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0003_application_fillfactor")]

    operations = [migrations.RunPython(forward, backward)]
