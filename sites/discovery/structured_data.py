"""schema.org JSON-LD for the page being read, from whichever app knows what the page describes.

A page may answer its own objects (``page.structured_data(request)``), and any app may add some for
any page through the ``socle_structured_data`` hook (``fn(page, request) -> list[dict]``): the events
app's pages get their ``Event`` here (``discovery.events``), the visit pages their place. Each
object is written in a ``<script type="application/ld+json">``, escaped so that no text inside it
(a ``</script>`` in an event's title) can end the script element.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from wagtail import hooks

# What Django's json_script escapes: the JSON stays the same to a JSON parser, and the HTML parser
# sees no "<", ">" or "&" in it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def objects_for(page, request) -> list[dict]:
    """Every schema.org object describing ``page``, each once."""
    if page is None:
        return []
    found = list(getattr(page, "structured_data", lambda request: [])(request) or [])
    for describe in hooks.get_hooks("socle_structured_data"):
        found += describe(page, request) or []
    unique = {}
    for obj in found:
        unique.setdefault(to_json(obj), obj)
    return list(unique.values())


def to_json(obj: dict) -> str:
    return json.dumps(obj, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)


def render_scripts(objects: list[dict]) -> SafeString:
    return format_html_join(
        "\n", '<script type="application/ld+json">{}</script>', ((SafeString(to_json(obj)),) for obj in objects)
    )
