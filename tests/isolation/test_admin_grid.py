"""Every admin URL × a real object of one's own space and of another space, for each kind of person.

The grid is built from the URLconf (``grid.py``) and judged against a table written from the
README's promise (``expectations.py``): a new admin view has to be given a row. Each URL is tried
with the editor's own space's objects (the positive control: it must answer, so that a refusal is
shown to come from the boundary, not from a broken URL) and with another space's (with GET and with
POST: the exact refusal the table states, and the database as it was). Network-wide areas refuse a
space's people and answer a coordinator.
"""

from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from tests.helpers import client_for

from .conftest import person_of, signed_in, space_objects
from .expectations import LIST, LOGIN, NETWORK, NOT_IN_GRID, PUBLIC, SPACE, row_for
from .grid import admin_patterns, fill, kind_of, object_parameters, unfillable

pytestmark = pytest.mark.django_db

# Kinds of object that belong to a space; the others (principles, tokens, workflows...) to the network.
SPACE_KINDS = {
    "page", "parent", "alias", "home", "revision", "image", "document", "space", "relay", "collection", "adoption",
    "step", "uploaded_image", "uploaded_document", "task_state", "workflow_state", "redirect", "site", "group", "user",
}  # fmt: skip
# An editing session is its person's: Wagtail never reads another's, it starts the person a new one.


def answer(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return LOGIN
    return response.status_code


def rolled_back(client, method: str, path: str) -> int | str:
    """What the URL answers, its writes undone: a control that deletes or publishes leaves the grid as it was."""
    with transaction.atomic():
        response = getattr(client, method)(path)
        transaction.set_rollback(True)
    client.force_login(client.person)  # its session too was rolled back (and signing out is a control)
    return answer(response)


def counting_query() -> str:
    tables = sorted({model._meta.db_table for model in apps.get_models() if model._meta.managed})
    # The models' own table names, quoted: no input reaches this query.
    counts = (f"(SELECT count(*) FROM {connection.ops.quote_name(table)})" for table in tables)  # noqa: S608
    return "SELECT " + ", ".join(counts)


def snapshot(query: str, page_id: int) -> tuple:
    """Row counts of every table, and the page's state: what a refused request must leave as it was."""
    with connection.cursor() as cursor:
        cursor.execute(query)
        counts = cursor.fetchone()
        cursor.execute("SELECT title, live, latest_revision_id, path FROM wagtailcore_page WHERE id = %s", [page_id])
        return counts, cursor.fetchone()


def refusal_paths(key: str, route: str, own: dict, other: dict, row) -> list[str]:
    """The URL with another space's objects; for a space's URL of several objects, also each one alone."""
    paths = [fill(key, route, lambda name, kind: other[kind])]
    mixed = [name for name in object_parameters(key, route) if kind_of(key, name) in SPACE_KINDS]
    if row.area == SPACE and len(object_parameters(key, route)) > 1:
        for foreign in mixed:
            pick = lambda name, kind, foreign=foreign: (other if name == foreign else own)[kind]  # noqa: E731
            paths.append(fill(key, route, pick))
    return list(dict.fromkeys(paths))


def gridded():
    """``(key, route, row)`` for every admin URL the grid fills (the others fail the test below)."""
    for key, route in admin_patterns():
        row = row_for(key)
        if row is not None and key not in NOT_IN_GRID and not unfillable(key, route):
            yield key, route, row


def test_every_admin_url_has_a_row_and_real_objects():
    problems = [
        f"{key} ({route}): no row in expectations.TABLE"
        for key, route in admin_patterns()
        if key not in NOT_IN_GRID and not row_for(key)
    ]
    problems += [
        f"{key} ({route}): the grid cannot fill {unfillable(key, route)}: give it a kind in grid.py"
        " or a reason in expectations.NOT_IN_GRID"
        for key, route in admin_patterns()
        if key not in NOT_IN_GRID and unfillable(key, route)
    ]
    keys = {key for key, _route in admin_patterns()}
    problems += [f"{key} is in NOT_IN_GRID but no longer in the URLconf" for key in NOT_IN_GRID if key not in keys]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ["editors", "moderators"])
def test_a_spaces_people_reach_their_own_space_and_nothing_of_another(paris, role, capsys):
    person = person_of("moscow", role)
    own = space_objects("moscow", person)
    client = signed_in(person)
    coordinator = signed_in(get_user_model().objects.create_superuser("grid-coordinator", "c@example.org", "x"))
    query = counting_query()
    tally, wrong = Counter(), []

    def check(who, method: str, path: str, expected, cell: str, key: str, undo: bool) -> None:
        got = rolled_back(who, method, path) if undo else answer(getattr(who, method)(path))
        tally[f"{cell} {got}"] += 1
        if got != expected:
            wrong.append(f"{cell}: {method.upper()} {path} ({key}) answered {got}, the table says {expected}")

    for key, route, row in gridded():
        own_path = fill(key, route, lambda name, kind: own[kind])
        check(client, "get", own_path, row.own(role), "own", key, undo=True)
        if row.area == NETWORK:
            check(coordinator, "get", own_path, row.answer, "coordinator", key, undo=True)
        if row.other() is None:
            continue
        before = snapshot(query, paris["page"])
        for path in refusal_paths(key, route, own, paris, row):
            check(client, "get", path, row.other(), "other", key, undo=False)
            check(client, "post", path, row.post or row.other(), "other", key, undo=False)
        if snapshot(query, paris["page"]) != before:
            wrong.append(f"{route} ({key}) changed the database for another space's object")
    with capsys.disabled():
        cells = ", ".join(f"{count} × {outcome}" for outcome, count in sorted(tally.items()))
        print(f"\nadmin grid for a Moscow {role[:-1]}: {tally.total()} cells ({cells}), {len(wrong)} wrong")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ["editors", "moderators"])
def test_lists_and_choosers_show_ones_own_things_and_none_of_another_spaces(paris, role):
    person = person_of("moscow", role)
    own = space_objects("moscow", person)
    client = signed_in(person)
    own_titles, foreign_titles = own["titles"], list(paris["titles"].values())
    wrong = []
    for key, route, row in gridded():
        if row.area != LIST:
            continue
        path = fill(key, route, lambda name, kind: own[kind])
        # Each title is searched for by one of its words, so that the echo of the query is no hit.
        words = {title.split()[-1] for title in [*foreign_titles, *own_titles.values()]}
        # The admin API lists 20 at most: newest first too, where one's own, just made, comes first.
        queries = [{}, {"order": "-id"}, *({"q": word, "search": word} for word in sorted(words))]
        shown = "".join(client.get(path, query, follow=True).content.decode(errors="replace") for query in queries)
        wrong += [f"{path} ({key}) shows another space's “{title}”" for title in foreign_titles if title in shown]
        if row.shows and own_titles[row.shows] not in shown:
            wrong.append(f"{path} ({key}) does not show the space's own “{own_titles[row.shows]}” (the control)")
    assert not wrong, "\n".join(wrong)


def test_anonymous_visitors_are_sent_to_sign_in(paris, capsys):
    visitor = client_for("localhost")
    query = counting_query()
    tally, wrong = Counter(), []
    for key, route, row in gridded():
        path = fill(key, route, lambda name, kind: paris[kind])
        before = snapshot(query, paris["page"])
        for method in ("get", "post"):
            got = answer(getattr(visitor, method)(path))
            tally[got] += 1
            if got != row.anonymous and not (row.area == PUBLIC and method == "post" and got == 405):
                wrong.append(f"{method.upper()} {path} ({key}) answered {got}, the table says {row.anonymous}")
        if row.area in (SPACE, NETWORK) and snapshot(query, paris["page"]) != before:
            wrong.append(f"{path} ({key}) changed the database")
    with capsys.disabled():
        cells = ", ".join(f"{count} × {outcome}" for outcome, count in sorted(tally.items(), key=str))
        print(f"\nanonymous admin grid: {tally.total()} cells ({cells}), {len(wrong)} wrong")
    assert not wrong, "\n".join(wrong)
