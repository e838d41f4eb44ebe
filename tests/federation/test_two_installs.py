"""Two installs on loopback, each with its own PostgreSQL database, Redis database, gunicorn and
worker (``deploy/serve.py``), each with the demo network, linked as their coordinators would: an
invitation made on the network's install, pasted into the other's ``manage.py link_network``.

Then: each side pauses and resumes; what crosses the wire is checked over HTTP (a captured request
sent again, a tampered one, an unsigned one are refused and change nothing); a principle published
on the network's install reaches the other's spaces through their drift review; an event shared
with the network on either install reaches the other's calendars, and its update, cancellation and
deletion follow; one shared with a chosen space of the other install reaches that space alone, and
is withdrawn when no longer chosen; an install down for a minute catches up; and revoking stops both directions
(last, since it ends the link).
"""

import json
import os
import time
import urllib.error
import urllib.request

import pytest

from tests.deploy.topology import link, manage, query, two_installs
from tests.sync.conftest import wait_for

pytestmark = pytest.mark.serve


@pytest.fixture(scope="module")
def installs(tmp_path_factory):
    """The network's install (Paris's servers) and Moscow's own, both up with the demo; stopped at the end."""
    with two_installs(lambda name: tmp_path_factory.mktemp(name), f"socle_link_{os.getpid()}") as running:
        yield running


@pytest.fixture(scope="module")
def linked(installs):
    """The two installs linked with an invitation, through their commands; what ``link_network`` said."""
    return link(installs)


LINK_COLUMNS = ("name", "address", "role", "state", "paused_here", "paused_there", "peer_key_id")


def link_row(install) -> dict:
    [row] = query(install, f"SELECT {', '.join(LINK_COLUMNS)} FROM federation_link")  # noqa: S608
    return dict(zip(LINK_COLUMNS, row, strict=True))


def own_key_id(install) -> str:
    return query(install, "SELECT key_id FROM federation_installkey")[0][0]


def shell(install, code: str) -> str:
    return manage(install, "shell", "-c", code)


def act(install, action: str) -> None:
    """A coordinator of ``install`` pauses, resumes or revokes its link (what the admin's buttons call)."""
    shell(install, f"from sites.federation import links, models; links.{action}(models.Link.objects.get())")


def post(url: str, body: bytes, headers: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def captured(install, to: str, kind: str) -> tuple[str, bytes, dict]:
    """A message ``install`` signs for ``to``'s inbox, captured instead of sent: its URL, body and headers."""
    out = shell(install, f"""
import json, uuid
from sites.federation.signing import sign
body = json.dumps({{"schema": 1, "id": str(uuid.uuid4()), "type": "{kind}"}}).encode()
url = "{to}/link/inbox/"
print(json.dumps({{"url": url, "body": body.decode(), "headers": sign("POST", url, body)}}))
""")
    document = json.loads(out.strip().splitlines()[-1])
    return document["url"], document["body"].encode(), {**document["headers"], "Content-Type": "application/json"}


def test_two_installs_link_with_an_invitation_pause_and_resume_and_refuse_forged_requests(installs, linked):
    network, moscow = installs
    network_address, moscow_address = (f"http://127.0.0.1:{install['port']}" for install in installs)
    code, out = linked
    assert "Linked to Network" in out

    # Each side pinned the other's key; the invitation is spent.
    on_network, on_moscow = link_row(network), link_row(moscow)
    assert on_network | {"peer_key_id": None} == {
        "name": "NUMA Moscow", "address": moscow_address, "role": "member", "state": "active",
        "paused_here": False, "paused_there": False, "peer_key_id": None,
    }  # fmt: skip
    assert on_moscow["role"] == "network" and on_moscow["address"] == network_address
    assert on_network["peer_key_id"] == own_key_id(moscow) and on_moscow["peer_key_id"] == own_key_id(network)
    assert query(network, "SELECT count(*) FROM federation_invitation WHERE used_at IS NOT NULL")[0][0] == 1
    again = manage_fails(moscow, "link_network", code)
    assert "already linked" in again

    # Moscow pauses: both sides stop; Moscow resumes: both flow again.
    act(moscow, "pause")
    assert link_row(moscow)["state"] == "paused"
    assert link_row(network)["state"] == "paused" and link_row(network)["paused_there"]
    act(moscow, "resume")
    assert link_row(network)["state"] == "active" and link_row(moscow)["state"] == "active"

    # What travels on the wire is refused when replayed, tampered with or unsigned.
    url, body, headers = captured(moscow, network_address, "link.paused")
    assert post(url, body.replace(b"link.paused", b"link.revoked"), headers)[0] == 401  # tampered
    assert post(url, body, {"Content-Type": "application/json"})[0] == 401  # unsigned
    assert link_row(network)["state"] == "active"  # neither changed anything
    assert post(url, body, headers) == (200, {"status": "applied"})  # control: the genuine request
    assert link_row(network)["paused_there"]
    act(moscow, "resume")  # Moscow's coordinator sets it straight
    assert not link_row(network)["paused_there"]
    status, answer = post(url, body, headers)  # the captured pause, sent again
    assert status == 401 and "replay" in answer["error"]
    assert link_row(network)["state"] == "active"


def test_a_principle_published_on_the_network_reaches_the_linked_installs_spaces_with_drift_review(
    installs, linked
):
    network, moscow = installs
    slug = query(moscow, """
        SELECT p.slug FROM core_principle p
        JOIN core_practicepage_principles pp ON pp.principle_id = p.id
        GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT 1""")[0][0]
    [(before,)] = query(moscow, "SELECT version FROM core_principle WHERE slug = %s", slug)
    shell(network, f"""
from sites.core.models import Principle
principle = Principle.objects.get(slug="{slug}")
principle.statement_fr = "Nouvel énoncé, publié à Paris"
principle.statement_ru = "Новая формулировка, опубликованная в Париже"
for code, note in (("fr", "Plus clair"), ("en", "Clearer"), ("ru", "Яснее"), ("hi", "अधिक स्पष्ट"), ("kn", "ಹೆಚ್ಚು ಸ್ಪಷ್ಟ")):
    setattr(principle, "change_note_" + code, note)
principle.save_revision().publish()
""")
    version = before + 1

    def arrived():
        rows = query(moscow, "SELECT version, statement_ru FROM core_principle WHERE slug = %s", slug)
        return rows[0] == (version, "Новая формулировка, опубликованная в Париже")

    wait_for(arrived, 30, "the new version to reach the linked install")
    spaces = query(moscow, "SELECT count(*) FROM spaces_space WHERE status <> 'closed'")[0][0]

    def reviewed():
        adopted = query(moscow, """SELECT count(*) FROM core_adoption a JOIN core_principle p ON p.id = a.principle_id
                                   WHERE p.slug = %s AND a.latest_version = %s""", slug, version)[0][0]
        return adopted == spaces

    wait_for(reviewed, 30, "every space of the linked install to have the version delivered")
    notes = query(moscow, """SELECT v.change_note_fr, v.change_note_ru, v.change_note_kn FROM core_coreversion v
                             JOIN core_principle p ON p.id = v.object_id AND v.content_type_id =
                             (SELECT id FROM django_content_type WHERE app_label = 'core' AND model = 'principle')
                             WHERE p.slug = %s AND v.number = %s""", slug, version)
    assert notes == [("Plus clair", "Яснее", "ಹೆಚ್ಚು ಸ್ಪಷ್ಟ")]
    review = query(moscow, """SELECT count(*) FROM core_reviewitem r JOIN core_principle p ON p.id = r.principle_id
                              WHERE p.slug = %s AND r.to_version = %s""", slug, version)[0][0]
    assert review > 0, "the practices written against the older version are to be reviewed"
    delivered = query(network, """SELECT d.state FROM sync_delivery d JOIN sync_change c ON c.id = d.change_id
                                  WHERE d.link_id IS NOT NULL AND c.payload->>'version' = %s""", str(version))
    assert delivered == [("delivered",)]


def publish_event(install, space: str, slug: str, **texts) -> str:
    """A coordinator of ``space`` publishes an event shared with the whole network; its UID."""
    out = shell(install, f"""
from datetime import UTC, datetime, timedelta
from sites.events.models import EventIndexPage, EventPage
from sites.spaces.models import Space
space = Space.objects.get(slug="{space}")
index = EventIndexPage.objects.descendant_of(space.site.root_page).get()
start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=12)
event = EventPage(slug="{slug}", start=start, end=start + timedelta(hours=2), scope="network", live=False,
                  venue_en="The hall", **{texts!r})
index.add_child(instance=event)
event.save_revision().publish()
print(f"event-{{event.pk}}@{{space.site.hostname}}")
""")
    return out.strip().splitlines()[-1]


def change_event(install, slug: str, code: str) -> None:
    """Edit the event and publish it again (``code`` acts on ``event``), or delete it."""
    shell(install, f"""
from sites.events.models import EventPage
event = EventPage.objects.get(slug="{slug}")
{code}
""")


def listed(install, uid: str) -> list[tuple]:
    """How each space of ``install`` lists the event: slug, title (in every language), state."""
    return query(install, """SELECT s.slug, r.texts->'title', r.cancelled, r.withdrawn, r.curation, r.sequence
                             FROM events_relayedevent r JOIN spaces_space s ON s.id = r.space_id
                             WHERE r.uid = %s ORDER BY s.slug""", uid)  # fmt: skip


def calendar_uids(install, host: str) -> set[str]:
    url = f"http://127.0.0.1:{install['port']}/en/calendar.json"
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return {event["uid"] for event in json.loads(response.read())["events"]}


def test_events_shared_with_the_network_cross_both_ways_and_follow_every_change(installs, linked):
    network, moscow = installs

    def follows(install, uid, check, what):
        wait_for(lambda: (rows := listed(install, uid)) and all(check(row) for row in rows), 30, what)
        return listed(install, uid)

    # Published in Paris, on the network's install: every space of Moscow's install lists it.
    uid = publish_event(network, "paris", "linked-colunch", title_fr="Colunch relié", title_en="Linked colunch")
    rows = follows(moscow, uid, lambda row: row[1].get("fr") == "Colunch relié", "Paris's event to reach Moscow")
    assert [row[0] for row in rows] == ["bangalore", "moscow", "paris"]
    assert {row[0]: row[4] for row in rows}["bangalore"] == "awaiting"  # a space that reviews what comes in
    assert uid in calendar_uids(moscow, "moscow.ru.localhost")

    change_event(network, "linked-colunch", 'event.title_fr = "Colunch relié, salle 2"; event.cancelled = True; '
                 "event.save_revision().publish()")  # fmt: skip
    follows(moscow, uid, lambda row: row[1]["fr"] == "Colunch relié, salle 2" and row[2], "the update, cancelled")
    change_event(network, "linked-colunch", "event.delete()")
    follows(moscow, uid, lambda row: row[3], "the deletion to withdraw it")
    assert uid not in calendar_uids(moscow, "moscow.ru.localhost")

    # The other way: published in Moscow's own install, listed by the network's spaces.
    theirs = publish_event(moscow, "moscow", "breakfast-ru", title_ru="Завтрак сообщества", title_en="Breakfast")
    assert theirs.endswith("@moscow.ru.localhost")
    follows(network, theirs, lambda row: row[1].get("ru") == "Завтрак сообщества", "Moscow's event to reach us")
    assert theirs in calendar_uids(network, "paris.localhost")
    change_event(moscow, "breakfast-ru", 'event.title_ru = "Завтрак переносится"; event.save_revision().publish()')
    follows(network, theirs, lambda row: row[1]["ru"] == "Завтрак переносится", "the update from Moscow")
    change_event(moscow, "breakfast-ru", "event.unpublish()")
    follows(network, theirs, lambda row: row[3], "the unpublication to withdraw it")
    change_event(moscow, "breakfast-ru", "event.save_revision().publish()")
    rows = follows(network, theirs, lambda row: not row[3], "the new publication to list it again")
    assert all(row[5] == 4 for row in rows), "each change counted once, in order"
    # Never sent back where it came from.
    back = query(network, """SELECT count(*) FROM sync_delivery d JOIN sync_change c ON c.id = d.change_id
                             WHERE d.link_id IS NOT NULL AND c.payload->>'uid' = %s""", theirs)  # fmt: skip
    assert back == [(0,)]


def publish_for_their_space(install, space: str, slug: str, hostname: str, title: str) -> str:
    """An event of ``space`` shared with one space of the other install (by its hostname) alone; its UID."""
    out = shell(install, f"""
from datetime import UTC, datetime, timedelta
from sites.events.models import EventIndexPage, EventPage
from sites.federation.models import RemoteSpace
from sites.spaces.models import Space
space = Space.objects.get(slug="{space}")
index = EventIndexPage.objects.descendant_of(space.site.root_page).get()
start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=14)
event = EventPage(slug="{slug}", start=start, end=start + timedelta(hours=1), scope="chosen", live=False,
                  venue_en="The hall", title_en="{title}", **{{"title_" + space.default_language: "{title}"}})
index.add_child(instance=event)
event.target_remote_spaces = [RemoteSpace.objects.get(hostname="{hostname}")]
event.save_revision().publish()
print(f"event-{{event.pk}}@{{space.site.hostname}}")
""")
    return out.strip().splitlines()[-1]


def test_an_event_for_chosen_spaces_of_the_other_install_reaches_them_alone_both_ways(installs, linked):
    network, moscow = installs

    def knows(install, hostname):
        return query(install, "SELECT count(*) FROM federation_remotespace WHERE hostname = %s", hostname) == [(1,)]

    # Each install learns the other's spaces from its status reports (the network's go down too).
    wait_for(lambda: knows(network, "moscow.ru.localhost") and knows(moscow, "paris.localhost"), 30,
             "each install to report its spaces to the other")  # fmt: skip

    def listed_by(install, uid):
        return [row[0] for row in listed(install, uid) if not row[3]]

    uid = publish_for_their_space(network, "paris", "for-moscow", "moscow.ru.localhost", "For Moscow")
    wait_for(lambda: listed_by(moscow, uid) == ["moscow"], 30, "Paris's event to reach Moscow's space alone")
    theirs = publish_for_their_space(moscow, "moscow", "for-paris", "paris.localhost", "For Paris")
    wait_for(lambda: listed_by(network, theirs) == ["paris"], 30, "Moscow's event to reach Paris alone")
    assert uid in calendar_uids(moscow, "moscow.ru.localhost")
    assert uid not in calendar_uids(moscow, "paris.ru.localhost")

    # No longer chosen (shared with a space of its own install instead): withdrawn over there.
    change_event(network, "for-moscow", "from sites.spaces.models import Space; event.target_remote_spaces = []; "
                 'event.target_spaces = [Space.objects.get(slug="bangalore")]; '
                 "event.save_revision().publish()")  # fmt: skip
    wait_for(lambda: listed(moscow, uid) and listed_by(moscow, uid) == [], 30, "the narrowing to withdraw it")


def test_the_networks_dashboard_has_a_row_for_each_space_of_the_linked_install(installs, linked):
    network, moscow = installs
    hostnames = sorted(row[0] for row in query(moscow, "SELECT hostname FROM wagtailcore_site"))

    def reported():
        rows = query(network, "SELECT hostname FROM federation_remotespace WHERE reported_at IS NOT NULL")
        return sorted(row[0] for row in rows) == hostnames

    wait_for(reported, 30, "Moscow's install to report each of its spaces")
    [(status, principles, coverage)] = query(network, """SELECT status, report->'principles', report->'coverage'
                                                         FROM federation_remotespace
                                                         WHERE hostname = 'moscow.ru.localhost'""")  # fmt: skip
    [(space_status,)] = query(moscow, "SELECT status FROM spaces_space WHERE slug = 'moscow'")
    assert status == space_status
    adopted = query(moscow, """SELECT p.slug, a.adopted_version, a.latest_version FROM core_adoption a
                               JOIN core_principle p ON p.id = a.principle_id JOIN spaces_space s ON s.id = a.space_id
                               WHERE s.slug = 'moscow'""")  # fmt: skip
    assert principles == {slug: {"adopted": a, "latest": latest} for slug, a, latest in adopted}
    assert set(coverage) == {"ru", "en"}


def test_an_install_down_for_a_minute_gets_each_change_once_and_in_order_when_it_returns(installs, linked):
    network, moscow = installs
    [(slug, before)] = query(network, "SELECT slug, version FROM core_principle WHERE slug = 'transparency'")
    installs.stop(1)
    # Five versions published while Moscow is down, through Wagtail as a coordinator would.
    shell(network, f"""
from sites.core.models import Principle
for n in range(1, 6):
    principle = Principle.objects.get(slug="{slug}")
    principle.statement_ru = f"Прозрачность, редакция {{n}}"
    principle.change_note_ru = f"Правка {{n}}"
    principle.save_revision().publish()
""")
    time.sleep(60)  # the outage itself: Moscow stays down for a minute
    owed = query(network, """SELECT count(*) FROM sync_delivery d JOIN sync_change c ON c.id = d.change_id
                             WHERE d.link_id IS NOT NULL AND d.state = 'pending'""")[0][0]
    assert owed == 5, "the network's install keeps what Moscow is owed"

    installs.start(1)
    moscow = installs[1]
    last = before + 5
    wait_for(lambda: query(moscow, "SELECT version FROM core_principle WHERE slug = %s", slug)[0][0] == last,
             60, "Moscow to catch up after its restart")  # fmt: skip
    # Each version once, in order: its versions, and the changes it recorded for its spaces, one by one.
    versions = query(moscow, """SELECT v.number, v.change_note_ru FROM core_coreversion v JOIN core_principle p
                                ON p.id = v.object_id AND v.content_type_id = (SELECT id FROM django_content_type
                                WHERE app_label = 'core' AND model = 'principle')
                                WHERE p.slug = %s AND v.number > %s ORDER BY v.number""", slug, before)
    assert versions == [(before + n, f"Правка {n}") for n in range(1, 6)]
    changes = query(moscow, """SELECT (c.payload->>'version')::int FROM sync_change c JOIN core_principle p
                               ON p.id = (c.payload->>'principle')::int
                               WHERE p.slug = %s AND (c.payload->>'version')::int > %s ORDER BY c.id""", slug, before)
    assert changes == [(before + n,) for n in range(1, 6)], "recorded once each, in the order they were made"
    received = query(moscow, "SELECT count(*), count(DISTINCT message_id) FROM federation_received "
                             "WHERE message_id LIKE %s", f"core.principle.{slug}.v%")[0]  # fmt: skip
    assert received[0] == received[1]
    wait_for(lambda: query(network, """SELECT count(*) FROM sync_delivery WHERE link_id IS NOT NULL
                                       AND state = 'pending'""")[0][0] == 0,
             30, "the network's install to know every delivery done")  # fmt: skip


def test_revoking_stops_both_directions(installs, linked):
    network, moscow = installs
    network_address = f"http://127.0.0.1:{network['port']}"

    # The network revokes: Moscow hears it, and nothing Moscow signs is accepted any more.
    act(network, "revoke")
    wait_for(lambda: link_row(moscow)["state"] == "revoked", 10, "Moscow to hear of the revocation")
    url, body, headers = captured(moscow, network_address, "link.resumed")
    status, answer = post(url, body, headers)
    assert status == 403 and "revoked" in answer["error"]
    assert link_row(network)["state"] == "revoked"
    refused = manage_fails(moscow, "shell", "-c", "from sites.federation import links, models; "
                           "links.resume(models.Link.objects.get())")  # fmt: skip
    assert "revoked" in refused
    # What each shared with the other leaves the other's calendars.
    for install in installs:
        assert query(install, "SELECT count(*) FROM events_relayedevent WHERE origin_remote_id IS NOT NULL") == [(0,)]


def manage_fails(install, *args: str) -> str:
    """Run manage.py and expect it to fail: its error output."""
    try:
        manage(install, *args)
    except AssertionError as failure:
        return str(failure)
    raise AssertionError(f"manage.py {' '.join(args)} succeeded")
