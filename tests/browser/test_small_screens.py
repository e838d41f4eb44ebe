"""A visitor on a phone: the menu button, the language switcher and the search at 390 px; short homes;
the editor's user bar on public pages, never a visitor's."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .conftest import screenshot

pytestmark = pytest.mark.browser

CITIES = [("paris", ["fr", "en"]), ("moscow", ["ru", "en"]), ("bangalore", ["en", "hi", "kn"])]


def watch_csp(tab):
    """The page's Content-Security-Policy refusals, as Chromium reports them on the console."""
    tab.csp_errors = []
    tab.on("console", lambda message: "Content Security Policy" in message.text and tab.csp_errors.append(message.text))
    return tab


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = watch_csp(context.new_page())
    yield tab
    context.close()


def test_the_menu_folds_behind_a_button_that_opens_and_closes_with_mouse_and_keyboard(phone, live_port):
    phone.goto(f"http://moscow.localhost:{live_port}/ru/")
    button, menu = phone.locator(".menu-toggle"), phone.locator("#site-menu")
    assert button.is_visible() and button.evaluate("b => b.tagName") == "BUTTON"
    assert button.get_attribute("aria-controls") == "site-menu"
    assert button.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    assert button.inner_text().strip() == "Меню"

    button.click()
    assert button.get_attribute("aria-expanded") == "true" and menu.is_visible()
    assert menu.locator("a").first.inner_text() == "Главная"
    screenshot(phone, "menu-open-moscow-ru-390")
    button.click()
    assert button.get_attribute("aria-expanded") == "false" and not menu.is_visible()

    # The keyboard: Tab reaches the button, Enter opens, Tab enters the menu, Escape closes and
    # gives the focus back to the button, which shows it.
    phone.locator(".language-switcher a").last.focus()
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.classList.contains('menu-toggle')")
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"  # :focus-visible from the keyboard
    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.closest('#site-menu') !== null")
    phone.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    assert phone.evaluate("document.activeElement.classList.contains('menu-toggle')")
    assert phone.csp_errors == []


def test_the_language_switcher_and_the_search_stay_usable_at_390_px(phone, live_port):
    phone.goto(f"http://bangalore.localhost:{live_port}/kn/")
    for language in ("English", "हिन्दी", "ಕನ್ನಡ"):
        assert phone.get_by_role("link", name=language).is_visible()
    search = phone.locator("#site-search-q")
    assert search.is_visible() and search.bounding_box()["width"] >= 120
    # Nothing in the header runs off the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("link", name="English").click()
    assert phone.url.endswith("/en/")
    phone.fill("#site-search-q", "tea")
    phone.press("#site-search-q", "Enter")
    phone.wait_for_url("**/en/search/?q=tea")
    assert phone.locator(".search-results li").count() > 0


def test_without_javascript_the_menu_is_open_and_the_button_hidden(browser, live_port):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"http://paris.localhost:{live_port}/fr/")
    assert not tab.locator(".menu-toggle").is_visible()
    assert tab.locator("#site-menu").is_visible()
    assert tab.locator("#site-menu a").count() >= 5
    context.close()


def test_on_a_wide_screen_the_menu_is_shown_and_the_button_is_not(page, live_port):
    page.goto(f"http://paris.localhost:{live_port}/fr/")
    assert not page.locator(".menu-toggle").is_visible()
    assert page.locator("#site-menu").is_visible()


@pytest.mark.parametrize(("city", "languages"), CITIES)
def test_each_city_in_each_language_at_390_and_1280_px(browser, live_port, city, languages):
    """Homes list three items a section with a link to the rest; screenshots to look at."""
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 844})
        tab = context.new_page()
        for language in languages:
            tab.goto(f"http://{city}.localhost:{live_port}/{language}/")
            for section in ("#practices-title", "#programmes-title", "#upcoming-title"):
                cards = tab.locator(f"section:has({section}) .cards > li")
                if cards.count():
                    assert cards.count() <= 3
                    assert tab.locator(f"section:has({section}) a.more").is_visible()
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
            screenshot(tab, f"home-{city}-{language}-{width}")
        context.close()


@pytest.fixture
def moscow_editor(live_port, django_db_blocker):
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user("moscow-bar", password="editor-pass")
        user.groups.add(Group.objects.get(name="moscow editors"))
    yield user
    with django_db_blocker.unblock():
        user.delete()


def test_an_editor_gets_the_user_bar_and_its_checker_a_visitor_never_does(browser, live_port, moscow_editor, settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600  # the page cache on, as in production
    url = f"http://moscow.localhost:{live_port}/ru/practices/"
    visitor = browser.new_context().new_page()
    assert visitor.goto(url).headers.get("x-socle-cache") == "miss"
    assert visitor.locator("wagtail-userbar").count() == 0

    editor = watch_csp(browser.new_context().new_page())
    editor.goto(f"http://moscow.localhost:{live_port}/admin/login/")
    editor.fill("#id_username", "moscow-bar")
    editor.fill("#id_password", "editor-pass")
    editor.click("button[type=submit]")
    editor.wait_for_url("**/admin/")
    response = editor.goto(url)
    assert "x-socle-cache" not in response.headers  # a signed-in page is neither served from the cache nor kept
    assert editor.locator("wagtail-userbar").count() == 1
    editor.locator("wagtail-userbar #wagtail-userbar-trigger").click()
    checker = editor.locator("wagtail-userbar #checker-trigger")  # Wagtail's axe-based content checker
    checker.wait_for(state="visible")
    checker.click()
    editor.locator("wagtail-userbar #checker-results").wait_for(state="visible")
    screenshot(editor, "userbar-editor-moscow")
    assert editor.csp_errors == []

    again = visitor.goto(url)
    assert again.headers.get("x-socle-cache") == "hit"
    assert visitor.locator("wagtail-userbar").count() == 0
    visitor.context.close()
    editor.context.close()
