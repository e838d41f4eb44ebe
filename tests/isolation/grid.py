"""The admin's URL patterns, each filled with an object that belongs to another space (or to no space).

Built from the URLconf, so a new admin view is in the grid without editing the tests: each of its
parameters is filled by name (and, for ``pk``, by the view's namespace); a pattern whose parameter
no rule fills is reported, and the test fails, rather than left out silently.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Admin views every signed-in user may open whatever their space: their own account and session,
# the admin's own assets, link choosers with no data, and screens that list only what the user may
# see (checked separately against another space's objects).
OPEN_TO_EVERY_EDITOR = {
    "wagtailadmin_home", "wagtailadmin_account", "wagtailadmin_logout", "wagtailadmin_login",
    "wagtailadmin_password_reset", "wagtailadmin_password_reset_done", "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite",
    "wagtailadmin_dismissibles", "wagtailadmin_error_test", "", "wagtailadmin_block_preview",
    "wagtailadmin_choose_page_external_link", "wagtailadmin_choose_page_email_link",
    "wagtailadmin_choose_page_phone_link", "wagtailadmin_choose_page_anchor_link", "wagtailadmin_tag_autocomplete",
    "wagtailadmin_tag_model_autocomplete", "wagtailembeds:chooser", "wagtailembeds:chooser_upload",
    "wagtailadmin_editing_sessions:release",
}  # fmt: skip
# Lists and choosers that show only the user's own things: open, but never with another space's.
SCOPED_LISTS = {
    "wagtailadmin_explore_root", "wagtailadmin_pages:search", "wagtailadmin_pages:search_results",
    "wagtailadmin_choose_page", "wagtailadmin_choose_page_search", "wagtailadmin_choose_page_chosen_multiple",
    "wagtaildocs:index", "wagtaildocs:index_results", "wagtaildocs_chooser:choose",
    "wagtaildocs_chooser:choose_results", "wagtailimages:index", "wagtailimages:index_results",
    "wagtailimages_chooser:choose", "wagtailimages_chooser:choose_results", "adoptions:index",
    "adoptions:index_results", "checklist:index", "checklist:index_results", "socle_network_events",
    "wagtailadmin_reports:site_history", "wagtailadmin_reports:site_history_results",
    "wagtailadmin_reports:locked_pages", "wagtailadmin_reports:locked_pages_results",
    "wagtailadmin_reports:aging_pages", "wagtailadmin_reports:aging_pages_results",
    "wagtailadmin_api:pages:listing", "wagtailadmin_api:pages:find", "wagtailadmin_api:images:listing",
    "wagtailadmin_api:images:find", "wagtailadmin_api:documents:listing", "wagtailadmin_api:documents:find",
    "wagtaildocs:add", "wagtaildocs:add_multiple", "wagtailimages:add", "wagtailimages:add_multiple",
    "wagtaildocs_chooser:create", "wagtailimages_chooser:create", "wagtaildocs_chooser:chosen_multiple",
    "wagtailimages_chooser:chosen_multiple", "wagtailadmin_pages:choose_parent",
}  # fmt: skip
# The network core is every space's to read, and its translations theirs to write (issue: "except the
# translation fields of the core that an editor's space translates"); peers' practices are theirs
# to read and adopt.
CORE_FOR_EVERY_EDITOR = {
    "list", "list_results", "edit", "usage", "history", "history_results", "revisions_compare", "choose",
    "choose_results", "chosen", "chosen_multiple",
}  # fmt: skip
SHARED_WITH_EVERY_EDITOR = {
    "socle_core_history", "socle_core_compare", "socle_peer_practices", "socle_adopt_peer_practice",
}  # fmt: skip


@dataclass(frozen=True)
class Cell:
    name: str
    route: str
    path: str


def admin_patterns() -> list[tuple[str, str, object]]:
    """``(name, route, pattern)`` for every URL pattern under /admin/."""
    found = []

    def walk(patterns, prefix: str, namespace: str):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                found.append((namespace + (pattern.name or ""), prefix + str(pattern.pattern), pattern))

    walk(get_resolver().url_patterns, "", "")
    return [row for row in found if row[1].startswith("admin/") and row[1] != "admin/^.*/$"]


PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)|\((?P<bare>[^)]*)\)")


def fill(route: str, values: dict[str, str]) -> str | None:
    """The route with every parameter replaced by its value; None when one has no value."""
    missing = []

    def replace(match):
        name = match.group("name") or match.group("group")
        if name is None:  # an unnamed group of a regex route, e.g. "(\\d+)" or "(live|latest|\\d+)"
            key = f"({match.group('bare')})"
            if key not in values:
                missing.append(key)
                return ""
            return str(values[key])
        if name not in values:
            missing.append(name)
            return ""
        return str(values[name])

    path = PARAMETER.sub(replace, route)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".").replace("\\d+", "1")
    return None if missing else "/" + path
