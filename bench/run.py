"""``make bench``: run every benchmark in bench/ on PostgreSQL and Redis, print each figure with its
goal, and merge them into bench/results.json: ``{"name": {"value", "unit", "goal", "lower_is_better",
"min", "max", "measured_at"}}``, ``min`` and ``max`` being the spread of the runs behind this
measurement's value (a figure measured once has its value for both).

Each ``bench_*.py`` module defines ``run(context) -> list[Figure]``. The benchmarks share a database
of their own (``BENCH_DATABASE_URL``), built afresh for each run. Names given as arguments run those
benchmarks only (``bench/run.py chaos fanout``: bench_chaos.py and bench_fanout.py).
"""

import importlib
import json
import os
import sys
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


def entry(figure: Figure, now: str) -> dict:
    """The figure's entry in results.json."""
    seen = figure.samples or (figure.value,)
    return {
        "value": figure.value,
        "unit": figure.unit,
        "goal": figure.goal,
        "lower_is_better": figure.lower_is_better,
        "min": min(seen),
        "max": max(seen),
        "measured_at": now,
    }


def main() -> int:
    sys.path.insert(0, str(ROOT))
    url = os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/socle_bench")
    os.environ.setdefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.test")
    if not url.startswith("postgres"):
        print("Benchmarks run on PostgreSQL: set DATABASE_URL (or BENCH_DATABASE_URL) to one.")
        return 2
    prepare_database(url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("update_translation_fields", verbosity=0)

    chosen = sorted((ROOT / "bench").glob("bench_*.py"))
    if sys.argv[1:]:
        unknown = set(sys.argv[1:]) - {path.stem.removeprefix("bench_") for path in chosen}
        if unknown:
            print(f"No benchmark named {', '.join(sorted(unknown))} in bench/.")
            return 2
        chosen = [path for path in chosen if path.stem.removeprefix("bench_") in sys.argv[1:]]
    figures: list[Figure] = []
    for path in chosen:
        module = importlib.import_module(f"bench.{path.stem}")
        print(f"== {path.stem}")
        figures += module.run({"database_url": url, "broker_url": os.environ["BENCH_REDIS_URL"]})

    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    failed = 0
    for figure in figures:
        goal = "" if figure.goal is None else f" (goal {'≤' if figure.lower_is_better else '≥'} {figure.goal})"
        verdict = "" if figure.goal is None else ("  ok" if figure.met else "  MISSED")
        print(f"{figure.name:32} {figure.value:>10.3f} {figure.unit}{goal}{verdict}")
        failed += not figure.met
        results[figure.name] = entry(figure, now)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"merged into {RESULTS.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
