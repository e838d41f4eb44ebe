"""The figures of the network dashboard, for any number of spaces in a fixed number of queries.

Each figure is one aggregate query over the spaces asked for (a page of the overview, or one
space), grouped by space: the dashboard costs the same with 3 spaces as with 1,000.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail.models import Page

from playbook.models import ChecklistStep
from sites.core.models import Adoption, Notification, PracticePage, Principle, ReviewItem, Value
from sites.events.models import EventPage, RelayedEvent
from sites.spaces.admin_titles import prime_draft_titles, title_columns
from sites.spaces.models import ProgrammePage, Space
from sites.spaces.trees import SpaceTrees
from sites.sync.models import Delivery
from sites.translation.models import TranslationState
from sites.translation.state import FRESH, MISSING, STALE

STATES = (FRESH, STALE, MISSING)


@dataclass
class SpaceFigures:
    space: Space
    checklist_done: int = 0
    checklist_total: int = 0
    adoptions_current: int = 0
    adoptions_pending: int = 0
    pending_since: datetime | None = None
    core_states: dict[str, Counter] = field(default_factory=dict)
    page_states: dict[str, Counter] = field(default_factory=dict)
    deliveries_pending: int = 0
    deliveries_failed: int = 0
    last_delivery: datetime | None = None
    upcoming_local: int = 0
    upcoming_network: int = 0
    awaiting_curation: int = 0
    programmes: int = 0
    practices: int = 0
    practices_to_review: int = 0

    @property
    def checklist_percent(self) -> int:
        return round(100 * self.checklist_done / self.checklist_total) if self.checklist_total else 100

    @property
    def lag_days(self) -> int:
        """How long the oldest principle update has waited for this space's review, in days."""
        if self.pending_since is None:
            return 0
        return (timezone.now() - self.pending_since).days

    def coverage(self, language: str) -> dict[str, int]:
        """Fresh, stale and missing translations of the core and of the space's pages, in one language."""
        both = self.core_states.get(language, Counter()) + self.page_states.get(language, Counter())
        return {state: both.get(state, 0) for state in STATES}


def _by_space(rows, key="space_id") -> dict:
    return {row[key]: row for row in rows}


def core_states() -> dict[str, Counter]:
    """Translation states of the published core, per language (the same core for every space)."""
    published = Q()
    for model in (Principle, Value):
        published |= Q(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=model.objects.published().values("pk"),
        )
    states: dict[str, Counter] = {}
    rows = TranslationState.objects.filter(published).values("language", "state").order_by().annotate(n=Count("pk"))
    for row in rows:
        states.setdefault(row["language"], Counter())[row["state"]] = row["n"]
    return states


def space_figures(spaces: list[Space]) -> list[SpaceFigures]:
    """Every figure of each space, in one query per figure whatever the number of spaces."""
    ids = [space.pk for space in spaces]
    now = timezone.now()
    figures = {space.pk: SpaceFigures(space=space) for space in spaces}

    for row in (
        ChecklistStep.objects.filter(space__in=ids)
        .values("space_id")
        .order_by()
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status__in=["done", "skipped"])))
    ):
        figures[row["space_id"]].checklist_total, figures[row["space_id"]].checklist_done = row["total"], row["done"]

    for row in (
        Adoption.objects.filter(space__in=ids)
        .values("space_id")
        .order_by()
        .annotate(
            pending=Count("pk", filter=Q(latest_version__gt=F("adopted_version"))),
            current=Count("pk", filter=Q(latest_version__lte=F("adopted_version"))),
        )
    ):
        figures[row["space_id"]].adoptions_pending = row["pending"]
        figures[row["space_id"]].adoptions_current = row["current"]

    unread = Notification.objects.filter(space__in=ids, read_at__isnull=True)
    for row in unread.values("space_id").order_by().annotate(since=Min("created_at")):
        figures[row["space_id"]].pending_since = row["since"]

    waiting = ReviewItem.objects.filter(space__in=ids, acknowledged_at__isnull=True)
    for row in waiting.values("space_id").order_by().annotate(n=Count("pk")):
        figures[row["space_id"]].practices_to_review = row["n"]

    core = core_states()
    for figure in figures.values():
        figure.core_states = {code: core.get(code, Counter()) for code in figure.space.language_codes}
    for row in (
        TranslationState.objects.filter(scope__in=ids)
        .values("scope", "language", "state")
        .order_by()
        .annotate(n=Count("pk"))
    ):
        figure = figures[row["scope"]]
        if row["language"] in figure.space.language_codes:
            figure.page_states.setdefault(row["language"], Counter())[row["state"]] = row["n"]

    for row in (
        Delivery.objects.filter(space__in=ids)
        .values("space_id")
        .order_by()
        .annotate(
            pending=Count("pk", filter=Q(state=Delivery.State.PENDING)),
            failed=Count("pk", filter=Q(state=Delivery.State.FAILED)),
            last=Max("delivered_at"),
        )
    ):
        figure = figures[row["space_id"]]
        figure.deliveries_pending, figure.deliveries_failed, figure.last_delivery = (
            row["pending"], row["failed"], row["last"]
        )  # fmt: skip

    relayed = RelayedEvent.objects.filter(space__in=ids, withdrawn=False, end__gte=now)
    for row in (
        relayed.values("space_id")
        .order_by()
        .annotate(
            accepted=Count("pk", filter=Q(curation=RelayedEvent.Curation.ACCEPTED)),
            awaiting=Count("pk", filter=Q(curation=RelayedEvent.Curation.AWAITING)),
        )
    ):
        figures[row["space_id"]].upcoming_network = row["accepted"]
        figures[row["space_id"]].awaiting_curation = row["awaiting"]

    trees = SpaceTrees(spaces)
    for model, attribute, extra in (
        (EventPage, "upcoming_local", Q(end__gte=now)),
        (ProgrammePage, "programmes", Q()),
        (PracticePage, "practices", Q()),
    ):
        paths = model.objects.live().filter(trees.pages()).filter(extra).values_list("path", flat=True)
        for space_id, count in Counter(trees.space_id(path) for path in paths).items():
            setattr(figures[space_id], attribute, count)
    return [figures[pk] for pk in ids]


def events_per_month(space: Space, months_before: int = 5, months_after: int = 6) -> list[tuple[datetime, int, int]]:
    """``(month, own events, network events accepted)`` for the months around now."""
    now = timezone.now()
    start = (now.replace(day=1) - timedelta(days=31 * months_before)).replace(day=1, hour=0, minute=0, second=0)
    end = (now.replace(day=1) + timedelta(days=31 * (months_after + 1))).replace(day=1, hour=0, minute=0, second=0)
    own = Counter(
        {
            row["month"].date(): row["n"]
            for row in EventPage.objects.live()
            .descendant_of(space.site.root_page)
            .filter(start__gte=start, start__lt=end)
            .annotate(month=TruncMonth("start", tzinfo=space.zone))
            .values("month")
            .annotate(n=Count("pk"))
        }
    )
    network = Counter(
        {
            row["month"].date(): row["n"]
            for row in RelayedEvent.objects.filter(
                space=space, withdrawn=False, curation=RelayedEvent.Curation.ACCEPTED, start__gte=start, start__lt=end
            )
            .annotate(month=TruncMonth("start", tzinfo=space.zone))
            .values("month")
            .annotate(n=Count("pk"))
        }
    )
    months = []
    month = start.astimezone(space.zone).date().replace(day=1)
    while month < end.date():
        months.append((month, own.get(month, 0), network.get(month, 0)))
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def principle_matrix(spaces: list[Space]) -> tuple[list[Principle], dict[tuple[int, int], dict]]:
    """For each published principle and space: its practices there, and how many wait for review.

    A practice comes as its page (``wagtail.models.Page``, its titles only), for the admin to title
    it in the reader's language (``spaces.admin_titles``): its draft titles are read in one query.
    """
    principles = list(Principle.objects.published())
    trees = SpaceTrees(spaces)
    cells: dict[tuple[int, int], dict] = {}
    through = list(
        PracticePage.principles.through.objects.filter(
            practicepage__in=PracticePage.objects.live().filter(trees.pages())
        ).values_list("principle_id", "practicepage_id")
    )
    pages = Page.objects.filter(pk__in={page_id for _principle, page_id in through}).only(*title_columns())
    pages = {page.pk: page for page in pages.order_by("path")}
    prime_draft_titles(pages.values())
    for principle_id, page_id in sorted(through, key=lambda row: pages[row[1]].path):
        page = pages[page_id]
        cell = cells.setdefault((principle_id, trees.space_id(page.path)), {"practices": [], "to_review": 0})
        cell["practices"].append(page)
    waiting = ReviewItem.objects.filter(space__in=[space.pk for space in spaces], acknowledged_at__isnull=True)
    for row in waiting.values("principle_id", "space_id").order_by().annotate(n=Count("pk")):
        cell = cells.setdefault((row["principle_id"], row["space_id"]), {"practices": [], "to_review": 0})
        cell["to_review"] = row["n"]
    return principles, cells
