"""Translated fields (django-modeltranslation) of the Visit page, its exceptions and the accessibility statement."""

from modeltranslation.translator import TranslationOptions, register

from .models import AccessibilityStatementPage, HoursException, VisitPage


@register(VisitPage)
class VisitPageTR(TranslationOptions):
    fields = ("intro", "directions", "accessibility", "body")


@register(HoursException)
class HoursExceptionTR(TranslationOptions):
    fields = ("reason",)


@register(AccessibilityStatementPage)
class AccessibilityStatementPageTR(TranslationOptions):
    fields = ("intro", "known_limitations", "body")
