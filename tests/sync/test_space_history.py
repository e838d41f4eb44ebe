"""A space that closes or is deleted stops waiting for changes, and its delivery history stays."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from playbook.lifecycle import close
from sites.core.models import Principle
from sites.spaces.models import Space
from sites.sync import engine
from sites.sync.models import Change, Delivery
from tests.helpers import add_bare_spaces

pytestmark = pytest.mark.django_db


@pytest.fixture
def change():
    principle = Principle.objects.get(slug="listen")
    return Change.objects.create(kind="core.principle", payload={"principle": principle.pk, "version": 2})


def status(*args) -> str:
    out = StringIO()
    call_command("sync_status", *args, stdout=out)
    return out.getvalue()


def test_a_closed_space_skips_what_it_waited_for_and_is_left_out_of_later_fan_outs(change):
    moscow = Space.objects.get(slug="moscow")
    engine.create_deliveries(change.pk)
    close(moscow, reason="The lease ended")

    waited = Delivery.objects.get(change=change, space=moscow)
    assert (waited.state, waited.skip_reason) == (Delivery.State.SKIPPED, Delivery.SkipReason.CLOSED)
    others = Delivery.objects.filter(change=change).exclude(space=moscow)
    assert set(others.values_list("state", flat=True)) == {Delivery.State.PENDING}  # positive control

    later = Change.objects.create(kind="core.principle", payload=change.payload | {"version": 3})
    engine.fan_out(later.pk)
    assert not Delivery.objects.filter(change=later, space=moscow).exists()
    assert Delivery.objects.filter(change=later, state=Delivery.State.DELIVERED).count() == Space.objects.count() - 1

    out = status("--all")
    assert f"change {change.pk} core.principle" in out and "1 skipped" in out
    assert f"skipped: change {change.pk} → moscow ({moscow.name}): The space closed" in out


def test_a_batch_reaching_a_space_closed_since_the_fan_out_skips_it(change):
    engine.create_deliveries(change.pk)
    bangalore = Space.objects.get(slug="bangalore")
    Space.objects.filter(pk=bangalore.pk).update(status=Space.Status.CLOSED)  # closed while the batch waited

    delivered = engine.deliver_batch(change.pk, list(Space.objects.values_list("pk", flat=True)))
    assert delivered == Space.objects.count() - 1
    skipped = Delivery.objects.get(change=change, space=bangalore)
    assert (skipped.state, skipped.skip_reason) == (Delivery.State.SKIPPED, Delivery.SkipReason.CLOSED)


def test_a_deleted_space_keeps_its_deliveries_with_its_name(change):
    (space,) = add_bare_spaces(1, prefix="gone")
    delivered = Change.objects.create(kind="core.principle", payload=change.payload | {"version": 1})
    Delivery.objects.create(change=delivered, space=space, state=Delivery.State.DELIVERED, delivered_at=timezone.now())
    engine.create_deliveries(change.pk)  # pending for the space when it goes

    Space.objects.get(pk=space.pk).delete()

    history = Delivery.objects.filter(space_slug="gone-00000", space=None)
    assert set(history.values_list("change_id", "state", "skip_reason")) == {
        (delivered.pk, Delivery.State.DELIVERED, ""),
        (change.pk, Delivery.State.SKIPPED, Delivery.SkipReason.DELETED),
    }
    assert set(history.values_list("space_name", flat=True)) == {"gone-00000.example.org"}

    out = status("--space", "gone-00000", "--all")
    assert f"skipped: change {change.pk} → gone-00000 (gone-00000.example.org, deleted): The space was deleted" in out
    assert "0 pending" in out and "1 delivered" in out
