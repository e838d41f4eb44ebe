"""The pages where a space shows the network core, and its practices of each principle."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from sites import precompiled
from sites.images.pictures import with_images
from sites.pagecache.fragments import fragment
from sites.pagecache.tags import list_tag, record, record_objects
from sites.spaces.languages import network_languages
from sites.spaces.models import SectionPage, SpacePage
from sites.spaces.models.pages import RICH_TEXT_FEATURES, image_field
from sites.spaces.routing import path_in_space

from ..panels import PeerAdoptionsPanel
from .adoption import Adoption
from .network import Principle, Value


def principles_page_of(space):
    """The space's principles page, if it has a live one (its publication, or another's, purges it)."""
    record(list_tag(PrinciplesPage))
    page = PrinciplesPage.objects.live().descendant_of(space.site.root_page).first()
    record_objects([page] if page else [])
    return page


def practice_texts() -> list[str]:
    """A practice's own texts, in every language (the columns a list of titles need not read)."""
    suffixes = ["", *(f"_{code}" for code in network_languages())]
    return [f"{name}{suffix}" for name in ("summary", "body") for suffix in suffixes]


def _practices(home_path: str, home_depth: int):
    # Their titles and addresses are shown, not their texts: neither read nor kept with the fragment.
    pages = PracticePage.objects.live().filter(path__startswith=home_path, depth__gt=home_depth)
    return pages.defer(*practice_texts()).order_by("path")


def _adoptions(space_id: int):
    return Adoption.objects.filter(space_id=space_id)


class PrinciplesPage(SectionPage):
    """The network core as this space shows it: values, principles, and its practices for each."""

    subpage_types = []

    class Meta:
        verbose_name = _("principles page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        space = getattr(request, "space", None)
        context["principles"], context["values"] = fragment(space, f"principles:{self.pk}", lambda: self.core(space))
        return context

    def core(self, space) -> tuple[list, list]:
        """The published principles, each with this space's practices and reading, and the values."""
        record(list_tag(Principle), list_tag(Value), list_tag(PracticePage))
        home = space.site.root_page if space is not None else self.get_parent()
        # Read after every publication in the space: compiled once per process (``sites.precompiled``).
        practices = {page.pk: page for page in precompiled.run(("core.practices",), _practices, home.path, home.depth)}
        # Which practice lives which principle: their ids alone, not every principle read again per practice.
        links = PracticePage.principles.through.objects.filter(practicepage_id__in=practices)
        by_principle: dict[int, list] = {}
        # In the tree's order, sorted here: the database would join the pages again to sort them.
        for _path, _id, practice, principle_id in sorted(
            (practices[practice_id].path, link_id, practices[practice_id], principle_id)
            for link_id, practice_id, principle_id in links.values_list("id", "practicepage_id", "principle_id")
        ):
            by_principle.setdefault(principle_id, []).append(practice)
        principles = precompiled.run(("core.principles",), Principle.objects.published)
        values = precompiled.run(("core.values",), Value.objects.published)
        # The values each principle serves, from the values read once (in their order).
        served = set(
            Principle.values.through.objects.filter(principle_id__in=[p.pk for p in principles]).values_list(
                "principle_id", "value_id"
            )
        )
        adoptions = precompiled.run(("core.adoptions",), _adoptions, space.pk) if space is not None else []
        readings = {adoption.principle_id: adoption for adoption in adoptions}
        record_objects(readings.values())  # a reading rewritten purges this page
        for principle in principles:
            principle.local_practices = by_principle.get(principle.pk, [])
            principle.local_adoption = readings.get(principle.pk)
            principle.local_values = [value for value in values if (principle.pk, value.pk) in served]
        return principles, values


class PracticeIndexPage(SectionPage):
    """The list of a space's practices."""

    subpage_types = ["core.PracticePage"]

    class Meta:
        verbose_name = _("practices index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["practices"] = with_images(
            PracticePage.objects.child_of(self).live().order_by("path").prefetch_related("principles")
        )
        return context


class PracticePage(SpacePage):
    """How this space lives a principle here (Paris's bar with a cook, the colunch, the connectors)."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    principles = ParentalManyToManyField(
        Principle,
        verbose_name=_("principles it embodies"),
        related_name="practices",
        help_text=_("The network principles this practice is a local way of living."),
    )
    origin = models.ForeignKey(
        "core.PracticePage",
        verbose_name=_("adopted from"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="peer_adoptions",
        help_text=_("The practice of another space this one was copied from."),
    )
    image = image_field(_("image"), _("Shown at the top of the practice and on its card."))

    parent_page_types = ["core.PracticeIndexPage"]
    subpage_types = []
    page_image_field = "image"
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        PeerAdoptionsPanel(),
    ]
    search_fields = SpacePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("practice")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        space = getattr(request, "space", None)
        if space is not None:
            # Each principle it embodies links to its place on the space's principles page.
            principles_page = fragment(space, "principles-page", lambda: principles_page_of(space))
            context["principles_url"] = principles_page and path_in_space(principles_page, space)
        return context

    @property
    def published_principles(self) -> list:
        # Filtered here rather than in the database, so that a listing's prefetch of principles serves it.
        principles = list(self.principles.all())
        record_objects(principles)  # an unpublished one appears here once it is published
        return [principle for principle in principles if principle.live]
