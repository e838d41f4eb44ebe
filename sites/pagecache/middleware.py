"""Serve a space's public pages from the page cache to visitors who are not signed in.

Placed before sessions, users and the space and language middleware: a cached page is found by its
address alone and served without looking up its space (what it was rendered under is checked by
its tags: a change to the space purges them all). A page rendered afresh is stored once the inner
middleware has set ``request.space``, with the headers they added. Only plain page views are
cached: a GET without a query string (search and filters are not), from a visitor without a
session (editors see drafts and their own bar), answered 200 with HTML and no cookie, for a space
(not the admin nor the network index).
"""

from django.conf import settings
from django.http import HttpResponse

from . import fragments, store, tags

# What a visitor's page is served with, beside the headers the outer middleware add to every answer.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Frame-Options", "Vary")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self._respond(request)
        finally:
            store.write_pending()  # what the request kept (its page, its fragments): one round trip
            fragments.remember_used(request)

    def _respond(self, request):
        if not store.enabled() or not self._cacheable_request(request):
            return self.get_response(request)
        key = store.page_key(request.get_host(), request.path)
        entry = store.get(key)
        if entry is not None:
            response = HttpResponse(entry["content"], status=200)
            for name, value in entry["headers"].items():
                response.headers[name] = value
            response.headers["Content-Length"] = str(len(response.content))  # as CommonMiddleware does
            response.headers["X-Socle-Cache"] = "hit"
            return response

        recorded, token = tags.start()
        try:
            response = self.get_response(request)
        finally:
            tags.stop(token)
        space = getattr(request, "space", None)
        if space is not None and self._cacheable_response(response):
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
