"""Socle Link between two installs on loopback, each as production runs it (``deploy/serve.py``: its
own database, Redis database, gunicorn, worker and beat, the production settings and the demo).

Figures:
- ``federation_latency_s``: a principle version published on the network's install (through
  Wagtail, as a coordinator does) to applied on the linked install, p50 of several publications;
  goal ≤ 10 s.
- ``federation_catchup_s``: the linked install stopped (Ctrl-C) for 60 s while five versions are
  published, then started again: from the start of its process to every version applied, over
  several outages; goal ≤ 30 s.
- ``federation_lost``: versions published that the linked install never applied (goal 0);
  ``federation_duplicates``: versions it applied more than once (goal 0), over every publication of
  the run, both measures counted from what the linked install recorded for its spaces.
"""

import os
import tempfile
import time
from pathlib import Path

from bench.run import Figure

PUBLICATIONS = 5  # timed one by one for the latency
OUTAGES = 3
OUTAGE_S = 60
PER_OUTAGE = 5
SLUG = "transparency"


def publish(network, note: str) -> tuple[int, float]:
    """A new version of the principle, published through Wagtail on the network's install: its
    number, and when its transaction committed (wall clock, as the other install's rows are read)."""
    from tests.deploy.topology import manage

    out = manage(network, "shell", "-c", f"""
import time
from sites.core.models import Principle
principle = Principle.objects.get(slug="{SLUG}")
principle.statement_ru = "Прозрачность: {note}"
principle.change_note_ru = "{note}"
principle.save_revision().publish()
principle.refresh_from_db()
print(principle.version, time.time())
""")
    version, at = out.strip().splitlines()[-1].split()
    return int(version), float(at)


def applied(moscow) -> list[int]:
    """Every version of the principle the linked install applied, once per time it applied it: each
    application records one change for its spaces."""
    from tests.deploy.topology import query

    rows = query(moscow, """SELECT (c.payload->>'version')::int FROM sync_change c
                            JOIN core_principle p ON p.id = (c.payload->>'principle')::int
                            WHERE c.kind = 'core.principle' AND p.slug = %s ORDER BY c.id""", SLUG)  # fmt: skip
    return [version for (version,) in rows]


def has(moscow, version: int) -> bool:
    from tests.deploy.topology import query

    return query(moscow, "SELECT version FROM core_principle WHERE slug = %s", SLUG)[0][0] >= version


def run(context: dict) -> list[Figure]:
    from tests.deploy.topology import link, two_installs
    from tests.sync.conftest import wait_for

    redis_url = os.environ["BENCH_REDIS_URL"]
    with tempfile.TemporaryDirectory() as logs:
        def directory(name: str) -> Path:
            return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=logs))

        with two_installs(directory, "socle_bench_link", redis_url=redis_url) as installs:
            network, moscow = installs
            link(installs)
            published = []
            latencies = []
            for number in range(PUBLICATIONS):
                version, committed = publish(network, f"latency {number}")
                published.append(version)
                wait_for(lambda version=version: has(moscow, version), 60,
                         f"version {version} to reach the linked install", interval=0.05)  # fmt: skip
                latencies.append(time.time() - committed)
            print(f"  latency of {PUBLICATIONS} publications: " + ", ".join(f"{s:.2f} s" for s in latencies))

            catchups = []
            for outage in range(OUTAGES):
                installs.stop(1)
                for number in range(PER_OUTAGE):
                    published.append(publish(network, f"outage {outage}.{number}")[0])
                time.sleep(OUTAGE_S)
                started = time.time()
                installs.start(1)  # returns once it serves: it may have caught up by then
                moscow = installs[1]
                wait_for(lambda moscow=moscow: has(moscow, published[-1]), 120, "the linked install to catch up",
                         interval=0.05)  # fmt: skip
                catchups.append(time.time() - started)
            print(f"  catch-up after {OUTAGES} outages of {OUTAGE_S} s: " + ", ".join(f"{s:.1f} s" for s in catchups))

            wait_for(lambda: set(published) <= set(applied(moscow)), 30, "every version to be applied")
            seen = [version for version in applied(moscow) if version in set(published)]
            lost = len(set(published) - set(seen))
            duplicates = len(seen) - len(set(seen))
            print(f"  {len(published)} versions published, {len(set(seen))} applied, {duplicates} twice")
    return [
        Figure.of("federation_latency_s", latencies, "s", 10.0),
        Figure.of("federation_catchup_s", catchups, "s", 30.0),
        Figure("federation_lost", lost, "versions", 0),
        Figure("federation_duplicates", duplicates, "versions", 0),
    ]
