"""deploy/serve.py's supervision alone, with stand-ins for its processes: a worker that keeps dying is
started again after a pause that doubles each time, while the web is left running."""

import importlib.util
import re
import sys
import threading
from pathlib import Path

import pytest

from tests.sync.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def serve(monkeypatch):
    """deploy/serve.py as a module, its log lines kept in ``serve.lines``."""
    spec = importlib.util.spec_from_file_location("serve", ROOT / "deploy" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.lines = []
    monkeypatch.setattr(module, "log", module.lines.append)
    return module


def stand_in(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_worker_that_keeps_dying_is_started_again_after_pauses_that_double(serve):
    web = serve.Supervised("web", stand_in("import time; time.sleep(120)"), {}, restart=False)
    worker = serve.Supervised("worker", stand_in("import sys; sys.exit(3)"), {})
    stopping = threading.Event()
    statuses = []
    nothing_answers = 9  # the discard port: the stand-in web is never "ready", which changes nothing here
    supervisor = threading.Thread(
        target=lambda: statuses.append(serve.supervise([web, worker], nothing_answers, stopping))
    )
    supervisor.start()

    def deaths() -> list[str]:
        return [line for line in serve.lines if line.startswith("worker died")]

    try:
        wait_for(lambda: len(deaths()) >= 4, 60, "the worker to die four times")
    finally:
        stopping.set()
        supervisor.join(timeout=30)
        serve.stop([web, worker])
    died = deaths()
    assert all("(exit status 3," in line for line in died), died
    assert [int(re.search(r"in (\d+)s$", line).group(1)) for line in died[:4]] == [1, 2, 4, 8]
    assert serve.lines.count("worker starting again") >= 3
    assert statuses == [0]  # asked to stop, the web never died
    assert web.process.returncode == -15  # alive until stop() sent it SIGTERM
