"""What other apps may act on: a link just made (the core sends what the new install must have)."""

from django.dispatch import Signal

# Sent with ``link``, inside the transaction that made it.
linked = Signal()
