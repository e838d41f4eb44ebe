"""Start gunicorn as production does (deploy/gunicorn.conf.py), wait until it answers, always stop it."""

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


def clean_env(**variables: str) -> dict[str, str]:
    """Only what is given, as in `make deploy-check`: nothing leaks in from the shell the bench runs in."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", **variables}


# The last line of a traceback ("django.core.exceptions.ImproperlyConfigured: LOG_LEVEL must be…").
EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*: ")


def log_excerpt(log: Path) -> str:
    """The first exceptions the log names (each once: every worker reports the same), else its last lines."""
    text = (log.read_text(errors="replace") if log.exists() else "").splitlines()
    causes = list(dict.fromkeys(line for line in text if EXCEPTION.match(line)))[:5]
    return "\n".join(causes or text[-20:]) or "(empty)"


def answers(port: int, host: str, path: str) -> bool:
    """Whether the server answers HTTP at all (any status): it is up."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": host})
        connection.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def gunicorn(  # noqa: PLR0913
    name: str, env: dict[str, str], port: int, host: str, path: str, log: Path, app: str = "",
    options: tuple[str, ...] = (),
) -> Iterator[subprocess.Popen]:  # fmt: skip
    """gunicorn with the production configuration; ``app`` replaces its application (sites.wsgi),
    ``options`` are more of gunicorn's command-line options. Yields the arbiter's process.

    The access log (one line a request, to standard output in production) is written to /dev/null:
    formatted as in production, not filling the bench's log.
    """
    if answers(port, host, path):
        raise RuntimeError(f"{name}: something already answers on port {port}; stop it first")
    # No control socket: its default path is one for the whole machine, which another gunicorn may hold.
    command = [sys.executable, "-m", "gunicorn", "--config", str(CONFIG), "--access-logfile", "/dev/null",
               "--no-control-socket", *options]  # fmt: skip
    server = subprocess.Popen(  # noqa: S603
        command + ([app] if app else []),
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not answers(port, host, path):
            if server.poll() is not None or time.monotonic() > deadline:
                state = f"exited with {server.returncode}" if server.poll() is not None else "no answer after 60 s"
                raise RuntimeError(f"{name}: gunicorn did not start ({state}); from {log}:\n{log_excerpt(log)}")
            time.sleep(0.2)
        try:
            yield server
        except RuntimeError as error:  # a wrong page, wrk failing: the server's log may say why
            raise RuntimeError(f"{error}\nfrom {log}:\n{log_excerpt(log)}") from error
    finally:
        # The whole process group: the arbiter and its workers.
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def workers_rss_mb(server: subprocess.Popen) -> list[float]:
    """The resident memory of each of the arbiter's workers (its child processes), in MB."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    except OSError:
        return []
    found = []
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue  # a worker that just exited
        kilobytes = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        found.append(kilobytes / 1024)
    return found
