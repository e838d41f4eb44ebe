"""Shared events crossing a link, in one process: what this install sends of its events (only those
shared with the whole network, each change of them, both ways), and what it does with a linked
install's (every space lists it under its own curation, updates and withdrawals follow, older news
changes nothing, and an install speaks only for its own events)."""

import copy

import pytest

from sites.events.linked import apply_shared_event, shared_event_message
from sites.events.models import RelayedEvent
from sites.events.relay import EVENT_CHANGE
from sites.federation import inbox, links
from sites.federation.models import Link, RemoteSpace
from sites.federation.schema import SchemaError
from sites.spaces.models import Space
from sites.sync.models import Change, Delivery
from tests.events.conftest import deliver, new_event, publish  # noqa: F401  (deliver is a fixture)
from tests.helpers import client_for

from .test_signed_inbox import Install

pytestmark = pytest.mark.django_db

MOSCOW_HOST = "numa.example.ru"


def link_as(role: str, name: str = "NUMA Moscow") -> Link:
    return Install().link(role=role, name=name, address="http://127.0.0.1:9")  # nothing listens on port 9


def their_event(sequence: int = 1, *, title: str = "Завтрак сообщества", **listing) -> dict:
    """A message from the linked install: an event of its space, shared with the whole network."""
    uid = f"event-41@{MOSCOW_HOST}"
    return {
        "schema": 1,
        "id": f"events.event.moscow41.{sequence}",
        "type": "events.event",
        "uid": uid,
        "event": 41,
        "sequence": sequence,
        "origin": {
            "hostname": MOSCOW_HOST,
            "slug": "numa-moscow",
            "name": {"ru": "НУМА Москва", "en": "NUMA Moscow"},
            "city": {"ru": "Москва", "en": "Moscow"},
            "country": "RU",
            "time_zone": "Europe/Moscow",
            "languages": ["ru", "en"],
            "url": f"https://{MOSCOW_HOST}/",
        },
        "listing": {
            "uid": uid,
            "texts": {"title": {"ru": title, "en": "Community breakfast"}, "venue": {"ru": "Зал"}},
            "languages": ["ru", "en"],
            "urls": {"ru": f"https://{MOSCOW_HOST}/ru/events/breakfast/"},
            "start": "2031-03-02T09:00:00+03:00",
            "end": "2031-03-02T10:30:00+03:00",
            "time_zone": "Europe/Moscow",
            "online_url": "",
            "registration_url": f"https://{MOSCOW_HOST}/register",
            "programme_kind": "community",
            "cancelled": False,
            **listing,
        },
    }


def withdrawal(sequence: int) -> dict:
    message = their_event(sequence)
    return {**message, "origin": None, "listing": None}


def listings() -> dict[str, RelayedEvent]:
    return {relay.space.slug: relay for relay in RelayedEvent.objects.filter(uid=their_event()["uid"])}


def receive(deliver, link, message) -> bool:  # noqa: F811
    return deliver(inbox.receive, link, message)


def test_an_event_shared_with_the_network_is_owed_to_every_linked_install_both_ways(deliver):  # noqa: F811
    member, network = link_as(Link.Role.MEMBER), link_as(Link.Role.NETWORK, "Réseau")
    event = new_event("paris", "crossing", title_fr="Traverse")
    deliver(publish, event)
    change = Change.objects.filter(kind=EVENT_CHANGE, payload__event=event.pk).latest("pk")
    assert set(Delivery.objects.filter(change=change).exclude(link=None).values_list("link", flat=True)) == {
        member.pk,
        network.pk,
    }
    message = shared_event_message(change, member)
    assert message == shared_event_message(change, network) and "for" not in message  # the whole network
    assert message["uid"] == f"event-{event.pk}@paris.localhost" and message["sequence"] == 1
    assert message["listing"]["texts"]["title"]["fr"] == "Traverse"
    assert message["origin"]["hostname"] == "paris.localhost" and message["origin"]["name"]["fr"]
    assert "email" not in str(message) and "owner" not in str(message)

    # Unpublished: the linked installs are told to withdraw it.
    deliver(event.unpublish)
    withdrawn = shared_event_message(Change.objects.filter(kind=EVENT_CHANGE, payload__event=event.pk).latest("pk"),
                                     member)  # fmt: skip
    assert withdrawn["listing"] is None and withdrawn["sequence"] == 2


def test_an_event_shared_with_chosen_spaces_of_this_install_only_stays_here(deliver):  # noqa: F811
    member = link_as(Link.Role.MEMBER)
    event = new_event("moscow", "chosen", scope="chosen", targets=["paris"], title_ru="Вебинар")
    deliver(publish, event)
    change = Change.objects.filter(kind=EVENT_CHANGE, payload__event=event.pk).latest("pk")
    assert shared_event_message(change, member) is None  # positive control above: a network event is sent
    assert RelayedEvent.objects.filter(uid=f"event-{event.pk}@moscow.localhost", space__slug="paris").exists()


def remote_space(link: Link, hostname: str, slug: str) -> RemoteSpace:
    return RemoteSpace.objects.create(link=link, hostname=hostname, slug=slug, name=slug.title(), city="Moscow",
                                      country="RU", time_zone="Europe/Moscow", languages=["ru"])  # fmt: skip


def test_an_event_shared_with_chosen_spaces_of_a_linked_install_goes_to_that_install_for_them(deliver):  # noqa: F811
    moscow, cantines = link_as(Link.Role.MEMBER), link_as(Link.Role.MEMBER, "Réseau des Cantines")
    chosen = remote_space(moscow, MOSCOW_HOST, "numa-moscow")
    remote_space(moscow, "tver.numa.example.ru", "numa-tver")  # on the same install, not chosen
    event = new_event("paris", "for-moscow", scope="chosen", targets=["bangalore"], title_fr="Pour Moscou")
    event.target_remote_spaces = [chosen]
    deliver(publish, event)

    def latest():
        return Change.objects.filter(kind=EVENT_CHANGE, payload__event=event.pk).latest("pk")

    message = shared_event_message(latest(), moscow)
    assert message["for"] == [MOSCOW_HOST] and message["listing"]["texts"]["title"]["fr"] == "Pour Moscou"
    assert shared_event_message(latest(), cantines) is None  # none of its spaces was chosen
    # No longer chosen: Moscow's install is told to withdraw it; the Cantines' still hear nothing.
    event.target_remote_spaces = []
    event.target_spaces = [Space.objects.get(slug="bangalore")]
    deliver(publish, event)
    withdrawn = shared_event_message(latest(), moscow)
    assert withdrawn["listing"] is None and "for" not in withdrawn
    assert shared_event_message(latest(), cantines) is None


def test_an_event_for_chosen_spaces_here_is_listed_by_them_alone(deliver):  # noqa: F811
    network = link_as(Link.Role.NETWORK, "Réseau")
    receive(deliver, network, their_event(1) | {"for": ["paris.localhost", "gone.example.org"]})
    assert {slug for slug, relay in listings().items() if not relay.withdrawn} == {"paris"}
    # Shared with the whole network next: every space lists it. Then with Bangalore alone: the others withdraw.
    receive(deliver, network, their_event(2))
    assert all(not relay.withdrawn for relay in listings().values()) and len(listings()) > 1
    receive(deliver, network, their_event(3) | {"for": ["bangalore.localhost"]})
    assert {slug for slug, relay in listings().items() if not relay.withdrawn} == {"bangalore"}
    with pytest.raises(SchemaError, match="list of hostnames"):
        receive(deliver, network, their_event(4) | {"for": "bangalore.localhost"})


def test_the_networks_install_passes_an_event_for_another_members_spaces_on_to_it_alone(deliver):  # noqa: F811
    moscow, cantines = link_as(Link.Role.MEMBER), link_as(Link.Role.MEMBER, "Réseau des Cantines")
    remote_space(cantines, "lyon.cantines.example.org", "cantine-lyon")
    receive(deliver, moscow, their_event(1) | {"for": ["lyon.cantines.example.org"]})
    change = Change.objects.filter(kind=EVENT_CHANGE, payload__uid=their_event()["uid"]).latest("pk")
    assert not listings() or all(relay.withdrawn for relay in listings().values())  # none of this install's
    passed_on = shared_event_message(change, cantines)
    assert passed_on["for"] == ["lyon.cantines.example.org"] and passed_on["listing"]
    # Its withdrawal follows the same way, though no space here listed it.
    receive(deliver, moscow, withdrawal(2))
    change = Change.objects.filter(kind=EVENT_CHANGE, payload__uid=their_event()["uid"]).latest("pk")
    assert shared_event_message(change, cantines)["listing"] is None


def test_a_linked_installs_event_is_listed_by_every_space_under_its_curation_and_follows_it(deliver):  # noqa: F811
    network = link_as(Link.Role.NETWORK, "Réseau")
    assert receive(deliver, network, their_event(1)) is True
    relays = listings()
    spaces = Space.objects.exclude(status=Space.Status.CLOSED)
    assert set(relays) == set(spaces.values_list("slug", flat=True))
    for space in spaces:
        expected = "awaiting" if space.network_events == Space.NetworkEvents.REVIEW else "accepted"
        assert relays[space.slug].curation == expected
    origin = RemoteSpace.objects.get(link=network, hostname=MOSCOW_HOST)
    assert (origin.name_ru, origin.city_en, origin.time_zone) == ("НУМА Москва", "Moscow", "Europe/Moscow")

    # On the calendars, feeds and JSON of a space that accepts network events.
    paris = client_for("paris.localhost").get("/en/calendar.json").json()["events"]
    listed = next(item for item in paris if item["uid"] == their_event()["uid"])
    assert (listed["title"]["text"], listed["space"], listed["relayed"]) == ("Community breakfast", "numa-moscow", True)
    network_wide = client_for("localhost").get("/en/calendar/network.json").json()["events"]
    assert [item["uid"] for item in network_wide].count(their_event()["uid"]) == 1
    page = client_for("paris.localhost").get("/en/network-calendar/").content.decode()
    assert "Community breakfast" in page and "A network event from NUMA Moscow" in page

    # The same message again: nothing new. A later one (cancelled, new title): every listing follows.
    assert receive(deliver, network, their_event(1)) is False
    receive(deliver, network, their_event(2, title="Завтрак отменён", cancelled=True))
    assert all(relay.cancelled and relay.texts["title"]["ru"] == "Завтрак отменён" for relay in listings().values())
    # Older news arriving late changes nothing.
    receive(deliver, network, their_event(1, title="старое") | {"id": "events.event.moscow41.1-late"})
    assert all(relay.sequence == 2 and relay.cancelled for relay in listings().values())

    # A space's curation outlives the origin's updates; a withdrawal takes it off every calendar.
    hidden = listings()["paris"]
    RelayedEvent.objects.filter(pk=hidden.pk).update(curation=RelayedEvent.Curation.HIDDEN)
    receive(deliver, network, their_event(3, cancelled=False))
    assert listings()["paris"].curation == RelayedEvent.Curation.HIDDEN and not listings()["paris"].cancelled
    receive(deliver, network, withdrawal(4))
    assert all(relay.withdrawn for relay in listings().values())
    paris = client_for("paris.localhost").get("/en/calendar.json").json()["events"]
    assert their_event()["uid"] not in {item["uid"] for item in paris}


def test_the_networks_install_passes_a_members_event_on_to_the_others_never_back(deliver):  # noqa: F811
    moscow, cantines = link_as(Link.Role.MEMBER), link_as(Link.Role.MEMBER, "Réseau des Cantines")
    receive(deliver, moscow, their_event(1))
    change = Change.objects.filter(kind=EVENT_CHANGE, payload__uid=their_event()["uid"]).get()
    assert list(Delivery.objects.filter(change=change).exclude(link=None).values_list("link", flat=True)) == [
        cantines.pk
    ]
    passed_on = shared_event_message(change, cantines)
    assert passed_on["origin"]["hostname"] == MOSCOW_HOST and passed_on["listing"]["texts"]["title"]["en"]


@pytest.mark.parametrize(
    "spoil, named",
    [
        (lambda m: m.update(uid="event-3@paris.localhost"), "not one of the space"),
        (lambda m: m["origin"].update(hostname="paris.localhost"), "hostname"),
        (lambda m: m["listing"].update(urls={"ru": "javascript:alert(1)"}), "not a web address"),
        (lambda m: m["listing"].update(registration_url="data:text/html,x"), "registration link"),
        (lambda m: m["listing"].update(end="2031-03-01T09:00:00+03:00"), "the end after the start"),
        (lambda m: m["listing"].update(start="2 March"), "not an ISO 8601 time"),
        (lambda m: m["listing"].update(time_zone="Mars/Olympus"), "not an IANA time zone"),
        (lambda m: m["listing"].pop("texts"), "lacks the field “texts”"),
        (lambda m: m.pop("sequence"), "lacks the field “sequence”"),
    ],
)
def test_a_malformed_or_foreign_event_is_refused_by_name_and_changes_nothing(deliver, spoil, named):  # noqa: F811
    network = link_as(Link.Role.NETWORK, "Réseau")
    message = copy.deepcopy(their_event(1))
    spoil(message)
    changes, relays = Change.objects.count(), RelayedEvent.objects.count()
    with pytest.raises(SchemaError, match=named):
        receive(deliver, network, message)
    assert (Change.objects.count(), RelayedEvent.objects.count()) == (changes, relays)
    assert not RemoteSpace.objects.exists()
    # Positive control: the same message, whole, is applied.
    assert receive(deliver, network, their_event(1)) is True and RelayedEvent.objects.count() > relays


def test_an_install_cannot_touch_an_event_another_install_or_this_one_shares(deliver):  # noqa: F811
    moscow, other = link_as(Link.Role.MEMBER), link_as(Link.Role.MEMBER, "Other")
    receive(deliver, moscow, their_event(1))
    with pytest.raises(SchemaError, match="not one your install shares"):
        apply_shared_event(other, withdrawal(2))
    assert not any(relay.withdrawn for relay in listings().values())
    apply_shared_event(moscow, withdrawal(2))  # its own install may
    local = new_event("paris", "ours", title_fr="À nous")
    deliver(publish, local)
    ours = f"event-{local.pk}@paris.localhost"
    with pytest.raises(SchemaError, match="not one your install shares"):
        apply_shared_event(moscow, {**withdrawal(3), "uid": ours})
    assert not RelayedEvent.objects.filter(uid=ours, withdrawn=True).exists()


def test_revoking_a_link_takes_its_events_off_every_calendar(deliver, settings):  # noqa: F811
    settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = True
    moscow = link_as(Link.Role.MEMBER)
    receive(deliver, moscow, their_event(1))
    assert listings()
    links.revoke(moscow)  # the other install cannot be told (nothing listens): revoked here all the same
    assert not listings() and not RemoteSpace.objects.filter(link=moscow).exists()
    paris = client_for("paris.localhost").get("/en/calendar.json").json()["events"]
    assert their_event()["uid"] not in {item["uid"] for item in paris}


def test_a_visitor_can_pick_a_linked_installs_space_in_the_calendars_filter(deliver):  # noqa: F811
    network = link_as(Link.Role.NETWORK, "Réseau")
    receive(deliver, network, their_event(1))
    page = client_for("moscow.localhost").get("/ru/network-calendar/").content.decode()
    assert f'<option value="{MOSCOW_HOST}">НУМА Москва</option>' in page
    page = client_for("paris.localhost").get("/en/network-calendar/").content.decode()
    assert f'<option value="{MOSCOW_HOST}">NUMA Moscow</option>' in page

    only_theirs = client_for("paris.localhost").get("/en/network-calendar/", {"space": MOSCOW_HOST}).content.decode()
    assert "Community breakfast" in only_theirs and "Network colunch day" not in only_theirs
    # Positive control: the same event is listed with the filter off, beside Paris's own.
    everything = client_for("paris.localhost").get("/en/network-calendar/").content.decode()
    assert "Community breakfast" in everything and "Network colunch day" in everything
    only_paris = client_for("paris.localhost").get("/en/network-calendar/", {"space": "paris"}).content.decode()
    assert "Community breakfast" not in only_paris
