"""Admin: event times entered in the space's own zone; the home page's upcoming events."""

from django.utils import timezone
from wagtail import hooks

from sites.spaces.models import Space

from .models import EventPage

HOME_UPCOMING_EVENTS = 3


def _activate_space_zone(page) -> None:
    # The admin form reads and shows datetimes in the active zone: make it the event's space's,
    # so a Moscow editor types Moscow times. The middleware resets the zone after the request.
    space = Space.objects.for_page(page)
    if space is not None:
        timezone.activate(space.zone)


@hooks.register("before_edit_page")
def edit_in_space_zone(request, page):
    _activate_space_zone(page)


@hooks.register("before_create_page")
def create_in_space_zone(request, parent_page, page_class):
    _activate_space_zone(parent_page)


@hooks.register("socle_home_sections", order=40)
def upcoming_events_section(request, home):
    events = list(
        EventPage.objects.live()
        .descendant_of(home)
        .filter(end__gte=timezone.now())
        .order_by("start")[:HOME_UPCOMING_EVENTS]
    )
    if not events:
        return None
    index = events[0].get_parent()
    return {"template": "events/sections/upcoming.html", "events": events, "calendar": index}
