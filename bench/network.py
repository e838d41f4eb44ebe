"""The network the benchmarks measure: the network core and 1,000 open spaces built from
``bench/web/content.py``, each with its site, home, plain page ``visit``, principles page, and
practices index with two practices linked to their principles (one of them to ``transparency``,
the principle the fan-out publishes, so that each delivery makes review items).

Made as an editor's pages are (Wagtail's add_child, the project's signals): the search index,
translation states and reference index are filled as in a real network. Built once per run, the
first time a benchmark asks for it (the benchmarks share the database); a few minutes here.
"""

import time

from bench.web import content

SPACES = content.SPACES


def _fields(name: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{name}_{code}": text for code, text in texts.items()}


def _build_space(root, space: content.BenchSpace, principles: dict) -> None:
    from wagtail.models import Site

    from sites.core.models import PracticeIndexPage, PracticePage, PrinciplesPage
    from sites.spaces.models import HomePage, Space, StandardPage

    home = root.add_child(instance=HomePage(slug=space.slug, **_fields("title", space.name)))
    home.add_child(
        instance=StandardPage(
            slug=content.SLUG, show_in_menus=True, **_fields("title", space.title),
            **_fields("intro", space.intro), **_fields("body", space.body),
        )
    )  # fmt: skip
    for key, page_class in (("principles", PrinciplesPage), ("practices", PracticeIndexPage)):
        texts = space.sections[key]
        section = home.add_child(
            instance=page_class(
                slug=key, show_in_menus=True, **_fields("title", texts["title"]), **_fields("intro", texts["intro"])
            )
        )
    for item in space.practices:
        practice = PracticePage(
            slug=item.slug, **_fields("title", item.title), **_fields("summary", item.summary),
            **_fields("body", item.body),
        )  # fmt: skip
        practice.principles = [principles[slug] for slug in item.principles]
        section.add_child(instance=practice)
    name = space.name[space.languages[0]]
    site = Site.objects.create(hostname=space.hostname, port=80, root_page=home, site_name=name)
    Space.objects.create(
        slug=space.slug, site=site, status=Space.Status.OPEN, country=space.country,
        time_zone=space.time_zone, languages=",".join(space.languages),
        **_fields("name", space.name), **_fields("city", space.city),
    )  # fmt: skip


def build_network() -> None:
    """The core and the 1,000 spaces, unless this run's database already has them."""
    from django.db import transaction
    from wagtail.models import Page

    from sites.core.models import Principle
    from sites.demo.loader import Report, load_core
    from sites.spaces.models import Space

    spaces = content.spaces()
    if Space.objects.filter(slug=spaces[-1].slug).exists():
        return
    started = time.perf_counter()
    load_core(Report())
    principles = {principle.slug: principle for principle in Principle.objects.all()}
    root = Page.get_first_root_node()
    with transaction.atomic():
        for space in spaces:
            _build_space(root, space, principles)
    print(f"   the network: {len(spaces)} spaces with their pages built in {time.perf_counter() - started:.0f} s")
