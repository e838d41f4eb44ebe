"""Admin wiring: the coordinators' “Linked installs” screen, in the Network menu."""

from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sites.core.coordinators import CoordinatorMenuItem

from .admin_views import cancel_invitation_view, link_action_view, links_view


@hooks.register("register_admin_urls")
def federation_urls():
    return [
        path("network/links/", links_view, name="socle_federation_links"),
        re_path(r"^network/links/(?P<link_id>\d+)/(?P<action>pause|resume|revoke)/$", link_action_view,
                name="socle_federation_link_action"),  # fmt: skip
        path("network/invitations/<int:invitation_id>/cancel/", cancel_invitation_view,
             name="socle_federation_cancel_invitation"),  # fmt: skip
    ]


@hooks.register("register_socle_network_menu_item")
def links_menu_item():
    return CoordinatorMenuItem(_("Linked installs"), reverse("socle_federation_links"), icon_name="link", order=40)
