from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "asn_portal.personnel"
    label = "personnel"
    verbose_name = _("Personnel master data")

    def ready(self):
        from . import audit  # noqa: F401  registers the models with the audit log
