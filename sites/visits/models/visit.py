"""A space's Visit page: how to come, when it is open, whom to ask, how accessible the venue is.

The address is the space's own (``Space.address``, translated); this page adds what only its editors
know. One per space, a child of its home.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sites.spaces.models import SpacePage

from ..forms import VisitPageForm
from ..hours import MIDNIGHT, ExceptionalDates, Range, Schedule, Weekday

ACCESS_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]
validate_phone = RegexValidator(
    re.compile(r"^\+?[0-9 ().\-]{5,31}$"),
    _(
        "A phone number has digits, spaces, brackets, dots or hyphens only, and may start with + "
        "(e.g. +33 1 23 45 67 89)."
    ),
    code="bad_phone",
)


def check_range(opens, closes, field: str = "closes") -> None:
    """Refuse a range that closes before (or when) it opens; 00:00 closes at midnight."""
    if opens is None or closes is None or closes == MIDNIGHT:
        return
    if closes <= opens:
        raise ValidationError(
            {field: _("Closes at %(closes)s, which is not after it opens (%(opens)s). For a range past midnight, "
                      "close at 00:00 and open the next day at 00:00.")
                    % {"closes": closes.strftime("%H:%M"), "opens": opens.strftime("%H:%M")}}
        )  # fmt: skip


class VisitPage(SpacePage):
    intro = models.TextField(_("introduction"), blank=True)
    directions = models.TextField(
        _("how to get here"), blank=True, help_text=_("Public transport, the nearest stop, parking, the door to use.")
    )
    accessibility = RichTextField(
        _("accessibility of the venue"),
        blank=True,
        features=ACCESS_FEATURES,
        help_text=_("As it is: step-free access, lifts, toilets, a quiet room, seating, what is not accessible yet."),
    )
    body = RichTextField(_("more about visiting"), blank=True, features=ACCESS_FEATURES)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[validate_phone])
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("From -90 to 90, e.g. 48.868600 (north is positive)."),
    )  # fmt: skip
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("From -180 to 180, e.g. 2.349700 (east is positive)."),
    )  # fmt: skip

    base_form_class = VisitPageForm
    parent_page_types = ["spaces.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [InlinePanel("opening_hours", label=_("Time range"))],
            heading=_("Opening hours"),
            help_text=_(
                "One row per opening of a day; a day without rows is closed. Several rows a day are "
                "several openings (09:00–12:00 and 14:00–19:00)."
            ),
        ),  # fmt: skip
        MultiFieldPanel(
            [InlinePanel("hours_exceptions", label=_("Exception"))],
            heading=_("Exceptions: holidays and special hours"),
        ),
        FieldPanel("directions"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        FieldPanel("accessibility"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Coordinates (for the link to OpenStreetMap)"),
        ),
        FieldPanel("body"),
    ]
    search_fields = SpacePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("directions"),
        index.SearchField("accessibility"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("visit page")

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("Give both the latitude and the longitude, or neither.")})

    def get_context(self, request, *args, **kwargs):
        from ..info import VisitInfo, visit_info

        context = super().get_context(request, *args, **kwargs)
        space = context["space"] or self.space
        info = visit_info(space)
        if info is None or info.page is None or info.page.pk != self.pk or getattr(request, "is_preview", False):
            # A preview shows the rows being edited, unsaved ones included.
            rows = (list(self.opening_hours.all()), list(self.hours_exceptions.all()))
            info = VisitInfo(space, self, *rows, statement=info.statement if info else None)
        context["visit"] = info
        return context

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def openstreetmap_url(self) -> str:
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"

    def schedule(self, zone, hours=None, exceptions=None) -> Schedule:
        """The page's hours as a ``Schedule`` on ``zone``'s clock (rows may be given, read once elsewhere)."""
        hours = self.opening_hours.all() if hours is None else hours
        exceptions = self.hours_exceptions.all() if exceptions is None else exceptions
        week: dict[int, list[Range]] = {}
        for row in hours:
            week.setdefault(row.weekday, []).append(Range(row.opens, row.closes))
        return Schedule(zone, week, [row.as_dates() for row in exceptions])


class OpeningHours(Orderable):
    page = ParentalKey(VisitPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"), help_text=_("00:00 is midnight, at the end of the day."))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        check_range(self.opens, self.closes)

    def as_range(self) -> Range:
        return Range(self.opens, self.closes)


class HoursException(Orderable):
    page = ParentalKey(VisitPage, on_delete=models.CASCADE, related_name="hours_exceptions")
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"), null=True, blank=True, help_text=_("Empty for a single day."))
    closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True, help_text=_("00:00 is midnight."))
    reason = models.CharField(_("reason"), max_length=120, blank=True, help_text=_("e.g. Public holiday"))

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("closed"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")

    def __str__(self) -> str:
        return f"{self.start_date}–{self.last_date}"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Ends on %(end)s, before it starts (%(start)s).")
                             % {"end": self.end_date.isoformat(), "start": self.start_date.isoformat()}}
            )  # fmt: skip
        if self.closed:
            if self.opens or self.closes:
                raise ValidationError({"closed": _("Closed all day, yet hours are given: untick it or clear them.")})
            return
        missing = {name: _("Special hours need an opening and a closing time (or tick “closed all day”).")
                   for name in ("opens", "closes") if getattr(self, name) is None}  # fmt: skip
        if missing:
            raise ValidationError(missing)
        check_range(self.opens, self.closes)

    @property
    def last_date(self) -> date:
        return self.end_date or self.start_date

    def as_dates(self) -> ExceptionalDates:
        hours = None if self.closed or self.opens is None or self.closes is None else Range(self.opens, self.closes)
        return ExceptionalDates(self.start_date, self.last_date, self.closed, hours, self)
