from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sites.core"
    label = "core"
    verbose_name = _("Network core")

    def ready(self) -> None:
        from . import sync  # noqa: F401  (registers the delivery of principle versions)
