"""What a crawler reads of a space's site, read by a real browser under the site's policy: the
sitemap and robots.txt answer, and an event page's JSON-LD is data the browser parses but never runs
(the Content-Security-Policy allows no inline script, and reports none here)."""

import json

import pytest

pytestmark = pytest.mark.browser


def test_an_event_page_carries_its_json_ld_without_breaking_the_policy(page, live_port):
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)
    base = f"http://paris.localhost:{live_port}"
    page.goto(f"{base}/fr/events/living-lab-network-visit/")
    texts = page.locator('script[type="application/ld+json"]').all_text_contents()
    objects = [json.loads(text) for text in texts]
    (event,) = [obj for obj in objects if obj["@type"] == "Event"]
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["url"] == f"{base}/fr/events/living-lab-network-visit/"
    assert page.locator('meta[property="og:url"]').get_attribute("content") == event["url"]
    assert page.locator('meta[property="og:locale"]').get_attribute("content") == "fr_FR"
    assert violations == []
    assert page.outside_requests == []

    sitemap = page.goto(f"{base}/sitemap.xml")
    assert sitemap.status == 200 and f"{base}/en/events/living-lab-network-visit/" in sitemap.text()
    robots = page.goto(f"{base}/robots.txt")
    assert robots.status == 200 and f"Sitemap: {base}/sitemap.xml" in robots.text()
