from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RewardsConfig(AppConfig):
    name = "rewards"
    label = "rewards"
    verbose_name = _("Rewards and discipline")

    def ready(self):
        from asn_portal.portal.cards import register

        from . import audit  # noqa: F401  registers the models with the audit log
        from .portal import examiner_card, nominate_card, rewards_card

        register(rewards_card, order=40)
        register(examiner_card, order=41)
        register(nominate_card, order=42)
