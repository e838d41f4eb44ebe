"""The local editor's panel on the admin home: what their space owes the network, each with a link."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from playbook.models import ChecklistStep
from sites.core.models import Adoption, CoreTranslation, Principle, ReviewItem, Value
from sites.core.proposals import language_label
from sites.events.models import RelayedEvent
from sites.spaces.admin_titles import admin_title, prime_draft_titles, reader_language
from sites.spaces.editors import editor_spaces
from sites.spaces.localize import localize
from sites.translation.models import TranslationState

SHOWN = 8  # items of each kind listed; the rest are counted


def _translations(spaces) -> tuple[list[dict], int]:
    """Stale or missing translations, in the editor's spaces' languages, of the core and their pages."""
    languages = {code for space in spaces for code in space.language_codes}
    core_types = {ContentType.objects.get_for_model(model): model for model in (Principle, Value)}
    wanted = Q(scope__in=[space.pk for space in spaces])
    for content_type, model in core_types.items():
        wanted |= Q(content_type=content_type, object_id__in=model.objects.published().values("pk"))
    rows = (
        TranslationState.objects.filter(wanted, language__in=languages)
        .exclude(state="fresh")
        .select_related("content_type")
        .order_by("scope", "content_type_id", "object_id", "language")
    )
    serves = {space.pk: set(space.language_codes) for space in spaces}
    chosen = [row for row in rows if row.scope is None or row.language in serves.get(row.scope, ())]
    shown = chosen[:SHOWN]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=[row.object_id for row in shown if row.scope])}
    prime_draft_titles(pages.values())
    core = {}
    for content_type, model in core_types.items():
        wanted_ids = [row.object_id for row in shown if row.content_type_id == content_type.pk]
        core |= {(content_type.pk, item.pk): item for item in model.objects.filter(pk__in=wanted_ids)}
    items = []
    for row in shown:
        if row.scope:
            page = pages.get(row.object_id)
            if page is None:
                continue
            items.append({"title": admin_title(page).__html__(), "language": row.language, "state": row.state,
                          "url": reverse("wagtailadmin_pages:edit", args=(page.pk,))})  # fmt: skip
        else:
            item = core.get((row.content_type_id, row.object_id))
            if item is None:
                continue
            url = reverse(f"wagtailsnippets_core_{row.content_type.model}:edit", args=(item.pk,))
            title = item.admin_name().__html__()
            items.append({"title": title, "language": row.language, "state": row.state, "url": url})
    return items, len(chosen)


def _proposals(user) -> list[dict]:
    """The user's proposed translations still theirs to follow: waiting for review, or rejected (to revise)."""
    Status = CoreTranslation.Status
    rows = list(
        CoreTranslation.objects.filter(translator=user, status__in=[Status.PROPOSED, Status.REJECTED])
        .select_related("content_type", "reviewed_by")
        .order_by("status", "-updated_at")[: SHOWN * 2]
    )
    items = {}
    for row in rows:
        model = row.content_type.model_class()
        items.setdefault(model, set()).add(row.object_id)
    found = {(model, item.pk): item for model, pks in items.items() for item in model.objects.filter(pk__in=pks)}
    shown = []
    for row in rows:
        model = row.content_type.model_class()
        item = found.get((model, row.object_id))
        if item is not None:
            url = reverse(f"wagtailsnippets_core_{row.content_type.model}:edit", args=(item.pk,))
            shown.append({"row": row, "title": str(item), "language": language_label(row.language), "url": url})
    return shown


def todos(user) -> dict | None:
    spaces = editor_spaces(user)
    if not spaces:
        return None
    ids = [space.pk for space in spaces]
    reviews = ReviewItem.objects.filter(space__in=ids, acknowledged_at__isnull=True).select_related(
        "practice", "principle"
    )
    curation = RelayedEvent.objects.filter(space__in=ids, withdrawn=False, curation=RelayedEvent.Curation.AWAITING)
    steps = ChecklistStep.objects.filter(space__in=ids, owner=user).exclude(status__in=["done", "skipped"])
    translations, translations_count = _translations(spaces)
    proposals = _proposals(user)
    return {
        "spaces": spaces,
        "space_names": [localize(space, "name", reader_language(), space).text for space in spaces],
        "updates": Adoption.objects.filter(space__in=ids, latest_version__gt=F("adopted_version")).count(),
        "reviews": list(reviews[:SHOWN]),
        "reviews_count": reviews.count(),
        "translations": translations,
        "translations_count": translations_count,
        "curation_count": curation.count(),
        "waiting": [row for row in proposals if row["row"].status == CoreTranslation.Status.PROPOSED],
        "rejected": [row for row in proposals if row["row"].status == CoreTranslation.Status.REJECTED],
        "steps": list(steps.order_by("due_date", "sort_order")[:SHOWN]),
        "steps_count": steps.count(),
    }


class EditorTodoPanel(Component):
    name = "socle_editor_todos"
    template_name = "dashboard/todo_panel.html"
    order = 40

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        return {"todos": todos(self.request.user), "request": self.request}
