"""Admin wiring of tenant isolation: the admin API's media and the page chooser scoped to the user's spaces,
and menus that offer only what the boundary lets the user open."""

from urllib.parse import urlsplit

from wagtail import hooks

from sites.core.coordinators import is_coordinator
from sites.spaces.editors import editor_spaces
from sites.spaces.trees import SpaceTrees

from .admin_api import ScopedDocumentsAPIViewSet, ScopedImagesAPIViewSet
from .boundary import Boundary
from .explorer import ScopedPageViewSet


@hooks.register("construct_admin_api", order=100)  # after Wagtail's own registrations, to replace them
def scope_media_endpoints(router):
    router.register_endpoint("images", ScopedImagesAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAPIViewSet)


@hooks.register("register_admin_viewset")
def scope_the_explorers_filters():
    return ScopedPageViewSet("socle_pages")


@hooks.register("construct_page_chooser_queryset")
def choose_pages_of_ones_own_spaces(pages, request):
    """A space's editors link to their own pages (another space's are linked by their public URL)."""
    if is_coordinator(request.user):
        return pages
    return pages.filter(SpaceTrees(editor_spaces(request.user)).pages())


def hide_what_the_boundary_refuses(request, menu_items):
    """Wagtail shows a menu item by the user's model permissions; the boundary may still refuse its
    address (a network-wide report, say). Such an item would lead to a refusal: it is not shown.
    A submenu left empty is hidden by Wagtail itself."""
    if is_coordinator(request.user):
        return
    boundary = Boundary(request.user)
    menu_items[:] = [
        item
        for item in menu_items
        if not urlsplit(item.url).path.startswith("/admin/") or boundary.allows(request, urlsplit(item.url).path)
    ]


for menu_hook in ("construct_main_menu", "construct_reports_menu", "construct_settings_menu", "construct_help_menu"):
    hooks.register(menu_hook, hide_what_the_boundary_refuses)
