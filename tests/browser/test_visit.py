"""A visitor finds the practical information on a city's home and opens the Visit page, on a phone
(390 px) and on a desktop, in a script other than Latin."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

CASES = [
    # host, language, the block's heading, the Visit page's address, a weekday in the table
    ("bangalore", "kn", "ನಮ್ಮನ್ನು ಭೇಟಿ ಮಾಡಿ", "/kn/visit/", "ಶುಕ್ರವಾರ"),
    ("moscow", "ru", "Приходите к нам", "/ru/first-visit/", "Пятница"),
]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("city,language,heading,visit_path,friday", CASES)
def test_the_home_block_leads_to_the_visit_page(page, live_port, width, city, language, heading, visit_path, friday):
    page.set_viewport_size({"width": width, "height": 900})
    base = f"http://{city}.localhost:{live_port}"
    page.goto(f"{base}/{language}/")
    block = page.locator("section.practical")
    assert block.get_by_role("heading", level=2).inner_text() == heading
    assert block.locator(".open-now").inner_text().strip()  # open or closed, in the visitor's language
    # The block sits above the other sections (after the home's own: title, Cause, photos), and fits the
    # screen without scrolling sideways.
    first_section = page.locator("main section[aria-labelledby$='-title']:not(.hero):not(.cause):not(.gallery)").first
    assert first_section.get_attribute("class") == "practical"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"visit-{city}-{language}-home-{width}")

    block.get_by_role("link", name=page.locator("section.practical a.more").inner_text()).click()
    page.wait_for_url(f"{base}{visit_path}")
    table = page.get_by_role("table")
    assert table.locator("caption").inner_text()
    assert table.get_by_role("rowheader").count() == 7
    assert table.get_by_role("rowheader", name=friday).count() == 1
    assert table.locator("tr[aria-current=date]").count() == 1  # today is marked for everyone, not by colour alone
    osm = page.get_by_role("link", name=page.locator("a[href^='https://www.openstreetmap.org/']").inner_text())
    assert "mlat=" in osm.get_attribute("href")
    assert page.locator("iframe").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator(f"a[href='/{language}/accessibility/']").first.click()
    page.wait_for_url(f"{base}/{language}/accessibility/")
    assert "WCAG 2.2 AA" in page.locator("main").inner_text()
    page.go_back()
    screenshot(page, f"visit-{city}-{language}-visit-{width}")
