"""A space's life: opening → open → closed.

Opening waits on the launch checklist: a coordinator opens the space once every step is done (or
not needed here), or overrides with a reason that is recorded. The opening is announced to every
space of the network as a network event of the new space's calendar (through the events relay).
Closing takes the site offline for visitors and out of the network's listings, and keeps its content.
"""

from datetime import UTC, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sites.events.models import EventIndexPage, EventPage
from sites.spaces.localize import localize
from sites.spaces.models import Space
from sites.sync.engine import space_closed

from .models import ChecklistStep, LifecycleChange
from .opening import ensure_tree, publish_child


class LifecycleError(ValueError):
    pass


def unfinished_steps(space: Space):
    return space.checklist.exclude(status__in=[ChecklistStep.Status.DONE, ChecklistStep.Status.SKIPPED])


def _move(space: Space, to_status: str, user, reason: str) -> Space:
    from_status = space.status
    space.status = to_status
    space.save()  # signals purge the cached pages that list the network's spaces
    LifecycleChange.objects.create(
        space=space,
        from_status=from_status,
        to_status=to_status,
        by=user if user is not None and user.is_authenticated else None,
        reason=reason,
    )
    return space


def default_celebration(space: Space) -> datetime:
    """Tomorrow at 18:00 where the space is."""
    tomorrow = timezone.now().astimezone(space.zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(18, 0), tzinfo=space.zone)


def announce(space: Space, start: datetime) -> EventPage:
    """The space's opening, as an event of its own calendar shared with the whole network."""
    languages = space.language_codes
    index = EventIndexPage.objects.child_of(space.site.root_page).first()
    if index is None:
        ensure_tree(space, languages)
        index = EventIndexPage.objects.child_of(space.site.root_page).get()
    texts = {}
    for code in languages:
        name = localize(space, "name", code, space).text
        place = localize(space, "address", code, space).text or localize(space, "city", code, space).text
        with translation.override(code):
            texts[f"title_{code}"] = _("Opening of %(name)s") % {"name": name}
            texts[f"summary_{code}"] = _("%(name)s opens its doors: a new space of the network.") % {"name": name}
        texts[f"venue_{code}"] = place
    slug, number = "opening", 1
    while index.get_children().filter(slug=slug).exists():  # a space reopened after closing
        number += 1
        slug = f"opening-{number}"
    # Two hours of real time: added to the wall clock, they could end in an hour the clocks skip.
    end = start.astimezone(UTC) + timedelta(hours=2)
    event = EventPage(slug=slug, start=start, end=end, scope=EventPage.Scope.NETWORK, **texts)
    return publish_child(index, event)


@transaction.atomic
def launch(space: Space, user=None, override_reason: str = "", celebration: datetime | None = None) -> Space:
    """Open the space to visitors and to the network, and announce its opening to every space."""
    space = Space.objects.select_for_update().get(pk=space.pk)
    if space.status != Space.Status.OPENING:
        raise LifecycleError(_("%(space)s is not opening: it is %(status)s.") % {
            "space": space.name, "status": space.get_status_display().lower()
        })  # fmt: skip
    left = unfinished_steps(space).count()
    if left and not override_reason.strip():
        raise LifecycleError(ngettext(
            "%(count)s step of the launch checklist is not done: finish it, or give the reason to open anyway.",
            "%(count)s steps of the launch checklist are not done: finish them, or give the reason to open anyway.",
            left,
        ) % {"count": left})  # fmt: skip
    _move(space, Space.Status.OPEN, user, override_reason.strip())
    announce(space, celebration or default_celebration(space))
    return space


@transaction.atomic
def close(space: Space, user=None, reason: str = "") -> Space:
    """Take the site offline for visitors and out of the network's listings; its content is kept."""
    space = Space.objects.select_for_update().get(pk=space.pk)
    if space.status == Space.Status.CLOSED:
        raise LifecycleError(_("%(space)s is closed already.") % {"space": space.name})
    if not reason.strip():
        raise LifecycleError(_("Say why the space closes: the reason is kept in its history."))
    space_closed(space)  # what it still waited for from the network is skipped, with the reason
    return _move(space, Space.Status.CLOSED, user, reason.strip())
