"""Serve a space's public pages from the page cache to visitors who are not signed in.

The first middleware after the probes: a cached page is found by its address alone and served
without looking up its space (what it was rendered under is checked by its tags: a change to the
space purges them all), with every header the middleware after it had added to it (security
headers, X-Frame-Options, Content-Language...). In production ``front`` answers the same entries
before Django builds its request; this middleware answers them where Django is entered otherwise
(the test client) and stores what is rendered afresh.

Only plain page views are cached: a GET or HEAD without a query string (search and filters are not),
from a visitor without a session (editors see drafts and their own bar), answered 200 with HTML and
no cookie, for a space (not the admin nor the network index). A page is kept per scheme: under
``SECURE_SSL_REDIRECT`` a plain-HTTP request is never answered from the cache (the security
middleware redirects it), and HSTS is only on pages that were served over HTTPS.
"""

from django.conf import settings
from django.http import HttpResponse

from . import fragments, store, tags

# Made anew for each answer, never kept with a page.
PER_ANSWER = {"content-length", "x-socle-cache"}
# Set by ``front`` on a request it looked up and did not find: the key, not to be looked up again.
LOOKED_UP = "socle.pagecache.looked_up"


def cached_page_key(request) -> str | None:
    """The key under which this request's page is kept, or None if it is not answered from the cache.

    ``request.get_host()`` raises ``DisallowedHost`` for a host that is not allowed, as Django does.
    """
    if (
        not store.enabled()
        or request.method not in ("GET", "HEAD")
        or request.META.get("QUERY_STRING")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
        or not takes_html(request.META.get("HTTP_ACCEPT", ""))
        or (settings.SECURE_SSL_REDIRECT and not request.is_secure())
    ):
        return None
    return store.page_key(request.scheme, request.get_host(), request.path)


def takes_html(accept: str) -> bool:
    """Whether a client takes the HTML page kept: one that asks only for something else (a fediverse
    server asking for ActivityStreams) is answered by the view, which may have another form of it."""
    return not accept or "text/html" in accept or "*/*" in accept


def cached_answer(entry: dict) -> tuple[list[tuple[str, str]], bytes]:
    """The headers and body a cached page is answered with."""
    content = entry["content"]
    headers = [*entry["headers"].items(), ("Content-Length", str(len(content))), ("X-Socle-Cache", "hit")]
    return headers, content


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
        key = cached_page_key(request)
        if key is None:
            return self.get_response(request)
        entry = store.get(key) if request.META.get(LOOKED_UP) != key else None
        if entry is not None:
            headers, content = cached_answer(entry)
            response = HttpResponse(content)
            for name, value in headers:
                response.headers[name] = value
            return response

        recorded, token = tags.start()
        try:
            response = self.get_response(request)
        finally:
            tags.stop(token)
        space = getattr(request, "space", None)
        if space is not None and self._cacheable_response(response):
            headers = {name: value for name, value in response.headers.items() if name.lower() not in PER_ANSWER}
            store.put(space.pk, key, recorded, {"content": response.content, "headers": headers})
            response.headers["X-Socle-Cache"] = "miss"
        return response

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
