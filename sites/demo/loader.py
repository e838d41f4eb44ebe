"""Build the demo network (Paris, Moscow, Bangalore) from the JSON files in ``data/``.

Idempotent: what exists (found by slug) is kept as it is, only what is missing is created, so
a second run changes nothing and a local editor's changes survive a re-run.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Site

from playbook.groups import ensure_collection, ensure_groups, group_name
from playbook.loading import load_playbook
from playbook.models import ChecklistStep
from playbook.opening import copy_playbook
from playbook.practical_pages import ensure_practical_pages
from sites.core.models import PracticeIndexPage, PracticePage, Principle, PrinciplesPage, Value
from sites.core.publishing import adopt_current_principles
from sites.demo.identity import load_network_identity, load_space_identity
from sites.events.curation import curate
from sites.events.models import EventIndexPage, EventPage, NetworkCalendarPage, RelayedEvent
from sites.spaces.languages import network_languages
from sites.spaces.models import HomePage, ProgrammeIndexPage, ProgrammePage, Space, StandardPage
from sites.visits.models import HoursException, OpeningHours, VisitPage

from .photos import UnknownScene, add_home_photos, demo_image

DATA_DIR = Path(__file__).resolve().parent / "data"
SPACE_FILES = ["paris.json", "moscow.json", "bangalore.json"]
# Editors translate the network core into their space's languages (the form limits them to those),
# and write their space's reading of each principle.


class DemoDataError(ValueError):
    """The demo data is malformed; the message names the file and the key."""


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        bucket = self.created if created else self.kept
        bucket[kind] = bucket.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created)


def read(name: str) -> dict:
    path = DATA_DIR / name
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        raise DemoDataError(f"{path}: {error}") from error


def translated(source: dict, key: str, languages: list[str], where: str, required: bool = True) -> dict:
    """``{"title_fr": ..., "title_en": ...}`` from ``{"title": {"fr": ..., "en": ...}}``."""
    texts = source.get(key) or {}
    missing = [code for code in languages if not texts.get(code)]
    if required and missing:
        raise DemoDataError(f"{where}.{key}: no text in {', '.join(missing)}")
    result = {}
    for code in languages:
        value = texts.get(code, "")
        if isinstance(value, list):
            value = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in value)
        result[f"{key}_{code}"] = value
    return result


def load_core(report: Report) -> None:
    data = read("core.json")
    languages = network_languages()
    values = {}
    for order, item in enumerate(data["values"]):
        where = f"core.json values[{item.get('slug')}]"
        fields = translated(item, "word", languages, where) | translated(item, "meaning", languages, where)
        value, created = Value.objects.get_or_create(slug=item["slug"], defaults={**fields, "sort_order": order})
        if created:
            value.save_revision().publish()  # version 1, through the same road as the admin's
        values[value.slug] = value
        report.count("values", created)
    for order, item in enumerate(data["principles"]):
        where = f"core.json principles[{item.get('slug')}]"
        fields = translated(item, "statement", languages, where) | translated(item, "explanation", languages, where)
        principle, created = Principle.objects.get_or_create(
            slug=item["slug"], defaults={**fields, "sort_order": order}
        )
        if created:
            try:
                principle.values.set([values[slug] for slug in item["values"]])
            except KeyError as error:
                raise DemoDataError(f"{where}.values: unknown value {error}") from None
            principle.save()
            principle.save_revision().publish()
        report.count("principles", created)


def add_page(parent: Page, page: Page, report: Report, kind: str) -> Page:
    """The child of ``parent`` with ``page.slug``: kept if it exists, else added and published."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        report.count(kind, False)
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    report.count(kind, True)
    return page


def page_texts(item: dict, keys: list[str], languages: list[str], where: str) -> dict:
    fields = translated(item, "title", languages, where)
    for key in keys:
        fields |= translated(item, key, languages, where, required=False)
    return fields


def ensure_site(data: dict, home: HomePage, port: int, report: Report) -> Site:
    site = Site.objects.filter(hostname=data["hostname"]).first()
    if site is None:
        site = Site.objects.create(
            hostname=data["hostname"], port=port, root_page=home, site_name=data["name"][data["languages"][0]]
        )
        report.count("sites", True)
    else:
        report.count("sites", False)
        if site.port != port:
            # Links from the admin ("view live") must carry the port the demo is served on.
            site.port = port
            site.save(update_fields=["port"])
    return site


def local_start(space: Space, item: dict) -> datetime:
    today = timezone.now().astimezone(space.zone).date()
    day = today + timedelta(days=int(item["starts_in_days"]))
    hours, minutes = (int(part) for part in item["start_time"].split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=space.zone)


@transaction.atomic
def load_space(data: dict, port: int, report: Report) -> Space:
    languages = data["languages"]
    slug = data["slug"]
    where = f"{slug}.json"
    root = Page.get_first_root_node()

    homes_before = report.created.get("home pages", 0)
    home = add_page(
        root,
        HomePage(slug=slug, **page_texts(data["home"], ["intro", "body"], languages, f"{where} home")),
        report,
        "home pages",
    )
    site = ensure_site(data, home, port, report)
    space = Space.objects.filter(slug=slug).first()
    if space is None:
        space = Space(
            slug=slug,
            site=site,
            country=data["country"],
            time_zone=data["time_zone"],
            languages=",".join(languages),
            status=data["status"],
            network_events=data.get("network_events", Space.NetworkEvents.ACCEPT),
            **translated(data, "name", languages, where),
            **translated(data, "city", languages, where),
            **translated(data, "address", languages, where, required=False),
        )
        space.full_clean()
        space.save()
        adopt_current_principles(space)
        report.count("spaces", True)
    else:
        report.count("spaces", False)

    collection = ensure_collection(space)

    def image_for(parent, item, context):
        """The drawn image of a page about to be added (none for a page already there)."""
        if "image" not in item or parent.get_children().filter(slug=item["slug"]).exists():
            return None
        title = item["title"][languages[0]]
        try:
            return demo_image(space, collection, item["image"], title, languages)
        except UnknownScene as error:
            raise DemoDataError(f"{context}.image: {error}") from None

    if report.created.get("home pages", 0) > homes_before and "photos" in data["home"]:
        try:
            add_home_photos(home, space, collection, data["home"]["photos"], languages)
        except UnknownScene as error:
            raise DemoDataError(f"{where} home.photos: {error}") from None

    sections = data["sections"]

    def section(page_class, key):
        texts = page_texts(sections[key], ["intro"], languages, f"{where} sections.{key}")
        return add_page(home, page_class(slug=key, show_in_menus=True, **texts), report, "sections")

    section(PrinciplesPage, "principles")
    practices = section(PracticeIndexPage, "practices")
    programmes = section(ProgrammeIndexPage, "programmes")
    events = section(EventIndexPage, "events")
    if "network-calendar" in sections:
        section(NetworkCalendarPage, "network-calendar")

    principles = {principle.slug: principle for principle in Principle.objects.all()}
    for item in data["practices"]:
        context = f"{where} practices[{item['slug']}]"
        page = PracticePage(
            slug=item["slug"],
            image=image_for(practices, item, context),
            **page_texts(item, ["summary", "body"], languages, context),
        )
        try:
            page.principles = [principles[name] for name in item["principles"]]
        except KeyError as error:
            raise DemoDataError(f"{context}.principles: unknown principle {error}") from None
        add_page(practices, page, report, "practices")

    programme_pages = {}
    for item in data["programmes"]:
        context = f"{where} programmes[{item['slug']}]"
        texts = page_texts(item, ["summary", "audience", "how_to_join", "body"], languages, context)
        page = ProgrammePage(slug=item["slug"], kind=item["kind"], image=image_for(programmes, item, context), **texts)
        programme_pages[item["slug"]] = add_page(programmes, page, report, "programmes")

    for item in data["events"]:
        context = f"{where} events[{item['slug']}]"
        start = local_start(space, item)
        page = EventPage(
            slug=item["slug"],
            start=start,
            end=start + timedelta(minutes=int(item["duration_minutes"])),
            online_url=item.get("online_url", ""),
            registration_url=item.get("registration_url", ""),
            programme=programme_pages.get(item.get("programme")),
            scope=item.get("scope", EventPage.Scope.LOCAL),
            cancelled=item.get("cancelled", False),
            time_zone=item.get("time_zone", ""),
            image=image_for(events, item, context),
            **page_texts(item, ["summary", "body", "venue"], languages, context),
        )
        add_page(events, page, report, "events")

    for item in data.get("pages", []):
        context = f"{where} pages[{item['slug']}]"
        if item.get("type") == "visit":
            add_page(home, visit_page(space, item, languages, context), report, "pages")
            continue
        page = StandardPage(
            slug=item["slug"], show_in_menus=True, **page_texts(item, ["intro", "body"], languages, context)
        )
        add_page(home, page, report, "pages")
    # The accessibility statement, as the playbook gives every space its first one.
    ensure_practical_pages(home, languages, lambda parent, page: add_page(parent, page, report, "pages"))

    had_groups = Group.objects.filter(name=group_name(space.slug, "editors")).exists()
    ensure_groups(space, home, collection)
    report.count("editor groups", not had_groups)
    if copy_playbook(space) and space.status == Space.Status.OPEN:
        space.checklist.update(status=ChecklistStep.Status.DONE)  # the demo's spaces opened long ago
    load_space_identity(space, data, report)
    return space


def _clock(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    return time(hours, minutes)


def next_date(month_day: str, today: date, after: date | None = None) -> date:
    """The next ``MM-DD`` on or after ``after`` (else today): a public holiday still to come."""
    month, day = (int(part) for part in month_day.split("-"))
    start = after or today
    found = date(start.year, month, day)
    return found if found >= start else date(start.year + 1, month, day)


def visit_page(space: Space, item: dict, languages: list[str], where: str) -> VisitPage:
    """A Visit page with its week's hours and its coming holidays (the next of each date)."""
    keys = ["intro", "body", "directions", "accessibility"]
    page = VisitPage(slug=item["slug"], show_in_menus=True, email=item.get("email", ""),
                     phone=item.get("phone", ""), latitude=item.get("latitude"), longitude=item.get("longitude"),
                     **page_texts(item, keys, languages, where))  # fmt: skip
    page.opening_hours = [
        OpeningHours(weekday=day, opens=_clock(row["opens"]), closes=_clock(row["closes"]))
        for row in item.get("hours", [])
        for day in row["days"]
    ]
    today = timezone.now().astimezone(space.zone).date()
    exceptions = []
    for row in item.get("exceptions", []):
        first = next_date(row["month_day"], today)
        last = next_date(row["until_month_day"], today, after=first) if "until_month_day" in row else None
        closed = row.get("closed", False)
        exceptions.append(HoursException(
            start_date=first, end_date=last, closed=closed,
            opens=None if closed else _clock(row["opens"]), closes=None if closed else _clock(row["closes"]),
            **translated(row, "reason", languages, f"{where}.exceptions"),
        ))  # fmt: skip
    page.hours_exceptions = sorted(exceptions, key=lambda exception: exception.start_date)
    return page


def remove_wagtail_welcome_site() -> None:
    """Wagtail's install leaves a "Welcome" page served on localhost; the network index replaces it."""
    for site in Site.objects.filter(hostname="localhost", root_page__depth=2).select_related("root_page"):
        page = site.root_page
        if page.specific_class is Page and page.numchild == 0:
            site.delete()
            page.delete()


def accept_demo_network_events(report: Report) -> None:
    """A space that reviews network events has accepted some in the demo (never one an editor hid)."""
    for name in SPACE_FILES:
        data = read(f"spaces/{name}")
        for reference in data.get("accepted_network_events", []):
            origin, _slash, slug = reference.partition("/")
            event_ids = EventPage.objects.filter(slug=slug).values_list("pk", flat=True)
            waiting = RelayedEvent.objects.filter(
                space__slug=data["slug"],
                origin_space__slug=origin,
                origin_event_id__in=list(event_ids),
                curation=RelayedEvent.Curation.AWAITING,
                curated_at__isnull=True,
            )
            for relay in waiting:
                curate(relay, RelayedEvent.Curation.ACCEPTED)
                report.count("accepted network events", True)


@transaction.atomic
def load_network(port: int) -> Report:
    report = Report()
    remove_wagtail_welcome_site()
    load_core(report)
    load_playbook()
    spaces = [read(f"spaces/{name}") for name in SPACE_FILES]
    for data in spaces:
        load_space(data, port, report)
    load_network_identity(read("network.json"), spaces, report)
    return report


def load_demo_network(port: int) -> Report:
    # The network events are delivered by the sync engine when the load commits (in-process when no
    # broker is configured, as in the demo); then the spaces that review them accept the demo's.
    report = load_network(port)
    accept_demo_network_events(report)
    return report
