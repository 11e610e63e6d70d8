"""TRUNCATE bypasses the row and statement triggers of 0003: refuse it too (Postgres).

A statement-level BEFORE TRUNCATE trigger on the run, payslip and line tables raises while an
approved or paid run exists, unless the transaction explicitly allows it with
`SET LOCAL asn_portal.allow_truncate = on`. The test suite's flush between transactional tests
sets it (tests/conftest.py); production code never does.
"""

from django.db import migrations

TABLES = ("payroll_payrollrun", "payroll_payslip", "payroll_payslipline")

FORWARD = """
CREATE OR REPLACE FUNCTION payroll_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('asn_portal.allow_truncate', true), '') <> 'on'
        AND EXISTS (SELECT 1 FROM payroll_payrollrun WHERE status IN ('approved', 'paid'))
    THEN
        RAISE EXCEPTION 'payroll holds approved or paid runs: TRUNCATE of % refused', TG_TABLE_NAME
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
            "FOR EACH STATEMENT EXECUTE FUNCTION payroll_refuse_truncate();",
            None,
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_truncate ON {table};", None)
    schema_editor.execute("DROP FUNCTION IF EXISTS payroll_refuse_truncate();", None)


class Migration(migrations.Migration):
    dependencies = [("payroll", "0003_lock_trigger")]

    operations = [migrations.RunPython(forward, backward)]
