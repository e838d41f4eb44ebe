"""The network's name is written in every network language."""

from modeltranslation.translator import TranslationOptions, register

from .models import NetworkIdentity


@register(NetworkIdentity)
class NetworkIdentityTR(TranslationOptions):
    fields = ("name", "short_name")
