"""Each translation is fresh, stale (its source changed after it was written) or missing."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from sites.core.models import Principle
from sites.spaces.models import StandardPage
from sites.translation.state import FRESH, MISSING, STALE, translation_states
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_the_demo_core_is_translated_and_up_to_date():
    principle = Principle.objects.get(slug="listen")
    assert translation_states(principle) == {"en": FRESH, "ru": FRESH, "hi": FRESH, "kn": FRESH}


def test_editing_the_source_makes_the_translations_stale_and_resaving_one_makes_it_fresh():
    principle = Principle.objects.get(slug="listen")
    principle.statement_fr = "On apprend d'abord à écouter"
    principle.save()
    assert set(translation_states(principle).values()) == {STALE}

    principle.statement_ru = "Сначала мы учимся слушать"
    principle.save()
    states = translation_states(principle)
    assert states["ru"] == FRESH and states["en"] == STALE

    principle.statement_kn = ""
    principle.explanation_kn = ""
    principle.save()
    assert translation_states(principle)["kn"] == MISSING


def test_a_pages_translations_follow_its_spaces_default_language():
    page = StandardPage.objects.get(slug="about", url_path__startswith="/moscow/")  # Russian first, then English
    assert translation_states(page, ["ru", "en"]) == {"en": FRESH}
    page.intro_ru = page.intro_ru + " Добро пожаловать."
    page.save()
    assert translation_states(page, ["ru", "en"]) == {"en": STALE}
    # A visitor still reads the last English translation, stale or not.
    html = client_for("moscow.localhost").get("/en/about/").content.decode()
    assert page.intro_en in html and 'lang="ru"' not in html.split("<main")[1]


def test_the_editor_sees_each_languages_state_beside_it():
    page = StandardPage.objects.get(slug="about", url_path__startswith="/moscow/")
    page.title_ru = page.title_ru + "!"
    page.save()
    user = get_user_model().objects.create_superuser("translator", "t@example.org", "pw")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    fields = client.get(f"/admin/pages/{page.pk}/edit/").context["form"].fields
    assert fields["title_en"].label.endswith("needs updating: the source changed")
    assert "—" not in str(fields["title_ru"].label)  # the source language has no state
