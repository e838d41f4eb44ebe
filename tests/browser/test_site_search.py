"""A visitor on a phone searches Moscow's site in Russian and opens what they found."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    tab.outside_requests = []
    tab.on(
        "request",
        lambda request: ".localhost:" in request.url or tab.outside_requests.append(request.url),
    )
    yield tab
    context.close()


def test_a_visitor_on_a_phone_searches_in_russian_and_opens_a_result(phone, live_port):
    base = f"http://moscow.localhost:{live_port}"
    phone.goto(f"{base}/ru/search/")
    assert phone.title().startswith("Поиск по сайту · ")
    assert "Введите одно или несколько слов" in phone.locator(".search-hint").inner_text()

    phone.locator("#search-q").fill("коворкинг")
    phone.locator(".search-form button").click()
    phone.wait_for_url(f"{base}/ru/search/?q=*")
    assert phone.title().startswith("Результаты поиска «коворкинг» · ")
    assert phone.locator("#search-q").input_value() == "коворкинг"
    assert "по запросу «коворкинг»" in phone.locator(".result-count").inner_text()
    first = phone.locator(".search-result").first
    assert first.locator(".search-result-kind").inner_text()  # the page's type, in Russian
    assert first.locator("mark").first.inner_text().lower().startswith("коворкинг")
    # Nothing wider than the phone: long words and excerpts wrap.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "moscow-ru-search-phone")

    title = first.locator("h2 a").inner_text()
    first.locator("h2 a").click()
    assert phone.url.startswith(f"{base}/ru/") and "/search/" not in phone.url
    assert phone.locator("h1").first.inner_text() == title

    phone.goto(f"{base}/ru/search/?q=tea")  # an English word: not what a Russian reader reads
    assert phone.locator(".search-results").count() == 0
    assert "Ни на одной странице сайта нет «tea»" in phone.locator(".search-empty").inner_text()
    screenshot(phone, "moscow-ru-search-empty-phone")
    assert phone.outside_requests == []
