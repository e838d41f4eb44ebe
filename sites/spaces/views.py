"""Public views that are not pages: the network's index of spaces (search is ``sites.sitesearch``)."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from django.shortcuts import render
from django.utils import translation

from sites.pagecache.tags import list_tag, record

from .languages import network_languages
from .localize import localize
from .models import Space

SPACES_PER_PAGE = 50


def space_entries(request, spaces) -> list[dict]:
    """Each space with its name and city in the reader's language, its country and its site's address."""
    _hostname, port = split_domain_port(request.get_host())
    suffix = f":{port}" if port else ""
    language = translation.get_language()
    return [
        {
            "space": space,
            "name": localize(space, "name", language, space),
            "city": localize(space, "city", language, space),
            "url": f"{request.scheme}://{space.site.hostname}{suffix}/",
            "country": space.country_name(language),
        }
        for space in spaces
    ]


def open_spaces():
    record(list_tag(Space))  # a cached page listing the spaces is purged when one opens, closes or changes
    return Space.objects.select_related("site").filter(status=Space.Status.OPEN).order_by("slug")


def network_index(request):
    """The bare host (no space): the network's open spaces, each linked to its own site."""
    return render(request, "spaces/network_index.html", {"entries": space_entries(request, open_spaces())})


def network_spaces(request):
    """On a space's site: the network's open spaces, searchable by name or city, a page at a time."""
    space = getattr(request, "space", None)
    if space is None:
        raise Http404("The list of spaces on a space's site.")
    query = request.GET.get("q", "").strip()[:100]
    spaces = open_spaces()
    if query:
        matches = Q(slug__icontains=query)
        for code in network_languages():  # a reader may know a space's name in any of its languages
            matches |= Q(**{f"name_{code}__icontains": query}) | Q(**{f"city_{code}__icontains": query})
        spaces = spaces.filter(matches)
    page = Paginator(spaces, SPACES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "spaces/network_spaces.html",
        {"space": space, "query": query, "page_obj": page, "entries": space_entries(request, page.object_list)},
    )
