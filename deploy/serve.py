#!/usr/bin/env python3
"""`make serve`: the production topology on this machine, in the foreground.

Against DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis), with the production settings:
migrations (and ``update_translation_fields`` on a fresh database only), collectstatic, then
gunicorn, one Celery worker and one beat, their logs prefixed with their name. Ctrl-C (SIGINT) or
SIGTERM stops all three; if one of them dies, the others are stopped too and the exit status is 1.

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
    """A process in its own process group, its output prefixed line by line."""

    def __init__(self, name: str, command: list[str], env: dict):
        self.name = name
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
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


def wait_until_ready(port: int, processes: list[Supervised], stopping: threading.Event, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not stopping.is_set():
        if any(each.process.poll() is not None for each in processes):
            return False
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return True
        except OSError:
            pass
        stopping.wait(0.5)
    return False


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
        Supervised("web", [*gunicorn, "--bind", f"{options.bind}:{options.port}"], env),
        Supervised("worker", [*celery, "worker", "--loglevel", "INFO", "--without-gossip", "--without-mingle"], env),
        # One beat only, for the whole installation: it schedules the re-dispatcher.
        Supervised("beat", [*celery, "beat", "--loglevel", "INFO"], env),
    ]
    if wait_until_ready(options.port, processes, stopping):
        log(f"ready: http://localhost:{options.port}/ (spaces at http://<space>.localhost:{options.port}/), "
            "Ctrl-C stops")  # fmt: skip
    status = 0
    while not stopping.is_set():
        ended = [each for each in processes if each.process.poll() is not None]
        if ended:
            log(f"{ended[0].name} ended (exit {ended[0].process.returncode}): stopping the others")
            status = 1
            break
        stopping.wait(0.5)
    log("stopping web, worker and beat")
    stop(processes)
    log("stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())
