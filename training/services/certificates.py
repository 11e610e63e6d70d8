"""Certificates: revocation with a reason (issuing happens with a completed result)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Certificate,
    Enrolment,
)

S = Enrolment.Status


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise ValidationError(_("This certificate is already revoked."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for revoking the certificate."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()
    certificate.revoked_by = by
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    return certificate
