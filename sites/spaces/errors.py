"""The error pages a visitor meets on a space's site, in the page's language and the space's design.

- 404: a page that does not exist, or a language the space does not publish. It is made here for
  every HTML 404 of a space's site, Django's debug page included: the demo runs with DEBUG on, and a
  visitor trying it must see what production shows.
- 410 Gone: a closed space's pages (``middleware.status_page``). Gone says "for good", and that is
  the one case Socle knows to be final: Wagtail keeps no record of a deleted page, and an
  unpublished one is often back the next week (a 404 then lets search engines come back for it).
- 500: rendered without the database (it may be what failed): the space is the one the request
  already found, whose fields are in memory; no menu (it is read from the database). With DEBUG on
  (the demo), ``ServerErrorPageMiddleware`` shows it too, and the traceback goes to the console.
"""

import logging

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

# When even the designed page fails (a broken template, a missing static manifest): plain text.
PLAIN_SERVER_ERROR = "<!DOCTYPE html><title>Server error (500)</title><h1>Server error (500)</h1>"


def page_not_found(request, exception=None) -> HttpResponse:
    """Django's ``handler404``, and the middleware's page for a language the space does not publish."""
    space = getattr(request, "space", None)
    html = render_to_string("404.html", {"space": space, "error_page": True}, request=request)
    response = HttpResponseNotFound(html)
    response.socle_error_page = True
    return response


def server_error(request) -> HttpResponse:
    """Django's ``handler500``: the space's header and footer, and not a query."""
    # Never looked up again here: only what the middleware already found.
    space = getattr(request, "space", None)
    language = getattr(request, "LANGUAGE_CODE", None)
    request.socle_without_database = True  # what the page reads of the network comes from the cache only
    try:
        with translation.override(language or translation.get_language()):
            html = render_to_string("500.html", {"space": space, "error_page": True}, request=request)
    except Exception:
        logger.exception("The server error page could not be rendered")
        return HttpResponseServerError(PLAIN_SERVER_ERROR)
    return HttpResponseServerError(html)


# Exceptions Django answers with their own status (404, 403, 400): not server errors.
ANSWERED_BY_DJANGO = (Http404, PermissionDenied, BadRequest, SuspiciousOperation)


class ServerErrorPageMiddleware:
    """With DEBUG on, Django answers a failing view with its traceback page, whatever ``handler500``
    says: in the demo (``sites/settings/dev.py``) a visitor of a space's site gets the 500 page
    production shows, and the developer reads the traceback in the console. The admin keeps Django's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if getattr(request, "space", None) is None or isinstance(exception, ANSWERED_BY_DJANGO):
            return None
        if request.path_info.startswith("/admin/"):
            return None
        logger.error("Server error on %s", request.path, exc_info=exception)
        return server_error(request)


def is_plain_not_found(response) -> bool:
    """A 404 in HTML that is not already this module's page (Wagtail's, Django's debug page)."""
    return (
        response.status_code == 404
        and not getattr(response, "socle_error_page", False)
        and response.get("Content-Type", "").startswith("text/html")
    )
