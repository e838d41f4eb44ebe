"""Every link the admin offers a space's editor, moderator or a coordinator opens: none leads to a refusal.

The walk reads what the user is shown: the sidebar (the main menu with its submenus — the core,
reports, settings — and the account menu), then every link of the admin home (its summary, its
panels); then, on each page these open, one link of each kind (each view, whatever object it
names): the buttons and links of the listings and forms. Each address is asked for as a browser
would, following redirects inside the admin; it must end on a 200 that is not the admin home
telling the user they may not go there.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import Resolver404, resolve

from tests.helpers import client_for

pytestmark = pytest.mark.django_db

# Leaving the admin is a form, not a link to follow; the help menu's links go to wagtail.org.
NOT_WALKED = ("/admin/logout/",)
SIDEBAR_PROPS = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S)
REFUSALS = ("Sorry, you do not have permission", "Error 403", "403 Forbidden")


class Links(HTMLParser):
    """The ``href`` of every ``<a>`` in a page, in order. A bulk action's link is completed by the
    listing's script with the ids of the rows ticked: it gets the first row's, as a click would."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.bulk_ids = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        href = attributes.get("href")
        if tag == "a" and href:
            self.hrefs.append(href)
        if tag == "input" and "data-bulk-action-checkbox" in attributes and attributes.get("data-object-id"):
            self.bulk_ids.append(attributes["data-object-id"])

    def links(self) -> list[str]:
        if not self.bulk_ids:  # no row to tick: the bulk actions' bar never shows
            return [href for href in self.hrefs if not href.startswith("/admin/bulk/")]
        ticked = f"id={self.bulk_ids[0]}"
        return [
            f"{href}{'&' if '?' in href else '?'}{ticked}" if href.startswith("/admin/bulk/") else href
            for href in self.hrefs
        ]


def sidebar_urls(html: str) -> list[str]:
    """Every ``url`` in the sidebar's props (Telepath's JSON: values may be wrapped as ``{"_val": ...}``)."""
    props = json.loads(SIDEBAR_PROPS.search(html).group(1))
    urls = []

    def walk(node):
        if isinstance(node, dict):
            if "_val" in node:
                walk(node["_val"])
            url = node.get("url")
            if isinstance(url, dict):
                url = url.get("_val")
            if isinstance(url, str):
                urls.append(url)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return urls


def admin_addresses(urls) -> list[str]:
    """The admin's own addresses among ``urls``, without fragments, once each, in order."""
    kept = []
    for url in urls:
        address = urldefrag(url).url
        parts = urlsplit(address)
        if parts.netloc or not parts.path.startswith("/admin/") or parts.path in NOT_WALKED:
            continue
        if address not in kept:
            kept.append(address)
    return kept


def person(username: str, *groups: str, permissions: tuple[str, ...] = ()):
    user = get_user_model().objects.create_user(username, f"{username}@example.org")
    user.groups.add(*Group.objects.filter(name__in=groups))
    for label in permissions:
        app, codename = label.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    assert user.has_perm("wagtailadmin.access_admin")
    return user


PEOPLE = {
    "editor": lambda: person("moscow-editor-only", "moscow editors"),
    "moderator": lambda: person("moscow-moderator-only", "moscow moderators"),
    "editor and moderator": lambda: person("moscow-both", "moscow editors", "moscow moderators"),
    # A coordinator who is not a superuser: may write the core, no more (see core.coordinators).
    "coordinator": lambda: person(
        "network-coordinator",
        permissions=(
            "wagtailadmin.access_admin",
            "core.add_principle",
            "core.change_principle",
            "core.publish_principle",
            "core.add_value",
            "core.change_value",
            "core.publish_value",
        ),
    ),  # fmt: skip
    "superuser": lambda: get_user_model().objects.create_superuser("network-admin", "a@example.org", "pw"),
}


def refusal(response, address: str) -> str | None:
    """Why ``response`` (followed from ``address``) is not the page it links to, or None."""
    if response.status_code != 200:
        return f"{address} answers {response.status_code}"
    for url, _status in response.redirect_chain:
        if not urlsplit(url).path.startswith("/admin/"):
            return f"{address} leaves the admin for {url}"
    if response.streaming:  # a file to download: its answer is all there is to check
        return None
    text = response.content.decode(errors="replace")
    if any(words in text for words in REFUSALS):
        return f"{address} ends on a refusal ({response.redirect_chain})"
    return None


def links_of(html: str) -> list[str]:
    links = Links()
    links.feed(html)
    return links.links()


def kind_of(address: str) -> tuple:
    """What a link opens, whatever object it names: its view and the names of its query's keys."""
    parts = urlsplit(address)
    try:
        name = resolve(parts.path).view_name
    except Resolver404:
        name = parts.path
    return name, tuple(sorted(key for key, _value in parse_qsl(parts.query)))


def walk(client) -> tuple[list[str], list[str], list[str]]:
    """(the addresses the sidebar and the home offer, the links found on the pages they open, the
    failures among both). Of the second level, one link of each kind is followed."""
    home = client.get("/admin/")
    assert home.status_code == 200
    html = home.content.decode()
    offered = admin_addresses([*sidebar_urls(html), *links_of(html)])
    failures, seen, second = [], {kind_of(address) for address in offered}, []
    for address in offered:
        response = client.get(address, follow=True)
        problem = refusal(response, address)
        if problem:
            failures.append(problem)
            continue
        if response.streaming:
            continue
        for link in admin_addresses(links_of(response.content.decode(errors="replace"))):
            if kind_of(link) not in seen:
                seen.add(kind_of(link))
                second.append((address, link))
    for source, address in second:
        problem = refusal(client.get(address, follow=True), address)
        if problem:
            failures.append(f"{problem} (a link on {source})")
    return offered, [link for _source, link in second], failures


# What each one's walk must at least find: the menu was read.
EXPECTED = {
    "editor": ["/admin/pages/", "/admin/snippets/core/principle/", "/admin/adoptions/", "/admin/reports/site-history/"],
    "coordinator": ["/admin/network/", "/admin/snippets/core/principle/", "/admin/playbook/open/"],
    "superuser": ["/admin/network/", "/admin/reports/workflow/", "/admin/spaces/", "/admin/users/"],
}
EXPECTED["moderator"] = EXPECTED["editor and moderator"] = [*EXPECTED["editor"], "/admin/reports/locked/"]


@pytest.mark.parametrize("who", PEOPLE)
def test_every_menu_item_home_link_and_their_buttons_open(who):
    client = client_for("localhost")
    client.force_login(PEOPLE[who]())
    offered, further, failures = walk(client)
    assert set(EXPECTED[who]) <= set(offered), offered
    assert further  # the pages opened had buttons and links of their own
    assert not failures, "\n".join(failures)
