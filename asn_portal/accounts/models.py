"""Users: employees sign in with their NIP; BKD staff and OPD operators have roles (groups)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. For an employee the username is the NIP and `employee` links the record.

    An OPD operator has `unit` set: they see and edit only employees of that unit's subtree.
    """

    employee = models.OneToOneField(
        "personnel.Employee",
        verbose_name=_("employee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
    )
    unit = models.ForeignKey(
        "personnel.OrgUnit",
        verbose_name=_("operator's unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operators",
        help_text=_("For OPD operators: the unit whose subtree they manage."),
    )
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set with a temporary password from BKD: the next sign-in asks for a new one."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
