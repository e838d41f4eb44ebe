"""Each site's theme stylesheet, icons and web manifest, drawn from its identity.

Their addresses carry the identity's version (``?v=``): an answer to the current version is
cached by browsers for a year, any other (an old page, or ``/favicon.ico`` asked for by name) for
an hour, so a change is seen at once by every page that links the new version. They are served
whatever the space's status: an opening or closed space's page is drawn with them too.
"""

import json

from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

from sites.spaces.localize import localize
from sites.spaces.middleware import whatever_the_status

from .colours import PAPER
from .icons import ICONS, icon, monogram_letter
from .snapshot import Identity, identity_of_request

YEAR, HOUR = 365 * 24 * 3600, 3600


def letter_of(request) -> str:
    space = getattr(request, "space", None)
    if space is None:
        identity = identity_of_request(request)
        return monogram_letter(*identity.names.values())
    return monogram_letter(*(getattr(space, f"name_{code}", "") for code in space.language_codes), space.slug)


def asset_version(request) -> str:
    return f"{identity_of_request(request).version}{letter_of(request)}"


def _cached(request, response: HttpResponse) -> HttpResponse:
    if request.GET.get("v") == asset_version(request):
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=HOUR)
    return response


def theme_css(identity: Identity) -> str:
    return (
        "/* This site's colours (its identity, set in the admin), over socle.css's. */\n"
        f":root {{ --accent: {identity.accent}; --accent-ink: {identity.accent_ink}; --focus: {identity.focus}; }}\n"
    )


@whatever_the_status
def theme(request):
    response = HttpResponse(theme_css(identity_of_request(request)), content_type="text/css; charset=utf-8")
    return _cached(request, response)


@whatever_the_status
def site_icon(request, name: str):
    _size, kind = ICONS[name]
    content_type = "image/x-icon" if kind == "ICO" else "image/png"
    response = HttpResponse(icon(identity_of_request(request), name, letter_of(request)), content_type=content_type)
    return _cached(request, response)


@whatever_the_status
def manifest(request):
    """The web manifest, in the language of its address: the site's name, colour and icons."""
    language = translation.get_language()
    identity = identity_of_request(request)
    space = getattr(request, "space", None)
    if space is not None:
        name = localize(space, "name", language, space).text
        short_name = name if len(name) <= 12 else localize(space, "city", language, space).text[:12]
    else:
        name, short_name = identity.name(language).text, identity.short_name(language)  # no space: the network
    version = asset_version(request)
    icons = [
        {"src": f"/{file}?v={version}", "sizes": f"{size}x{size}", "type": "image/png"}
        for file, (size, kind) in ICONS.items()
        if kind == "PNG" and size >= 192
    ]
    body = {
        "name": name, "short_name": short_name, "lang": language, "start_url": f"/{language}/",
        "scope": "/", "display": "minimal-ui", "theme_color": identity.accent, "background_color": PAPER,
        "icons": icons,
    }  # fmt: skip
    response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/manifest+json")
    return _cached(request, response)
