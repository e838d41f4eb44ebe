"""The playbook is written French first, like the network core, and translated into every language."""

from modeltranslation.translator import TranslationOptions, register

from .models import ChecklistStep, Stage, Step


@register(Stage)
class StageTR(TranslationOptions):
    fields = ("title",)
    required_languages = {"fr": ("title",)}


@register(Step)
class StepTR(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"fr": ("title",)}


@register(ChecklistStep)
class ChecklistStepTR(TranslationOptions):
    fields = ("stage_title", "title", "description")
