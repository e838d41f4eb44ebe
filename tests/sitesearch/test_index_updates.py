"""The texts visitors search follow the pages: published, unpublished, moved, deleted, rebuilt."""

import pytest
from django.core.management import call_command

from sites.sitesearch.models import PageText

from .conftest import found_urls, home_of, publish_page, search

pytestmark = pytest.mark.django_db


def texts_of(page) -> dict[str, str]:
    return dict(PageText.objects.filter(page=page).values_list("language", "text_language"))


def test_a_published_page_has_one_text_per_language_of_its_space():
    page = publish_page(home_of("bangalore"), "rooftop", title_en="Rooftop garden", title_kn="ಮಾಳಿಗೆ ತೋಟ")
    assert texts_of(page) == {"en": "en", "hi": "en", "kn": "kn"}


def test_a_page_of_any_type_is_indexed_with_its_translated_fields():
    from sites.core.models import PracticePage

    practice = PracticePage.objects.get(slug="colunch")
    text = PageText.objects.get(page=practice, language="fr")
    assert practice.title_fr in text.title
    assert practice.summary_fr in text.body


def test_unpublishing_removes_the_texts_and_publishing_again_brings_them_back():
    page = publish_page(home_of("paris"), "atelier", title_fr="Atelier de réparation")
    page.unpublish()
    assert texts_of(page) == {}
    page.save_revision().publish()
    assert found_urls(search("paris.localhost", "fr", "réparation")) == ["/fr/atelier/"]


def test_a_page_moved_to_another_space_is_read_in_that_spaces_languages():
    page = publish_page(home_of("paris"), "atelier", title_fr="Atelier de réparation", title_en="Repair workshop")
    page.move(home_of("moscow"), pos="last-child")
    # Moscow reads Russian first; a page without Russian is read there in its English.
    assert texts_of(page) == {"ru": "en", "en": "en"}
    assert found_urls(search("paris.localhost", "en", "repair")) == []
    assert found_urls(search("moscow.localhost", "en", "repair")) == ["/en/atelier/"]


def test_a_deleted_page_and_its_children_leave_nothing_behind():
    page = publish_page(home_of("paris"), "coulisses", title_fr="Les coulisses du jardin")
    child = publish_page(page, "serre", title_fr="La serre du jardin")
    page.delete()
    assert not PageText.objects.filter(page_id__in=[page.pk, child.pk]).exists()
    assert found_urls(search("paris.localhost", "fr", "jardin")) == []


def test_rebuilding_writes_the_same_texts_again():
    before = set(PageText.objects.values_list("page_id", "language", "text_language", "title", "body"))
    PageText.objects.all().delete()
    call_command("rebuild_search_texts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = set(PageText.objects.values_list("page_id", "language", "text_language", "title", "body"))
    assert after == before and len(after) > 100


def test_a_space_that_starts_publishing_a_language_is_searchable_in_it():
    from sites.spaces.models import Space

    space = Space.objects.get(slug="paris")
    page = publish_page(space.site.root_page, "atelier", title_fr="Atelier de réparation")
    assert texts_of(page) == {"fr": "fr", "en": "fr"}
    space.languages = "fr,en,ru"
    space.save()
    assert texts_of(page) == {"fr": "fr", "en": "fr", "ru": "fr"}


def test_saving_a_space_without_changing_its_languages_leaves_its_texts_alone():
    from sites.spaces.models import Space

    space = Space.objects.get(slug="paris")
    before = set(PageText.objects.values_list("id", flat=True))
    space.address_fr = "39 rue du Caire, 75002 Paris"
    space.save()
    assert set(PageText.objects.values_list("id", flat=True)) == before  # not rewritten
    space.languages = "fr,en,ru"
    space.save()
    assert set(PageText.objects.values_list("id", flat=True)) != before  # positive control
