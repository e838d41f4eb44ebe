from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sites.core"
    label = "core"
    verbose_name = _("Network core")

    def ready(self) -> None:
        from wagtail.signals import published

        from . import sync  # noqa: F401  (registers the delivery of principle versions)
        from .models import Principle, Value
        from .publishing import on_revision_published

        for model in (Value, Principle):
            published.connect(on_revision_published, sender=model, dispatch_uid=f"core-version-{model.__name__}")
