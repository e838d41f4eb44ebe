"""The admin in the editors' own languages: a Moscow editor in Russian, a Bangalore editor in Kannada.

Their menus offer no network-wide report, the principles listing and the to-do panel read in their
language, the menu and the screen it opens say the same name; a coordinator reading in the same
language sees a space's month chart with its first label whole. Screenshots in test-artifacts/.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "langs-pass-7"
# What each reads, in their language.
WORDS = {
    "ru": {"reports": "Отчеты", "workflows": "Рабочие процессы", "site_history": "История действий на сайте",
           "principles": "Принципы", "status": "Статус", "updated": "Обновлено", "adopted": "Принятые принципы",
           "toggle": "Показать / изменить поля на языках", "todo": "Что сеть ждёт от NUMA Москва"},
    "kn": {"reports": "ವರದಿಗಳು", "workflows": "ಕಾರ್ಯಹರಿವುಗಳು", "site_history": "ಸೈಟ್ ಇತಿಹಾಸ", "principles": "ತತ್ವಗಳು",
           "status": "ಸ್ಥಿತಿ", "updated": "ಕೊನೆಯ ನವೀಕರಣ", "adopted": "ಅಳವಡಿಸಿಕೊಂಡ ತತ್ವಗಳು",
           "toggle": "ಈ ಭಾಷೆಗಳ ಕ್ಷೇತ್ರಗಳನ್ನು ನೋಡಿ / ಸಂಪಾದಿಸಿ", "todo": "Cobalt BLR"},
}  # fmt: skip
PEOPLE = {"ru": ("moscow", "langs-moscow-ru"), "kn": ("bangalore", "langs-bangalore-kn")}


@pytest.fixture
def people(live_port, django_db_blocker):
    users = get_user_model()
    with django_db_blocker.unblock():
        for language, (slug, username) in PEOPLE.items():
            editor = users.objects.create_user(username, password=PASSWORD)
            editor.groups.add(*Group.objects.filter(name__in=[f"{slug} editors", f"{slug} moderators"]))
            coordinator = users.objects.create_superuser(f"langs-coordinator-{language}", "c@example.org", PASSWORD)
            for person in (editor, coordinator):
                profile = UserProfile.get_for_user(person)
                profile.preferred_language = language
                profile.save()
        yield
        users.objects.filter(username__startswith="langs-").delete()


@pytest.mark.parametrize("language", ["ru", "kn"])
def test_an_editor_works_in_their_language_and_the_menus_lead_where_they_may_go(page, live_port, people, language):
    slug, username = PEOPLE[language]
    words = WORDS[language]
    admin = sign_in(page, live_port, username, PASSWORD)

    # The to-do panel: its text starts under its heading's words, inside the panel.
    panel = page.locator("#space-todos-section")
    assert words["todo"] in panel.inner_text()
    heading = panel.locator(".w-panel__heading [data-panel-heading-text]").bounding_box()
    text = panel.locator(".socle-todos > *").first.bounding_box()
    box = panel.bounding_box()
    assert abs(heading["x"] - text["x"]) < 2, (heading, text)
    assert text["x"] + text["width"] <= box["x"] + box["width"], (text, box)
    screenshot(page, f"admin-{language}-home-todo")

    # The reports menu: the space's own reports, none of the network-wide ones that would refuse.
    sidebar = page.locator("[data-wagtail-sidebar], aside").first
    sidebar.get_by_role("button", name=words["reports"]).click()
    submenu = page.locator(".sidebar-sub-menu-panel").filter(has_text=words["site_history"])
    submenu.wait_for()
    assert words["site_history"] in submenu.inner_text()
    assert words["workflows"] not in submenu.inner_text()
    screenshot(page, f"admin-{language}-reports-menu")
    with page.expect_navigation():
        submenu.get_by_role("link", name=words["site_history"]).click()
    assert page.locator("h1").inner_text().strip() == words["site_history"]

    # The principles listing: its column headers in the editor's language.
    page.goto(f"{admin}/snippets/core/principle/")
    headers = page.locator("table.listing thead").inner_text()
    assert words["status"] in headers and words["updated"] in headers
    assert "Status" not in headers and "Updated" not in headers
    screenshot(page, f"admin-{language}-principles")

    # The menu item and the screen it opens say one name.
    page.goto(f"{admin}/")
    with page.expect_navigation():
        page.get_by_role("link", name=words["adopted"]).click()
    assert page.locator("h1").inner_text().strip() == words["adopted"]
    assert page.title().startswith(words["adopted"])
    screenshot(page, f"admin-{language}-adopted-principles")

    # The page editor's language toggle, in the editor's language.
    page.goto(f"{admin}/pages/")
    page.locator("table.listing a[href*='/edit/']").first.click()
    page.wait_for_url("**/edit/")
    assert words["toggle"] in page.content()
    screenshot(page, f"admin-{language}-page-editor")

    # A network-wide report asked for by its address: the admin's refusal, in the editor's language.
    response = page.goto(f"{admin}/reports/workflow/")
    assert response.status == 403
    assert {"ru": "Ошибка 403", "kn": "ದೋಷ 403"}[language] in page.locator("h1").inner_text()
    screenshot(page, f"admin-{language}-refusal")


@pytest.mark.parametrize("language,slug", [("ru", "moscow"), ("kn", "bangalore")])
def test_a_coordinator_reads_a_spaces_month_chart_with_its_first_label_whole(
    page, live_port, people, django_db_blocker, language, slug
):
    from sites.spaces.models import Space

    with django_db_blocker.unblock():
        space_id = Space.objects.get(slug=slug).pk
    admin = sign_in(page, live_port, f"langs-coordinator-{language}", PASSWORD)
    page.goto(f"{admin}/network/spaces/{space_id}/")
    chart = page.locator("svg[aria-labelledby^=events-per-month]")
    chart.scroll_into_view_if_needed()
    frame = chart.bounding_box()
    labels = chart.locator("text[text-anchor=middle][font-size='10']")
    # The month labels, not the counts above the columns (figures only).
    months = [labels.nth(index) for index in range(labels.count()) if not labels.nth(index).text_content().isdigit()]
    first = months[0].bounding_box()
    assert first["x"] >= frame["x"] and first["x"] + first["width"] <= frame["x"] + frame["width"]
    screenshot(page, f"admin-{language}-space-chart")
