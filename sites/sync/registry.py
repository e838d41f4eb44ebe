"""Handlers that apply a kind of change to a batch of spaces.

A handler is called as ``handler(change, spaces)`` inside a transaction, for spaces that have not
received the change yet. It must be idempotent (a batch may be delivered twice when a worker dies
after doing the work but before acknowledging it) and must work per batch, not per space, so that
delivering to a thousand spaces costs a few queries per batch.

A kind may also cross to linked installs (``exports``): each install linked as a member then gets a
delivery too, and, for a kind that goes both ways, the network's install as well.
"""

from collections.abc import Callable

_handlers: dict[str, Callable] = {}
_exports: dict[str, tuple[Callable, bool]] = {}


def register(kind: str):
    def decorator(handler: Callable) -> Callable:
        if kind in _handlers and _handlers[kind] is not handler:
            raise ValueError(f"A handler is already registered for {kind!r}.")
        _handlers[kind] = handler
        return handler

    return decorator


def handler_for(kind: str) -> Callable:
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"No handler is registered for changes of kind {kind!r}.") from None


def exports(kind: str, *, both_ways: bool = False):
    """Register what a change of ``kind`` sends to linked installs: ``export(change, link)`` gives the
    message for that install (a JSON document with a unique ``id``), or None when there is nothing to
    send it (any more). A kind
    sent ``both_ways`` also goes from a member install up to the network's (the core only goes down)."""

    def decorator(export: Callable) -> Callable:
        _exports[kind] = (export, both_ways)
        return export

    return decorator


def export_for(kind: str) -> Callable | None:
    return _exports.get(kind, (None, False))[0]


def goes_both_ways(kind: str) -> bool:
    return _exports.get(kind, (None, False))[1]
