"""Tokens that let other tools read the dashboard's figures as JSON, created by coordinators."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def find(self, key: str) -> "ApiToken | None":
        """The active token with this key (only its digest is stored), or None."""
        return self.filter(key_digest=digest(key), revoked_at__isnull=True).first()


class ApiToken(models.Model):
    name = models.CharField(_("name"), max_length=120, help_text=_("Which tool uses it, e.g. the network's wiki."))
    prefix = models.CharField(_("beginning of the token"), max_length=PREFIX_LENGTH, editable=False)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, name: str, user=None) -> tuple["ApiToken", str]:
        """A new token and its key, which is shown once and never stored."""
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(name=name, prefix=key[:PREFIX_LENGTH], key_digest=digest(key), created_by=user)
        return token, key

    def revoke(self) -> None:
        type(self).objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
