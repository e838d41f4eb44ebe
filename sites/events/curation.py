"""A space's local editors decide which network events its calendar shows: accept or hide each one."""

from django.utils import timezone

from sites.spaces.editors import editor_spaces

from .models import RelayedEvent
from .purges import purge_calendars


def curating_spaces(user) -> list:
    """The spaces whose network events ``user`` curates: their own (a superuser: every space)."""
    if user.is_superuser:
        from sites.spaces.models import Space

        return list(Space.objects.exclude(status=Space.Status.CLOSED).order_by("slug"))
    return editor_spaces(user)


def curate(relay: RelayedEvent, decision: str, user=None) -> None:
    """Accept or hide a relayed event for its space; the decision outlives every update of the origin."""
    if decision not in (RelayedEvent.Curation.ACCEPTED, RelayedEvent.Curation.HIDDEN):
        raise ValueError(decision)
    RelayedEvent.objects.filter(pk=relay.pk).update(curation=decision, curated_by=user, curated_at=timezone.now())
    relay.curation = decision
    purge_calendars([relay.space_id])
