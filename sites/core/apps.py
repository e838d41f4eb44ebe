from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sites.core"
    label = "core"
    verbose_name = _("Network core")

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from wagtail.signals import published, unpublished

        from sites.federation.signals import linked

        from . import sync  # noqa: F401  (registers the delivery of principle versions)
        from .linked import send_the_core_to  # (registers what crosses to linked installs, and back)
        from .models import Adoption, Principle, Value
        from .publishing import on_revision_published, on_unpublished
        from .sync import purge_reading_pages

        for model in (Value, Principle):
            published.connect(on_revision_published, sender=model, dispatch_uid=f"core-version-{model.__name__}")
            unpublished.connect(on_unpublished, sender=model, dispatch_uid=f"core-unpublished-{model.__name__}")
        post_save.connect(purge_reading_pages, sender=Adoption, dispatch_uid="core-reading-purge")
        linked.connect(send_the_core_to, dispatch_uid="core-to-linked-install")
