"""Events shared between spaces: the origin's count of its changes, and each target space's listing.

A relayed event is a read-only copy of another space's event, kept up to date by the sync engine
(``events.sync``). It links back to the origin and carries its texts in every language the origin
wrote. The origin may be a space of this install, or of a linked install (Socle Link): either way
the event is known by its iCalendar UID, which is the same on every install. Its curation
(accepted, awaiting review, hidden) is the target space's own decision and no later update of the
origin changes it.
"""

import zoneinfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sites.spaces.localize import Localized, has_content
from sites.spaces.models import Space


class EventSequence(models.Model):
    """How many times an event has changed: its iCalendar SEQUENCE and the order of its relays."""

    event_id = models.PositiveBigIntegerField(_("event"), primary_key=True)
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    relayed = models.BooleanField(_("shared with other spaces"), default=False)

    class Meta:
        verbose_name = _("event sequence")
        verbose_name_plural = _("event sequences")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.sequence}"


class RelayedEvent(models.Model):
    class Curation(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        HIDDEN = "hidden", _("Hidden")

    space = models.ForeignKey(Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="relayed_events")
    # The event's page id on its own install.
    origin_event_id = models.PositiveBigIntegerField(_("origin event"))
    origin_space = models.ForeignKey(
        Space, verbose_name=_("origin space"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin_remote = models.ForeignKey(
        "federation.RemoteSpace",
        verbose_name=_("origin space on a linked install"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    uid = models.CharField(_("iCalendar UID"), max_length=255)
    sequence = models.PositiveIntegerField(_("sequence"))
    # {"title": {"fr": "…", "en": "…"}, "summary": {…}, "venue": {…}, "programme": {…}}
    texts = models.JSONField(_("texts"), default=dict)
    languages = models.JSONField(_("origin languages"), default=list)
    origin_urls = models.JSONField(_("origin addresses"), default=dict)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("venue time zone"), max_length=64)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    registration_url = models.URLField(_("registration link"), max_length=500, blank=True)
    programme_kind = models.CharField(_("programme kind"), max_length=20, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    withdrawn = models.BooleanField(
        _("withdrawn"), default=False, help_text=_("Unpublished, deleted, or no longer shared with this space.")
    )
    curation = models.CharField(_("curation"), max_length=10, choices=Curation.choices, default=Curation.AWAITING)
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("curated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    curated_at = models.DateTimeField(_("curated"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("network event")
        verbose_name_plural = _("network events")
        constraints = [
            models.UniqueConstraint(fields=["space", "uid"], name="one_listing_per_event_uid_and_space")
        ]
        indexes = [models.Index(fields=["space", "curation", "end"])]

    def __str__(self) -> str:
        return self.text("title", self.languages[0] if self.languages else "en").text

    @property
    def origin(self):
        """The space that shared it: one of this install's, or of a linked install's."""
        return self.origin_space or self.origin_remote

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def is_visible(self) -> bool:
        return self.curation == self.Curation.ACCEPTED and not self.withdrawn

    def text(self, field: str, language: str, space: Space | None = None) -> Localized:
        """The field in ``language``, else in the showing space's languages, else in the origin's."""
        values = self.texts.get(field) or {}
        chain = [language, *(space.language_codes if space is not None else []), *self.languages, *values]
        for candidate in dict.fromkeys(chain):
            value = values.get(candidate)
            if has_content(value):
                return Localized(value, candidate, candidate != language)
        return Localized("", language, False)

    def origin_url(self, language: str, space: Space | None = None) -> str:
        """The origin page in the reader's language if the origin publishes in it, else in another of
        the reader's site's languages, else in the origin's default."""
        chain = (language, *(space.language_codes if space is not None else []), *self.languages)
        for code in chain:
            if code in self.origin_urls:
                return self.origin_urls[code]
        return ""
