"""Daily reminders: unanswered objections for the officers, unsent drafts for applicants."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from asn_portal.accounts import roles
from asn_portal.common import calendar
from asn_portal.common.reminders import Reminder, reminders_send

from .. import selectors


def recruitment_reminders_send(*, on_date: dt.date | None = None) -> int:
    """Send the day's reminders through the shared mechanism (working days, once a day)."""
    day = on_date or calendar.today()
    officers = list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=roles.RECRUITMENT_OFFICER) | Q(is_superuser=True))
        .distinct()
        .values_list("pk", flat=True)
    )
    reminders = [
        Reminder(
            recipient_id=officer,
            kind="recruitment.objection_due",
            item=f"objection:{objection.pk}",
            title=_("Objection of %(number)s must be answered by %(date)s")
            % {
                "number": objection.application.registration_number,
                "date": objection.answer_due.strftime("%d-%m-%Y"),
            },
            url=reverse("admin:recruitment_objection_change", args=[objection.pk]),
        )
        for objection in selectors.pending_objections_due(day)
        for officer in officers
    ]
    reminders += [
        Reminder(
            recipient_id=application.applicant.user_id,
            kind="recruitment.draft_closing",
            item=f"application:{application.pk}",
            title=_("Registration for %(selection)s closes soon: send your application")
            % {"selection": application.selection.name},
            url=reverse("recruitment:application", kwargs={"pk": application.pk}),
        )
        for application in selectors.drafts_closing(day)
    ]
    return reminders_send(reminders=reminders, on_date=day)
