import pytest
from wagtail.models import Page

from sites.spaces.models import Space, StandardPage
from tests.helpers import client_for


def home_of(slug: str) -> Page:
    return Space.objects.get(slug=slug).site.root_page.specific


def publish_page(parent: Page, slug: str, **texts) -> StandardPage:
    """A plain page under ``parent`` with these fields (``title_en="…"``, ``body_hi="…"``), published."""
    page = StandardPage(slug=slug, **texts)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def search(host: str, language: str, query: str, **params):
    response = client_for(host).get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def found_urls(response) -> list[str]:
    return [result.url for result in response.context["results"]]


@pytest.fixture
def needs_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("full-text search with stemming needs PostgreSQL: set DATABASE_URL")
