from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayrollConfig(AppConfig):
    name = "payroll"
    label = "payroll"
    verbose_name = _("Payroll")

    def ready(self):
        from asn_portal.common.jobs import register_resumer
        from asn_portal.portal.cards import register

        from . import audit  # noqa: F401  registers the decisions with the audit log
        from .portal import payroll_card
        from .services import COMPUTE_JOB, compute_enqueue

        register(payroll_card, order=50)
        register_resumer(COMPUTE_JOB, compute_enqueue)
