"""Status reports: a member install reports its spaces (status, adoption of each principle,
translation coverage, coming events) to the network's install, whose coordinators see them on the
dashboard as remote rows. What a report says is checked field by field; nothing about people."""

import copy
import json

import pytest
from django.contrib.auth import get_user_model

from sites.core.models import Adoption, Principle
from sites.dashboard.reports import apply_report, remote_spaces, report, send_reports
from sites.federation import inbox
from sites.federation.models import Link, Received, RemoteSpace
from sites.federation.schema import SchemaError
from sites.spaces.models import Space
from tests.dashboard.conftest import coordinator  # noqa: F401  (a fixture)

from .test_signed_inbox import Install

pytestmark = pytest.mark.django_db


def link_as(role: str, name: str = "NUMA Moscow") -> Link:
    return Install().link(role=role, name=name, address="http://127.0.0.1:9")  # nothing listens on port 9


def from_elsewhere(document: dict) -> dict:
    """This install's report, as if its spaces were served by another install (under .ru hostnames)."""
    document = copy.deepcopy(document)
    for entry in document["spaces"]:
        entry["space"]["hostname"] = entry["space"]["hostname"].replace(".localhost", ".numa.example.ru")
    return document


def test_a_report_gives_each_space_its_figures_and_nothing_about_people():
    get_user_model().objects.create_user("editor", "editor.moscow@example.org", "pw")
    document = report()
    entries = {entry["space"]["slug"]: entry for entry in document["spaces"]}
    assert set(entries) == set(Space.objects.values_list("slug", flat=True))
    moscow = entries["moscow"]
    adoption = Adoption.objects.filter(space__slug="moscow").select_related("principle").first()
    assert moscow["principles"][adoption.principle.slug] == {
        "adopted": adoption.adopted_version,
        "latest": adoption.latest_version,
    }
    assert set(moscow["coverage"]) == set(Space.objects.get(slug="moscow").language_codes)
    assert set(moscow["coverage"]["ru"]) == {"fresh", "stale", "missing"}
    assert moscow["space"]["name"]["ru"] and moscow["status"] in Space.Status.values
    assert "example.org" not in json.dumps(document) and "editor" not in json.dumps(document)


def test_the_networks_dashboard_shows_a_member_installs_spaces_as_remote(coordinator):  # noqa: F811
    link = link_as(Link.Role.MEMBER)
    document = from_elsewhere(report())
    moscow = next(entry for entry in document["spaces"] if entry["space"]["slug"] == "moscow")
    principle = Principle.objects.published().first()
    moscow["principles"] = {principle.slug: {"adopted": principle.version - 1, "latest": principle.version}}
    assert inbox.receive(link, document) is True

    remote = RemoteSpace.objects.get(link=link, hostname="moscow.numa.example.ru")
    assert remote.status == moscow["status"] and remote.reported_at is not None
    assert remote.report["principles"] == moscow["principles"]
    html = coordinator.get("/admin/network/").content.decode()
    assert "Spaces on linked installs" in html and 'data-remote="moscow.numa.example.ru"' in html
    assert "on the linked install NUMA Moscow" in html
    row = html[html.index('data-remote="moscow.numa.example.ru"') :].split("</tr>")[0]
    assert "0 current, 1 pending" in row  # adopted one version behind the network's

    # A later report: the newer figures stand; a space it leaves out is no longer served there.
    later = from_elsewhere(report())
    later["id"], later["sent_at"] = "status.report.later", "2099-01-01T00:00:00+00:00"
    later["spaces"] = [entry for entry in later["spaces"] if entry["space"]["slug"] != "bangalore"]
    inbox.receive(link, later)
    assert RemoteSpace.objects.get(hostname="bangalore.numa.example.ru").status == Space.Status.CLOSED
    assert Received.objects.filter(link=link, kind="status.report").count() == 1  # snapshots: the last one kept
    # An older report arriving late changes nothing.
    inbox.receive(link, {**from_elsewhere(report()), "id": "status.report.late"})
    assert RemoteSpace.objects.get(hostname="bangalore.numa.example.ru").status == Space.Status.CLOSED


@pytest.mark.parametrize(
    "spoil, named",
    [
        (lambda d: d["spaces"][0].update(status="thriving"), "not one of"),
        (lambda d: d["spaces"][0].update(practices=-3), "practices"),
        (lambda d: d["spaces"][0]["coverage"].update(ru={"fresh": "many"}), "the language 'ru'"),
        (lambda d: d["spaces"][0].pop("coming_events"), "lacks the field “coming_events”"),
        (lambda d: d["spaces"][0]["space"].update(hostname="paris.localhost"), "hostname"),
        (lambda d: d.update(sent_at="yesterday"), "sent_at"),
    ],
)
def test_a_malformed_report_is_refused_by_name_and_changes_nothing(spoil, named):
    link = link_as(Link.Role.MEMBER)
    document = from_elsewhere(report())
    spoil(document)
    with pytest.raises(SchemaError, match=named):
        inbox.receive(link, document)
    assert not RemoteSpace.objects.exists() and not Received.objects.exists()
    assert inbox.receive(link, from_elsewhere(report())) is True  # positive control: the whole report
    assert RemoteSpace.objects.count() == Space.objects.count()


def test_the_networks_report_makes_its_spaces_known_but_they_are_not_rows_of_the_dashboard():
    network = link_as(Link.Role.NETWORK, "Réseau")
    apply_report(network, from_elsewhere(report()))
    assert RemoteSpace.objects.filter(link=network).count() == Space.objects.count()  # editors may choose them
    assert not remote_spaces().exists()
    member = link_as(Link.Role.MEMBER)
    apply_report(member, from_elsewhere(report()))  # the control: a member's spaces are rows
    assert set(remote_spaces().values_list("link", flat=True)) == {member.pk}


def test_a_report_a_linked_install_does_not_take_is_logged_on_the_link(settings, caplog):
    settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = True
    network, member = link_as(Link.Role.NETWORK, "Réseau"), link_as(Link.Role.MEMBER, "Cantines")
    assert send_reports() == 0
    for link in (network, member):  # reported to both ways
        link.refresh_from_db()
        assert link.last_error.startswith("status report:") and "127.0.0.1:9" in link.last_error
    assert "was not taken" in caplog.text


def test_tools_read_the_remote_spaces_from_the_api():
    from sites.dashboard.models import ApiToken
    from tests.helpers import client_for

    _token, key = ApiToken.issue("The network's wiki")
    tool = client_for("localhost", HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="ru")
    assert tool.get("/api/network/spaces/").json()["remote_spaces"] == []
    inbox.receive(link_as(Link.Role.MEMBER), from_elsewhere(report()))
    listing = tool.get("/api/network/spaces/").json()
    remote = {space["hostname"]: space for space in listing["remote_spaces"]}
    moscow = remote["moscow.numa.example.ru"]
    assert (moscow["name"], moscow["name_language"], moscow["install"]) == ("NUMA Москва", "ru", "NUMA Moscow")
    assert moscow["overdue"] is False and moscow["reported_at"]
    assert set(moscow["translations"]) == {"ru", "en"} and moscow["principles"]
    assert {space["slug"] for space in listing["spaces"]} == set(Space.objects.values_list("slug", flat=True))
