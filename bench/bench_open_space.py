"""Opening spaces from the playbook, one after another, on PostgreSQL.

Figures: ``open_space_s`` (the median time to open one space, goal ≤ 1 s) and
``open_space_slowdown_ratio`` (100 spaces opened in a row: the last ten against the first ten, each
ten by its median so that one hiccup of a shared machine does not decide; goal ≤ 1.1: opening the
hundredth space costs what opening the first did).
"""

import statistics
import time

from bench.run import Figure

SPACES = 100
LANGUAGES = ["fr,en", "ru,en", "en,hi,kn", "en,kn"]
# Each zone with its country: opening checks that the zone is one of the country's.
ZONES = [("Europe/Paris", "FR"), ("Europe/Moscow", "RU"), ("Asia/Kolkata", "IN"), ("Asia/Kolkata", "IN")]


def run(context: dict) -> list[Figure]:
    from playbook.loading import load_playbook
    from playbook.opening import OpeningRequest, open_space
    from sites.demo.loader import Report, load_core

    load_core(Report())
    load_playbook()
    durations = []
    for number in range(SPACES):
        request = OpeningRequest(
            name=f"Bench space {number}", slug=f"bench-open-{number:03d}", hostname=f"open-{number:03d}.bench.example",
            languages=LANGUAGES[number % 4], time_zone=ZONES[number % 4][0], country=ZONES[number % 4][1],
            city=f"City {number}",
        )  # fmt: skip
        started = time.perf_counter()
        open_space(request)
        durations.append(time.perf_counter() - started)
    first, last = statistics.median(durations[:10]), statistics.median(durations[-10:])
    print(f"  {SPACES} spaces opened: first ten {first:.3f} s each, last ten {last:.3f} s each")
    return [
        Figure("open_space_s", statistics.median(durations), "s", 1.0, samples=tuple(durations)),
        Figure("open_space_slowdown_ratio", last / first, "ratio", 1.1),
    ]
