"""The admin form of an event: its space's programmes, the spaces it may be shared with, its venue's zone."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sites.spaces.forms import SpacePageForm
from sites.spaces.models import ProgrammePage, Space


def in_zone(moment, zone: zoneinfo.ZoneInfo):
    """The same wall-clock time as ``moment`` (read in the active zone), in ``zone`` instead."""
    wall = timezone.localtime(moment).replace(tzinfo=None)
    return wall.replace(tzinfo=zone)


class EventPageForm(SpacePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.space is None:
            return
        if "programme" in self.fields:
            # An event belongs to a programme of its own space, never another city's.
            self.fields["programme"].queryset = ProgrammePage.objects.descendant_of(self.space.site.root_page)
        if "target_spaces" in self.fields:
            self.fields["target_spaces"].queryset = (
                Space.objects.exclude(pk=self.space.pk).exclude(status=Space.Status.CLOSED).order_by("slug")
            )
        # Show the times as the venue's wall clock. Wagtail renders admin forms in the editor's own
        # time zone (UTC unless set), after the view has returned: naive initial values are shown as
        # they are, whatever zone is active then. ``clean`` reads them back in the venue's zone.
        zone = zoneinfo.ZoneInfo(self.instance.time_zone) if self.instance.time_zone else self.space.zone
        for name in ("start", "end"):
            value = self.initial.get(name)
            if value is not None and timezone.is_aware(value):
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)
        time_help = _("Times are in the venue's time zone: the space's (%(zone)s) unless you choose another.") % {
            "zone": self.space.time_zone
        }
        for name in ("start", "end"):
            if name in self.fields:
                self.fields[name].help_text = time_help

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        chosen = cleaned.get("target_spaces")
        if scope == "chosen" and not chosen:
            self.add_error(
                "target_spaces",
                ValidationError(
                    _("Choose at least one space to share this event with, or share it with the whole network."),
                    code="no_target",
                ),
            )
        zone_name = cleaned.get("time_zone")
        readable = zone_name is not None and (not zone_name or zone_name in zoneinfo.available_timezones())
        if self.space is not None and readable:
            # The form read the times in the zone active for the editor (the space's, or the venue's
            # on a later edit): they are the venue's wall-clock times, so read them in the venue's zone.
            zone = zoneinfo.ZoneInfo(zone_name) if zone_name else self.space.zone
            for name in ("start", "end"):
                if cleaned.get(name) is not None:
                    cleaned[name] = in_zone(cleaned[name], zone)
        return cleaned
