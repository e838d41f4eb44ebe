from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FediverseConfig(AppConfig):
    name = "sites.fediverse"
    label = "fediverse"
    verbose_name = _("Fediverse")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from sites.sync.models import Change

        from . import pushes

        # Each change of a shared event, in the transaction that records it: its followers are owed it.
        post_save.connect(pushes.on_change_recorded, sender=Change, dispatch_uid="fediverse_push_event_changes")
