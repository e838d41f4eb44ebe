"""A shared link's card: OpenGraph and social-card tags in the head of every page of a space, with
the page's image (else its home's) cut for cards, and the locales of the space's languages."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.images.tests.utils import get_test_image_file

from sites.core.models import PracticePage
from sites.events.models import EventPage
from sites.images.models import SpaceImage
from sites.images.pictures import social_rendition
from sites.spaces.models import HomePage
from tests.helpers import client_for

from .reading import HeadReader

pytestmark = pytest.mark.django_db


def head(host: str, path: str) -> HeadReader:
    response = client_for(host).get(path)
    assert response.status_code == 200, path
    return HeadReader(response.content.decode())


def new_image(title: str, **descriptions) -> SpaceImage:
    return SpaceImage.objects.create(
        title=title, file=get_test_image_file(f"{title}.png", colour="teal", size=(1600, 1000)), **descriptions
    )


@pytest.fixture
def home_photo():
    """Every home's photo (its ``hero_image``, which ``page.page_image`` answers)."""
    photo = new_image(
        "ground-floor", description_fr="Le rez-de-chaussée ouvert", description_en="The open ground floor"
    )
    HomePage.objects.update(hero_image=photo)
    return photo


@pytest.mark.parametrize(
    "host,path,locale,alternates",
    [
        ("paris.localhost", "/fr/", "fr_FR", ["en_GB"]),
        ("paris.localhost", "/en/", "en_GB", ["fr_FR"]),
        ("moscow.localhost", "/ru/events/", "ru_RU", ["en_GB"]),
        ("bangalore.localhost", "/en/", "en_IN", ["hi_IN", "kn_IN"]),
        ("bangalore.localhost", "/kn/practices/", "kn_IN", ["en_IN", "hi_IN"]),
    ],
)
def test_the_card_says_the_pages_locale_and_the_sites_other_languages(host, path, locale, alternates):
    reader = head(host, path)
    assert reader.first("og:locale") == locale
    assert reader.all("og:locale:alternate") == alternates


def test_the_card_names_the_page_its_site_and_its_address():
    reader = head("moscow.localhost", "/ru/events/webinar-paris-welcome/")
    page = EventPage.objects.get(slug="webinar-paris-welcome")
    assert reader.first("og:title") == page.title_ru
    assert reader.first("og:description") == page.summary_ru
    assert reader.first("og:url") == "http://moscow.localhost/ru/events/webinar-paris-welcome/"
    assert reader.first("og:site_name") == "NUMA Москва"
    assert reader.first("og:type") == "website"  # OpenGraph has no event type: its JSON-LD says Event
    assert head("moscow.localhost", "/ru/").first("og:type") == "website"
    article = head("paris.localhost", "/fr/practices/colunch/")
    assert article.first("og:type") == "article"
    assert article.first("article:modified_time")


def test_the_head_links_each_language_and_a_default():
    reader = head("bangalore.localhost", "/hi/practices/")
    assert reader.hreflang == {
        "en": "http://bangalore.localhost/en/practices/",
        "hi": "http://bangalore.localhost/hi/practices/",
        "kn": "http://bangalore.localhost/kn/practices/",
        "x-default": "http://bangalore.localhost/en/practices/",
    }


def test_without_an_image_the_card_is_a_small_one(monkeypatch):
    assert head("paris.localhost", "/fr/").first("twitter:card") == "summary_large_image"  # the demo's photo
    monkeypatch.setattr(HomePage, "page_image", property(lambda page: None))  # a home without a photo
    reader = head("paris.localhost", "/fr/")
    assert reader.first("og:image") is None
    assert reader.first("twitter:card") == "summary"


def loaded_image(url: str) -> PILImage.Image:
    """The image a card's absolute URL names, read from the media storage it is served from."""
    name = urlsplit(url).path.removeprefix(settings.MEDIA_URL)
    with default_storage.open(name) as file:
        image = PILImage.open(file)
        image.load()
    return image


def test_every_page_shows_its_homes_photo_cut_for_cards_with_its_alt_text(home_photo, monkeypatch):
    # A practice without an image of its own (the demo's have one).
    monkeypatch.setattr(PracticePage, "page_image", property(lambda page: None))
    for path, alt in [("/fr/", "Le rez-de-chaussée ouvert"), ("/en/practices/colunch/", "The open ground floor")]:
        reader = head("paris.localhost", path)
        url = reader.first("og:image")
        assert url.startswith("http://paris.localhost/media/"), url
        assert (reader.first("og:image:width"), reader.first("og:image:height")) == ("1200", "630")
        assert reader.first("og:image:type") == "image/jpeg"
        assert reader.first("og:image:alt") == alt
        assert reader.first("twitter:card") == "summary_large_image"
        assert reader.first("twitter:image:alt") == alt
        image = loaded_image(url)
        assert image.format == "JPEG" and image.size == (1200, 630)


def test_an_alt_text_missing_in_a_language_falls_back_to_the_spaces_default(home_photo):
    reader = head("paris.localhost", "/en/")
    assert reader.first("og:image:alt") == "The open ground floor"
    home_photo.description_en = ""
    home_photo.save()
    assert head("paris.localhost", "/en/").first("og:image:alt") == "Le rez-de-chaussée ouvert"


def test_a_page_with_its_own_image_shows_it_in_the_card_and_its_json_ld(home_photo, monkeypatch):
    poster = new_image("webinar-poster", description_ru="Афиша вебинара", description_en="The webinar's poster")
    monkeypatch.setattr(EventPage, "page_image", property(lambda page: poster), raising=False)
    reader = head("moscow.localhost", "/ru/events/webinar-paris-welcome/")
    url = reader.first("og:image")
    assert url.endswith(social_rendition(poster).url)
    assert reader.first("og:image:alt") == "Афиша вебинара"
    (event,) = [obj for obj in reader.objects() if obj["@type"] == "Event"]
    assert event["image"] == url
    assert loaded_image(url).size == (1200, 630)
    # A page without an image of its own (the home's other pages) keeps the home's photo.
    assert head("moscow.localhost", "/ru/").first("og:image").endswith(social_rendition(home_photo).url)


def test_a_cached_card_changes_with_its_image(home_photo, settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    client = client_for("paris.localhost")
    client.get("/en/")
    cached = client.get("/en/")
    assert cached.headers["X-Socle-Cache"] == "hit"  # positive control: the page is kept
    assert 'content="The open ground floor"' in cached.content.decode()

    home_photo.description_en = "The ground floor at lunch"
    home_photo.save()
    fresh = client.get("/en/")
    assert fresh.headers["X-Socle-Cache"] == "miss"
    assert HeadReader(fresh.content.decode()).first("og:image:alt") == "The ground floor at lunch"
