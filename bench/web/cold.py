"""Socle with every cache of its own cold on each request, as just after a publication in the
space asked for (gunicorn ``bench.web.cold:application``, bench only).

Before each request the space its hostname serves is purged as a publication purges it
(``pagecache.store.purge_spaces``: its pages, its fragments, the route of every page) and the
hostnames' answers start a new generation (``spaces.hosts.start_new_generation``), so the page is
found, routed and rendered from the database. Both are Redis deletes, timed with the request: their
cost counts against Socle. Requests carry a query string, so the page cache neither serves nor
stores the page itself.

Each answer says how many queries the page cost (``X-Bench-Queries``), so the benchmark can check
that the requests really were cold. A request with ``X-Bench-Warm: 1`` is served without the purge:
the warm count to compare with.
"""

from django.db import connection

from sites.wsgi import application as socle

_spaces: dict[str, int] | None = None


def _space_ids() -> dict[str, int]:
    """Each hostname's space, read once per worker: the bench's bookkeeping, not Socle's work."""
    global _spaces
    if _spaces is None:
        from sites.spaces.models import Space

        _spaces = dict(Space.objects.values_list("site__hostname", "pk"))
        connection.close()  # Socle's request opens its own, as on any first request
    return _spaces


class _Counter:
    def __init__(self):
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)


def application(environ, start_response):
    from sites.pagecache import store
    from sites.spaces import hosts

    space_id = _space_ids().get(environ.get("HTTP_HOST", "").split(":")[0])
    if space_id is not None and environ.get("HTTP_X_BENCH_WARM") != "1":
        store.purge_spaces([space_id])
        hosts.start_new_generation()
    counter = _Counter()

    def counted_start_response(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Bench-Queries", str(counter.queries))], exc_info)

    with connection.execute_wrapper(counter):
        # The body is made before start_response is called (Django's WSGI handler): the count is whole.
        return socle(environ, counted_start_response)
