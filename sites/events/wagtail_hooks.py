"""Admin: event times entered in the venue's zone; curation of network events; the home's upcoming events."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sites.images.pictures import prepare_cards
from sites.pagecache.tags import list_tag, record, record_objects, record_until
from sites.spaces.home_sections import first_items
from sites.spaces.models import Space

from . import admin_views
from .curation import curating_spaces
from .models import EventPage


def _activate_space_zone(page) -> None:
    # The admin form reads and shows datetimes in the active zone: make it the event's space's,
    # so a Moscow editor types Moscow times. The middleware resets the zone after the request.
    space = Space.objects.for_page(page)
    if space is not None:
        timezone.activate(space.zone)


@hooks.register("before_edit_page")
def edit_in_space_zone(request, page):
    specific = page.specific
    if isinstance(specific, EventPage) and specific.time_zone:
        # An event at a venue in another zone is edited in the venue's wall-clock times.
        timezone.activate(specific.zone)
    else:
        _activate_space_zone(page)


@hooks.register("before_create_page")
def create_in_space_zone(request, parent_page, page_class):
    _activate_space_zone(parent_page)


@hooks.register("socle_home_sections", order=40)
def upcoming_events_section(home):
    record(list_tag(EventPage))
    events, total = first_items(
        EventPage.objects.live()
        .descendant_of(home)
        .filter(end__gte=timezone.now())
        .order_by("start")
        .select_related("image")
    )
    if not events:
        return None
    prepare_cards(events)
    record_until(min(event.end for event in events))  # then it leaves the list and the next one comes
    index = events[0].get_parent()
    record_objects([*events, index])
    return {"template": "events/sections/upcoming.html", "events": events, "total": total, "calendar": index}


@hooks.register("register_admin_urls")
def network_events_urls():
    return [
        path("network-events/", admin_views.network_events_view, name="socle_network_events"),
        path(
            "network-events/<int:relay_id>/<str:decision>/",
            admin_views.curate_view,
            name="socle_curate_network_event",
        ),
        path(
            "network-events/spaces/<int:space_id>/setting/",
            admin_views.space_setting_view,
            name="socle_network_events_setting",
        ),
    ]


class NetworkEventsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(curating_spaces(request.user))


@hooks.register("register_admin_menu_item")
def network_events_menu_item():
    return NetworkEventsMenuItem(
        _("Events from other spaces"), reverse("socle_network_events"), icon_name="date", order=320
    )
