"""Decree PDFs for sanctions and awards, under the agency's letterhead."""

from __future__ import annotations

from asn_portal.common.pdf import render_pdf

from .models import EFFECTIVE_AFTER_WORKING_DAYS, Nomination, Sanction


def sanction_decree_pdf(sanction: Sanction) -> bytes:
    return render_pdf(
        "rewards/pdf/sanction_decree.html",
        {"sanction": sanction, "effective_after": EFFECTIVE_AFTER_WORKING_DAYS},
    )


def award_decree_pdf(nomination: Nomination) -> bytes:
    return render_pdf("rewards/pdf/award_decree.html", {"nomination": nomination})


def decree_filename(number: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in number).strip("-")
    return f"sk-{safe or 'draft'}.pdf"
