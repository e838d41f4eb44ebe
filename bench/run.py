"""``make bench``: run every benchmark in bench/ on PostgreSQL and Redis, print each figure with its
goal (and MISSED where it misses it), and write them to bench/results.json, rewritten whole by each
run: ``{"name": {"value", "unit", "goal", "lower_is_better", "median", "min", "max", "runs",
"measured_at"}}``. A timing is measured over several runs (``Figure.of``): its value is their
median, ``min`` and ``max`` their spread; a count measured once has its value for all three.

A benchmark that fails is reported and the others still run: every figure measured is written.

Each ``bench_*.py`` module defines ``run(context) -> list[Figure]``. The benchmarks share a database
of their own (``BENCH_DATABASE_URL``), made afresh for each run from a template holding the migrated
schema and the benchmarks' network (``bench/network.py``): building that network takes minutes, so the
template (``socle_bench_network_<fingerprint>``) is kept between runs and built again only when what
it is made from changed (the migrations, the translated fields, the network's code and texts, the locked
packages). Names given as arguments run those
benchmarks only (``bench/run.py chaos fanout``: bench_chaos.py and bench_fanout.py).
"""

import hashlib
import importlib
import json
import os
import statistics
import sys
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    goal: float | None
    lower_is_better: bool = True
    # The runs the value sums up (its median, say), for their spread; empty: measured once.
    samples: tuple[float, ...] = ()

    @classmethod
    def of(cls, name: str, samples, unit: str, goal: float | None, lower_is_better: bool = True,
           digits: int = 3) -> "Figure":  # fmt: skip
        """A figure measured over several runs: their median, with their spread."""
        samples = tuple(round(each, digits) for each in samples)
        if not samples:
            raise ValueError(f"{name}: no run to sum up")
        return cls(name, round(statistics.median(samples), digits), unit, goal, lower_is_better, samples)

    @property
    def met(self) -> bool:
        if self.goal is None:
            return True
        return self.value <= self.goal if self.lower_is_better else self.value >= self.goal


def prepare_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# What the template database is made from: a change to any of these builds it again.
TEMPLATE_SOURCES = (
    "sites/**/migrations/*.py",
    "playbook/**/migrations/*.py",
    "sites/**/translation.py",
    "sites/settings/base.py",
    "sites/demo/data/core.json",
    "sites/demo/data/spaces/*.json",
    "bench/network.py",
    "bench/web/content.py",
    "deploy/requirements/runtime.txt",
)


def template_fingerprint() -> str:
    digest = hashlib.sha256()
    for pattern in TEMPLATE_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _server(url: str):
    import psycopg

    return psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True)


def template_name(fingerprint: str) -> str:
    """Named by what it was made from: runs of different code (two work trees) never share a wrong one."""
    return f"socle_bench_network_{fingerprint}"


def template_exists(url: str, template: str) -> bool:
    with _server(url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone() is not None


def copy_template(url: str, template: str) -> None:
    """This run's database, a copy of the kept template (a file copy: seconds, not minutes)."""
    name = url.rsplit("/", 1)[1]
    with _server(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def keep_as_template(url: str, template: str) -> None:
    """Keep the freshly built database as the template of the next runs (no session may be open on it)."""
    name = url.rsplit("/", 1)[1]
    with _server(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')


def analyze(url: str) -> None:
    """Planner statistics, as a production database has them (autovacuum never analyzes a fresh copy):
    without them PostgreSQL plans some of Wagtail's queries as loops over every page."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def build_database(url: str) -> None:
    """This run's database: the template's copy, or built (migrated, the network added) and kept as the template."""
    from django.core.management import call_command
    from django.db import connections

    template = template_name(template_fingerprint())
    if template_exists(url, template):
        copy_template(url, template)
        analyze(url)
        print(f"   the network: copied from {template}")
        return
    prepare_database(url)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("update_translation_fields", verbosity=0)
    from bench.network import build_network

    build_network()
    connections.close_all()
    analyze(url)
    keep_as_template(url, template)


def entry(figure: Figure, now: str) -> dict:
    """The figure's entry in results.json."""
    seen = figure.samples or (figure.value,)
    return {
        "value": figure.value,
        "unit": figure.unit,
        "goal": figure.goal,
        "lower_is_better": figure.lower_is_better,
        "median": statistics.median(seen),
        "min": min(seen),
        "max": max(seen),
        "runs": len(seen),
        "measured_at": now,
    }


def line(figure: Figure) -> str:
    """The figure as printed: its value, its goal and whether it met it, the spread of its runs."""
    goal = "" if figure.goal is None else f" (goal {'≤' if figure.lower_is_better else '≥'} {figure.goal})"
    verdict = "" if figure.goal is None else ("  ok" if figure.met else "  MISSED")
    spread = f" [{min(figure.samples)}–{max(figure.samples)}, {len(figure.samples)} runs]" if figure.samples else ""
    return f"{figure.name:36} {figure.value:>10.3f} {figure.unit}{goal}{verdict}{spread}"


def write_results(figures: list[Figure], path: Path = RESULTS) -> None:
    """Every figure of this run, and only those: a figure no longer measured does not linger."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    results = {figure.name: entry(figure, now) for figure in figures}
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    url = os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/socle_bench")
    os.environ.setdefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.test")
    if not url.startswith("postgres"):
        print("Benchmarks run on PostgreSQL: set DATABASE_URL (or BENCH_DATABASE_URL) to one.")
        return 2

    import django

    django.setup()
    build_database(url)

    chosen = sorted((ROOT / "bench").glob("bench_*.py"))
    if sys.argv[1:]:
        unknown = set(sys.argv[1:]) - {path.stem.removeprefix("bench_") for path in chosen}
        if unknown:
            print(f"No benchmark named {', '.join(sorted(unknown))} in bench/.")
            return 2
        chosen = [path for path in chosen if path.stem.removeprefix("bench_") in sys.argv[1:]]
    figures: list[Figure] = []
    broken = []
    for path in chosen:
        print(f"== {path.stem}", flush=True)
        try:
            module = importlib.import_module(f"bench.{path.stem}")
            measured = module.run({"database_url": url, "broker_url": os.environ["BENCH_REDIS_URL"]})
        except Exception:  # the next benchmarks still run, and what was measured is still written
            traceback.print_exc()
            broken.append(path.stem)
            continue
        for figure in measured:
            print(line(figure), flush=True)
        figures += measured
        write_results(figures)  # after each benchmark: a run cut short keeps what it measured

    print("== all figures")
    for figure in figures:
        print(line(figure))
    missed = [figure for figure in figures if not figure.met]
    print(f"{len(figures)} figures written to {RESULTS.relative_to(ROOT)}")
    if missed:
        print(f"MISSED: {', '.join(figure.name for figure in missed)}")
    if broken:
        print(f"FAILED to measure: {', '.join(broken)} (see above)")
    return 1 if missed or broken else 0


if __name__ == "__main__":
    sys.exit(main())
