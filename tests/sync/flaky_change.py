"""A change kind for the real-worker tests only, whose delivery fails on its first two attempts.

The attempts are the deliveries' own, counted in the database by the engine, so a worker process
and the test agree on them. A worker imports this module through ``SOCLE_TEST_CELERY_IMPORTS``.
"""

from django.db.models import Max

from sites.sync.models import Delivery
from sites.sync.registry import register

FLAKY_CHANGE = "tests.flaky"
FAILURES = 2


@register(FLAKY_CHANGE)
def deliver_flakily(change, spaces) -> None:
    attempts = Delivery.objects.filter(change=change, space__in=spaces).aggregate(most=Max("attempts"))["most"]
    if attempts < FAILURES:
        raise RuntimeError(f"flaky delivery, attempt {attempts + 1}")
