"""Real objects for the isolation grid: a space's pages, media, records, queues and workflows, by kind.

``space_objects`` gives, for one space and one person of it, an object of every kind that an admin
URL takes (``grid.PARAMETER_KINDS`` names the kinds): the grid fills each URL with Moscow's objects
for its positive control and with Paris's for the refusal.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupApprovalTask, Page, UploadedFile, Workflow, WorkflowTask

from playbook.models import ChecklistStep, Stage
from sites.core.models import Adoption, CoreVersion, PracticePage, Principle
from sites.core.proposals import propose
from sites.dashboard.models import ApiToken
from sites.events.models import RelayedEvent
from sites.federation.models import Invitation, Link
from sites.spaces.models import Space
from tests.helpers import client_for


def png(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def person_of(slug: str, role: str):
    user = get_user_model().objects.create_user(f"{slug}-{role}-grid")
    user.groups.add(Group.objects.get(name=f"{slug} {role}"))
    return user


def signed_in(user):
    # Wagtail answers an XHR request it refuses with 403, and a browser's with a redirect to the
    # dashboard: the grid asks as a script would, to read a plain status.
    client = client_for("localhost", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    client.force_login(user)
    client.person = user
    client.raise_request_exception = False  # a crash is a wrong answer, listed with the others
    return client


def uploaded(name: str, model, user) -> UploadedFile:
    """A file sent to the multiple uploader and not yet made an image or a document: its sender's."""
    return UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(model),
        file=SimpleUploadedFile(name, b"pending"),
        uploaded_by_user=user,
    )


def in_review(page: PracticePage, user, slug: str, name: str) -> tuple[Workflow, GroupApprovalTask]:
    """A workflow with one task, started on ``page``: its workflow state and task state are real."""
    workflow = Workflow.objects.create(name=f"{name} review")
    task = GroupApprovalTask.objects.create(name=f"{name} check")
    task.groups.set([Group.objects.get(name=f"{slug} moderators")])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    page.save_revision(user=user)
    workflow.start(page, user)
    return workflow, task


def space_objects(slug: str, person) -> dict:
    """One object of each kind an admin URL takes, belonging to the space ``slug`` (or made by ``person``)."""
    space = Space.objects.select_related("site__root_page").get(slug=slug)
    name = str(space.name)
    collection = Collection.objects.get(name=slug)
    page = PracticePage.objects.live().descendant_of(space.site.root_page).first()
    revision = page.save_revision(user=person, log_action=True)  # in the site history too
    workflow, task = in_review(page, person, slug, name)
    workflow_state = page.workflow_states.get()
    image = get_image_model().objects.create(title=f"{name} bar photo", file=png("bar.png"), collection=collection)
    document = get_document_model().objects.create(
        title=f"{name} open budget ledger", file=SimpleUploadedFile("ledger.txt", b"income"), collection=collection
    )
    principle = Principle.objects.first()
    value = principle.values.first()
    numbers = CoreVersion.objects.filter(
        content_type=ContentType.objects.get_for_model(Principle), object_id=principle.pk
    ).values_list("number", flat=True)
    return {
        "space": space.pk, "page": page.pk, "parent": page.get_parent().pk,
        "alias": page.create_alias(update_slug=f"{page.slug}-alias", user=person).pk, "home": space.site.root_page_id,
        "revision": revision.pk, "image": image.pk, "document": document.pk, "collection": collection.pk,
        "adoption": Adoption.objects.filter(space=space).first().pk,
        "step": ChecklistStep.objects.filter(space=space).first().pk,
        "relay": RelayedEvent.objects.filter(space=space).first().pk, "site": space.site_id,
        "group": Group.objects.get(name=f"{slug} editors").pk, "user": person.pk,
        "redirect": Redirect.objects.create(old_path=f"/old-{slug}", redirect_link="/", site=space.site).pk,
        "workflow": workflow.pk, "task": task.pk, "workflow_state": workflow_state.pk,
        "task_state": workflow_state.current_task_state.pk,
        "uploaded_image": uploaded("pending.png", get_image_model(), person).pk,
        "uploaded_document": uploaded("pending.txt", get_document_model(), person).pk,
        "editing_session": EditingSession.objects.create(
            user=person, content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk),
            last_seen_at=timezone.now(),
        ).pk,  # fmt: skip
        # The network's own things: the same for every space.
        "principle": principle.pk, "principle_revision": principle.save_revision(user=person).pk,
        "value": value.pk, "value_revision": value.save_revision(user=person).pk,
        "version_old": min(numbers), "version_new": max(numbers),
        "stage": Stage.objects.first().pk, "step_source": ChecklistStep.objects.filter(space=space).first().source_id,
        "token": ApiToken.issue(f"{name} wiki")[0].pk,
        "link": Link.objects.create(name=f"{name} install", address=f"https://{slug}.example.org",
                                    role=Link.Role.MEMBER, peer_key="k", peer_key_id=f"{slug}-{person.pk}").pk,
        "invitation": Invitation.issue(f"{name} install")[0].pk,
        "proposal": propose(principle, "en", {"statement_en": f"{name}'s English"}, person).pk,
        "titles": {
            "image": f"{name} bar photo", "document": f"{name} open budget ledger", "page": page.title,
            "home": space.site.root_page.title,
        },
    }  # fmt: skip


@pytest.fixture
def paris() -> dict:
    """Another space's objects, made by one of its people: what Moscow's people must not reach."""
    return space_objects("paris", person_of("paris", "editors"))
