"""Decree PDFs for sanctions, objection and appeal decisions, and awards, under the letterhead.

A sanction decree prints what was issued (`Sanction.issued`), never the sanction's current
state: a later objection or appeal decision is its own document with its own number.
"""

from __future__ import annotations

import datetime as dt

from asn_portal.common.pdf import render_pdf

from .models import (
    EFFECTIVE_AFTER_WORKING_DAYS,
    Nomination,
    Objection,
    Sanction,
    SanctionKind,
    SanctionLevel,
)


def issued_decree(sanction: Sanction) -> dict:
    """The decree as issued, with its labels; built from the live rows for a decree issued
    before snapshots were kept (the services always freeze one)."""
    from .services import decree_snapshot, sanction_window

    issued = dict(sanction.issued or decree_snapshot(sanction))
    issued["decree_date"] = dt.date.fromisoformat(issued["decree_date"])
    issued["kind_label"] = SanctionKind(issued["kind"]).label
    issued["level_label"] = SanctionLevel(issued["level"]).label
    if sanction.delivered_on is not None:
        issued["effective_from"], issued["ends_on"] = sanction_window(
            issued["kind"], sanction.delivered_on
        )
    return issued


def sanction_decree_pdf(sanction: Sanction) -> bytes:
    return render_pdf(
        "rewards/pdf/sanction_decree.html",
        {"decree": issued_decree(sanction), "effective_after": EFFECTIVE_AFTER_WORKING_DAYS},
    )


def objection_decision_pdf(objection: Objection) -> bytes:
    """The decision on an objection or appeal: its own number, date and outcome, referring to
    the decree it decides on."""
    return render_pdf(
        "rewards/pdf/objection_decision.html",
        {"objection": objection, "decree": issued_decree(objection.sanction)},
    )


def award_decree_pdf(nomination: Nomination) -> bytes:
    return render_pdf("rewards/pdf/award_decree.html", {"nomination": nomination})


def decree_filename(number: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in number).strip("-")
    return f"sk-{safe or 'draft'}.pdf"
