"""A cached page showing an image is purged when the image's alt text changes."""

import pytest

from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600


def test_a_new_alt_text_reaches_the_cached_home_and_the_cached_practices():
    client = client_for("paris.localhost")
    home = Space.objects.get(slug="paris").site.root_page.specific
    hero = home.hero_image
    card_image = home.get_children().get(slug="practices").get_children().first().specific.image
    for url in ("/fr/", "/fr/practices/"):
        client.get(url)
        assert client.get(url).headers["X-Socle-Cache"] == "hit"

    hero.description_fr = "La grande salle un samedi matin"
    hero.save()
    card_image.description_fr = "Le bar, un soir de colunch"
    card_image.save()

    home_page = client.get("/fr/")
    assert home_page.headers["X-Socle-Cache"] == "miss"
    assert 'alt="La grande salle un samedi matin"' in home_page.content.decode()
    assert 'alt="Le bar, un soir de colunch"' in home_page.content.decode()  # the practices section
    practices = client.get("/fr/practices/")
    assert practices.headers["X-Socle-Cache"] == "miss"
    assert 'alt="Le bar, un soir de colunch"' in practices.content.decode()


def test_a_home_whose_image_file_is_lost_is_shown_without_it(caplog):
    from tests.images.imagefiles import space_image

    client = client_for("paris.localhost")
    home = Space.objects.get(slug="paris").site.root_page.specific
    shown = space_image("paris", description_fr="La salle")
    home.hero_image = shown
    home.save_revision().publish()
    page = client.get("/fr/")
    assert page.status_code == 200 and 'alt="La salle"' in page.content.decode()  # the positive control

    lost = space_image("paris", description_fr="Une photo perdue")
    lost.file.storage.delete(lost.file.name)  # a disk lost, a volume not mounted...
    home.hero_image = lost
    home.save_revision().publish()
    page = client.get("/fr/")
    assert page.status_code == 200
    assert "Une photo perdue" not in page.content.decode() and "<h1" in page.content.decode()
    assert f"Image {lost.pk} ({lost.file.name}): its original file cannot be read" in caplog.text
