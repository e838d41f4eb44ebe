"""The core's names in the admin and in emails: the reader's language, else the French source."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test.utils import override_settings
from django.utils import translation
from wagtail.users.models import UserProfile

from sites.core.models import Principle
from sites.core.publishing import publish
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def editor(username: str, space: str, language: str, email: str = ""):
    user = get_user_model().objects.create_user(username, email, "pw")
    user.groups.add(Group.objects.get(name=f"{space} editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def test_a_core_name_missing_in_the_readers_language_is_shown_in_french_not_english():
    principle = Principle.objects.get(slug="listen")
    principle.statement_kn = ""
    principle.save()
    with translation.override("kn"):
        assert str(principle) == "On apprend à ne pas penser mais à écouter"
        assert principle.statement == "On apprend à ne pas penser mais à écouter"  # the listings' column too
        assert principle.admin_name().language == "fr" and principle.admin_name().is_fallback
    with translation.override("ru"):
        assert str(principle) == "Мы учимся не думать, а слушать"


def test_a_coordinators_draft_is_headed_in_the_readers_language_not_the_coordinators():
    principle = Principle.objects.get(slug="listen")
    coordinator = get_user_model().objects.create_superuser("coord-fr", "c@example.org", "pw")
    with translation.override("fr"):
        principle.statement_fr = "On apprend à écouter"
        principle.statement_ru = "Мы учимся слушать"
        principle.save_revision(user=coordinator)  # a draft, in the French admin
    principle.refresh_from_db()
    assert principle.latest_revision.object_str == "On apprend à écouter"  # what Wagtail would show
    reader = editor("moscow-core-ru", "moscow", "ru")
    client = client_for("localhost")
    client.force_login(reader)
    html = client.get(f"/admin/snippets/core/principle/edit/{principle.pk}/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert "Мы учимся слушать" in header and "On apprend à écouter" not in header


@override_settings(SOCLE_NOTIFY_BY_EMAIL=True)
def test_each_editor_is_emailed_in_their_own_language(django_capture_on_commit_callbacks, mailoutbox):
    editor("olga", "moscow", "", "olga@example.org")  # no preference: Moscow's language
    editor("anna", "moscow", "en", "anna@example.org")
    editor("kavya", "bangalore", "kn", "kavya@example.org")
    principle = Principle.objects.get(slug="transparency")
    principle.statement_fr += " (v2)"
    principle.statement_ru += " (v2)"
    principle.statement_en += " (v2)"
    principle.statement_kn = ""  # not translated into Kannada yet: Kavya reads the French source
    principle.change_note_fr, principle.change_note_ru = "Plus clair", "Яснее"
    principle.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(principle)
    sent = {message.to[0]: message for message in mailoutbox}
    assert set(sent) == {"olga@example.org", "anna@example.org", "kavya@example.org"}
    assert (
        sent["olga@example.org"].subject
        == "[Сеть NUMA] Обновление принципа на проверку: Делать прозрачными деньги и информацию (v2)"
    )
    assert "Яснее" in sent["olga@example.org"].body
    assert (
        sent["anna@example.org"].subject
        == "[NUMA Network] Principle update to review: Make money and information transparent (v2)"
    )
    assert "Plus clair" in sent["anna@example.org"].body  # no English note: the French one
    kavya = sent["kavya@example.org"]
    assert "Rendre transparents l'argent et l'information (v2)" in kavya.subject
    assert kavya.subject.startswith("[NUMA ಜಾಲ] ಪರಿಶೀಲನೆಗಾಗಿ ತತ್ವದ ನವೀಕರಣ")


def test_other_spaces_practices_are_named_by_their_published_title_in_the_readers_language_else_theirs():
    from sites.core.models import PracticePage

    colunch = PracticePage.objects.get(slug="colunch")
    with translation.override("en"):
        colunch.title_fr = "Brouillon pas encore publié"
        colunch.save_revision()  # Paris's draft: Paris's own business
    client = client_for("localhost")
    client.force_login(editor("moscow-peers-ru", "moscow", "ru"))
    html = client.get("/admin/practices/peers/").content.decode()
    colunch.refresh_from_db()
    assert colunch.title_ru in (None, "")  # Paris writes French and English: Paris's default is shown
    assert f'<span lang="fr">{colunch.title_fr}</span>' in html  # marked for screen readers
    assert "Brouillon pas encore publié" not in html and colunch.title_en not in html
    assert "Делать прозрачными деньги и информацию" in html or "Доверять уму" in html
