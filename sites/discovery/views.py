"""``/sitemap.xml`` and ``/robots.txt`` of each space's site, from the hostname asked.

The sitemap lists every page a visitor may read, once per language of the space, each entry with
its alternates in exactly the space's languages (and ``x-default``, the space's default language):
search engines then show a reader the page in their language. A space that is opening or closed
lists nothing and asks crawlers to keep out (``spaces.middleware`` lets these two addresses through
whatever the space's status).
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from sites.spaces.middleware import whatever_the_status
from sites.spaces.models import Space

from .pages import public_pages

# Addresses under each language that are no page of their own: results of a query, and feeds
# (iCalendar and JSON) that calendars read, not search engines.
UNINDEXED_ROUTES = (
    ("search", ()),
    ("space_calendar_ics", ()),
    ("space_calendar_json", ()),
    ("network_calendar_ics", ()),
    ("network_calendar_json", ()),
)


def _in_language(language: str, path_under_home: str) -> str:
    with translation.override(language):
        return reverse("wagtail_serve", args=(path_under_home,))


@whatever_the_status
def sitemap(request):
    space = getattr(request, "space", None)
    entries = []
    if space is not None and space.status == Space.Status.OPEN:
        languages = space.language_codes
        for path, published in public_pages(space):
            urls = {code: request.build_absolute_uri(_in_language(code, path)) for code in languages}
            alternates = [*urls.items(), ("x-default", urls[languages[0]])]
            lastmod = published.isoformat(timespec="seconds") if published else None
            entries += [{"loc": url, "lastmod": lastmod, "alternates": alternates} for url in urls.values()]
    return render(request, "discovery/sitemap.xml", {"entries": entries}, content_type="application/xml")


def _disallowed_paths(space) -> list[str]:
    paths = ["/admin/", "/api/"]
    for language in space.language_codes if space is not None else []:
        with translation.override(language):
            paths += [reverse(name, args=args) for name, args in UNINDEXED_ROUTES]
            # Each programme's own feed: /fr/calendar/programmes/<slug>.ics
            paths.append(reverse("programme_calendar_ics", args=("x",)).rsplit("/", 1)[0] + "/")
    return paths


@whatever_the_status
def robots(request):
    space = getattr(request, "space", None)
    lines = []
    if space is not None and space.status != Space.Status.OPEN:
        # Nothing to index yet, or any more: every page answers that the space opens soon, or has closed.
        lines += [f"# {space.name}: {space.get_status_display()}", "User-agent: *", "Disallow: /"]
    else:
        lines += ["User-agent: *", *(f"Disallow: {path}" for path in _disallowed_paths(space))]
        if space is not None:
            lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
