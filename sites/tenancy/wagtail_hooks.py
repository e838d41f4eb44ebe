"""Admin wiring of tenant isolation: the admin API's media and the page chooser scoped to the user's spaces."""

from wagtail import hooks

from sites.core.coordinators import is_coordinator
from sites.spaces.editors import editor_spaces
from sites.spaces.trees import SpaceTrees

from .admin_api import ScopedDocumentsAPIViewSet, ScopedImagesAPIViewSet


@hooks.register("construct_admin_api", order=100)  # after Wagtail's own registrations, to replace them
def scope_media_endpoints(router):
    router.register_endpoint("images", ScopedImagesAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAPIViewSet)


@hooks.register("construct_page_chooser_queryset")
def choose_pages_of_ones_own_spaces(pages, request):
    """A space's editors link to their own pages (another space's are linked by their public URL)."""
    if is_coordinator(request.user):
        return pages
    return pages.filter(SpaceTrees(editor_spaces(request.user)).pages())
