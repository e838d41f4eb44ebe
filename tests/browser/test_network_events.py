"""A Moscow visitor finds a Paris network event in the network calendar, at Moscow time, in Russian."""

import re
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_time

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_moscow_visitor_sees_the_paris_colunch_day_at_moscow_time_in_russian(page, live_port, django_db_blocker):
    from sites.events.models import EventPage

    with django_db_blocker.unblock():
        colunch = EventPage.objects.get(slug="network-colunch-day")
    moscow_time = format_time(colunch.start.astimezone(ZoneInfo("Europe/Moscow")), "short", locale="ru")
    paris_time = format_time(colunch.start.astimezone(ZoneInfo("Europe/Paris")), "short", locale="ru")

    base = f"http://moscow.localhost:{live_port}"
    page.set_extra_http_headers({"Accept-Language": "ru"})
    page.goto(f"{base}/")
    page.locator(".main-nav").get_by_role("link", name="Календарь сети").click()
    page.wait_for_url(f"{base}/ru/network-calendar/")
    assert page.locator("html").get_attribute("lang") == "ru"

    card = page.locator("article.card", has_text="colunch")
    assert card.count() == 1
    zones = " ".join(card.locator(".zones").inner_text().split())
    assert zones == " ".join(f"{moscow_time} Москва · {paris_time} Париж".split())
    when = card.locator(".when time").inner_text()
    assert moscow_time in when and re.search(r"(понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)", when)
    assert "Сетевое событие от" in card.locator(".origin").inner_text()
    # The title Paris did not write in Russian is marked with its language for screen readers.
    assert card.locator("h3 [lang]").get_attribute("lang") in ("en", "fr")
    assert card.locator("h3 a").get_attribute("href").startswith("http://paris.localhost")
    # The cancelled Living Lab visit is listed as cancelled.
    assert "Отменено" in page.locator("article.card.cancelled").first.inner_text()

    feeds = page.locator('head link[rel="alternate"][type="text/calendar"]')
    assert feeds.evaluate_all("links => links.map(link => link.getAttribute('href'))") == [
        "/ru/calendar.ics",
        "/ru/calendar/network.ics",
    ]
    card.scroll_into_view_if_needed()
    screenshot(page, "moscow-ru-network-calendar")
    assert page.outside_requests == []
