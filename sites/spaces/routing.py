"""A space's addresses: the page an address names, found in two queries however deep it lies (one
when this process found it before), and the address of a page of the space, made without looking
at every other site.

Wagtail walks down from the site's root page, two queries a level (the child by its slug, then its
specific type), and a third for the root itself. A space's pages all lie under its home, whose
``url_path`` comes with the cached space (``hosts``): the page is the deepest of the home's
descendants whose ``url_path`` starts the address, found in one query, then read as its own type
with whether it or an ancestor is restricted (their restrictions are read only then). The page
an address named last time is read straight away, checked to be still there.
Anything left of the address goes to that page's own ``route`` (a 404 for Socle's pages), so the
outcome is Wagtail's: same page, same 404s, same unpublished pages refused.

What is found, with the page's view restrictions, is kept as a fragment of the space
(``pagecache.fragments``) under the page's tag: publishing the page purges it, and moving or
deleting a page, changing a slug or a restriction purges the whole space; so a page rendered afresh
is found without a query.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction

from sites import precompiled
from sites.pagecache import fragments
from sites.pagecache.fragments import fragment
from sites.pagecache.tags import record, tag_for


def route(request, space, path: str):
    """Wagtail's ``RouteResult`` for ``path`` on the space's site; Http404 when nothing is there."""
    components = [component for component in path.split("/") if component]
    key = "route:" + "/".join(components)
    return fragment(space, key, lambda: _route_with_restrictions(request, space, components))


def _route_with_restrictions(request, space, components: list[str]):
    result = _route(request, space, components)
    page = result.page
    record(tag_for(page))
    # Kept with the page: SpacePage.get_view_restrictions answers from it without a query. Read
    # only when the page was found with some on it or an ancestor (rarely: no query most times).
    restricted = getattr(page, "socle_restricted", True)
    page.__dict__["_view_restrictions"] = list(page.get_view_restrictions()) if restricted else []
    return result


# The page each address of a space named when this process last looked it up, by the home's tree
# path and the address: (id, content type, tree path). Kept only when the page was the address
# whole (nothing left to route), and used only as a guess that the next lookup checks: the page
# must still have that id, type and address, so a moved, retyped or deleted page is looked up
# anew. A space rendered cold (after a publication) then finds its page in one query, not two.
# Past the limit the memory starts empty again.
_KNOWN_LIMIT = 50_000
_known: dict[tuple[str, tuple[str, ...]], tuple[int, int, str]] = {}


def _route(request, space, components: list[str]):
    home = space.site.root_page
    page = None
    known = _known.get((home.path, tuple(components))) if components else None
    if known is not None:
        page = _read_page(*known, url_path=home.url_path + "/".join(components) + "/")
    if page is None:
        deepest = _deepest(home, components)
        if deepest is None:
            raise Http404
        page = _read_page(*deepest[:3])
        if page is None:  # deleted since
            raise Http404
        rest = components[deepest[3] - home.depth :]
        if components and not rest:
            if len(_known) >= _KNOWN_LIMIT:
                _known.clear()
            _known[home.path, tuple(components)] = deepest[:3]
        return page.route(request, rest)
    return page.route(request, [])


def _deepest(home, components: list[str]) -> tuple[int, int, str, int] | None:
    """(id, content type, tree path, depth) of the deepest page of the space that the address starts with."""
    if not components:
        return home.pk, home.content_type_id, home.path, home.depth
    prefixes = [home.url_path + "/".join(components[:end]) + "/" for end in range(1, len(components) + 1)]
    found = precompiled.run(("routing.deepest", len(prefixes)), _deepest_pages, home.path, home.depth, *prefixes)
    return (found[0].pk, found[0].content_type_id, found[0].path, found[0].depth) if found else None


def _deepest_pages(home_path: str, home_depth: int, *prefixes: str):
    # Among the home's descendants (the tree's path index): the network's size does not count.
    return (
        Page.objects.filter(path__startswith=home_path, depth__gt=home_depth, url_path__in=prefixes)
        .order_by("-depth")
        .only("pk", "content_type_id", "path", "depth")[:1]
    )


def _read_page(pk: int, content_type_id: int, path: str, url_path: str | None = None):
    """The page as its own type, with whether it or an ancestor is restricted; None if it is not
    there (with ``url_path``: not at that address any more)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    ancestors = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    checked = url_path is not None

    def pages(pk: int, *values: str):  # values: the address to check, if any, then the tree paths
        pages = model._default_manager.filter(pk=pk)
        if checked:
            pages, values = pages.filter(url_path=values[0]), values[1:]
        return pages.annotate(socle_restricted=_restricted(values))[:1]

    shape = ("routing.page", model, len(ancestors), checked)
    found = precompiled.run(shape, pages, pk, *([url_path] if checked else []), *ancestors)
    return found[0] if found else None


def _restricted(paths) -> Exists:
    """Whether a page at one of ``paths`` (a page and its ancestors) has a view restriction (an alias
    counting through the page it copies), as ``SpacePage.get_view_restrictions`` reads them."""
    sources = Page.objects.filter(path__in=paths).annotate(source=Coalesce("alias_of_id", "id"))
    return Exists(PageViewRestriction.objects.filter(page_id__in=sources.values_list("source", flat=True)))


def serve(request, path):
    """Wagtail's own view, handed the route found above (it keeps every hook: restrictions, etc.)."""
    space = getattr(request, "space", None)
    if space is not None and not hasattr(request, "_wagtail_route_for_request"):
        fragments.prefetch(request)  # the route, menu... its last render read: one round trip
        # Wagtail's Page.route_for_request reads its answer from this attribute when it is set.
        try:
            request._wagtail_route_for_request = route(request, space, path)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


def path_in_space(page, space) -> str | None:
    """The page's address on the space's own site (``/fr/visit/``), or None if it lies elsewhere.

    Wagtail reads and scans the root paths of every site for each link it makes, which grows with
    the network; a page of the space being served only needs its home's path. The address is in
    the active language when the space serves it, else in the space's default.
    """
    home_path = space.site.root_page.url_path
    if not page.url_path.startswith(home_path):
        return None
    served = space.language_codes
    language = translation.get_language()
    with translation.override(language if language in served else served[0]):
        return reverse("wagtail_serve", args=(page.url_path[len(home_path) :],))
