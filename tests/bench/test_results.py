"""What `make bench` writes and prints of its figures (bench/run.py): medians, spreads, goals missed."""

import json

from bench.run import Figure, line, write_results


def test_a_figure_of_several_runs_is_their_median_with_their_spread():
    figure = Figure.of("page_p50_ms", [9.0, 4.0, 5.0, 30.0, 6.0], "ms", 10.0)

    assert figure.value == 6.0
    assert (min(figure.samples), max(figure.samples)) == (4.0, 30.0)


def test_the_results_file_is_rewritten_whole_with_unit_direction_median_and_spread(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"a_figure_no_longer_measured": {"value": 1}}))

    write_results(
        [Figure.of("page_cached_rps", [1490.0, 1620.0, 1580.0], "req/s", 1500, lower_is_better=False),
         Figure("page_queries_cached", 0, "queries", 0)],
        path,
    )  # fmt: skip

    results = json.loads(path.read_text())
    assert set(results) == {"page_cached_rps", "page_queries_cached"}
    rps = results["page_cached_rps"]
    assert (rps["value"], rps["median"], rps["min"], rps["max"], rps["runs"]) == (1580.0, 1580.0, 1490.0, 1620.0, 3)
    assert (rps["unit"], rps["goal"], rps["lower_is_better"]) == ("req/s", 1500, False)
    assert rps["measured_at"].endswith("+00:00")
    once = results["page_queries_cached"]
    assert (once["min"], once["max"], once["runs"]) == (0, 0, 1)


def test_a_missed_goal_is_printed_as_missed_in_either_direction():
    assert line(Figure("admin_publish_ms", 620.0, "ms", 500)).endswith("MISSED")
    assert line(Figure("admin_publish_ms", 420.0, "ms", 500)).endswith("ok")
    too_slow = Figure.of("page_cached_rps", [1400.0, 1450.0, 1700.0], "req/s", 1500, lower_is_better=False)
    assert "MISSED" in line(too_slow)
    assert "MISSED" not in line(Figure("fanout_queries_per_space", 0.2, "queries", None))
