from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    label = "recruitment"
    verbose_name = _("Recruitment (CASN selection)")

    def ready(self):
        from asn_portal.common.jobs import register_resumer

        from . import audit  # noqa: F401  registers the models with the audit log
        from .services.publications import NOTIFY_JOB, publication_notify_enqueue

        register_resumer(NOTIFY_JOB, publication_notify_enqueue)
