from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "sites.sync"
    label = "sync"
    verbose_name = _("Network sync")

    def ready(self):
        from sites.spaces.models import Space

        from .engine import space_deleted

        # A deleted space's deliveries outlive it (their history), named by the slug and name kept.
        pre_delete.connect(space_deleted, sender=Space, dispatch_uid="sync-space-deleted")
