"""Deliveries through faults: 20 principle publications to 1,000 spaces while the worker is killed
ten times (alternately its pool processes only, and its whole process group, then a new worker is
started as a supervisor would), the broker is killed and started again empty, and flushed.

On a database of its own (``<BENCH_DATABASE_URL>_chaos``: its publications would otherwise mix with
the fan-out benchmark's), a Redis of its own on a free port as the broker (never the machine's), a
prefork worker (concurrency 2) and a beat, all with the production settings of deploy/env.example.
The run (``bench/chaos/scenario.py``) stops by itself: it waits at most 5 minutes after the last fault.

Figures: ``chaos_lost_deliveries`` ((space, version) pairs never delivered, goal 0),
``chaos_duplicate_effects`` (adoptions, notifications and review items beyond one per space and
version, goal 0) and ``chaos_repair_s`` (the last fault to the last delivery, goal ≤ 60 s; the time
waited when deliveries are missing). The faults and their times are in bench/chaos.log, the
processes' output in bench/chaos-{worker,beat,broker}.log.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.chaos.processes import ROOT, free_port
from bench.run import Figure, prepare_database

# Building the network, the faults, five minutes of waiting at most, and stopping: well within this.
RUN_WITHIN = 20 * 60


def run(context: dict) -> list[Figure]:
    database = f"{context['database_url']}_chaos"
    prepare_database(database)
    with tempfile.TemporaryDirectory(prefix="socle-bench-chaos-") as temp:
        figures = Path(temp) / "figures.json"
        command = [sys.executable, "-m", "bench.chaos.scenario", "--database-url", database,
                   "--broker-port", str(free_port()), "--logs", str(ROOT / "bench"),
                   "--figures", str(figures)]  # fmt: skip
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1"}
        scenario = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
        try:
            scenario.wait(timeout=RUN_WITHIN)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"the chaos run did not end within {RUN_WITHIN} s; see bench/chaos.log") from None
        finally:
            if scenario.poll() is None:
                os.killpg(scenario.pid, signal.SIGTERM)  # it stops what it started, then exits
                try:
                    scenario.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(scenario.pid, signal.SIGKILL)
                    scenario.wait()
        if scenario.returncode != 0 or not figures.exists():
            raise RuntimeError(f"the chaos run failed (exit {scenario.returncode}); see bench/chaos.log")
        result = json.loads(figures.read_text())
    return [
        Figure("chaos_lost_deliveries", result["lost"], "pairs", 0),
        Figure("chaos_duplicate_effects", result["duplicates"], "effects", 0),
        Figure("chaos_repair_s", result["repair_s"], "s", 60.0),
    ]
