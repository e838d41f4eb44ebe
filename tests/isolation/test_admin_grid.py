"""Every admin URL × an object of another space, for a space's editor and moderator: never reached.

The grid is built from the URLconf (``grid.py``): a new admin view is covered without editing this
test. Each cell is requested with GET and with POST; each answer must be 403 or 404, and the
database must be as it was (row counts of every table, and Paris's own objects unchanged).
"""

from collections import Counter

import pytest
from django.apps import apps

from .conftest import member_of
from .grid import (
    CORE_FOR_EVERY_EDITOR,
    OPEN_TO_EVERY_EDITOR,
    SCOPED_LISTS,
    SHARED_WITH_EVERY_EDITOR,
    admin_patterns,
    fill,
)

pytestmark = pytest.mark.django_db

PK_BY_NAMESPACE = {
    "wagtailadmin_api:pages": "page", "wagtailadmin_api:images": "image", "wagtailadmin_api:documents": "document",
    "wagtailadmin_collections": "collection", "spaces": "space", "playbook_stages": "stage",
    "playbook_steps": "step_source", "checklist": "step", "wagtailsites": "site", "wagtailusers_users": "user",
    "wagtailusers_groups": "group", "wagtaildocs_chooser": "document", "wagtailimages_chooser": "image",
    "adoptions": "adoption", "wagtailsnippets_core_principle": "principle", "wagtailsnippets_core_value": "value",
}  # fmt: skip


def values_for(name: str, paris) -> dict:
    namespace = name.rsplit(":", 1)[0]
    objects = {
        "page": paris.page.pk, "image": paris.image.pk, "document": paris.document.pk,
        "collection": paris.collection.pk, "space": paris.space.pk, "stage": paris.stage.pk,
        "step_source": paris.step.source_id, "step": paris.step.pk, "site": paris.space.site_id,
        "user": paris.user.pk, "group": paris.group.pk, "adoption": paris.adoption.pk,
        "principle": paris.principle.pk, "value": paris.principle.values.first().pk,
    }  # fmt: skip
    pk = objects[PK_BY_NAMESPACE[namespace]] if namespace in PK_BY_NAMESPACE else None
    if namespace == "wagtailadmin_workflows":
        pk = paris.task.pk if "task" in name else paris.workflow.pk
    values = {
        "page_id": paris.page.pk, "parent_page_id": paris.page.pk, "page_to_move_id": paris.page.pk,
        "page_pk": paris.page.pk, "destination_id": paris.space.site.root_page_id, "revision_id": paris.revision,
        "image_id": paris.image.pk, "document_id": paris.document.pk, "doc_id": paris.document.pk,
        "uploaded_file_id": 999999, "space_id": paris.space.pk, "relay_id": paris.relay.pk, "decision": "hide",
        "token_id": paris.token.pk, "principle_id": paris.principle.pk, "collection_id": paris.collection.pk,
        "redirect_id": paris.redirect.pk, "task_state_id": 999999, "workflow_state_id": 999999,
        "task_id": paris.task.pk, "workflow_pk": paris.workflow.pk, "session_id": 999999,
        "action_name": "copy" if "api" in name else "approve", "action": "delete",
        "app_label": "wagtailcore", "model_name": "page", "content_type_app_name": "core",
        "content_type_model_name": "practicepage", "filter_spec": "fill-10x10", "object_id": paris.page.pk,
        "revision_id_a": "earliest", "revision_id_b": "latest", "(\\d+)": paris.page.pk,
        "(live|earliest|\\d+)": "earliest", "(live|latest|\\d+)": "latest",
    }  # fmt: skip
    if pk is not None:
        values["pk"] = pk
    return values


def shared(name: str) -> bool:
    if name in OPEN_TO_EVERY_EDITOR or name in SHARED_WITH_EVERY_EDITOR:
        return True
    namespace, _sep, action = name.rpartition(":")
    core = namespace.startswith(("wagtailsnippets_core_", "wagtailsnippetchoosers_core_"))
    return core and action in CORE_FOR_EVERY_EDITOR


def snapshot(paris) -> dict:
    counts = {model._meta.label: model._default_manager.count() for model in apps.get_models()}
    paris.page.refresh_from_db()
    counts["paris page"] = (paris.page.title, paris.page.live, paris.page.latest_revision_id, paris.page.path)
    return counts


@pytest.mark.parametrize("role", ["editors", "moderators"])
def test_no_admin_url_reaches_another_spaces_objects(paris, role, capsys):
    client = member_of("moscow", role)
    answers, escapes, unfilled = Counter(), [], []
    for name, route, _pattern in admin_patterns():
        if shared(name) or name in SCOPED_LISTS:
            continue
        path = fill(route, values_for(name, paris))
        if path is None:
            unfilled.append((name, route))
            continue
        before = snapshot(paris)
        query = f"?id={paris.page.pk}" if name == "wagtail_bulk_action" else ""
        for method in ("get", "post"):
            response = getattr(client, method)(path + query)
            answers[response.status_code] += 1
            # 405: the view serves no such method, to anyone; everything else but a refusal is an escape.
            if response.status_code not in (403, 404, 405):
                escapes.append(f"{method.upper()} {path}{query} ({name}) → {response.status_code}")
        if snapshot(paris) != before:
            escapes.append(f"{path} ({name}) changed the database")
    with capsys.disabled():
        refusals = ", ".join(f"{count} × {status}" for status, count in sorted(answers.items()))
        print(f"\nadmin grid for a Moscow {role[:-1]}: {answers.total()} cells ({refusals}), {len(escapes)} escapes")
    assert not unfilled, f"admin URL patterns whose parameters the grid cannot fill: {unfilled}"
    assert not escapes, "\n".join(escapes)


@pytest.mark.parametrize("role", ["editors", "moderators"])
def test_lists_and_choosers_show_none_of_another_spaces_things(paris, role):
    client = member_of("moscow", role)
    for name, route, _pattern in admin_patterns():
        if name not in SCOPED_LISTS:
            continue
        path = fill(route, {"app_label": "core", "model_name": "practicepage"})
        for marker in paris.markers:
            word = marker.split()[-1]  # searched for by one of its words, so that the echo of the query is no hit
            for query in ({}, {"q": word}, {"search": word}):
                text = client.get(path, query).content.decode(errors="replace")
                assert marker not in text, f"{path} ({name}) shows “{marker}”"


def test_anonymous_visitors_reach_no_admin_url_no_draft_and_nothing_of_an_opening_space(paris, capsys):
    from playbook.opening import OpeningRequest, open_space
    from tests.helpers import client_for

    visitor = client_for("localhost")
    answers, escapes = Counter(), []
    for name, route, _pattern in admin_patterns():
        if name in OPEN_TO_EVERY_EDITOR:
            continue
        path = fill(route, values_for(name, paris) | {"app_label": "core", "model_name": "practicepage"})
        if path is None:
            continue
        before = snapshot(paris)
        for method in ("get", "post"):
            response = getattr(visitor, method)(path)
            answers[response.status_code] += 1
            to_login = response.status_code == 302 and response["Location"].startswith("/admin/login/")
            if not (to_login or response.status_code in (401, 403, 404, 405)):
                escapes.append(f"{method.upper()} {path} ({name}) → {response.status_code}")
        if snapshot(paris) != before:
            escapes.append(f"{path} ({name}) changed the database")

    # A draft is not public: an unpublished page answers 404 on its site.
    paris.page.title_fr = "Brouillon secret du bar"
    paris.page.save_revision()
    paris.page.unpublish()
    public = client_for("paris.localhost")
    answers[public.get(paris.page.get_url_parts()[2]).status_code] += 1
    draft = public.get(f"/fr/practices/{paris.page.slug}/")
    if draft.status_code != 404 or "Brouillon secret" in draft.content.decode():
        escapes.append(f"the draft of {paris.page.slug} is public")

    # A space still opening shows visitors its "opening soon" page, whatever the path.
    request = OpeningRequest(
        name="Cobalt Mysore", slug="mysore", hostname="mysore.localhost",
        languages="en,kn", time_zone="Asia/Kolkata", country="IN", city="Mysuru",
    )  # fmt: skip
    space = open_space(request)
    for page in space.site.root_page.get_descendants(inclusive=True).specific():
        for code in space.language_codes:
            path = f"/{code}{page.url_path.removeprefix(space.site.root_page.url_path).rstrip('/')}/".replace("//", "/")
            response = client_for("mysore.localhost").get(path)
            answers[response.status_code] += 1
            title = getattr(page, f"title_{code}")
            if page.depth > space.site.root_page.depth and title in response.content.decode():
                escapes.append(f"{path} of an opening space shows “{title}”")
    with capsys.disabled():
        summary = ", ".join(f"{count} × {status}" for status, count in sorted(answers.items()))
        print(f"\nanonymous grid: {answers.total()} cells ({summary}), {len(escapes)} escapes")
    assert not escapes, "\n".join(escapes)
