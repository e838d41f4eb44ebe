"""A local editor's admin home lists what their space owes the network, each item linked to where it is done."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from playbook.models import ChecklistStep
from sites.core.models import PracticePage, Principle
from sites.core.publishing import publish
from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def editor_home(slug: str, username: str = "editor") -> tuple:
    user = get_user_model().objects.create_user(f"{username}-{slug}")
    user.groups.add(Group.objects.get(name=f"{slug} editors"))
    client = client_for("localhost")
    client.force_login(user)
    return user, client


def panel(client) -> str:
    html = client.get("/admin/").content.decode()
    return html.split('id="space-todos-heading"')[1].split("</section>")[0]


def test_a_bangalore_editor_sees_each_kind_of_to_do_with_its_link(django_capture_on_commit_callbacks):
    user, client = editor_home("bangalore")
    principle = Principle.objects.get(slug="transparency")
    principle.statement_fr = "La transparence de l'argent et de l'information, pour toutes et tous"
    principle.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(principle)
    bangalore = Space.objects.get(slug="bangalore")
    step = bangalore.checklist.get(source__slug="weekly-round")
    ChecklistStep.objects.filter(pk=step.pk).update(owner=user, status=ChecklistStep.Status.DOING)

    html = panel(client)
    assert "1 principle update to review" in html
    practice = PracticePage.objects.filter(principles=principle, url_path__startswith="/bangalore/").first()
    assert f"/admin/pages/{practice.pk}/edit/" in html  # a practice written against the earlier version
    assert f"/admin/snippets/core/principle/edit/{principle.pk}/" in html and "needs updating" in html
    assert "[hi]" in html and "[ru]" not in html  # only Bangalore's languages
    assert "network event awaiting your decision" in html and "/admin/network-events/" in html
    assert f"/admin/checklist/edit/{step.pk}/" in html and "1 checklist step assigned to you" in html


def test_a_moscow_editor_sees_only_moscows_to_dos():
    _user, client = editor_home("moscow")
    html = panel(client)
    assert "NUMA Moscow" in html and "Cobalt BLR" not in html
    assert "network event awaiting" not in html  # Moscow shows network events at once; Bangalore reviews them
    paris_pages = PracticePage.objects.filter(url_path__startswith="/paris/").values_list("pk", flat=True)
    assert not any(f"/admin/pages/{pk}/edit/" in html for pk in paris_pages)


def test_coordinators_get_no_to_do_panel():
    client = client_for("localhost")
    client.force_login(get_user_model().objects.create_superuser("coord", "c@example.org", "pw"))
    assert 'id="space-todos-heading"' not in client.get("/admin/").content.decode()
