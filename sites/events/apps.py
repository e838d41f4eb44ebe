from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "sites.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete
        from wagtail.signals import page_published, page_unpublished

        from sites.federation.signals import revoked

        from . import linked, relay, sync  # noqa: F401  (sync and linked register how shared events travel)
        from .models import EventPage

        page_published.connect(relay.on_published, sender=EventPage, dispatch_uid="events_relay_published")
        page_unpublished.connect(relay.on_unpublished, sender=EventPage, dispatch_uid="events_relay_unpublished")
        pre_delete.connect(relay.on_deleted, sender=EventPage, dispatch_uid="events_relay_deleted")
        revoked.connect(linked.forget_their_events, dispatch_uid="events_forget_revoked_installs_events")
