"""A home lists a few items a section, each section linking to the page that lists them all."""

import re

import pytest

from sites.core.models import PracticePage
from sites.spaces.home_sections import HOME_SECTION_ITEMS, first_items
from sites.spaces.models import ProgrammePage
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def section(html: str, title_id: str) -> str:
    start = html.index(f'id="{title_id}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize(("host", "language"), [("paris", "fr"), ("moscow", "ru"), ("bangalore", "kn")])
def test_each_section_shows_three_items_and_links_to_all_of_them(host, language):
    html = client_for(f"{host}.localhost").get(f"/{language}/").content.decode()
    home_path = f"/{host}/"
    for title_id, model, index in (
        ("practices-title", PracticePage, "practices"),
        ("programmes-title", ProgrammePage, "programmes"),
    ):
        part = section(html, title_id)
        total = model.objects.live().filter(url_path__startswith=home_path).count()
        assert total > HOME_SECTION_ITEMS  # the demo has more than a home shows
        assert part.count('<article class="card') == HOME_SECTION_ITEMS
        link = re.search(rf'<a class="more" href="/{language}/{index}/">([^<]*)</a>', part)
        assert link and f"({total})" in link.group(1)
    upcoming = section(html, "upcoming-title")
    assert upcoming.count('<article class="card') <= HOME_SECTION_ITEMS
    assert f'<a class="more" href="/{language}/events/">' in upcoming


def test_the_total_is_counted_with_the_first_items_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        items, total = first_items(PracticePage.objects.live().order_by("path"))
    assert len(items) == HOME_SECTION_ITEMS
    assert total == PracticePage.objects.live().count()
    assert first_items(PracticePage.objects.none()) == ([], 0)


def test_the_russian_link_reads_russian():
    html = client_for("moscow.localhost").get("/ru/").content.decode()
    assert "Все наши практики (" in html and "Все наши программы (" in html
