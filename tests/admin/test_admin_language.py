"""The screens an editor works in every day read in their admin language, Socle's and Wagtail's words alike.

A Moscow editor reads the admin in Russian, a Bangalore editor in Kannada or Hindi, a Paris editor in
French. Wagtail has no Kannada catalog and almost no Hindi one: the messages those screens show are
translated in Socle's catalogs (``sites/translation/admin_messages.py``). ``untranslated`` reports a
text of the screen that is one of the interface's English messages.
"""

import json

import pytest
from wagtail.models import Page

from playbook.models import ChecklistStep
from sites.core.models import Adoption, PracticePage, Principle
from sites.events.models import EventPage
from sites.spaces.models import Space
from tests.admin.untranslated import untranslated
from tests.helpers import admin_client_of

pytestmark = pytest.mark.django_db

# Wagtail writes these in its templates without marking them for translation (screen readers' names
# of two button bars, the locked pages report's "Locked at <date>"); "None" is a hidden counter
# Wagtail renders from an empty value.
NOT_TRANSLATABLE = {"Actions", "Actions (footer)", "Locked at", "None"}


def editor_of(slug: str, language: str):
    return admin_client_of(f"{slug}-{language}-editor", [f"{slug} editors", f"{slug} moderators"], language)


def daily_screens(slug: str) -> list[str]:
    """The dashboard with the to-do, the explorer, the page editor, the core's listings and editor,
    the space's records, media and reports, its site's identity."""
    space = Space.objects.select_related("site__root_page").get(slug=slug)
    home = space.site.root_page
    practice = PracticePage.objects.descendant_of(home).first()
    event = EventPage.objects.descendant_of(home).first()
    return [
        "/admin/", f"/admin/pages/{home.pk}/", f"/admin/pages/{practice.get_parent().pk}/",
        f"/admin/pages/{home.pk}/edit/", f"/admin/pages/{practice.pk}/edit/", f"/admin/pages/{event.pk}/edit/",
        f"/admin/pages/{practice.pk}/history/", f"/admin/pages/add/core/practicepage/{practice.get_parent().pk}/",
        "/admin/pages/search/?q=a", "/admin/snippets/core/principle/", "/admin/snippets/core/value/",
        f"/admin/snippets/core/principle/edit/{Principle.objects.first().pk}/",
        "/admin/adoptions/", f"/admin/adoptions/edit/{Adoption.objects.filter(space=space).first().pk}/",
        "/admin/checklist/", f"/admin/checklist/edit/{ChecklistStep.objects.filter(space=space).first().pk}/",
        "/admin/practices/peers/", "/admin/network-events/", "/admin/images/", "/admin/documents/",
        "/admin/reports/locked/", "/admin/reports/site-history/", "/admin/reports/aging-pages/",
        "/admin/settings/identity/spaceidentity/",
    ]  # fmt: skip


@pytest.mark.parametrize("slug,language", [("moscow", "ru"), ("bangalore", "kn"), ("bangalore", "hi"),
                                           ("paris", "fr")])  # fmt: skip
def test_the_daily_screens_show_no_english_message(slug, language):
    client = editor_of(slug, language)
    titles = set(Page.objects.values_list("title", flat=True))  # content, not interface
    left = {}
    for url in daily_screens(slug):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        found = [
            text for text in untranslated(response.content.decode(), titles, language) if text not in NOT_TRANSLATABLE
        ]
        if found:
            left[url] = found
    assert not left


def test_the_finder_sees_english_left_on_a_screen():
    """The positive control: the same screen in English shows the messages the test looks for."""
    html = editor_of("moscow", "en").get("/admin/snippets/core/principle/").content.decode()
    found = untranslated(html)
    assert {"Principles", "Status", "Updated", "Home"} <= set(found)


@pytest.mark.parametrize(
    "language,words", [("ru", "Показать / изменить поля на языках"), ("kn", "ಈ ಭಾಷೆಗಳ ಕ್ಷೇತ್ರಗಳನ್ನು ನೋಡಿ / ಸಂಪಾದಿಸಿ"),
                       ("hi", "इन भाषाओं के फ़ील्ड देखें / संपादित करें"), ("fr", "Voir / modifier les champs en")],
)  # fmt: skip
def test_the_language_toggle_reads_in_the_editors_language(language, words):
    """wagtail-modeltranslation's toggle label is written into a script: translated, and still a valid string."""
    home = Space.objects.get(slug="moscow").site.root_page
    html = editor_of("moscow", language).get(f"/admin/pages/{home.pk}/edit/").content.decode()
    assert f"viewEditString: '{words}'" in html
    assert "View / edit fields for" not in html


def test_menu_items_titles_and_breadcrumbs_say_the_same_name():
    """Adopted principles: the menu said "Our principles" and the screen "Adoptions" ("Наши принципы" / "Принятия")."""
    client = editor_of("moscow", "ru")
    listing = client.get("/admin/adoptions/").content.decode()
    assert "Принятые принципы" in listing and "<title>Принятые принципы" in listing
    adoption = Adoption.objects.filter(space__slug="moscow").first()
    edit = client.get(f"/admin/adoptions/edit/{adoption.pk}/").content.decode()
    assert 'href="/admin/adoptions/"' in edit and "Принятые принципы" in edit  # the breadcrumb back
    assert "Принятия" not in listing + edit


@pytest.mark.parametrize(
    "language,words",
    [("kn", ["ಹುಡುಕಿ", "ಎಲ್ಲವನ್ನೂ ಮಡಚಿ", "ಬ್ಲಾಕ್ ಸೇರಿಸಿ"]), ("hi", ["खोजें", "सब समेटें", "ब्लॉक डालें"]),
     ("ru", ["Поиск", "Свернуть все"])],
)  # fmt: skip
def test_the_admin_scripts_read_in_the_editors_language(language, words):
    """The sidebar's "Search", the editor's "Collapse all" and "Insert a block" come from the scripts'
    catalog, which Wagtail has in no Indian language: Socle's (sites/translation/admin_messages.js) serves them."""
    script = editor_of("bangalore", language).get("/admin/jsi18n/").content.decode()
    for text in words:
        assert json.dumps(text) in script, text


def test_the_help_menu_reads_in_each_readers_language_whoever_came_first():
    """Wagtail fixes its "What's new" label in the first reader's language; Socle labels it per reader."""
    english = editor_of("moscow", "en").get("/admin/").content.decode()
    assert "What's new in Wagtail" in english
    russian = editor_of("moscow", "ru").get("/admin/").content.decode()
    assert json.dumps("Что нового в Wagtail")[1:-1] in russian  # in the sidebar's JSON
    assert "What's new in Wagtail" not in russian
