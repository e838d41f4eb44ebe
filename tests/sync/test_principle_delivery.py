"""A new principle version reaches every space once: adoption pending, practices to review, a notice."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from sites.core.models import Adoption, Notification, PracticePage, Principle, ReviewItem
from sites.core.publishing import publish
from sites.core.sync import acknowledge
from sites.spaces.models import Space
from sites.sync import engine
from sites.sync.models import Change, Delivery
from tests.helpers import add_bare_spaces

pytestmark = pytest.mark.django_db


@pytest.fixture
def principle():
    return Principle.objects.get(slug="transparency")


def publish_new_version(principle, note="Clearer about money", capture=None):
    principle.statement_fr = principle.statement_fr + " (v2)"
    principle.change_note = note
    principle.save()
    with capture(execute=True):
        return publish(principle)


def test_a_new_version_reaches_every_space(principle, django_capture_on_commit_callbacks):
    version = publish_new_version(principle, capture=django_capture_on_commit_callbacks)
    assert version.number == 2 and version.change_note == "Clearer about money"
    assert version.content["statement_fr"].endswith("(v2)")

    change = Change.objects.get(kind="core.principle", payload__version=2)
    assert change.dispatched_at is not None
    assert set(Delivery.objects.filter(change=change).values_list("state", flat=True)) == {"delivered"}
    assert Delivery.objects.filter(change=change).count() == Space.objects.count()

    for adoption in Adoption.objects.filter(principle=principle):
        assert adoption.state == Adoption.State.PENDING
        assert (adoption.adopted_version, adoption.latest_version) == (1, 2)
    assert Notification.objects.filter(principle=principle, version=2).count() == Space.objects.count()

    # Paris's open budget embodies transparency: it is queued for review in Paris only.
    paris = Space.objects.get(slug="paris")
    linked = PracticePage.objects.filter(principles=principle)
    items = ReviewItem.objects.filter(principle=principle, to_version=2)
    assert items.count() == linked.count() > 0
    assert set(items.filter(space=paris).values_list("practice__slug", flat=True)) >= {"open-budget"}
    assert all(item.from_version == 1 for item in items)


def test_delivering_the_same_version_twice_changes_nothing(principle, django_capture_on_commit_callbacks):
    publish_new_version(principle, capture=django_capture_on_commit_callbacks)
    change = Change.objects.get(kind="core.principle", payload__version=2)
    counts = (Adoption.objects.count(), ReviewItem.objects.count(), Notification.objects.count())
    Delivery.objects.filter(change=change).update(state=Delivery.State.PENDING)
    engine.deliver_batch(change.pk, list(Space.objects.values_list("pk", flat=True)))
    assert (Adoption.objects.count(), ReviewItem.objects.count(), Notification.objects.count()) == counts


def test_an_older_version_delivered_late_never_goes_backwards(principle, django_capture_on_commit_callbacks):
    publish_new_version(principle, capture=django_capture_on_commit_callbacks)
    publish_new_version(principle, note="Third", capture=django_capture_on_commit_callbacks)
    paris = Space.objects.get(slug="paris")
    late = Change.objects.create(kind="core.principle", payload={"principle": principle.pk, "version": 2})
    Delivery.objects.create(change=late, space=paris)
    engine.deliver_batch(late.pk, [paris.pk])
    adoption = Adoption.objects.get(space=paris, principle=principle)
    assert adoption.latest_version == 3


def test_acknowledging_takes_up_the_new_version_and_clears_the_queue(principle, django_capture_on_commit_callbacks):
    publish_new_version(principle, capture=django_capture_on_commit_callbacks)
    paris = Space.objects.get(slug="paris")
    assert acknowledge(paris, principle) >= 1
    adoption = Adoption.objects.get(space=paris, principle=principle)
    assert adoption.state == Adoption.State.CURRENT and adoption.adopted_version == 2
    assert not ReviewItem.objects.filter(space=paris, principle=principle, acknowledged_at__isnull=True).exists()


def test_a_failing_handler_records_the_error_and_gives_up_after_the_last_attempt(principle, monkeypatch):
    from sites.sync import registry

    def broken(change, spaces):
        raise RuntimeError("disk full")

    monkeypatch.setitem(registry._handlers, "core.principle", broken)
    paris = Space.objects.get(slug="paris")
    change = Change.objects.create(kind="core.principle", payload={"principle": principle.pk, "version": 2})
    Delivery.objects.create(change=change, space=paris)
    for _attempt in range(engine.MAX_ATTEMPTS):
        with pytest.raises(RuntimeError):
            engine.deliver_batch(change.pk, [paris.pk])
    delivery = Delivery.objects.get(change=change)
    assert delivery.state == Delivery.State.FAILED
    assert delivery.attempts == engine.MAX_ATTEMPTS and delivery.last_error == "RuntimeError: disk full"


def test_a_change_the_broker_never_got_is_redispatched_and_delivered_once(principle, monkeypatch):
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from sites.sync import repair, tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    principle.change_note = "While the broker is down"
    monkeypatch.setattr(tasks.fan_out_task, "delay", broker_down)
    version = publish(principle)
    change = Change.objects.get(kind="core.principle", payload__version=version.number)
    engine._hand_to_broker(change.pk)  # what runs after commit: must not raise
    change.refresh_from_db()
    assert change.dispatched_at is None and not Delivery.objects.filter(change=change).exists()

    monkeypatch.undo()
    result = repair.redispatch(now=timezone.now() + timedelta(seconds=settings.SOCLE_SYNC_LOST_AFTER + 1))
    assert result["changes"] >= 1
    deliveries = Delivery.objects.filter(change=change)
    assert deliveries.count() == Space.objects.count()
    assert set(deliveries.values_list("state", flat=True)) == {"delivered"}
    assert Notification.objects.filter(principle=principle, version=version.number).count() == Space.objects.count()


@override_settings(SOCLE_SYNC_BATCH_SIZE=1000)
def test_a_batch_costs_the_same_queries_for_5_spaces_as_for_50(principle):
    add_bare_spaces(55)
    spaces = list(Space.objects.filter(slug__startswith="bare-").values_list("pk", flat=True))

    def deliver(space_ids):
        change = Change.objects.create(kind="core.principle", payload={"principle": principle.pk, "version": 9})
        Delivery.objects.bulk_create([Delivery(change=change, space_id=pk) for pk in space_ids])
        with CaptureQueriesContext(connection) as captured:
            assert engine.deliver_batch(change.pk, space_ids) == len(space_ids)
        return len(captured)

    assert deliver(spaces[:5]) == deliver(spaces[5:55])


def test_a_new_version_reaching_spaces_that_have_the_principle_inserts_no_adoption(principle):
    # Each space has its adoption since the first version: the next one only raises it (the
    # insertion of a whole batch's adoptions, all conflicting, was the batch's costliest step).
    change = Change.objects.create(kind="core.principle", payload={"principle": principle.pk, "version": 2})
    spaces = list(Space.objects.values_list("pk", flat=True))
    Delivery.objects.bulk_create([Delivery(change=change, space_id=pk) for pk in spaces])
    with CaptureQueriesContext(connection) as captured:
        assert engine.deliver_batch(change.pk, spaces) == len(spaces)
    assert not [query for query in captured if query["sql"].startswith('INSERT INTO "core_adoption"')]
    assert set(Adoption.objects.filter(principle=principle).values_list("latest_version", flat=True)) == {2}


def test_a_new_principle_reaches_spaces_without_an_adoption(principle, django_capture_on_commit_callbacks):
    Adoption.objects.filter(principle=principle, space__slug="paris").delete()
    publish_new_version(principle, capture=django_capture_on_commit_callbacks)
    adoption = Adoption.objects.get(principle=principle, space__slug="paris")
    assert (adoption.adopted_version, adoption.latest_version) == (0, 2)


def test_a_whole_fan_out_costs_queries_per_batch_not_per_space(principle, django_capture_on_commit_callbacks):
    add_bare_spaces(97)  # 100 spaces with the demo's three

    def fan_out_queries(batch_size: int) -> int:
        with override_settings(SOCLE_SYNC_BATCH_SIZE=batch_size), CaptureQueriesContext(connection) as captured:
            with django_capture_on_commit_callbacks(execute=True):
                publish(principle)
        return len(captured)

    fan_out_queries(batch_size=50)  # the bare spaces' first version of the principle: their adoptions are made
    with_100_spaces = fan_out_queries(batch_size=50)  # 2 batches
    to_close = list(Space.objects.filter(slug__startswith="bare-").values_list("pk", flat=True)[:50])
    Space.objects.filter(pk__in=to_close).update(status=Space.Status.CLOSED)
    with_50_spaces = fan_out_queries(batch_size=25)  # 2 batches
    assert with_100_spaces == with_50_spaces


@override_settings(SOCLE_NOTIFY_BY_EMAIL=True)
def test_editors_are_emailed_once_in_their_spaces_language(principle, django_capture_on_commit_callbacks, mailoutbox):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    editor = get_user_model().objects.create_user("ivan", "ivan@example.org", "pw")
    editor.groups.add(Group.objects.get(name="moscow editors"))
    publish_new_version(principle, note="Деньги и информация", capture=django_capture_on_commit_callbacks)
    assert [message.to for message in mailoutbox] == [["ivan@example.org"]]
    message = mailoutbox[0]
    assert message.subject.startswith("[Сеть NUMA] Обновление принципа")
    assert "Деньги и информация" in message.body and "версию 2" in message.body

    change = Change.objects.get(kind="core.principle", payload__version=2)
    Delivery.objects.filter(change=change).update(state=Delivery.State.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        engine.deliver_batch(change.pk, list(Space.objects.values_list("pk", flat=True)))
    assert len(mailoutbox) == 1
