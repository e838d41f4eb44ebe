"""Spaces' editors translate the network core in their own admin language: Moscow proposes an English
fix (Paris and Bangalore publish English too) and writes Russian directly; a coordinator accepts the
proposal from the dashboard's queue; Bangalore writes Kannada, and Hindi, directly."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.helpers import remove_committed_principle

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

ENGLISH_FIX = "Listen before deciding, always"
RUSSIAN = "Слушать, прежде чем решать, — всегда"
KANNADA = "ನಿರ್ಧರಿಸುವ ಮೊದಲು ಆಲಿಸಿ"
HINDI = "निर्णय लेने से पहले सुनें"


@pytest.fixture
def principle(live_port, django_db_blocker):
    """A principle the network just published in French, English and Russian (then removed)."""
    from sites.core.models import Principle, Value
    from sites.sync.models import Change

    with django_db_blocker.unblock():
        changes_before = set(Change.objects.values_list("pk", flat=True))
        principle = Principle.objects.create(
            slug="browser-translate",
            statement_fr="Écouter avant de décider",
            statement_en="Listen before deciding",
            statement_ru="Слушать, прежде чем решать",
        )
        principle.values.set(Value.objects.all()[:1])  # a principle serves at least one value
        principle.save()
        principle.save_revision().publish()
        yield Principle.objects.get(pk=principle.pk)
        remove_committed_principle(principle, changes_before)
        get_user_model().objects.filter(username__startswith="translator-").delete()


def editor(django_db_blocker, space: str, language: str) -> str:
    from wagtail.users.models import UserProfile

    username = f"translator-{space}-{language}"
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(username, password="editor-pass")
        user.groups.add(Group.objects.get(name=f"{space} editors"))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return username


def shown_languages(page) -> list[str]:
    return [toggle.inner_text().lower() for toggle in page.locator(".locale-toggle.showing-locale").all()]


def save(page, admin: str):
    with page.expect_navigation():
        page.locator("footer button.action-save").click()
    return page.locator(".messages").inner_text()


def test_moscow_proposes_english_writes_russian_and_a_coordinator_accepts(
    page, browser, live_port, principle, django_db_blocker
):
    from sites.core.models import CoreTranslation, Principle

    admin = sign_in(page, live_port, editor(django_db_blocker, "moscow", "ru"), "editor-pass")
    page.goto(f"{admin}/snippets/core/principle/edit/{principle.pk}/")
    assert sorted(shown_languages(page)) == ["en", "ru"]  # Moscow's languages, not the network's fr/en
    assert not page.locator("#id_statement_fr").is_visible()
    guide = page.locator(".socle-translation-guide").inner_text()
    assert "Русский" in guide and "Английский" in guide and "NUMA Paris" in guide
    # The French source is read above each of Moscow's fields, with where each goes when saved.
    assert page.locator(".socle-source", has_text="Écouter avant de décider").first.is_visible()
    assert page.locator(".socle-route--direct").first.is_visible()
    assert page.locator(".socle-route--review").first.is_visible()
    page.fill("#id_statement_en", ENGLISH_FIX)
    page.fill("#id_statement_ru", RUSSIAN)
    screenshot(page, "core-translation-moscow-ru-form")
    said = save(page, admin)
    screenshot(page, "core-translation-moscow-ru-saved")
    assert "Английский" in said and "Русский" in said, said

    with django_db_blocker.unblock():
        live = Principle.objects.get(pk=principle.pk)
        assert live.statement_ru == RUSSIAN and live.statement_en == "Listen before deciding"
        proposal = CoreTranslation.objects.get(object_id=principle.pk, language="en", status="proposed")

    page.goto(f"http://paris.localhost:{live_port}/en/principles/")
    assert ENGLISH_FIX not in page.content()
    page.goto(f"{admin}/")
    assert RUSSIAN in page.locator(".socle-waiting").inner_text()  # its title in the reader's language
    screenshot(page, "core-translation-moscow-ru-todo")

    coordinator_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser("translator-coordinator", "c@example.org", "editor-pass")
    admin = sign_in(coordinator_page, live_port, "translator-coordinator", "editor-pass")
    coordinator_page.get_by_role("link", name="translation proposed by a space waits for your review").first.click()
    article = coordinator_page.locator(f"article[aria-labelledby=proposal-{proposal.pk}]")
    assert "always</ins>" in article.inner_html()
    screenshot(coordinator_page, "core-translation-coordinator-queue")
    with coordinator_page.expect_navigation():
        article.get_by_role("button", name="Accept and publish").click()
    assert "accepted and published" in coordinator_page.locator(".messages").inner_text()
    screenshot(coordinator_page, "core-translation-coordinator-accepted")

    coordinator_page.goto(f"http://paris.localhost:{live_port}/en/principles/")
    assert ENGLISH_FIX in coordinator_page.content()
    coordinator_page.goto(f"{admin}/core/principle/{principle.pk}/history/")
    history = coordinator_page.locator(".socle-translators").inner_text()
    assert "translator-moscow-ru" in history and "accepted by translator-coordinator" in history
    coordinator_page.context.close()


@pytest.mark.parametrize(("language", "text"), [("kn", KANNADA), ("hi", HINDI)])
def test_bangalore_writes_its_own_language_directly(page, live_port, principle, django_db_blocker, language, text):
    from sites.core.models import CoreTranslation, Principle

    admin = sign_in(page, live_port, editor(django_db_blocker, "bangalore", language), "editor-pass")
    page.goto(f"{admin}/snippets/core/principle/edit/{principle.pk}/")
    assert sorted(shown_languages(page)) == ["en", "hi", "kn"]
    assert page.locator("html").get_attribute("lang") == language
    page.fill(f"#id_statement_{language}", text)
    screenshot(page, f"core-translation-bangalore-{language}-form")
    save(page, admin)
    screenshot(page, f"core-translation-bangalore-{language}-saved")
    with django_db_blocker.unblock():
        assert getattr(Principle.objects.get(pk=principle.pk), f"statement_{language}") == text
        assert CoreTranslation.objects.get(object_id=principle.pk, language=language).status == "direct"
    page.goto(f"http://bangalore.localhost:{live_port}/{language}/principles/")
    assert text in page.content()


def test_two_coordinators_accepting_at_once_publish_it_once(principle, django_db_blocker):
    """Two real transactions at the same moment (two coordinators, or a double click): one accepts,
    the other is told it is done; one revision, the translation once."""
    import threading

    from django.db import connection
    from django.test import Client
    from wagtail.models import Revision

    from sites.core.models import CoreTranslation, Principle
    from sites.core.proposals import propose

    with django_db_blocker.unblock():
        translator = get_user_model().objects.create_user("translator-race")
        proposal = propose(principle, "en", {"statement_en": ENGLISH_FIX}, translator)
        revisions = Revision.objects.filter(object_id=str(principle.pk)).count()
        coordinators = [
            get_user_model().objects.create_superuser(f"translator-coordinator-{n}", f"c{n}@example.org", "pw")
            for n in range(2)
        ]
    start, told = threading.Barrier(2), []

    def review(user):
        with django_db_blocker.unblock():
            client = Client(HTTP_HOST="localhost")
            client.force_login(user)
            start.wait()
            response = client.post(f"/admin/network/translations/{proposal.pk}/review/", {"decision": "accept"})
            told.extend(str(message) for message in response.wsgi_request._messages)
            connection.close()

    threads = [threading.Thread(target=review, args=(user,)) for user in coordinators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    with django_db_blocker.unblock():
        assert Revision.objects.filter(object_id=str(principle.pk)).count() == revisions + 1
        assert Principle.objects.get(pk=principle.pk).statement_en == ENGLISH_FIX
        assert CoreTranslation.objects.get(pk=proposal.pk).status == "accepted"
    assert sorted("already accepted" in message for message in told) == [False, True], told
