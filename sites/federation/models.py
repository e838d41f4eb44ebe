"""Links between Socle installs: this install's key, the installs it is linked to, invitations, seen nonces.

A link pins the other install's public key when it is made; from then on, every message between
the two is signed and checked against that key alone (``signing``). Nothing here holds personal
data: an install is known by its address, its name and its key.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INVITATION_VALID_FOR = timedelta(days=1)


class InstallKey(models.Model):
    """This install's Ed25519 key pair: one row, made on first use (``keys.own_key``)."""

    private_key = models.TextField(_("private key (PEM)"), editable=False)
    key_id = models.CharField(_("key id"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("this install's key")
        verbose_name_plural = _("this install's keys")

    def __str__(self) -> str:
        return self.key_id


class Link(models.Model):
    class Role(models.TextChoices):
        # Seen from this install: what the other one is to it.
        NETWORK = "network", _("publishes the core to this install")
        MEMBER = "member", _("receives the core from this install")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        REVOKED = "revoked", _("Revoked")

    name = models.CharField(_("name"), max_length=120)
    address = models.URLField(_("address"), help_text=_("Where the other install answers, e.g. https://numa.ru"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    # The other install's public key (raw Ed25519, base64url) and its id, pinned when the link was made.
    peer_key = models.CharField(_("its public key"), max_length=64, editable=False)
    peer_key_id = models.CharField(_("its key id"), max_length=64, unique=True, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)
    # Paused by a coordinator here, or by the other install (which said so in a signed message).
    paused_here = models.BooleanField(_("paused here"), default=False)
    paused_there = models.BooleanField(_("paused by the other install"), default=False)
    created_at = models.DateTimeField(_("linked"), auto_now_add=True)
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # The last message pulled from it (its change's id there): the next pull asks for what follows.
    pulled_up_to = models.PositiveBigIntegerField(_("pulled up to"), default=0, editable=False)

    class Meta:
        verbose_name = _("linked install")
        verbose_name_plural = _("linked installs")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.address})"

    @property
    def is_open(self) -> bool:
        """Messages flow: the link is neither revoked nor paused on either side."""
        return self.state == self.State.ACTIVE


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(used_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now())


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Invitation(models.Model):
    """A one-time code a coordinator gives another install's coordinator; only its digest is kept."""

    secret_digest = models.CharField(max_length=64, unique=True, editable=False)
    note = models.CharField(_("for"), max_length=120, blank=True, help_text=_("Who it is for, e.g. NUMA Moscow."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    link = models.OneToOneField(
        Link, verbose_name=_("link made"), null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.note or f"#{self.pk}"

    @classmethod
    def issue(cls, note: str = "", user=None) -> tuple["Invitation", str]:
        """A new invitation and its secret, which is shown once (inside the code) and never stored."""
        secret = secrets.token_urlsafe(24)
        invitation = cls.objects.create(
            secret_digest=secret_digest(secret),
            note=note,
            created_by=user,
            expires_at=timezone.now() + INVITATION_VALID_FOR,
        )
        return invitation, secret


class RemoteSpace(models.Model):
    """A space of a linked install, as its messages describe it: what this install shows of it (the
    origin of an event it shared). Known by its site's hostname, which no two spaces share."""

    link = models.ForeignKey(Link, verbose_name=_("linked install"), on_delete=models.CASCADE, related_name="spaces")
    hostname = models.CharField(_("hostname"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64)
    languages = models.JSONField(_("languages"), default=list)
    home_url = models.URLField(_("address"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Its install's latest signed status report of it (``dashboard.reports``), for the coordinators.
    status = models.CharField(_("status"), max_length=10, blank=True)
    report = models.JSONField(_("status report"), default=dict, blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)

    class Meta:
        verbose_name = _("space of a linked install")
        verbose_name_plural = _("spaces of linked installs")
        ordering = ["slug"]
        constraints = [models.UniqueConstraint(fields=["link", "hostname"], name="one_remote_space_per_hostname")]

    def __str__(self) -> str:
        return f"{self.name} ({self.link.name})"

    # What calendars read of a space (``spaces.Space``), so a remote origin is shown like a local one.
    @property
    def language_codes(self) -> list[str]:
        return list(self.languages)

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else settings.LANGUAGE_CODE


class SeenNonce(models.Model):
    """A signature's nonce, kept while its signature could still be accepted, so that it is accepted once."""

    key_id = models.CharField(max_length=64)
    nonce = models.CharField(max_length=64)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key_id", "nonce"], name="one_use_per_nonce")]

    def __str__(self) -> str:
        return f"{self.key_id}: {self.nonce}"


class Received(models.Model):
    """A message a linked install sent, by its id: a message sent again (a retry, a pull) is applied once."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="received")
    message_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=80)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "message_id"], name="one_receipt_per_message")]

    def __str__(self) -> str:
        return f"{self.kind} {self.message_id}"
