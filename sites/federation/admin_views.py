"""The coordinators' screen of linked installs: invite one, join a network with a code, pause,
resume or revoke a link."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from sites.core.coordinators import is_coordinator

from . import links
from .client import Unreachable
from .models import Invitation, Link

JUST_MADE = "socle_link_invitation"


def coordinators_only(request) -> None:
    if not is_coordinator(request.user):
        raise PermissionDenied


class InviteForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("For"), max_length=120, required=False,
                           help_text=gettext_lazy("Who it is for, e.g. NUMA Moscow."))  # fmt: skip


class JoinForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Invitation code"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=gettext_lazy("The code the network's coordinator gave you, whole."))  # fmt: skip


def links_view(request):
    coordinators_only(request)
    invite_form, join_form = InviteForm(prefix="invite"), JoinForm(prefix="join")
    if request.method == "POST" and "invite-note" in request.POST:
        invite_form = InviteForm(request.POST, prefix="invite")
        if invite_form.is_valid():
            try:
                invitation, code = links.invite(invite_form.cleaned_data["note"], request.user)
            except Unreachable as error:
                invite_form.add_error(None, _("Other installs could not reach this one: %(error)s") % {"error": error})
            else:
                # Shown on the page the redirect leads to, and never again (a reload makes no second one).
                request.session[JUST_MADE] = {"code": code, "invitation": invitation.pk}
                return redirect("socle_federation_links")
    elif request.method == "POST":
        join_form = JoinForm(request.POST, prefix="join")
        if join_form.is_valid():
            try:
                link = links.join(join_form.cleaned_data["code"])
            except links.LinkError as error:
                join_form.add_error("code", str(error))
            else:
                messages.success(request, _("This install is now linked to %(name)s.") % {"name": link.name})
                return redirect("socle_federation_links")
    just_made = request.session.pop(JUST_MADE, None) if request.method == "GET" else None
    return render(
        request,
        "federation/links.html",
        {
            "invite_form": invite_form,
            "join_form": join_form,
            "code": just_made and just_made["code"],
            "invitation": just_made and Invitation.objects.filter(pk=just_made["invitation"]).first(),
            "links": Link.objects.annotate(owed=Count("deliveries", filter=Q(deliveries__state="pending"))),
            # An install takes the core from one network, or gives it to others: each sees the form it needs.
            "is_member": Link.objects.filter(role=Link.Role.NETWORK).exclude(state=Link.State.REVOKED).exists(),
            "has_members": Link.objects.filter(role=Link.Role.MEMBER).exclude(state=Link.State.REVOKED).exists(),
            "invitations": Invitation.objects.open().select_related("created_by"),
        },
    )


ACTIONS = {
    "pause": (links.pause, gettext_lazy("The link with %(name)s is paused: nothing crosses it until you resume it.")),
    "resume": (links.resume, gettext_lazy("The link with %(name)s is resumed.")),
    "revoke": (links.revoke, gettext_lazy("The link with %(name)s is revoked, in both directions.")),
}


@require_POST
def link_action_view(request, link_id: int, action: str):
    coordinators_only(request)
    link = get_object_or_404(Link, pk=link_id)
    act, done = ACTIONS[action]
    try:
        heard = act(link)
    except links.LinkError as error:
        messages.error(request, str(error))
        return redirect("socle_federation_links")
    messages.success(request, done % {"name": link.name})
    if not heard:
        messages.warning(
            request,
            _("%(name)s could not be told now; it applies here already, and its messages are refused meanwhile.")
            % {"name": link.name},
        )
    return redirect("socle_federation_links")


@require_POST
def cancel_invitation_view(request, invitation_id: int):
    coordinators_only(request)
    invitation = get_object_or_404(Invitation.objects.open(), pk=invitation_id)
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    messages.success(request, _("The invitation is cancelled: its code no longer links anything."))
    return redirect("socle_federation_links")
