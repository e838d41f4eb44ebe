"""Socle's own schema.org objects join those other apps register on ``socle_structured_data``."""

from wagtail import hooks

from . import schema_org


@hooks.register("socle_structured_data")
def socle_pages_structured_data(page, request):
    return schema_org.describe(page, request)
