"""Each host's theme stylesheet, icons and manifest: drawn from its identity, versioned, purged on change."""

import io
import json
import re

import pytest
from django.core.cache import cache
from PIL import Image

from sites.identity.icons import ICONS
from sites.identity.models import NetworkIdentity, SpaceIdentity
from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

ACCENTS = {"paris": "#a3214a", "moscow": "#1d4f91", "bangalore": "#2f6b1f"}  # the demo's
HOME = {"paris": "/fr/", "moscow": "/ru/", "bangalore": "/en/"}


def version_in(page: str) -> str:
    return re.search(r'href="/theme\.css\?v=(\w+)"', page).group(1)


def space_identity(slug: str) -> SpaceIdentity:
    return SpaceIdentity.objects.get(site=Space.objects.get(slug=slug).site)


@pytest.mark.parametrize("slug", ACCENTS)
def test_each_host_has_its_own_theme_linked_from_its_pages(slug):
    client = client_for(f"{slug}.localhost")
    page = client.get(HOME[slug]).content.decode()
    version = version_in(page)
    theme = client.get(f"/theme.css?v={version}")
    assert theme["Content-Type"] == "text/css; charset=utf-8"
    assert f"--accent: {ACCENTS[slug]};" in theme.content.decode()
    assert "--accent-ink: #ffffff;" in theme.content.decode()
    assert "immutable" in theme["Cache-Control"] and "max-age=31536000" in theme["Cache-Control"]
    # Asked for without the current version (an old page): kept an hour only.
    assert "immutable" not in client.get("/theme.css?v=old")["Cache-Control"]
    assert f'<meta name="theme-color" content="{ACCENTS[slug]}">' in page
    assert 'style="' not in page  # the colours come from the stylesheet: the CSP allows no inline style


@pytest.mark.parametrize("slug", ACCENTS)
def test_each_host_serves_its_icons_at_their_sizes(slug):
    client = client_for(f"{slug}.localhost")
    page = client.get(HOME[slug]).content.decode()
    version = version_in(page)
    for name in ("favicon.ico", "icon-32.png", "apple-touch-icon.png"):
        assert f"/{name}?v={version}" in page, name  # the others are the manifest's
    for name, (size, kind) in ICONS.items():
        response = client.get(f"/{name}?v={version}")
        assert response.status_code == 200, name
        assert response["Content-Type"] == ("image/x-icon" if kind == "ICO" else "image/png")
        image = Image.open(io.BytesIO(response.content))
        assert image.format == kind and image.size == (size, size), name
    assert client.get("/favicon.ico").status_code == 200  # asked for by name, as browsers do


def test_an_icon_is_drawn_from_the_spaces_logo_else_the_networks_else_a_monogram(square_logo):
    client = client_for("moscow.localhost")

    def centre_colour():
        data = client.get("/icon-192.png").content
        return Image.open(io.BytesIO(data)).convert("RGB").getpixel((96, 96))

    identity = space_identity("moscow")
    identity.logo = square_logo("#123456")
    identity.save()
    assert centre_colour() == (0x12, 0x34, 0x56)
    identity.logo = None
    identity.save()
    network = NetworkIdentity.load()
    network.logo = square_logo("#654321")
    network.save()
    assert centre_colour() == (0x65, 0x43, 0x21)
    network.logo = None
    network.save()
    # The monogram: Moscow's accent behind a white letter; a corner shows the accent.
    corner = Image.open(io.BytesIO(client.get("/icon-192.png").content)).convert("RGB").getpixel((2, 2))
    assert corner == (0x1D, 0x4F, 0x91)


def test_the_manifest_names_the_site_in_the_language_of_its_address():
    manifest = client_for("moscow.localhost").get("/ru/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    body = json.loads(manifest.content)
    assert body["name"] == "NUMA Москва" and body["lang"] == "ru" and body["start_url"] == "/ru/"
    assert body["theme_color"] == "#1d4f91"
    assert {icon["sizes"] for icon in body["icons"]} == {"192x192", "512x512"}
    network = json.loads(client_for("localhost").get("/fr/manifest.webmanifest").content)
    assert network["name"] == "Réseau NUMA" and network["short_name"] == "NUMA"
    assert client_for("moscow.localhost").get("/fr/manifest.webmanifest").status_code == 404  # not Moscow's


def test_an_opening_spaces_status_page_still_has_its_theme_and_icons():
    space = Space.objects.get(slug="bangalore")
    Space.objects.filter(pk=space.pk).update(status=Space.Status.OPENING)
    cache.clear()
    client = client_for("bangalore.localhost")
    page = client.get("/en/").content.decode()
    assert "/theme.css?v=" in page
    assert client.get("/theme.css")["Content-Type"] == "text/css; charset=utf-8"
    assert client.get("/favicon.ico")["Content-Type"] == "image/x-icon"


def test_a_change_of_colour_is_seen_at_once_on_cached_pages(settings, django_capture_on_commit_callbacks):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    client = client_for("paris.localhost")
    first = client.get("/fr/")
    assert client.get("/fr/")["X-Socle-Cache"] == "hit"
    identity = space_identity("paris")
    identity.accent = "#1d4f91"
    with django_capture_on_commit_callbacks(execute=True):
        identity.save()
    second = client.get("/fr/")
    assert second["X-Socle-Cache"] == "miss"  # purged
    assert version_in(second.content.decode()) != version_in(first.content.decode())
    assert "--accent: #1d4f91;" in client.get("/theme.css").content.decode()
    assert client_for("moscow.localhost").get("/ru/")["X-Socle-Cache"] in ("miss", None)  # a first visit


def test_a_change_to_the_network_purges_every_space(settings, django_capture_on_commit_callbacks):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    clients = {slug: client_for(f"{slug}.localhost") for slug in HOME}
    for slug, client in clients.items():
        client.get(HOME[slug])
        assert client.get(HOME[slug])["X-Socle-Cache"] == "hit"
    network = NetworkIdentity.load()
    network.name_ru = "Сеть третьих мест"
    with django_capture_on_commit_callbacks(execute=True):
        network.save()
    for slug, client in clients.items():
        assert client.get(HOME[slug])["X-Socle-Cache"] == "miss", slug
    assert "Сеть третьих мест" in clients["moscow"].get("/ru/").content.decode()


def test_a_warm_page_reads_the_identity_without_a_query(django_assert_num_queries):
    from sites.identity.snapshot import identity_for

    paris = Space.objects.get(slug="paris").site_id
    client_for("paris.localhost").get("/fr/")
    with django_assert_num_queries(0):
        assert identity_for(paris).accent == "#a3214a"


def test_a_page_reads_the_identity_from_the_cache_once(monkeypatch):
    from sites.pagecache import generations

    client = client_for("paris.localhost")
    client.get("/fr/?warm")
    real, reads = generations.read, []
    monkeypatch.setattr(generations, "read", lambda cache, gen, key: reads.append(key) or real(cache, gen, key))
    html = client.get("/fr/?again").content.decode()
    assert "theme.css" in html and "NUMA Paris" in html  # its head, header and footer drew on it
    assert len([key for key in reads if key.startswith("socle:identity:")]) == 1
