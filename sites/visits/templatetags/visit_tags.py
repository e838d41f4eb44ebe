"""What the practical block, the Visit page and the statement show, worked out at each render in the
page's language (the fragment they read from holds no time and no language)."""

from babel import Locale
from babel.dates import format_date
from django import template
from django.utils import timezone, translation

from sites.spaces.localize import localize

from .. import wording
from ..hours import Weekday

register = template.Library()


def _language() -> str:
    return translation.get_language() or "en"


@register.simple_tag
def visit_now(info) -> dict:
    """The open-now line and today's hours; the page is kept no longer than they hold."""
    if info is None or info.page is None:
        return {}
    status = info.status()
    language = _language()
    schedule = info.schedule
    today = timezone.now().astimezone(info.space.zone).date()
    return {
        "line": wording.status_line(status, language, info.space),
        "is_open": bool(status and status.is_open),
        "known": schedule.is_known,
        "today_hours": wording.day_hours_text(schedule.shown_on(today), language),
    }


@register.simple_tag
def week_rows(info) -> list[dict]:
    """One row per weekday, Monday first: its name, its regular hours, whether it is today."""
    language = _language()
    schedule = info.schedule
    today = timezone.now().astimezone(info.space.zone).date()
    return [
        {
            "day": wording.day_name(day, language),
            "hours": wording.day_hours_text(schedule.shown_weekday(day), language),
            "is_today": day == today.weekday(),
        }
        for day in Weekday.values
    ]


@register.simple_tag
def upcoming_exceptions(info) -> list[dict]:
    language = _language()
    today = timezone.now().astimezone(info.space.zone).date()
    rows = []
    for exception in info.upcoming_exceptions(today):
        dates = exception.as_dates()
        rows.append(
            {
                "dates": wording.date_range(dates.first, dates.last, language),
                "hours": wording.day_hours_text([dates.hours] if dates.hours else [], language),
                "reason": localize(exception, "reason", language, info.space),
            }
        )
    return rows


@register.simple_tag
def review_date(day) -> str:
    return format_date(day, "long", locale=Locale.parse(translation.to_locale(_language())))
