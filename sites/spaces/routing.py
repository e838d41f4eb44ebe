"""Find the page a space's address names in two queries, however deep it lies.

Wagtail walks down from the site's root page, two queries a level (the child by its slug, then its
specific type), and a third for the root itself. A space's pages all lie under its home, whose
``url_path`` comes with the cached space (``hosts``): the page is the deepest of the home's
descendants whose ``url_path`` starts the address, found in one query, then read as its own type.
Anything left of the address goes to that page's own ``route`` (a 404 for Socle's pages), so the
outcome is Wagtail's: same page, same 404s, same unpublished pages refused.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page


def route(request, space, path: str):
    """Wagtail's ``RouteResult`` for ``path`` on the space's site; Http404 when nothing is there."""
    home = space.site.root_page
    components = [component for component in path.split("/") if component]
    if not components:
        return home.specific.route(request, [])
    prefixes = [home.url_path + "/".join(components[:end]) + "/" for end in range(1, len(components) + 1)]
    deepest = (
        Page.objects.filter(url_path__in=prefixes, depth__gt=home.depth)
        .order_by("-depth")
        .values_list("pk", "content_type_id", "depth")
        .first()
    )
    if deepest is None:
        raise Http404
    pk, content_type_id, depth = deepest
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    page = model._default_manager.get(pk=pk)
    return page.route(request, components[depth - home.depth :])


def serve(request, path):
    """Wagtail's own view, handed the route found above (it keeps every hook: restrictions, etc.)."""
    space = getattr(request, "space", None)
    if space is not None and not hasattr(request, "_wagtail_route_for_request"):
        # Wagtail's Page.route_for_request reads its answer from this attribute when it is set.
        try:
            request._wagtail_route_for_request = route(request, space, path)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)
