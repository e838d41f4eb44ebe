"""The admin's tenant boundary: a space's editors and moderators reach their own space and nothing else.

Wagtail scopes pages, images and documents by permissions but keeps much else global (sites,
users, groups, workflows, redirects, reports, generic model views), and checks some views by model
permission only. Before any admin view runs, this middleware looks at what the URL names — a page,
an image, a document, a space's record, a page's workflow state, a pending upload — and lets a user
who is not a coordinator through only to what belongs to one of their spaces (an upload: to them):
another space's object is a 404 (its existence is not told), a network-wide area a 403.
Coordinators go everywhere.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import Resolver404, resolve
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as document_permissions
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permissions
from wagtail.models import Page, TaskState, UploadedFile, WorkflowState

from playbook.models import ChecklistStep
from sites.core.coordinators import is_coordinator
from sites.core.models import Adoption
from sites.events.models import RelayedEvent
from sites.spaces.editors import editor_spaces
from sites.spaces.trees import SpaceTrees

from .refusals import render_admin_refusal

# Areas of the whole network: reachable by coordinators only (URL name prefixes).
NETWORK_AREAS = (
    "wagtailadmin_workflows:", "wagtailredirects:", "wagtailsites:", "wagtailusers_users:", "wagtailusers_groups:",
    "wagtailadmin_collections:", "spaces:", "playbook_", "socle_dashboard", "socle_federation_", "wagtailforms:",
    "wagtailadmin_reports:workflow", "wagtailadmin_reports:page_types_usage", "wagtailadmin_pages:type_use",
    "wagtailsnippets_core_", "wagtailsnippetchoosers_core_",
)  # fmt: skip
# ...except what every editor does with the network core: read it, translate it into their languages.
CORE_FOR_EVERY_EDITOR = ("list", "list_results", "edit", "usage", "history", "history_results",
                         "revisions_compare", "choose", "choose_results", "chosen", "chosen_multiple")  # fmt: skip
PAGE_PARAMETERS = ("page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id")
RECORDS_OF_A_SPACE = {"adoptions": Adoption, "checklist": ChecklistStep}
MEDIA = {
    "image": (get_image_model, image_permissions),
    "document": (get_document_model, document_permissions),
}
MEDIA_PARAMETERS = {"image_id": "image", "document_id": "document", "doc_id": "document"}
# Settings a space's people set for their own site (per-site settings, by app and model); the
# others (the network's identity) are the coordinators'.
SETTINGS_OF_A_SPACE = {("identity", "spaceidentity")}
MEDIA_BY_NAMESPACE = {
    "wagtailimages_chooser": "image", "wagtailadmin_api:images": "image", "wagtaildocs_chooser": "document",
    "wagtailadmin_api:documents": "document",
}  # fmt: skip


def media_kind(app_label: str | None, model_name: str | None) -> str | None:
    """"image" or "document" for the image and document models in use (bulk actions name them)."""
    for kind, (get_model, _policy) in MEDIA.items():
        meta = get_model()._meta
        if (app_label, model_name) == (meta.app_label, meta.model_name):
            return kind
    return None


class AdminTenantBoundary:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = request.user
        if match is None or not request.path.startswith("/admin/") or not user.is_authenticated:
            return None
        if is_coordinator(user):
            return None
        try:
            Boundary(user).check(match.view_name or "", view_args, view_kwargs, request)
        except Http404:
            # The admin's own "not found" page, not a visitor's, in the editor's own admin language.
            return render_admin_refusal(request, 404)
        return None  # a PermissionDenied goes on to handler403 (refusals.permission_denied)


class Boundary:
    """What one user who is not a coordinator may reach."""

    def __init__(self, user):
        self.user = user
        self.spaces = editor_spaces(user)

    def check(self, name: str, args, kwargs, request) -> None:
        namespace, _sep, action = name.rpartition(":")
        if name.startswith(NETWORK_AREAS):
            if namespace.startswith(("wagtailsnippets_core_", "wagtailsnippetchoosers_core_")):
                if action in CORE_FOR_EVERY_EDITOR:
                    return
            raise PermissionDenied
        for parameter in PAGE_PARAMETERS:
            if parameter in kwargs:
                self.page(kwargs[parameter])
        if name == "wagtailadmin_pages:revisions_compare" and args:
            self.page(args[0])
        if namespace == "wagtailadmin_api:pages" and "pk" in kwargs:
            self.page(kwargs["pk"])
        if name == "wagtailadmin_editing_sessions:ping":
            self.editing_session(kwargs)
        # Wagtail looks a workflow's state up by its id alone, whatever page the URL names.
        if "workflow_state_id" in kwargs:
            self.moderated_page(WorkflowState.objects.filter(pk=kwargs["workflow_state_id"]), "")
        if "task_state_id" in kwargs:
            self.moderated_page(TaskState.objects.filter(pk=kwargs["task_state_id"]), "workflow_state__")
        for parameter, kind in MEDIA_PARAMETERS.items():
            if parameter in kwargs:
                self.media(kind, kwargs[parameter])
        if namespace in MEDIA_BY_NAMESPACE and "pk" in kwargs:
            self.media(MEDIA_BY_NAMESPACE[namespace], kwargs["pk"])
        if namespace in RECORDS_OF_A_SPACE and "pk" in kwargs:
            self.record(RECORDS_OF_A_SPACE[namespace], kwargs["pk"])
        if "uploaded_file_id" in kwargs:
            self.upload(kwargs["uploaded_file_id"])
        if "relay_id" in kwargs:
            self.record(RelayedEvent, kwargs["relay_id"])
        if "space_id" in kwargs:
            self.space(kwargs["space_id"])
        if name == "wagtail_bulk_action":
            self.bulk(kwargs, request)
        if namespace == "wagtailsettings":
            self.setting(kwargs)

    def allows(self, request, address: str) -> bool:
        """Whether this user may open ``address`` (a path of the admin), as far as the boundary says."""
        try:
            match = resolve(address)
        except Resolver404:
            return True  # not the boundary's to refuse: the address answers 404 to anyone
        try:
            self.check(match.view_name or "", match.args, match.kwargs, request)
        except (PermissionDenied, Http404):
            return False
        return True

    def own_space_ids(self) -> set[int]:
        return {space.pk for space in self.spaces}

    def page(self, page_id) -> None:
        path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
        if path is None or SpaceTrees(self.spaces).space_id(path) is None:
            raise Http404("No such page in your spaces.")

    def media(self, kind: str, object_id) -> None:
        model_getter, policy = MEDIA[kind]
        allowed = policy.collections_user_has_any_permission_for(self.user, ["add", "change", "choose", "delete"])
        if not model_getter().objects.filter(pk=object_id, collection__in=allowed).exists():
            raise Http404(f"No such {kind} in your collections.")

    def record(self, model, object_id) -> None:
        if not model.objects.filter(pk=object_id, space__in=self.own_space_ids()).exists():
            raise Http404("No such record in your spaces.")

    def space(self, space_id) -> None:
        if int(space_id) not in self.own_space_ids():
            raise Http404("Not one of your spaces.")

    def setting(self, kwargs) -> None:
        """A space's setting, for one of its own sites (without a site, Wagtail picks one of theirs)."""
        if (kwargs.get("app_name"), kwargs.get("model_name")) not in SETTINGS_OF_A_SPACE:
            raise PermissionDenied
        if "pk" in kwargs and int(kwargs["pk"]) not in {space.site_id for space in self.spaces}:
            raise Http404("Not one of your spaces' sites.")

    def upload(self, upload_id) -> None:
        """A file sent to the multiple uploader, not yet an image or a document, is its sender's alone."""
        if not UploadedFile.objects.filter(pk=upload_id, uploaded_by_user=self.user).exists():
            raise Http404("No such upload of yours.")

    def moderated_page(self, states, prefix: str) -> None:
        """A workflow's state (or one of its tasks') is its page's: reachable where the page is."""
        row = states.values_list(f"{prefix}base_content_type__app_label", f"{prefix}object_id").first()
        if row is None or row[0] != "wagtailcore":
            raise Http404("No such workflow in your spaces.")
        self.page(row[1])

    def editing_session(self, kwargs) -> None:
        if (kwargs.get("app_label"), kwargs.get("model_name")) == ("wagtailcore", "page"):
            self.page(kwargs.get("object_id"))

    def bulk(self, kwargs, request) -> None:
        ids = request.GET.getlist("id") + request.POST.getlist("id")
        kind = (kwargs.get("app_label"), kwargs.get("model_name"))
        if kind == ("wagtailcore", "page"):
            for page_id in ids:
                self.page(page_id)
        elif media_kind(*kind):
            for object_id in ids:
                self.media(media_kind(*kind), object_id)
        else:
            raise PermissionDenied
