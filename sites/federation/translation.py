"""Translated fields (django-modeltranslation) of what linked installs describe."""

from modeltranslation.translator import TranslationOptions, register

from .models import RemoteSpace


@register(RemoteSpace)
class RemoteSpaceTR(TranslationOptions):
    fields = ("name", "city")
