"""What other apps may act on: a link just made (the core sends what the new install must have), and a
link revoked, from either side (what came from that install leaves this one's calendars)."""

from django.dispatch import Signal

# Both are sent with ``link``, inside the transaction that made or revoked it.
linked = Signal()
revoked = Signal()
