"""A space's editor changes a translation of the core that other open spaces publish too: it is a
proposal until a coordinator accepts it. A language only their space publishes goes live at once."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Revision

from sites.core.models import CoreTranslation, Principle
from sites.core.proposals import shared_languages
from sites.spaces.models import Space
from tests.helpers import add_bare_spaces, admin_form_data, client_for

pytestmark = pytest.mark.django_db
Status = CoreTranslation.Status

ENGLISH_FIX = "We learn not to think but to listen, together"
RUSSIAN = "Мы учимся не думать, а слушать — вместе"


def editor_of(slug: str, username: str | None = None):
    user = get_user_model().objects.create_user(username or f"{slug}-translator", password="pw")
    user.groups.add(Group.objects.get(name=f"{slug} editors"))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client, user


@pytest.fixture
def coordinator() -> Client:
    user = get_user_model().objects.create_superuser("coordinator", "c@example.org", "pw")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def edit_url(principle) -> str:
    return f"/admin/snippets/core/principle/edit/{principle.pk}/"


def save(client, principle, **changes):
    response = client.post(edit_url(principle), admin_form_data(client, edit_url(principle), **changes))
    assert response.status_code == 302, response.context["form"].errors
    return response


def propose_english(client, principle, text=ENGLISH_FIX):
    save(client, principle, statement_en=text)
    return CoreTranslation.objects.get(object_id=principle.pk, language="en", status=Status.PROPOSED)


def test_a_language_is_shared_when_another_open_space_publishes_it():
    moscow = Space.objects.get(slug="moscow")
    bangalore = Space.objects.get(slug="bangalore")
    assert shared_languages([moscow]) == {"fr", "en", "hi", "kn"}  # Paris fr, en; Bangalore en, hi, kn
    assert "ru" not in shared_languages([moscow]) and "kn" not in shared_languages([bangalore])

    # A space that is opening or closed shows no visitor anything: it shares no language ...
    [other] = add_bare_spaces(1, prefix="kazan")
    other.languages = "ru,kn"
    for status in (Space.Status.OPENING, Space.Status.CLOSED):
        other.status = status
        other.save()
        assert "ru" not in shared_languages([moscow]) and "kn" not in shared_languages([bangalore])
    # ... and once open it does (the positive control).
    other.status = Space.Status.OPEN
    other.save()
    assert "ru" in shared_languages([moscow]) and "kn" in shared_languages([bangalore])


def test_moscow_proposes_english_and_publishes_russian_directly(django_capture_on_commit_callbacks):
    client, user = editor_of("moscow")
    principle = Principle.objects.get(slug="listen")
    english_before = principle.statement_en
    with django_capture_on_commit_callbacks(execute=True):
        response = save(client, principle, statement_en=ENGLISH_FIX, statement_ru=RUSSIAN)
    principle.refresh_from_db()
    assert principle.statement_ru == RUSSIAN  # direct: only Moscow publishes Russian
    assert principle.statement_en == english_before  # shared: Paris and Bangalore publish English
    proposal = CoreTranslation.objects.get(object_id=principle.pk, language="en", translator=user)
    assert proposal.status == Status.PROPOSED and proposal.fields["statement_en"] == ENGLISH_FIX
    assert proposal.previous["statement_en"] == english_before
    direct = CoreTranslation.objects.get(object_id=principle.pk, language="ru", translator=user)
    assert direct.status == Status.DIRECT and direct.space.slug == "moscow"
    # Neither the live revision nor a later publication carries the proposal.
    assert ENGLISH_FIX not in str(Revision.objects.get(pk=principle.live_revision_id).content)
    messages = [str(message) for message in client.get(response.url).context["messages"]]
    assert any("proposed to the coordinators" in message for message in messages), messages

    # Visitors: Paris's English page still says what it said; Moscow's Russian page has the new text.
    paris = client_for("paris.localhost").get("/en/principles/").content.decode()
    assert english_before in paris and ENGLISH_FIX not in paris
    assert RUSSIAN in client_for("moscow.localhost").get("/ru/principles/").content.decode()


def test_the_form_tells_the_editor_before_saving_what_goes_to_review():
    client, _user = editor_of("moscow")
    principle = Principle.objects.get(slug="listen")
    response = client.get(edit_url(principle))
    html = response.content.decode()
    assert "When you save your translation:" in html
    assert "proposed to a coordinator" in html and "published at once" in html
    fields = response.context["form"].fields
    assert "NUMA Paris" in str(fields["statement_en"].help_text)  # who else publishes English
    assert "only your space publishes" in str(fields["statement_ru"].help_text)
    assert principle.statement_fr in str(fields["statement_ru"].help_text)  # the source, to read
    assert 'data-core-languages="ru,en"' in html  # the language picker opens on Moscow's languages

    coordinator_form = Client(HTTP_HOST="localhost")
    coordinator_form.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "pw"))
    assert "When you save your translation:" not in coordinator_form.get(edit_url(principle)).content.decode()


def test_a_stale_translation_shows_what_changed_in_the_source(django_capture_on_commit_callbacks):
    from sites.core.publishing import publish

    principle = Principle.objects.get(slug="listen")
    principle.statement_fr = principle.statement_fr + " attentivement"
    principle.change_note_fr = "Précision"
    principle.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(principle)
    client, _user = editor_of("moscow")
    help_text = str(client.get(edit_url(principle)).context["form"].fields["statement_ru"].help_text)
    assert "<ins>attentivement</ins>" in help_text and "version 1" in help_text


def test_a_coordinator_accepts_from_the_queue_once(coordinator, django_capture_on_commit_callbacks):
    client, user = editor_of("moscow")
    principle = Principle.objects.get(slug="listen")
    proposal = propose_english(client, principle)

    queue = coordinator.get("/admin/network/translations/").content.decode()
    assert "together</ins>" in queue and user.username in queue
    assert "1 translation proposed by a space waits for your review" in coordinator.get("/admin/").content.decode()

    revisions = Revision.objects.filter(object_id=str(principle.pk)).count()
    url = f"/admin/network/translations/{proposal.pk}/review/"
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(url, {"decision": "accept", "note": ""})
    again = coordinator.post(url, {"decision": "accept"}, follow=True)  # a double click
    assert any("already accepted" in str(message) for message in again.context["messages"])
    assert Revision.objects.filter(object_id=str(principle.pk)).count() == revisions + 1

    principle.refresh_from_db()
    proposal.refresh_from_db()
    assert principle.statement_en == ENGLISH_FIX and proposal.status == Status.ACCEPTED
    assert proposal.reviewed_by.username == "coordinator"
    assert ENGLISH_FIX in str(Revision.objects.get(pk=principle.live_revision_id).content)
    assert ENGLISH_FIX in client_for("paris.localhost").get("/en/principles/").content.decode()
    history = coordinator.get(f"/admin/core/principle/{principle.pk}/history/").content.decode()
    assert user.username in history and "accepted by coordinator" in history
    assert user.username in coordinator.get(edit_url(principle)).content.decode()  # the version panel


def test_an_editor_cannot_review_and_a_coordinator_can(coordinator):
    client, _user = editor_of("moscow")
    principle = Principle.objects.get(slug="listen")
    proposal = propose_english(client, principle)
    other, _ = editor_of("paris")
    for outsider in (client, other):
        assert outsider.get("/admin/network/translations/").status_code == 403
        refused = outsider.post(f"/admin/network/translations/{proposal.pk}/review/", {"decision": "accept"})
        assert refused.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED
    coordinator.post(f"/admin/network/translations/{proposal.pk}/review/", {"decision": "accept"})
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED


def test_a_rejection_with_a_note_goes_back_to_the_translator(coordinator):
    client, _user = editor_of("moscow")
    principle = Principle.objects.get(slug="listen")
    proposal = propose_english(client, principle)
    assert "waiting for review" in client.get("/admin/").content.decode()

    url = f"/admin/network/translations/{proposal.pk}/review/"
    no_note = coordinator.post(url, {"decision": "reject", "note": "  "}, follow=True)
    assert any("Write a note" in str(message) for message in no_note.context["messages"])
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED
    coordinator.post(url, {"decision": "reject", "note": "Keep “listen” first, as in Paris."})
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED

    home = client.get("/admin/").content.decode()
    assert "sent back to you" in home and "Keep “listen” first, as in Paris." in home
    form = client.get(edit_url(principle))
    assert "Keep “listen” first, as in Paris." in form.content.decode()
    assert form.context["form"].initial["statement_en"] == ENGLISH_FIX  # they revise what they wrote

    # Saving the rejected text unchanged (editing Russian only) proposes nothing again.
    save(client, principle, statement_ru=RUSSIAN)
    assert not CoreTranslation.objects.filter(object_id=principle.pk, status=Status.PROPOSED).exists()
    revised = propose_english(client, principle, text="Listening comes first: we learn not to think")
    proposal.refresh_from_db()
    assert proposal.status == Status.REVISED and revised.pk != proposal.pk
    assert "sent back to you" not in client.get("/admin/").content.decode()


def test_a_proposal_against_a_source_that_changed_is_flagged(coordinator):
    client, _user = editor_of("moscow")
    principle = Principle.objects.get(slug="listen")
    propose_english(client, principle)
    assert "The French source changed" not in coordinator.get("/admin/network/translations/").content.decode()
    Principle.objects.filter(pk=principle.pk).update(statement_fr="On apprend à écouter avant de penser")
    assert "The French source changed" in coordinator.get("/admin/network/translations/").content.decode()


def test_bangalore_writes_kannada_and_hindi_directly_and_proposes_english():
    client, user = editor_of("bangalore")
    principle = Principle.objects.get(slug="listen")
    kannada, hindi = "ನಾವು ಯೋಚಿಸುವುದಲ್ಲ, ಕೇಳುವುದನ್ನು ಕಲಿಯುತ್ತೇವೆ", "हम सोचना नहीं, ध्यान से सुनना सीखते हैं"
    save(client, principle, statement_kn=kannada, statement_hi=hindi)
    save(client, principle, statement_en=ENGLISH_FIX)
    principle.refresh_from_db()
    assert principle.statement_kn == kannada and principle.statement_hi == hindi
    assert principle.statement_en != ENGLISH_FIX
    statuses = dict(CoreTranslation.objects.filter(translator=user).values_list("language", "status"))
    assert statuses == {"kn": Status.DIRECT, "hi": Status.DIRECT, "en": Status.PROPOSED}


def test_accepting_while_a_coordinators_draft_waits_keeps_both(coordinator, django_capture_on_commit_callbacks):

    client, _user = editor_of("moscow")
    principle = Principle.objects.get(slug="listen")
    proposal = propose_english(client, principle)
    # A coordinator's draft (a new French statement) is saved but not published.
    draft = principle.latest_revision.as_object()
    draft.statement_fr = "On apprend à écouter avant de penser"
    draft.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(f"/admin/network/translations/{proposal.pk}/review/", {"decision": "accept"})
    principle.refresh_from_db()
    assert principle.statement_en == ENGLISH_FIX  # live at once
    assert principle.statement_fr != "On apprend à écouter avant de penser"  # the draft is still a draft
    assert principle.has_unpublished_changes
    latest = principle.latest_revision.as_object()
    assert latest.statement_fr == "On apprend à écouter avant de penser" and latest.statement_en == ENGLISH_FIX
    # Publishing the draft keeps the accepted translation.
    with django_capture_on_commit_callbacks(execute=True):
        principle.latest_revision.publish()
    principle.refresh_from_db()
    assert principle.statement_en == ENGLISH_FIX and principle.statement_fr.startswith("On apprend à écouter")


def test_a_proposal_accepted_against_an_older_source_stays_stale(coordinator):
    from sites.translation.state import STALE, translation_states

    client, _user = editor_of("moscow")
    principle = Principle.objects.get(slug="listen")
    proposal = propose_english(client, principle)
    Principle.objects.filter(pk=principle.pk).update(statement_fr="On apprend à écouter avant de penser")
    coordinator.post(f"/admin/network/translations/{proposal.pk}/review/", {"decision": "accept"})
    principle.refresh_from_db()
    assert principle.statement_en == ENGLISH_FIX
    assert translation_states(principle, ["en"]) == {"en": STALE}  # written against the earlier French


def test_a_values_shared_translation_is_a_proposal_too():
    from sites.core.models import Value

    client, user = editor_of("moscow")
    value = Value.objects.get(slug="ouverture")
    url = f"/admin/snippets/core/value/edit/{value.pk}/"
    before = value.meaning_en
    response = client.post(url, admin_form_data(client, url, meaning_en="Open to everyone, every day"))
    assert response.status_code == 302, response.context["form"].errors
    value.refresh_from_db()
    assert value.meaning_en == before
    assert CoreTranslation.objects.get(object_id=value.pk, translator=user).fields == {
        "meaning_en": "Open to everyone, every day",
        "word_en": value.word_en,
    }
