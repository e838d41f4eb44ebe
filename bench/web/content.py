"""What the benchmarks' network holds: 1,000 spaces, each with a home, a plain page ``visit``, its
principles page and its practices (two of them, one living the principle ``transparency``).

Plain Python (no Django): both the Socle network (``bench/network.py``) and the bare Wagtail project
are built from it, so the servers send the same visible text. The texts are the demo's (Paris,
Moscow, Bangalore), one in turn per space, in each of its languages; the web benchmark reads the
English ones.
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
class BenchPractice:
    slug: str
    title: dict[str, str]
    summary: dict[str, str]
    body: dict[str, str]  # rich text HTML
    principles: list[str]  # the slugs of the principles it lives


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
    sections: dict[str, dict[str, dict[str, str]]]  # {"principles": {"title": {…}, "intro": {…}}, "practices": …}
    practices: list[BenchPractice]


def _html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _practices(data: dict, languages: list[str]) -> list[BenchPractice]:
    """The model space's first practice, and the one that lives ``transparency`` (every demo space has one)."""
    chosen = [data["practices"][0]] + [item for item in data["practices"] if "transparency" in item["principles"]]
    return [
        BenchPractice(
            slug=item["slug"],
            title={code: item["title"][code] for code in languages},
            summary={code: item["summary"][code] for code in languages},
            body={code: _html(item["body"][code]) for code in languages},
            principles=list(item["principles"]),
        )
        for item in chosen
    ]


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
                body={code: _html(page["body"][code]) for code in languages},
                sections={
                    key: {
                        field: {code: data["sections"][key][field][code] for code in languages}
                        for field in ("title", "intro")
                    }
                    for key in ("principles", "practices")
                },  # fmt: skip
                practices=_practices(data, languages),
            )
        )
    return found
