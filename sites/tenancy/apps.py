from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    name = "sites.tenancy"
    label = "tenancy"
    verbose_name = _("Tenant isolation")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system check on groups)
