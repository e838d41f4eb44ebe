from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    """How to visit a space: its address, hours, contact and access, and its accessibility statement."""

    name = "sites.visits"
    label = "visits"
    verbose_name = _("Visiting")
