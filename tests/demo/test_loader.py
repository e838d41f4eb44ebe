"""The demo loader builds the whole network from the seeds, and a second run changes nothing."""

import pytest
from django.apps import apps

from sites.core.models import PracticePage, Principle, Value
from sites.demo.loader import DemoDataError, Report, load_demo_network, load_space
from sites.events.models import EventPage
from sites.spaces.models import ProgrammePage, Space
from tests.helpers import synthetic_space_data

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_a_second_run_changes_nothing_and_duplicates_nothing():
    # The session already ran the loader once.
    before = row_counts()
    report = load_demo_network(port=80)
    assert not report.changed
    assert row_counts() == before


def test_the_network_has_its_values_principles_and_three_cities():
    assert list(Value.objects.values_list("slug", flat=True)) == [
        "ouverture", "partage", "mutualisation", "accessibilite",
        "neutralite", "collaboration", "independance", "plaisir",
    ]  # fmt: skip
    assert Principle.objects.count() >= 6
    spaces = {space.slug: space for space in Space.objects.all()}
    assert spaces["paris"].language_codes == ["fr", "en"]
    assert spaces["moscow"].language_codes == ["ru", "en"]
    assert spaces["bangalore"].language_codes == ["en", "hi", "kn"]
    assert "39 rue du Caire" in spaces["paris"].address_fr


@pytest.mark.parametrize("slug", ["paris", "moscow", "bangalore"])
def test_each_city_has_practices_programmes_and_past_and_upcoming_events(slug):
    from django.utils import timezone

    home = Space.objects.get(slug=slug).site.root_page
    practices = PracticePage.objects.descendant_of(home)
    assert practices.count() >= 4
    assert all(practice.principles.exists() for practice in practices)
    assert ProgrammePage.objects.descendant_of(home).count() >= 3
    events = EventPage.objects.descendant_of(home)
    assert events.count() >= 5
    assert events.filter(start__lt=timezone.now()).exists()
    assert events.filter(start__gte=timezone.now()).exists()


@pytest.mark.parametrize("slug", ["paris", "moscow", "bangalore"])
def test_every_text_is_written_in_each_of_the_citys_languages(slug):
    space = Space.objects.get(slug=slug)
    home = space.site.root_page
    for page in home.get_descendants(inclusive=True).specific():
        for language in space.language_codes:
            assert getattr(page, f"title_{language}"), (page.url_path, language)


def test_core_texts_exist_in_all_five_languages():
    for principle in Principle.objects.all():
        for language in ("fr", "en", "ru", "hi", "kn"):
            assert getattr(principle, f"statement_{language}"), (principle.slug, language)
            assert getattr(principle, f"explanation_{language}"), (principle.slug, language)


def test_malformed_data_names_the_file_and_key_and_creates_nothing():
    data = synthetic_space_data(900)
    del data["practices"][0]["title"]["fr"]
    before = row_counts()
    with pytest.raises(DemoDataError, match=r"space-0900.json practices\[practice\].title: no text in fr"):
        load_space(data, port=80, report=Report())
    assert row_counts() == before


def test_each_demo_editor_reads_the_admin_in_their_own_language_on_their_spaces_clock():
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    from sites.demo.management.commands.load_demo import Command

    Command().ensure_accounts()
    profiles = {
        user.username: UserProfile.get_for_user(user)
        for user in get_user_model().objects.filter(username__in=["paris", "moscow", "bangalore"])
    }
    assert {name: profile.preferred_language for name, profile in profiles.items()} == {
        "paris": "fr",
        "moscow": "ru",
        "bangalore": "kn",
    }
    assert profiles["moscow"].current_time_zone == "Europe/Moscow"
    assert profiles["bangalore"].current_time_zone == "Asia/Kolkata"
