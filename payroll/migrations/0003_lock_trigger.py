"""Approved and paid runs are immutable in the database itself (Postgres triggers).

Statement-level triggers with transition tables refuse any UPDATE or DELETE that touches a
payslip or a line of an approved or paid run, and any INSERT into such a run, whatever the path
(ORM save, queryset update, bulk_update, raw SQL). The run row itself may only move
approved → paid; every other change of a locked run, and its deletion, is refused.

The same triggers keep lines attached to a payslip of the same run, set-based (one hash join
per statement instead of a row-level foreign key check per line at commit), and refuse deleting
a payslip that still has lines. Skipped on SQLite (development only).
"""

from django.db import migrations

LOCKED = "('approved', 'paid')"

FORWARD = f"""
CREATE OR REPLACE FUNCTION payroll_refuse_locked_rows() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM (SELECT DISTINCT run_id FROM old_rows) o
        JOIN payroll_payrollrun r ON r.id = o.run_id WHERE r.status IN {LOCKED}
    ) THEN
        RAISE EXCEPTION 'payroll run is approved or paid: % on % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_TABLE_NAME = 'payroll_payslip' AND TG_OP = 'DELETE' THEN
        IF EXISTS (
            SELECT 1 FROM payroll_payslipline l JOIN old_rows o ON l.payslip_id = o.id
        ) THEN
            RAISE EXCEPTION 'a payslip with lines cannot be deleted before its lines'
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION payroll_check_new_rows() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM (SELECT DISTINCT run_id FROM new_rows) n
        JOIN payroll_payrollrun r ON r.id = n.run_id WHERE r.status IN {LOCKED}
    ) THEN
        RAISE EXCEPTION 'payroll run is approved or paid: % on % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_TABLE_NAME = 'payroll_payslipline' THEN
        IF EXISTS (
            SELECT 1 FROM new_rows n
            LEFT JOIN payroll_payslip p ON p.id = n.payslip_id AND p.run_id = n.run_id
            WHERE p.id IS NULL
        ) THEN
            RAISE EXCEPTION 'a payslip line must belong to a payslip of the same run'
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION payroll_refuse_locked_run() RETURNS trigger AS $$
BEGIN
    IF OLD.status IN {LOCKED} THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'payroll run % is approved or paid: DELETE refused', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NOT (
            OLD.status = 'approved' AND NEW.status = 'paid'
            AND (to_jsonb(NEW) - 'status' - 'paid_at') = (to_jsonb(OLD) - 'status' - 'paid_at')
        ) THEN
            RAISE EXCEPTION 'payroll run % is approved or paid: UPDATE refused', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

TABLES = ("payroll_payslip", "payroll_payslipline")
TRIGGERS = []
for table in TABLES:
    TRIGGERS += [
        f"CREATE TRIGGER {table}_locked_delete AFTER DELETE ON {table} "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION payroll_refuse_locked_rows();",
        f"CREATE TRIGGER {table}_locked_update AFTER UPDATE ON {table} "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION payroll_refuse_locked_rows();",
        f"CREATE TRIGGER {table}_checked_update AFTER UPDATE ON {table} "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION payroll_check_new_rows();",
        f"CREATE TRIGGER {table}_checked_insert AFTER INSERT ON {table} "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION payroll_check_new_rows();",
    ]
TRIGGERS.append(
    "CREATE TRIGGER payroll_payrollrun_locked BEFORE UPDATE OR DELETE ON payroll_payrollrun "
    "FOR EACH ROW EXECUTE FUNCTION payroll_refuse_locked_run();"
)

BACKWARD = (
    "DROP TRIGGER IF EXISTS payroll_payrollrun_locked ON payroll_payrollrun;\n"
    + "".join(
        f"DROP TRIGGER IF EXISTS {table}_{name} ON {table};\n"
        for table in TABLES
        for name in ("locked_delete", "locked_update", "checked_update", "checked_insert")
    )
    + "DROP FUNCTION IF EXISTS payroll_refuse_locked_run();\n"
    "DROP FUNCTION IF EXISTS payroll_check_new_rows();\n"
    "DROP FUNCTION IF EXISTS payroll_refuse_locked_rows();\n"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FORWARD, None)
    for statement in TRIGGERS:
        schema_editor.execute(statement, None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(BACKWARD, None)


class Migration(migrations.Migration):
    dependencies = [("payroll", "0002_seed_reference_data")]

    operations = [migrations.RunPython(forward, backward)]
