"""A space on the fediverse: its signing key, the fediverse accounts that follow it, and what it owes them.

A follower is a fediverse account (on Mastodon, Mobilizon, Gancio…) known only by the addresses its
server published: its actor, its inbox and its server's shared inbox. No name, no email address.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SpaceKey(models.Model):
    """A space's RSA key pair: fediverse servers check HTTP signatures (draft-cavage) with RSA-SHA256."""

    space = models.OneToOneField("spaces.Space", verbose_name=_("space"), on_delete=models.CASCADE,
                                 related_name="fediverse_key")  # fmt: skip
    private_key = models.TextField(_("private key (PEM)"), editable=False)
    public_key = models.TextField(_("public key (PEM)"), editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("space's fediverse key")
        verbose_name_plural = _("spaces' fediverse keys")

    def __str__(self) -> str:
        return str(self.space)


class Follower(models.Model):
    space = models.ForeignKey("spaces.Space", verbose_name=_("space"), on_delete=models.CASCADE,
                              related_name="fediverse_followers")  # fmt: skip
    actor = models.URLField(_("account"), max_length=500)
    inbox = models.URLField(_("inbox"), max_length=500)
    shared_inbox = models.URLField(_("server's shared inbox"), max_length=500, blank=True)
    # The Follow activity's id: the Accept names it, and an Undo may name it alone.
    follow_id = models.URLField(_("follow request"), max_length=500)
    followed_at = models.DateTimeField(_("following since"), default=timezone.now)

    class Meta:
        verbose_name = _("fediverse follower")
        verbose_name_plural = _("fediverse followers")
        constraints = [models.UniqueConstraint(fields=["space", "actor"], name="one_follow_per_space_and_account")]

    def __str__(self) -> str:
        return self.actor

    @property
    def delivery_inbox(self) -> str:
        """Where activities go: the server's shared inbox when it has one (one request for all its accounts)."""
        return self.shared_inbox or self.inbox


class Push(models.Model):
    """An activity a space owes one inbox: recorded with the change it tells of, sent with retries."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        # The server refused it (a 4xx answer), or it was still not taken after the last retry.
        FAILED = "failed", _("Failed")

    space = models.ForeignKey("spaces.Space", verbose_name=_("space"), on_delete=models.CASCADE,
                              related_name="fediverse_pushes")  # fmt: skip
    inbox = models.URLField(_("inbox"), max_length=500)
    activity = models.JSONField(_("activity"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    # NULL: never handed to the broker (the re-dispatcher hands it); else when it may be asked again.
    retry_at = models.DateTimeField(_("retry due"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("fediverse delivery")
        verbose_name_plural = _("fediverse deliveries")
        indexes = [models.Index(fields=["state", "retry_at"])]

    def __str__(self) -> str:
        return f"{self.activity.get('type')} → {self.inbox}: {self.state}"
