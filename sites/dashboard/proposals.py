"""The coordinators' queue of translations that spaces' editors propose for a shared language:
each with what it changes (the live text against the proposal) and the French source, to accept
or reject with a note. A coordinator's home shows how many wait."""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.components import Component

from sites.core.coordinators import is_coordinator
from sites.core.history import field_label, inline_diff
from sites.core.proposals import ReviewError, accept, flags, language_label, live_texts, reject, waiting_proposals
from sites.translation.state import words

from .views import coordinators_only


def _items(proposals) -> dict[tuple[int, int], object]:
    """Each proposal's value or principle, one query per kind."""
    ids: dict[int, set[int]] = {}
    for proposal in proposals:
        ids.setdefault(proposal.content_type_id, set()).add(proposal.object_id)
    found = {}
    for type_id, pks in ids.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        found |= {(type_id, item.pk): item for item in model.objects.filter(pk__in=pks)}
    return found


def proposal_rows(proposals) -> list[dict]:
    items = _items(proposals)
    rows = []
    for proposal in proposals:
        item = items.get((proposal.content_type_id, proposal.object_id))
        if item is None:
            continue
        live = live_texts(item, list(proposal.fields))
        source = item.translation_source_language()
        changes = []
        for name, proposed in sorted(proposal.fields.items()):
            if words(live[name]) == words(proposed):
                continue
            original = name.rpartition("_")[0]
            changes.append({"field": field_label(type(item), original), "diff": inline_diff(live[name], proposed),
                            "source": words(getattr(item, f"{original}_{source}", ""))})  # fmt: skip
        rows.append(
            {"proposal": proposal, "item": item, "language": language_label(proposal.language), "changes": changes,
             **flags(proposal, item)}
        )  # fmt: skip
    return rows


def proposals_view(request):
    coordinators_only(request)
    proposals = list(waiting_proposals().order_by("updated_at"))
    return render(request, "dashboard/proposals.html", {"rows": proposal_rows(proposals)})


@require_POST
def review_view(request, proposal_id: int):
    coordinators_only(request)
    note = request.POST.get("note", "")
    decision = request.POST.get("decision")
    try:
        if decision == "accept":
            proposal = accept(proposal_id, request.user, note.strip())
            message = _("The %(language)s translation by %(user)s is accepted and published.")
        elif decision == "reject":
            proposal = reject(proposal_id, request.user, note)
            message = _("The %(language)s translation by %(user)s is sent back to them with your note.")
        else:
            raise ReviewError(_("Choose to accept or to reject the proposal."))
    except ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message % {"language": language_label(proposal.language),
                                             "user": proposal.translator or "—"})  # fmt: skip
    return redirect("socle_dashboard_proposals")


class ProposalsWaitingPanel(Component):
    """On a coordinator's home: how many proposed translations wait for them."""

    name = "socle_proposals_waiting"
    template_name = "dashboard/proposals_panel.html"
    order = 35

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        if not is_coordinator(self.request.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {"count": waiting_proposals().count()}
