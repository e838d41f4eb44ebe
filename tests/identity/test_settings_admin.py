"""A space's editors set their own site's identity, and nothing of another space's or the network's.

Each space's groups hold the permission on their own site only (``playbook.groups``, and a data
migration for the spaces opened before); the tenant boundary answers another site's settings 404
and the network's 403, and the menu offers an editor only what opens.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import GroupSitePermission

from sites.identity.models import NetworkIdentity, SpaceIdentity
from sites.spaces.models import Space
from tests.admin.test_menus_lead_somewhere import sidebar_urls
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def site_id(slug: str) -> int:
    return Space.objects.get(slug=slug).site_id


def editor(slug: str = "moscow", role: str = "editors"):
    user = get_user_model().objects.create_user(f"{slug}-{role}-identity")
    user.groups.add(Group.objects.get(name=f"{slug} {role}"))
    client = client_for("localhost")
    client.force_login(user)
    return client


def edit_url(model: str, pk: int | None = None) -> str:
    return f"/admin/settings/identity/{model}/" + (f"{pk}/" if pk else "")


def test_each_spaces_groups_hold_the_permission_on_their_own_site_only():
    for space in Space.objects.all():
        for role in ("editors", "moderators"):
            sites = GroupSitePermission.objects.filter(
                group__name=f"{space.slug} {role}", permission__codename="change_spaceidentity"
            ).values_list("site_id", flat=True)
            assert list(sites) == [space.site_id], (space.slug, role)


def test_upgrading_grants_the_spaces_opened_before_the_permission_on_their_site():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("sites.identity.migrations.0002_space_groups_set_their_sites_identity")
    GroupSitePermission.objects.filter(permission__codename="change_spaceidentity").delete()
    migration.grant(apps, None)
    migration.grant(apps, None)  # twice: once
    assert (
        GroupSitePermission.objects.filter(
            group__name="moscow editors", site_id=site_id("moscow"), permission__codename="change_spaceidentity"
        ).count()
        == 1
    )
    assert GroupSitePermission.objects.filter(permission__codename="change_spaceidentity").count() == 6


@pytest.mark.parametrize("role", ["editors", "moderators"])
def test_an_editor_opens_and_saves_their_own_sites_identity(role):
    client = editor(role=role)
    response = client.get(edit_url("spaceidentity"))
    assert response.status_code == 302 and response["Location"] == edit_url("spaceidentity", site_id("moscow"))
    assert client.get(response["Location"]).status_code == 200
    saved = client.post(edit_url("spaceidentity", site_id("moscow")), {"accent": "#7a2e8a", "logo": ""})
    assert saved.status_code == 302
    assert SpaceIdentity.objects.get(site_id=site_id("moscow")).accent == "#7a2e8a"


def test_an_editor_is_refused_another_spaces_identity_and_the_networks():
    client = editor()
    paris = edit_url("spaceidentity", site_id("paris"))
    before = SpaceIdentity.objects.get(site_id=site_id("paris")).accent
    assert client.get(paris).status_code == 404  # its existence is not told
    assert client.post(paris, {"accent": "#000000", "logo": ""}).status_code == 404
    assert SpaceIdentity.objects.get(site_id=site_id("paris")).accent == before
    network = NetworkIdentity.load()
    assert client.get(edit_url("networkidentity")).status_code == 403
    assert client.post(edit_url("networkidentity", network.pk), {"accent": "#000000"}).status_code == 403
    assert NetworkIdentity.load().accent == network.accent


def test_an_editors_page_names_no_other_site():
    page = editor().get(edit_url("spaceidentity", site_id("moscow"))).content.decode()
    assert "moscow.localhost" in page  # the site it sets, named in the header
    assert "paris.localhost" not in page and "bangalore.localhost" not in page  # no site switcher


def test_the_menu_offers_an_editor_their_spaces_identity_and_not_the_networks():
    urls = sidebar_urls(editor().get("/admin/").content.decode())
    assert edit_url("spaceidentity") in urls
    assert edit_url("networkidentity") not in urls


def test_a_coordinator_sets_the_networks_name_in_every_language():
    client = client_for("localhost")
    client.force_login(get_user_model().objects.create_superuser("identity-coordinator", "c@example.org", "x"))
    network = NetworkIdentity.load()
    names = {f"name_{code}": f"Réseau des Cantines {code}" for code in ("fr", "en", "ru", "hi", "kn")}
    data = {**names, "accent": "#0b5d52", "focus": "#b3470b", "logo": ""}
    data |= {f"short_name_{code}": "Cantines" for code in ("fr", "en", "ru", "hi", "kn")}
    response = client.post(edit_url("networkidentity", network.pk), data)
    assert response.status_code == 302
    assert NetworkIdentity.load().name_ru == "Réseau des Cantines ru"


def test_a_colour_too_light_is_refused_in_the_form_with_the_ratio():
    client = editor()
    response = client.post(edit_url("spaceidentity", site_id("moscow")), {"accent": "#7fb3d5", "logo": ""})
    assert response.status_code == 200  # the form again, with its error
    text = response.content.decode()
    assert "2.16:1" in text and "4.5:1" in text
    assert SpaceIdentity.objects.get(site_id=site_id("moscow")).accent == "#1d4f91"
