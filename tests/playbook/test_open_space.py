"""Opening a space from the command line: everything it needs, or nothing at all with a clear message."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.images.permissions import permission_policy as image_permissions
from wagtail.models import Collection, Page, Site

from playbook.models import ChecklistStep, LifecycleChange, Step
from sites.core.models import Adoption, Principle
from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

MYSORE = {
    "name": "Cobalt Mysore",
    "slug": "mysore",
    "hostname": "mysore.localhost",
    "languages": "en,kn",
    "time_zone": "Asia/Kolkata",
    "country": "IN",
    "city": "Mysuru",
}


def open_space(capsys=None, **overrides) -> str:
    options = MYSORE | overrides
    arguments = [
        f"--{key.replace('_', '-')}" if value is True else f"--{key.replace('_', '-')}={value}"
        for key, value in options.items()
    ]
    call_command("open_space", *arguments)
    return capsys.readouterr().out if capsys else ""


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_the_command_opens_a_space_with_everything_it_needs(capsys):
    out = open_space(capsys)
    assert "… Home page" in out and "… Launch checklist" in out  # progress while it runs
    assert "http://mysore.localhost/" in out and "/admin/checklist/?space=" in out  # where to go next

    space = Space.objects.get(slug="mysore")
    assert space.status == Space.Status.OPENING and space.language_codes == ["en", "kn"]
    assert (space.name_en, space.name_kn, space.city_kn) == ("Cobalt Mysore", "Cobalt Mysore", "Mysuru")
    assert Site.objects.get(hostname="mysore.localhost").space == space
    home = space.site.root_page.specific
    sections = {page.slug: page for page in home.get_children().live()}
    assert set(sections) == {"principles", "practices", "programmes", "events", "network-calendar", "visit",
                             "accessibility"}  # fmt: skip
    assert (sections["principles"].title_en, sections["principles"].title_kn) == ("Our principles", "ನಮ್ಮ ತತ್ವಗಳು")
    assert Collection.objects.filter(name="mysore").exists()
    assert Adoption.objects.filter(space=space).count() == Principle.objects.published().count()
    assert space.checklist.count() == Step.objects.count() > 10
    assert LifecycleChange.objects.filter(space=space, to_status="opening").exists()


def test_its_editors_can_edit_their_tree_and_collection_only():
    open_space()
    space = Space.objects.get(slug="mysore")
    editor = get_user_model().objects.create_user("asha")
    editor.groups.add(Group.objects.get(name="mysore editors"))
    home = space.site.root_page
    paris_home = Space.objects.get(slug="paris").site.root_page
    assert home.permissions_for_user(editor).can_edit()
    assert home.get_children().first().permissions_for_user(editor).can_edit()
    assert not paris_home.permissions_for_user(editor).can_edit()
    assert list(image_permissions.collections_user_has_permission_for(editor, "add")) == [
        Collection.objects.get(name="mysore")
    ]
    client = client_for("localhost")
    client.force_login(editor)
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{paris_home.pk}/edit/").status_code == 404


def test_a_dry_run_prints_the_plan_and_changes_nothing(capsys):
    before = row_counts()
    out = open_space(capsys, dry_run=True)
    assert "Dry run" in out and "Cobalt Mysore" in out and "launch checklist" in out
    assert row_counts() == before


@pytest.mark.parametrize(
    ("overrides", "option", "message"),
    [
        ({"hostname": "mysore_.local host"}, "--hostname", "is not a hostname"),
        ({"hostname": "paris.localhost"}, "--hostname", "already served by another site"),
        ({"slug": "paris"}, "--slug", "exists already"),
        ({"slug": "my sore"}, "--slug", "slug"),
        ({"languages": "en,tlh"}, "--languages", "Unknown language: tlh"),
        ({"languages": "en,en"}, "--languages", "only once"),
        ({"time_zone": "Asia/Mysore"}, "--time-zone", "“Asia/Mysore” is not an IANA time zone"),
        ({"country": "XX"}, "--country", "“XX” is not a two-letter ISO 3166 country code"),
        ({"time_zone": "Europe/Moscow"}, "--time-zone", "not a time zone of the country chosen, India (IN)"),
        ({"city": ""}, "--city", "Required"),
        ({"name": ""}, "--name", "Required"),
        ({"name": "N" * 300}, "--name", "At most 120 characters (300 given)."),
        ({"slug": "s" * 61}, "--slug", "At most 60 characters (61 given)."),
        ({"hostname": "h" * 256}, "--hostname", "At most 255 characters (256 given)."),
        ({"city": "C" * 121}, "--city", "At most 120 characters (121 given)."),
        ({"port": 70000}, "--port", "A port from 1 to 65535 (70000 given)."),
    ],
)
def test_invalid_input_names_the_field_and_creates_nothing(overrides, option, message):
    before = row_counts()
    with pytest.raises(CommandError) as refused:
        open_space(**overrides)
    line = next(line for line in str(refused.value).splitlines() if line.startswith(option))
    assert message in line, str(refused.value)
    assert row_counts() == before


def test_opening_the_same_space_twice_is_refused_or_updated_on_request(capsys):
    open_space()
    before = row_counts()
    with pytest.raises(CommandError, match="exists already"):
        open_space()
    assert row_counts() == before
    out = open_space(capsys, update=True, name="Cobalt Mysuru", languages="en,kn,hi")
    assert "updated" in out
    space = Space.objects.get(slug="mysore")
    assert space.name_hi == "Cobalt Mysuru" and space.language_codes == ["en", "kn", "hi"]
    assert space.checklist.count() == Step.objects.count()  # the checklist is not copied twice


def test_spaces_opened_earlier_keep_the_steps_they_were_given():
    open_space()
    step = Step.objects.get(slug="first-colunch")
    step.title_en = "Hold a first colunch, with a cook"
    step.save()
    copy = ChecklistStep.objects.get(space__slug="mysore", source=step)
    assert copy.title_en == "Hold a first colunch"


def test_every_page_of_an_opening_space_answers_visitors_with_opening_soon_in_its_languages():
    open_space()
    visitor = client_for("mysore.localhost")
    kannada = visitor.get("/kn/principles/")
    assert kannada.status_code == 200 and kannada.headers["X-Robots-Tag"] == "noindex"
    html = kannada.content.decode()
    assert "Mysuru" in html and "ನಮ್ಮ ತತ್ವಗಳು" not in html  # nothing of its content leaks
    assert "opening soon" in visitor.get("/en/").content.decode()
    assert visitor.get("/hi/").status_code == 404  # not one of its languages

    editor = get_user_model().objects.create_user("asha")
    editor.groups.add(Group.objects.get(name="mysore editors"))
    visitor.force_login(editor)
    assert "ನಮ್ಮ ತತ್ವಗಳು" in visitor.get("/kn/principles/").content.decode()  # its editors preview it

    outsider = get_user_model().objects.create_user("paris-only")
    outsider.groups.add(Group.objects.get(name="paris editors"))
    other = client_for("mysore.localhost")
    other.force_login(outsider)
    assert "ನಮ್ಮ ತತ್ವಗಳು" not in other.get("/kn/principles/").content.decode()


def test_the_home_page_of_the_new_site_is_its_own():
    open_space()
    assert Page.objects.get(slug="mysore").get_parent().is_root()


def test_a_new_space_receives_the_network_events_still_to_come(django_capture_on_commit_callbacks):
    from sites.events.models import EventPage, RelayedEvent

    with django_capture_on_commit_callbacks(execute=True):
        open_space()
    colunch = EventPage.objects.get(slug="network-colunch-day")
    relay = RelayedEvent.objects.get(space__slug="mysore", origin_event_id=colunch.pk)
    assert relay.curation == RelayedEvent.Curation.ACCEPTED and not relay.withdrawn
    coming = EventPage.objects.live().filter(scope=EventPage.Scope.NETWORK, end__gte=timezone.now())
    received = RelayedEvent.objects.filter(space__slug="mysore").values_list("origin_event_id", flat=True)
    assert set(received) == set(coming.values_list("pk", flat=True))  # the coming network events, no more


def test_a_name_too_long_is_refused_naming_its_option_with_a_non_zero_exit_and_nothing_written(capsys, monkeypatch):
    from django.db import connections

    from playbook.management.commands.open_space import Command

    monkeypatch.setattr(connections, "close_all", lambda: None)  # the test's own connection stays open
    counted = (Space, Site, Group, Page)
    before = {model: model.objects.count() for model in counted}
    arguments = [f"--{key.replace('_', '-')}={value}" for key, value in (MYSORE | {"name": "N" * 300}).items()]
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "open_space", *arguments, "--hostname=paris.localhost"])
    assert exited.value.code != 0
    err = capsys.readouterr().err
    # Every problem at once, each on the line of its option; no traceback.
    assert "--name: At most 120 characters (300 given)." in err.splitlines()
    assert any(line.startswith("--hostname:") and "already served" in line for line in err.splitlines())
    assert "Traceback" not in err and "ValidationError" not in err
    assert {model: model.objects.count() for model in counted} == before


def test_updating_a_space_checks_lengths_the_same_way(capsys):
    open_space()
    before = row_counts()
    with pytest.raises(CommandError, match="--name: At most 120 characters"):
        open_space(update=True, name="N" * 121)
    assert row_counts() == before
    assert "updated" in open_space(capsys, update=True, name="N" * 120)  # the longest name is fine
    assert Space.objects.get(slug="mysore").site.site_name == "N" * 120


def test_the_limits_follow_the_fields_the_inputs_are_written_to(monkeypatch):
    # The groups are named "<slug> editors" and "<slug> moderators": a shorter group name, a shorter slug.
    monkeypatch.setattr(Group._meta.get_field("name"), "max_length", 20)
    with pytest.raises(CommandError) as refused:
        open_space(slug="mysore-city")
    assert "--slug: At most 9 characters (11 given)." in str(refused.value).splitlines()
