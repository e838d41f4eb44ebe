from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlaybookConfig(AppConfig):
    name = "playbook"
    label = "playbook"
    verbose_name = _("Playbook")

    def ready(self) -> None:
        from .people import connect

        connect()
