"""What the cache could not be told while it did not answer (see ``outage``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MissedInvalidation(models.Model):
    """Keys a process had to delete from the cache (a purge) while the cache did not answer.

    Kept in the database, which every process shares and which stays up when Redis does not: the
    first process to reach the cache again deletes them there before it serves anything from it.
    """

    cache = models.CharField(_("cache"), max_length=64, help_text=_("A digest of the cache's address."))
    keys = models.JSONField(_("keys"))
    missed_at = models.DateTimeField(_("missed at"), auto_now_add=True)
    replayed_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("missed cache invalidation")
        verbose_name_plural = _("missed cache invalidations")
        indexes = [
            # Every process looks for pending ones every few seconds: that look must stay cheap.
            models.Index(
                fields=["cache"], condition=models.Q(replayed_at__isnull=True), name="pagecache_missed_pending"
            ),
        ]

    def __str__(self):
        return f"{len(self.keys)} key(s) missed at {self.missed_at:%Y-%m-%d %H:%M:%S}"
