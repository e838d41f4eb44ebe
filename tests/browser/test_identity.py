"""A space's accent colour colours its site, its favicon loads; its editor changes the colour in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from sites.identity.models import SpaceIdentity
from sites.spaces.models import Space

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


def rgb(hex_colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)))


def accent_shown(page) -> tuple[str, str]:
    """The search button's background and a footer link's colour, as the browser draws them."""
    button = page.locator(".site-search button").evaluate("node => getComputedStyle(node).backgroundColor")
    link = page.locator(".site-footer a:not(.network-brand)").first.evaluate("node => getComputedStyle(node).color")
    return button, link


@pytest.mark.parametrize(("city", "language", "accent"), [("paris", "fr", "#a3214a"), ("bangalore", "kn", "#2f6b1f")])
def test_a_citys_accent_colours_its_site_and_its_favicon_loads(page, live_port, city, language, accent):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"http://{city}.localhost:{live_port}/{language}/")
    assert accent_shown(page) == (rgb(accent), rgb(accent))
    icon = page.evaluate(
        """async () => {
            const href = document.querySelector('link[rel=icon][type="image/png"]').href;
            const image = new Image();
            image.src = href;
            await image.decode();
            const favicon = await fetch(document.querySelector('link[rel=icon]').href);
            return [image.naturalWidth, favicon.status, favicon.headers.get('content-type')];
        }"""
    )
    assert icon == [32, 200, "image/x-icon"]
    assert not [text for text in console if "Content Security Policy" in text]  # nothing refused
    assert page.outside_requests == []
    screenshot(page, f"identity-{city}-{language}")


@pytest.fixture
def moscow_editor(live_port, django_db_blocker):
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user("moscow-identity-editor", password="editor-pass")
        user.groups.add(Group.objects.get(name="moscow editors"))
        identity = SpaceIdentity.objects.get(site=Space.objects.get(slug="moscow").site)
        original = identity.accent
        yield user
        identity = SpaceIdentity.objects.get(pk=identity.pk)
        identity.accent = original
        identity.save()
        user.delete()


def test_an_editor_sets_their_spaces_accent_and_the_site_shows_it(page, live_port, moscow_editor):
    admin = sign_in(page, live_port, "moscow-identity-editor", "editor-pass")
    page.goto(f"{admin}/settings/identity/spaceidentity/")
    page.fill("#id_accent", "#ffcc00")  # too light: refused with the ratio
    page.locator("button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "1.44:1" in page.content() and "4.5:1" in page.content()  # what it reads at, what is needed
    screenshot(page, "identity-admin-refused-colour")
    page.fill("#id_accent", "#6a1b9a")
    page.locator("button[type=submit]").last.click()
    page.wait_for_load_state()
    page.goto(f"http://moscow.localhost:{live_port}/ru/")
    assert accent_shown(page) == (rgb("#6a1b9a"), rgb("#6a1b9a"))
    screenshot(page, "identity-moscow-new-accent")
