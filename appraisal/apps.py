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

        from asn_portal.common.jobs import register_resumer

        from .services.cycles import OPEN_JOB, cycle_open_enqueue

        register_resumer(OPEN_JOB, cycle_open_enqueue)
