"""Route a request to its space by hostname, and gate the URL's language by the space's languages.

Takes the place of Django's LocaleMiddleware, whose language choice is network-wide: here a
language the space does not serve is a 404, and ``/`` goes to the visitor's preferred language
among the space's own.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.http.request import split_domain_port
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from wagtail.models import GroupPagePermission, Page

from .errors import is_plain_not_found, page_not_found
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
        {"shown_space": space, "space": space},
        status=200 if opening else 410,
    )
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def whatever_the_status(view):
    """Mark a view that a space answers even while it is opening or closed: its theme and icons, which
    its status page uses too; its robots.txt and sitemap, which say themselves there is nothing to index."""
    view.whatever_the_space_status = True
    return view


def answered_whatever_the_status(path: str) -> bool:
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
            # The space's own 404, in its first language, with links to the page in the ones it has.
            with translation.override(served[0]):
                request.LANGUAGE_CODE = served[0]
                response = page_not_found(request)
            response.headers["Content-Language"] = served[0]
            return response

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
            if space is not None and is_plain_not_found(response):
                response = page_not_found(request)
        finally:
            translation.deactivate()
            timezone.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
