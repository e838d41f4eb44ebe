"""Fill the bare Wagtail project's database: ``python -m bench.bare_wagtail.build`` (run by bench_web.py).

Run in a process of its own, since it needs this project's settings, not Socle's. Migrates, then
gives each bench space's hostname (``--spaces N``: the first N only) a site whose root page has the
same plain page as in Socle, in English (the language measured). ``--sites N`` adds sites sharing
one page until there are N, as many as Socle's bench database holds (the other benchmarks' spaces):
Wagtail reads every site's root path to make a page's URL, so both must have as many.
"""

import argparse
import os


def build(sites: int, spaces: int | None = None) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from wagtail.models import Page, Site

    from bench.bare_wagtail.models import PlainPage
    from bench.web import content

    call_command("migrate", verbosity=0, interactive=False)
    root = Page.get_first_root_node()
    language = content.LANGUAGE
    with transaction.atomic():
        for space in content.spaces()[:spaces]:
            home = root.add_child(instance=PlainPage(title=space.name[language], slug=space.slug))
            home.add_child(
                instance=PlainPage(
                    title=space.title[language], slug=content.SLUG, show_in_menus=True,
                    intro=space.intro[language], body=space.body[language],
                )
            )  # fmt: skip
            Site.objects.create(hostname=space.hostname, port=80, root_page=home, site_name=space.name[language])
        missing = sites - Site.objects.count()
        if missing > 0:
            other = root.add_child(instance=PlainPage(title="Other sites", slug="other-sites"))
            others = [Site(hostname=f"other-{n:04d}.example.org", port=80, root_page=other) for n in range(missing)]
            Site.objects.bulk_create(others)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=0, help="sites in all (at least one per bench space)")
    parser.add_argument("--spaces", type=int, default=None, help="bench spaces built (all by default)")
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bare_wagtail.settings")
    import django

    django.setup()
    build(arguments.sites, arguments.spaces)
