"""Serve a space's public pages from the page cache to visitors who are not signed in.

Placed after the space and language middleware: ``request.space`` is known and the language is in
the path. Only plain page views are cached: a GET without a query string (search and filters are
not), from a visitor without a session (editors see drafts and their own bar), answered 200 with
HTML and no cookie.
"""

from django.conf import settings
from django.http import HttpResponse

from . import store, tags

KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        space = getattr(request, "space", None)
        if space is None or not store.enabled() or not self._cacheable_request(request):
            return self.get_response(request)
        key = store.page_key(space.pk, request.get_host(), request.path)
        entry = store.get(space.pk, key)
        if entry is not None:
            response = HttpResponse(entry["content"], status=200)
            for name, value in entry["headers"].items():
                response.headers[name] = value
            response.headers["X-Socle-Cache"] = "hit"
            return response

        recorded, token = tags.start()
        try:
            response = self.get_response(request)
        finally:
            tags.stop(token)
        if self._cacheable_response(response):
            headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
            store.put(space.pk, key, recorded, {"content": response.content, "headers": headers})
            response.headers["X-Socle-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.META.get("QUERY_STRING")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def _cacheable_response(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.headers.get("Content-Type", "").startswith("text/html")
            and "private" not in response.headers.get("Cache-Control", "")
            and "no-cache" not in response.headers.get("Cache-Control", "")
        )
