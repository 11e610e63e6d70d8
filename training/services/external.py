"""Training done elsewhere: the employee submits evidence, BKD validates it and credits JP."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common import calendar
from asn_portal.common.notifications import notify_employee
from asn_portal.common.uploads import EVIDENCE, upload_check
from asn_portal.common.workflow import record_start, transition
from asn_portal.personnel.models import Employee

from ..models import (
    ExternalTraining,
    JpCredit,
)
from ._common import user_of


@transaction.atomic
def external_training_submit(
    *,
    employee: Employee,
    title: str,
    kind: str,
    provider: str,
    start_date: dt.date,
    end_date: dt.date,
    jp: int,
    evidence,
) -> ExternalTraining:
    if end_date < start_date:
        raise ValidationError(_("The last day cannot be before the first day."))
    if end_date > calendar.today():
        raise ValidationError(_("Record a training once it has ended."))
    checked = upload_check(evidence, policy=EVIDENCE)
    record = ExternalTraining(
        employee=employee,
        title=title,
        kind=kind,
        provider=provider,
        start_date=start_date,
        end_date=end_date,
        jp=jp,
        evidence=checked.as_file(),
        evidence_content_type=checked.content_type,
    )
    record.full_clean()
    record.save()
    record_start(record, by=user_of(employee))
    return record


@transaction.atomic
def external_training_validate(*, record: ExternalTraining, by) -> ExternalTraining:
    record = ExternalTraining.objects.select_for_update().get(pk=record.pk)
    if ExternalTraining.workflow.is_final(record.status):
        raise ValidationError(_("This record has been reviewed already."))
    transition(
        record,
        ExternalTraining.Status.VALIDATED,
        by=by,
        changes={"reviewed_by": by, "reviewed_at": timezone.now()},
    )
    JpCredit.objects.create(
        employee_id=record.employee_id,
        year=record.end_date.year,
        jp=record.jp,
        credited_on=record.end_date,
        description=f"{record.title} ({record.provider})",
        external=record,
    )
    notify_employee(
        record.employee_id,
        title=_("Training validated: %(jp)d JP credited") % {"jp": record.jp},
        key=f"training:external-validated:{record.pk}",
        url=reverse("training:mine"),
    )
    return record


@transaction.atomic
def external_training_reject(*, record: ExternalTraining, by, reason: str) -> ExternalTraining:
    record = ExternalTraining.objects.select_for_update().get(pk=record.pk)
    if ExternalTraining.workflow.is_final(record.status):
        raise ValidationError(_("This record has been reviewed already."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for rejecting."))
    transition(
        record,
        ExternalTraining.Status.REJECTED,
        by=by,
        note=reason.strip(),
        changes={"reviewed_by": by, "reviewed_at": timezone.now(), "review_note": reason.strip()},
    )
    notify_employee(
        record.employee_id,
        title=_("Training record not validated"),
        key=f"training:external-rejected:{record.pk}",
        url=reverse("training:mine"),
        body=reason,
    )
    return record
