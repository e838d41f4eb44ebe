"""What the web benchmark serves: 1,000 spaces, each with a home and a plain page ``visit``.

Plain Python (no Django): both the Socle network and the bare Wagtail project are built from it, so
the two servers send the same visible text. The texts are the demo's visitors' pages (Paris, Moscow,
Bangalore), one in turn per space, in each of its languages; the benchmark reads the English one.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.html import escape

DEMO = Path(__file__).resolve().parents[2] / "sites" / "demo" / "data" / "spaces"
SPACES = 1000
LANGUAGE = "en"  # every bench space serves it; the measured URL is /en/visit/ (Socle), /visit/ (Wagtail)
SLUG = "visit"
# The demo space and its visitors' page each bench space copies, by space number modulo 3.
MODELS = (("paris.json", "visit"), ("moscow.json", "first-visit"), ("bangalore.json", "visit"))


@dataclass(frozen=True)
class BenchSpace:
    number: int
    slug: str
    hostname: str
    languages: list[str]
    country: str
    time_zone: str
    name: dict[str, str]  # {"fr": "NUMA Paris 0042", "en": …}: numbered, so a page proves its host
    city: dict[str, str]
    title: dict[str, str]
    intro: dict[str, str]
    body: dict[str, str]  # rich text HTML


def hostname(number: int) -> str:
    return f"web-{number:04d}.bench.example.org"


def _models() -> list[tuple[dict, dict]]:
    models = []
    for file_name, page_slug in MODELS:
        data = json.loads((DEMO / file_name).read_text(encoding="utf-8"))
        models.append((data, next(page for page in data["pages"] if page["slug"] == page_slug)))
    return models


def spaces() -> list[BenchSpace]:
    models = _models()
    found = []
    for number in range(SPACES):
        data, page = models[number % len(models)]
        languages = data["languages"]
        found.append(
            BenchSpace(
                number=number,
                slug=f"web-{number:04d}",
                hostname=hostname(number),
                languages=languages,
                country=data["country"],
                time_zone=data["time_zone"],
                name={code: f"{data['name'][code]} {number:04d}" for code in languages},
                city={code: data["city"][code] for code in languages},
                title={code: page["title"][code] for code in languages},
                intro={code: page["intro"][code] for code in languages},
                body={code: "".join(f"<p>{escape(text)}</p>" for text in page["body"][code]) for code in languages},
            )
        )
    return found
