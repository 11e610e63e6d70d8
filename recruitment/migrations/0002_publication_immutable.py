"""Published snapshots are frozen below the ORM: UPDATE and DELETE are refused by triggers."""

from django.db import migrations

TABLES = ("recruitment_publication", "recruitment_publicationentry")

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION recruitment_publication_frozen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Published recruitment results are frozen; publish a new version instead.'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def install(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
            for table in TABLES:
                cursor.execute(
                    f"CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION recruitment_publication_frozen()"
                )
        elif connection.vendor == "sqlite":
            for table in TABLES:
                for action in ("UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER {table}_frozen_{action.lower()} BEFORE {action} "
                        f"ON {table} BEGIN SELECT RAISE(ABORT, 'Published recruitment results "
                        f"are frozen; publish a new version instead.'); END"
                    )


def uninstall(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS recruitment_publication_frozen()")
        elif connection.vendor == "sqlite":
            for table in TABLES:
                for action in ("update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_frozen_{action}")


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
