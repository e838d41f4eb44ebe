"""Pushing a message to a linked install's inbox, and what its answer means for the delivery."""

from django.utils import timezone

from . import client
from .models import Link


class NotDelivered(Exception):
    """The linked install did not take the message: it stays owed, and is tried again."""


def push(link: Link, message: dict) -> None:
    """Send ``message`` to ``link``'s inbox; ``NotDelivered`` naming why unless it was taken (the
    caller records it: it usually runs in a transaction that the failure rolls back)."""
    try:
        response = client.send(link.address, "/link/inbox/", message)
    except client.Unreachable as error:
        raise NotDelivered(str(error)) from error
    if response.status_code == 200:
        Link.objects.filter(pk=link.pk).update(last_contact_at=timezone.now(), last_error="")
        return
    try:
        reason = client.answer(response).get("error", "")
    except client.Unreachable as error:
        reason = str(error)
    raise NotDelivered(f"{link.address} answered {response.status_code}: {reason}")
