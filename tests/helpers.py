"""Helpers the tests share: requests to a space's site, words of a localized text, and synthetic spaces
for scale tests."""

import unicodedata

from django.test import Client

from sites.demo.loader import Report, load_space


def client_for(host: str, **headers) -> Client:
    return Client(HTTP_HOST=host, **headers)


def admin_client_of(username: str, groups: list[str], language: str) -> Client:
    """The admin, signed in as a new user of these groups whose admin language is ``language``."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(username)
    user.groups.add(*Group.objects.filter(name__in=groups))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = client_for("localhost")
    client.force_login(user)
    return client


def words_of(text: str) -> list[str]:
    """The words and figures of a localized text, without the punctuation and spaces between them.

    CLDR changes those between Babel releases (a range's en or em dash, no-break, narrow and thin
    spaces, the dot of an abbreviation); the words, the hours and their order are what a reader
    relies on. A time keeps its colon: "19:00" stays one figure.
    """
    return "".join(" " if char != ":" and unicodedata.category(char)[0] in "PZ" else char for char in text).split()


def reads_in_order(text: str, expected: list[str]) -> bool:
    """Whether ``text`` has the ``expected`` words in that order (other words may stand between)."""
    remaining = iter(words_of(text))
    return all(word in remaining for word in expected)


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


def add_bare_spaces(count: int, prefix: str = "bare") -> list:
    """Spaces with a site and nothing else, for delivery tests at scale (one shared empty home)."""
    from wagtail.models import Page, Site

    from sites.spaces.models import HomePage, Space

    home = HomePage.objects.filter(slug=f"{prefix}-home").first()
    if home is None:
        home = HomePage(slug=f"{prefix}-home", title_en="Bare home")
        Page.get_first_root_node().add_child(instance=home)
    sites = Site.objects.bulk_create(
        [Site(hostname=f"{prefix}-{number:05d}.example.org", port=80, root_page=home) for number in range(count)]
    )
    if sites[0].pk is None:  # databases that do not return ids from a bulk insert
        sites = list(Site.objects.filter(hostname__startswith=f"{prefix}-").order_by("hostname"))
    return Space.objects.bulk_create(
        [
            Space(
                slug=site.hostname.split(".")[0],
                name_en=site.hostname,
                city_en="City",
                country="FR",
                time_zone="Europe/Paris",
                languages="en,fr",
                status=Space.Status.OPEN,
                site=site,
            )
            for site in sites
        ]
    )


def admin_form_data(client: Client, url: str, **changes) -> dict:
    """What the browser would send back from an admin edit form, with ``changes`` typed in."""
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if value is None:
            continue
        if hasattr(value, "all") or isinstance(value, list | tuple):  # a many-to-many selection
            data[name] = [getattr(item, "pk", item) for item in (value.all() if hasattr(value, "all") else value)]
        else:
            formatted = field.widget.format_value(value)
            if formatted is not None:
                data[name] = formatted
    # Inline rows (a Visit page's hours) go back as shown, with their formset's management data.
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        data |= {management.add_prefix(name): management[name].value() for name in management.fields}
        for row in formset.forms:
            for name, field in row.fields.items():
                value = row[name].value()
                if value is not None and value is not False:
                    data[row.add_prefix(name)] = field.widget.format_value(value) or value
    data.update(changes)
    return data


def remove_committed_principle(principle, changes_before: set[int]) -> None:
    """Undo a principle a test committed (for a worker, a browser or a server thread to see): its
    versions, the shared changes recorded since ``changes_before`` (their deliveries go with them),
    then the principle itself."""
    from django.contrib.contenttypes.models import ContentType

    from sites.core.models import CoreVersion, Principle
    from sites.sync.models import Change

    Change.objects.exclude(pk__in=changes_before).delete()
    CoreVersion.objects.filter(
        content_type=ContentType.objects.get_for_model(Principle), object_id=principle.pk
    ).delete()
    Principle.objects.get(pk=principle.pk).delete()  # the model's own delete, revisions and all
