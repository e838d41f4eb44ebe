"""The operators' commands: see the sync state, and deliver again what is pending or failed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sites.core.models import Adoption, Principle
from sites.spaces.models import Space
from sites.sync.models import Change, Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def stuck_change():
    """A principle version recorded while the broker was down: no delivery yet."""
    principle = Principle.objects.get(slug="listen")
    return Change.objects.create(kind="core.principle", payload={"principle": principle.pk, "version": 2})


def run(command, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_status_names_what_never_reached_the_broker_and_what_failed(stuck_change):
    paris = Space.objects.get(slug="paris")
    failed = Change.objects.create(
        kind="core.principle", payload={"principle": 1, "version": 5}, dispatched_at=timezone.now()
    )
    Delivery.objects.create(change=failed, space=paris, state="failed", attempts=8, last_error="OperationalError: x")
    out = run("sync_status")
    assert "1 change(s) not yet handed to the broker" in out
    assert f"change {failed.pk} core.principle" in out and "1 failed" in out
    assert "failed: change" in out and "→ paris (NUMA Paris) after 8 attempts: OperationalError: x" in out


def test_redeliver_delivers_pending_changes_here_with_progress(stuck_change):
    out = run("sync_redeliver")
    total = Space.objects.count()
    assert f"[{total}/{total}] change {stuck_change.pk}" in out
    assert Delivery.objects.filter(change=stuck_change, state="delivered").count() == total
    assert Adoption.objects.filter(principle_id=stuck_change.payload["principle"], latest_version=2).count() == total
    assert "Every change is delivered" in run("sync_status")


def test_redeliver_retries_failed_deliveries_only_when_asked(stuck_change):
    run("sync_redeliver")
    Delivery.objects.filter(change=stuck_change).update(state="failed", attempts=8)
    assert "Nothing to deliver." in run("sync_redeliver")
    run("sync_redeliver", "--failed")
    assert not Delivery.objects.filter(change=stuck_change).exclude(state="delivered").exists()


def test_an_unknown_change_or_space_is_named():
    with pytest.raises(CommandError, match="No change has the number 999999"):
        run("sync_redeliver", "--change", "999999")
    with pytest.raises(CommandError, match="No space has the slug 'atlantis'"):
        run("sync_status", "--space", "atlantis")
