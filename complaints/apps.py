from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    label = "complaints"
    verbose_name = _("Public complaints")

    def ready(self):
        from asn_portal.portal.cards import register

        from .portal import unit_head_card

        register(unit_head_card, order=60)
