"""Handlers that apply a kind of change to a batch of spaces.

A handler is called as ``handler(change, spaces)`` inside a transaction, for spaces that have not
received the change yet. It must be idempotent (a batch may be delivered twice when a worker dies
after doing the work but before acknowledging it) and must work per batch, not per space, so that
delivering to a thousand spaces costs a few queries per batch.
"""

from collections.abc import Callable

_handlers: dict[str, Callable] = {}


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
