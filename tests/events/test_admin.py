"""Local editors curate the network events shared with their space, and share their own events."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from sites.events.models import EventIndexPage, EventPage, RelayedEvent
from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def editor(slug: str) -> Client:
    user, _created = get_user_model().objects.get_or_create(username=f"{slug}-editor")
    user.groups.add(Group.objects.get(name=f"{slug} editors"))
    client = Client()
    client.force_login(user)
    return client


def living_lab_in(space: str) -> RelayedEvent:
    return RelayedEvent.objects.get(
        space__slug=space, origin_space__slug="paris", texts__title__en__startswith="Living"
    )


def test_an_editor_sees_only_their_own_spaces_network_events():
    html = editor("bangalore").get("/admin/network-events/").content.decode()
    assert "Cobalt BLR" in html and "NUMA Moscow" not in html.split("<main", 1)[-1].split("NUMA Paris")[0]
    assert 'data-curation="awaiting"' in html and "Living Lab: an open visit for the network" in html
    assert "Cobalt BLR launch" not in html  # Bangalore's own event is not curated here


def test_accepting_then_hiding_changes_what_the_calendar_shows():
    bangalore = editor("bangalore")
    relay = living_lab_in("bangalore")
    assert relay.curation == "awaiting"
    assert "Living Lab" not in client_for("bangalore.localhost").get("/en/network-calendar/").content.decode()

    assert bangalore.post(f"/admin/network-events/{relay.pk}/accept/").status_code == 302
    relay.refresh_from_db()
    assert relay.curation == "accepted" and relay.curated_by.username == "bangalore-editor"
    assert "Living Lab" in client_for("bangalore.localhost").get("/en/network-calendar/").content.decode()

    bangalore.post(f"/admin/network-events/{relay.pk}/hide/")
    assert "Living Lab" not in client_for("bangalore.localhost").get("/en/network-calendar/").content.decode()


def test_an_editor_cannot_curate_another_spaces_listing():
    relay = living_lab_in("moscow")
    # Another space's listing: the admin does not even tell it exists.
    assert editor("bangalore").post(f"/admin/network-events/{relay.pk}/hide/").status_code == 404
    relay.refresh_from_db()
    assert relay.curation == "accepted"
    assert editor("bangalore").get(f"/admin/network-events/{relay.pk}/hide/").status_code == 404


def test_an_editor_chooses_how_their_space_receives_network_events():
    moscow = Space.objects.get(slug="moscow")
    response = editor("moscow").post(f"/admin/network-events/spaces/{moscow.pk}/setting/", {"network_events": "review"})
    assert response.status_code == 302
    moscow.refresh_from_db()
    assert moscow.network_events == "review"
    paris = Space.objects.get(slug="paris")
    refused = editor("moscow").post(f"/admin/network-events/spaces/{paris.pk}/setting/", {"network_events": "review"})
    assert refused.status_code == 404  # another space's setting: not told it exists
    paris.refresh_from_db()
    assert paris.network_events == "accept"


def event_form(space_slug: str, **fields) -> dict:
    data = {
        f"title_{Space.objects.get(slug=space_slug).default_language}": "Шеринг",
        "slug": "shared",
        "start": "2026-12-03 19:00",
        "end": "2026-12-03 21:00",
        "time_zone": "",
        "online_url": "https://example.org/live",
        "scope": "local",
        "action-publish": "publish",
    }
    data.update(fields)
    return data


def add_event(client: Client, space_slug: str, **fields):
    index = EventIndexPage.objects.get(url_path=f"/{space_slug}/events/")
    return client.post(f"/admin/pages/add/events/eventpage/{index.pk}/", event_form(space_slug, **fields))


def test_sharing_with_chosen_spaces_without_choosing_any_is_refused_with_the_reason():
    response = add_event(editor("moscow"), "moscow", scope="chosen")
    assert response.status_code == 200
    assert "Choose at least one space to share this event with" in response.content.decode()
    assert not EventPage.objects.filter(slug="shared").exists()


def test_an_event_shared_with_chosen_spaces_offers_only_the_other_spaces():
    html = (
        editor("moscow")
        .get(f"/admin/pages/add/events/eventpage/{EventIndexPage.objects.get(url_path='/moscow/events/').pk}/")
        .content.decode()
    )
    paris, moscow = Space.objects.get(slug="paris"), Space.objects.get(slug="moscow")
    assert f'name="target_spaces" value="{paris.pk}"' in html
    assert f'name="target_spaces" value="{moscow.pk}"' not in html


def test_an_event_may_be_shared_with_chosen_spaces_of_a_linked_install_alone(django_capture_on_commit_callbacks):
    from sites.federation.models import Link, RemoteSpace
    from tests.federation.test_signed_inbox import Install

    add_page = f"/admin/pages/add/events/eventpage/{EventIndexPage.objects.get(url_path='/paris/events/').pk}/"
    assert 'name="target_remote_spaces"' not in editor("paris").get(add_page).content.decode()  # no linked install
    link = Install().link(role=Link.Role.MEMBER, name="NUMA Moscow", address="https://numa.example.ru")
    tver = RemoteSpace.objects.create(link=link, hostname="tver.numa.example.ru", slug="numa-tver",
                                      name="NUMA Tver", city="Tver", country="RU", time_zone="Europe/Moscow",
                                      languages=["ru"])  # fmt: skip
    html = editor("paris").get(add_page).content.decode()
    assert f'name="target_remote_spaces" value="{tver.pk}"' in html and "NUMA Tver" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = add_event(editor("paris"), "paris", scope="chosen", target_remote_spaces=[tver.pk],
                             title_fr="Pour Tver")  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="shared")
    assert list(event.target_remote_spaces.all()) == [tver] and not event.target_spaces.exists()
    # Once the link is revoked, its spaces are no longer offered.
    Link.objects.filter(pk=link.pk).update(state=Link.State.REVOKED)
    assert 'name="target_remote_spaces"' not in editor("paris").get(add_page).content.decode()


def test_times_are_typed_in_the_venues_zone(django_capture_on_commit_callbacks):
    paris = Space.objects.get(slug="paris")
    with django_capture_on_commit_callbacks(execute=True):
        response = add_event(
            editor("moscow"), "moscow", scope="chosen", target_spaces=[paris.pk], time_zone="Europe/Paris"
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="shared")
    assert event.start == datetime(2026, 12, 3, 18, 0, tzinfo=UTC)  # 19:00 in Paris, not in Moscow
    listing = RelayedEvent.objects.get(origin_event_id=event.pk)
    assert listing.space == paris and listing.time_zone == "Europe/Paris"
    assert timezone.is_aware(listing.start)


def test_the_edit_form_shows_the_venues_wall_clock_and_saving_it_unchanged_keeps_the_time():
    event = EventPage.objects.get(slug="webinar-shared-principles")
    client = editor("moscow")
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    local = event.start.astimezone(ZoneInfo("Europe/Moscow"))
    assert f'value="{local:%Y-%m-%d %H:%M}"' in html  # 19:00 in Moscow, not the UTC hour
    form = event_form(
        "moscow",
        slug=event.slug,
        title_ru=event.title_ru,
        start=f"{local:%Y-%m-%d %H:%M}",
        end=f"{event.end.astimezone(ZoneInfo('Europe/Moscow')):%Y-%m-%d %H:%M}",
        scope="network",
        online_url=event.online_url,
    )
    assert client.post(f"/admin/pages/{event.pk}/edit/", form).status_code == 302
    event.refresh_from_db()
    assert event.start == local
