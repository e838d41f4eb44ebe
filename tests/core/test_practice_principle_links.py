"""A practice page links each principle it embodies to that principle on the space's principles page."""

import re

import pytest

from sites.core.models import PracticePage
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_each_embodied_principle_links_to_its_place_on_the_principles_page():
    practice = PracticePage.objects.get(slug="bar-with-a-cook")
    principles = [principle for principle in practice.principles.all() if principle.live]
    assert principles
    html = client_for("paris.localhost").get("/fr/practices/bar-with-a-cook/").content.decode()
    links = re.findall(r'<a href="(/fr/principles/#principle-[^"]+)">', html)
    assert links == [f"/fr/principles/#principle-{principle.slug}" for principle in principles]
    principles_page = client_for("paris.localhost").get("/fr/principles/").content.decode()
    for link in links:
        assert f'id="{link.split("#")[1]}"' in principles_page


def test_links_follow_the_language_of_the_page():
    html = client_for("paris.localhost").get("/en/practices/bar-with-a-cook/").content.decode()
    assert re.search(r'<a href="/en/principles/#principle-[^"]+">', html)


def test_without_a_principles_page_the_principles_stay_plain_text():
    from sites.core.models import PrinciplesPage

    practice = PracticePage.objects.get(slug="bar-with-a-cook")
    PrinciplesPage.objects.sibling_of(practice.get_parent()).get().unpublish()
    html = client_for("paris.localhost").get("/fr/practices/bar-with-a-cook/").content.decode()
    assert "#principle-" not in html
    assert "embodies-title" in html
