"""The dashboard's figures are the database's, in a number of queries that does not grow with the network."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from playbook.models import ChecklistStep
from sites.core.models import Adoption, PracticePage, Principle, ReviewItem
from sites.core.publishing import publish
from sites.core.sync import acknowledge
from sites.dashboard.figures import space_figures
from sites.events.models import EventPage, RelayedEvent
from sites.spaces.models import ProgrammePage, Space
from sites.sync.models import Delivery
from tests.helpers import add_bare_spaces, client_for

pytestmark = pytest.mark.django_db


def new_version(django_capture_on_commit_callbacks, slug="transparency", **texts):
    principle = Principle.objects.get(slug=slug)
    for name, value in texts.items():
        setattr(principle, name, value)
    principle.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(principle)
    return principle


def test_each_figure_of_a_space_is_what_the_database_holds(django_capture_on_commit_callbacks):
    new_version(django_capture_on_commit_callbacks, statement_fr="La transparence de l'argent, toujours")
    paris = Space.objects.select_related("site__root_page").get(slug="paris")
    paris.checklist.filter(sort_order__lt=3).update(status=ChecklistStep.Status.TODO)
    [figure] = space_figures([paris])
    home = paris.site.root_page
    now = timezone.now()

    assert (figure.checklist_done, figure.checklist_total) == (paris.checklist.count() - 3, paris.checklist.count())
    assert figure.adoptions_pending == 1 == Adoption.objects.filter(space=paris, latest_version=2).count()
    assert figure.adoptions_current == Principle.objects.published().count() - 1
    assert figure.pending_since is not None and figure.lag_days == 0
    assert figure.practices_to_review == ReviewItem.objects.filter(space=paris, acknowledged_at__isnull=True).count()
    assert figure.core_states["en"]["stale"] == 1  # the French of one principle changed since it was translated
    assert figure.core_states["en"]["fresh"] == Principle.objects.published().count() + 8 - 1
    assert "ru" not in figure.core_states  # only the space's languages
    assert figure.deliveries_failed == 0 and figure.deliveries_pending == 0
    assert figure.last_delivery == Delivery.objects.filter(space=paris).latest("delivered_at").delivered_at
    assert figure.upcoming_local == EventPage.objects.live().descendant_of(home).filter(end__gte=now).count()
    assert (
        figure.upcoming_network
        == RelayedEvent.objects.filter(space=paris, withdrawn=False, curation="accepted", end__gte=now).count()
    )
    assert figure.programmes == ProgrammePage.objects.live().descendant_of(home).count() > 0
    assert figure.practices == PracticePage.objects.live().descendant_of(home).count() > 0


def test_the_overview_shows_the_figures_and_filters_and_sorts_the_spaces(
    coordinator, django_capture_on_commit_callbacks
):
    principle = new_version(django_capture_on_commit_callbacks)
    acknowledge(Space.objects.get(slug="moscow"), principle)  # Moscow has reviewed it
    html = coordinator.get("/admin/network/").content.decode()
    assert "NUMA Paris" in html and "Cobalt BLR" in html and "3 spaces" in html
    assert coordinator.get("/admin/network/", {"country": "ru"}).context["total"] == 1
    assert [f.space.slug for f in coordinator.get("/admin/network/", {"language": "kn"}).context["figures"]] == [
        "bangalore"
    ]
    assert coordinator.get("/admin/network/", {"q": "Москва"}).context["total"] == 1
    by_lag = [figure.space.slug for figure in coordinator.get("/admin/network/", {"sort": "lag"}).context["figures"]]
    assert by_lag[-1] == "moscow"  # the only space with nothing waiting comes last
    assert "adoption-lag-title" in html  # the chart, with its title for screen readers


def test_a_space_page_shows_its_details_and_links_into_its_admin(coordinator):
    moscow = Space.objects.get(slug="moscow")
    html = coordinator.get(f"/admin/network/spaces/{moscow.pk}/").content.decode()
    assert f"/admin/pages/{moscow.site.root_page_id}/" in html
    assert f"/admin/playbook/spaces/{moscow.pk}/" in html
    for chart in ("core-coverage", "pages-coverage", "events-per-month"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in html
    practice = PracticePage.objects.live().descendant_of(moscow.site.root_page).first()
    assert f"/admin/pages/{practice.pk}/edit/" in html


def test_the_matrix_shows_which_spaces_live_each_principle(coordinator, django_capture_on_commit_callbacks):
    principle = new_version(django_capture_on_commit_callbacks)
    response = coordinator.get("/admin/network/principles/")
    rows = {row["principle"].slug: row for row in response.context["rows"]}
    cells = {space.slug: cell for space, cell in rows["transparency"]["cells"]}
    paris_practices = PracticePage.objects.live().filter(principles=principle, url_path__startswith="/paris/")
    assert {practice.id for practice in cells["paris"]["practices"]} == set(
        paris_practices.values_list("pk", flat=True)
    )
    assert cells["paris"]["to_review"] == ReviewItem.objects.filter(space__slug="paris", principle=principle).count()
    lonely = [slug for slug, row in rows.items() if any(cell is None for _space, cell in row["cells"])]
    assert lonely  # some principle has a space with no practice for it, shown as such
    assert "no practice" in response.content.decode()


def queries(client, url: str, **headers) -> int:
    client.get(url, **headers)  # warm: the hostname's space is looked up once, then cached
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **headers).status_code == 200
    return len(captured.captured_queries)


def test_the_dashboard_and_its_json_cost_the_same_queries_for_3_spaces_as_for_50(coordinator):
    from sites.dashboard.models import ApiToken

    _token, key = ApiToken.issue("tests")
    api = client_for("localhost")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    small = (queries(coordinator, "/admin/network/"), queries(api, "/api/network/spaces/", **auth),
             queries(coordinator, "/admin/network/principles/"))  # fmt: skip
    add_bare_spaces(47)
    assert Space.objects.count() == 50
    large = (queries(coordinator, "/admin/network/"), queries(api, "/api/network/spaces/", **auth),
             queries(coordinator, "/admin/network/principles/"))  # fmt: skip
    assert small == large


def test_the_matrix_titles_practices_with_drafts_in_as_many_queries_as_without(coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def matrix_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert coordinator.get("/admin/network/principles/").status_code == 200
        return len(captured)

    coordinator.get("/admin/network/principles/")  # caches warmed
    without_drafts = matrix_queries()
    practices = list(PracticePage.objects.live())
    for practice in practices:
        practice.title_en = f"{practice.title_en} (draft)"
        practice.save_revision()
    assert len(practices) > 10
    html = coordinator.get("/admin/network/principles/").content.decode()
    shown = PracticePage.objects.live().filter(principles__isnull=False).distinct().count()
    assert html.count("(draft)") >= shown  # each practice once per principle it embodies
    assert matrix_queries() <= without_drafts + 1  # one query reads every draft's titles


def test_the_month_chart_gives_each_label_room_from_the_first():
    """The first month's label was centred on its columns and cut at the chart's left edge ("lay 2026")."""
    import re

    from sites.dashboard.charts import month_columns, text_width

    months = [("May 2026", 2, 1), ("ಜೂನ್ 2026", 0, 3), ("Jul 2026", 1, 0)]
    svg = month_columns("m", "t", "d", months, [("own", "its own events"), ("network", "network events")])
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    for label, _own, _network in months:
        drawn = re.search(rf'<text x="([\d.]+)" y="\d+" font-size="10" text-anchor="middle">{label}</text>', svg)
        x = float(drawn.group(1))
        assert x - text_width(label, 10) / 2 >= 0, label
        assert x + text_width(label, 10) / 2 <= width, label
