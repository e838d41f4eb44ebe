"""Values kept for the request being served, and for it only: read once however often it asks.

Outside a request (a task, a command, a shell) nothing is kept and every call computes afresh.
"""

import threading

from django.core.signals import request_finished, request_started

_local = threading.local()


def _request_started(**kwargs) -> None:
    _local.values = {}


def _request_finished(**kwargs) -> None:
    _local.values = None


request_started.connect(_request_started, dispatch_uid="request-memo-started")
request_finished.connect(_request_finished, dispatch_uid="request-memo-finished")


def for_this_request(name: str, compute):
    """``compute()``, or what it returned earlier in this request."""
    values = getattr(_local, "values", None)
    if values is None:
        return compute()
    if name not in values:
        values[name] = compute()
    return values[name]


def forget(name: str) -> None:
    """What changed during the request is computed again the next time it is asked."""
    values = getattr(_local, "values", None)
    if values:
        values.pop(name, None)


def in_request() -> bool:
    """Whether a request is being served (what is kept then lasts until it ends)."""
    return getattr(_local, "values", None) is not None
