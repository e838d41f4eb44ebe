"""Each space's adoption of the principles, and what a new version asks of it.

When a principle gets a new version, every space's adoption becomes "update pending", the
space's practices written against the older version enter its review queue, and its editors are
notified. A local editor reviews and acknowledges, which takes up the new version.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ..forms import AdoptionForm


class Adoption(models.Model):
    class State(models.TextChoices):
        CURRENT = "current", _("Current")
        PENDING = "pending", _("Update pending")

    space = models.ForeignKey(
        "spaces.Space", verbose_name=_("space"), on_delete=models.CASCADE, related_name="adoptions"
    )
    principle = models.ForeignKey(
        "core.Principle", verbose_name=_("principle"), on_delete=models.CASCADE, related_name="adoptions"
    )
    adopted_version = models.PositiveIntegerField(_("adopted version"), default=0)
    latest_version = models.PositiveIntegerField(_("latest version delivered"), default=0)
    local_reading = models.TextField(_("local reading"), blank=True, help_text=_("How this space understands it."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    base_form_class = AdoptionForm
    panels = [FieldPanel("local_reading")]

    class Meta:
        # Its admin's menu item, title and breadcrumbs all say the plural: a space's readings of the principles.
        verbose_name = _("adopted principle")
        verbose_name_plural = _("adopted principles")
        constraints = [models.UniqueConstraint(fields=["space", "principle"], name="one_adoption_per_space")]

    def __str__(self) -> str:
        return f"{self.space} · {self.principle} v{self.adopted_version}"

    @property
    def state(self) -> str:
        return self.State.PENDING if self.latest_version > self.adopted_version else self.State.CURRENT


class ReviewItem(models.Model):
    """A practice written against an older version of a principle it embodies."""

    space = models.ForeignKey(
        "spaces.Space", verbose_name=_("space"), on_delete=models.CASCADE, related_name="review_items"
    )
    practice = models.ForeignKey(
        "core.PracticePage", verbose_name=_("practice"), on_delete=models.CASCADE, related_name="review_items"
    )
    principle = models.ForeignKey("core.Principle", verbose_name=_("principle"), on_delete=models.CASCADE)
    from_version = models.PositiveIntegerField(_("written against version"))
    to_version = models.PositiveIntegerField(_("new version"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("acknowledged by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("practice to review")
        verbose_name_plural = _("practices to review")
        constraints = [
            models.UniqueConstraint(fields=["practice", "principle", "to_version"], name="one_review_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.practice_id}: {self.principle_id} v{self.from_version} → v{self.to_version}"


class Notification(models.Model):
    """Tells a space's editors, once, that a principle has a new version."""

    space = models.ForeignKey(
        "spaces.Space", verbose_name=_("space"), on_delete=models.CASCADE, related_name="notifications"
    )
    principle = models.ForeignKey("core.Principle", verbose_name=_("principle"), on_delete=models.CASCADE)
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["space", "principle", "version"], name="one_notification_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.space_id}: {self.principle_id} v{self.version}"
