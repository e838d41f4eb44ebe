"""A local editor adopts another space's practice as a draft; the origin space sees who adopted it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from sites.core.models import PracticePage
from sites.core.peers import adopt_peer_practice
from sites.spaces.models import Space

pytestmark = pytest.mark.django_db


def colunch() -> PracticePage:
    return PracticePage.objects.get(slug="colunch", url_path__startswith="/paris/")


def test_an_adopted_practice_is_a_draft_in_the_space_with_its_origin_and_principles():
    moscow = Space.objects.get(slug="moscow")
    copy = adopt_peer_practice(colunch(), moscow)
    assert not copy.live and copy.origin == colunch()
    assert copy.url_path.startswith("/moscow/practices/")
    assert copy.title_en == colunch().title_en  # the language both spaces share is copied
    assert copy.title_ru == colunch().title  # a title in Moscow's default language, to translate
    assert not copy.title_fr  # French is not a Moscow language
    assert set(copy.principles.all()) == set(colunch().principles.all())
    assert adopt_peer_practice(colunch(), moscow).slug == "colunch-2"


def test_a_space_cannot_adopt_its_own_practice():
    with pytest.raises(ValueError, match="already your space's own"):
        adopt_peer_practice(colunch(), Space.objects.get(slug="paris"))


def login(username: str, group: str | None = None, superuser: bool = False) -> Client:
    users = get_user_model().objects
    if superuser:
        user = users.create_superuser(username, f"{username}@example.org", "pw")
    else:
        user = users.create_user(username)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def test_a_moscow_editor_browses_peer_practices_and_adopts_one():
    client = login("olga", "moscow editors")
    html = client.get("/admin/practices/peers/").content.decode()
    assert colunch().title in html
    moscow_own = PracticePage.objects.filter(url_path__startswith="/moscow/").first()
    assert f"/admin/practices/peers/{moscow_own.pk}/adopt/" not in html

    moscow = Space.objects.get(slug="moscow")
    response = client.post(f"/admin/practices/peers/{colunch().pk}/adopt/", {"space": moscow.pk})
    copy = PracticePage.objects.get(origin=colunch())
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{copy.pk}/edit/"

    coordinator = login("coordinator", superuser=True)
    origin_form = coordinator.get(f"/admin/pages/{colunch().pk}/edit/").content.decode()
    assert "Adopted by other spaces:" in origin_form and "NUMA Moscow" in origin_form


def test_an_editor_cannot_adopt_into_another_space():
    client = login("pierre", "paris editors")
    bangalore = Space.objects.get(slug="bangalore")
    moscow_practice = PracticePage.objects.filter(url_path__startswith="/moscow/").first()
    client.post(f"/admin/practices/peers/{moscow_practice.pk}/adopt/", {"space": bangalore.pk})
    assert not PracticePage.objects.filter(origin=moscow_practice).exists()
