"""The Celery application. Tasks live in each app's ``tasks.py``."""

import os
from pathlib import Path

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.dev")

app = Celery("socle")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

AUTOGROUP = Path("/proc/self/autogroup")


@signals.worker_init.connect
def yield_to_the_web(**kwargs) -> None:
    """The worker runs at ``SOCLE_WORKER_NICE``, its pool processes too (they inherit it).

    Set here rather than in each way of starting it (systemd, compose, make serve), so that they all
    get it; one started at a lower priority already is left there. A nice value only weighs against
    the processes of the same scheduling group: where Linux groups processes by session
    (autogroups, ``/proc/self/autogroup``), a worker that leads a session of its own (started by a
    supervisor, as make serve does) gives its group the same value, else its pool would yield only
    to itself. Under systemd or in a container, the group is the service's cgroup: its CPU weight
    is set there (deploy/systemd/socle-worker.service, deploy/compose.yaml).
    """
    from django.conf import settings

    nice = settings.SOCLE_WORKER_NICE
    if nice > os.nice(0):
        os.nice(nice - os.nice(0))
    if os.getsid(0) == os.getpid() and AUTOGROUP.exists():
        group_nice = int(AUTOGROUP.read_text().split()[-1])  # "/autogroup-293 nice 0"
        if nice > group_nice:
            AUTOGROUP.write_text(str(nice))
