from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "sites.dashboard"
    label = "dashboard"
    verbose_name = _("Network dashboard")

    def ready(self) -> None:
        from . import reports  # noqa: F401  (registers what the network's install does with a status report)
