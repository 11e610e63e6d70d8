"""`manage.py seed_demo`: fill the database with the demo regency (see personnel.demo)."""

import importlib
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from asn_portal.personnel import demo
from asn_portal.personnel.models import Employee


class Command(BaseCommand):
    help = (
        "Create a synthetic regency, Kabupaten Contoh: about 30 OPDs with their sub-units, "
        "positions, employees with families and histories, a portal login per employee "
        "(username = NIP) and one demo account per staff role, all with the password "
        f"'{demo.DEMO_PASSWORD}'. The same --seed gives the same people. It never tops up: when "
        "the demo units exist already it says so and changes nothing. With --if-empty it also "
        "does nothing when any employee exists (used by `make run`)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees",
            type=int,
            default=500,
            help=f"Number of employees, at least {demo.MIN_EMPLOYEES} (default 500).",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed for names and data (default 2026)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Seed only when there are no employees at all.",
        )

    def handle(self, *args, **options):
        # Demo people have made-up addresses: nothing seeded is mailed, whatever the settings.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self._handle(**options)

    def _handle(self, *, employees, seed, if_empty, **options):
        if employees < demo.MIN_EMPLOYEES:
            raise CommandError(f"--employees must be at least {demo.MIN_EMPLOYEES}.")
        if if_empty and Employee.objects.exists():
            self.stdout.write("Employees exist already; no demo data seeded (--if-empty).")
            return
        if demo.demo_present():
            self.stdout.write(
                self.style.WARNING("Demo data is already present; nothing was changed.")
            )
            self._seed_modules(seed)
            return
        started = time.perf_counter()
        result = demo.demo_seed(employees=employees, seed=seed)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {result.employees} employees, {result.family_members} family members, "
                f"{result.units} units and {result.positions} positions in {elapsed:.1f} s."
            )
        )
        self._seed_modules(seed)
        self._print_accounts(result.accounts)

    def _seed_modules(self, seed):
        """Each module's `<app>.demo.seed_module_demo` adds its data; each is idempotent."""
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            seeder = getattr(module, "seed_module_demo", None)
            if seeder is not None:
                started = time.perf_counter()
                seeder(seed=seed, stdout=self.stdout)
                self.stdout.write(
                    f"{config.verbose_name}: demo data ready "
                    f"({time.perf_counter() - started:.1f} s)."
                )

    def _print_accounts(self, accounts):
        rows = [("username", "role", "password", "")] + [
            (a.username, a.role, a.password, a.note) for a in accounts
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for number, row in enumerate(rows):
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join(cells + [row[3]]).rstrip())
            if number == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write(
            f"Every employee can also sign in with their NIP and '{demo.DEMO_PASSWORD}'."
        )
