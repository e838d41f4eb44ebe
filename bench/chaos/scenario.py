"""The chaos run itself, in a process of its own on the chaos database (``python -m bench.chaos.scenario``).

It builds the network, starts a broker, a worker and a beat, publishes principles while it kills the
worker, restarts and flushes the broker, then waits (bounded) until every open space has every
version, and writes its figures as JSON to ``--figures``. Each step is logged with its time to
chaos.log in ``--logs``. Whatever happens, every process it started is stopped before it exits.
"""

import argparse
import json
import os
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.chaos.processes import Broker, Group, celery, production_env

PUBLISHES = 20
PUBLISH_EVERY = 5.0  # seconds: the 20 publications spread over 95 s
KILLS = 10  # of the worker, one every 10 s, alternately its pool processes only and its whole group
SUPERVISOR_PAUSE = 1.0  # seconds before a killed worker is started again, as `make serve` waits
REPAIR_WITHIN = 300  # seconds after the last fault before the run gives up waiting and counts what is missing
SPACES_WITH_PRACTICES = 50  # spaces given a tree of their own with a practice, so deliveries make review items


def schedule() -> list[tuple[float, str]]:
    """(seconds from the start, what happens), in order.

    A publication falls inside the broker's outage, and the flush comes half a second after another,
    while its fan-out is still queued.
    """
    events = [(n * PUBLISH_EVERY, "publish") for n in range(PUBLISHES)]
    events += [(3.0 + 10 * n, "kill pool" if n % 2 == 0 else "kill worker") for n in range(KILLS)]
    events += [(48.5, "broker down"), (51.5, "broker up"), (75.5, "flush broker")]
    return sorted(events)


class Journal:
    """The run's details, line by line with their time, to the log and the console."""

    def __init__(self, path: Path):
        self.file = path.open("w")
        self.started = time.monotonic()

    def __call__(self, message: str) -> None:
        now = datetime.now(UTC).strftime("%H:%M:%S.%f")[:-3]
        line = f"{now} +{time.monotonic() - self.started:6.1f}s  {message}"
        self.file.write(line + "\n")
        self.file.flush()
        print(f"  {line}", flush=True)


def build_network(journal: Journal) -> None:
    """The 1,000 spaces of the other benchmarks; some get a home of their own holding a practice."""
    from django.core.management import call_command
    from wagtail.models import Page, Site

    from bench.bench_fanout import build_network as build_spaces
    from sites.celery import app
    from sites.core.models import PracticeIndexPage, PracticePage, Principle
    from sites.spaces.models import HomePage, Space

    call_command("migrate", verbosity=0, interactive=False)
    call_command("update_translation_fields", verbosity=0)
    # In this process, before the broker is up: the core's first versions are fanned out as they are
    # published, to no space yet, and nothing is left for the re-dispatcher to find during the run.
    app.conf.task_always_eager = True
    try:
        build_spaces()
    finally:
        app.conf.task_always_eager = False
    root = Page.get_first_root_node()
    principles = list(Principle.objects.all())
    for space in Space.objects.order_by("pk")[:SPACES_WITH_PRACTICES]:
        home = root.add_child(instance=HomePage(slug=f"chaos-{space.slug}", title_en=f"Chaos {space.slug}"))
        index = home.add_child(instance=PracticeIndexPage(slug="practices", title_en="Practices"))
        practice = PracticePage(slug="practice", title_en="A practice", summary_en="Lives every principle")
        practice.principles = principles
        index.add_child(instance=practice)
        Site.objects.filter(pk=space.site_id).update(root_page=home)
    journal(f"network: {Space.objects.count()} open spaces, {SPACES_WITH_PRACTICES} with a practice of their own")


def publish_next(number: int) -> tuple[int, int]:
    """Publish the next version of a principle, taking them in turn: (principle id, version)."""
    from sites.core.models import Principle
    from sites.core.publishing import publish

    principles = list(Principle.objects.order_by("pk"))
    principle = principles[number % len(principles)]
    return principle.pk, publish(principle).number


def changes_of(published: list[tuple[int, int]]) -> list[int]:
    from sites.core.publishing import PRINCIPLE_CHANGE
    from sites.sync.models import Change

    found = []
    for principle_id, version in published:
        change = Change.objects.filter(
            kind=PRINCIPLE_CHANGE, payload__principle=principle_id, payload__version=version
        ).first()
        if change is not None:
            found.append(change.pk)
    return found


def delivered(change_ids: list[int]) -> int:
    from sites.sync.models import Delivery

    return Delivery.objects.filter(change_id__in=change_ids, state=Delivery.State.DELIVERED).count()


def open_spaces() -> int:
    from sites.spaces.models import Space

    return Space.objects.exclude(status=Space.Status.CLOSED).count()


def duplicate_effects() -> dict[str, int]:
    """What one delivery creates, beyond one per space and version (adoptions: per space and principle)."""
    from django.db import connection

    counts = {
        "adoptions": "SELECT count(*) - count(DISTINCT (space_id, principle_id)) FROM core_adoption",
        "notifications": "SELECT count(*) - count(DISTINCT (space_id, principle_id, version)) FROM core_notification",
        "review items": "SELECT count(*) - count(DISTINCT (space_id, practice_id, principle_id, to_version)) "
        "FROM core_reviewitem",
    }
    with connection.cursor() as cursor:
        result = {}
        for name, sql in counts.items():
            cursor.execute(sql)
            result[name] = cursor.fetchone()[0]
    return result


def effects_made() -> dict[str, int]:
    from sites.core.models import Adoption, Notification, ReviewItem

    return {
        "adoptions": Adoption.objects.count(),
        "notifications": Notification.objects.count(),
        "review items": ReviewItem.objects.count(),
    }


def missing(change_ids: list[int], spaces: int) -> list[str]:
    """Per change not delivered everywhere: how many spaces lack it, and in which state their deliveries are."""
    from django.db.models import Count

    from sites.sync.models import Change, Delivery

    lines = []
    for change in Change.objects.filter(pk__in=change_ids).order_by("pk"):
        rows = Delivery.objects.filter(change=change).values("state").annotate(n=Count("pk"))
        states = {row["state"]: row["n"] for row in rows}
        absent = spaces - sum(states.values())
        if states.get(Delivery.State.DELIVERED, 0) < spaces:
            lines.append(
                f"change #{change.pk} ({change.payload}): dispatched {change.dispatched_at or 'never'}, "
                f"deliveries {states or 'none'}, {absent} spaces without a delivery row"
            )
    return lines


def slowest(change_ids: list[int], count: int = 3) -> list[str]:
    """The changes that took longest from their publication to their last delivery: where repair was slow."""
    from django.db.models import Max, Q

    from sites.sync.models import Change, Delivery

    rows = Change.objects.filter(pk__in=change_ids).annotate(
        last=Max("deliveries__delivered_at", filter=Q(deliveries__state=Delivery.State.DELIVERED))
    )
    delivered_rows = sorted((row for row in rows if row.last), key=lambda row: row.last - row.created_at, reverse=True)
    return [
        f"change #{row.pk} ({row.payload}) recorded {row.created_at:%H:%M:%S}, last delivered "
        f"{row.last:%H:%M:%S} ({(row.last - row.created_at).total_seconds():.1f} s)"
        for row in delivered_rows[:count]
    ]


class Chaos:
    """The processes of the run and the faults it injects into them."""

    def __init__(self, database_url: str, broker_port: int, logs: Path, journal: Journal):
        self.journal = journal
        self.env = production_env(database_url, broker_port)
        self.broker = Broker(broker_port, logs / "chaos-broker.log")
        self.worker_log, self.beat_log = logs / "chaos-worker.log", logs / "chaos-beat.log"
        for log in (self.broker.log, self.worker_log, self.beat_log):
            log.write_bytes(b"")
        self.groups: list[Group] = [self.broker]
        self.worker: Group | None = None

    def start(self) -> None:
        self.broker.start()
        self.start_worker()
        beat = celery("beat", self.env, self.beat_log)
        beat.start()
        self.groups.append(beat)
        self.journal(f"broker (port {self.broker.port}), worker (pid {self.worker.pid}) and beat (pid {beat.pid}) up")

    def start_worker(self) -> None:
        self.worker = celery("worker", self.env, self.worker_log)
        self.worker.start()
        self.groups.append(self.worker)

    def wait_worker_ready(self, within: float = 120) -> None:
        deadline = time.monotonic() + within
        while self.worker_log.read_bytes().count(b" ready.") < 1:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start; see {self.worker_log}")
            time.sleep(0.2)

    def inject(self, fault: str) -> str:
        """Do it; what was done, for the journal."""
        if fault == "kill pool":
            children = self.worker.children()
            for pid in children:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            return f"SIGKILL the worker's pool processes {children} (the worker itself starts others)"
        if fault == "kill worker":
            old = self.worker.pid
            self.worker.kill_group()
            time.sleep(SUPERVISOR_PAUSE)
            self.start_worker()
            return f"SIGKILL the worker's process group {old}; a new worker started (pid {self.worker.pid})"
        if fault == "broker down":
            self.broker.kill_group()
            return f"SIGKILL the broker (redis-server on port {self.broker.port})"
        if fault == "broker up":
            self.broker.start()
            return "broker started again on the same port, empty"
        if fault == "flush broker":
            self.broker.flushall()
            return "FLUSHALL on the broker: every queued and unacknowledged message gone"
        raise ValueError(fault)

    def stop(self) -> None:
        for group in reversed(self.groups):
            group.stop()


def run(database_url: str, broker_port: int, logs: Path, figures: Path) -> None:
    import django

    journal = Journal(logs / "chaos.log")
    chaos = Chaos(database_url, broker_port, logs, journal)
    # This process publishes as the web would, with the same settings; only its own log is quieter.
    os.environ.update({**chaos.env, "LOG_LEVEL": "WARNING"})
    django.setup()
    build_network(journal)
    spaces = open_spaces()
    try:
        chaos.start()
        chaos.wait_worker_ready()
        journal("worker ready; the chaos begins")
        published: list[tuple[int, int]] = []
        started = time.monotonic()
        last_fault = None
        for at, event in schedule():
            time.sleep(max(0.0, started + at - time.monotonic()))
            if event == "publish":
                principle_id, version = publish_next(len(published))
                published.append((principle_id, version))
                journal(f"publish #{len(published)}: principle {principle_id} version {version}")
            else:
                journal(chaos.inject(event))
                last_fault = datetime.now(UTC)
        change_ids = changes_of(published)
        expected = PUBLISHES * spaces
        journal(f"last fault at {last_fault:%H:%M:%S}; waiting up to {REPAIR_WITHIN} s for {expected} deliveries")
        deadline = time.monotonic() + REPAIR_WITHIN
        reported = time.monotonic()
        while (done := delivered(change_ids)) < expected and time.monotonic() < deadline:
            if time.monotonic() - reported >= 30:
                journal(f"{done} of {expected} delivered")
                reported = time.monotonic()
            time.sleep(1)
        results = measure(change_ids, expected, spaces, last_fault, journal)
    finally:
        chaos.stop()
        journal("every process of the run stopped")
    figures.write_text(json.dumps(results))


def measure(change_ids: list[int], expected: int, spaces: int, last_fault: datetime, journal: Journal) -> dict:
    from django.db.models import Max

    from sites.sync.models import Delivery

    done = delivered(change_ids)
    lost = expected - done
    last = Delivery.objects.filter(change_id__in=change_ids, state=Delivery.State.DELIVERED).aggregate(
        last=Max("delivered_at")
    )["last"]
    if lost:
        repair = REPAIR_WITHIN  # not repaired: the time waited, a lower bound
        journal(f"NOT REPAIRED after {REPAIR_WITHIN} s: {lost} of {expected} (space, version) pairs missing")
        for line in missing(change_ids, spaces):
            journal(f"  missing: {line}")
    else:
        repair = max(0.0, (last - last_fault).total_seconds())
        journal(f"every open space has every version; last delivery at {last:%H:%M:%S.%f}")
    for line in slowest(change_ids):
        journal(f"  slowest: {line}")
    duplicates = duplicate_effects()
    journal(f"effects: {effects_made()}; beyond one per space and version: {duplicates}")
    return {"lost": lost, "duplicates": sum(duplicates.values()), "repair_s": round(repair, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--broker-port", type=int, required=True)
    parser.add_argument("--logs", type=Path, required=True, help="folder of chaos.log and the processes' logs")
    parser.add_argument("--figures", type=Path, required=True, help="where the figures are written (JSON)")
    options = parser.parse_args()

    def on_term(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")  # runs the finally blocks: nothing is left behind

    signal.signal(signal.SIGTERM, on_term)
    run(options.database_url, options.broker_port, options.logs, options.figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
