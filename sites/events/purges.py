"""When the network events a space shows change without a page of its own being saved (a relayed event
arrived, changed or was withdrawn, or an editor accepted or hid one), its cached calendars are purged."""

from django.db import transaction

from sites.pagecache.store import purge
from sites.pagecache.tags import list_tag

from .models import RelayedEvent


def purge_calendars(space_ids) -> None:
    """Purged now and again after commit: a page rendered from the old listing between the two is not kept."""
    ids = sorted(set(space_ids))
    if not ids:
        return
    tags = [list_tag(RelayedEvent)]
    purge(ids, tags)
    transaction.on_commit(lambda: purge(ids, tags))
