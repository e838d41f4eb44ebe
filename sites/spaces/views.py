"""Public views that are not pages: site-scoped search, and the network's index of spaces."""

from django.core.paginator import Paginator
from django.http import Http404
from django.http.request import split_domain_port
from django.shortcuts import render
from django.utils import translation
from wagtail.models import Page

from .models import Space

RESULTS_PER_PAGE = 10


def search(request):
    """Search this space's pages only (Wagtail's database backend): Paris never finds Moscow."""
    space = getattr(request, "space", None)
    if space is None:
        raise Http404("Search belongs to a space's site.")
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live()
            .public()
            .descendant_of(space.site.root_page, inclusive=True)
            .specific()
            .search(query, operator="and")
        )
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "spaces/search.html", {"space": space, "query": query, "results": page})


def network_index(request):
    """The bare host (no space): the network's open spaces, each linked to its own site."""
    spaces = Space.objects.select_related("site").filter(status=Space.Status.OPEN).order_by("slug")
    _hostname, port = split_domain_port(request.get_host())
    suffix = f":{port}" if port else ""
    entries = [
        {
            "space": space,
            "url": f"{request.scheme}://{space.site.hostname}{suffix}/",
            "country": space.country_name(translation.get_language()),
        }
        for space in spaces
    ]
    return render(request, "spaces/network_index.html", {"entries": entries})
