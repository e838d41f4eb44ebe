"""When each translation was last written, and against which source text."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationStamp(models.Model):
    """A language of an object was saved while its source text had this fingerprint."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=8)
    source_fingerprint = models.CharField(_("source fingerprint"), max_length=64)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("translation stamp")
        verbose_name_plural = _("translation stamps")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language"], name="one_stamp_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} [{self.language}]"


class TranslationState(models.Model):
    """Whether a language of an object is fresh, stale or missing, kept current on every save.

    Derived from the object's texts and its stamps, which change only when the object is saved:
    storing it lets a dashboard count the states of a whole network in one query.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=8)
    state = models.CharField(_("state"), max_length=8)
    # What the object belongs to, for counting (a page's space); empty for what is everyone's.
    scope = models.PositiveBigIntegerField(_("scope"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("translation state")
        verbose_name_plural = _("translation states")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language"], name="one_state_per_language")
        ]
        indexes = [models.Index(fields=["scope", "language", "state"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} [{self.language}] {self.state}"
