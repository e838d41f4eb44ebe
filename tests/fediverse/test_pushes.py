"""A space's followers are told of its shared events: Create when shared, Update for each change
(a cancellation too), Delete when unpublished, deleted or narrowed to chosen spaces; once per
server (its shared inbox), signed; asked again while a server is away, never again once it refuses."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from sites.fediverse import pushes, tasks
from sites.fediverse.models import Follower, Push
from sites.spaces.models import Space
from tests.events.conftest import deliver, new_event, publish  # noqa: F401

from .conftest import HOST, SPACE_ACTOR
from .test_follow import verify_as_the_space

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(fediverse, deliver):  # noqa: F811
    """Anna and Boris, on the same server, follow Moscow; what the server received so far is set aside."""
    for name in ("anna", "boris"):
        account = fediverse.account(name)
        assert deliver(account.post, account.follow()).status_code == 202
    fediverse.received.clear()
    return fediverse


def told(server) -> list[tuple[str, str]]:
    return [(activity["type"], activity["object"]["type"]) for activity in server.activities("/inbox")
            if activity["type"] != "Accept"]  # fmt: skip


def test_followers_are_told_of_each_change_of_a_shared_event(followed, deliver):  # noqa: F811
    event = new_event("moscow", "fedi-breakfast", title_ru="Завтрак")
    deliver(publish, event)
    [(path, headers, body)] = followed.received  # once for the server, at its shared inbox
    assert path == "/inbox" and verify_as_the_space(path, headers, body) == SPACE_ACTOR + "#main-key"
    [create] = followed.activities()
    assert create["type"] == "Create" and create["actor"] == SPACE_ACTOR
    assert create["object"]["name"] == "Завтрак" and create["object"]["id"].startswith(f"http://{HOST}/ru/events/")

    event.cancelled = True
    deliver(publish, event)
    update = followed.activities()[-1]
    assert update["type"] == "Update" and update["object"]["eventStatus"].endswith("/EventCancelled")
    assert update["object"]["id"] == create["object"]["id"] and update["id"] != create["id"]

    deliver(event.unpublish)
    delete = followed.activities()[-1]
    assert delete["type"] == "Delete" and delete["object"] == {**delete["object"], "id": create["object"]["id"],
                                                              "type": "Tombstone"}  # fmt: skip
    assert told(followed) == [("Create", "Event"), ("Update", "Event"), ("Delete", "Tombstone")]
    assert Push.objects.filter(state=Push.State.DELIVERED).count() == 3 + 2  # and the two Accepts


def test_narrowing_an_event_to_chosen_spaces_deletes_it_from_the_fediverse(followed, deliver):  # noqa: F811
    event = deliver(publish, new_event("moscow", "fedi-narrowed", title_ru="Только для своих"))
    event.scope = "chosen"
    event.target_spaces = [Space.objects.get(slug="paris")]
    deliver(publish, event)
    assert told(followed) == [("Create", "Event"), ("Delete", "Tombstone")]


def test_events_not_shared_with_the_network_are_not_told(followed, deliver):  # noqa: F811
    deliver(publish, new_event("moscow", "fedi-local", scope="local", title_ru="Чай"))
    deliver(publish, new_event("paris", "fedi-paris", title_fr="Petit-déjeuner"))  # Paris has no followers
    assert told(followed) == [] and not Push.objects.exclude(activity__type="Accept").exists()


def test_a_server_that_is_away_is_asked_again_until_it_takes_it(followed, deliver):  # noqa: F811
    followed.answer = 503
    deliver(publish, new_event("moscow", "fedi-retry", title_ru="Повтор"))
    owed = Push.objects.get(activity__type="Create")
    assert owed.state == Push.State.PENDING and owed.attempts == 1 and "503" in owed.last_error
    assert owed.retry_at > timezone.now() + timedelta(seconds=50)  # a minute's pause first

    # Not yet due: the re-dispatcher (run by beat every minute) leaves it.
    assert pushes.redispatch() == 0
    followed.answer = 202
    beat = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "sites.fediverse.tasks.redispatch_task" in beat
    deliver(pushes.redispatch, owed.retry_at + timedelta(seconds=1))
    owed.refresh_from_db()
    assert owed.state == Push.State.DELIVERED and owed.attempts == 2 and owed.last_error == ""
    assert told(followed) == [("Create", "Event"), ("Create", "Event")]  # refused once, then taken


def test_a_server_that_refuses_is_not_asked_again(followed, deliver):  # noqa: F811
    followed.answer = 403
    deliver(publish, new_event("moscow", "fedi-refused", title_ru="Отказ"))
    refused = Push.objects.get(activity__type="Create")
    assert refused.state == Push.State.FAILED and "403" in refused.last_error
    assert pushes.redispatch(timezone.now() + timedelta(days=3)) == 0


def test_a_push_the_broker_never_got_is_handed_again(followed, deliver, monkeypatch):  # noqa: F811
    def broker_down(push_id):
        raise ConnectionError("broker down")

    with monkeypatch.context() as broker:
        broker.setattr(tasks.push_task, "delay", broker_down)
        broker.setitem(tasks.push_task.app.conf, "task_always_eager", False)  # a broker stands in
        deliver(publish, new_event("moscow", "fedi-lost", title_ru="Потеряно"))
    owed = Push.objects.get(activity__type="Create")
    assert owed.state == Push.State.PENDING and owed.attempts == 0 and told(followed) == []
    deliver(pushes.redispatch, owed.retry_at + timedelta(seconds=1))
    owed.refresh_from_db()
    assert owed.state == Push.State.DELIVERED and told(followed) == [("Create", "Event")]


def test_a_server_that_says_the_inbox_is_gone_loses_its_followers(followed, deliver):  # noqa: F811
    followed.answer = 404  # positive control: a refusal fails the push but keeps the followers
    deliver(publish, new_event("moscow", "fedi-not-found", title_ru="Не найдено"))
    assert Follower.objects.count() == 2

    followed.answer = 410
    deliver(publish, new_event("moscow", "fedi-gone", title_ru="Нет больше"))
    gone = Push.objects.get(activity__object__name="Нет больше")
    assert gone.state == Push.State.FAILED and "gone (410)" in gone.last_error
    assert not Follower.objects.exists()
    deliver(publish, new_event("moscow", "fedi-after", title_ru="После"))
    assert not Push.objects.filter(activity__object__name="После").exists()  # no one left to tell
