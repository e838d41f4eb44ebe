"""A space opens when its checklist allows (or a coordinator says why not), and closes keeping its content."""

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from playbook.lifecycle import LifecycleError, close, launch
from playbook.models import ChecklistStep, LifecycleChange
from playbook.opening import OpeningRequest, open_space
from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def mysore() -> Space:
    request = OpeningRequest(
        name="Cobalt Mysore", slug="mysore", hostname="mysore.localhost",
        languages="en,kn", time_zone="Asia/Kolkata", country="IN", city="Mysuru",
    )  # fmt: skip
    return open_space(request)


@pytest.fixture
def coordinator():
    user = get_user_model().objects.create_superuser("coord", "c@example.org", "pw")
    client = client_for("localhost")
    client.force_login(user)
    return user, client


def test_a_space_does_not_open_while_its_checklist_has_steps_left(mysore, coordinator):
    user, _client = coordinator
    with pytest.raises(LifecycleError, match="steps of the launch checklist are not done"):
        launch(mysore, user)
    mysore.refresh_from_db()
    assert mysore.status == Space.Status.OPENING


def test_a_finished_checklist_opens_the_space_to_visitors_and_to_the_networks_lists(mysore, coordinator):
    user, _client = coordinator
    mysore.checklist.update(status=ChecklistStep.Status.DONE)
    mysore.checklist.filter(sort_order=0).update(status=ChecklistStep.Status.SKIPPED)
    launch(mysore, user)
    assert Space.objects.get(pk=mysore.pk).status == Space.Status.OPEN
    assert "ನಮ್ಮ ತತ್ವಗಳು" in client_for("mysore.localhost").get("/kn/").content.decode()
    assert "Cobalt Mysore" in client_for("paris.localhost").get("/fr/network/").content.decode()
    assert "Cobalt Mysore" in client_for("localhost").get("/").content.decode()


def test_a_coordinator_may_open_early_with_a_reason_that_is_kept(mysore, coordinator):
    user, client = coordinator
    refused = client.post(f"/admin/playbook/spaces/{mysore.pk}/launch/", {"reason": ""}, follow=True)
    assert "not done" in refused.content.decode()
    response = client.post(
        f"/admin/playbook/spaces/{mysore.pk}/launch/", {"reason": "The community asked to open for Dasara"}
    )
    assert response.status_code == 302
    change = LifecycleChange.objects.get(space=mysore, to_status="open")
    assert change.by == user and change.reason == "The community asked to open for Dasara"
    assert (
        "The community asked to open for Dasara" in client.get(f"/admin/playbook/spaces/{mysore.pk}/").content.decode()
    )


def test_closing_takes_the_site_offline_keeps_its_content_and_leaves_the_listings(mysore, coordinator):
    user, _client = coordinator
    launch(mysore, user, override_reason="Demo")
    pages = mysore.site.root_page.get_descendants().count()
    with pytest.raises(LifecycleError, match="Say why"):
        close(mysore, user, "")
    close(mysore, user, "The lease ended")
    gone = client_for("mysore.localhost").get("/en/")
    assert gone.status_code == 410 and "has closed" in gone.content.decode()
    assert mysore.site.root_page.get_descendants().count() == pages
    assert "Cobalt Mysore" not in client_for("paris.localhost").get("/fr/network/").content.decode()
    assert "Cobalt Mysore" not in client_for("localhost").get("/").content.decode()


def test_only_coordinators_open_and_close_spaces(mysore):
    editor = get_user_model().objects.create_user("asha")
    editor.groups.add(Group.objects.get(name="mysore moderators"))
    client = client_for("localhost")
    client.force_login(editor)
    assert client.get(f"/admin/playbook/spaces/{mysore.pk}/").status_code in (302, 403)
    client.post(f"/admin/playbook/spaces/{mysore.pk}/launch/", {"reason": "Now"})
    assert Space.objects.get(pk=mysore.pk).status == Space.Status.OPENING


def test_editors_work_through_their_own_checklist_only(mysore):
    editor = get_user_model().objects.create_user("asha")
    editor.groups.add(Group.objects.get(name="mysore editors"))
    client = client_for("localhost")
    client.force_login(editor)
    listing = client.get("/admin/checklist/").content.decode()
    step = mysore.checklist.get(source__slug="first-colunch")
    assert "Hold a first colunch" in listing
    paris_step = ChecklistStep.objects.filter(space__slug="paris").first()
    assert f"/admin/checklist/edit/{paris_step.pk}/" not in listing

    form = client.get(f"/admin/checklist/edit/{step.pk}/")
    assert form.status_code == 200 and "Everyone may come with a home-made dish" in form.content.decode()
    assert set(form.context["form"].fields["owner"].queryset) == {editor} | set(
        get_user_model().objects.filter(is_superuser=True)
    )
    response = client.post(
        f"/admin/checklist/edit/{step.pk}/",
        {"status": "done", "due_date": "2026-12-05", "owner": editor.pk, "note": "Forty people, twelve dishes"},
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.status, step.owner, step.note) == ("done", editor, "Forty people, twelve dishes")
    assert client.get(f"/admin/checklist/edit/{paris_step.pk}/").status_code == 404


def test_opening_is_announced_to_every_space_as_a_network_event(
    mysore, coordinator, django_capture_on_commit_callbacks
):
    from sites.events.models import EventPage, RelayedEvent

    user, _client = coordinator
    mysore.checklist.update(status=ChecklistStep.Status.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        launch(mysore, user)
    event = EventPage.objects.child_of(mysore.site.root_page.get_children().get(slug="events")).get(slug="opening")
    assert event.live and event.scope == EventPage.Scope.NETWORK
    assert (event.title_en, event.title_kn) == ("Opening of Cobalt Mysore", "Cobalt Mysore ಆರಂಭ")
    listed = set(RelayedEvent.objects.filter(origin_event_id=event.pk).values_list("space__slug", flat=True))
    assert {"paris", "moscow", "bangalore"} <= listed


def test_coordinators_edit_the_playbook_and_editors_cannot(mysore, coordinator):
    from playbook.models import Step

    _user, client = coordinator
    step = Step.objects.get(slug="weekly-round")
    form = client.get(f"/admin/playbook_steps/edit/{step.pk}/")
    assert form.status_code == 200
    assert {"title_fr", "title_kn", "description_ru", "owner_role"} <= set(form.context["form"].fields)
    data = {name: value for name, value in form.context["form"].initial.items() if value is not None}
    data.update(stage=step.stage_id, title_fr="Lancer le tour de table du lundi")
    assert client.post(f"/admin/playbook_steps/edit/{step.pk}/", data).status_code == 302
    step.refresh_from_db()
    assert step.title_fr == "Lancer le tour de table du lundi"
    assert mysore.checklist.get(source=step).title_fr == "Lancer le tour de table hebdomadaire"

    editor = get_user_model().objects.create_user("asha")
    editor.groups.add(Group.objects.get(name="mysore moderators"))
    client = client_for("localhost")
    client.force_login(editor)
    assert client.get(f"/admin/playbook_steps/edit/{step.pk}/").status_code in (302, 403)
    assert client.get("/admin/playbook/open/").status_code in (302, 403)


def test_an_opening_announced_the_night_clocks_go_forward_lasts_two_real_hours():
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from playbook.lifecycle import announce

    paris = Space.objects.get(slug="paris")
    # Two hours on the wall clock from 00:30 would end at 02:30, an hour Paris skips that night.
    event = announce(paris, datetime(2027, 3, 28, 0, 30, tzinfo=ZoneInfo("Europe/Paris")))
    event.refresh_from_db()
    assert event.end - event.start == timedelta(hours=2)
