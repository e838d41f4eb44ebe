"""Admin wiring of the playbook: its stages and steps, the checklist, opening and closing spaces."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sites.core.coordinators import CoordinatorMenuItem

from .views import close_view, launch_view, open_space_view, space_view
from .viewsets import ChecklistViewSet, PlaybookViewSetGroup


@hooks.register("register_admin_viewset")
def register_playbook_viewsets():
    return [PlaybookViewSetGroup(), ChecklistViewSet("checklist")]


@hooks.register("register_admin_urls")
def playbook_urls():
    return [
        path("playbook/open/", open_space_view, name="playbook_open_space"),
        path("playbook/spaces/<int:space_id>/", space_view, name="playbook_space"),
        path("playbook/spaces/<int:space_id>/launch/", launch_view, name="playbook_launch"),
        path("playbook/spaces/<int:space_id>/close/", close_view, name="playbook_close"),
    ]


@hooks.register("register_admin_menu_item")
def open_space_menu_item():
    return CoordinatorMenuItem(_("Open a space"), reverse("playbook_open_space"), icon_name="plus", order=212)
