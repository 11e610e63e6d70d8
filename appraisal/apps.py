from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "appraisal"
    label = "appraisal"
    verbose_name = _("Performance appraisal")

    def ready(self):
        from asn_portal.portal.cards import register

        from . import audit  # noqa: F401  registers the decisions with the audit log
        from .portal import appraisal_card

        register(appraisal_card, order=20)
