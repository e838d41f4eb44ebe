from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "sites.security"
    verbose_name = _("Security")

    def ready(self):
        from .rich_text import connect_signals

        connect_signals()
