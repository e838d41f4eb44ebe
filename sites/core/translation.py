"""Translated fields of the network core and of the pages that show it.

The core is written in French first (the network's source language) and translated into
every network language; a space's pages are written in the space's own languages.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Adoption, PracticeIndexPage, PracticePage, Principle, PrinciplesPage, Value


@register(Value)
class ValueTR(TranslationOptions):
    fields = ("word", "meaning")
    required_languages = ("fr",)


@register(Principle)
class PrincipleTR(TranslationOptions):
    fields = ("statement", "explanation")
    required_languages = ("fr",)


@register(PrinciplesPage)
class PrinciplesPageTR(TranslationOptions):
    fields = ("intro",)


@register(PracticeIndexPage)
class PracticeIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(PracticePage)
class PracticePageTR(TranslationOptions):
    fields = ("summary", "body")


@register(Adoption)
class AdoptionTR(TranslationOptions):
    fields = ("local_reading",)
