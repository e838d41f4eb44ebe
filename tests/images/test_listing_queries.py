"""A listing reads its images and their renditions in one query, however many images it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sites.core.models import PracticePage
from sites.events.models import EventPage
from sites.spaces.models import ProgrammePage, Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

LISTINGS = [(PracticePage, "/fr/practices/"), (ProgrammePage, "/fr/programmes/"), (EventPage, "/fr/events/")]


def queries_and_pictures(url: str) -> tuple[int, int]:
    client = client_for("paris.localhost")
    client.get(url)  # the site is visited
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode().count('<picture class="picture picture-card">')


@pytest.mark.parametrize("model,url", LISTINGS)
def test_a_listing_costs_the_same_queries_with_half_its_images(model, url):
    paris = Space.objects.get(slug="paris").site.root_page
    pages = (
        model.objects.descendant_of(paris)
        .filter(image__isnull=False)
        .order_by("start" if model is EventPage else "path")
    )
    assert pages.count() >= 4  # the demo gives each page an image
    all_images, pictures = queries_and_pictures(url)
    assert pictures >= 4

    every_other = [page.pk for page in pages][1::2]
    model.objects.filter(pk__in=every_other).update(image=None)
    half_images, fewer_pictures = queries_and_pictures(url)
    assert fewer_pictures == pictures - len(every_other)
    assert all_images == half_images
