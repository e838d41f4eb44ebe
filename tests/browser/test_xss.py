"""No XSS payload typed into any editable field ever runs, on a public page or in the admin.

Every field an editor or a coordinator writes — page titles, summaries, venues and rich text,
space names, principle statements and explanations, adoptions' local readings, playbook steps and
checklist steps with their notes — is filled with the payloads of tests/security/xss.py, in each
city's languages. A real Chromium then opens the public pages and the admin pages that show them;
``window.__xss__`` records any payload that ran, and public pages must not even try (a blocked
attempt shows up as a Content-Security-Policy violation).
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tests.helpers import remove_committed_principle
from tests.security.xss import poison, poisoned_rich_text, typed_rich_text

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

CITIES = {"paris": ["fr", "en"], "moscow": ["ru", "en"], "bangalore": ["en", "hi", "kn"]}

DETECTOR = """
window.__xss_ran__ = [];
window.__xss__ = (name) => window.__xss_ran__.push(String(name));
window.__csp__ = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.__csp__.push(event.violatedDirective + " " + event.blockedURI));
"""


def per_language(field: str, languages: list[str], number: int, limit: int = 120) -> dict:
    return {f"{field}_{code}": poison(code, number + index, limit) for index, code in enumerate(languages)}


def rich(field: str, languages: list[str]) -> dict:
    return {f"{field}_{code}": typed_rich_text(code) + poisoned_rich_text(code) for code in languages}


@pytest.fixture(scope="module")
def poisoned(live_port, django_db_blocker):
    """Every editable field of each city holding payloads; everything is put back afterwards."""
    from playbook.models import ChecklistStep, Stage, Step
    from sites.core.models import Adoption, PracticeIndexPage, PracticePage, Principle, Value
    from sites.events.models import EventIndexPage, EventPage
    from sites.spaces.models import Space
    from sites.sync.models import Change

    with django_db_blocker.unblock():
        changes_before = set(Change.objects.values_list("pk", flat=True))
        get_user_model().objects.create_superuser("xss-coordinator", "x@example.org", "xss-coordinator-pass")
        every = ["fr", "en", "ru", "hi", "kn"]
        principle = Principle(
            slug="xss-principle", **per_language("statement", every, 0, 255), **rich("explanation", every)
        )
        principle.values.set([Value.objects.first()])
        principle.save()
        principle.save_revision().publish()
        stage = Stage.objects.order_by("sort_order").first()
        step = Step.objects.create(
            stage=stage, slug="xss-step", sort_order=999,
            **per_language("title", every, 3, 160), **per_language("description", every, 5, 400),
        )  # fmt: skip
        made = {"pages": [], "checklist": [], "spaces": {}, "principle": principle, "step": step}
        start = timezone.now() + datetime.timedelta(days=3)
        for number, (slug, languages) in enumerate(CITIES.items()):
            space = Space.objects.get(slug=slug)
            made["spaces"][slug] = {field: getattr(space, field) for field in [f"name_{c}" for c in languages]}
            Space.objects.filter(pk=space.pk).update(**per_language("name", languages, number))
            home = space.site.root_page
            events = EventIndexPage.objects.descendant_of(home).get()
            event = EventPage(
                slug="xss-event", start=start, end=start + datetime.timedelta(hours=2),
                **per_language("title", languages, number + 1, 255), **per_language("summary", languages, number + 2),
                **per_language("venue", languages, number + 3, 255), **rich("body", languages),
            )  # fmt: skip
            events.add_child(instance=event)
            event.save_revision().publish()
            practices = PracticeIndexPage.objects.descendant_of(home).get()
            practice = PracticePage(
                slug="xss-practice", **per_language("title", languages, number + 4, 255),
                **per_language("summary", languages, number + 5), **rich("body", languages),
            )  # fmt: skip
            practice.principles = [principle]
            practices.add_child(instance=practice)
            practice.save_revision().publish()
            made["pages"] += [event, practice]
            Adoption.objects.update_or_create(
                space=space, principle=principle,
                defaults={"adopted_version": 1, "latest_version": 1,
                          **per_language("local_reading", languages, 6, 400)},
            )  # fmt: skip
            made["checklist"].append(
                ChecklistStep.objects.create(
                    space=space,
                    source=step,
                    stage_title=stage.title,
                    sort_order=999,
                    title=poison(languages[0], 7),
                    description=poison(languages[-1], 8),
                    note=poison(languages[0], 9, 400),
                )  # fmt: skip
            )
        yield made
        for each in made["pages"]:
            each.__class__.objects.get(pk=each.pk).delete()
        ChecklistStep.objects.filter(pk__in=[each.pk for each in made["checklist"]]).delete()
        Step.objects.filter(pk=step.pk).delete()
        remove_committed_principle(principle, changes_before)
        for slug, names in made["spaces"].items():
            space = Space.objects.get(slug=slug)
            for field, value in names.items():
                setattr(space, field, value)
            space.save()
        get_user_model().objects.filter(username="xss-coordinator").delete()


@pytest.fixture
def watched(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(DETECTOR)
    page.dialogs = dialogs
    return page


def assert_nothing_ran(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")
    html = page.content()
    # The payloads did reach the page (else this proves nothing) ...
    assert "__xss__" in html, f"no payload shown on {url}"
    # ... and none ran, none tried to, and none left a live handler, a javascript: link or an
    # executable script behind (data blocks such as <script type="application/json"> are inert).
    assert page.evaluate("window.__xss_ran__") == [], url
    assert page.dialogs == [], url
    live = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes]
              .filter((attribute) => /^on/i.test(attribute.name) && attribute.value.includes('__xss__'))
              .map((attribute) => element.tagName + ' ' + attribute.name))
          .concat([...document.querySelectorAll('a[href]')]
              .filter((link) => /^\\s*javascript:/i.test(link.getAttribute('href'))).map((link) => link.href))
          .concat([...document.scripts]
              .filter((script) => (!script.type || /javascript|module/i.test(script.type))
                                  && script.text.includes('__xss__'))
              .map(() => 'script'))"""
    )
    assert live == [], f"{url}: {live}"
    # The admin's own policy must not break it either: nothing at all is blocked there.
    assert page.evaluate("window.__csp__") == [], url


def test_no_payload_runs_on_the_public_pages(watched, live_port, poisoned):
    for slug, languages in CITIES.items():
        base = f"http://{slug}.localhost:{live_port}"
        for language in languages:
            for path in ("", "events/", "events/xss-event/", "practices/", "practices/xss-practice/", "principles/"):
                assert_nothing_ran(watched, f"{base}/{language}/{path}")
        assert_nothing_ran(watched, f"{base}/{languages[0]}/search/?q=xss")
        assert_nothing_ran(watched, f"{base}/{languages[0]}/network/")
    assert_nothing_ran(watched, f"http://localhost:{live_port}/")
    screenshot(watched, "xss-public-network-index")


def test_no_payload_runs_in_the_admin(watched, live_port, poisoned, django_db_blocker):
    from sites.spaces.models import Space

    sign_in(watched, live_port, "xss-coordinator", "xss-coordinator-pass")
    root = f"http://localhost:{live_port}"
    with django_db_blocker.unblock():
        spaces = list(Space.objects.filter(slug__in=CITIES))
    urls = [
        reverse("wagtailsnippets_core_principle:list"),
        reverse("wagtailsnippets_core_principle:edit", args=[poisoned["principle"].pk]),
        reverse("playbook_steps:index"),
        reverse("playbook_steps:edit", args=[poisoned["step"].pk]),
        reverse("checklist:index"),
        reverse("adoptions:index"),
        reverse("spaces:index"),
        reverse("socle_dashboard"),
        reverse("socle_dashboard_matrix"),
        *[reverse("checklist:edit", args=[each.pk]) for each in poisoned["checklist"]],
        *[reverse("wagtailadmin_pages:edit", args=[each.pk]) for each in poisoned["pages"]],
        *[reverse("wagtailadmin_explore", args=[each.get_parent().pk]) for each in poisoned["pages"]],
        *[reverse("spaces:edit", args=[space.pk]) for space in spaces],
        *[reverse("playbook_space", args=[space.pk]) for space in spaces],
        *[reverse("socle_dashboard_space", args=[space.pk]) for space in spaces],
    ]
    for url in urls:
        assert_nothing_ran(watched, url if url.startswith("http") else f"{root}{url}")
    screenshot(watched, "xss-admin-dashboard-space")


def test_the_detector_sees_a_payload_that_runs(watched, live_port):
    """The check above can fail: a payload that does reach the DOM unescaped is recorded."""
    watched.goto(f"http://localhost:{live_port}/admin/login/")
    watched.evaluate("""document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=__xss__("control")>')""")
    watched.wait_for_function("window.__xss_ran__.length > 0")
    assert watched.evaluate("window.__xss_ran__") == ["control"]
