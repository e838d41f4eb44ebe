"""The admin screen where a space's editors see who follows it on the fediverse and what was sent."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from sites.events.curation import curating_spaces

from .actors import handle
from .models import Follower, Push

RECENT = 30
# What each activity a space sends means to its editors.
ACTIVITIES = {
    "Create": _("Event shared"),
    "Update": _("Event updated"),
    "Delete": _("Event withdrawn"),
    "Accept": _("Follow accepted"),
}


def fediverse_view(request):
    spaces = curating_spaces(request.user)
    if not spaces:
        raise PermissionDenied
    sections = []
    for space in spaces:
        pushes = Push.objects.filter(space=space)
        sections.append({
            "space": space,
            "handle": handle(space),
            "followers": Follower.objects.filter(space=space).order_by("-followed_at"),
            "counts": pushes.aggregate(
                pending=Count("pk", filter=Q(state=Push.State.PENDING)),
                failed=Count("pk", filter=Q(state=Push.State.FAILED)),
            ),
            "recent": [(push, ACTIVITIES.get(push.activity.get("type"), push.activity.get("type")))
                       for push in pushes.order_by("-created_at")[:RECENT]],
        })  # fmt: skip
    return render(request, "fediverse/admin/fediverse.html", {"sections": sections})
