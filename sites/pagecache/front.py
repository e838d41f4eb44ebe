"""The page cache at the front door: a cached page answered before Django handles the request.

A page from the cache needs none of what Django does for every request (the request started and
finished signals, the middleware chain, a response object): here it costs the request's address,
one round trip to the cache and the answer. What is cacheable, and under which key, is the page
cache middleware's rule (``cached_page_key``), applied to the same ``WSGIRequest`` Django would
build; anything else, a miss, or any failure here goes on to Django, which renders it and stores it.
"""

import logging

from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from . import store
from .middleware import LOOKED_UP, cached_answer, cached_page_key

logger = logging.getLogger(__name__)


class CachedPagesFirst:
    """Wraps Django's WSGI application (``sites.wsgi``)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            answer = self._cached(environ)
        except Exception:  # the cache is an accelerator: Django still answers
            logger.exception("The page cache could not be read at the front door.")
            answer = None
        if answer is None:
            return self.application(environ, start_response)
        headers, content = answer
        start_response("200 OK", headers)
        return [b"" if environ.get("REQUEST_METHOD", "").upper() == "HEAD" else content]

    @staticmethod
    def _cached(environ):
        # On a copy: Django's own request decodes the path from the environ as the server gave it.
        request = WSGIRequest(dict(environ))
        try:
            key = cached_page_key(request)
        except DisallowedHost:
            return None  # Django answers it (400) and logs it
        if key is None:
            return None
        entry = store.get(key)
        if entry is None:
            environ[LOOKED_UP] = key  # Django renders it without asking the cache again
            return None
        return cached_answer(entry)
