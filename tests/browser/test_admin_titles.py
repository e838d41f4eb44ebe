"""Editors and coordinators read every title of the admin in their own admin language.

The pages are first saved from admins in other languages (Wagtail's ``draft_title`` then mixes
languages); the titles the admin shows must not depend on it.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import Page

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "titles-pass"


def make_person(username: str, language: str, group: str | None = None, coordinator: bool = False):
    from wagtail.users.models import UserProfile

    model = get_user_model()
    if coordinator:
        user = model.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    else:
        user = model.objects.create_user(username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def republish_in(language: str, slug: str) -> None:
    with translation.override(language):
        Page.objects.get(slug=slug, url_path__startswith="/moscow/").specific.save_revision().publish()


@pytest.fixture
def moscow_saved_in_a_mix(live_port, django_db_blocker):
    """As on the demo: "Subbotnik" published from the Russian admin, its siblings from English ones."""
    with django_db_blocker.unblock():
        make_person("titles-moscow", "ru", "moscow editors")
        make_person("titles-coordinator", "ru", coordinator=True)
        republish_in("ru", "subbotnik")
        republish_in("en", "practices")
        yield
        republish_in("en", "subbotnik")
        get_user_model().objects.filter(username__in=["titles-moscow", "titles-coordinator"]).delete()


def test_a_moscow_editor_reads_the_explorer_breadcrumbs_and_headers_in_russian(page, live_port, moscow_saved_in_a_mix):
    admin = sign_in(page, live_port, "titles-moscow", PASSWORD)
    moscow = Page.objects.get(slug="moscow")
    page.goto(f"{admin}/pages/{moscow.pk}/")
    listing = page.locator("table.listing").inner_text()
    for title in ("Наши практики", "Почему не копия Парижа", "Первый визит", "Календарь сети"):
        assert title in listing
    for title in ("Our practices", "Why not a copy of Paris", "Your first visit", "Network calendar"):
        assert title not in listing
    assert "Добро пожаловать в NUMA Москва" in page.locator("h1").inner_text()
    screenshot(page, "titles-moscow-explorer-ru")

    practices = Page.objects.get(slug="practices", url_path__startswith="/moscow/")
    page.goto(f"{admin}/pages/{practices.pk}/")
    listing = page.locator("table.listing").inner_text()
    assert "Субботник" in listing and "Встреча у гардероба" in listing and "Общий чай" in listing
    assert "The subbotnik" not in listing and "Shared tea" not in listing
    breadcrumbs = page.locator("[data-controller=w-breadcrumbs]").first.inner_text()
    assert "Наши практики" in breadcrumbs and "Our practices" not in breadcrumbs

    subbotnik = Page.objects.get(slug="subbotnik", url_path__startswith="/moscow/")
    page.goto(f"{admin}/pages/{subbotnik.pk}/edit/")
    assert "Субботник" in page.locator("header").first.inner_text() and "Субботник" in page.title()
    # The breadcrumbs fold away in the edit form: what they read is there, open or not.
    breadcrumbs = page.locator("[data-controller=w-breadcrumbs]").first.text_content()
    assert "Наши практики" in breadcrumbs and "Добро пожаловать в NUMA Москва" in breadcrumbs
    assert "Our practices" not in breadcrumbs and "Welcome to NUMA Moscow" not in breadcrumbs
    screenshot(page, "titles-moscow-edit-header-ru")

    page.goto(f"{admin}/pages/search/?q=")
    results = page.locator("table.listing").inner_text()
    assert re.search(r"1–20 из \d+ страниц\b", results) and "None" not in results  # not "1-20 of 26 None"
    assert "Субботник" in results or "Первый визит" in results
    screenshot(page, "titles-moscow-search-ru")

    page.goto(f"{admin}/")
    screenshot(page, "titles-moscow-home-ru")


def test_a_coordinator_reads_the_matrix_and_a_space_in_russian(page, live_port, moscow_saved_in_a_mix):
    from sites.spaces.models import Space

    admin = sign_in(page, live_port, "titles-coordinator", PASSWORD)
    page.goto(f"{admin}/network/principles/")
    matrix = page.locator("table.socle-matrix").inner_text()
    for text in ("NUMA Москва", "Субботник", "Открытая смета", "Делать прозрачными деньги и информацию"):
        assert text in matrix
    for text in ("The subbotnik", "Open budget", "Make money and information transparent"):
        assert text not in matrix
    screenshot(page, "titles-matrix-ru")

    moscow = Space.objects.get(slug="moscow")
    page.goto(f"{admin}/network/spaces/{moscow.pk}/")
    assert "NUMA Москва" in page.locator("h1").inner_text()
    practices = page.locator("section[aria-labelledby=principles-title]").inner_text()
    assert "Субботник" in practices and "The subbotnik" not in practices
    screenshot(page, "titles-space-moscow-ru")


@pytest.fixture
def bangalore_editor(live_port, django_db_blocker):
    with django_db_blocker.unblock():
        make_person("titles-bangalore", "kn", "bangalore editors")
        wall = Page.objects.get(slug="intention-wall").specific
        original = wall.title_kn
        wall.title_kn = ""  # not translated into Kannada yet: Bangalore's default language, English
        with translation.override("hi"):  # saved last from a Hindi admin
            wall.save_revision().publish()
        yield wall
        wall = Page.objects.get(pk=wall.pk).specific
        wall.title_kn = original
        with translation.override("en"):
            wall.save_revision().publish()
        get_user_model().objects.filter(username="titles-bangalore").delete()


def test_a_bangalore_editor_reads_titles_in_kannada_else_in_english(page, live_port, bangalore_editor):
    admin = sign_in(page, live_port, "titles-bangalore", PASSWORD)
    practices = Page.objects.get(slug="practices", url_path__startswith="/bangalore/")
    page.goto(f"{admin}/pages/{practices.pk}/")
    listing = page.locator("table.listing").inner_text()
    assert "ನಾಲ್ಕು ಗಂಟೆಯ ಚಹಾ" in listing and "ಬೀದಿಗೆ ಕೊಂಡೊಯ್ಯಿರಿ" in listing
    assert "The intention wall" in listing  # its Kannada title is missing: English, Bangalore's default
    assert "इरादों की दीवार" not in listing  # not the Hindi its last editor saved it in
    assert "Tea at four" not in listing
    assert "ನಮ್ಮ ಆಚರಣೆಗಳು" in page.locator("h1").inner_text()
    screenshot(page, "titles-bangalore-explorer-kn")

    tea = Page.objects.get(slug="four-oclock-tea")
    page.goto(f"{admin}/pages/{tea.pk}/edit/")
    header = page.locator("header").first.inner_text()
    assert "ನಾಲ್ಕು ಗಂಟೆಯ ಚಹಾ" in header and "Tea at four" not in header
    breadcrumbs = page.locator("[data-controller=w-breadcrumbs]").first.text_content()
    assert "ನಮ್ಮ ಆಚರಣೆಗಳು" in breadcrumbs and "Our practices" not in breadcrumbs
    page.locator("[data-controller=w-breadcrumbs] button").first.click()  # unfolded, for the screenshot
    screenshot(page, "titles-bangalore-edit-header-kn")
