"""The local editor's side of a new principle version: see what to review, and acknowledge it."""

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.components import Component

from sites.spaces.editors import editor_spaces
from sites.spaces.models import Space

from .models import Adoption, CoreVersion, Principle, ReviewItem
from .sync import acknowledge


def pending_updates(spaces) -> list[dict]:
    """Per space, the principles with a version not yet taken up, their change notes and practices."""
    adoptions = (
        Adoption.objects.filter(space__in=spaces, latest_version__gt=F("adopted_version"))
        .select_related("space", "principle")
        .order_by("space__slug", "principle__sort_order")
    )
    items = ReviewItem.objects.filter(space__in=spaces, acknowledged_at__isnull=True).select_related("practice")
    practices: dict[tuple[int, int], list] = {}
    for item in items:
        practices.setdefault((item.space_id, item.principle_id), []).append(item.practice)
    notes = {
        (version.object_id, version.number): version.change_note
        for version in CoreVersion.objects.filter(
            content_type__model="principle", object_id__in={adoption.principle_id for adoption in adoptions}
        )
    }
    return [
        {
            "adoption": adoption,
            "change_note": notes.get((adoption.principle_id, adoption.latest_version), ""),
            "practices": practices.get((adoption.space_id, adoption.principle_id), []),
        }
        for adoption in adoptions
    ]


class PrincipleUpdatesPanel(Component):
    name = "socle_principle_updates"
    template_name = "core/admin/principle_updates_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        return {
            "updates": pending_updates(editor_spaces(self.request.user)),
            "request": self.request,
            # The panel is rendered outside the page's template context: hand it the form token.
            "csrf_token": get_token(self.request),
        }


@require_POST
def acknowledge_view(request, space_id: int, principle_id: int):
    space = get_object_or_404(Space, pk=space_id)
    principle = get_object_or_404(Principle, pk=principle_id)
    if space not in editor_spaces(request.user) and not request.user.is_superuser:
        raise PermissionDenied
    acknowledge(space, principle, request.user)
    messages.success(
        request, _("%(space)s now follows the latest version of “%(principle)s”.") % {
            "space": space.name, "principle": principle.statement
        }
    )  # fmt: skip
    return redirect("wagtailadmin_home")
