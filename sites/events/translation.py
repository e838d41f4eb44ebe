from modeltranslation.translator import TranslationOptions, register

from .models import EventIndexPage, EventPage, NetworkCalendarPage


@register(EventIndexPage)
class EventIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(EventPage)
class EventPageTR(TranslationOptions):
    fields = ("summary", "body", "venue")


@register(NetworkCalendarPage)
class NetworkCalendarPageTR(TranslationOptions):
    fields = ("intro",)
