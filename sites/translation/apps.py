from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "sites.translation"
    label = "translation"
    verbose_name = _("Translation state")

    def ready(self) -> None:
        from .state import connect_signals

        connect_signals()
