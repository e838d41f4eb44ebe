"""Helpers the tests share: requests to a space's site, and synthetic spaces for scale tests."""

from django.test import Client

from sites.demo.loader import Report, load_space


def client_for(host: str, **headers) -> Client:
    return Client(HTTP_HOST=host, **headers)


def synthetic_space_data(number: int, languages=("en", "fr")) -> dict:
    """A small but complete space in the demo format: every section, one page of each type."""
    slug = f"space-{number:04d}"

    def text(value):
        return {code: f"{value} {number} ({code})" for code in languages}

    def body(value):
        return {code: [f"{value} {number} ({code})."] for code in languages}

    return {
        "slug": slug,
        "hostname": f"{slug}.example.org",
        "languages": list(languages),
        "country": "FR",
        "time_zone": "Europe/Paris",
        "status": "open",
        "name": text("Space"),
        "city": text("City"),
        "address": {},
        "home": {"title": text("Home"), "intro": text("Intro"), "body": body("Cause")},
        "sections": {
            key: {"title": text(key.title()), "intro": text("Intro")}
            for key in ("principles", "practices", "programmes", "events")
        },
        "practices": [
            {
                "slug": "practice",
                "title": text("Practice"),
                "summary": text("Summary"),
                "body": body("Body"),
                "principles": ["listen", "transparency"],
            }
        ],
        "programmes": [
            {
                "slug": "programme",
                "kind": "coworking",
                "title": text("Programme"),
                "summary": text("Summary"),
                "audience": text("Audience"),
                "how_to_join": text("Join"),
                "body": body("Body"),
            }
        ],
        "events": [
            {
                "slug": "event",
                "title": text("Event"),
                "summary": text("Summary"),
                "body": body("Body"),
                "starts_in_days": 5,
                "start_time": "18:00",
                "duration_minutes": 90,
                "venue": text("Venue"),
                "online_url": "",
                "registration_url": "",
                "programme": "programme",
            }
        ],
        "pages": [{"slug": "visit", "title": text("Visit"), "intro": text("Intro"), "body": body("Body")}],
    }


def add_synthetic_spaces(count: int, start: int = 1) -> None:
    report = Report()
    for number in range(start, start + count):
        load_space(synthetic_space_data(number), port=80, report=report)
