"""Admin: each space's editors see its fediverse followers and the deliveries to their servers."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sites.events.curation import curating_spaces

from . import admin_views


@hooks.register("register_admin_urls")
def fediverse_urls():
    return [path("fediverse/", admin_views.fediverse_view, name="socle_fediverse")]


class FediverseMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(curating_spaces(request.user))


@hooks.register("register_admin_menu_item")
def fediverse_menu_item():
    return FediverseMenuItem(_("On the fediverse"), reverse("socle_fediverse"), icon_name="globe", order=330)
