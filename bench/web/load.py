"""Load on loopback with wrk, and the page checks made before it."""

import http.client
import json
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.utils.html import escape

from .content import BenchSpace

SCRIPT = Path(__file__).resolve().parent / "rotate_hosts.lua"


@dataclass
class Measure:
    name: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    not_200: int
    socket_errors: int  # connect, read and write errors, and timeouts

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def errors(self) -> int:
        return self.not_200 + self.socket_errors


def wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError("the web benchmark needs wrk: install it with: apt-get install wrk")
    return found


def fetch(port: int, host: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read().decode(errors="replace")
    finally:
        connection.close()


def check_pages(name: str, port: int, path: str, spaces: list[BenchSpace], language: str, query: str = "") -> None:
    """Every space's page answers 200 with its own title and space name (not a 400 from
    ALLOWED_HOSTS, a 404, or another space's page). Also warms the server up: every worker has
    rendered pages and every cache been filled before the measure."""

    def problem(space: BenchSpace) -> str | None:
        status, _headers, body = fetch(port, space.hostname, path + query)
        if status != 200:
            return f"{space.hostname}{path}{query} answered {status}"
        for expected in (space.title[language], space.name[language]):
            if escape(expected) not in body:
                return f"{space.hostname}{path}{query} does not show {expected!r}"
        return None

    with ThreadPoolExecutor(4) as pool:
        problems = [found for found in pool.map(problem, spaces) if found]
    if problems:
        raise RuntimeError(f"{name}: {len(problems)} of {len(spaces)} pages are wrong, e.g. " + "; ".join(problems[:3]))


def measure(name: str, port: int, path: str, hosts: Path, fresh: bool, seconds: int, connections: int,
            log: Path) -> Measure:  # fmt: skip
    """wrk for ``seconds`` over every hostname in turn; ``fresh`` adds a query string that changes on
    every request, which the page cache never serves nor stores."""
    command = [
        wrk(), "--threads", "1", "--connections", str(connections), "--duration", f"{seconds}s", "--timeout", "5s",
        "--latency", "--script", str(SCRIPT), f"http://127.0.0.1:{port}{path}", "--", str(hosts),
        "query" if fresh else "plain",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    with log.open("a") as handle:
        handle.write(f"== {name}: {' '.join(command)}\n{done.stdout}{done.stderr}\n")
    line = next((line for line in done.stdout.splitlines() if line.startswith("WRK_RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"{name}: wrk failed ({done.returncode}): {done.stderr.strip() or done.stdout[-500:]}")
    result = json.loads(line.removeprefix("WRK_RESULT "))
    return Measure(
        name=name,
        requests=result["requests"],
        seconds=result["duration_us"] / 1e6,
        p50_ms=result["p50_us"] / 1000,
        p99_ms=result["p99_us"] / 1000,
        not_200=result["not_200"],
        socket_errors=sum(result[kind] for kind in ("connect", "read", "write", "timeout")),
    )
