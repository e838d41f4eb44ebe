"""Open a new space from the playbook: everything is checked first, then built in one transaction.

The command (``manage.py open_space``) and the admin wizard both describe what they want as an
``OpeningRequest``; ``check`` names every problem by field, ``plan`` says what would be made, and
``open_space`` makes it, reporting its progress. Nothing is written unless everything is valid.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from wagtail.models import Collection, Page, Site

from sites.core.models import PracticeIndexPage, PrinciplesPage
from sites.core.publishing import adopt_current_principles
from sites.events.models import EventIndexPage, NetworkCalendarPage
from sites.events.relay import changes_for_a_new_space
from sites.spaces.languages import network_languages, parse_language_list
from sites.spaces.models import HomePage, ProgrammeIndexPage, Space
from sites.spaces.models.space import validate_country, validate_time_zone
from sites.sync.engine import deliver_to_spaces

from .groups import PAGE_PERMISSIONS, ensure_collection, ensure_groups, group_name
from .models import ChecklistStep, LifecycleChange, Step
from .pickers import canonical_zone, country_name, country_zones, language_label
from .practical_pages import ensure_practical_pages

HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
FIELDS = ("name", "slug", "hostname", "languages", "time_zone", "country", "city")
PORTS = (1, 65535)
ZONES_NAMED = 6  # a refused zone's message names that many of the country's zones at most
# Each space's sections, titled in each of its languages from the interface's translations.
SECTIONS = (
    (PrinciplesPage, "principles", gettext_noop("Our principles")),
    (PracticeIndexPage, "practices", gettext_noop("Our practices")),
    (ProgrammeIndexPage, "programmes", gettext_noop("Programmes")),
    (EventIndexPage, "events", gettext_noop("Events")),
    (NetworkCalendarPage, "network-calendar", gettext_noop("Network calendar")),
)


@dataclass
class OpeningRequest:
    name: str = ""
    slug: str = ""
    hostname: str = ""
    languages: str = ""
    time_zone: str = ""
    country: str = ""
    city: str = ""
    port: int = 80

    def __post_init__(self):
        # What was typed, without the spaces around it; a hostname is the same in any case.
        for name in FIELDS:
            setattr(self, name, str(getattr(self, name) or "").strip())
        self.hostname = self.hostname.lower()

    @property
    def site_url(self) -> str:
        return site_url(self.hostname, self.port)

    @property
    def language_codes(self) -> list[str]:
        return parse_language_list(self.languages)


@dataclass
class OpeningError(Exception):
    """Every problem of a request, by field: ``{"hostname": ["…"], …}``."""

    errors: dict[str, list[str]] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in self.errors.items())


def site_url(hostname: str, port: int) -> str:
    """The site's address as Wagtail builds it (``Site.root_url``): the scheme's port is left out."""
    if port == 443:
        return f"https://{hostname}/"
    return f"http://{hostname}{'' if port == 80 else f':{port}'}/"


def zone_problem(time_zone: str, country: str) -> str:
    """Why a (valid) zone does not fit a (valid) country, or "" when it does or CLDR knows no zones there."""
    zones = country_zones(country)
    if not zones or canonical_zone(time_zone) in zones:
        return ""
    values = {
        "zone": time_zone,
        "country": f"{country_name(country)} ({country.upper()})",
        "zones": ", ".join(zones[:ZONES_NAMED]) + (", …" if len(zones) > ZONES_NAMED else ""),
    }
    # One zone or several, not a count: no number is shown, so no plural forms to choose among.
    if len(zones) == 1:
        return _("“%(zone)s” is not a time zone of the country chosen, %(country)s: its zone is %(zones)s.") % values
    return _("“%(zone)s” is not a time zone of the country chosen, %(country)s: its zones are %(zones)s.") % values


def _messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def _languages_as_stored(value: str) -> str:
    try:
        return ",".join(parse_language_list(value))
    except ValidationError:
        return value


def written_to() -> dict[str, list[tuple[models.Field, Callable[[str], str]]]]:
    """Each input, with the model fields opening writes it to and what it writes there."""

    def field(model, name):
        return model._meta.get_field(name)

    def same(value):
        return value

    groups = [(field(Group, "name"), lambda slug, role=role: group_name(slug, role)) for role in PAGE_PERMISSIONS]
    return {
        "name": [(field(Space, "name"), same), (field(Site, "site_name"), same), (field(Page, "title"), same),
                 (field(Page, "draft_title"), same)],
        "slug": [(field(Space, "slug"), same), (field(Page, "slug"), same), (field(Collection, "name"), same),
                 *groups],
        "hostname": [(field(Site, "hostname"), same)],
        "languages": [(field(Space, "languages"), _languages_as_stored)],
        "time_zone": [(field(Space, "time_zone"), same)],
        "country": [(field(Space, "country"), same)],
        "city": [(field(Space, "city"), same)],
    }  # fmt: skip


def longest(name: str, value: str = "") -> int:
    """How many characters input ``name`` may have: the tightest of the fields it is written to."""
    return min(target.max_length - (len(write(value)) - len(value)) for target, write in written_to()[name])


def check(request: OpeningRequest, update: bool = False) -> dict[str, list[str]]:
    """Every problem of the request, by field (empty when it can be opened)."""
    errors: dict[str, list[str]] = {}
    for name in FIELDS:
        value = getattr(request, name)
        if not value:
            errors[name] = [_("Required.")]
        elif len(value) > (limit := longest(name, value)):
            errors[name] = [ngettext(
                "At most %(limit)d character (%(count)d given).",
                "At most %(limit)d characters (%(count)d given).",
                limit,
            ) % {"limit": limit, "count": len(value)}]  # fmt: skip
    if not PORTS[0] <= request.port <= PORTS[1]:
        errors["port"] = [_("A port from %(low)d to %(high)d (%(port)d given).") % {
            "low": PORTS[0], "high": PORTS[1], "port": request.port
        }]  # fmt: skip
    existing = Space.objects.filter(slug=request.slug).select_related("site").first()
    validators = {
        "slug": validate_slug,
        "languages": parse_language_list,
        "time_zone": validate_time_zone,
        "country": validate_country,
    }
    for name, validator in validators.items():
        if name not in errors:
            try:
                validator(getattr(request, name))
            except ValidationError as error:
                errors[name] = _messages(error)
    if (
        "time_zone" not in errors
        and "country" not in errors
        and (problem := zone_problem(request.time_zone, request.country))
    ):
        errors["time_zone"] = [problem]
    if "slug" not in errors and existing is not None and not update:
        errors["slug"] = [
            _("A space with the slug “%(slug)s” exists already (%(name)s): choose another, or update it.")
            % {"slug": request.slug, "name": existing.name}
        ]
    if "slug" not in errors and existing is None and update:
        errors["slug"] = [_("No space has the slug “%(slug)s”: there is nothing to update.") % {"slug": request.slug}]
    if (
        "slug" not in errors
        and existing is None
        and Page.get_first_root_node().get_children().filter(slug=request.slug).exists()
    ):
        errors["slug"] = [_("A site's home page has the slug “%(slug)s” already.") % {"slug": request.slug}]
    if "hostname" not in errors:
        hostname = request.hostname
        if not HOSTNAME.match(hostname):
            errors["hostname"] = [
                _("“%(hostname)s” is not a hostname: lower-case letters, digits, hyphens and dots only.")
                % {"hostname": hostname}
            ]
        else:
            taken = Site.objects.filter(hostname=hostname)
            if existing is not None:
                taken = taken.exclude(pk=existing.site_id)
            if taken.exists():
                errors["hostname"] = [
                    _("The hostname “%(hostname)s” is already served by another site.") % {"hostname": hostname}
                ]
    return errors


def plan(request: OpeningRequest) -> list[str]:
    """What opening the space makes, one line a part, for a dry run or the wizard's review."""
    steps = Step.objects.count()
    return [
        _("The space “%(name)s” (%(slug)s), opening, in %(languages)s, time zone %(zone)s, %(city)s, %(country)s")
        % {"name": request.name, "slug": request.slug, "languages": ", ".join(
               f"{language_label(code)[0]} ({code})" for code in request.language_codes),
           "zone": request.time_zone, "city": request.city,
           "country": f"{country_name(request.country)} ({request.country.upper()})"},
        _("Its site at %(url)s with a home page and the sections: %(sections)s")
        % {"url": request.site_url, "sections": ", ".join(slug for _cls, slug, _t in SECTIONS)},
        _("Its Visit page (address, hours, contact, access) and its accessibility statement, to complete"),
        _("A collection of images and documents, and the groups “%(editors)s” and “%(moderators)s”")
        % {"editors": f"{request.slug} editors", "moderators": f"{request.slug} moderators"},
        _("An adoption of each of the network's current principles"),
        ngettext(
            "A launch checklist of %(count)s step from the playbook",
            "A launch checklist of %(count)s steps from the playbook",
            steps,
        ) % {"count": steps},
    ]  # fmt: skip


def translated(field: str, message: str, languages: list[str], **values) -> dict[str, str]:
    """``{"title_en": …, "title_kn": …}``: an interface message in each of the languages."""
    texts = {}
    for code in languages:
        with translation.override(code):
            texts[f"{field}_{code}"] = _(message) % values if values else _(message)
    return texts


def publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_tree(space: Space, languages: list[str]) -> Page:
    home = space.site.root_page.specific
    for page_class, slug, title in SECTIONS:
        if not home.get_children().filter(slug=slug).exists():
            publish_child(home, page_class(slug=slug, show_in_menus=True, **translated("title", title, languages)))
    ensure_practical_pages(home, languages, publish_child)
    return home


def copy_playbook(space: Space) -> int:
    """The space's checklist: a copy of every step of the playbook as it is today."""
    steps = Step.objects.select_related("stage").order_by("stage__sort_order", "sort_order")
    copies = []
    for order, step in enumerate(steps):
        texts = {}
        for localized in ("stage_title", "title", "description"):
            source = step.stage if localized == "stage_title" else step
            original = "title" if localized == "stage_title" else localized
            for code in network_languages():
                texts[f"{localized}_{code}"] = getattr(source, f"{original}_{code}") or ""
        copies.append(ChecklistStep(space=space, source=step, sort_order=order, owner_role=step.owner_role, **texts))
    return len(ChecklistStep.objects.bulk_create(copies, ignore_conflicts=True))


@transaction.atomic
def open_space(
    request: OpeningRequest, user=None, update: bool = False, progress: Callable[[str], None] = lambda line: None
) -> Space:
    """Make the space and everything it needs; with ``update``, change an existing one and make what it lacks."""
    errors = check(request, update=update)
    if errors:
        raise OpeningError(errors)
    languages = request.language_codes
    names = {f"name_{code}": request.name for code in languages} | {f"city_{code}": request.city for code in languages}
    space = Space.objects.filter(slug=request.slug).select_related("site").first()

    if space is None:
        progress(_("Home page"))
        titles = {f"title_{code}": request.name for code in languages}
        home = publish_child(Page.get_first_root_node(), HomePage(slug=request.slug, **titles))
        progress(_("Site"))
        site = Site.objects.create(hostname=request.hostname, port=request.port, root_page=home,
                                   site_name=request.name)  # fmt: skip
        progress(_("Space"))
        space = Space(slug=request.slug, site=site, status=Space.Status.OPENING, country=request.country,
                      time_zone=request.time_zone, languages=",".join(languages), **names)  # fmt: skip
        space.full_clean()
        space.save()
        LifecycleChange.objects.create(space=space, from_status="", to_status=space.status, by=_user(user))
        progress(_("Network events"))
        deliver_to_spaces(changes_for_a_new_space(), [space.pk])  # its calendar shows the coming ones
    else:
        progress(_("Space"))
        for name, value in names.items():
            setattr(space, name, value)
        space.country, space.time_zone, space.languages = request.country, request.time_zone, ",".join(languages)
        space.full_clean()
        space.save()
        Site.objects.filter(pk=space.site_id).update(hostname=request.hostname, site_name=request.name)
        space.site.refresh_from_db()

    progress(_("Sections"))
    home = ensure_tree(space, languages)
    progress(_("Collection and groups"))
    ensure_groups(space, home, ensure_collection(space))
    progress(_("Principles adopted"))
    adopt_current_principles(space)
    if not space.checklist.exists():
        progress(_("Launch checklist"))
        copy_playbook(space)
    return space


def _user(user):
    return user if user is not None and user.is_authenticated else None
