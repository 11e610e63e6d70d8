"""Certificates: revocation with a reason (issuing happens with a completed result)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Certificate
from ._common import save_decision


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke an issued certificate; the verification page then shows it as revoked."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise ValidationError(_("This certificate is already revoked."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for revoking the certificate."))
    save_decision(
        certificate,
        by=by,
        fields={
            "revoked_at": timezone.now(),
            "revoked_reason": reason.strip(),
            "revoked_by": by,
        },
        note=reason.strip(),
    )
    return certificate
