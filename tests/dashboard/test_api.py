"""Other tools read the dashboard as JSON with a token a coordinator created, shown once."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from sites.core.models import PracticePage, Principle
from sites.dashboard.models import ApiToken
from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_a_coordinator_creates_a_token_shown_once_and_tools_read_the_network_with_it(coordinator):
    created = coordinator.post("/admin/network/tokens/", {"name": "The network's wiki"}).content.decode()
    key = re.search(r'<code class="socle-token">([^<]+)</code>', created).group(1)
    assert key not in coordinator.get("/admin/network/tokens/").content.decode()  # never shown again
    token = ApiToken.objects.get(name="The network's wiki")
    assert token.key_digest != key and key.startswith(token.prefix)  # only a digest is kept

    tool = client_for("localhost")
    listing = tool.get("/api/network/spaces/", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert listing["count"] == 3 and {space["slug"] for space in listing["spaces"]} == {"paris", "moscow", "bangalore"}
    moscow = tool.get("/api/network/spaces/moscow/", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert moscow["name"] == "NUMA Moscow" and moscow["languages"] == ["ru", "en"]
    assert set(moscow["translations"]) == {"ru", "en"} and moscow["practices"] > 0
    assert tool.get("/api/network/spaces/", {"language": "kn"}, HTTP_AUTHORIZATION=f"Bearer {key}").json()["count"] == 1
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_no_token_a_wrong_one_or_a_revoked_one_is_refused(coordinator):
    tool = client_for("localhost")
    refused = tool.get("/api/network/spaces/")
    assert refused.status_code == 401 and "Bearer" in refused.json()["error"]
    assert tool.get("/api/network/spaces/", HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401
    token, key = ApiToken.issue("old tool")
    coordinator.post(f"/admin/network/tokens/{token.pk}/revoke/")
    assert tool.get("/api/network/spaces/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_only_coordinators_reach_the_network_area():
    editor = get_user_model().objects.create_user("natasha")
    editor.groups.add(Group.objects.get(name="moscow editors"))
    client = client_for("localhost")
    client.force_login(editor)
    moscow = Space.objects.get(slug="moscow")
    for url in ("/admin/network/", f"/admin/network/spaces/{moscow.pk}/", "/admin/network/principles/",
                "/admin/network/tokens/"):  # fmt: skip
        assert client.get(url).status_code in (302, 403), url
    client.post("/admin/network/tokens/", {"name": "mine"})
    assert not ApiToken.objects.exists()


def test_each_text_says_its_language_the_one_asked_for_else_the_spaces_or_the_cores_source():
    _token, key = ApiToken.issue("wiki")
    tool = client_for("localhost", HTTP_AUTHORIZATION=f"Bearer {key}")
    subbotnik = PracticePage.objects.get(slug="subbotnik")
    with translation.override("en"):  # saved last from an English admin: its draft_title is English
        subbotnik.save_revision().publish()

    russian = tool.get("/api/network/spaces/moscow/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").json()
    assert (russian["name"], russian["name_language"]) == ("NUMA Москва", "ru")
    transparency = next(row for row in russian["principles"] if row["slug"] == "transparency")
    assert (transparency["statement"], transparency["statement_language"]) == (
        "Делать прозрачными деньги и информацию",
        "ru",
    )
    practices = {row["id"]: row for principle in russian["principles"] for row in principle["practices"]}
    assert (practices[subbotnik.pk]["title"], practices[subbotnik.pk]["title_language"]) == ("Субботник", "ru")
    assert {row["title_language"] for row in practices.values()} == {"ru"}

    principle = Principle.objects.get(slug="transparency")
    principle.statement_kn = ""
    principle.save()
    kannada = tool.get("/api/network/spaces/moscow/", HTTP_ACCEPT_LANGUAGE="kn").json()
    assert (kannada["name"], kannada["name_language"]) == ("NUMA Москва", "ru")  # Moscow's own default
    transparency = next(row for row in kannada["principles"] if row["slug"] == "transparency")
    assert transparency["statement_language"] == "fr"  # the core's source, not English
    listen = next(row for row in kannada["principles"] if row["slug"] == "listen")
    assert listen["statement_language"] == "kn"

    listing = tool.get("/api/network/spaces/").json()  # no language asked: the install's default, English
    names = {row["slug"]: (row["name"], row["name_language"]) for row in listing["spaces"]}
    assert names["moscow"] == ("NUMA Moscow", "en") and names["bangalore"] == ("Cobalt BLR", "en")
    french = tool.get("/api/network/spaces/", HTTP_ACCEPT_LANGUAGE="fr").json()
    names = {row["slug"]: (row["name"], row["name_language"]) for row in french["spaces"]}
    assert names["moscow"] == ("NUMA Москва", "ru") and names["paris"] == ("NUMA Paris", "fr")
