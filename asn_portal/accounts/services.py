"""Writes to accounts: logins, staff roles, temporary passwords and staff authenticators."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from auditlog.models import LogEntry
from axes.utils import reset as axes_reset
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import roles
from .models import User

if TYPE_CHECKING:  # personnel sits above accounts: it calls these services, never the reverse
    from asn_portal.personnel.models import Employee, OrgUnit


@transaction.atomic
def employee_account_create(*, employee: Employee, password: str | None = None) -> User:
    """The portal login of an employee: username is the NIP; no usable password until one is set."""
    user, _created = User.objects.get_or_create(
        username=employee.nip,
        defaults={
            "employee": employee,
            "first_name": employee.name[:150],
            "email": employee.email,
        },
    )
    if password:
        user.set_password(password)
    elif _created:
        user.set_unusable_password()
    user.employee = employee
    user.save()
    user.groups.add(Group.objects.get_or_create(name=roles.EMPLOYEE)[0])
    return user


@transaction.atomic
def staff_account_create(
    *,
    username: str,
    password: str,
    role: str,
    unit: OrgUnit | None = None,
    employee: Employee | None = None,
    first_name: str = "",
) -> User:
    """A BKD staff member or OPD operator with one role."""
    if role not in roles.STAFF_ROLES:
        raise ValueError(f"Unknown staff role: {role}")
    user, _created = User.objects.get_or_create(username=username)
    user.first_name = first_name
    user.is_staff = True
    user.unit = unit if role == roles.OPD_OPERATOR else None
    user.employee = employee
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


# Temporary passwords: no look-alike characters (0/O, 1/l/I), read aloud or written on paper.
_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _temporary_password() -> str:
    groups = ("".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


@transaction.atomic
def user_temporary_password_set(*, user: User, by: User) -> str:
    """A one-time password BKD hands over (employees without email); the next sign-in changes it.

    Only BKD administrators may do it, and only a superuser for a superuser. Recorded in the
    audit log; the password itself is never stored in clear. Lifts a sign-in lock on the account.
    """
    if not roles.is_bkd_admin(by) or (user.is_superuser and not by.is_superuser):
        raise PermissionDenied(_("Only a BKD administrator may set a temporary password."))
    password = _temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    axes_reset(username=user.username)  # a locked-out owner can use it at once
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(user.pk),
        object_id=user.pk,
        object_repr=str(user)[:200],
        action=LogEntry.Action.UPDATE,
        changes={"password": ["***", "temporary password set by BKD"]},
        actor=by,
        additional_data={"event": "temporary_password_set"},
    )
    return password


def user_password_changed(*, user: User) -> None:
    """The user chose their own password: the temporary one no longer forces a change."""
    if user.must_change_password:
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        user.must_change_password = False


RECOVERY_CODE_COUNT = 10


def otp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (one per user, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


@transaction.atomic
def otp_enrolment_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the authenticator with its first code; returns new recovery codes, shown once.

    Earlier authenticators and recovery codes of the user are removed.
    """
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        raise ValidationError(_("The code is not valid. Check the time on your phone and retry."))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


def otp_has_device(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
