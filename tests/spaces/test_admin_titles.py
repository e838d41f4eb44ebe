"""Titles in the admin are in the reader's admin language, whoever saved the page last and in
whatever language their admin was; else in the page's space's default language."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from sites.spaces.admin_titles import admin_title
from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def moscow_page(slug: str) -> Page:
    root = Space.objects.get(slug="moscow").site.root_page
    return Page.objects.descendant_of(root, inclusive=True).get(slug=slug).specific


def person(username: str, group: str, language: str):
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def admin_client(user):
    client = client_for("localhost")
    client.force_login(user)
    return client


def publish_from_admin_in(language: str, page: Page, user, **titles) -> None:
    """What the edit form does: the instance's fields set, a revision saved and published, while the
    editor's admin language is active (which ``draft_title`` takes its value from)."""
    with translation.override(language):
        for field, value in titles.items():
            setattr(page, field, value)
        page.save_revision(user=user).publish(user=user)


@pytest.fixture
def moscow_editor():
    return person("moscow-titles-ru", "moscow editors", "ru")


@pytest.fixture
def saved_in_both_languages(moscow_editor):
    """ "Your first visit" last saved from an English admin, "The subbotnik" from a Russian one."""
    publish_from_admin_in("en", moscow_page("first-visit"), moscow_editor)
    publish_from_admin_in("ru", moscow_page("subbotnik"), moscow_editor)
    first, subbotnik = moscow_page("first-visit"), moscow_page("subbotnik")
    assert (first.draft_title, subbotnik.draft_title) == ("Your first visit", "Субботник")  # Wagtail's mix
    return first, subbotnik


def test_pages_saved_last_in_english_and_in_russian_both_read_in_the_readers_language(saved_in_both_languages):
    first, subbotnik = saved_in_both_languages
    with translation.override("ru"):
        assert [first.get_admin_display_title(), subbotnik.get_admin_display_title()] == ["Первый визит", "Субботник"]
    with translation.override("en"):
        assert [first.get_admin_display_title(), subbotnik.get_admin_display_title()] == [
            "Your first visit",
            "The subbotnik",
        ]


def test_the_explorer_lists_a_russian_editors_pages_in_russian_and_an_english_readers_in_english(
    saved_in_both_languages, moscow_editor
):
    practices = moscow_page("practices")
    russian = admin_client(moscow_editor).get(f"/admin/pages/{practices.pk}/").content.decode()
    assert "Субботник" in russian and "Встреча у гардероба" in russian
    assert "The subbotnik" not in russian and "Welcome at the cloakroom" not in russian
    english_reader = person("moscow-titles-en", "moscow editors", "en")
    english = admin_client(english_reader).get(f"/admin/pages/{practices.pk}/").content.decode()
    assert "The subbotnik" in english and "Welcome at the cloakroom" in english
    assert "Субботник" not in english


def test_breadcrumbs_and_the_edit_header_are_in_the_readers_language(saved_in_both_languages, moscow_editor):
    subbotnik = moscow_page("subbotnik")
    publish_from_admin_in("en", moscow_page("practices"), moscow_editor)
    publish_from_admin_in("en", moscow_page("moscow"), moscow_editor)
    html = admin_client(moscow_editor).get(f"/admin/pages/{subbotnik.pk}/edit/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert "Субботник" in header and "Наши практики" in header and "Добро пожаловать в NUMA Москва" in header
    assert "Our practices" not in header and "Welcome to NUMA Moscow" not in header
    english_reader = person("moscow-titles-en", "moscow editors", "en")
    html = admin_client(english_reader).get(f"/admin/pages/{subbotnik.pk}/edit/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert "The subbotnik" in header and "Our practices" in header and "Субботник" not in header


def test_a_draft_title_shows_in_the_readers_language_before_it_is_published(moscow_editor):
    page = moscow_page("shared-tea")
    with translation.override("en"):
        page.title_ru, page.title_en = "Чай на всех", "Tea for everyone"
        page.save_revision(user=moscow_editor)  # a draft, not published
    page = moscow_page("shared-tea")
    assert (page.title_ru, page.has_unpublished_changes) == ("Общий чай", True)  # the live title is unchanged
    assert admin_title(page, "ru").text == "Чай на всех"
    assert admin_title(page, "en").text == "Tea for everyone"
    practices = moscow_page("practices")
    assert "Чай на всех" in admin_client(moscow_editor).get(f"/admin/pages/{practices.pk}/").content.decode()


def test_a_title_missing_in_the_readers_language_is_shown_in_the_spaces_default(moscow_editor):
    page = moscow_page("about")
    page.title_en = ""
    page.save()
    with translation.override("en"):
        assert admin_title(page).text == "Почему не копия Парижа"
        assert admin_title(page).is_fallback and admin_title(page).language == "ru"
    with translation.override("fr"):
        # Not the network's first fallback (English) but Moscow's own default language.
        assert moscow_page("first-visit").get_admin_display_title() == "Первый визит"
    bangalore = Space.objects.get(slug="bangalore").site.root_page.specific
    with translation.override("kn"):
        assert bangalore.get_admin_display_title() == bangalore.title_kn
    bangalore.title_kn = ""
    bangalore.save()
    with translation.override("kn"):
        assert bangalore.get_admin_display_title() == bangalore.title_en  # Bangalore's default


def explorer_queries(client, page_id: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/admin/pages/{page_id}/")
    assert response.status_code == 200
    return len(captured)


def test_the_explorer_costs_no_query_per_page_for_titles_drafts_or_not(moscow_editor):
    client = admin_client(moscow_editor)
    events = moscow_page("events")
    children = list(Page.objects.child_of(events).specific())
    client.get(f"/admin/pages/{events.pk}/")  # caches warmed
    with_no_draft = explorer_queries(client, events.pk)
    children[0].save_revision(user=moscow_editor)
    with_one_draft = explorer_queries(client, events.pk)
    for child in children[1:]:
        with translation.override("en"):
            child.title_ru = f"{child.title_ru} (черновик)"
            child.save_revision(user=moscow_editor)
    html = client.get(f"/admin/pages/{events.pk}/").content.decode()
    assert html.count("(черновик)") >= len(children) - 1
    with_every_draft = explorer_queries(client, events.pk)
    assert len(children) >= 6
    assert with_every_draft == with_one_draft, (with_no_draft, with_one_draft, with_every_draft)


def test_the_page_search_says_how_many_pages_it_found_in_the_readers_language(moscow_editor):
    html = admin_client(moscow_editor).get("/admin/pages/search/", {"q": ""}).content.decode()
    header = re.search(r"(\d+)–(\d+) из (\d+) (страниц[аы]?)", html)
    assert header, html[html.find("<table") : html.find("<table") + 2000]
    first, last, count, word = header.groups()
    assert (first, last) == ("1", "20") and int(count) > 20 and word == "страниц"  # "из 25 страниц"
    assert "None" not in html[header.start() : header.end() + 100]


def test_the_site_history_names_pages_in_the_readers_language_not_the_actors(moscow_editor):
    subbotnik = moscow_page("subbotnik")
    with translation.override("en"):
        subbotnik.save_revision(user=moscow_editor, log_action=True).publish(user=moscow_editor)
    coordinator = get_user_model().objects.create_superuser("coord-ru", "c@example.org", "pw")
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "ru"})
    html = admin_client(coordinator).get("/admin/reports/site-history/").content.decode()
    listing = html[html.index('class="listing') :]
    rows = listing[listing.index("<tbody") : listing.index("</tbody>")]
    assert "Субботник" in rows and "The subbotnik" not in rows


def test_choosers_search_reports_and_history_title_pages_in_the_readers_language(
    saved_in_both_languages, moscow_editor
):
    first, subbotnik = saved_in_both_languages
    subbotnik.save_revision(user=moscow_editor, log_action=True)  # a draft too
    practices = moscow_page("practices")
    coordinator = get_user_model().objects.create_superuser("coord-ru-reports", "r@example.org", "pw")
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "ru"})
    Page.objects.filter(pk=subbotnik.pk).update(locked=True, locked_by=coordinator, locked_at=timezone.now())
    client = admin_client(coordinator)
    urls = [
        f"/admin/pages/{practices.pk}/?q=Суб",  # searching the explorer, by the Russian title, saved last in English
        "/admin/pages/search/?q=Суб",
        f"/admin/choose-page/{practices.pk}/",
        "/admin/choose-page/search/?q=Суб",
        f"/admin/pages/{subbotnik.pk}/history/",
        "/admin/reports/locked/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        is_json = response.headers["Content-Type"].startswith("application/json")
        html = response.json()["html"] if is_json else response.content.decode()
        assert "Субботник" in html and "The subbotnik" not in html, url


def test_a_moderator_is_notified_by_email_with_the_title_in_their_own_language(
    saved_in_both_languages, moscow_editor, django_capture_on_commit_callbacks, mailoutbox
):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    moderator = person("moscow-moderator-ru", "moscow moderators", "ru")
    moderator.email = "mod@example.org"
    moderator.save()
    workflow = Workflow.objects.create(name="Moscow review")
    task = GroupApprovalTask.objects.create(name="Moscow check")
    task.groups.set([Group.objects.get(name="moscow moderators")])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    first = moscow_page("first-visit")  # saved last from an English admin
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        first.save_revision(user=moscow_editor)
        workflow.start(first, moscow_editor)
    to_moderator = [message for message in mailoutbox if message.to == ["mod@example.org"]]
    assert to_moderator, [message.to for message in mailoutbox]
    assert "Первый визит" in to_moderator[0].subject + to_moderator[0].body
    assert "Your first visit" not in to_moderator[0].subject + to_moderator[0].body
