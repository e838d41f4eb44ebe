"""Coordinators' admin views: the wizard that opens a space, and a space's launch and closing."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from sites.core.coordinators import is_coordinator
from sites.spaces.models import Space

from .forms import CloseForm, LaunchForm, OpenSpaceForm, moved
from .lifecycle import LifecycleError, close, default_celebration, launch
from .opening import OpeningError, open_space, plan, site_url
from .pickers import served_port


def _coordinators_only(request) -> None:
    if not is_coordinator(request.user):
        raise PermissionDenied


def open_space_view(request):
    """Fill in the space, review what will be made, confirm: the space is opened in one transaction."""
    _coordinators_only(request)
    port = served_port(request)
    if request.method == "POST" and "move" in request.POST:
        return _reordered(request, port)
    form = OpenSpaceForm(request.POST or None, served_port=port)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():  # every problem of the request is the form's
        opening = form.opening_request()
        changed = form.changed_since_review()
        if not form.cleaned_data["confirmed"] or changed:
            data = form.data.copy()
            # What will be made, as it will be: the zone proposed for the country, the port used.
            data["confirmed"], data["time_zone"], data["port"] = "True", opening.time_zone, str(opening.port)
            data["reviewed"] = form.fingerprint()
            context.update(form=OpenSpaceForm(data, served_port=port), plan=plan(opening), changed=changed)
        else:
            done: list[str] = []
            try:
                space = open_space(opening, user=request.user, progress=done.append)
            except OpeningError as error:
                for name, problems in error.errors.items():
                    form.add_error(name, " ".join(problems))
            else:
                messages.success(request, _("%(name)s is opening: %(steps)s.") % {
                    "name": space.name, "steps": ", ".join(done)
                })  # fmt: skip
                return redirect("playbook_space", space.pk)
    return render(request, "playbook/open_space.html", context)


def _reordered(request, port: int):
    """Without a script, the languages' up and down buttons send the form: it comes back, the row moved."""
    data = request.POST.copy()
    order = moved(data.getlist("languages_order"), data["move"])
    chosen = set(data.getlist("languages"))
    data.setlist("languages_order", order)
    data.setlist("languages", [code for code in order if code in chosen])
    initial = {name: data.get(name, "") for name in OpenSpaceForm.base_fields if name != "languages"}
    initial["languages"] = {"chosen": data.getlist("languages"), "order": order}
    initial["confirmed"] = False  # a change after the review is reviewed again
    return render(request, "playbook/open_space.html", {"form": OpenSpaceForm(initial=initial, served_port=port)})


def space_view(request, space_id: int):
    """A space's opening: status, the checklist's progress, launch or close, and the history."""
    _coordinators_only(request)
    space = get_object_or_404(Space.objects.select_related("site"), pk=space_id)
    checklist = list(space.checklist.select_related("owner"))
    return render(
        request,
        "playbook/space.html",
        {
            "space": space,
            "checklist": checklist,
            "done": sum(step.finished for step in checklist),
            "left": [step for step in checklist if not step.finished],
            "history": space.lifecycle.select_related("by"),
            "launch_form": LaunchForm(initial={"celebration": default_celebration(space).replace(tzinfo=None)}),
            "close_form": CloseForm(),
            "site_url": site_url(space.site.hostname, space.site.port),
        },
    )


@require_POST
def launch_view(request, space_id: int):
    _coordinators_only(request)
    space = get_object_or_404(Space, pk=space_id)
    timezone.activate(space.zone)  # the celebration's time is typed in the space's zone
    form = LaunchForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect("playbook_space", space.pk)
    try:
        launch(space, request.user, form.cleaned_data["reason"], form.cleaned_data["celebration"])
    except LifecycleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is open: visitors see its site, and the network lists it.") % {
            "name": space.name
        })  # fmt: skip
    return redirect("playbook_space", space.pk)


@require_POST
def close_view(request, space_id: int):
    _coordinators_only(request)
    space = get_object_or_404(Space, pk=space_id)
    form = CloseForm(request.POST)
    form.is_valid()
    try:
        close(space, request.user, form.cleaned_data.get("reason", ""))
    except LifecycleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is closed: its site is offline for visitors; its content is kept.") % {
            "name": space.name
        })  # fmt: skip
    return redirect("playbook_space", space.pk)
