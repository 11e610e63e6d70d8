from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    label = "training"
    verbose_name = _("Training (competency development)")

    def ready(self):
        from asn_portal.portal.cards import register

        from . import audit  # noqa: F401  registers the models with the audit log
        from .portal import training_card

        register(training_card, order=30)
