"""Translated fields (django-modeltranslation) of spaces and their pages."""

from modeltranslation.translator import TranslationOptions, register

from .models import HomePage, HomePhoto, ProgrammeIndexPage, ProgrammePage, Space, StandardPage


@register(Space)
class SpaceTR(TranslationOptions):
    fields = ("name", "city", "address")


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "body")


@register(HomePhoto)
class HomePhotoTR(TranslationOptions):
    fields = ("caption",)


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(ProgrammeIndexPage)
class ProgrammeIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ProgrammePage)
class ProgrammePageTR(TranslationOptions):
    fields = ("summary", "audience", "how_to_join", "body")
