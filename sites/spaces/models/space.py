"""The Space: the franchise unit of the network, one per city, served on its own Wagtail Site."""

import threading
import uuid
import zoneinfo
from functools import cached_property

from babel import Locale
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import Page

from ..languages import parse_language_list


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone (for example Europe/Paris or Asia/Kolkata)."),
            code="unknown_time_zone",
            params={"value": value},
        )


def validate_country(value: str) -> None:
    if not (len(value) == 2 and value.isalpha() and value.upper() in Locale("en").territories):
        raise ValidationError(
            _("“%(value)s” is not a two-letter ISO 3166 country code (for example FR, RU or IN)."),
            code="unknown_country",
            params={"value": value},
        )


def validate_languages(value: str) -> None:
    parse_language_list(value)


class SpaceQuerySet(models.QuerySet):
    def for_page(self, page) -> "Space | None":
        """The space whose site contains ``page`` (None for pages outside every space)."""
        if page is None or not page.path:
            return None
        return self.filter(site__root_page__in=page.get_ancestors(inclusive=True)).first()

    def by_page(self, pages) -> dict[int, "Space"]:
        """``{page id: space}`` for the pages that lie in a space, in one query."""
        step = Page.steplen
        ancestors = {page.path[:end] for page in pages for end in range(step, len(page.path) + 1, step)}
        roots = {
            space.site.root_page.path: space
            for space in self.filter(site__root_page__path__in=ancestors).select_related("site__root_page")
        }
        found = {}
        for page in pages:
            space = next((roots[page.path[:end]] for end in range(step, len(page.path) + 1, step)
                          if page.path[:end] in roots), None)  # fmt: skip
            if space is not None:
                found[page.pk] = space
        return found


class Space(models.Model):
    class Status(models.TextChoices):
        OPENING = "opening", _("Opening")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class NetworkEvents(models.TextChoices):
        ACCEPT = "accept", _("Show them automatically")
        REVIEW = "review", _("Hold them for a local editor to review")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    city = models.CharField(_("city"), max_length=120)
    country = models.CharField(
        _("country"), max_length=2, validators=[validate_country], help_text=_("ISO 3166 code, e.g. FR.")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA time zone of the space, e.g. Europe/Moscow. Event times are entered and shown in it."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=64,
        validators=[validate_languages],
        help_text=_("The languages this space publishes in, comma-separated, default first (e.g. ru,en)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPENING)
    network_events = models.CharField(
        _("events from other spaces"),
        max_length=10,
        choices=NetworkEvents.choices,
        default=NetworkEvents.ACCEPT,
        help_text=_("What happens to an event another space shares with this one."),
    )
    site = models.OneToOneField(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="space"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SpaceQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("city"),
        FieldPanel("country"),
        FieldPanel("address"),
        FieldPanel("time_zone"),
        FieldPanel("languages"),
        # A space opens and closes through the playbook (checklist, history, announcement), not here.
        FieldPanel("status", read_only=True),
        HelpPanel(template="spaces/admin/lifecycle_help.html"),
        FieldPanel("network_events"),
        FieldPanel("site"),
    ]

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.country = self.country.upper()
        self.languages = ",".join(parse_language_list(self.languages))
        self.__dict__.pop("language_codes", None)
        self.__dict__.pop("zone", None)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        try:
            default = parse_language_list(self.languages)[0]
        except ValidationError:
            return  # reported on the languages field itself
        missing = {
            f"{field}_{default}": _("Required in the space's default language.")
            for field in ("name", "city")
            if not getattr(self, f"{field}_{default}", "")
        }
        if missing:
            raise ValidationError(missing)

    @cached_property
    def language_codes(self) -> list[str]:
        return parse_language_list(self.languages)

    @property
    def default_language(self) -> str:
        return self.language_codes[0]

    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def country_name(self, language: str) -> str:
        return Locale.parse(language).territories.get(self.country, self.country)


_LANGUAGES_KEY = "socle:space-languages"
_LANGUAGES_VERSION_KEY = "socle:space-languages:version"
# This thread's copy of the maps, the version it is, and whether that version was read during the
# request being served: an admin page asks a space's languages for every page it links (dozens), and
# reading the maps of a thousand spaces from the cache each time cost more than the page's queries.
# Within a request the version is read once; outside requests (tasks, commands), at every call.
_local = threading.local()


def _request_started(**kwargs) -> None:
    _local.in_request, _local.checked = True, False


def _request_finished(**kwargs) -> None:
    _local.in_request = _local.checked = False


request_started.connect(_request_started, dispatch_uid="space-languages-request-started")
request_finished.connect(_request_finished, dispatch_uid="space-languages-request-finished")


def _languages_of_spaces() -> dict[str, dict]:
    """Each space's languages, default first, by its site's id (``"site"``) and by its root page's
    path (``"root"``), from a cache renewed whenever a space, a site or the page tree changes."""
    if getattr(_local, "checked", False):
        return _local.maps
    version = cache.get(_LANGUAGES_VERSION_KEY)
    if version is not None and version == getattr(_local, "version", None):
        _local.checked = getattr(_local, "in_request", False)
        return _local.maps
    stored = cache.get(_LANGUAGES_KEY) if version is not None else None
    if stored is not None and stored[0] == version:
        maps = stored[1]
    else:
        maps = {"site": {}, "root": {}}
        for site_id, languages, root_path in Space.objects.values_list("site_id", "languages", "site__root_page__path"):
            maps["site"][site_id] = parse_language_list(languages)
            if root_path:
                maps["root"][root_path] = maps["site"][site_id]
        version = uuid.uuid4().hex
        cache.set(_LANGUAGES_KEY, (version, maps), None)
        cache.set(_LANGUAGES_VERSION_KEY, version, None)
    _local.version, _local.maps, _local.checked = version, maps, getattr(_local, "in_request", False)
    return maps


def site_languages(site_id: int) -> list[str] | None:
    """The languages served on a Wagtail site."""
    return _languages_of_spaces()["site"].get(site_id)


def languages_by_root() -> dict[str, list[str]]:
    """``{root page path: the space's languages}``: a page's space is the root its path starts with."""
    return _languages_of_spaces()["root"]


def forget_space_languages(**kwargs) -> None:
    _local.checked = False
    cache.delete_many([_LANGUAGES_VERSION_KEY, _LANGUAGES_KEY])


def record_page_translation_states(sender, instance, created=False, **kwargs) -> None:
    """A space's default language is the source of its pages: their translation states follow it.

    A new space's pages (its home is made before the space) were written in one go: they are fresh.
    """
    from sites.translation.state import record_states, stamp_all

    for page in Page.objects.descendant_of(instance.site.root_page, inclusive=True).specific():
        if hasattr(page, "translation_source_language"):
            if created:
                stamp_all(page)
            record_states(page)
