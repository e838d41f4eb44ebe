#!/usr/bin/env python3
"""`make serve`: the production topology on this machine, in the foreground.

Against DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis), with the production settings:
migrations (and ``update_translation_fields`` on a fresh database only), collectstatic, then
gunicorn, one Celery worker and one beat, their logs prefixed with their name. A worker or beat that
dies is started again after a pause that doubles at each death in a row (1 s, 2 s, 4 s… at most
60 s; back to 1 s once it has stayed up a minute), the web serving throughout. If the web itself
dies, everything is stopped and the exit status is 1: the operator's signal. Ctrl-C (SIGINT) or
SIGTERM stops all three.

Every other variable comes from the environment, else from the local defaults below (this machine
serves plain HTTP on *.localhost), else from deploy/env.example.
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
STOP_WITHIN = 20  # seconds a process has to end after SIGTERM, before SIGKILL
# A worker or beat that dies is restarted after FIRST_PAUSE seconds, doubled at each death in a row up
# to LONGEST_PAUSE: one that cannot start (the database is down) does not spin. Once it has stayed up
# STEADY_AFTER seconds, its next death is a new story and waits FIRST_PAUSE again.
FIRST_PAUSE, LONGEST_PAUSE, STEADY_AFTER = 1, 60, 60

# What differs from a real deployment when it runs on this machine without a proxy in front.
LOCAL_DEFAULTS = {
    "DJANGO_SETTINGS_MODULE": "sites.settings.production",
    "ALLOWED_HOSTS": "localhost,.localhost,127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "STATIC_ROOT": str(ROOT / "var" / "static"),
    "MEDIA_ROOT": str(ROOT / "var" / "media"),
    "SOCLE_MEDIA_STORAGE": "local",
    "SOCLE_SERVE_MEDIA": "true",
    "SOCLE_NOTIFY_BY_EMAIL": "false",
    "WEB_CONCURRENCY": "2",
}


def log(message: str) -> None:
    print(f"serve  | {message}", flush=True)


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / "deploy" / "env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            pairs[name.strip()] = value
    return pairs


def environment(port: int) -> dict[str, str]:
    missing = [name for name in ("DATABASE_URL", "CELERY_BROKER_URL") if not os.environ.get(name)]
    if missing:
        sys.exit(f"serve: set {' and '.join(missing)} (e.g. postgres://postgres@127.0.0.1:5432/socle, "
                 "redis://127.0.0.1:6379/0)")  # fmt: skip
    env = {**env_example(), **LOCAL_DEFAULTS}
    env["WAGTAILADMIN_BASE_URL"] = f"http://localhost:{port}"
    if not os.environ.get("SECRET_KEY") and not os.environ.get("SECRET_KEY_FILE"):
        # One key kept on this machine, so sessions survive a restart.
        key = ROOT / "var" / "secret_key"
        if not key.exists():
            key.parent.mkdir(parents=True, exist_ok=True)
            key.write_text(secrets.token_urlsafe(50))
            key.chmod(0o600)
        env.pop("SECRET_KEY", None)
        env["SECRET_KEY_FILE"] = str(key)
    env.update(os.environ)
    env["PORT"] = str(port)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def manage(env: dict, *args: str) -> None:
    log("manage.py " + " ".join(args))
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def database_is_fresh(env: dict) -> bool:
    code = (
        "import django; django.setup(); from django.db import connection; "
        "print('django_migrations' in connection.introspection.table_names())"
    )
    result = subprocess.run(  # noqa: S603
        [PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip() == "False"


def migrate(env: dict) -> None:
    fresh = database_is_fresh(env)
    manage(env, "migrate", "--noinput")
    if fresh:
        # Only on a fresh database: later it would copy one language's text into another's empty fields.
        manage(env, "update_translation_fields")


class Supervised:
    """A process in its own process group, its output prefixed line by line; restarted if ``restart``."""

    def __init__(self, name: str, command: list[str], env: dict, restart: bool = True):
        self.name, self.command, self.env, self.restart = name, command, env, restart
        self.pause = FIRST_PAUSE
        self.restart_at: float | None = None  # when it is due to start again, while it is down
        self.start()

    def start(self) -> None:
        self.restart_at = None
        self.started = time.monotonic()
        self.process = subprocess.Popen(  # noqa: S603
            self.command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.reader = threading.Thread(target=self._relay, daemon=True)
        self.reader.start()

    def _relay(self) -> None:
        prefix = f"{self.name:<6} | ".encode()
        for line in iter(self.process.stdout.readline, b""):
            sys.stdout.buffer.write(prefix + line)
            sys.stdout.buffer.flush()

    def signal(self, signum: int) -> None:
        try:
            os.killpg(self.process.pid, signum)
        except ProcessLookupError:
            pass

    def group_alive(self) -> bool:
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def ended(self) -> str:
        """How the process ended, for the log: its exit status or the signal that killed it."""
        code = self.process.returncode
        if code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exit status {code}"

    def schedule_restart(self) -> None:
        """It died: clear what is left of its group, and set when it starts again."""
        # A worker's pool processes outlive it: orphans would hold messages no one can acknowledge.
        self.signal(signal.SIGKILL)
        self.reader.join(timeout=2)
        up = time.monotonic() - self.started
        if up >= STEADY_AFTER:
            self.pause = FIRST_PAUSE
        self.restart_at = time.monotonic() + self.pause
        at = time.strftime("%H:%M:%S", time.localtime(time.time() + self.pause))
        log(f"{self.name} died ({self.ended()}, pid {self.process.pid}, up {up:.0f}s): "
            f"restarting it at {at}, in {self.pause}s")  # fmt: skip
        self.pause = min(self.pause * 2, LONGEST_PAUSE)


def stop(processes: list[Supervised]) -> None:
    for each in processes:
        each.signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_WITHIN
    for each in processes:
        try:
            each.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log(f"{each.name} did not stop within {STOP_WITHIN}s: killed")
    # Whatever is left in a group (a worker's pool processes, gunicorn's workers) is killed.
    while any(each.group_alive() for each in processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    for each in processes:
        if each.group_alive():
            each.signal(signal.SIGKILL)
        each.process.wait()
        each.reader.join(timeout=2)


def answers_ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


def supervise(processes: list[Supervised], port: int, stopping: threading.Event) -> int:
    """Keep the worker and beat up until asked to stop (0) or the web dies (1)."""
    ready = False
    while not stopping.is_set():
        for each in processes:
            if each.restart_at is not None:
                if time.monotonic() >= each.restart_at:
                    log(f"{each.name} starting again")
                    each.start()
            elif each.process.poll() is not None:
                if not each.restart:
                    log(f"{each.name} died ({each.ended()}): stopping everything")
                    return 1
                each.schedule_restart()
        if not ready and answers_ready(port):
            ready = True
            log(f"ready: http://localhost:{port}/ (spaces at http://<space>.localhost:{port}/), Ctrl-C stops")
        stopping.wait(0.5)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    parser.add_argument("--bind", default=os.environ.get("SERVE_BIND", "127.0.0.1"), help="address gunicorn binds")
    parser.add_argument(
        "--migrate-only",
        action="store_true",
        help="apply the migrations (update_translation_fields too on a fresh database) with the environment "
        "as it is, then exit: the release step of a deployment (systemd, compose)",
    )
    options = parser.parse_args()
    if options.migrate_only:
        migrate({"DJANGO_SETTINGS_MODULE": "sites.settings.production", **os.environ})
        return 0
    env = environment(options.port)

    migrate(env)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    stopping = threading.Event()

    def on_signal(signum, frame):
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    gunicorn = [PYTHON, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"]
    celery = [PYTHON, "-m", "celery", "-A", "sites"]
    processes = [
        # The web is not restarted: if it dies, serve.py stops and says so (exit status 1).
        Supervised("web", [*gunicorn, "--bind", f"{options.bind}:{options.port}"], env, restart=False),
        Supervised("worker", [*celery, "worker", "--loglevel", "INFO", "--without-gossip", "--without-mingle"], env),
        # One beat only, for the whole installation: it schedules the re-dispatcher and the pages'
        # go-live and expiry dates (without it, a scheduled page never goes live).
        Supervised("beat", [*celery, "beat", "--loglevel", "INFO"], env),
    ]
    status = supervise(processes, options.port, stopping)
    log("stopping web, worker and beat")
    stop(processes)
    log("stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())
