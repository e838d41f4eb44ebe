"""The admin screen where a space's editors curate the events other spaces share with it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from sites.spaces.models import Space

from .curation import curate, curating_spaces
from .models import RelayedEvent
from .templatetags.event_times import format_event_time

DECISIONS = {"accept": RelayedEvent.Curation.ACCEPTED, "hide": RelayedEvent.Curation.HIDDEN}


def _rows(relays, space, language: str) -> list[dict]:
    return [
        {
            "relay": relay,
            "title": relay.text("title", language, space),
            "summary": relay.text("summary", language, space),
            "origin": relay.origin,
            "when": format_event_time(relay.start, relay.end, space.zone, language),
            "url": relay.origin_url(language, space),
        }
        for relay in relays
    ]


def network_events_view(request):
    spaces = curating_spaces(request.user)
    if not spaces:
        raise PermissionDenied
    language = translation.get_language()
    relays = (
        RelayedEvent.objects.filter(space__in=spaces, withdrawn=False, end__gte=timezone.now())
        .select_related("origin_space", "origin_remote__link", "space")
        .order_by("start")
    )
    by_space: dict[int, list] = {space.pk: [] for space in spaces}
    for relay in relays:
        by_space[relay.space_id].append(relay)
    sections = []
    for space in spaces:
        listed = by_space[space.pk]
        sections.append(
            {
                "space": space,
                "choices": Space.NetworkEvents.choices,
                "groups": [
                    (state, label, _rows([r for r in listed if r.curation == state], space, language))
                    for state, label in RelayedEvent.Curation.choices
                ],
            }
        )
    return render(request, "events/admin/network_events.html", {"sections": sections})


@require_POST
def curate_view(request, relay_id: int, decision: str):
    relay = get_object_or_404(RelayedEvent.objects.select_related("space"), pk=relay_id)
    if decision not in DECISIONS:
        raise PermissionDenied
    if relay.space not in curating_spaces(request.user):
        raise PermissionDenied
    curate(relay, DECISIONS[decision], request.user)
    title = relay.text("title", translation.get_language(), relay.space).text
    if decision == "accept":
        messages.success(request, _("“%(title)s” now shows in your network calendar.") % {"title": title})
    else:
        messages.success(request, _("“%(title)s” is hidden from your network calendar.") % {"title": title})
    return redirect("socle_network_events")


@require_POST
def space_setting_view(request, space_id: int):
    space = get_object_or_404(Space, pk=space_id)
    if space not in curating_spaces(request.user):
        raise PermissionDenied
    choice = request.POST.get("network_events", "")
    if choice not in Space.NetworkEvents.values:
        messages.error(request, _("Choose how your space receives network events."))
        return redirect("socle_network_events")
    Space.objects.filter(pk=space.pk).update(network_events=choice)
    messages.success(request, _("Saved: %(choice)s.") % {"choice": Space.NetworkEvents(choice).label})
    return redirect("socle_network_events")
