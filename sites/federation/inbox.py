"""What a linked install's messages do here, by type; apps register what they accept.

A handler is called as ``handler(link, document)`` inside the transaction that records the
message's receipt, once per message id: it may raise ``SchemaError`` to refuse a document.
"""

from collections.abc import Callable

from . import links

_handlers: dict[str, Callable] = {}


class Unknown(LookupError):
    pass


def accepts(kind: str):
    def decorator(handler: Callable) -> Callable:
        _handlers[kind] = handler
        return handler

    return decorator


def apply(link, kind: str, document: dict) -> None:
    handler = _handlers.get(kind)
    if handler is None:
        raise Unknown(f"This install does not know messages of type “{kind}”.")
    handler(link, document)


for _kind in ("link.paused", "link.resumed", "link.revoked"):
    accepts(_kind)(lambda link, document, kind=_kind: links.told(link, kind))
