"""What each admin URL must answer, written from the README's promise ("Who may reach what").

A space's editors and moderators reach their own space's pages (revisions, history, previews,
copies, moves), its collection of images and documents, its readings of the principles, its
checklist and its queue of network events; another space's object answers 404. A network-wide
area answers them 403 and opens to coordinators. Every editor reads the network core and writes
its translations; lists and choosers show only what the user may use. A visitor who is not signed
in is sent to the sign-in page.

Each URL name (or namespace, ending in ":" or "_") has a row: its area, and what the URL answers
whoever may reach it (``answer``: 200; 302 for an action that redirects to its result; 405 for a
view that takes POST only and so answers a GET with 405). By area:

===========  =========================  ========================  ==================  ==========
area         editor / moderator: own    ... another space's        coordinator        anonymous
===========  =========================  ========================  ==================  ==========
SPACE        answer                     404 (GET and POST)        —                   login
NETWORK      403 (GET and POST)         403 (GET and POST)        answer (control)    login
CORE         answer                     (network object) answer   —                   login
LIST         answer, shows own objects  shows none of another's   —                   login
PERSONAL     answer                     (no object)               —                   login
PUBLIC       answer                     (no object)               —                   answer (POST: 405)
===========  =========================  ========================  ==================  ==========

Another space's object is tried alone too, in a URL that takes several (one's own page with another
space's revision or workflow state). ``editor`` / ``moderator`` give a role's own answer where
Wagtail's permissions (not the boundary) refuse it: only moderators review a page in a workflow, no
space's person deletes its adoptions. Nothing here is read from ``sites/tenancy/boundary.py``: the
grid checks that module against this table.
"""

from dataclasses import dataclass

SPACE, NETWORK, CORE, LIST, PERSONAL, PUBLIC = "space", "network", "core", "list", "personal", "public"
LOGIN = "login"  # a redirect to the admin's sign-in page


@dataclass(frozen=True)
class Row:
    area: str
    answer: int = 200
    editor: int | None = None
    moderator: int | None = None
    anonymous: int | str = LOGIN
    shows: str | None = None  # for a LIST: the kind of the own object whose title it shows
    post: int | None = None  # a view that serves GET only answers POST with 405 before it looks anything up

    def own(self, role: str) -> int:
        """What ``role`` is answered on its own space's object (or on the network's, for CORE)."""
        if self.area == NETWORK:
            return 403
        return {"editors": self.editor, "moderators": self.moderator}.get(role) or self.answer

    def other(self) -> int | None:
        """What a space's person is answered on another space's object (None: nothing to refuse)."""
        return {SPACE: 404, NETWORK: 403}.get(self.area)


def space(answer: int = 200, **kwargs) -> Row:
    return Row(SPACE, answer, **kwargs)


def network(answer: int = 200) -> Row:
    return Row(NETWORK, answer)


def listing(shows: str | None = None, answer: int = 200) -> Row:
    return Row(LIST, answer, shows=shows)


CORE_ROW, PERSONAL_ROW = Row(CORE), Row(PERSONAL)

# A URL's row is its full name's, else its longest namespace's (see ``row_for``).
TABLE = {
    # Pages: the space's own tree.
    "wagtailadmin_explore": space(), "wagtailadmin_explore_results": space(),
    "wagtailadmin_pages:": space(),
    "wagtailadmin_pages:lock": space(405), "wagtailadmin_pages:unlock": space(405),
    "wagtailadmin_pages:revisions_index": space(302), "wagtailadmin_pages:add_subpage": space(302),
    # The grid's page is in review: locked for whoever does not review it (the task's group: moderators).
    "wagtailadmin_pages:unpublish": space(editor=403), "wagtailadmin_pages:workflow_preview": space(editor=403),
    "wagtailadmin_pages:workflow_action": space(editor=403),
    "wagtailadmin_pages:collect_workflow_action_data": space(editor=403),
    "wagtailadmin_pages:search": listing("page"), "wagtailadmin_pages:search_results": listing("page"),
    "wagtailadmin_pages:choose_parent": listing(answer=302), "wagtailadmin_pages:type_use": network(),
    "wagtailadmin_pages:type_use_results": network(),
    # wagtail-modeltranslation's copy of StreamField content between languages: Socle has no StreamField,
    # so the view fails on whatever it is let through; its 500 shows that the boundary let it through.
    "admin/pages/(?P<page_id>\\d+)/edit/copy_translation_content/$": space(500),
    "wagtailadmin_choose_page_child": space(), "wagtail_bulk_action": space(),
    "wagtailadmin_api:pages:detail": space(), "wagtailadmin_api:pages:action": space(405),
    "wagtailadmin_editing_sessions:ping": space(405),
    # Media: the space's own collection.
    "wagtailimages:": space(), "wagtailimages:delete_multiple": space(405), "wagtailimages:edit_multiple": space(405),
    "wagtailimages:create_multiple_from_uploaded_image": space(405),
    "wagtailimages:delete_upload_multiple": space(405),
    "wagtailimages:index": listing("image"),
    "wagtailimages:index_results": listing("image"), "wagtailimages:add": listing(),
    "wagtailimages:add_multiple": listing(),
    "wagtaildocs:": space(), "wagtaildocs:delete_multiple": space(405), "wagtaildocs:edit_multiple": space(405),
    "wagtaildocs:create_multiple_from_uploaded_document": space(405),
    "wagtaildocs:delete_upload_multiple": space(405),
    "wagtaildocs:index": listing("document"), "wagtaildocs:index_results": listing("document"),
    "wagtaildocs:add": listing(), "wagtaildocs:add_multiple": listing(),
    "wagtailimages_chooser:": space(), "wagtaildocs_chooser:": space(),
    "wagtailimages_chooser:choose": listing("image"), "wagtailimages_chooser:choose_results": listing("image"),
    "wagtaildocs_chooser:choose": listing("document"), "wagtaildocs_chooser:choose_results": listing("document"),
    "wagtailimages_chooser:create": listing(), "wagtaildocs_chooser:create": listing(),
    "wagtailimages_chooser:chosen_multiple": listing(), "wagtaildocs_chooser:chosen_multiple": listing(),
    "wagtailadmin_api:images:detail": space(), "wagtailadmin_api:documents:detail": space(),
    # The space's records: its readings of the principles, its checklist, its queue of network events.
    # ...which its people change; adding, deleting or copying them is the playbook's (coordinators).
    "adoptions:": space(), "adoptions:add": network(), "adoptions:delete": space(editor=403, moderator=403),
    "adoptions:copy": space(editor=403, moderator=403), "checklist:": space(), "checklist:add": network(),
    "checklist:delete": space(editor=403, moderator=403), "checklist:copy": space(editor=403, moderator=403),
    "socle_network_events": listing(), "socle_fediverse": listing(), "socle_curate_network_event": space(405),
    "socle_network_events_setting": space(405), "socle_acknowledge_principle": space(405),
    # The space's own site's settings (its identity); without a site in the address, one of the user's.
    "wagtailsettings:edit": space(),
    "admin/settings/<slug:app_name>/<slug:model_name>/": listing(answer=302),
    "adoptions:index": listing(), "adoptions:index_results": listing(),
    "checklist:index": listing(), "checklist:index_results": listing(),
    # The network core: every editor reads it and writes its translations; coordinators do the rest.
    "wagtailsnippets_core_": network(), "wagtailsnippetchoosers_core_": CORE_ROW,
    **{f"wagtailsnippets_core_{model}:{action}": CORE_ROW for model in ("principle", "value") for action in (
        "list", "list_results", "edit", "usage", "history", "history_results", "revisions_compare")},
    "wagtailsnippetchoosers_core_principle:create": network(),
    "wagtailsnippetchoosers_core_value:create": network(),
    "socle_core_history": CORE_ROW, "socle_core_compare": CORE_ROW,
    # Peers' published practices are every editor's to read and adopt.
    "socle_peer_practices": CORE_ROW, "socle_adopt_peer_practice": Row(CORE, 405),
    # Network-wide areas.
    "wagtailadmin_workflows:": network(), "wagtailadmin_workflows:enable": network(405),
    "wagtailadmin_workflows:remove": network(405), "wagtailadmin_workflows:enable_task": network(405),
    "wagtailadmin_workflows:select_task_type": network(302),  # to the only kind of task there is
    "spaces:add": network(302),  # to the playbook's wizard
    "socle_dashboard_revoke_token": network(405), "playbook_launch": network(405), "playbook_close": network(405),
    "socle_dashboard_review_proposal": network(405),  # a POST from the coordinators' queue
    # Links to other installs (sites/federation/): the coordinators' screen and its buttons (POST).
    "socle_federation_links": network(), "socle_federation_link_action": network(405),
    "socle_federation_cancel_invitation": network(405),
    "wagtailredirects:process_import": network(405), "wagtailredirects:": network(), "wagtailsites:": network(),
    "wagtailusers_users:": network(), "wagtailusers_groups:": network(), "wagtailadmin_collections:": network(),
    "spaces:": network(), "playbook_": network(), "socle_dashboard": network(), "socle_dashboard_": network(),
    "wagtailadmin_reports:workflow": network(), "wagtailadmin_reports:workflow_results": network(),
    "wagtailadmin_reports:workflow_tasks": network(), "wagtailadmin_reports:workflow_tasks_results": network(),
    "wagtailadmin_reports:page_types_usage": network(), "wagtailadmin_reports:page_types_usage_results": network(),
    "wagtailforms:index": network(), "wagtailforms:index_results": network(),
    "wagtailadmin_reports:": listing(), "wagtailadmin_reports:locked_pages": Row(LIST, editor=403),
    "wagtailadmin_reports:locked_pages_results": Row(LIST, editor=403),  # a report for who may lock
    # Lists and choosers of what the user may use.
    "wagtailadmin_explore_root": listing("home", answer=302), "wagtailadmin_choose_page": listing("home"),
    "wagtailadmin_choose_page_search": listing("page"), "wagtailadmin_choose_page_chosen_multiple": listing(),
    "wagtailadmin_api:pages:listing": listing("page"), "wagtailadmin_api:pages:find": space(302, post=405),
    "wagtailadmin_api:images:listing": listing("image"), "wagtailadmin_api:images:find": space(302, post=405),
    "wagtailadmin_api:documents:listing": listing("document"), "wagtailadmin_api:documents:find": space(302, post=405),
    # Every signed-in user's own: the dashboard, their account, the admin's assets, empty choosers.
    "wagtailadmin_home": PERSONAL_ROW, "wagtailadmin_account": PERSONAL_ROW, "wagtailadmin_logout": Row(PERSONAL, 405),
    "wagtailadmin_dismissibles": PERSONAL_ROW,
    "wagtailadmin_choose_page_": PERSONAL_ROW, "wagtailadmin_tag_autocomplete": PERSONAL_ROW,
    "wagtailadmin_tag_model_autocomplete": PERSONAL_ROW, "wagtailembeds:": PERSONAL_ROW,
    "wagtailadmin_editing_sessions:release": Row(PERSONAL, 405),
    "admin/test404/": PERSONAL_ROW, "wagtailadmin_error_test": Row(PERSONAL, 500),  # it fails on purpose
    # The admin's sign-in and what it needs, open to anyone.
    "wagtailadmin_login": Row(PUBLIC, 302, anonymous=200),  # a signed-in person is sent on to the dashboard
    "wagtailadmin_password_reset": Row(PUBLIC, anonymous=200),
    "wagtailadmin_password_reset_": Row(PUBLIC, anonymous=200),
    "wagtailadmin_sprite": Row(PUBLIC, anonymous=200), "wagtailadmin_javascript_catalog": Row(PUBLIC, anonymous=200),
}  # fmt: skip

# Patterns the grid leaves out, and why: no real object of their kind, or no answer to anyone.
NOT_IN_GRID = {
    "wagtailadmin_block_preview": "previews a StreamField block by its definition's id: Socle has no StreamField,"
    " so it answers 404 to everyone",
    "wagtailsnippets:index": "Wagtail's index of snippet types lists those without a menu of their own; Socle's"
    " (the core) have one, so it answers 403 to everyone, coordinators included",
    **{
        f"wagtailimages:{name}": "Socle mounts no dynamic image serve view: this answers 404 to everyone"
        for name in ("url_generator", "url_generator_output")
    },
    **{
        f"wagtailforms:{name}": "Socle has no form pages: no object of the kind these take"
        for name in ("list_submissions", "list_submissions_results", "delete_submissions")
    },
    "wagtailsettings:preview_on_edit": "previews a setting that can be previewed: Socle's (the identity) cannot,"
    " so it answers 404 to everyone",
    "wagtailadmin_password_reset_confirm": "takes a signed token for one person's reset, not an object of a space",
}


def row_for(key: str) -> Row | None:
    """The row of the longest table key that is ``key`` or a prefix of it ending in ":" or "_"."""
    if key in TABLE:
        return TABLE[key]
    prefixes = [name for name in TABLE if name.endswith((":", "_")) and key.startswith(name)]
    return TABLE[max(prefixes, key=len)] if prefixes else None
