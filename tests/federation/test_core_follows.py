"""The core crossing a link, in one process: what the network's install owes a member install (held
while paused, skipped once revoked, asked again while away, never failed for good), and how a member
install applies a version (never backwards, only from the network's install)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sites.core.linked import apply_principle_version, principle_version_message
from sites.core.models import Adoption, CoreVersion, Principle, ReviewItem
from sites.core.publishing import publish
from sites.federation import signing
from sites.federation.models import Link
from sites.federation.schema import SchemaError
from sites.spaces.models import Space
from sites.sync import remote, repair
from sites.sync.models import Change, Delivery

from .test_signed_inbox import Install

pytestmark = pytest.mark.django_db


@pytest.fixture
def principle():
    return Principle.objects.get(slug="transparency")


def link_as(role: str, **fields) -> Link:
    return Install().link(role=role, address="http://127.0.0.1:9", **fields)  # nothing listens on port 9


def latest_change(principle) -> Change:
    return Change.objects.filter(kind="core.principle", payload__principle=principle.pk).latest("pk")


def publish_v2(principle, capture):
    principle.statement_fr += " (v2)"
    principle.change_note_fr, principle.change_note_ru = "Plus clair", "Яснее"
    principle.save()
    with capture(execute=True):
        return publish(principle)


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_a_member_install_away_is_owed_the_version_and_asked_again(principle, settings, capture):
    settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = True
    moscow = link_as(Link.Role.MEMBER)
    publish_v2(principle, capture)
    change = Change.objects.get(kind="core.principle", payload__version=2)
    delivery = Delivery.objects.get(change=change, link=moscow)
    assert delivery.state == Delivery.State.PENDING and delivery.attempts == 1
    assert "127.0.0.1:9" in delivery.last_error and delivery.retry_at > timezone.now()
    to_spaces = Delivery.objects.filter(change=change, space__isnull=False, state="delivered")
    assert to_spaces.count() == Space.objects.count()

    # Away for long: asked again each time its retry is due, and never given up on.
    for _ in range(10):
        Delivery.objects.filter(pk=delivery.pk).update(retry_at=timezone.now() - timedelta(seconds=1))
        assert repair.redispatch()["links"] == 1
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.PENDING and delivery.attempts == 11
    moscow.refresh_from_db()
    assert "127.0.0.1:9" in moscow.last_error


def test_a_paused_link_holds_the_version_and_a_revoked_one_skips_it(principle, settings, capture):
    settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = True
    moscow = link_as(Link.Role.MEMBER, state=Link.State.PAUSED, paused_here=True)
    network = link_as(Link.Role.NETWORK)  # the other way: nothing of this install's core is sent to it
    publish_v2(principle, capture)
    change = Change.objects.get(kind="core.principle", payload__version=2)
    assert not Delivery.objects.filter(link=network).exists()
    delivery = Delivery.objects.get(change=change, link=moscow)
    assert delivery.state == Delivery.State.PENDING and delivery.attempts == 0  # held, not tried
    assert remote.redispatch_link_deliveries(timezone.now() + timedelta(hours=1)) == 0

    Link.objects.filter(pk=moscow.pk).update(state=Link.State.REVOKED)
    assert remote.deliver_to_link(change.pk, moscow.pk) is False
    delivery.refresh_from_db()
    assert (delivery.state, delivery.skip_reason) == (Delivery.State.SKIPPED, Delivery.SkipReason.REVOKED)


def test_a_member_install_applies_a_newer_version_once_and_never_goes_back(principle, capture):
    network = link_as(Link.Role.NETWORK)
    message = principle_version_message(latest_change(principle))
    newer = {**message, "number": principle.version + 1,
             "content": {**message["content"], "statement_ru": "Прозрачность, пересмотренная"},
             "notes": {"change_note_ru": "Яснее", "change_note_fr": "Plus clair"}}  # fmt: skip
    with capture(execute=True):
        apply_principle_version(network, newer)
    principle.refresh_from_db()
    assert principle.version == newer["number"] and principle.statement_ru == "Прозрачность, пересмотренная"
    version = CoreVersion.objects.get(object_id=principle.pk, number=newer["number"], content_type__model="principle")
    assert (version.change_note_ru, version.change_note_fr) == ("Яснее", "Plus clair")
    # Through the same road as a local version: every space has it to adopt, practices to review.
    spaces = Space.objects.exclude(status=Space.Status.CLOSED).count()
    assert Adoption.objects.filter(principle=principle, latest_version=newer["number"]).count() == spaces
    assert ReviewItem.objects.filter(principle=principle, to_version=newer["number"]).exists()

    # The same version again, or an older one: nothing changes, nothing is delivered again.
    changes = Change.objects.count()
    apply_principle_version(network, newer)
    apply_principle_version(network, {**message, "content": {**message["content"], "statement_ru": "старое"}})
    principle.refresh_from_db()
    assert principle.statement_ru == "Прозрачность, пересмотренная" and Change.objects.count() == changes


def test_only_the_networks_install_publishes_the_core(principle):
    member = link_as(Link.Role.MEMBER)
    message = principle_version_message(latest_change(principle))
    with pytest.raises(SchemaError, match="Only the network's install"):
        apply_principle_version(member, {**message, "number": principle.version + 1})
    principle.refresh_from_db()
    assert principle.version == message["number"]


def test_what_a_member_install_is_owed_is_pushed_in_the_order_it_was_made(principle, settings, capture, monkeypatch):
    settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = True
    moscow = link_as(Link.Role.MEMBER)
    publish_v2(principle, capture)  # Moscow is away: v2 stays owed
    principle.statement_fr += " (v3)"
    principle.save()
    with capture(execute=True):
        publish(principle)
    owed = Delivery.objects.filter(link=moscow, state=Delivery.State.PENDING).order_by("change_id")
    assert [d.change.payload["version"] for d in owed] == [2, 3]

    pushed = []
    monkeypatch.setattr(remote.outbox, "push", lambda link, message: pushed.append(message["number"]))
    v3 = latest_change(principle)
    assert remote.deliver_to_link(v3.pk, moscow.pk) is True  # asked to push v3, it pushes v2 first
    assert pushed == [2, 3]
    assert not owed.all().exists()


def test_the_feed_gives_a_member_install_what_it_is_owed_in_order_and_its_next_pull_acknowledges_it(
    client, principle, settings, capture
):
    from .test_signed_inbox import HOST

    settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = True
    moscow = Install()
    link = moscow.link(role=Link.Role.MEMBER, address="http://127.0.0.1:9")
    publish_v2(principle, capture)

    def pull(after: int):
        url = f"http://{HOST}/link/outbox/?after={after}"
        headers = signing.sign("GET", url, b"", key=(moscow.key_id, moscow.private))
        return client.get(f"/link/outbox/?after={after}", headers=headers, HTTP_HOST=HOST)

    page = pull(0).json()
    entries = [(entry["message"]["slug"], entry["message"]["number"]) for entry in page["messages"]]
    assert ("transparency", 2) in entries and page["more"] is False
    cursors = [entry["cursor"] for entry in page["messages"]]
    assert cursors == sorted(cursors) and page["cursor"] == cursors[-1]
    assert Delivery.objects.filter(link=link, state=Delivery.State.PENDING).exists()  # not yet acknowledged

    again = pull(page["cursor"]).json()
    assert again["messages"] == [] and again["cursor"] == page["cursor"]
    assert not Delivery.objects.filter(link=link, state=Delivery.State.PENDING).exists()

    unsigned = client.get("/link/outbox/?after=0", HTTP_HOST=HOST)
    assert unsigned.status_code == 401
