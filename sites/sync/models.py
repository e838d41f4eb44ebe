"""The outbox of shared changes and their delivery to each space.

A change is written in the same transaction as the content it announces, so nothing published is
ever lost; its delivery to each space is recorded, with attempts and the last error, so nothing
is delivered without a trace. The sync engine knows nothing of what a change means: the app that
records it registers the handler that applies it to spaces (see ``registry``), and, for a change
that crosses to linked installs, what to send them: a linked install is one more delivery target.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Change(models.Model):
    kind = models.CharField(_("kind"), max_length=80)
    payload = models.JSONField(_("payload"), default=dict)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("handed to the broker"), null=True, blank=True)

    class Meta:
        verbose_name = _("shared change")
        verbose_name_plural = _("shared changes")
        indexes = [models.Index(fields=["dispatched_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class Delivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        # Never to be delivered: its space closed or was deleted while it waited.
        SKIPPED = "skipped", _("Skipped")

    class SkipReason(models.TextChoices):
        CLOSED = "closed", _("The space closed")
        DELETED = "deleted", _("The space was deleted")
        REVOKED = "revoked", _("The link to its install was revoked")

    change = models.ForeignKey(Change, verbose_name=_("change"), on_delete=models.CASCADE, related_name="deliveries")
    # A deleted space leaves its deliveries behind, named by the slug and name kept below.
    space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("space"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    # Or a linked install (sites/federation/), which applies the change to its own spaces.
    link = models.ForeignKey(
        "federation.Link",
        verbose_name=_("linked install"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    space_slug = models.CharField(_("space's slug"), max_length=60, blank=True)
    space_name = models.CharField(_("space's name"), max_length=120, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    skip_reason = models.CharField(_("why skipped"), max_length=10, choices=SkipReason.choices, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    # Set only once the broker has accepted the message: NULL means never handed over.
    enqueued_at = models.DateTimeField(_("last handed to the broker"), null=True, blank=True)
    # When a worker holding a failed batch for a retry with backoff will run it at the latest.
    retry_at = models.DateTimeField(_("retry due"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["change", "space"], name="one_delivery_per_change_and_space"),
            models.UniqueConstraint(fields=["change", "link"], name="one_delivery_per_change_and_link"),
        ]
        indexes = [models.Index(fields=["state", "enqueued_at"])]

    def __str__(self) -> str:
        return f"{self.change} → {self.space_label}: {self.state}"

    @property
    def space_label(self) -> str:
        """The space's slug, also once the space is deleted; a linked install's name."""
        if self.link_id is not None:
            return f"⇄ {self.link.name}"
        return self.space.slug if self.space is not None else self.space_slug or "?"
