"""Admin wiring: the coordinators' "Network" area, and the editors' to-do panel on the admin home."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from sites.core.coordinators import CoordinatorMenuItem, is_coordinator

from .proposals import ProposalsWaitingPanel, proposals_view, review_view
from .todo import EditorTodoPanel
from .tokens import revoke_view, tokens_view
from .views import matrix_view, overview_view, space_view


@hooks.register("register_admin_urls")
def dashboard_urls():
    return [
        path("network/", overview_view, name="socle_dashboard"),
        path("network/spaces/<int:space_id>/", space_view, name="socle_dashboard_space"),
        path("network/principles/", matrix_view, name="socle_dashboard_matrix"),
        path("network/translations/", proposals_view, name="socle_dashboard_proposals"),
        path("network/translations/<int:proposal_id>/review/", review_view, name="socle_dashboard_review_proposal"),
        path("network/tokens/", tokens_view, name="socle_dashboard_tokens"),
        path("network/tokens/<int:token_id>/revoke/", revoke_view, name="socle_dashboard_revoke_token"),
    ]


class CoordinatorSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def network_menu():
    items = [
        CoordinatorMenuItem(_("Every space"), reverse("socle_dashboard"), icon_name="globe", order=10),
        CoordinatorMenuItem(_("Principles × spaces"), reverse("socle_dashboard_matrix"), icon_name="table", order=20),
        CoordinatorMenuItem(
            _("Proposed translations"), reverse("socle_dashboard_proposals"), icon_name="doc-full", order=25
        ),
        CoordinatorMenuItem(_("API tokens"), reverse("socle_dashboard_tokens"), icon_name="key", order=30),
        # Other apps' screens for coordinators (e.g. linked installs), without the dashboard importing them.
        *(item() for item in hooks.get_hooks("register_socle_network_menu_item")),
    ]
    return CoordinatorSubmenu(_("Network"), Menu(items=items), icon_name="site", order=150)


@hooks.register("insert_global_admin_css")
def dashboard_css():
    return format_html('<link rel="stylesheet" href="{}">', static("dashboard/css/dashboard.css"))


@hooks.register("construct_homepage_panels")
def editor_todo_panel(request, panels):
    panels.append(EditorTodoPanel(request))
    panels.append(ProposalsWaitingPanel(request))
