"""A query compiled once per process gives, for every value, what the queryset itself gives."""

import pytest
from django.db.models import Count
from wagtail.models import Page, Site

from sites import precompiled
from sites.spaces.models import Space

pytestmark = pytest.mark.django_db


def spaces_of(hostname: str):
    return Space.objects.select_related("site", "site__root_page").filter(site__hostname=hostname)


def test_each_value_gives_what_the_queryset_gives(django_assert_num_queries):
    for hostname in ("paris.localhost", "moscow.localhost", "nowhere.example"):
        with django_assert_num_queries(1):  # counted like any query, objects related included
            found = precompiled.run(("test.spaces",), spaces_of, hostname)
            seen = [(space.pk, space.site.pk, space.site.root_page.url_path) for space in found]
        assert seen == [(space.pk, space.site.pk, space.site.root_page.url_path) for space in spaces_of(hostname)]
    assert found == [] and hostname == "nowhere.example"


def test_a_value_inside_a_like_pattern_is_escaped():
    home = Site.objects.get(hostname="paris.localhost").root_page

    def below(path: str, depth: int):
        return Page.objects.filter(path__startswith=path, depth=depth).order_by("path")

    children = precompiled.run(("test.below",), below, home.path, home.depth + 1)
    assert children and children == list(below(home.path, home.depth + 1))
    # "_" and "%" are LIKE's wildcards: as values they match themselves only.
    assert precompiled.run(("test.below",), below, home.path[:-1] + "_", home.depth + 1) == []
    assert precompiled.run(("test.below",), below, "%", home.depth + 1) == []


def test_annotations_and_converted_fields_come_with_the_objects():
    def homes(depth: int):
        return Page.objects.filter(depth=depth).annotate(children=Count("id")).order_by("path")

    found = precompiled.run(("test.homes",), homes, 2)
    expected = list(homes(2))
    assert [(page.pk, page.title, page.children, page.latest_revision_created_at) for page in found] == [
        (page.pk, page.title, page.children, page.latest_revision_created_at) for page in expected
    ]


def test_a_value_the_query_changes_is_refused_with_the_reason():
    def next_level(depth: int):
        return Page.objects.filter(depth=depth + 1)

    with pytest.raises(ValueError, match=r"Values \[0\] do not reach the query's SQL unchanged"):
        precompiled.run(("test.next_level",), next_level, 2)
    with pytest.raises(TypeError, match="ints and strings, not float"):
        precompiled.run(("test.float",), lambda value: Page.objects.filter(depth=value), 2.0)


def test_on_postgresql_the_statement_is_prepared_once_and_run_again(django_assert_num_queries):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    ran = []
    with connection.execute_wrapper(lambda execute, sql, *args: ran.append(sql) or execute(sql, *args)):
        for hostname in ("paris.localhost", "moscow.localhost", "paris.localhost"):
            found = precompiled.run(("test.prepared",), spaces_of, hostname)
            assert [space.site.hostname for space in found] == [hostname]
    assert len(ran) == 3 and len(set(ran)) == 1  # counted like any query, one statement
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement = %s", [ran[0].replace("%s", "$1")])
        assert cursor.fetchone() == (1,)
    with django_assert_num_queries(1) as captured:  # while queries are logged, sent as text
        precompiled.run(("test.prepared",), spaces_of, "moscow.localhost")
    assert "'moscow.localhost'" in captured.captured_queries[0]["sql"]
