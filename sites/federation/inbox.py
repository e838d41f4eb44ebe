"""What a linked install's messages do here, by type; apps register what they accept.

A handler is called as ``handler(link, document)`` inside the transaction that records the
message's receipt, once per message id: it may raise ``SchemaError`` to refuse a document.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from . import links
from .models import Link, Received
from .schema import require

_handlers: dict[str, Callable] = {}


class Unknown(LookupError):
    pass


def accepts(kind: str):
    def decorator(handler: Callable) -> Callable:
        _handlers[kind] = handler
        return handler

    return decorator


def receive(link: Link, document) -> bool:
    """Apply a message from ``link`` (pushed to the inbox, or pulled) unless it was already; whether it
    was new. Raises ``SchemaError`` or ``Unknown``, with nothing applied."""
    message = require(document, {"id": str, "type": str}, "message")
    with transaction.atomic():
        _receipt, new = Received.objects.get_or_create(
            link=link, message_id=message["id"][:64], defaults={"kind": message["type"][:80]}
        )
        if new:
            apply(link, message["type"], document)
    Link.objects.filter(pk=link.pk).update(last_contact_at=timezone.now())
    return new


def apply(link, kind: str, document: dict) -> None:
    handler = _handlers.get(kind)
    if handler is None:
        raise Unknown(f"This install does not know messages of type “{kind}”.")
    handler(link, document)


for _kind in ("link.paused", "link.resumed", "link.revoked"):
    accepts(_kind)(lambda link, document, kind=_kind: links.told(link, kind))
