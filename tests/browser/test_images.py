"""A visitor sees each city's photos: every image on the home and a practice loads, from the site itself."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

# A home shows its main photo, its gallery and its cards' images; a practice its own image.
PAGES = [
    ("paris", "/fr/", 10),
    ("moscow", "/ru/", 10),
    ("bangalore", "/kn/", 10),
    ("paris", "/en/practices/colunch/", 1),
]


def scroll_through(page) -> None:
    """Down the page a screen at a time, so that the lazy images below the fold are asked for."""
    height = page.evaluate("document.body.scrollHeight")
    for top in range(0, height + 900, 600):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("city,path,at_least", PAGES)
def test_every_image_loads_from_the_site_itself(page, live_port, city, path, at_least):
    page.set_viewport_size({"width": 390, "height": 844})
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"http://{city}.localhost:{live_port}{path}")
    hero = page.locator("main img").first  # the header and footer show the logos (identity)
    assert hero.get_attribute("loading") == "eager"  # the first image is asked for at once
    scroll_through(page)
    every_image = page.evaluate(
        "[...document.images].map(img => ({src: img.currentSrc, width: img.naturalWidth, complete: img.complete}))"
    )
    broken = [image for image in every_image if not image["complete"] or image["width"] == 0]
    assert broken == []  # the logos included
    images = page.evaluate(
        "[...document.querySelectorAll('main img')].map(img => ({src: img.currentSrc, width: img.naturalWidth,"
        " alt: img.alt}))"
    )
    assert len(images) >= at_least, images
    assert all(image["alt"] for image in images)
    # Chromium reads AVIF: it takes the first source, never the fallback.
    assert all(image["src"].endswith(".avif") for image in images), [image["src"] for image in images]
    media = [response for response in responses if "/media/" in response.url]
    assert media and all(response.status == 200 for response in media)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"images-{city}-{path.strip('/').replace('/', '-')}")
    assert page.outside_requests == []  # nothing loads from the internet
