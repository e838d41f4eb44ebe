"""A space opened from the playbook has its Visit page and its accessibility statement, in its
languages, from ``playbook/data/pages.json``; opening it again makes nothing twice."""

import pytest
from django.core.management import call_command

from playbook.opening import ensure_tree
from playbook.practical_pages import page_texts
from sites.spaces.models import Space
from sites.visits.models import AccessibilityStatementPage, VisitPage
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

YEKATERINBURG = ["--name=NUMA Екатеринбург", "--slug=ekb", "--hostname=ekb.localhost", "--languages=ru,en",
                 "--time-zone=Asia/Yekaterinburg", "--country=RU", "--city=Екатеринбург"]  # fmt: skip


def test_a_new_space_gets_its_visit_page_and_statement_in_its_languages():
    call_command("open_space", *YEKATERINBURG)
    space = Space.objects.get(slug="ekb")
    home = space.site.root_page
    visit = VisitPage.objects.child_of(home).get()
    statement = AccessibilityStatementPage.objects.child_of(home).get()
    texts = page_texts()
    assert (visit.slug, visit.live, visit.show_in_menus) == ("visit", True, True)
    assert (visit.title_ru, visit.title_en) == (texts["visit"]["title"]["ru"], texts["visit"]["title"]["en"])
    assert not visit.title_fr and not visit.title_kn  # only the space's languages
    assert (statement.slug, statement.title_ru) == ("accessibility", "Заявление о доступности")
    assert "PDF" in statement.known_limitations_ru and statement.known_limitations_ru.startswith("<p>")
    assert statement.conformance == AccessibilityStatementPage.Conformance.PARTIAL

    # Its people and the coordinators see them before it opens; a visitor sees "opening soon".
    space.status = Space.Status.OPEN
    space.save()
    html = client_for("ekb.localhost").get("/ru/accessibility/").content.decode()
    assert "WCAG 2.2 AA" in html and "Известные ограничения" in html
    assert client_for("ekb.localhost").get("/ru/visit/").status_code == 200


def test_making_the_tree_again_makes_nothing_twice_and_keeps_a_visit_page_under_another_slug():
    moscow = Space.objects.get(slug="moscow")  # its Visit page is "first-visit"
    before = VisitPage.objects.count(), AccessibilityStatementPage.objects.count()
    ensure_tree(moscow, moscow.language_codes)
    ensure_tree(moscow, moscow.language_codes)
    assert (VisitPage.objects.count(), AccessibilityStatementPage.objects.count()) == before
    assert VisitPage.objects.child_of(moscow.site.root_page).get().slug == "first-visit"


def test_every_network_language_has_the_pages_texts():
    from sites.spaces.languages import network_languages

    for key, item in page_texts().items():
        for field in ("title", "intro"):
            missing = [code for code in network_languages() if not item[field].get(code)]
            assert not missing, (key, field, missing)
