"""What other parts of Socle may listen to when the events a space shows change without a page save."""

from django.dispatch import Signal

# Sent after commit with ``space_ids``: the spaces whose calendars now show something else (a relayed
# event arrived, changed or was withdrawn, or an editor accepted or hid one). A page cache purges
# those spaces' pages on it.
listings_changed = Signal()


def announce_listings_changed(space_ids) -> None:
    """Tell listeners once the current transaction commits (a rolled-back delivery changed nothing)."""
    from django.db import transaction

    ids = sorted(set(space_ids))
    if ids:
        transaction.on_commit(lambda: listings_changed.send(sender=None, space_ids=ids))
