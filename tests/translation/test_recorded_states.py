"""The state of each translation is recorded as objects are saved, for counting a whole network at once."""

import pytest
from django.contrib.contenttypes.models import ContentType

from sites.core.models import Principle
from sites.spaces.models import HomePage
from sites.translation.models import TranslationState
from sites.translation.state import refresh_all_states, translation_states

pytestmark = pytest.mark.django_db


def recorded(obj) -> dict[str, str]:
    rows = TranslationState.objects.filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk)
    return dict(rows.values_list("language", "state"))


def test_states_are_recorded_on_save_and_follow_the_source():
    principle = Principle.objects.get(slug="listen")
    assert recorded(principle) == translation_states(principle) == dict.fromkeys(["en", "ru", "hi", "kn"], "fresh")
    principle.statement_fr = "On apprend d'abord à écouter"
    principle.save()
    assert set(recorded(principle).values()) == {"stale"}
    principle.statement_ru = "Сначала мы учимся слушать"
    principle.save()
    assert recorded(principle)["ru"] == "fresh" and recorded(principle)["en"] == "stale"


def test_a_pages_missing_languages_are_recorded_and_a_deleted_page_forgets_them():
    home = HomePage.objects.get(slug="moscow")
    states = recorded(home)
    assert states["en"] == "fresh" and states["kn"] == "missing" and "ru" not in states  # Russian is the source
    page = home.get_children().first().specific
    page_id = page.pk
    page.delete()
    assert not TranslationState.objects.filter(object_id=page_id, content_type__model=page._meta.model_name).exists()


def test_the_states_of_a_database_made_before_can_be_recorded_at_once():
    expected = TranslationState.objects.count()
    TranslationState.objects.all().delete()
    assert refresh_all_states() > 0
    assert TranslationState.objects.count() == expected
