"""Failed sign-ins, counted in the database (see ``throttle``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FailedSignIns(models.Model):
    """The failed sign-ins of one name typed, or from one address, within the window the first opened."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("name typed")
        ADDRESS = "address", _("address")

    kind = models.CharField(_("counted by"), max_length=7, choices=Kind.choices)
    # A digest: the names people typed (sometimes a password, by mistake) are never stored.
    digest = models.CharField(max_length=64)
    failures = models.PositiveIntegerField(_("failures"), default=1)
    window_ends = models.DateTimeField(_("window ends"), db_index=True)

    class Meta:
        verbose_name = _("failed sign-ins")
        verbose_name_plural = _("failed sign-ins")
        constraints = [
            models.UniqueConstraint(fields=["kind", "digest"], name="security_one_window_per_name_or_address")
        ]

    def __str__(self):
        return f"{self.kind} {self.digest[:12]}: {self.failures} until {self.window_ends:%Y-%m-%d %H:%M:%S}"
