from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSearchConfig(AppConfig):
    """Search on a space's public site, in the language being read (``wagtailsearch`` is Wagtail's
    own app: this one has its own label)."""

    name = "sites.sitesearch"
    label = "sitesearch"
    verbose_name = _("Site search")

    def ready(self) -> None:
        from .signals import connect_index_updates

        connect_index_updates()
