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
