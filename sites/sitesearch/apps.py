from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSearchConfig(AppConfig):
    """Search on a space's public site, in the language being read (``wagtailsearch`` is Wagtail's
    own app: this one has its own label)."""

    name = "sites.sitesearch"
    label = "sitesearch"
    verbose_name = _("Site search")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .signals import connect_index_updates, index_an_upgraded_install

        connect_index_updates()
        post_migrate.connect(index_an_upgraded_install, sender=self, dispatch_uid="sitesearch-first-index")
