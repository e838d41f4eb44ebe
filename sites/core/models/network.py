"""The network's shared core: values and principles, and every published version of them.

They belong to the whole network and are written by coordinators (French first). Publishing a
change makes a new numbered version with its change note; spaces learn of it through the sync
engine (``core.sync``) and each space's adoption records which version it has taken up.
"""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin

from sites.spaces.models.pages import RICH_TEXT_FEATURES

from ..forms import CoreItemForm
from ..panels import TranslationGuidePanel, VersionHistoryPanel

# The network core is written in French first (the seeds' language); the others translate it.
SOURCE_LANGUAGE = "fr"


class CoreItemQuerySet(models.QuerySet):
    def published(self):
        """What spaces and visitors may see: items published at least once and not unpublished since."""
        return self.filter(live=True)


class CoreItem(DraftStateMixin, RevisionMixin, ClusterableModel):
    """What values and principles share: a stable slug, an order, drafts, and their published version.

    A coordinator's save is a draft (a revision) that neither spaces nor visitors see; publishing it
    makes the next version (``core.publishing``).
    """

    base_form_class = CoreItemForm

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    change_note = models.CharField(
        _("change note"),
        max_length=255,
        blank=True,
        help_text=_("What this change is and why, for the spaces. Required to publish a new version."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    # Who translated it (and the proposals waiting): they go when the item goes.
    translations = GenericRelation("core.CoreTranslation", related_query_name="%(class)s")

    objects = CoreItemQuerySet.as_manager()
    # A change note is about one publication, not what the item says: translating it or emptying it
    # after a publication leaves every translation as fresh or stale as it was.
    translation_state_ignores = ("change_note",)

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]

    @property
    def revisions(self):
        return self._revisions

    @staticmethod
    def panels_around(*fields) -> list:
        return [
            TranslationGuidePanel(),
            FieldPanel("slug"),
            *fields,
            FieldPanel("sort_order"),
            FieldPanel("change_note"),
            VersionHistoryPanel(),
        ]

    def translation_source_language(self) -> str:
        return SOURCE_LANGUAGE

    def admin_name(self, language: str | None = None, draft: bool = False):
        """Its name (word, statement) in the reader's language, else French (``core.names``)."""
        from ..names import admin_name

        return admin_name(self, language, draft)

    def get_admin_display_title(self) -> str:
        """The name the admin's headers and breadcrumbs show: the latest draft's, in the reader's language."""
        return self.admin_name(draft=True).text


class Value(CoreItem):
    """A common value: a short word with a meaning, agreed by all spaces (e.g. "ouverture")."""

    word = models.CharField(_("word"), max_length=60)
    meaning = models.TextField(_("meaning"))

    name_field = "word"

    panels = CoreItem.panels_around(FieldPanel("word"), FieldPanel("meaning"))

    class Meta(CoreItem.Meta):
        verbose_name = _("value")
        verbose_name_plural = _("values")

    def __str__(self) -> str:
        return self.admin_name().text


class Principle(CoreItem):
    """A statement each space commits to; each space finds its own practices for it."""

    statement = models.CharField(_("statement"), max_length=255)
    explanation = RichTextField(_("explanation"), blank=True, features=RICH_TEXT_FEATURES)
    values = ParentalManyToManyField(Value, verbose_name=_("values it serves"), related_name="principles")

    name_field = "statement"

    panels = CoreItem.panels_around(
        FieldPanel("statement"),
        FieldPanel("explanation"),
        FieldPanel("values", widget=forms.CheckboxSelectMultiple),
    )

    class Meta(CoreItem.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    def __str__(self) -> str:
        return self.admin_name().text


class CoreVersion(models.Model):
    """One published version of a value or a principle: what it said, in every language, and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField(_("version"))
    change_note = models.CharField(_("change note"), max_length=255, blank=True)  # translated
    content = models.JSONField(_("content"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("core version")
        verbose_name_plural = _("core versions")
        ordering = ["content_type", "object_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "number"], name="one_number_per_core_item")
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} v{self.number}"
