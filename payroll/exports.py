"""Files for BKD and the OPDs: the XLSX recap per OPD, the bank transfer CSV, the PPh 21 summary."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from . import selectors


def recap_workbook(run, units=None) -> bytes:
    """One sheet with the totals per OPD, one with every payslip of those OPDs."""
    wb = Workbook(write_only=True)
    summary = wb.create_sheet(_("Recap per OPD"))
    summary.append([_("Code"), _("OPD"), _("Employees"), _("Gross"), _("Deductions"), _("Net"),
                    _("TPP"), _("PPh 21"), _("Employer contributions")])  # fmt: skip
    for row in selectors.opd_recap(run, units):
        summary.append(
            [row["code"], row["opd"], row["count"]]
            + [row[name] for name in ("gross", "deductions", "net", "tpp", "pph21")]
            + [row["employer_contributions"]]
        )
    detail = wb.create_sheet(_("Payslips"))
    detail.append([_("Unit"), _("NIP"), _("Name"), _("Golongan"), _("Gross"), _("Deductions"),
                   _("Net"), _("TPP"), _("PPh 21"), _("Error")])  # fmt: skip
    for p in selectors.recap_payslips(run, units).iterator(chunk_size=5000):
        detail.append([p.unit.name, p.nip, p.name, p.golongan, p.gross, p.deductions, p.net,
                       p.tpp, p.pph21, p.error])  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def bank_transfer_csv(run) -> str:
    """CSV for the bank: account, name, amount, reference (approved runs only)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["account", "name", "amount", "reference"])
    writer.writerows(selectors.bank_transfer_rows(run))
    return out.getvalue()


def pph21_csv(run) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Tax status (PTKP)"), _("Employees"), _("Gross"), _("PPh 21")])
    for row in selectors.pph21_summary(run):
        writer.writerow([row["ptkp_status"], row["count"], row["gross"], row["pph21"]])
    return out.getvalue()
