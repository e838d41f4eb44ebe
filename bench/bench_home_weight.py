"""What a first visit to a demo home downloads on a phone, images included, in headless Chromium.

The demo network (its drawn images at their full size) is loaded into a database of its own
(``<BENCH_DATABASE_URL>_weight``) and served by gunicorn with the production settings, media from
the web process itself (``SOCLE_SERVE_MEDIA``, as `make serve` does without a proxy). Chromium opens
each city's home at 390 px wide (a phone's CSS width, at its device pixel ratio of 3), with an empty
cache, scrolls to the bottom so that every lazy image is asked for, and sums the bytes of every
response (headers and bodies as they came over the wire: compressed where the server compresses).

Figure: ``home_weight_kb``, the heaviest of the three homes, the median of ``RUNS`` visits (goal
≤ 500), with the spread of its runs. The server's output goes to bench/home-weight.log.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.run import Figure, prepare_database
from bench.web.servers import ROOT, clean_env, gunicorn

PORT = 8303
CITIES = {"paris": "fr", "moscow": "ru", "bangalore": "en"}
RUNS = 3
WIDTH, HEIGHT, PIXEL_RATIO = 390, 844, 3
LOG = ROOT / "bench" / "home-weight.log"


def server_env(database_url: str, cache_url: str, media: Path) -> dict[str, str]:
    return clean_env(
        DJANGO_SETTINGS_MODULE="sites.settings.production",
        SECRET_KEY="bench-home-weight-" + "x" * 40,
        ALLOWED_HOSTS=".localhost",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        SOCLE_PAGE_CACHE_SECONDS="600",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SOCLE_TRUSTED_PROXIES="0",
        STATIC_ROOT=str(media.parent / "static"),
        MEDIA_ROOT=str(media),
        SOCLE_SERVE_MEDIA="true",
        LOG_LEVEL="WARNING",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="1",
        GUNICORN_TIMEOUT="600",  # the first visit makes the home's renditions
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
    )


def manage(env: dict[str, str], *arguments: str) -> None:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{(done.stdout + done.stderr)[-3000:]}")


def visit(browser, url: str) -> int:
    """Bytes a first visit to ``url`` downloads, with every lazy image below the fold asked for."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=PIXEL_RATIO, is_mobile=True
    )
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    response = page.goto(url, wait_until="networkidle")
    if response is None or response.status != 200:
        raise RuntimeError(f"{url} answered {response.status if response else 'nothing'}")
    height = page.evaluate("document.body.scrollHeight")
    for top in range(0, height + HEIGHT, HEIGHT // 2):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    total = 0
    for request in finished:
        sizes = request.sizes()
        total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
    context.close()
    return total


def run(context: dict) -> list[Figure]:
    import http.client

    from playwright.sync_api import sync_playwright

    database_url = context["database_url"] + "_weight"
    prepare_database(database_url)
    with tempfile.TemporaryDirectory() as workdir:
        media = Path(workdir) / "media"
        env = server_env(database_url, context["broker_url"], media)
        import redis

        redis.Redis.from_url(context["broker_url"]).flushdb()  # no page cached from an earlier run
        manage(env, "migrate", "--noinput")
        manage(env, "update_translation_fields")
        manage(env, "load_demo", "--port", str(PORT), "--no-accounts")
        manage(env, "collectstatic", "--noinput", "-v0")
        with gunicorn("home weight", env, PORT, "localhost", "/healthz", LOG):
            for city, language in CITIES.items():  # the first visit makes the renditions: not measured
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
                connection.request("GET", f"/{language}/", headers={"Host": f"{city}.localhost:{PORT}"})
                connection.getresponse().read()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=os.environ.get("SOCLE_CHROMIUM", "/usr/bin/chromium"),
                    args=["--no-sandbox", "--host-resolver-rules=MAP *.localhost 127.0.0.1"],
                )
                weights = {}
                for city, language in CITIES.items():
                    url = f"http://{city}.localhost:{PORT}/{language}/"
                    weights[city] = [visit(browser, url) / 1024 for _run in range(RUNS)]
                    print(f"   {city}: {', '.join(f'{kb:.0f}' for kb in weights[city])} KB")
                browser.close()
    heaviest = max(weights, key=lambda city: max(weights[city]))
    samples = tuple(sorted(weights[heaviest]))
    median = samples[len(samples) // 2]
    return [Figure("home_weight_kb", round(median, 1), "KB", 500, samples=samples)]
