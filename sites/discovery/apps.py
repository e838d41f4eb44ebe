from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    name = "sites.discovery"
    label = "discovery"
    verbose_name = _("Discovery by search engines and shared links")

    def ready(self) -> None:
        from .purges import connect_image_purges

        connect_image_purges()
