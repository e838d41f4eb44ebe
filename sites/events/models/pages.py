"""A space's events and calendars: times stored aware, in the venue's zone, shown in the site's zone."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from sites.images.pictures import with_images
from sites.pagecache.tags import record_until
from sites.spaces.languages import network_languages
from sites.spaces.models import SectionPage, SpacePage
from sites.spaces.models.pages import RICH_TEXT_FEATURES, image_field
from sites.spaces.models.space import validate_time_zone

from ..forms import EventPageForm
from ..wall_clock import check_wall_clock
from ..widgets import SpaceCheckboxes


class EventIndexPage(SectionPage):
    """A space's own events: upcoming first, then the recent past."""

    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("events calendar")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = with_images(EventPage.objects.child_of(self).live().select_related("programme"))
        now = timezone.now()
        context["upcoming"] = list(events.filter(end__gte=now).order_by("start"))
        if context["upcoming"]:  # the first to end then moves to the past: the page changes by itself
            record_until(min(event.end for event in context["upcoming"]))
        # A cancelled event is listed until it has passed, then forgotten.
        context["past"] = events.filter(end__lt=now, cancelled=False).order_by("-start")[:10]
        return context


class EventPage(SpacePage):
    """One event, at a venue or online (or both), for this space or shared with the network."""

    class Scope(models.TextChoices):
        LOCAL = "local", _("This space only")
        NETWORK = "network", _("The whole network")
        CHOSEN = "chosen", _("Chosen spaces")

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("venue time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("IANA time zone of the venue, e.g. Europe/Moscow. Leave empty for the space's own zone."),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    programme = models.ForeignKey(
        "spaces.ProgrammePage",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("A cancelled event stays listed, marked as cancelled, until it has passed."),
    )
    scope = models.CharField(
        _("shared with"),
        max_length=10,
        choices=Scope.choices,
        default=Scope.LOCAL,
        help_text=_("Spaces an event is shared with show it in their network calendar, in their own time zone."),
    )
    target_spaces = ParentalManyToManyField(
        "spaces.Space",
        verbose_name=_("spaces to share with"),
        blank=True,
        related_name="+",
        help_text=_("Only when the event is shared with chosen spaces."),
    )
    # Spaces on linked installs (Socle Link): their install receives the event for them alone.
    target_remote_spaces = ParentalManyToManyField(
        "federation.RemoteSpace",
        verbose_name=_("spaces of linked installs to share with"),
        blank=True,
        related_name="+",
        help_text=_("Only when the event is shared with chosen spaces."),
    )
    image = image_field(_("image"), _("Shown at the top of the event and on its card."))

    base_form_class = EventPageForm
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    page_image_field = "image"
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("cancelled"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("time_zone")], heading=_("When")
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_url")], heading=_("Where")),
        FieldPanel("registration_url"),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldPanel("scope"),
                FieldPanel("target_spaces", widget=SpaceCheckboxes),
                FieldPanel("target_remote_spaces", widget=SpaceCheckboxes),
            ],
            heading=_("Sharing with the network"),
        ),
        FieldPanel("body"),
    ]
    search_fields = SpacePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        errors = {}
        for name in ("start", "end"):
            moment = getattr(self, name)
            if moment is not None and timezone.is_aware(moment):
                # Built in code (a loader, an import) with the venue's zone: its date and time are the
                # wall clock there, which may be a time the clocks skip or show twice.
                try:
                    check_wall_clock(moment.replace(tzinfo=None), moment.tzinfo)
                except ValidationError as error:
                    errors[name] = error
        if "end" not in errors and self.start and self.end and self.end <= self.start:
            errors["end"] = _("An event must end after it starts.")
        has_venue = any(getattr(self, f"venue_{code}", "") for code in network_languages())
        if not has_venue and not self.online_url:
            errors["online_url"] = _("Give a venue, an online link, or both.")
        if errors:
            raise ValidationError(errors)

    # Publishing, unpublishing and deleting announce the event to the spaces it is shared with
    # (``relay``, from the page signals): one transaction holds the page's change and the announcement.
    @transaction.atomic
    def publish(self, *args, **kwargs):
        return super().publish(*args, **kwargs)

    @transaction.atomic
    def unpublish(self, *args, **kwargs):
        return super().unpublish(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        """The page, or, for an event shared with the network and asked for in ActivityStreams (a
        fediverse server), its ``Event`` object (``activitystreams``)."""
        from ..activitystreams import event_object, respond, wants_activity

        space = getattr(request, "space", None)
        if self.scope != self.Scope.NETWORK or space is None:
            return super().serve(request, *args, **kwargs)
        if wants_activity(request.headers.get("Accept", "")):
            return respond(event_object(self, space))
        response = super().serve(request, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        return response

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """Where the event's wall-clock times are read: the venue's zone, else its space's."""
        if self.time_zone:
            return zoneinfo.ZoneInfo(self.time_zone)
        space = self.space
        return space.zone if space is not None else zoneinfo.ZoneInfo("UTC")

    @property
    def is_shared(self) -> bool:
        return self.scope != self.Scope.LOCAL


class NetworkCalendarPage(SectionPage):
    """A site's network calendar: its own events and the network events it accepted."""

    subpage_types = []

    class Meta:
        verbose_name = _("network calendar")

    def get_context(self, request, *args, **kwargs):
        from ..calendar import CalendarFilter, network_calendar

        context = super().get_context(request, *args, **kwargs)
        space = getattr(request, "space", None)
        filters = CalendarFilter(request.GET, space=space)
        context["filters"] = filters
        context["entries"] = network_calendar(space, filters.criteria()) if space is not None else []
        return context
