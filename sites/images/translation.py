"""The image's description is its alt text: one per language of the network."""

from modeltranslation.translator import TranslationOptions, register

from .models import SpaceImage


@register(SpaceImage)
class SpaceImageTR(TranslationOptions):
    fields = ("description",)
