"""Adopting a peer practice: a local editor copies another space's practice into their own space, as a
draft that keeps where it came from, to rewrite it for their own culture."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sites.spaces.models import Space
from sites.spaces.trees import SpaceTrees

from .models import PracticeIndexPage, PracticePage
from .review import editor_spaces

COPIED_FIELDS = ("title", "summary", "body")


@transaction.atomic
def adopt_peer_practice(practice: PracticePage, space: Space, user=None) -> PracticePage:
    """A draft copy of ``practice`` in ``space``'s practices, in the languages both spaces share."""
    if Space.objects.for_page(practice) == space:
        raise ValueError(_("This practice is already your space's own."))
    index = PracticeIndexPage.objects.descendant_of(space.site.root_page).first()
    if index is None:
        raise ValueError(_("Your space has no practices section to adopt the practice into."))
    texts = {
        f"{field}_{code}": getattr(practice, f"{field}_{code}")
        for field in COPIED_FIELDS
        for code in space.language_codes
        if getattr(practice, f"{field}_{code}", "")
    }
    if not texts.get(f"title_{space.default_language}"):
        # Keep a title in the space's default language: the source's, to be translated by the editor.
        texts[f"title_{space.default_language}"] = practice.title
    slug = base = slugify(practice.slug)[:40] or "practice"
    number = 1
    while index.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    copy = PracticePage(slug=slug, live=False, origin=practice, **texts)
    copy.principles = list(practice.principles.all())
    index.add_child(instance=copy)
    copy.save_revision(user=user)
    return copy


def peer_practices_view(request):
    spaces = editor_spaces(request.user)
    if not spaces:
        raise PermissionDenied
    practices = PracticePage.objects.live().exclude(SpaceTrees(spaces).pages())
    practices = practices.order_by("path").prefetch_related("principles")
    return render(request, "core/admin/peer_practices.html", {"practices": practices, "spaces": spaces})


@require_POST
def adopt_view(request, practice_id: int):
    spaces = editor_spaces(request.user)
    space = get_object_or_404(Space, pk=request.POST.get("space"))
    if space not in spaces:
        raise PermissionDenied
    practice = get_object_or_404(PracticePage.objects.live(), pk=practice_id)
    try:
        copy = adopt_peer_practice(practice, space, request.user)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("socle_peer_practices")
    messages.success(request, _("A draft copy is in your practices: rewrite it for your space, then publish."))
    return redirect("wagtailadmin_pages:edit", copy.pk)
