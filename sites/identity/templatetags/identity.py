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
    """``{% network_identity as network %}``: ``network.logo`` and ``network.space_logo`` (or None)."""
    identity = identity_of_request(context["request"])
    return {"logo": identity.network_logo, "space_logo": identity.space_logo}


@register.simple_tag(takes_context=True)
def network_name(context):
    """The network's name in the page's language, marked with its own language where it fell back
    (a tag's output keeps the mark; a variable's ``{{ }}`` would drop it)."""
    request = context["request"]
    return identity_of_request(request).name(translation.get_language(), getattr(request, "space", None))
