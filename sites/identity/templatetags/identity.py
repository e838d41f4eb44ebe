"""The identity in a page: the theme, icons and manifest in its head, the logos, the network's name."""

from django import template
from django.utils import translation

from ..snapshot import identity_of_request
from ..views import asset_version

register = template.Library()


@register.inclusion_tag("identity/head.html", takes_context=True)
def identity_head(context) -> dict:
    request = context["request"]
    return {
        "version": asset_version(request),
        "language": translation.get_language(),
        "accent": identity_of_request(request).accent,
    }


@register.simple_tag(takes_context=True)
def network_identity(context):
    """``{% network_identity as network %}``: ``network.name`` (a localized text, marked with its
    language when it fell back), ``network.logo`` and ``network.space_logo`` (or None)."""
    request = context["request"]
    identity = identity_of_request(request)
    return {
        "name": identity.name(translation.get_language(), getattr(request, "space", None)),
        "logo": identity.network_logo,
        "space_logo": identity.space_logo,
    }
