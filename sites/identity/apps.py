from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "sites.identity"
    label = "identity"
    verbose_name = _("Identity")

    def ready(self) -> None:
        from .snapshot import connect_identity_changes

        connect_identity_changes()
