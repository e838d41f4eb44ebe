"""The admin form of an event: its space's programmes, the spaces it may be shared with, its venue's zone."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, resolution_order

from sites.federation.models import Link, RemoteSpace
from sites.spaces.forms import SpacePageForm
from sites.spaces.models import ProgrammePage, Space

from .wall_clock import WallClockField, in_zone

TIMES = ("start", "end")


class SpaceNames(ModelChoiceIterator):
    """The spaces an event may be shared with, as (id, name in the editor's language or the first
    fallback that has one), read as plain values in one query: building a thousand spaces, each
    with every translated field, was most of an event's edit form in a large network."""

    def __iter__(self):
        fields = [build_localized_fieldname("name", code) for code in resolution_order(get_language())]
        for pk, *names in self.queryset.values_list("pk", *fields):
            yield pk, next((name for name in names if name), "")

    def __len__(self):
        return self.queryset.count()


class EventPageForm(SpacePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TIMES:
            if name in self.fields:
                typed = self.fields[name]
                self.fields[name] = WallClockField(
                    label=typed.label,
                    required=typed.required,
                    disabled=typed.disabled,
                    widget=typed.widget,
                    help_text=typed.help_text,
                )
        if self.space is None:
            return
        if "programme" in self.fields:
            # An event belongs to a programme of its own space, never another city's.
            self.fields["programme"].queryset = ProgrammePage.objects.descendant_of(self.space.site.root_page)
        if "target_spaces" in self.fields:
            self.fields["target_spaces"].iterator = SpaceNames  # before the queryset, which draws the choices
            self.fields["target_spaces"].queryset = (
                Space.objects.exclude(pk=self.space.pk).exclude(status=Space.Status.CLOSED).order_by("slug")
            )
        if "target_remote_spaces" in self.fields:
            remote = RemoteSpace.objects.exclude(link__state=Link.State.REVOKED).exclude(status=Space.Status.CLOSED)
            if remote.exists():
                self.fields["target_remote_spaces"].iterator = SpaceNames
                self.fields["target_remote_spaces"].queryset = remote.order_by("slug")
            else:
                del self.fields["target_remote_spaces"]  # no linked install: nothing to choose, nothing shown
        # Show the times as the venue's wall clock. Wagtail renders admin forms in the editor's own
        # time zone (UTC unless set), after the view has returned: naive initial values are shown as
        # they are, whatever zone is active then. ``clean`` reads them back in the venue's zone.
        zone = zoneinfo.ZoneInfo(self.instance.time_zone) if self.instance.time_zone else self.space.zone
        for name in TIMES:
            value = self.initial.get(name)
            if value is not None and timezone.is_aware(value):
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)
        time_help = _("Times are in the venue's time zone: the space's (%(zone)s) unless you choose another.") % {
            "zone": self.space.time_zone
        }
        for name in TIMES:
            if name in self.fields:
                self.fields[name].help_text = time_help

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        chosen = cleaned.get("target_spaces")
        if scope == "chosen" and not chosen and not cleaned.get("target_remote_spaces"):
            self.add_error(
                "target_spaces",
                ValidationError(
                    _("Choose at least one space to share this event with, or share it with the whole network."),
                    code="no_target",
                ),
            )
        zone_name = cleaned.get("time_zone")
        if zone_name is None or (zone_name and zone_name not in zoneinfo.available_timezones()):
            return cleaned  # the zone is refused: the times cannot be read yet
        # The times are the venue's wall clock, whatever zone the editor's admin works in.
        if zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
        else:
            zone = self.space.zone if self.space is not None else timezone.get_current_timezone()
        for name in TIMES:
            if cleaned.get(name) is not None:
                try:
                    cleaned[name] = in_zone(cleaned[name], zone)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned
