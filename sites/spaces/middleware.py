"""Route a request to its space by hostname, and gate the URL's language by the space's languages.

Takes the place of Django's LocaleMiddleware, whose language choice is network-wide: here a
language the space does not serve is a 404, and ``/`` goes to the visitor's preferred language
among the space's own.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.http.request import split_domain_port
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from wagtail.models import GroupPagePermission, Page

from .hosts import space_for_host
from .languages import language_prefix, network_languages, preferred_language
from .models import Space


def find_space(request) -> Space | None:
    """The space serving this request's hostname (from the cache), also handed to Wagtail as its site."""
    hostname, port = split_domain_port(request.get_host())
    space = space_for_host(hostname, int(port or request.get_port()))
    if space is not None:
        request._wagtail_site = space.site
    return space


def can_preview(user, space: Space) -> bool:
    """Coordinators, and the people who edit the space, see a space that is not open as it will be."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm("spaces.change_space"):
        return True
    root = space.site.root_page
    ancestors = [root.path[:end] for end in range(Page.steplen, len(root.path) + 1, Page.steplen)]
    return GroupPagePermission.objects.filter(group__user=user, page__path__in=ancestors).exists()


def status_page(request, space: Space) -> HttpResponse:
    """What visitors see of a space that is opening (soon here) or closed (gone), in its languages."""
    opening = space.status == Space.Status.OPENING
    response = render(
        request,
        "spaces/opening_soon.html" if opening else "spaces/closed.html",
        {"shown_space": space},
        status=200 if opening else 410,
    )
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def answered_whatever_the_status(path: str) -> bool:
    """A view marked ``whatever_the_space_status`` (a site's theme and icons, which its status page
    uses too) is served while the space is opening or closed."""
    try:
        return getattr(resolve(path).func, "whatever_the_space_status", False)
    except Resolver404:
        return False


class SpaceLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        space = find_space(request)
        request.space = space
        language = language_prefix(request.path_info)
        # Outside a space (admin, network index) every network language is served, English first.
        served = space.language_codes if space else [settings.LANGUAGE_CODE, *network_languages()]

        if space is not None and request.path_info == "/":
            target = preferred_language(request.headers.get("Accept-Language", ""), served)
            response = HttpResponseRedirect(f"/{target}/")
            patch_vary_headers(response, ["Accept-Language"])
            return response

        if language is None:
            # Admin, static files, documents, the network index: not a space's public pages.
            language = preferred_language(request.headers.get("Accept-Language", ""), served)
        elif language not in served:
            translation.activate(served[0])
            raise Http404(f"This site is not published in {language!r}.")

        translation.activate(language)
        request.LANGUAGE_CODE = language
        if space is not None:
            timezone.activate(space.zone)
        try:
            if (
                space is not None
                and space.status != Space.Status.OPEN
                and not can_preview(request.user, space)
                and not answered_whatever_the_status(request.path_info)
            ):
                response = status_page(request, space)
            else:
                response = self.get_response(request)
        finally:
            translation.deactivate()
            timezone.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
