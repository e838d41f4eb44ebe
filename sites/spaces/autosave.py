"""After a Publish that fails, the editor is told what autosave kept.

Wagtail's editor saves a draft revision while one types (autosave). When Publish then fails (a
field in error, a principle without its change note), the form comes back with its errors and
Wagtail says nothing could be saved, yet the autosaved draft stands: the editor must know that
their changes are kept, as a draft, and that the live version has not changed.
"""

from django.contrib import messages
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

# The admin's edit views of pages and of snippets (the network core): URL names.
EDIT_VIEWS = ("wagtailadmin_pages:edit",)
EDIT_VIEW_NAMESPACES = ("wagtailsnippets_",)


def is_edit_view(view_name: str) -> bool:
    namespace, _sep, action = view_name.rpartition(":")
    return view_name in EDIT_VIEWS or (namespace.startswith(EDIT_VIEW_NAMESPACES) and action == "edit")


class AutosaveNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        """A publishing POST answered by the form again (a success redirects): say what was kept."""
        match = request.resolver_match
        if (
            request.method != "POST"
            or "action-publish" not in request.POST
            or match is None
            or not is_edit_view(match.view_name or "")
            or not request.accepts("text/html")  # autosave itself, answered in JSON (as Wagtail tells)
        ):
            return response
        revision = autosaved_revision(request)
        if revision is not None:
            messages.warning(request, notice(revision))
        return response


def autosaved_revision(request) -> Revision | None:
    """The draft this editing session saved by itself, if it is still the object's latest."""
    revision_id = request.POST.get("overwrite_revision_id", "")
    if not revision_id.isdigit():
        return None
    revision = Revision.objects.filter(pk=revision_id, user=request.user).first()
    if revision is None or revision.content_object.latest_revision_id != revision.pk:
        return None
    return revision


def notice(revision: Revision) -> str:
    saved_at = formats.time_format(timezone.localtime(revision.created_at), "TIME_FORMAT")
    return _(
        "Nothing was published: the live version is unchanged. Your changes are kept in a draft, saved "
        "automatically at %(time)s. Correct what is marked below, then publish again."
    ) % {"time": saved_at}
