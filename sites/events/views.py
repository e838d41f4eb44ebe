"""Public listings of events for calendar applications and other tools: iCalendar feeds and JSON.

They live under the language prefix like every public page (``/ru/calendar.ics``): the texts are
in that language, and the language gate answers 404 for a language the space does not publish.
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _

from sites.identity.snapshot import network_name
from sites.spaces.localize import localize
from sites.spaces.models import ProgrammePage

from .calendar import network_feed, space_feed
from .feeds import ical_calendar, json_entry

ICAL_TYPE = "text/calendar; charset=utf-8"


def _space(request):
    space = getattr(request, "space", None)
    if space is None:
        raise Http404("A space's calendar is served on its own site.")
    return space


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICAL_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def space_calendar_ics(request):
    space = _space(request)
    language = translation.get_language()
    name = _("%(space)s: events") % {"space": localize(space, "name", language, space).text}
    return _ics(ical_calendar(space_feed(space, language), name, language), f"{space.slug}.ics")


def programme_calendar_ics(request, slug: str):
    space = _space(request)
    language = translation.get_language()
    programme = get_object_or_404(ProgrammePage.objects.live().descendant_of(space.site.root_page), slug=slug)
    name = _("%(space)s: %(programme)s") % {
        "space": localize(space, "name", language, space).text,
        "programme": localize(programme, "title", language, space).text,
    }
    entries = space_feed(space, language, programme=programme)
    return _ics(ical_calendar(entries, name, language), f"{space.slug}-{slug}.ics")


def network_calendar_ics(request):
    language = translation.get_language()
    name = network_feed_name(language, getattr(request, "space", None))
    return _ics(ical_calendar(network_feed(language), name, language), "network.ics")


def space_calendar_json(request):
    space = _space(request)
    language = translation.get_language()
    entries = space_feed(space, language)
    name = _("%(space)s: events") % {"space": localize(space, "name", language, space).text}
    return JsonResponse({"space": space.slug, "name": name, "events": [json_entry(entry) for entry in entries]})


def network_calendar_json(request):
    language = translation.get_language()
    entries = network_feed(language)
    name = network_feed_name(language, getattr(request, "space", None))
    return JsonResponse({"name": name, "events": [json_entry(entry) for entry in entries]})


def network_feed_name(language: str, space) -> str:
    """The network's calendar is named after the network (its name set by the coordinators)."""
    return _("%(network)s: events") % {"network": network_name(language, space).text}
