"""The admin's URL patterns, each filled with real objects of one space or another.

Built from the URLconf, so a new admin view is in the grid without editing the tests. Each
parameter is an object of a kind (``PARAMETER_KINDS``, by name, and for ``pk`` by the view's
namespace) or a word that names no object (``WORDS``): a parameter that is neither is reported, and
the test fails, rather than being left out silently.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver

# The kind of object each parameter names (kinds are the keys of ``conftest.space_objects``).
PARAMETER_KINDS = {
    "page_id": "page", "parent_page_id": "page", "page_to_move_id": "page", "page_pk": "page",
    "object_id": "page", "(\\d+)": "page", "destination_id": "home", "revision_id": "revision",
    "image_id": "image", "document_id": "document", "doc_id": "document", "space_id": "space",
    "relay_id": "relay", "token_id": "token", "principle_id": "principle", "practice_id": "page",
    "collection_id": "collection", "redirect_id": "redirect", "task_state_id": "task_state",
    "workflow_state_id": "workflow_state", "task_id": "task", "workflow_pk": "workflow",
    "session_id": "editing_session", "old": "version_old", "new": "version_new", "proposal_id": "proposal",
    "link_id": "link", "invitation_id": "invitation",
}  # fmt: skip
PK_KINDS = {
    "wagtailadmin_api:pages": "page", "wagtailadmin_api:images": "image", "wagtailadmin_api:documents": "document",
    "wagtailadmin_collections": "collection", "spaces": "space", "playbook_stages": "stage",
    "playbook_steps": "step_source", "checklist": "step", "wagtailsites": "site", "wagtailusers_users": "user",
    "wagtailusers_groups": "group", "wagtaildocs_chooser": "document", "wagtailimages_chooser": "image",
    "adoptions": "adoption", "wagtailsnippets_core_principle": "principle", "wagtailsnippets_core_value": "value",
    "wagtailsnippetchoosers_core_principle": "principle", "wagtailsnippetchoosers_core_value": "value",
    "socle_core_history": "principle", "socle_core_compare": "principle", "wagtailadmin_workflows": "workflow",
    "wagtailadmin_workflows:edit_task": "task", "wagtailadmin_workflows:disable_task": "task",
    "wagtailadmin_workflows:enable_task": "task", "wagtailsettings": "site",
}  # fmt: skip
# Parameters whose kind depends on the view's namespace.
KINDS_BY_NAMESPACE = {
    ("wagtailsnippets_core_principle", "revision_id"): "principle_revision",
    ("wagtailsnippets_core_value", "revision_id"): "value_revision",
    ("wagtailimages", "uploaded_file_id"): "uploaded_image",
    ("wagtaildocs", "uploaded_file_id"): "uploaded_document",
    ("wagtailadmin_pages:add", "parent_page_id"): "parent",
    ("wagtailadmin_pages:preview_on_add", "parent_page_id"): "parent",
    ("wagtailadmin_pages:add_subpage", "parent_page_id"): "parent",
    ("wagtailadmin_pages:convert_alias", "page_id"): "alias",
}
# Parameters that name no object: a model, an action, a rendition, a version's alias.
WORDS = {
    "app_label": "wagtailcore", "model_name": "page", "action": "delete", "app_name": "wagtailimages",
    "content_type_app_name": "core", "content_type_model_name": "practicepage", "filter_spec": "fill-10x10",
    "decision": "hide", "revision_id_a": "earliest", "revision_id_b": "latest",
    "(live|earliest|\\d+)": "earliest", "(live|latest|\\d+)": "latest",
}  # fmt: skip
# ...whose word depends on the view.
WORDS_BY_NAME = {
    "wagtailadmin_api:pages:action": {"action_name": "copy"},
    "wagtailadmin_pages:workflow_action": {"action_name": "approve"},
    "wagtailadmin_pages:collect_workflow_action_data": {"action_name": "approve"},
    "wagtailadmin_workflows:add_task": {"app_label": "wagtailcore", "model_name": "groupapprovaltask"},
    "wagtailadmin_pages:choose_parent": {"app_label": "core", "model_name": "practicepage"},
    "socle_core_history": {"model_name": "principle"},
    "socle_federation_link_action": {"action": "pause"},
    "socle_core_compare": {"model_name": "principle"},
    "wagtailadmin_tag_model_autocomplete": {"app_name": "taggit", "model_name": "tag"},
    **{key: {"app_name": "identity", "model_name": "spaceidentity"} for key in (
        "wagtailsettings:edit", "wagtailsettings:preview_on_edit",
        "admin/settings/<slug:app_name>/<slug:model_name>/")},
}  # fmt: skip
# Routes that share their name with a route of another kind (a site's setting, its site in the
# address or not: then Wagtail picks one of the user's): keyed by their route, each with its own row.
KEYED_BY_ROUTE = {"admin/settings/<slug:app_name>/<slug:model_name>/"}
# Views that take their object in the query string rather than the path.
QUERIES = {
    "wagtail_bulk_action": ("id", "page"),
    "wagtailadmin_api:pages:find": ("id", "page"),
    "wagtailadmin_api:images:find": ("id", "image"),
    "wagtailadmin_api:documents:find": ("id", "document"),
}


def admin_patterns() -> list[tuple[str, str]]:
    """``(key, route)`` for every URL pattern under /admin/: its name, or its route when it has none."""
    found = []

    def walk(patterns, prefix: str, namespace: str):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                named = pattern.name and route not in KEYED_BY_ROUTE
                found.append(((namespace + pattern.name) if named else route, route))

    walk(get_resolver().url_patterns, "", "")
    return [row for row in found if row[1].startswith("admin/") and row[1] != "admin/^.*/$"]


PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)|\((?P<bare>[^)]*)\)")


def parameters(route: str) -> list[str]:
    names = []
    for match in PARAMETER.finditer(route):
        names.append(match.group("name") or match.group("group") or f"({match.group('bare')})")
    return names


def kind_of(key: str, parameter: str) -> str | None:
    """The kind of object ``parameter`` names in the view ``key``; None for a word or an unknown."""
    if key in QUERIES and parameter == QUERIES[key][0]:
        return QUERIES[key][1]
    namespace = key.rsplit(":", 1)[0] if ":" in key else key
    for scope in (key, namespace):
        if (scope, parameter) in KINDS_BY_NAMESPACE:
            return KINDS_BY_NAMESPACE[scope, parameter]
    if parameter == "pk":
        return PK_KINDS.get(key) or PK_KINDS.get(namespace)
    return PARAMETER_KINDS.get(parameter)


def words(key: str) -> dict:
    return WORDS | WORDS_BY_NAME.get(key, {})


def unfillable(key: str, route: str) -> list[str]:
    """The parameters of a route that the grid has no value for."""
    return [name for name in parameters(route) if kind_of(key, name) is None and name not in words(key)]


def fill(key: str, route: str, objects_by_parameter) -> str:
    """The route with each object parameter filled from ``objects_by_parameter(parameter, kind)``."""

    def replace(match):
        name = match.group("name") or match.group("group") or f"({match.group('bare')})"
        kind = kind_of(key, name)
        return str(objects_by_parameter(name, kind) if kind else words(key)[name])

    path = "/" + PARAMETER.sub(replace, route).replace("^", "").replace("$", "").replace("\\.", ".")
    if key in QUERIES:
        name, kind = QUERIES[key]
        path += f"?{name}={objects_by_parameter(name, kind)}"
    return path


def object_parameters(key: str, route: str) -> list[str]:
    named = parameters(route) + ([QUERIES[key][0]] if key in QUERIES else [])
    return [name for name in named if kind_of(key, name)]
