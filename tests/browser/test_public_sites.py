"""A visitor opens each city's home page in a real browser and switches language."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

CITIES = [
    # host, language opened first, language switched to, its switcher label, a title in that language
    ("paris", "fr", "en", "English", "NUMA Paris"),
    ("moscow", "ru", "en", "English", "NUMA Moscow"),
    ("bangalore", "en", "kn", "ಕನ್ನಡ", "Cobalt BLR"),
    ("bangalore", "en", "hi", "हिन्दी", "Cobalt BLR"),
]


@pytest.mark.parametrize("city,first,second,label,brand", CITIES)
def test_a_visitor_opens_a_city_and_switches_language(page, live_port, city, first, second, label, brand):
    base = f"http://{city}.localhost:{live_port}"
    page.set_extra_http_headers({"Accept-Language": f"{first}"})
    page.goto(f"{base}/")
    assert page.url == f"{base}/{first}/"
    assert page.locator("html").get_attribute("lang") == first
    assert brand.split()[0] in page.locator(".brand-name").inner_text()
    screenshot(page, f"{city}-{first}-home")

    page.get_by_role("navigation", name=page.locator(".language-switcher").get_attribute("aria-label")).get_by_role(
        "link", name=label
    ).click()
    page.wait_for_url(f"{base}/{second}/")
    assert page.locator("html").get_attribute("lang") == second
    switcher = page.locator(".language-switcher [aria-current=true]")
    assert switcher.inner_text() == label
    screenshot(page, f"{city}-{second}-home")

    # Deeper pages keep the language, and a click on the switcher keeps the page.
    page.locator(".main-nav a").nth(2).click()
    path = page.url.removeprefix(base)
    assert path.startswith(f"/{second}/") and path != f"/{second}/"
    page.locator(".language-switcher a", has_text=page.locator(".language-switcher a").first.inner_text()).click()
    assert page.url.removeprefix(base).split("/", 2)[2] == path.split("/", 2)[2]

    assert page.outside_requests == []  # nothing loads from the internet
