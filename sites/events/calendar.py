"""What a calendar lists: a space's own events and the network events it accepted, as one kind of entry.

The network calendar page, the iCalendar feeds and the JSON listings all read entries from here,
so a visitor, a calendar application and another tool see the same events.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django import forms
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from sites.federation.models import RemoteSpace
from sites.pagecache.fragments import fragment
from sites.pagecache.tags import list_tag, record, record_until
from sites.spaces.localize import Localized, localize
from sites.spaces.models import ProgrammePage, Space

from .models import EventPage, EventSequence, RelayedEvent
from .relay import event_uid

MAX_ENTRIES = 200
# Feeds keep recent events a while, so a calendar application does not drop them the day after.
FEED_PAST_DAYS = 90


@dataclass
class Entry:
    """One event as a calendar lists it, its texts already in the reader's language."""

    uid: str
    title: Localized
    summary: Localized
    venue: Localized
    programme: Localized
    programme_kind: str
    start: datetime
    end: datetime
    zone: zoneinfo.ZoneInfo
    origin_space: "Space | RemoteSpace | None"  # a space of this install, or of a linked one
    url: str
    online_url: str
    registration_url: str
    cancelled: bool
    sequence: int
    relayed: bool

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)


def _space_of(path: str, roots: dict[str, Space]) -> Space | None:
    lengths = {len(root) for root in roots}
    return next((roots[path[:n]] for n in lengths if path[:n] in roots), None)


def own_entries(events, language: str, space: Space | None = None, absolute: bool = False) -> list[Entry]:
    """Entries for event pages; ``space`` is the site showing them (their own, or None for the network)."""
    sequence = EventSequence.objects.filter(event_id=OuterRef("pk")).values("sequence")[:1]
    events = list(events.select_related("programme").annotate(sequence=Coalesce(Subquery(sequence), 0)))
    if space is not None:
        roots = {space.site.root_page.path: space}  # a site lists only its own pages
    else:
        roots = {each.site.root_page.path: each for each in Space.objects.select_related("site__root_page")}
    entries = []
    for event in events:
        origin = _space_of(event.path, roots)
        if origin is None:
            continue
        reader_space = space or origin
        with translation.override(language if language in origin.language_codes else origin.default_language):
            url = event.get_full_url() if absolute else event.get_url()
        programme = event.programme
        entries.append(
            Entry(
                uid=event_uid(event.pk, origin),
                title=localize(event, "title", language, reader_space),
                summary=localize(event, "summary", language, reader_space),
                venue=localize(event, "venue", language, reader_space),
                programme=localize(programme, "title", language, reader_space)
                if programme is not None
                else Localized("", language, False),
                programme_kind=programme.kind if programme is not None else "",
                start=event.start,
                end=event.end,
                zone=zoneinfo.ZoneInfo(event.time_zone or origin.time_zone),
                origin_space=origin,
                url=url or "",
                online_url=event.online_url,
                registration_url=event.registration_url,
                cancelled=event.cancelled,
                sequence=event.sequence,
                relayed=False,
            )
        )
    return entries


def relayed_entries(relays, language: str, space: Space | None) -> list[Entry]:
    return [
        Entry(
            uid=relay.uid,
            title=relay.text("title", language, space),
            summary=relay.text("summary", language, space),
            venue=relay.text("venue", language, space),
            programme=relay.text("programme", language, space),
            programme_kind=relay.programme_kind,
            start=relay.start,
            end=relay.end,
            zone=relay.zone,
            origin_space=relay.origin,
            url=relay.origin_url(language, space),
            online_url=relay.online_url,
            registration_url=relay.registration_url,
            cancelled=relay.cancelled,
            sequence=relay.sequence,
            relayed=True,
        )
        for relay in relays.select_related("origin_space", "origin_remote")
    ]


def accepted_relays(space: Space):
    record(list_tag(RelayedEvent))  # a cached page showing them is purged when the space's listing changes
    return RelayedEvent.objects.filter(space=space, curation=RelayedEvent.Curation.ACCEPTED, withdrawn=False)


def _not_passed_if_cancelled(now):
    # A cancelled event is shown as cancelled until it has passed, then no more.
    return ~Q(cancelled=True, end__lt=now)


def network_calendar(space: Space, criteria: dict, language: str | None = None) -> list[Entry]:
    """The space's own and accepted network events matching ``criteria``, in order of their start."""
    language = language or translation.get_language()
    now = timezone.now()
    since = criteria.get("since") or now
    when = Q(end__gte=since) & _not_passed_if_cancelled(now)
    if criteria.get("until"):
        when &= Q(start__lt=criteria["until"])
    own = EventPage.objects.live().descendant_of(space.site.root_page).filter(when)
    relays = accepted_relays(space).filter(when)
    kind = criteria.get("programme")
    if kind:
        own = own.filter(programme__kind=kind)
        relays = relays.filter(programme_kind=kind)
    origin = criteria.get("space")
    if isinstance(origin, RemoteSpace):
        own = own.none()
        relays = relays.filter(origin_remote=origin)
    elif origin is not None:
        if origin.pk == space.pk:
            relays = relays.none()
        else:
            own = own.none()
            relays = relays.filter(origin_space=origin)
    entries = own_entries(own.order_by("start")[:MAX_ENTRIES], language, space)
    entries += relayed_entries(relays.order_by("start")[:MAX_ENTRIES], language, space)
    entries = sorted(entries, key=lambda entry: entry.start)[:MAX_ENTRIES]
    ending = [entry.end for entry in entries if entry.end > now]
    if ending:  # the first to end then leaves the calendar: a page showing it changes by itself
        record_until(min(ending))
    return entries


def space_feed(space: Space, language: str, programme: ProgrammePage | None = None) -> list[Entry]:
    """What a space's feed carries: its calendar (or one programme's events), recent past included."""
    now = timezone.now()
    when = Q(end__gte=now - timedelta(days=FEED_PAST_DAYS))
    own = EventPage.objects.live().descendant_of(space.site.root_page).filter(when)
    if programme is not None:
        return own_entries(own.filter(programme=programme).order_by("start"), language, space, absolute=True)
    entries = own_entries(own.order_by("start"), language, space, absolute=True)
    entries += relayed_entries(accepted_relays(space).filter(when).order_by("start"), language, space)
    return sorted(entries, key=lambda entry: entry.start)


def network_feed(language: str) -> list[Entry]:
    """Every event a space shares with the whole network, from every open space here and from the
    linked installs, in its origin's words."""
    now = timezone.now()
    events = EventPage.objects.live().filter(
        scope=EventPage.Scope.NETWORK, end__gte=now - timedelta(days=FEED_PAST_DAYS)
    )
    open_roots = Q()
    for root in Space.objects.exclude(status=Space.Status.CLOSED).values_list("site__root_page__path", flat=True):
        open_roots |= Q(path__startswith=root)
    entries = own_entries(events.filter(open_roots).order_by("start"), language, absolute=True) if open_roots else []
    return sorted(entries + linked_installs_entries(language, now), key=lambda entry: entry.start)


def linked_installs_entries(language: str, now: datetime) -> list[Entry]:
    """The events linked installs share with the whole network, each once (every space here lists it)."""
    record(list_tag(RelayedEvent))
    relays = RelayedEvent.objects.filter(
        origin_remote__isnull=False, withdrawn=False, end__gte=now - timedelta(days=FEED_PAST_DAYS)
    ).order_by("start", "uid", "pk")
    first_of_each = {}
    for relay in relays.only("pk", "uid"):
        first_of_each.setdefault(relay.uid, relay.pk)
    return relayed_entries(RelayedEvent.objects.filter(pk__in=first_of_each.values()), language, None)


def spaces_not_closed() -> dict[str, Space]:
    record(list_tag(Space))  # one opens, closes or is renamed: the filter changes
    return {each.slug: each for each in Space.objects.exclude(status=Space.Status.CLOSED).select_related("site")}


def remote_origins(space: Space) -> dict[str, RemoteSpace]:
    """The spaces of linked installs whose events this space lists, by hostname (a slug has no dot,
    so the two kinds of choice never meet); they change with the space's relayed events."""
    ids = accepted_relays(space).filter(origin_remote__isnull=False).values("origin_remote")
    return {each.hostname: each for each in RemoteSpace.objects.filter(pk__in=ids).order_by("slug", "hostname")}


class CalendarFilter(forms.Form):
    """The network calendar's filters, read from the query string (a GET form: no JavaScript needed)."""

    programme = forms.ChoiceField(label=_("Programme"), required=False)
    space = forms.ChoiceField(label=_("Space"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, space: Space | None = None):
        super().__init__(data)
        self.space = space
        language = translation.get_language()
        self.fields["programme"].choices = [("", _("All programmes")), *ProgrammePage.Kind.choices]
        self.spaces = fragment(space, "calendar-spaces", spaces_not_closed)
        if space is not None:
            # Events of a linked install's spaces are listed too: each can be picked like a space here.
            self.spaces = {**self.spaces, **fragment(space, "calendar-remote-spaces", lambda: remote_origins(space))}
        self.fields["space"].choices = [("", _("All spaces"))] + [
            (key, localize(each, "name", language, space).text) for key, each in self.spaces.items()
        ]

    def criteria(self) -> dict:
        """The valid filters; a filter that does not read (a mistyped date) is left out, not an error page."""
        self.is_valid()
        values = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        zone = self.space.zone if self.space is not None else zoneinfo.ZoneInfo("UTC")
        criteria = {"programme": values.get("programme") or ""}
        criteria["space"] = self.spaces.get(values.get("space") or "")
        if values.get("since"):
            criteria["since"] = datetime.combine(values["since"], time.min, tzinfo=zone)
        if values.get("until"):
            # "Until 3 December" includes the 3rd.
            criteria["until"] = datetime.combine(values["until"] + timedelta(days=1), time.min, tzinfo=zone)
        return criteria

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields)
