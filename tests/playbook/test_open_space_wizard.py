"""The admin wizard judges a space as the command does: every problem under its field, nothing written."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from sites.spaces.models import Space
from tests.helpers import client_for
from tests.playbook.test_open_space import MYSORE as OPTIONS

pytestmark = pytest.mark.django_db

MYSORE = {**OPTIONS, "port": "80"}


def coordinator(language: str = "en"):
    user = get_user_model().objects.create_superuser("coord", "c@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = client_for("localhost")
    client.force_login(user)
    return client


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in (Space, Site, Group, Page)}


def test_a_name_too_long_is_refused_under_its_field_with_the_other_problems_and_nothing_is_written():
    before = counts()
    response = coordinator().post("/admin/playbook/open/", MYSORE | {"name": "N" * 300, "hostname": "paris.localhost"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == ["At most 120 characters (300 given)."]
    assert "already served by another site" in form.errors["hostname"][0]
    assert "At most 120 characters (300 given)." in response.content.decode()
    assert counts() == before


def test_the_wizard_tells_the_browser_the_same_limits():
    html = coordinator().get("/admin/playbook/open/").content.decode()
    assert 'maxlength="120"' in html and 'maxlength="60"' in html


def test_a_coordinator_reads_the_problem_in_their_admin_language():
    response = coordinator("ru").post("/admin/playbook/open/", MYSORE | {"city": "C" * 121})
    assert response.context["form"].errors["city"] == ["Не более 120 символов (введено: 121)."]
    # Every help text too, the one that names the network's languages included.
    assert "Через запятую, основной — первым; языки сети: fr, en, ru, hi, kn." in response.content.decode()


def test_a_valid_space_is_reviewed_then_opened():
    client = coordinator()
    review = client.post("/admin/playbook/open/", MYSORE)
    assert review.status_code == 200 and review.context["plan"]
    assert not Space.objects.filter(slug="mysore").exists()
    opened = client.post("/admin/playbook/open/", MYSORE | {"confirmed": "True"})
    space = Space.objects.get(slug="mysore")
    assert opened.status_code == 302 and space.site.hostname == "mysore.localhost"
