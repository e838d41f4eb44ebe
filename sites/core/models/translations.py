"""Who translated the network core, and the proposals that wait for a coordinator.

A space's editor writes the core's translations into their space's languages. A language that no
other open space publishes is theirs alone: the translation goes live at once (``DIRECT``). A
language another open space publishes too (English for Moscow, which Paris and Bangalore show) is
shared: the change is a proposal that a coordinator accepts or rejects with a note. Every record
keeps who wrote it, so the core's history says who translated what.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class CoreTranslation(models.Model):
    class Status(models.TextChoices):
        DIRECT = "direct", _("Published directly")
        PROPOSED = "proposed", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted by a coordinator")
        REJECTED = "rejected", _("Rejected")
        REVISED = "revised", _("Replaced by a new proposal")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=8)
    # {"statement_en": "...", "explanation_en": "..."}: what the translator wrote.
    fields = models.JSONField(_("translation"))
    # The same fields as they were when it was written: a proposal whose translation changed since is flagged.
    previous = models.JSONField(_("previous translation"), default=dict)
    # The French source's fingerprint when it was written (``translation.state``): a proposal made
    # against a source that changed since is flagged, and stays stale once accepted.
    source_fingerprint = models.CharField(_("source fingerprint"), max_length=64)
    on_version = models.PositiveIntegerField(_("version translated"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="core_translations",
    )
    space = models.ForeignKey("spaces.Space", verbose_name=_("space"), null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        verbose_name = _("core translation")
        verbose_name_plural = _("core translations")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "language"]), models.Index(fields=["status"])]
        constraints = [
            # A translator revises their waiting proposal rather than stacking a second one.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language", "translator"],
                condition=models.Q(status="proposed"),
                name="one_waiting_proposal_per_translator",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} [{self.language}] {self.status}"
