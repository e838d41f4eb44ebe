"""Translated fields of the network core and of the pages that show it.

The core is written in French first (the network's source language) and translated into
every network language; a space's pages are written in the space's own languages.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Adoption, CoreVersion, PracticeIndexPage, PracticePage, Principle, PrinciplesPage, Value


@register(Value)
class ValueTR(TranslationOptions):
    fields = ("word", "meaning", "change_note")
    required_languages = {"fr": ("word", "meaning")}
    # Read in a language it lacks, the core shows its French source (see core.names).
    fallback_languages = {"default": ("fr",)}


@register(Principle)
class PrincipleTR(TranslationOptions):
    fields = ("statement", "explanation", "change_note")
    required_languages = {"fr": ("statement",)}
    fallback_languages = {"default": ("fr",)}


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


@register(CoreVersion)
class CoreVersionTR(TranslationOptions):
    # A version keeps its change note in every language it was written in: spaces read it in theirs.
    fields = ("change_note",)
