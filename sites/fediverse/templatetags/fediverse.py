from django import template

from sites.fediverse.actors import handle

register = template.Library()


@register.simple_tag
def fediverse_handle(space) -> str:
    """``@slug@hostname``: what a visitor types in Mastodon's or Mobilizon's search to follow the space."""
    return handle(space)
