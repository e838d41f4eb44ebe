"""Another space's things, for the isolation tests: Paris's pages, media, records and queues."""

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Task, Workflow

from playbook.models import ChecklistStep, Stage
from sites.core.models import Adoption, PracticePage, Principle
from sites.dashboard.models import ApiToken
from sites.events.models import RelayedEvent
from sites.spaces.models import Space
from tests.helpers import client_for


@dataclass
class Targets:
    """What belongs to Paris (or to no space), that a Moscow editor or moderator must not reach."""

    space: Space
    page: PracticePage
    revision: int
    image: object
    document: object
    collection: Collection
    adoption: Adoption
    step: ChecklistStep
    relay: RelayedEvent
    principle: Principle
    redirect: Redirect
    workflow: Workflow
    task: Task
    token: ApiToken
    stage: Stage
    user: object
    group: Group
    markers: list[str]


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("bar.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def paris() -> Targets:
    space = Space.objects.select_related("site__root_page").get(slug="paris")
    collection = Collection.objects.get(name="paris")
    page = PracticePage.objects.live().descendant_of(space.site.root_page).first()
    revision = page.save_revision(log_action=True)  # in the site history too
    image = get_image_model().objects.create(title="Paris bar photo", file=png(), collection=collection)
    document = get_document_model().objects.create(
        title="Paris open budget ledger",
        file=SimpleUploadedFile("ledger.txt", b"income, expenses"),
        collection=collection,
    )
    relay = RelayedEvent.objects.filter(space=space).first()
    user = get_user_model().objects.create_user("paris-person")
    user.groups.add(Group.objects.get(name="paris editors"))
    workflow = Workflow.objects.create(name="Paris review")
    task = Task.objects.create(name="Paris check")
    return Targets(
        space=space,
        page=page,
        revision=revision.pk,
        image=image,
        document=document,
        collection=collection,
        adoption=Adoption.objects.filter(space=space).first(),
        step=ChecklistStep.objects.filter(space=space).first(),
        relay=relay,
        principle=Principle.objects.first(),
        redirect=Redirect.objects.create(old_path="/old-paris", redirect_link="/fr/", site=space.site),
        workflow=workflow,
        task=task,
        token=ApiToken.issue("Paris wiki")[0],
        stage=Stage.objects.first(),
        user=user,
        group=Group.objects.get(name="paris editors"),
        markers=["Paris bar photo", "Paris open budget ledger", page.title, space.site.root_page.title],
    )


def member_of(slug: str, role: str):
    user = get_user_model().objects.create_user(f"{slug}-{role}-grid")
    user.groups.add(Group.objects.get(name=f"{slug} {role}"))
    # Wagtail answers an XHR request it refuses with 403, and a browser's with a redirect to the
    # dashboard: the grid asks as a script would, to read a plain status.
    client = client_for("localhost", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    client.force_login(user)
    return client
