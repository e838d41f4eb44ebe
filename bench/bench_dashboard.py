"""The coordinators' dashboard over a network of 1,000 spaces, on PostgreSQL.

Figures: ``dashboard_1000_spaces_ms`` (server time of the overview's first page, the median of
ten requests after a warm-up; goal ≤ 300 ms) and ``dashboard_queries`` (its queries, which do not
grow with the number of spaces).
"""

import statistics
import time

from bench.network import build_network
from bench.run import Figure

REQUESTS = 10


def fill_network() -> None:
    """What a network's spaces hold that the dashboard counts: checklists, adoptions, notices, deliveries."""
    from playbook.loading import load_playbook
    from playbook.models import ChecklistStep, Step
    from sites.core.models import Adoption, Notification, Principle
    from sites.spaces.models import Space
    from sites.sync.models import Change, Delivery

    load_playbook()
    if ChecklistStep.objects.exists():
        return
    spaces = list(Space.objects.values_list("pk", flat=True))
    steps = list(Step.objects.all())
    principles = list(Principle.objects.values_list("pk", flat=True))
    ChecklistStep.objects.bulk_create(
        [ChecklistStep(space_id=space, source=step, sort_order=order, title_en=step.title_en,
                       status="done" if (space + order) % 3 else "todo")
         for space in spaces for order, step in enumerate(steps)],
        batch_size=5000,
    )  # fmt: skip
    Adoption.objects.bulk_create(
        [Adoption(space_id=space, principle_id=principle, adopted_version=1, latest_version=1 + (space % 7 == 0))
         for space in spaces for principle in principles],
        batch_size=5000, ignore_conflicts=True,
    )  # fmt: skip
    Notification.objects.bulk_create(
        [Notification(space_id=space, principle_id=principles[0], version=2) for space in spaces if space % 7 == 0],
        ignore_conflicts=True,
    )
    change = Change.objects.create(kind="core.principle", payload={"principle": principles[0], "version": 2})
    Delivery.objects.bulk_create(
        [Delivery(change=change, space_id=space, state="delivered" if space % 5 else "pending") for space in spaces],
        batch_size=5000, ignore_conflicts=True,
    )  # fmt: skip


def run(context: dict) -> list[Figure]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    build_network()
    fill_network()
    user = get_user_model().objects.filter(username="bench-coordinator").first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-coordinator", "bench@example.org", "bench")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    client.get("/admin/network/")  # warm: templates, content types, caches
    durations = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get("/admin/network/")
        durations.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"the dashboard answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get("/admin/network/")
    return [
        Figure(
            "dashboard_1000_spaces_ms",
            round(1000 * statistics.median(durations), 1),
            "ms",
            300.0,
            samples=tuple(round(1000 * each, 1) for each in durations),
        ),
        Figure("dashboard_queries", len(captured), "queries", None),
    ]
